"""Everything that makes a tree unsound, found in one pass and reported with a location.

The schema checks each node's shape; the graph checks here check how nodes fit
together: references resolve, there are no loops, everything is reachable and
every path ends in a recommendation. All walks use explicit stacks, so a chain
100,000 questions deep is as safe as a short one. Whether the tree fits a
site is checked by fit.py, which the pipeline (inputs.py) runs.

It is longer than most modules here because each graph check is a few lines
of its own, and keeping them together keeps "every problem in one pass" in
one place.
"""

from __future__ import annotations

import gc
import os
import unicodedata
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from .loader import load, load_text
from .model import RESERVED_IDS, Key, Option, Tree, reserved_because
from .problems import Loc, Problem, Suggestions, TreeInvalid
from .schema import schema_problems
from .yamlsource import SourceDoc


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
    return [
        *_reserved_ids(tree),
        *_duplicate_ids(tree),
        *_option_clashes(tree),
        *_former_id_clashes(tree),
        *_dangling_references(tree),
        *_cycles(tree),
        *_unreachable(tree),
        *_unasked_factors(tree),
    ]


def _reserved_ids(tree: Tree) -> list[Problem]:
    return [
        Problem(node.where.loc, f"id '{node.id}' is reserved: {reserved_because(node.id)}; rename it")
        for node in tree.nodes
        if node.id in RESERVED_IDS
    ]


def _duplicate_ids(tree: Tree) -> list[Problem]:
    return [
        Problem(
            rec.where.loc,
            f"id '{rid}' is used by both a question (line {tree.questions[rid].where.loc.line}) "
            "and a recommendation: ids must be unique, so rename one",
        )
        for rid, rec in tree.recommendations.items()
        if rid in tree.questions
    ]


def comparable(text: str) -> str:
    """What a reader can tell apart: Unicode composed (NFC), invisible characters dropped, spacing and case ignored."""
    composed = unicodedata.normalize("NFC", text)
    visible = "".join(c for c in composed if unicodedata.category(c) != "Cf")
    return " ".join(visible.split()).casefold()


def _option_clashes(tree: Tree) -> list[Problem]:
    problems = []
    for question in tree.questions.values():
        first_id: dict[str, Option] = {}
        first_label: dict[str, Option] = {}
        for option in question.options:
            earlier = first_id.setdefault(option.id, option)
            if option.id and earlier is not option:
                problems.append(
                    Problem(
                        option.where.of(Key.ID),
                        f"question '{question.id}' has two options with id '{option.id}' "
                        f"(the first is at line {earlier.where.of(Key.ID).line}): option ids must be unique within a question",
                    )
                )
            label = comparable(option.label)
            earlier = first_label.setdefault(label, option)
            if label and earlier is not option:
                problems.append(
                    Problem(
                        option.where.of(Key.LABEL),
                        f"question '{question.id}' has two options labelled '{option.label}' "
                        f"(the first is at line {earlier.where.of(Key.LABEL).line}): readers could not tell them apart",
                    )
                )
    return problems


def _former_id_clashes(tree: Tree) -> list[Problem]:
    """A former id must lead to one place only: not to a current node or option, nor to two that replaced it."""
    problems = []
    claimed: dict[str, str] = {}
    for node in tree.nodes:
        for index, former in enumerate(node.former_ids):
            loc = node.where.of_item(Key.FORMER_IDS, index)
            if tree.node(former) is not None:
                problems.append(
                    Problem(
                        loc,
                        f"'{node.id}' lists '{former}' as a former id, but '{former}' is a current id: "
                        "links to it already lead there, so remove it from former_ids",
                    )
                )
            elif former in RESERVED_IDS:
                problems.append(
                    Problem(loc, f"'{former}' cannot be a former id: no page can have been published under it")
                )
            elif claimed.setdefault(former, node.id) != node.id:
                problems.append(
                    Problem(
                        loc,
                        f"'{former}' is a former id of both '{claimed[former]}' and '{node.id}': "
                        "old links can lead to only one of them, so keep it on one",
                    )
                )
    for question in tree.questions.values():
        options: dict[str, str] = {o.id: o.id for o in question.options}
        for option in question.options:
            for index, former in enumerate(option.former_ids):
                earlier = options.setdefault(former, option.id)
                if earlier != option.id:
                    what = "a current option" if former == earlier else f"also a former id of option '{earlier}'"
                    problems.append(
                        Problem(
                            option.where.of_item(Key.FORMER_IDS, index),
                            f"option '{option.id}' of question '{question.id}' lists the former id '{former}', "
                            f"which is {what}: old links must lead to one option only",
                        )
                    )
    return problems


