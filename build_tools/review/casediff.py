"""The case studies as written, compared: which were added, removed or edited, and where an edited one leads.

An id that `former_ids` replaced counts as today's on both sides, so that
`rename` rewriting a case's old ids is no edit; what the edit changed in the
advice is treediff.py's replay of every case through both trees.
"""

from __future__ import annotations

from typing import Any

from ..tree.cases import Case
from ..tree.model import Key, Question, Tree
from ..tree.paths import StaleAnswers, resolve
from ..tree.yamlsource import read
from .changes import CaseEdit, TreeDiff


def compare_case_texts(
    diff: TreeDiff,
    old: Tree,
    new: Tree,
    before: tuple[str | None, list[Case]],
    after: tuple[str | None, list[Case]],
) -> None:
    """Cases added, removed, or edited in the file, and for an edited one where its answers lead before and now."""
    written = [
        {cid: _in_todays_ids(raw, new) for cid, raw in _raw_cases(text).items()} for text in (before[0], after[0])
    ]
    old_cases, new_cases = ({case.id: case for case in cases} for cases in (before[1], after[1]))
    diff.cases_added = [cid for cid in written[1] if cid not in written[0]]
    diff.cases_removed = [cid for cid in written[0] if cid not in written[1]]
    for cid, raw in written[1].items():
        earlier = written[0].get(cid)
        if earlier is None or earlier == raw:
            continue
        changed = [name for name in dict.fromkeys([*earlier, *raw]) if earlier.get(name) != raw.get(name)]
        was = resolve(old, old_cases[cid].answers).id if cid in old_cases else None
        now = outcome(new, new_cases[cid].answers)[0] if cid in new_cases else None
        diff.cases_edited.append(CaseEdit(cid, changed, was, now))


def _in_todays_ids(raw: dict[str, Any], tree: Tree) -> dict[str, Any]:
    """A case's fields with the ids that `former_ids` replaced written as today's, so that `rename` is no edit."""
    renamed = tree.renamed
    answers = raw.get("answers")
    if isinstance(answers, list):
        current: list[Any] = []
        for pair in answers:
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
                asked: str = pair[0]
                question = tree.questions.get(renamed.get(asked, asked))
                option = question.option(pair[1], former=True) if question else None
                current.append([question.id, option.id] if question and option else pair)
            else:
                current.append(pair)
        raw = {**raw, "answers": current}
    expected = raw.get("expected")
    return {**raw, "expected": renamed.get(expected, expected)} if isinstance(expected, str) else raw


def _raw_cases(text: str | None) -> dict[str, dict[str, Any]]:
    """Each case's fields as written, read leniently: a case the edit breaks is still an edited case."""
    data = read(text, "cases").data if text is not None else None
    cases = data.get(Key.CASES) if isinstance(data, dict) else None
    if not isinstance(cases, dict):
        return {}
    return {str(cid): raw if isinstance(raw, dict) else {"": raw} for cid, raw in cases.items()}


def outcome(tree: Tree, answers: tuple[tuple[str, str], ...]) -> tuple[str | None, str]:
    """Where `answers` lead in `tree`, old ids followed: a recommendation's id, or None and why not."""
    try:
        node = resolve(tree, answers, former=True)
    except StaleAnswers as stale:
        return None, f"no longer fits: {stale}"
    if isinstance(node, Question):
        return None, f"now goes on to question '{node.id}'"
    return node.id, ""
