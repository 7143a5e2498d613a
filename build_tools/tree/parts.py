"""Advice assembled from the reader's answers (tree 4.0): every rule for a recommendation's `parts`.

A part is for the readers whose earlier answers meet its `when`. Three things
can go wrong, and each is reported at its line:

- `when` names a question or an answer the tree does not have;
- no path into the recommendation meets `when`, so no reader would see the
  part (dead text). Found without listing paths: the questions `when` names
  must be passed in the tree's topological order, each through an answer it
  allows, and each must be reachable from the last; a question later in that
  order cannot be passed before an earlier one, so the chain is exact;
- a path ends in advice that is not whole: fewer than MIN_STEPS next steps
  or more than MAX_STEPS, no words to say, or fewer than MIN_MOVES moves if
  the answer is still no. In a tree that uses parts, every recommendation is
  held to this, on every path, since that is what its readers are shown.
"""

from __future__ import annotations

from .model import AdvicePart, Key, Recommendation, Tree
from .paths import iter_paths, topological_order
from .problems import Problem, Suggestions

MIN_STEPS, MAX_STEPS, MIN_MOVES = 3, 7, 2


def part_problems(tree: Tree, sound_graph: bool) -> list[Problem]:
    """Every rule of `parts`; those about paths only once the graph is sound and every part names real answers."""
    recommendations = [r for r in tree.recommendations.values() if r.parts]
    if not recommendations:
        return []
    problems = [p for r in recommendations for index, part in enumerate(r.parts) for p in _names(tree, r, index, part)]
    if sound_graph and not problems:
        problems += _dead(tree, recommendations)
    if sound_graph and not problems:  # a dead part is one mistake: the paths it leaves short are reported once it lives
        problems += _whole(tree)
    return problems


def _names(tree: Tree, rec: Recommendation, index: int, part: AdvicePart) -> list[Problem]:
    problems = []
    where = f"recommendation '{rec.id}', part {index + 1}"
    questions = Suggestions(tree.questions)
    for question_id, options in part.when:
        question = tree.questions.get(question_id)
        if question is None:
            problems.append(
                Problem(
                    part.when_where.key_of_entry(question_id),
                    f"{where}: 'when' names question '{question_id}', which the tree does not have"
                    f"{questions.hint(question_id)}: name a question asked before this advice",
                )
            )
            continue
        known = Suggestions([o.id for o in question.options])
        for option_id in options:
            if question.option(option_id) is None:
                problems.append(
                    Problem(
                        part.when_where.of_entry(question_id),
                        f"{where}: 'when' names answer '{option_id}' of question '{question_id}', which it does not "
                        f"have{known.hint(option_id)}: its answers are {', '.join(o.id for o in question.options)}",
                    )
                )
    return problems


def _dead(tree: Tree, recommendations: list[Recommendation]) -> list[Problem]:
    order = topological_order(tree)
    rank = {node: index for index, node in enumerate(order)}
    onward = _reachable(tree, order)
    problems = []
    for rec in recommendations:
        for index, part in enumerate(rec.parts):
            if not _met_on_some_path(tree, rec.id, part, rank, onward):
                named = ", ".join(f"{q}: {' or '.join(o)}" for q, o in part.when)
                problems.append(
                    Problem(
                        part.where.of(Key.WHEN),
                        f"recommendation '{rec.id}', part {index + 1}: no path to this advice answers {named}, "
                        "so no reader would see this part: correct its 'when', or remove it",
                    )
                )
    return problems


def _reachable(tree: Tree, order: list[str]) -> dict[str, set[str]]:
    """Every node reachable from each node, itself included: one pass against the topological order."""
    onward: dict[str, set[str]] = {}
    for node in reversed(order):
        question = tree.questions.get(node)
        found = {node}
        for option in question.options if question else ():
            found |= onward.get(option.next, {option.next})
        onward[node] = found
    return onward


def _met_on_some_path(
    tree: Tree, target: str, part: AdvicePart, rank: dict[str, int], onward: dict[str, set[str]]
) -> bool:
    here = {tree.start}
    for question_id, options in sorted(part.when, key=lambda condition: rank.get(condition[0], 0)):
        if not any(question_id in onward.get(node, ()) for node in here):
            return False
        here = {o.next for o in tree.questions[question_id].options if o.id in options}
    return any(target in onward.get(node, {node}) for node in here)


def _whole(tree: Tree) -> list[Problem]:
    """The first path into each recommendation whose assembled advice falls short, for each way it does."""
    found: dict[tuple[str, str], Problem] = {}
    for path in iter_paths(tree):
        rec = tree.recommendations[path.recommendation]
        advice = rec.advice(path.setting, dict(path.answers))
        say = advice.what_to_say
        shortfalls = {
            Key.NEXT_STEPS: (
                f"{len(advice.next_steps)} next steps, where a reader needs {MIN_STEPS} to {MAX_STEPS}"
                if not MIN_STEPS <= len(advice.next_steps) <= MAX_STEPS
                else ""
            ),
            Key.WHAT_TO_SAY: "" if say and say.opening and say.email else "no opening line and e-mail to say",
            Key.IF_STILL_NO: (
                f"{len(advice.if_still_no)} moves if the answer is still no, where a reader needs {MIN_MOVES}"
                if len(advice.if_still_no) < MIN_MOVES
                else ""
            ),
        }
        for name, shortfall in shortfalls.items():
            if shortfall and (rec.id, name) not in found:
                answers = "/".join(f"{q}.{o}" for q, o in path.answers)
                found[rec.id, name] = Problem(
                    rec.where.loc,
                    f"recommendation '{rec.id}': the readers who answer {answers} get {shortfall}: "
                    f"give '{name}' to every reader, or add a part for theirs",
                )
    return list(found.values())
