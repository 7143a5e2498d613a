"""Tree files for tests: write data as YAML 1.2, and reach every text field through the schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from build_tools.tree.cases import STORY_WORDS, cases_file
from build_tools.tree.scalars import core_scalar
from build_tools.tree.schema import _schema

from .repository import DEFAULT_TREE


class _Dumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1; quote the strings that YAML 1.2 would read as something else."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if core_scalar(value) != value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


TEXT_REF = "#/$defs/text"


def map_texts(data: Any, change: Callable[[str], str], schema: dict | None = None) -> Any:
    """`data` with every value the schema calls text replaced by `change(value)`.

    Driven by the schema, so a text field added to the format is covered
    without touching the tests.
    """
    root = _schema()
    schema = root if schema is None else schema
    ref = schema.get("$ref")
    if ref == TEXT_REF:
        return change(data)
    if ref:
        return map_texts(data, change, root["$defs"][ref.rsplit("/", 1)[1]])
    if isinstance(data, dict):
        properties, rest = schema.get("properties", {}), schema.get("additionalProperties")
        return {
            key: map_texts(value, change, properties.get(key, rest if isinstance(rest, dict) else {}))
            for key, value in data.items()
        }
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        return [map_texts(item, change, schema["items"]) for item in data]
    return data


def tree_copy_with(folder: Path, text: Callable[[], str], source: Path = DEFAULT_TREE) -> Path:
    """The real tree (or `source`) and its cases written to `folder`, each text field replaced by a fresh `text()`.

    A case's story gets enough plain words after its text to keep within the
    story's word limits, so that any text passes the case checks.
    """
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    path = folder / "tree.yaml"
    path.write_text(dump(map_texts(data, lambda _: text())), encoding="utf-8")
    cases = yaml.safe_load(cases_file(source).read_text(encoding="utf-8"))
    for case in cases["cases"].values():
        case["title"] = text()
        case["story"] = text() + " " + " ".join(["then"] * STORY_WORDS[0])
        case["teaching_note"] = text()
    cases_file(path).write_text(dump(cases), encoding="utf-8")
    return path


def text_paths(data: Any, schema: dict, root: dict, path: tuple = ()) -> list[tuple]:
    """The path to every value in `data` that `schema` calls text, for the tree's schema and the cases'.

    References into the tree's schema (`tree.schema.json#/$defs/...`, as the cases'
    schema makes) are followed there, so both files are held to one rule.
    """
    tree = _schema()
    ref = schema.get("$ref", "")
    if ref:
        target, name = (
            (tree, ref.rsplit("/", 1)[1]) if ref.startswith("tree.schema.json") else (root, ref.rsplit("/", 1)[1])
        )
        if target is tree and name == "text":
            return [path]
        return text_paths(data, target["$defs"][name], target, path)
    if isinstance(data, dict):
        properties, rest = schema.get("properties", {}), schema.get("additionalProperties")
        return [
            found
            for key, value in data.items()
            for found in text_paths(
                value, properties.get(key, rest if isinstance(rest, dict) else {}), root, (*path, key)
            )
        ]
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        return [found for i, item in enumerate(data) for found in text_paths(item, schema["items"], root, (*path, i))]
    return []


def shape(path: tuple, data: Any) -> tuple:
    """A path with its ids and list positions blurred: one shape stands for every field of one kind."""
    blurred, node = [], data
    for step in path:
        ids_here = isinstance(node, dict) and all(isinstance(v, dict) for v in node.values()) and len(node) > 1
        blurred.append("*" if isinstance(step, int) or ids_here else step)
        node = node[step]
    return tuple(blurred)


def set_at(data: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def synthetic_tree(nodes: int) -> Any:
    """A sound `Tree` of about `nodes` nodes, built in memory (no YAML to read): for tests of large trees.

    The shape of the benchmarks' synthetic trees: every question leads on to
    the next (so the longest path is as deep as the tree), every other one
    also skips a question (so the paths grow exponentially in number), and the
    rest offer a way out to one of the recommendations, a tenth of the nodes.
    """
    from build_tools.tree.located import Located
    from build_tools.tree.model import Option, Question, Recommendation
    from build_tools.tree.problems import Loc

    here = Located(Loc("synthetic", 1, 1))
    recs = max(1, nodes // 10)
    count = max(1, nodes - recs)

    def target(j: int, fallback: int) -> str:
        return f"q{j}" if j < count else f"r{fallback % recs}"

    questions = {}
    for i in range(count):
        onward, aside = target(i + 1, i), target(i + 2, i) if i % 2 else f"r{(i // 2) % recs}"
        options = (
            Option("on", "Answer on", "Went on.", onward, here),
            Option("off", "Answer off", "Aside.", aside, here),
        )
        questions[f"q{i}"] = Question(f"q{i}", f"Question {i}", f"Question number {i}?", "A chain.", "f", options, here)
    recommendations = {
        f"r{r}": Recommendation(
            f"r{r}", f"Recommendation {r}", "Do it.", "Because.", ("Risk.",), ("Step.",), ("f",), here
        )
        for r in range(recs)
    }
    return tree_in_memory(questions, recommendations, here)


def tree_in_memory(questions: dict, recommendations: dict, here: Any) -> Any:
    """A `Tree` of these questions and recommendations, starting at q0, every question about factor "f"."""
    from build_tools.tree.model import Factor, Source, Tree

    return Tree(
        file=here.loc.file,
        title="A tree built in memory",
        version="1.0.0",
        source=Source("Generated for tests.", "Nowhere", "2026-01-01"),
        start="q0",
        factors={"f": Factor("f", "The factor", "Every question asks about it.", "factors/f.md", here)},
        questions=questions,
        recommendations=recommendations,
        where=here,
    )
