"""Plain data that remembers where it came from: what the YAML reader builds, and the way back to a position.

Every check that reports a line and column looks it up here, long after the
file was read, so this is the one thing the reader (yamlsource.py), the
loader, the schema messages and the case studies share. A position is packed
into one int, because a large tree has millions of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .problems import Loc, Problem

# A 1-based position packed into one int, line << 32 | column: a large tree
# has millions of them, and an int is much lighter than a tuple.
Pos = int
ORIGIN: Pos = 1 << 32 | 1  # line 1, column 1


class PlacedDict(dict):
    """A mapping that remembers where each key and its value start: {key: (key pos, value pos)}."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        self.positions: dict[str, tuple[Pos, Pos]] = {}


class PlacedList(list):
    """A list that remembers where each item starts."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        self.positions: list[Pos] = []


# Where libyaml starts a new line and an editor does not: YAML 1.1's breaks, and a carriage return alone.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class LineCount:
    """Positions as libyaml counts lines, turned into lines counted at `\n` only, as everything else counts them.

    libyaml also ends a line at NEL, U+2028, U+2029 and a lone carriage return, so in a file that holds one,
    its line numbers run ahead of the editor's, and `rename` would edit the wrong line.
    """

    yaml_starts: tuple[int, ...]  # the offset each of libyaml's lines starts at
    starts: tuple[int, ...]  # the offset each line ending in \n starts at

    @classmethod
    def of(cls, text: str) -> LineCount | None:
        """The translation for `text`, or None where libyaml counts lines as editors do (nearly always)."""
        if not _YAML_ONLY_BREAK.search(text):
            return None
        yaml_starts = (0, *(match.end() for match in _YAML_BREAK.finditer(text)))
        starts = (0, *(index + 1 for index, char in enumerate(text) if char == "\n"))
        return cls(yaml_starts, starts)

    def translate(self, line: int, col: int) -> tuple[int, int]:
        """libyaml's 1-based line and column, as the 1-based line and column an editor shows."""
        offset = self.yaml_starts[min(line, len(self.yaml_starts)) - 1] + col - 1
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


@dataclass
class SourceDoc:
    """Plain data from one YAML file, with a way back from any part of it to its position."""

    file: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    lines: LineCount | None = None  # set where libyaml's line numbers differ from an editor's

    def at(self, pos: Pos) -> Loc:
        line, col = pos >> 32, pos & 0xFFFFFFFF
        if self.lines is not None:
            line, col = self.lines.translate(line, col)
        return Loc(self.file, line, col)

    def key_loc(self, container: dict, key: str) -> Loc:
        assert isinstance(container, PlacedDict), "every mapping read from the file is a PlacedDict"
        return self.at(container.positions[key][0])

    def value_loc(self, container: dict | list, key: str | int) -> Loc:
        if isinstance(container, PlacedList) and isinstance(key, int):
            return self.at(container.positions[key])
        assert isinstance(container, PlacedDict) and isinstance(key, str), "read from the file, so placed"
        return self.at(container.positions[key][1])

    def locate(self, path: Any, *, key: bool = False) -> Loc:
        """The position of the value at `path` (or of its key, with key=True).

        Falls back to the deepest part of the path that exists, so an error
        about a missing field points at the mapping that lacks it.
        """
        value, pos = self.data, ORIGIN
        parts = list(path)
        for i, part in enumerate(parts):
            if isinstance(value, PlacedDict) and part in value:
                kpos, pos = value.positions[part]
                if key and i == len(parts) - 1:
                    return self.at(kpos)
            elif isinstance(value, PlacedList) and isinstance(part, int) and part < len(value):
                pos = value.positions[part]
            else:
                break
            value = value[part]
        return self.at(pos)