def _dangling_references(tree: Tree) -> list[Problem]:
    problems = []
    nodes, questions, factors = Suggestions(tree.node_ids), Suggestions(tree.questions), Suggestions(tree.factors)
    terms = Suggestions(tree.glossary)
    if tree.start:
        if tree.start in tree.recommendations:
            problems.append(
                Problem(tree.where.of(Key.START), f"start '{tree.start}' is a recommendation: it must be a question")
            )
        elif tree.start not in tree.questions:
            problems.append(
                Problem(
                    tree.where.of(Key.START),
                    f"start '{tree.start}' is not a question in this tree{questions.hint(tree.start)}",
                )
            )
    for question in tree.questions.values():
        for option in question.options:
            if option.next and tree.node(option.next) is None:
                problems.append(
                    Problem(
                        option.where.of(Key.NEXT),
                        f"option '{option.id}' of question '{question.id}' leads to '{option.next}', "
                        f"which is neither a question nor a recommendation{nodes.hint(option.next)}",
                    )
                )
        for index, term in enumerate(question.terms):
            if term not in tree.glossary:
                problems.append(
                    Problem(
                        question.where.of_item(Key.TERMS, index),
                        f"question '{question.id}' uses term '{term}', which the glossary does not define"
                        f"{terms.hint(term)}",
                    )
                )
        if question.factor and question.factor not in tree.factors:
            problems.append(
                _unknown_factor(
                    factors, question.where.of(Key.FACTOR), f"question '{question.id}' asks about", question.factor
                )
            )
    for rec in tree.recommendations.values():
        for index, factor in enumerate(rec.factors):
            if factor not in tree.factors:
                problems.append(
                    _unknown_factor(
                        factors, rec.where.of_item(Key.FACTORS, index), f"recommendation '{rec.id}' cites", factor
                    )
                )
    return problems


def _unknown_factor(factors: Suggestions, loc: Loc, who: str, factor: str) -> Problem:
    return Problem(loc, f"{who} factor '{factor}', which is not declared under 'factors'{factors.hint(factor)}")


def _cycles(tree: Tree) -> list[Problem]:
    """Report each option that closes a loop, with the loop spelt out."""
    problems = []
    state: dict[str, int] = {}  # absent: unvisited, 1: on the current path, 2: finished
    for root in tree.questions:
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(tree.questions[root].options)]
        while stack:
            option = next(stack[-1], None)
            if option is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            target = option.next
            if target not in tree.questions or state.get(target) == 2:
                continue
            if state.get(target) == 1:
                loop = [*path[path.index(target) :], target]
                problems.append(
                    Problem(
                        option.where.of(Key.NEXT),
                        f"option '{option.id}' of question '{path[-1]}' leads back to '{target}', "
                        f"making a loop: {' -> '.join(loop)}. Every path must end in a recommendation",
                    )
                )
                continue
            state[target] = 1
            path.append(target)
            stack.append(iter(tree.questions[target].options))
    return problems


def reachable(tree: Tree) -> set[str]:
    """Ids of every node that some path from the start reaches."""
    if tree.start not in tree.questions:
        return set()
    seen = {tree.start}
    queue = deque([tree.start])
    while queue:
        question = tree.questions.get(queue.popleft())
        for option in question.options if question else ():
            if option.next not in seen and tree.node(option.next) is not None:
                seen.add(option.next)
                queue.append(option.next)
    return seen


def _unreachable(tree: Tree) -> list[Problem]:
    if tree.start not in tree.questions:
        return []  # already reported; every node would look orphaned
    seen = reachable(tree)
    problems = [
        Problem(
            q.where.loc,
            f"question '{qid}' cannot be reached from the start '{tree.start}': link an option to it or remove it",
        )
        for qid, q in tree.questions.items()
        if qid not in seen
    ]
    problems += [
        Problem(r.where.loc, f"recommendation '{rid}' is never reached: no option on a path from the start leads to it")
        for rid, r in tree.recommendations.items()
        if rid not in seen and rid not in tree.questions
    ]
    return problems


def _unasked_factors(tree: Tree) -> list[Problem]:
    asked = {q.factor for q in tree.questions.values()}
    return [
        Problem(f.where.loc, f"factor '{fid}' is never asked about: give some question 'factor: {fid}'")
        for fid, f in tree.factors.items()
        if fid not in asked
    ]
