"""Case studies as data, checked against the tree: the tree's regression tests.

`decision_tree/cases.yaml` holds situations with the answers a reader in
them would give and the recommendation those answers must reach. `check`
replays every case through the tree, so an edit that changes a case's
advice fails until someone updates the case on purpose, and the message says
which case, what it expected and what it gets now.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .loader import display_name
from .model import RESERVED_IDS, Key, Question, Tree, reserved_because
from .paths import StaleAnswers, resolve
from .placed import SourceDoc
from .problems import Loc, Problem, Suggestions, TreeInvalid, errors, former_id_note
from .schema import cases_schema_problems
from .yamlsource import read

STORY_WORDS = (60, 150)  # a story long enough to decide, short enough to read aloud
TEXT_FIELDS = ("title", "story", "expected", "teaching_note")


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    story: str
    answers: tuple[tuple[str, str], ...]
    expected: str
    teaching_note: str


CASES_FILE = "cases.yaml"  # beside the tree
FORMER_CASES_FILE = "scenarios.yaml"  # its name, and `scenarios:` its key, until December 2026


def cases_file(tree_file: str | os.PathLike[str]) -> Path:
    """Where a tree's case studies live: beside it."""
    return Path(tree_file).with_name(CASES_FILE)


def former_cases_text(text: str) -> str:
    """Case studies written before the rename, read as today's: only the top key changed, so `diff` can
    compare with a commit that still has scenarios.yaml."""
    return re.sub(r"^scenarios:", f"{Key.CASES}:", text, count=1, flags=re.MULTILINE)


def load_cases(tree_file: str | os.PathLike[str], tree: Tree) -> list[Case]:
    """The case studies beside `tree_file` (none if there is no such file); TreeInvalid if any fails."""
    cases, problems = read_cases(tree_file, tree)
    if errors(problems):
        raise TreeInvalid(problems)
    return cases


def read_cases(tree_file: str | os.PathLike[str], tree: Tree) -> tuple[list[Case], list[Problem]]:
    """The case studies beside `tree_file` that could be read, and every problem and note about them."""
    path = cases_file(tree_file)
    former = path.with_name(FORMER_CASES_FILE)
    if former.exists() and not path.exists():
        moved = (
            f"case studies now live in {CASES_FILE}, under the key `cases:`: "
            f"rename this file to {CASES_FILE} and its `scenarios:` to `cases:`"
        )
        return [], [Problem(Loc(display_name(former), 1, 1), moved)]
    if not path.exists():
        return [], []
    return check_cases(path, tree, display_name(path))


def case_ids_written(tree_file: str | os.PathLike[str], cases: list[Case]) -> list[str] | None:
    """Every case id the file names, even of cases too broken to read: the pages the site would publish.

    Read as every YAML file here is read (yamlsource.py), so ids such as `yes` or `010` stay text and no
    nesting can exhaust the stack; None if the file is not YAML at all, when which pages it makes is unknown.
    """
    try:
        data = read(cases_file(tree_file).read_text(encoding="utf-8"), "cases").data
    except (OSError, UnicodeDecodeError):
        data = None
    if data is None:
        return None
    written = data.get(Key.CASES) if isinstance(data, dict) else None
    ids = [key for key in written if isinstance(key, str)] if isinstance(written, dict) else []
    return list(dict.fromkeys([*(case.id for case in cases), *ids]))


def check_cases(path: Path, tree: Tree, name: str | None = None) -> tuple[list[Case], list[Problem]]:
    """Every case in `path`, and every problem with them against `tree` (none when all hold)."""
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [], [Problem(Loc(name, 1, 1), f"cannot read the case studies: {err}")]
    return check_cases_text(text, tree, name)


def check_cases_text(text: str, tree: Tree, name: str) -> tuple[list[Case], list[Problem]]:
    """As `check_cases`, for text already in memory (such as the file at an earlier commit)."""
    doc = read(text, name)
    if doc.data is None and doc.problems:
        return [], sorted(doc.problems)
    problems = [*doc.problems, *cases_schema_problems(doc)]
    data = doc.data.get(Key.CASES) if isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return [], sorted(problems)
    checker = _Checker(doc, tree)
    cases = [case for cid, raw in data.items() if (case := checker.case(cid, raw)) is not None]
    checker.duplicates(cases)
    return cases, sorted({*problems, *checker.problems})


