"""How readers reach a recommendation, as conditions: each question on the way and the answers that lead on.

Listing answer sequences shows a reader a wall of near-identical paths;
the conditions say the same thing once per question: option o of question q
leads towards recommendation r when q is reachable and o.next reaches r.
They are found walking back from r over its ancestors, latest in a
topological order first, so that when a question is taken every node after
it is already known to reach r or not. The walk stops after `limit`
questions (those nearest the recommendation), which keeps every page's cost
bounded however large the tree.

A question is asked on every way in exactly when every path to r passes it:
paths through q (those reaching q, times those from q on to r) are all the
paths to r. Both counts are exact integers, so the test is exact.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .model import Option, Question, Tree
from .paths import count_paths_to, topological_order


@dataclass(frozen=True)
class Condition:
    """A question on some way to a recommendation, the options that lead on towards it, and whether every way asks it."""

    question: Question
    options: tuple[Option, ...]
    always: bool


@dataclass(frozen=True)
class WaysIn:
    conditions: list[Condition]
    """In the order a reader meets them, from the start."""
    more: bool
    """Whether questions further back were left out."""


def ways_in(tree: Tree, limit: int) -> dict[str, WaysIn]:
    """For each recommendation, the conditions of at most `limit` questions nearest it."""
    order = topological_order(tree)
    position = {node_id: index for index, node_id in enumerate(order)}
    parents: dict[str, list[str]] = {}
    for node_id in order:
        question = tree.questions.get(node_id)
        for option in question.options if question else ():
            parents.setdefault(option.next, []).append(node_id)
    arriving = count_paths_to(tree)
    return {
        rid: _walk_back(tree, rid, position, parents, arriving, limit)
        for rid in tree.recommendations
        if rid in position
    }


def _walk_back(
    tree: Tree,
    rid: str,
    position: dict[str, int],
    parents: dict[str, list[str]],
    arriving: dict[str, int],
    limit: int,
) -> WaysIn:
    onward = {rid: 1}  # node -> how many ways lead from it on to the recommendation
    queued = set(parents.get(rid, ()))
    heap = [(-position[q], q) for q in queued]
    heapq.heapify(heap)
    found: list[Condition] = []
    while heap and len(found) < limit:
        _, qid = heapq.heappop(heap)
        question = tree.questions[qid]
        leading = tuple(o for o in question.options if o.next in onward)
        onward[qid] = sum(onward[o.next] for o in leading)
        found.append(Condition(question, leading, arriving[qid] * onward[qid] == arriving[rid]))
        for parent in parents.get(qid, ()):
            if parent not in queued:
                queued.add(parent)
                heapq.heappush(heap, (-position[parent], parent))
    return WaysIn(found[::-1], bool(heap))
