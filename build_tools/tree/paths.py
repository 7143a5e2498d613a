"""Walk a sound tree: enumerate its paths lazily, count them, and replay an answer sequence.

These functions expect a tree that passed validation (no loops, every
reference resolves). Paths can number in the billions on a wide DAG, so they
are counted by dynamic programming over a topological order and only ever
enumerated one at a time.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .model import Node, Option, Question, Tree
from .problems import did_you_mean

Answer = tuple[str, str]  # (question id, option id)


@dataclass(frozen=True)
class DecisionPath:
    answers: tuple[Answer, ...]
    recommendation: str
    setting: str | None = None  # the setting named by the option on the path that names one; None without settings

    def as_json(self) -> dict:
        found = {"answers": [list(a) for a in self.answers], "recommendation": self.recommendation}
        return found if self.setting is None else {**found, "setting": self.setting}


class StaleAnswers(ValueError):
    """An answer sequence that no longer fits the tree, such as an old shared link.

    `valid` is how many answers from the start still apply.
    """

    def __init__(self, message: str, valid: int) -> None:
        super().__init__(message)
        self.valid = valid


def iter_paths(tree: Tree) -> Iterator[DecisionPath]:
    """Every start-to-recommendation path, depth first, in option order.

    `answers` holds the chosen option of each question on the stack that has one.
    """
    answers: list[Answer] = []
    settings: list[str | None] = []  # the setting each answer names, if any
    stack: list[tuple[Question, Iterator[Option]]] = [
        (tree.questions[tree.start], iter(tree.questions[tree.start].options))
    ]
    while stack:
        question, options = stack[-1]
        option = next(options, None)
        if option is None:
            if len(answers) == len(stack):
                answers.pop()
                settings.pop()
            stack.pop()
            continue
        if len(answers) == len(stack):
            answers[-1] = (question.id, option.id)
            settings[-1] = option.setting
        else:
            answers.append((question.id, option.id))
            settings.append(option.setting)
        target = tree.questions.get(option.next)
        if target is None:
            yield DecisionPath(tuple(answers), option.next, next((s for s in settings if s), None))
        else:
            stack.append((target, iter(target.options)))


def topological_order(tree: Tree) -> list[str]:
    """Reachable node ids, each before every node it leads to (Kahn's algorithm)."""
    indegree: dict[str, int] = {tree.start: 0}
    order, frontier = [], [tree.start]
    # First pass: indegrees over the reachable part only.
    seen = {tree.start}
    while frontier:
        question = tree.questions.get(frontier.pop())
        for option in question.options if question else ():
            indegree[option.next] = indegree.get(option.next, 0) + 1
            if option.next not in seen:
                seen.add(option.next)
                frontier.append(option.next)
    frontier = [tree.start]
    while frontier:
        node_id = frontier.pop()
        order.append(node_id)
        question = tree.questions.get(node_id)
        for option in question.options if question else ():
            indegree[option.next] -= 1
            if indegree[option.next] == 0:
                frontier.append(option.next)
    return order


def count_paths(tree: Tree) -> int:
    """How many distinct answer sequences lead from the start to a recommendation."""
    counts: dict[str, int] = {}
    for node_id in reversed(topological_order(tree)):
        question = tree.questions.get(node_id)
        counts[node_id] = sum(counts[o.next] for o in question.options) if question else 1
    return counts[tree.start]


def describe_count(count: int) -> str:
    """A path count for people: exact while short, in scientific notation when astronomical."""
    if count < 10**15:
        return f"{count:,}"
    exponent = int(math.log10(count))
    return f"about {count / 10**exponent:.2f}e{exponent}"


def questions_left(tree: Tree) -> dict[str, int]:
    """For every reachable node, the most questions a reader can still be asked from it, itself included."""
    depth: dict[str, int] = {}
    for node_id in reversed(topological_order(tree)):
        question = tree.questions.get(node_id)
        depth[node_id] = 1 + max(depth[o.next] for o in question.options) if question else 0
    return depth


def longest_path(tree: Tree) -> int:
    """The most questions any reader can be asked on one path."""
    return questions_left(tree)[tree.start]


def setting_of(tree: Tree, answers: Sequence[Answer]) -> str | None:
    """The setting a sequence of answers puts the reader in: the first option on it that names one."""
    for question_id, option_id in answers:
        question = tree.questions.get(question_id)
        option = question.option(option_id) if question else None
        if option is not None and option.setting:
            return option.setting
    return None


def resolve(tree: Tree, answers: Sequence[Answer], *, former: bool = False) -> Node:
    """The node reached by replaying `answers` from the start; StaleAnswers if they do not fit.

    With `former`, an answer may name a question or option by an id it has
    since replaced (`former_ids`), as an old questionnaire link does.
    """
    renamed = tree.renamed
    node: Node = tree.questions[tree.start]
    for index, (question_id, option_id) in enumerate(answers):
        if not isinstance(node, Question):
            raise StaleAnswers(f"answer {index + 1} comes after the path already ended at '{node.id}'", index)
        current = renamed.get(question_id, question_id) if former else question_id
        if current != node.id:
            now = f" ('{question_id}' is now '{renamed[question_id]}')" if question_id in renamed else ""
            raise StaleAnswers(
                f"answer {index + 1} is for question '{question_id}'{now}, but the path is at '{node.id}'", index
            )
        option = node.option(option_id, former=former)
        if option is None:
            replaced = node.option(option_id, former=True)
            hint = (
                f" ('{option_id}' is now '{replaced.id}')"
                if replaced
                else did_you_mean(option_id, [o.id for o in node.options])
            )
            raise StaleAnswers(f"question '{node.id}' has no option '{option_id}'{hint}", index)
        found = tree.node(option.next)
        assert found is not None, "resolve() needs a validated tree"
        node = found
    return node


def count_paths_to(tree: Tree) -> dict[str, int]:
    """For every reachable node, how many answer sequences from the start arrive at it."""
    counts = dict.fromkeys(topological_order(tree), 0)
    counts[tree.start] = 1
    for node_id in counts:  # topological order: every parent is final before its children
        question = tree.questions.get(node_id)
        for option in question.options if question else ():
            counts[option.next] += counts[node_id]
    return counts


@dataclass(frozen=True)
class PathEnds:
    """A path from the start, kept only as far as it is shown.

    `head` is the whole path while it has at most the answers shown;
    a longer one keeps its first answers in `head` and its last in `tail`,
    and only counts the `skipped` answers between.
    """

    length: int
    head: tuple[Answer, ...]
    tail: tuple[Answer, ...] = ()

    @property
    def skipped(self) -> int:
        return self.length - len(self.head) - len(self.tail)


_Ends = tuple[int, tuple[Answer, ...], tuple[Answer, ...]]  # a PathEnds's fields, while it is being built


def sample_path_ends(tree: Tree, limit: int, shown: int | None = None) -> dict[str, list[PathEnds]]:
    """For each recommendation, up to `limit` answer sequences that end there, shortest first.

    The sequences are those a walk back from the recommendation meets first,
    preferring parents nearest the start, so short ones come first. A path
    longer than `shown` answers keeps only its first and last `shown // 2`
    (None: every path is kept whole).

    The walk is not run once per recommendation: a node's first `limit`
    paths are its parents' first paths, extended, in the order the walk
    visits those parents. So one pass in topological order finds them for
    every node, each node keeps at most `limit` paths, and each path is
    copied only as far as it is shown: linear in the tree, however deep.
    """
    order = topological_order(tree)
    nearness: dict[str, int] = {tree.start: 0}
    parents: dict[str, list[Answer]] = {}
    for node_id in order:
        question = tree.questions.get(node_id)
        if question is None:
            continue
        for option in question.options:
            parents.setdefault(option.next, []).append((question.id, option.id))
            nearness[option.next] = min(nearness.get(option.next, len(order)), nearness[node_id] + 1)
    keep = 0 if shown is None else shown // 2

    def extend(path: _Ends, answer: Answer) -> _Ends:
        length, head, tail = path
        if shown is None or length < shown:
            return length + 1, (*head, answer), ()
        if length == shown:  # the path outgrows what is shown: from now on only its ends are kept
            head, tail = head[:keep], head
        return length + 1, head, (*tail, answer)[len(tail) + 1 - keep :] if keep else ()

    uses = {q.id: len(q.options) for q in tree.questions.values()}  # a node's paths are dropped after its last use
    first: dict[str, list[_Ends]] = {tree.start: [(0, (), ())]}
    found: dict[str, list[PathEnds]] = {}
    for node_id in order[1:]:  # the start comes first: nothing leads to it
        paths: list[_Ends] = []
        # The walk visits the parents nearest the start first and, among equals, the later ones first.
        for answer in sorted(reversed(parents[node_id]), key=lambda answer: nearness[answer[0]]):
            for path in first[answer[0]][: limit - len(paths)]:
                paths.append(extend(path, answer))
            uses[answer[0]] -= 1
            if not uses[answer[0]]:
                del first[answer[0]]
        if node_id in tree.questions:
            first[node_id] = paths
        else:
            found[node_id] = [PathEnds(*path) for path in paths]
    # Shortest first, then in option order; a long path is ordered by the ends it keeps.
    position = {(q.id, o.id): i for q in tree.questions.values() for i, o in enumerate(q.options)}
    return {
        rid: sorted(
            found[rid],
            key=lambda path: (path.length, [position[a] for a in path.head], [position[a] for a in path.tail]),
        )
        for rid in tree.recommendations
    }


def sample_paths(tree: Tree, limit: int) -> dict[str, list[tuple[Answer, ...]]]:
    """The paths `sample_path_ends` finds, each whole: for small trees and tests.

    A whole path is copied at every step, which costs its length squared;
    pages list paths through `sample_path_ends`, keeping only what they show.
    """
    return {rid: [path.head for path in paths] for rid, paths in sample_path_ends(tree, limit).items()}