class _Checker:
    """What the schema cannot say about cases: page addresses, story length, and the replay through the tree."""

    def __init__(self, doc: SourceDoc, tree: Tree) -> None:
        self.doc, self.tree = doc, tree
        self.problems: list[Problem] = []
        self.recommendations = Suggestions(tree.recommendations)

    def at(self, path: list[Any], *, key: bool = False) -> Loc:
        return self.doc.locate([Key.CASES, *path], key=key)

    def case(self, sid: str, raw: Any) -> Case | None:
        """The case, if its fields have the right types (the schema reports those that do not)."""
        if sid in RESERVED_IDS:
            self.problems.append(
                Problem(
                    self.at([sid], key=True), f"'{sid}' cannot be a case id: {reserved_because(sid)}; rename the case"
                )
            )
        if not isinstance(raw, dict) or not all(isinstance(raw.get(f), str) for f in TEXT_FIELDS):
            return None
        answers = _answers(raw.get("answers"))
        if answers is None:
            return None
        case = Case(sid, raw["title"], raw["story"], answers, raw["expected"], raw["teaching_note"])
        words = len(case.story.split())
        if not STORY_WORDS[0] <= words <= STORY_WORDS[1]:
            self.problems.append(
                Problem(
                    self.at([sid, "story"]),
                    f"the story of case '{sid}' has {words} words: keep it between "
                    f"{STORY_WORDS[0]} and {STORY_WORDS[1]}",
                )
            )
        return self.replay(case)

    def replay(self, case: Case) -> Case:
        """Follow the answers through the tree, as an old questionnaire link is: an id a question or an
        option replaced (`former_ids`) still finds it. Reports where they stop fitting, notes each old
        id, and gives the case in today's ids."""
        sid = case.id
        try:
            node = resolve(self.tree, case.answers, former=True)
        except StaleAnswers as stale:
            self.problems.append(Problem(self.at([sid, "answers", stale.valid]), f"case '{sid}': {stale}"))
            return case
        case = replace(case, answers=self.current(case), expected=self.tree.renamed.get(case.expected, case.expected))
        if isinstance(node, Question):
            self.problems.append(
                Problem(
                    self.at([sid, "answers"], key=True),
                    f"the answers of case '{sid}' stop at question '{node.id}': add its answer",
                )
            )
        elif case.expected not in self.tree.recommendations:
            hint = self.recommendations.hint(case.expected)
            self.problems.append(
                Problem(
                    self.at([sid, "expected"]),
                    f"case '{sid}' expects '{case.expected}', which is not a recommendation{hint}",
                )
            )
        elif node.id != case.expected:
            self.problems.append(
                Problem(
                    self.at([sid, "expected"]),
                    f"case '{sid}' expects '{case.expected}', but its answers lead to '{node.id}': "
                    f"correct `expected:` if the case is wrong, or the tree if the case is right",
                )
            )
        return case

    def current(self, case: Case) -> tuple[tuple[str, str], ...]:
        """The answers in today's ids (they resolve: replay() checked), noting each old id at its place."""
        answers = []
        for index, (question_id, option_id) in enumerate(case.answers):
            question = self.tree.questions[self.tree.renamed.get(question_id, question_id)]
            option = question.option(option_id, former=True)
            assert option is not None, "the answers resolve"
            where = f"case '{case.id}', answer {index + 1},"
            for side, (old, new) in enumerate(((question_id, question.id), (option_id, option.id))):
                if old != new:  # at the id itself, in whatever style the pair is written (`rename` edits there)
                    self.problems.append(former_id_note(self.at([case.id, "answers", index, side]), where, old, new))
            answers.append((question.id, option.id))
        if case.expected in self.tree.renamed:
            new = self.tree.renamed[case.expected]
            self.problems.append(
                former_id_note(self.at([case.id, "expected"]), f"case '{case.id}'", case.expected, new)
            )
        return tuple(answers)

    def duplicates(self, cases: list[Case]) -> None:
        first: dict[tuple[tuple[str, str], ...], str] = {}
        for case in cases:
            earlier = first.setdefault(case.answers, case.id)
            if earlier != case.id:
                self.problems.append(
                    Problem(
                        self.at([case.id, "answers"], key=True),
                        f"case '{case.id}' gives the same answers as '{earlier}': make each case distinct",
                    )
                )


def _answers(raw: Any) -> tuple[tuple[str, str], ...] | None:
    """The answers as pairs of ids, or None if they are not (the schema says where)."""
    if not isinstance(raw, list) or not raw:
        return None
    if not all(isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair) for pair in raw):
        return None
    return tuple((pair[0], pair[1]) for pair in raw)
