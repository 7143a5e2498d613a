"""How the nodes fit together: references resolve, there are no loops, and everything is reachable.

With no loop and no reference to nothing, every path ends in a
recommendation. All walks use explicit stacks or queues, never recursion, so
a chain 100,000 questions deep is as safe as a short one.
"""

from __future__ import annotations

from collections import deque

from .model import Key, Tree
from .problems import Loc, Problem, Suggestions


def link_problems(tree: Tree) -> list[Problem]:
    """References that lead nowhere, loops, nodes no path reaches, and factors no question asks about."""
    return [
        *_dangling_references(tree),
        *_cycles(tree),
        *_unreachable(tree),
        *_unasked_factors(tree),
    ]


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
