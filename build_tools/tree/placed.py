"""Plain data that remembers where it came from: what the YAML reader builds, and the way back to a position.

Every check that reports a line and column looks it up here, long after the
file was read, so this is the one thing the reader (yamlsource.py), the
loader, the schema messages and the case studies share. A position is packed
into one int, because a large tree has millions of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import Loc, Problem

# A 1-based position packed into one int, line << 16 | column: a large tree
# has millions of them, and an int is much lighter than a tuple.
Pos = int
ORIGIN: Pos = 1 << 16 | 1  # line 1, column 1


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


@dataclass
class SourceDoc:
    """Plain data from one YAML file, with a way back from any part of it to its position."""

    file: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    def at(self, pos: Pos) -> Loc:
        return Loc(self.file, pos >> 16, pos & 0xFFFF)

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
