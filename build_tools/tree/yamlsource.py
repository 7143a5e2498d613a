"""Read YAML as authors mean it, remembering where every key and value came from.

Why not `yaml.safe_load`: it follows YAML 1.1, where an option id `yes` turns
into True and `010` into 8; it silently keeps the last of two duplicate keys;
it expands aliases (the "billion laughs" bomb); and it throws positions away.
Here PyYAML's parser (libyaml when present) only produces events; scalars are
resolved by the YAML 1.2 core schema (scalars.py), and every mistake becomes a
located `Problem` instead of an exception. Building straight from events,
rather than from a composed node graph, keeps a 100,000-node tree to a few
seconds; what it builds is placed data (placed.py).

It runs past 200 lines because the event loop and its fast path are one
piece, tuned together, and splitting them would cost the speed they exist for.

Decision (issue 16, 2026-12-02, 2-vCPU Xeon): keep it; ruamel.yaml 0.19.1's round-trip loader, the only one with `.lc` positions, spent 136 s of CPU and 2.5 GB parsing 100,000 nodes, where this loads and validates them in 9.1 s and 558 MB; the bar is 10 s.
"""

from __future__ import annotations

from sys import intern
from typing import Any

import yaml

from .placed import ORIGIN, LineCount, PlacedDict, PlacedList, Pos, SourceDoc
from .problems import Loc, Problem
from .scalars import MAYBE_NOT_STR, NumberTooLong, core_scalar

# yaml.cyaml.CParser exists whenever libyaml does; the type stubs import it without exporting it.
Parser = yaml.cyaml.CParser if yaml.__with_libyaml__ else yaml.BaseLoader  # type: ignore[attr-defined]

MAX_DEPTH = 50  # lists and mappings inside each other; the real tree uses 7
TOO_DEEP = (
    f"lists or mappings nested more than {MAX_DEPTH} deep, where the format nests at most about ten: "
    "a text field takes text, so write the text itself (in quotes if it starts with '[' or '{')"
)
_CORE_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number" if isinstance(value, (int, float)) else "not text"


def read(text: str, file: str) -> SourceDoc:
    """Parse `text` into plain data, collecting every problem on the way."""
    doc = SourceDoc(file, lines=LineCount.of(text))
    try:
        doc.data = _Builder(doc, Parser(text)).run()
    except yaml.MarkedYAMLError as err:
        doc.data = None
        doc.problems.append(_syntax_problem(err, text, doc))
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, at its place
        doc.data = None
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        doc.problems.append(
            Problem(
                Loc(file, line, col),
                f"invalid YAML: the character U+{err.character:04X} is not allowed in YAML ({err.reason}): "
                "remove it, or write it as an escape such as \\f inside double quotes",
            )
        )
    except yaml.YAMLError as err:
        doc.data = None
        doc.problems.append(Problem(Loc(file, 1, 1), f"invalid YAML: {err}"))
    return doc


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, doc: SourceDoc) -> Problem:
    mark = err.problem_mark or err.context_mark
    loc = doc.at((mark.line + 1) << 32 | (mark.column + 1) if mark else ORIGIN)
    lines = text.split("\n")
    at_tab = loc.line <= len(lines) and lines[loc.line - 1][loc.col - 1 : loc.col] == "\t"
    hint = ": a tab is not allowed here, indent with spaces" if at_tab else ""
    if err.problem == "mapping values are not allowed in this context":  # `title: Words: more words`
        hint = ": a colon followed by a space cannot stand in plain text; put the whole text in quotes"
    if "nesting depth" in str(err.problem):  # libyaml's own limit, past this reader's MAX_DEPTH
        hint = f": {TOO_DEEP}"
    return Problem(loc, f"invalid YAML: {err.problem or err}{hint}")


class _Frame:
    """A mapping or list being filled, plus what is known about the key awaiting its value."""

    __slots__ = ("container", "key", "key_pos", "pending", "positions", "skip")

    def __init__(self, container: dict | list, positions: dict | list) -> None:
        self.container = container
        self.positions: Any = positions  # a PlacedDict's or a PlacedList's, like the container
        self.pending = False  # for mappings: a key has been read and awaits its value
        self.key: Any = None
        self.key_pos: Pos = ORIGIN
        self.skip = False  # the pending key was refused, so drop its value


