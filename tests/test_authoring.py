"""An editor's round: rename, check, lock, rewrite. One run of `check` reports everything; make runs each command.

Each test works on a copy of the project (mkdocs.yml, docs/, decision_tree/)
and runs the command line in it, as an editor does in their checkout.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .projects import make, run, tool
from .repository import ROOT

QUESTION = ("boss-likelier", "manager-reason")  # answered by most case studies
RECOMMENDATION = ("keep-negotiating", "keep-talking")  # linked from docs/factors/other-strategies.md


def rename(project: Path, kind: str, ids: tuple[str, str], *, former: bool = True) -> None:
    """Give a node a new id, as the editors' guide says: every `next:` follows, and `former_ids` keeps the old."""
    tree = project / "decision_tree" / "escalation.yaml"
    old, new = ids
    text = tree.read_text(encoding="utf-8")
    header = f"\n  {old}:\n"
    assert text.count(header) == 1, f"{kind} '{old}' is defined once"
    keep = f"    former_ids: [{old}]\n" if former else ""
    text = text.replace(header, f"\n  {new}:\n{keep}").replace(f"next: {old}\n", f"next: {new}\n")
    tree.write_text(text, encoding="utf-8")


def lines(stream: str, severity: str) -> list[str]:
    return [line for line in stream.splitlines() if f": {severity}: " in line]


@pytest.mark.slow  # runs make
def test_a_rename_with_former_ids_needs_only_make_permalinks_and_rename_rewrites_the_old_ids(project):
    rename(project, "question", QUESTION)
    rename(project, "recommendation", RECOMMENDATION)

    checked = tool(project, "check")
    assert checked.returncode == 1
    (error,) = lines(checked.stderr, "error")
    assert "permalinks.lock" in error and "python -m build_tools permalinks --update" in error
    notes = lines(checked.stderr, "note")
    case_notes = [n for n in notes if n.startswith("decision_tree/cases.yaml:")]
    answers = [n for n in case_notes if "names 'boss-likelier', which is now 'manager-reason'" in n]
    expected = [
        n
        for n in case_notes
        if "case 'pay-review-next-month' names 'keep-negotiating', which is now 'keep-talking'" in n
    ]
    assert len(answers) >= 5 and len(expected) == 1 and len(answers) + 1 == len(case_notes)
    link = next(n for n in notes if n.startswith("docs/factors/other-strategies.md:"))
    assert "names 'keep-negotiating', which is now 'keep-talking'" in link and "make rename" in link
    assert checked.stderr.rstrip().endswith("1 problem found"), "notes are not counted as problems"

    assert make(project, "permalinks").returncode == 0
    checked = tool(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert lines(checked.stderr, "note") == notes, "the old ids still work, and are still noted"
    assert re.search(r"; \d+ case studies, \d+ locked URLs$", checked.stdout.strip()), checked.stdout

    renamed = make(project, "rename")
    assert renamed.returncode == 0, renamed.stderr
    assert f"{len(case_notes)} old ids rewritten" in renamed.stdout
    checked = tool(project, "check")
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    cases = (project / "decision_tree" / "cases.yaml").read_text(encoding="utf-8")
    assert "boss-likelier" not in cases and "[manager-reason, likelier]" in cases
    assert "# yaml-language-server" in cases, "comments and layout are kept"
    page = (project / "docs" / "factors" / "other-strategies.md").read_text(encoding="utf-8")
    assert "(../tree/recommendations/keep-talking.md)" in page


@pytest.mark.slow  # builds a site
def test_the_site_builds_with_the_old_ids_still_written(project):
    """Before `rename`, the build follows the hand-written link and the cases to the renamed pages."""
    rename(project, "recommendation", RECOMMENDATION)
    assert tool(project, "permalinks", "--update").returncode == 0
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    site = project / "site"
    factor = (site / "factors" / "other-strategies" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tree/recommendations/keep-talking/"' in factor
    moved = (site / "tree" / "recommendations" / "keep-negotiating" / "index.html").read_text(encoding="utf-8")
    assert 'url=../keep-talking/"' in moved, "the old address redirects"


def test_check_reports_every_kind_of_problem_in_one_run(project):
    rename(project, "recommendation", RECOMMENDATION, former=False)  # the lock and a case now break
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [a page](tree/questions/no-such-question.md).\n")
    checked = tool(project, "check")
    assert checked.returncode == 1
    files = {line.split(":", 1)[0] for line in lines(checked.stderr, "error")}
    assert {"decision_tree/cases.yaml", "docs/about.md", "decision_tree/permalinks.lock"} <= files
    case = next(line for line in lines(checked.stderr, "error") if "pay-review-next-month" in line)
    assert "case 'pay-review-next-month' expects 'keep-negotiating', which is not a recommendation" in case


def test_piped_output_stops_quietly_when_the_reader_has_enough():
    reader = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "paths"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout and reader.stderr
    first = reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    assert reader.wait(timeout=60) == 0
    assert b"->" in first and reader.stderr.read() == b""


@pytest.mark.slow  # runs make
def test_make_runs_the_editors_commands_without_naming_the_virtualenv():
    listed = run(ROOT, "make", "--no-print-directory", "-s", "paths")
    direct = run(ROOT, sys.executable, "-m", "build_tools", "paths")
    assert listed.returncode == 0 and listed.stdout == direct.stdout
    compared = run(ROOT, "make", "--no-print-directory", "-s", "diff", "REF=HEAD")
    assert compared.returncode == 0, compared.stderr
    assert compared.stdout.strip()
