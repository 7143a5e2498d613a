"""Case studies are the tree's regression tests: each is replayed, and a changed outcome fails check by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.cli.commands import main
from build_tools.tree.cases import cases_file, check_cases

from .repository import DEFAULT_TREE

CASES = cases_file(DEFAULT_TREE)


def test_the_real_cases_hold_reach_every_recommendation_and_exercise_every_factor(tree):
    cases, problems = check_cases(CASES, tree)
    assert problems == []
    assert len(cases) >= 10
    assert {s.expected for s in cases} == set(tree.recommendations)
    asked = {tree.questions[q].factor for s in cases for q, _ in s.answers}
    assert asked == set(tree.factors)
    by_id = {s.id: s for s in cases}
    assert by_id["unpaid-invoice"].expected == "escalate-as-last-resort"
    assert by_id["no-authority-to-discount"].expected == "ask-for-the-manager"


@pytest.fixture
def copy(tmp_path) -> Path:
    """The real tree and cases in a folder of their own, for a test to edit; returns the tree's path."""
    shutil.copy(DEFAULT_TREE, tmp_path / "escalation.yaml")
    shutil.copy(CASES, tmp_path / "cases.yaml")
    return tmp_path / "escalation.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str, *, after: str = "") -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines, 1) if i > start and text in line)


def test_a_tree_edit_that_changes_a_cases_advice_fails_check_naming_the_case_and_both_outcomes(copy, capsys):
    # A relationship with no future would now lead to asking openly instead of going over their head.
    edit(
        copy,
        "carries little weight.\n        next: escalate-as-last-resort\n",
        "carries little weight.\n        next: escalate-with-consent\n",
    )
    assert main(["check", str(copy)]) == 1
    err = capsys.readouterr().err
    cases = copy.with_name("cases.yaml")
    line = line_of(cases, "expected: escalate-as-last-resort", after="refund-one-off-shop:")
    assert (
        f"cases.yaml:{line}:15: error: case 'refund-one-off-shop' expects 'escalate-as-last-resort', "
        "but its answers lead to 'escalate-with-consent': correct `expected:` if the case is wrong, "
        "or the tree if the case is right"
    ) in err


@pytest.mark.parametrize(
    ("old", "new", "evidence", "message"),
    [
        (
            "      - [impasse, no-reply]\n",
            "      - [impase, no-reply]\n",
            "[impase, no-reply]",
            "case 'landlord-silence': answer 4 is for question 'impase', but the path is at 'impasse'",
        ),
        (
            "      - [impasse, no-reply]\n",
            "      - [impasse, no-replay]\n",
            "[impasse, no-replay]",
            "case 'landlord-silence': question 'impasse' has no option 'no-replay' (did you mean 'no-reply'?)",
        ),
        (
            "      - [authority-signals, said-nothing]\n      - [impasse, no-reply]\n",
            "      - [impasse, deadlocked]\n      - [impasse, no-reply]\n",
            "[impasse, deadlocked]",
            "case 'landlord-silence': answer 3 is for question 'impasse', but the path is at 'authority-signals'",
        ),
        (
            "    expected: follow-up\n",
            "    expected: follow-upp\n",
            "expected: follow-upp",
            "case 'landlord-silence' expects 'follow-upp', which is not a recommendation (did you mean 'follow-up'?)",
        ),
        (
            "      - [setting, workplace]\n      - [urgency, can-wait]\n      - [authority-signals, within-their-power]\n"
            "      - [impasse, deadlocked]\n      - [other-strategies, not-tried]\n",
            "      - [setting, workplace]\n      - [urgency, can-wait]\n      - [authority-signals, within-their-power]\n"
            "      - [impasse, deadlocked]\n      - [other-strategies, tried]\n",
            "answers:",
            "the answers of case 'stalled-pay-talk' stop at question 'person-above-backs'",
        ),
        (
            "      - [boss-likelier, not-likelier]\n      - [still-working-together, keep-working]\n",
            "      - [boss-likelier, not-likelier]\n      - [still-working-together, keep-working]\n"
            "      - [relationship, ongoing]\n",
            "[relationship, ongoing]",
            "case 'supplier-rank-alone': answer 9 comes after the path already ended at 'likely-to-backfire'",
        ),
        (
            "      - [setting, customer]\n      - [urgency, can-wait]\n      - [authority-signals, within-their-power]\n"
            "      - [impasse, never-agree]\n"
            "      - [other-strategies, tried]\n      - [person-above-backs, unknown]\n"
            "      - [boss-likelier, likelier]\n      - [relationship, no-future]\n",
            "      - [setting, business]\n      - [urgency, can-wait]\n      - [authority-signals, within-their-power]\n"
            "      - [impasse, never-agree]\n"
            "      - [other-strategies, tried]\n      - [person-above-backs, unknown]\n"
            "      - [boss-likelier, likelier]\n      - [relationship, beyond-repair]\n",
            "answers:",
            "case 'refund-one-off-shop' gives the same answers as 'unpaid-invoice'",
        ),
        (
            "      to write straight to the landlord and copy in the agent's director, to\n"
            "      make sure something happens before the weekend.\n",
            "      to write.\n",
            "story:",
            "the story of case 'landlord-silence' has 53 words: keep it between 60 and 150",
        ),
    ],
    ids=[
        "unknown-question",
        "unknown-option",
        "out-of-order",
        "unknown-recommendation",
        "too-short",
        "too-long",
        "duplicate",
        "story-length",
    ],
)
def test_a_case_that_does_not_follow_the_tree_is_reported_at_its_line(copy, capsys, old, new, evidence, message):
    cases = copy.with_name("cases.yaml")
    edit(cases, old, new)
    assert main(["check", str(copy)]) == 1
    err = capsys.readouterr().err
    located = [line for line in err.splitlines() if message in line]
    assert located, err
    file_line = int(located[0].split(":")[1])
    assert evidence in cases.read_text(encoding="utf-8").splitlines()[file_line - 1]


def test_case_studies_under_their_former_name_stop_check_saying_how_to_rename_them(copy, capsys):
    copy.with_name("cases.yaml").rename(copy.with_name("scenarios.yaml"))
    assert main(["check", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "scenarios.yaml:1:1: error: case studies now live in cases.yaml, under the key `cases:`" in err
    assert "rename this file to cases.yaml and its `scenarios:` to `cases:`" in err
