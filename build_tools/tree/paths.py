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
