"""Everything that makes a tree unsound, found in one pass and reported with a location.

The schema checks each node's shape; the graph checks check how nodes fit
together: ids that tell things apart (ids.py), and references that resolve,
with no loops and everything reachable (graph.py), and the settings' rules
(settings.py), which need a sound graph to follow paths. Whether the tree fits a
site is checked by fit.py, which the pipeline (inputs.py) runs.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

from .graph import link_problems
from .ids import id_problems
from .loader import load, load_text
from .model import Tree
from .parts import part_problems
from .placed import SourceDoc
from .problems import Problem, TreeInvalid
from .schema import schema_problems
from .settings import setting_problems


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a tree is loaded and checked.

    Building millions of small objects sets the collector off again and again,
    and each pass walks everything built so far, so loading grew with the
    square of the tree. Nothing built here forms a reference cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_file(path: str | os.PathLike[str], name: str | None = None) -> Tree:
    """The tree in `path` if it is sound; otherwise raise TreeInvalid with every problem.

    Whether it also fits a site is the pipeline's question (inputs.py).
    """
    with collector_paused():
        doc, tree = load(path, name)
        problems = find_problems(doc, tree)
    if problems:
        raise TreeInvalid(problems)
    return tree


def check_text(text: str, name: str) -> tuple[Tree, list[Problem]]:
    """The tree in `text` and every problem with it (empty when it is sound)."""
    with collector_paused():
        doc, tree = load_text(text, name)
        return tree, find_problems(doc, tree)


def find_problems(doc: SourceDoc, tree: Tree) -> list[Problem]:
    if doc.data is None and doc.problems:
        return sorted(doc.problems)  # unreadable YAML: nothing further is meaningful
    return sorted({*doc.problems, *schema_problems(doc), *graph_problems(tree)})


def graph_problems(tree: Tree) -> list[Problem]:
    links = link_problems(tree)
    sound = not links
    return [*id_problems(tree), *links, *setting_problems(tree, sound_graph=sound), *part_problems(tree, sound)]
