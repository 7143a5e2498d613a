"""Printed letters never move: a new recommendation takes the next free letter, a renamed one keeps its own.

Answer keys printed from one version of the handout must stay right for the
next, so `decision_tree/letters.lock` records each recommendation's letter.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_tools.classroom.handout import render_handouts
from build_tools.classroom.letters import letters_of, read_letters
from build_tools.cli.commands import main
from build_tools.tree.checks import check_text

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
PAUSE = """recommendations:
  pause:
    title: Pause first
    verdict: Pause.
    rationale: A new outcome, written first in the file.
    risks:
      - Pausing too long.
    next_steps:
      - Pause.
    factors: [only]
"""


def test_a_recommendation_added_first_takes_the_next_letter_and_the_others_keep_theirs():
    text = MINIMAL.replace("recommendations:\n", PAUSE, 1).replace("        next: stop\n", "        next: pause\n", 1)
    tree, problems = check_text(text, "t.yaml")
    assert problems == [] and list(tree.recommendations) == ["pause", "go", "stop"]
    lines, _ = read_letters("A go\nB stop\n", "letters.lock")
    letters = letters_of(tree, lines)
    assert letters == {"go": "A", "stop": "B", "pause": "C"}
    learner = render_handouts(tree, [], directory_urls=True, site_url=None, letters=letters)[0]["handout.md"]
    headings = [line for line in learner.splitlines() if line.startswith("### ") and ". " in line]
    assert [h.split(".")[0] for h in headings[-3:]] == ["### A", "### B", "### C"], "printed in the letters' order"


def test_a_renamed_recommendation_keeps_its_letter_and_a_removed_ones_is_never_given_again():
    text = MINIMAL.replace("\n  go:\n", "\n  proceed:\n    former_ids: [go]\n").replace("next: go\n", "next: proceed\n")
    tree, problems = check_text(text, "t.yaml")
    assert problems == []
    lines, _ = read_letters("A retired-advice\nB go\n", "letters.lock")
    assert letters_of(tree, lines) == {"proceed": "B", "stop": "C"}


def test_check_names_a_letter_given_twice_and_a_recommendation_without_one(project, monkeypatch, capsys):
    lock = project / "decision_tree" / "letters.lock"
    text = lock.read_text(encoding="utf-8")
    assert "B act-now\n" in text and "M escalate-as-last-resort\n" in text
    lock.write_text(
        text.replace("B act-now\n", "A act-now\n").replace("M escalate-as-last-resort\n", ""), encoding="utf-8"
    )
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    line = lock.read_text(encoding="utf-8").splitlines().index("A act-now") + 1
    assert f"decision_tree/letters.lock:{line}:1: error: letter A is already 'ask-for-the-manager''s" in err, err
    assert "no letter yet, such as 'act-now'" in err and "permalinks --update" in err


def test_permalinks_update_gives_a_recommendation_without_a_letter_the_next_free_one(project, monkeypatch, capsys):
    lock = project / "decision_tree" / "letters.lock"
    lock.write_text(lock.read_text(encoding="utf-8").replace("C claim-what-is-owed\n", ""), encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["permalinks", "--update"]) == 0
    assert "added letter C claim-what-is-owed" in capsys.readouterr().out
    assert main(["check"]) == 0


def test_each_case_in_the_facilitators_edition_gives_its_path_question_by_question_to_its_letter():
    """`3.2` is question 3, answer 2, as printed: following the printed questions from it reaches the letter."""
    from build_tools.tree.cases import read_cases

    from .repository import DEFAULT_TREE

    tree = check_text(DEFAULT_TREE.read_text(encoding="utf-8"), str(DEFAULT_TREE))[0]
    cases, _ = read_cases(DEFAULT_TREE, tree)
    pages, _ = render_handouts(tree, cases, directory_urls=True, site_url=None)
    facilitator = pages["handout/facilitator.md"]
    learner = pages["handout.md"]
    paths = re.findall(r"^Path&#58; (.*) → \*\*([A-Z]+)\*\*$", facilitator, re.M)
    assert len(paths) == len(cases) and "Path&#58;" not in learner, "every case's path, for facilitators only"
    numbered = {n: question for n, question in enumerate(_printed_order(learner, tree), start=1)}
    for (steps, printed_letter), case in zip(paths, cases, strict=True):
        node = tree.questions[tree.start]
        for step in steps.split(" → "):
            question_number, answer_number = map(int, step.split("."))
            assert numbered[question_number] == node.id, f"case {case.id}: the path follows the printed questions"
            node = tree.node(node.options[answer_number - 1].next)
        assert node.id == case.expected
        assert re.search(rf"^### {printed_letter}\. ", learner, re.M)


def _printed_order(handout: str, tree) -> list[str]:
    """The questions' ids in the order the handout numbers them, read from its headings."""
    titles = {question.title: question.id for question in tree.questions.values()}
    headings = [html.unescape(t) for t in re.findall(r"^### \d+\. (.+)$", handout, re.M)]
    return [titles[t] for t in headings if t in titles]
