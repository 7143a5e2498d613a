"""Printed letters never move: a new recommendation takes the next free letter, a renamed one keeps its own.

Answer keys printed from one version of the handout must stay right for the
next, so `decision_tree/letters.lock` records each recommendation's letter.
"""

from __future__ import annotations

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