class _Builder:
    """Turns parser events into dicts, lists and scalars, with no recursion."""

    def __init__(self, doc: SourceDoc, parser: Any) -> None:
        self.doc = doc
        self.parser = parser
        self.stack: list[_Frame] = []
        self.anchored_scalars: dict[str, Any] = {}
        self.root: Any = None

    def problem(self, pos: Pos, message: str) -> None:
        self.doc.problems.append(Problem(self.doc.at(pos), message))

    def run(self) -> Any:
        parser, documents, stack = self.parser, 0, self.stack
        check_event, get_event, scalar_event, maybe_not_str = (
            parser.check_event,
            parser.get_event,
            yaml.ScalarEvent,
            MAYBE_NOT_STR,
        )
        try:
            while check_event():
                event: Any = get_event()
                # Fast path for the events that make up nearly all of a large
                # tree: a plain key, new to its mapping, or the text under it.
                if event.__class__ is scalar_event and event.tag is None and event.anchor is None and stack:
                    frame = stack[-1]
                    container = frame.container
                    if container.__class__ is PlacedDict:
                        raw = event.value
                        mark: Any = event.start_mark  # always set on events from a parser
                        value = (
                            self.plain(raw, mark) if event.implicit[0] and (not raw or raw[0] in maybe_not_str) else raw
                        )
                        if frame.pending:
                            if not frame.skip:
                                container[frame.key] = value
                                frame.positions[frame.key] = (
                                    frame.key_pos,
                                    (mark.line + 1) << 32 | (mark.column + 1),
                                )
                            frame.pending = False
                            continue
                        if value.__class__ is str and value not in container:
                            # The same few field names recur millions of times.
                            frame.pending, frame.skip, frame.key = True, False, intern(value)
                            frame.key_pos = (mark.line + 1) << 32 | (mark.column + 1)
                            continue
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.problem(
                            _pos(event), "only one YAML document is allowed: remove the '---' and what follows"
                        )
                        break
                elif isinstance(event, yaml.ScalarEvent):
                    self.scalar(event)
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    self.start(event)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    self.stack.pop()  # it was attached to its parent when it opened
                elif isinstance(event, yaml.AliasEvent):
                    self.alias(event)
        finally:
            parser.dispose()
        return self.root

    def plain(self, raw: str, mark: Any) -> Any:
        """A plain scalar's value; a number too long to be one is reported, and kept as its text."""
        try:
            return core_scalar(raw)
        except NumberTooLong:
            self.problem(
                (mark.line + 1) << 32 | (mark.column + 1),
                f"this is read as a number {len(raw):,} digits long; if it is text, put it in quotes",
            )
            return raw

    def check_tag(self, event: Any) -> None:
        if event.tag is not None and event.tag not in _CORE_TAGS:
            self.problem(_pos(event), f"unsupported tag '{event.tag}': remove it")

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event)
        plain = event.tag is None and event.implicit[0]
        value = self.plain(event.value, event.start_mark) if plain else event.value
        if event.anchor:
            self.anchored_scalars[event.anchor] = value
        self.attach(value, _pos(event), raw=event.value)

    def start(self, event: Any) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:  # what reads the data later may recurse, and the format needs a few levels
            raise yaml.MarkedYAMLError(
                problem=TOO_DEEP,
                problem_mark=event.start_mark,
            )
        container: dict | list
        positions: dict | list
        if isinstance(event, yaml.MappingStartEvent):
            container = PlacedDict()
            positions = container.positions
        else:
            container = PlacedList()
            positions = container.positions
        self.attach(container, _pos(event), opening=True)
        self.stack.append(_Frame(container, positions))

    def alias(self, event: yaml.AliasEvent) -> None:
        self.problem(
            _pos(event), f"alias '*{event.anchor}' is not supported: write the value out instead of reusing an anchor"
        )
        # A scalar is a leaf, so its value stands in without risk and spares the
        # author knock-on errors; a collection is never expanded (no alias bombs).
        self.attach(self.anchored_scalars.get(event.anchor or ""), _pos(event))

    def attach(self, value: Any, pos: Pos, *, opening: bool = False, raw: str = "") -> None:
        """Place a scalar, or a container as it opens, in the mapping or list being filled."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            container.append(value)
            frame.positions.append(pos)
        elif not frame.pending:  # this is a key; its value comes next
            frame.pending, frame.key, frame.key_pos, frame.skip = True, value, pos, True
            if opening:
                self.problem(pos, "a key must be plain text, not a list or mapping")
            elif not isinstance(value, str):
                self.problem(
                    pos, f"key '{raw}' is {_kind(value)}, but keys must be strings: put it in quotes, like '{raw}':"
                )
            elif value in container:
                first = self.doc.at(frame.positions[value][0]).line
                self.problem(pos, f"duplicate key '{value}' (first defined at line {first}): remove or rename one")
            else:
                frame.skip = False
        else:
            if not frame.skip:
                container[frame.key] = value
                frame.positions[frame.key] = (frame.key_pos, pos)
            frame.pending = False


def _pos(event: yaml.Event) -> Pos:
    mark = event.start_mark
    assert mark is not None, "events from a parser carry their position"
    return (mark.line + 1) << 32 | (mark.column + 1)
