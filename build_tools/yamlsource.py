"""Read YAML as authors mean it, remembering where every key and value came from.

Why not `yaml.safe_load`: it follows YAML 1.1, where an option id `yes` turns
into True and `010` into 8, it silently keeps the last of two duplicate keys,
it expands aliases (the "billion laughs" bomb), and it throws positions away.
Here PyYAML (with libyaml when present) only composes the node graph; scalars
are resolved by the YAML 1.2 core schema, and every mistake becomes a located
`Problem` instead of an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from .problems import Loc, Problem

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class _Core12Resolver(yaml.resolver.BaseResolver):
    """Plain-scalar resolution by the YAML 1.2 core schema (spec section 10.3.2)."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


for _tag, _pattern, _first in [
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]:
    _Core12Resolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)


if yaml.__with_libyaml__:  # libyaml composes large trees about ten times faster

    class _Loader(yaml.cyaml.CParser, _Core12Resolver):
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            _Core12Resolver.__init__(self)

else:  # pragma: no cover - depends on how PyYAML was built

    class _Loader(
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Core12Resolver
    ):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Core12Resolver.__init__(self)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.tag == NULL:
        return None
    if node.tag == BOOL:
        return value.lower() == "true"
    if node.tag == INT:
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 16) if value.startswith("0x") else int(value)
    if node.tag == FLOAT:
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return {int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


@dataclass
class SourceDoc:
    """Plain data from one YAML file, with a way back from any part of it to its position."""

    file: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    # id(dict) -> {key: (key node, value node)}; id(list) -> [item nodes].
    _maps: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)
    _seqs: dict[int, list[yaml.Node]] = field(default_factory=dict)
    _root: yaml.Node | None = None

    def at(self, node: yaml.Node | None) -> Loc:
        return Loc(self.file, 1, 1) if node is None else self.at_mark(node.start_mark)

    def at_mark(self, mark: yaml.Mark) -> Loc:
        return Loc(self.file, mark.line + 1, mark.column + 1)

    def key_loc(self, container: dict, key: str) -> Loc:
        return self.at(self._maps[id(container)][key][0])

    def value_loc(self, container: dict | list, key: str | int) -> Loc:
        if isinstance(container, list):
            return self.at(self._seqs[id(container)][key])  # type: ignore[index]
        return self.at(self._maps[id(container)][key][1])  # type: ignore[index]

    def node_loc(self, container: dict | list) -> Loc:
        """Where a mapping or list starts (used for 'missing field' messages)."""
        return self.locate_object(container)

    def locate_object(self, target: Any) -> Loc:
        # Only called on error paths, so a walk from the root is fine.
        return self.locate(self._path_to(target))

    def _path_to(self, target: Any) -> list[str | int]:
        stack: list[tuple[Any, list[str | int]]] = [(self.data, [])]
        while stack:
            value, path = stack.pop()
            if value is target:
                return path
            if isinstance(value, dict):
                stack.extend((v, [*path, k]) for k, v in value.items())
            elif isinstance(value, list):
                stack.extend((v, [*path, i]) for i, v in enumerate(value))
        return []

    def locate(self, path: Any, *, key: bool = False) -> Loc:
        """The position of the value at `path` (or of its key, with key=True).

        Falls back to the deepest part of the path that exists, so a schema
        error about a missing field points at the mapping that lacks it.
        """
        value, node = self.data, self._root
        parts = list(path)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(value, dict) and part in value:
                knode, node = self._maps[id(value)][part]
                if last and key:
                    return self.at(knode)
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                node = self._seqs[id(value)][part]
                value = value[part]
            else:
                break
        return self.at(node)


def read(text: str, file: str) -> SourceDoc:
    """Compose `text` and turn it into plain data, collecting every problem on the way."""
    doc = SourceDoc(file)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or str(err)
        lines = text.splitlines()
        at_tab = mark is not None and mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"
        hint = ": a tab is not allowed here, indent with spaces" if at_tab else ""
        doc.problems.append(Problem(Loc(file, line, col), f"invalid YAML: {what}{hint}"))
        return doc
    except yaml.YAMLError as err:
        doc.problems.append(Problem(Loc(file, 1, 1), f"invalid YAML: {err}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem(Loc(file, 1, 1), "invalid YAML: nesting is too deep"))
        return doc
    doc._root = root
    if root is not None:
        builder = _Builder(doc)
        doc.data = builder.build(root)
        if builder.aliased:
            _report_aliases(text, doc)
    return doc


def _report_aliases(text: str, doc: SourceDoc) -> None:
    """Point at each `*alias` itself: composed nodes only remember where the anchor was."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            doc.problems.append(
                Problem(
                    doc.at_mark(token.start_mark),
                    f"alias '*{token.value}' is not supported: write the value out instead of reusing an anchor",
                )
            )


class _Builder:
    """Turns the composed node graph into dicts, lists and scalars, without recursion."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.aliased = False

    def problem(self, node: yaml.Node, message: str) -> None:
        self.doc.problems.append(Problem(self.doc.at(node), message))

    def build(self, root: yaml.Node) -> Any:
        result = self.shell(root)
        stack = [(root, result)]
        while stack:
            node, value = stack.pop()
            if isinstance(node, yaml.MappingNode):
                self.fill_map(node, value, stack)
            elif isinstance(node, yaml.SequenceNode):
                nodes: list[yaml.Node] = []
                self.doc._seqs[id(value)] = nodes
                for item in node.value:
                    child = self.shell(item)
                    value.append(child)
                    nodes.append(item)
                    if isinstance(child, (dict, list)):
                        stack.append((item, child))
        return result

    def shell(self, node: yaml.Node) -> Any:
        """An empty container to fill later, or a scalar's value."""
        if id(node) in self.seen:
            # The composer hands back the very same node for an alias; refusing
            # it here also defuses alias "bombs" before anything is expanded.
            # A scalar is a leaf, so its value stands in without risk and
            # spares the author knock-on errors; a collection is never expanded.
            self.aliased = True
            return _scalar(node) if isinstance(node, yaml.ScalarNode) else None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != MAP:
                self.problem(node, f"unsupported tag '{node.tag}': remove it")
            return {}
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ:
                self.problem(node, f"unsupported tag '{node.tag}': remove it")
            return []
        if node.tag not in (STR, INT, FLOAT, BOOL, NULL):
            self.problem(node, f"unsupported tag '{node.tag}': remove it")
            return node.value
        return _scalar(node)

    def fill_map(self, node: yaml.MappingNode, value: dict, stack: list) -> None:
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        self.doc._maps[id(value)] = entries
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                self.problem(knode, "merge keys (<<) are not supported: write the fields out")
                continue
            key = self.shell(knode) if isinstance(knode, yaml.ScalarNode) else knode
            if not isinstance(key, str):
                shown = knode.value if isinstance(knode, yaml.ScalarNode) else "a collection"
                self.problem(
                    knode,
                    f"key {shown!r} is {_type_name(key) if isinstance(knode, yaml.ScalarNode) else 'not a scalar'}, "
                    f"but keys must be strings: put it in quotes, like '{shown}':",
                )
                continue
            if key in entries:
                first = self.doc.at(entries[key][0])
                self.problem(knode, f"duplicate key '{key}' (first defined at line {first.line}): remove or rename one")
                continue
            child = self.shell(vnode)
            entries[key] = (knode, vnode)
            value[key] = child
            if isinstance(child, (dict, list)):
                stack.append((vnode, child))
