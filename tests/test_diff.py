"""`diff` shows a reviewer what an edit does to the advice, on trees committed to a temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.cli.commands import main
from build_tools.site.lockfile import LOCK_NAME
from build_tools.tree.cases import load_cases
from build_tools.tree.paths import iter_paths

from .repository import DEFAULT_TREE, ROOT

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Reviewer", "-c", "user.email=r@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def committed(repo: Path, *files: Path) -> Path:
    """A git repository holding `files`, committed; returns the copy of the first."""
    git(repo, "init", "-q")
    for file in files:
        shutil.copy(file, repo / file.name)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the tree as published")
    return repo / files[0].name


def committed_site(repo: Path) -> None:
    """A git repository holding the project's site (mkdocs.yml, docs/, decision_tree/), committed."""
    for name in ("mkdocs.yml", "docs", "decision_tree"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the site as published")


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
    file.write_text(text.replace(old, new), encoding="utf-8")


def diff(capsys, tree: Path, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *args, "--file", str(tree)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_one_edge_change_reports_the_changed_paths_and_both_recommendations(tmp_path, capsys, tree):
    real = [DEFAULT_TREE, DEFAULT_TREE.with_name("cases.yaml"), DEFAULT_TREE.with_name(LOCK_NAME)]
    copy = committed(tmp_path, *real)
    text = copy.read_text(encoding="utf-8")
    option = text.index("      - id: no-future")
    at = text.index("next: escalate-as-last-resort", option)
    copy.write_text(text[:at] + "next: protect-the-relationship" + text[at + 29 :], encoding="utf-8")

    through = [p.answers for p in iter_paths(tree) if ("relationship", "no-future") in p.answers]
    cases = [c.id for c in load_cases(DEFAULT_TREE, tree) if ("relationship", "no-future") in c.answers]
    assert through and cases, "the edited edge must lie on some paths and cases"

    status, out, _ = diff(capsys, copy)
    assert status == 0
    assert f"{len(through)} of the earlier paths end differently" in out
    assert f"escalate-as-last-resort -> protect-the-relationship: {len(through)} paths" in out
    for case in cases:
        assert f"{case}: escalate-as-last-resort -> protect-the-relationship" in out
    assert "reworded relationship: options['no-future'].next" in out

    status, out, _ = diff(capsys, copy, "HEAD", "--json")
    data = json.loads(out)
    assert data["outcomes"] == [
        {"before": "escalate-as-last-resort", "after": "protect-the-relationship", "paths": len(through)}
    ]
    assert sorted(tuple(map(tuple, c["answers"])) for c in data["paths"]) == sorted(through)
    assert [c["id"] for c in data["cases"]] == cases


def test_renames_rewordings_and_broken_urls_are_each_named(tmp_path, capsys):
    tree = committed(tmp_path, MINIMAL)
    edit(tree, "  stop:\n", "  halt:\n    former_ids: [stop]\n")  # renamed, with its move declared
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: stop", "next: halt"), encoding="utf-8")
    edit(tree, "  go:\n", "  proceed:\n")  # renamed without former_ids: the old URL breaks
    edit(tree, "        next: go\n", "        next: proceed\n")
    edit(tree, "    prompt: Switch it on or off?\n", "    prompt: Turn it on or off?\n")
    edit(tree, "        label: No, stop here\n", "        label: No, halt here\n")

    status, out, _ = diff(capsys, tree)
    assert status == 0
    # Without former_ids, nothing says proceed is go renamed: its path counts as changed; with them, stop's do not.
    assert "1 of the earlier paths end differently" in out
    assert "  go -> proceed: 1 path\n" in out
    assert "  renamed stop -> halt" in out
    assert "  removed go" in out and "  added proceed" in out
    assert "  reworded second: prompt, options['on'].next\n" in out  # to proceed: not declared a rename
    assert "  reworded first: options['no'].label\n" in out
    assert "/tree/recommendations/stop/ -> /tree/recommendations/halt/ (redirected)" in out
    assert "/tree/recommendations/go/: gone, with no redirect" in out


def test_a_path_that_now_asks_more_is_reported_with_where_it_stops(tmp_path, capsys):
    tree = committed(tmp_path, MINIMAL)
    edit(
        tree,
        "        label: No, stop here\n        meaning: The reader stopped.\n        next: stop\n",
        "        label: No, stop here\n        meaning: The reader stopped.\n        next: second\n",
    )
    status, out, _ = diff(capsys, tree, "--json")
    assert status == 0, out
    data = json.loads(out)
    assert data["paths"] == [
        {
            "answers": [["first", "no"]],
            "before": "stop",
            "after": None,
            "why": "now goes on to question 'second'",
            "goes_on": {"go": 1, "stop": 1},
        }
    ], "the old path is listed as going on, with where the new paths from it end"
    assert data["outcomes"] == [{"before": "stop", "after": "(goes on to a new question)", "paths": 1}]
    status, out, _ = diff(capsys, tree)
    assert "  stop -> (goes on to a new question): 1 path" in out
    assert "    first.no: stop -> now goes on to question 'second', then to go (1), stop (1)" in out


@pytest.mark.parametrize(
    ("ref", "message"),
    [("no-such-ref", "error: cannot read"), ("HEAD~5", "error: cannot read")],
)
def test_a_ref_git_cannot_resolve_is_a_one_line_error(tmp_path, capsys, ref, message):
    tree = committed(tmp_path, MINIMAL)
    status, out, err = diff(capsys, tree, ref)
    assert status == 1 and out == ""
    assert err.startswith(message) and ref in err and "Traceback" not in err


def test_an_unsound_working_copy_is_reported_at_its_lines(tmp_path, capsys):
    tree = committed(tmp_path, MINIMAL)
    edit(tree, "        next: second\n", "        next: secnod\n")
    status, _, err = diff(capsys, tree)
    assert status == 1
    assert f"{tree}:24:15: error: option 'yes' of question 'first' leads to 'secnod'" in err


def test_diff_against_a_commit_from_before_the_case_studies_were_renamed_still_compares_them(tmp_path, capsys):
    cases = DEFAULT_TREE.with_name("cases.yaml")
    former = tmp_path / "former"
    former.mkdir()
    (former / "scenarios.yaml").write_text(
        cases.read_text(encoding="utf-8").replace("\ncases:\n", "\nscenarios:\n", 1), encoding="utf-8"
    )
    copy = committed(tmp_path, DEFAULT_TREE, former / "scenarios.yaml", DEFAULT_TREE.with_name(LOCK_NAME))
    git(tmp_path, "mv", "scenarios.yaml", "cases.yaml")
    (tmp_path / "cases.yaml").write_text(cases.read_text(encoding="utf-8"), encoding="utf-8")

    status, out, _ = diff(capsys, copy, "HEAD", "--json")
    assert status == 0
    assert json.loads(out)["cases"] == [], "the same cases under the new name change no advice"
    text = copy.read_text(encoding="utf-8")
    at = text.index("next: escalate-as-last-resort", text.index("      - id: no-future"))
    copy.write_text(text[:at] + "next: protect-the-relationship" + text[at + 29 :], encoding="utf-8")
    status, out, _ = diff(capsys, copy, "HEAD", "--json")
    assert "refund-one-off-shop" in [case["id"] for case in json.loads(out)["cases"]]


def test_the_whole_change_names_added_cases_edited_pages_and_new_addresses(tmp_path, capsys):
    """A reviewer sees everything an edit touched: a new case study and its page, and an edited hand-written page."""
    committed_site(tmp_path)
    cases = tmp_path / "decision_tree" / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    first = text.index("  unpaid-invoice:")
    end = text.index("\n\n  ", first)
    copy = (
        text[first:end]
        .replace("  unpaid-invoice:", "  unpaid-invoice-again:", 1)
        .replace("[relationship, beyond-repair]", "[relationship, no-future]")
    )
    edit(cases, text[first:end], text[first:end] + "\n\n" + copy)
    edit(cases, "title: The overtime nobody will pay", "title: The overtime that nobody will pay")
    about = tmp_path / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    (tmp_path / "docs" / "glossary-notes.md").write_text("# Notes\n", encoding="utf-8")

    tree = tmp_path / "decision_tree" / "escalation.yaml"
    config = tmp_path / "mkdocs.yml"
    status, out, _ = diff(capsys, tree, "--config", str(config))
    assert status == 0
    assert "  added unpaid-invoice-again" in out
    assert "  edited overtime-nobody-pays: title; outcome still claim-what-is-owed" in out
    assert "  added /cases/unpaid-invoice-again/" in out and "  added /glossary-notes/" in out
    assert "  edited about.md" in out and "  added glossary-notes.md" in out

    status, out, _ = diff(capsys, tree, "--config", str(config), "--json")
    data = json.loads(out)
    assert data["cases_added"] == ["unpaid-invoice-again"]
    assert data["cases_edited"] == [
        {
            "id": "overtime-nobody-pays",
            "fields": ["title"],
            "before": "claim-what-is-owed",
            "after": "claim-what-is-owed",
        }
    ]
    assert data["pages"] == {"about.md": "edited", "glossary-notes.md": "added"}
    assert set(data["urls_added"]) == {"/cases/unpaid-invoice-again/", "/glossary-notes/"}


def test_a_rename_with_former_ids_and_make_rename_edits_no_case(tmp_path, capsys):
    """Case studies whose old ids `rename` rewrote are not edited cases: they say the same as before."""
    committed_site(tmp_path)
    tree = tmp_path / "decision_tree" / "escalation.yaml"
    text = tree.read_text(encoding="utf-8").replace(
        "\n  boss-likelier:\n", "\n  manager-reason:\n    former_ids: [boss-likelier]\n"
    )
    tree.write_text(text.replace("next: boss-likelier\n", "next: manager-reason\n"), encoding="utf-8")
    cases = tmp_path / "decision_tree" / "cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("[boss-likelier,", "[manager-reason,"), encoding="utf-8")

    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"))
    assert status == 0
    assert "  renamed boss-likelier -> manager-reason" in out
    assert "Case studies added, removed or edited:\n  none" in out


def test_pages_whose_names_are_not_ascii_are_named_as_written(tmp_path, capsys):
    """git quotes such names ("caf\\303\\251.md") unless asked for them whole, with -z."""
    committed_site(tmp_path)
    (tmp_path / "docs" / "über uns.md").write_text("# Über uns\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "a page named in German")
    edit(tmp_path / "docs" / "über uns.md", "# Über uns\n", "# Über uns\n\nMehr.\n")
    (tmp_path / "docs" / "café.md").write_text("# Café\n", encoding="utf-8")

    tree = tmp_path / "decision_tree" / "escalation.yaml"
    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"), "--json")
    assert status == 0
    assert json.loads(out)["pages"] == {"café.md": "added", "über uns.md": "edited"}
    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"))
    assert "  added café.md" in out and "  edited über uns.md" in out and "\\303" not in out


def test_files_the_site_does_not_publish_are_no_addresses_at_either_commit(tmp_path, capsys):
    """A page `exclude_docs` leaves out was never published, so deleting it breaks no address."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        settings = config.read() + "exclude_docs: |\n  /notes/\n"
    committed_site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(settings, encoding="utf-8")
    (tmp_path / "docs" / "notes").mkdir()
    (tmp_path / "docs" / "notes" / "draft.md").write_text("# Not for readers\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "notes kept beside the docs, left out of the site")
    (tmp_path / "docs" / "notes" / "draft.md").unlink()

    tree = tmp_path / "decision_tree" / "escalation.yaml"
    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"), "--json")
    assert status == 0
    data = json.loads(out)
    assert "/notes/draft/" not in json.dumps(data), "never published, so never moved, broken or removed"
    assert data["pages"] == {"notes/draft.md": "removed"}, "the file itself is still a change to review"


def test_a_printed_letter_that_moves_is_named_and_a_new_recommendations_letter_is_shown(tmp_path, capsys):
    committed_site(tmp_path)
    lock = tmp_path / "decision_tree" / "letters.lock"
    edit(lock, "B act-now\nC claim-what-is-owed\n", "C act-now\nB claim-what-is-owed\n")
    tree = tmp_path / "decision_tree" / "escalation.yaml"
    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"))
    assert status == 0
    assert "  act-now: B -> C: every key printed before names it B" in out
    assert "  claim-what-is-owed: C -> B" in out
    status, out, _ = diff(capsys, tree, "--config", str(tmp_path / "mkdocs.yml"), "--json")
    assert json.loads(out)["letters"] == {"act-now": ["B", "C"], "claim-what-is-owed": ["C", "B"]}
