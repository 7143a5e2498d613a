"""The lock promises only what the site serves: what MkDocs publishes, at the address MkDocs gives it.

Each test edits a copy of the project (tests/projects.py) the way a site's
editor would, and runs the command line in it; one builds the copy, to see
that what `check` accepted is what the built site answers.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools.cli.commands import main

LOCK = Path("decision_tree/permalinks.lock")
SCORM = "/downloads/escalation-guide-scorm12.zip"


def command(project: Path, monkeypatch, capsys, *arguments: str) -> tuple[int, str, str]:
    """The command line run in the copy, in this process: its exit status, output and errors."""
    monkeypatch.chdir(project)
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def add_to_lock(project: Path, *lines: str) -> None:
    """Each line added to the lock, or put in place of the line that locks the same address."""
    lock = project / LOCK
    text = lock.read_text(encoding="utf-8")
    for line in lines:
        url = line.split()[0]
        text = text.replace(f"\n{url}\n", f"\n{line}\n") if f"\n{url}\n" in text else text + f"{line}\n"
    lock.write_text(text, encoding="utf-8")


def line_of(project: Path, text: str) -> int:
    return (project / LOCK).read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_move_may_end_at_a_file_and_start_at_an_old_html_address(project, monkeypatch, capsys):
    add_to_lock(project, f"/old-linking/ -> {SCORM}", "/old-page.html -> /tree/")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 0, err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/gone/ -> /downloads/nothing.zip", "moves to '/downloads/nothing.zip', which the site does not publish"),
        (
            "/gone/ -> /tree",
            "which the site does not publish: name a page or file it does, such as /tree/ (did you mean '/tree/'?)",
        ),
        ("/downloads/old.zip -> /tree/", "'/downloads/old.zip' is the address of a file, not a page"),
    ],
)
def test_a_move_to_or_from_an_address_no_page_can_answer_is_refused_at_its_line(
    project, monkeypatch, capsys, line, message
):
    add_to_lock(project, line)
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert f"{LOCK}:{line_of(project, line)}:1: error: " in err and message in err, err


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["/about/index.html/ -> /"], "lies inside about/index.html, a file the site publishes"),
        (
            ["/downloads/escalation-guide-scorm12.zip/x/ -> /tree/"],
            "lies inside downloads/escalation-guide-scorm12.zip",
        ),
        (["/404.html -> /tree/"], "is the address of 404.html, which the site publishes"),
        (["/tree/index.html -> /about/"], "is the address of tree/index.html, which the site publishes"),
        (["/dup/ -> /about/", "/dup/index.html -> /tree/"], "writes the same redirect page, dup/index.html, as line"),
        (
            ["/tree/recommendations/likely-to-backfire/ -> /about/"],
            "is the old page of 'backfire-risk', which its former_ids already redirect there",
        ),
    ],
)
def test_a_move_whose_redirect_page_cannot_be_written_as_asked_is_refused_at_its_line(
    project, monkeypatch, capsys, lines, message
):
    tree = project / "decision_tree" / "escalation.yaml"
    text = tree.read_text(encoding="utf-8").replace(
        "\n  likely-to-backfire:\n", "\n  backfire-risk:\n    former_ids: [likely-to-backfire]\n"
    )
    tree.write_text(text.replace("next: likely-to-backfire\n", "next: backfire-risk\n"), encoding="utf-8")
    add_to_lock(project, *lines)
    assert command(project, monkeypatch, capsys, "permalinks", "--update")[0] == 1
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert f"{LOCK}:{line_of(project, lines[-1])}:1: error: '{lines[-1].split()[0]}' {message}" in err, err


def test_pages_anywhere_in_the_docs_are_locked_and_one_at_a_generated_address_is_named(project, monkeypatch, capsys):
    """Under tree/ too, and by any Markdown extension: MkDocs publishes them all."""
    (project / "docs" / "tree" / "questions").mkdir(parents=True)
    (project / "docs" / "tree" / "notes.md").write_text("# Notes on the tree\n", encoding="utf-8")
    status, out, err = command(project, monkeypatch, capsys, "permalinks", "--update")
    assert status == 0 and "added /tree/notes/" in out, err
    (project / "docs" / "linking.markdown").write_text("# Our own trainers' page\n", encoding="utf-8")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert (
        "docs/linking.markdown:1:1: error: this file is at the address of linking.md, which the build generates" in err
    )


def test_files_mkdocs_leaves_out_are_never_locked_and_never_in_the_way(project, monkeypatch, capsys):
    docs = project / "docs"
    (docs / ".draft.md").write_text("# A draft in a dotfile\n", encoding="utf-8")
    (docs / "templates").mkdir()
    (docs / "templates" / "sample.md").write_text("# A template MkDocs never publishes\n", encoding="utf-8")
    (docs / "notes").mkdir()
    (docs / "notes" / "private.md").write_text("# Left out by exclude_docs\n", encoding="utf-8")
    (docs / "upcoming.md").write_text("# A draft by draft_docs\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  /notes/\ndraft_docs: |\n  upcoming.md\n")
    status, out, err = command(project, monkeypatch, capsys, "permalinks", "--update")
    assert status == 0, err
    assert "0 URLs added" in out, "the lock promises none of them"
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 0, err


def test_pages_in_a_symlinked_folder_are_published_and_so_locked(project, monkeypatch, capsys, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("shared-pages")
    (elsewhere / "glossary-extra.md").write_text("# Shared page\n", encoding="utf-8")
    (project / "docs" / "shared").symlink_to(elsewhere, target_is_directory=True)
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1 and "'/shared/glossary-extra/'" in err and "permalinks --update" in err, err
    status, out, err = command(project, monkeypatch, capsys, "permalinks", "--update")
    assert status == 0 and "added /shared/glossary-extra/" in out, err


@pytest.mark.parametrize(
    ("asset", "advice"),
    [
        ("assets/stylesheets/extra.css", "such as stylesheets/site.css, and list that under extra_css"),
        ("assets/javascripts/copy.js", "such as javascripts/site.js, and list that under extra_javascript"),
    ],
)
def test_a_sites_own_file_at_a_shipped_assets_address_is_named_rather_than_replaced(
    project, monkeypatch, capsys, asset, advice
):
    own = project / "docs" / asset
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("/* the site's own */\n", encoding="utf-8")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert f"docs/{asset}:1:1: error: this file is at the address of the plugin's own {asset}" in err, err
    assert advice in err


@pytest.mark.slow  # builds a site
def test_the_built_site_answers_every_locked_address_and_every_move(project, monkeypatch, capsys, tmp_path_factory):
    """What `check` accepts, the strict build writes: every lock line is a file, every redirect leads to one."""
    docs = project / "docs"
    (docs / ".draft.md").write_text("# Hidden\n", encoding="utf-8")
    (docs / "templates").mkdir()
    (docs / "templates" / "sample.md").write_text("# Sample\n", encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("shared-pages")
    (elsewhere / "page.md").write_text("# Shared\n", encoding="utf-8")
    (docs / "shared").symlink_to(elsewhere, target_is_directory=True)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("not_in_nav: |\n  /shared/\n")
    about = docs / "about.md"
    shown = "[an example](tree/questions/no-such-question.md)"
    about.write_text(
        about.read_text(encoding="utf-8") + f"\n```markdown\n{shown}\n```\n\nInline, `{shown}` is text.\n",
        encoding="utf-8",
    )
    add_to_lock(project, f"/old-linking/ -> {SCORM}", "/old-page.html -> /tree/")
    status, _, err = command(project, monkeypatch, capsys, "permalinks", "--update")
    assert status == 0, err

    monkeypatch.chdir(project)  # mkdocs.yml's snippets are read relative to the folder MkDocs runs in
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    site = project / "site"
    for line in (project / LOCK).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            url = line.split(" -> ")[0]
            answer = site / url.lstrip("/") / ("index.html" if url.endswith("/") else "")
            assert answer.is_file(), f"{url} is locked, so the site must answer it"
            page = answer.read_text(encoding="utf-8") if answer.suffix == ".html" else ""
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page)
            if target:
                landed = urljoin("http://site" + url, target.group(1)).removeprefix("http://site/")
                assert (site / landed / ("index.html" if landed.endswith("/") or not landed else "")).is_file(), (
                    f"{url} redirects to {landed}, which the site must have"
                )
    assert not (site / "templates").exists() and not (site / ".draft").exists()
    assert (site / "shared" / "page" / "index.html").is_file()
    built = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert built.count("tree/questions/no-such-question.md") == 2, "links shown as code stay as written"


@pytest.mark.slow  # builds a site
def test_a_themes_own_file_at_a_shipped_assets_address_stops_the_build_naming_it(project, monkeypatch, caplog):
    """The theme's custom_dir is copied into the site too: the plugin's file would win there without a word."""
    own = project / "overrides" / "assets" / "stylesheets" / "extra.css"
    own.parent.mkdir(parents=True)
    own.write_text("/* the site's own */\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(project / "site"), strict=True))
    assert f"{own}: this file is at the address of the plugin's own assets/stylesheets/extra.css" in caplog.text
    assert not (project / "site").exists(), "nothing was published"


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("expected: [escalate-as-last-resort", "decision_tree/cases.yaml:"),
        ("expected: " + "[" * 985 + "x" + "]" * 985, "nested more than 50 deep"),
    ],
)
def test_a_typo_in_the_case_studies_is_one_problem_not_one_per_case_page(project, monkeypatch, capsys, broken, problem):
    cases = project / "decision_tree" / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    cases.write_text(text.replace("expected: escalate-as-last-resort", broken, 1), encoding="utf-8")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1 and "Traceback" not in err
    assert problem in err and err.rstrip().endswith("1 problem found"), err


def test_a_file_whose_name_is_not_utf8_is_named_by_check_and_diff_without_a_traceback(project, monkeypatch, capsys):
    (project / "docs" / os.fsdecode(b"caf\xe9.md")).write_text("# Cafe\n", encoding="utf-8")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1 and "Traceback" not in err
    assert "docs/caf\ufffd.md:1:1: error: this file's name is not UTF-8, so it can have no web address" in err, err
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    subprocess.run(
        ["git", "-c", "user.name=E", "-c", "user.email=e@example.org", "commit", "-qm", "x"], cwd=project, check=True
    )
    status, out, err = command(project, monkeypatch, capsys, "diff")
    assert status == 0 and "Traceback" not in err and "/caf" not in out, out


def test_with_the_scorm_package_off_its_locked_address_asks_for_the_file_not_a_move(project, monkeypatch, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      tree: !ENV ESCALATION_TREE\n" in text
    config.write_text(
        text.replace(
            "      tree: !ENV ESCALATION_TREE\n", "      tree: !ENV ESCALATION_TREE\n      scorm: {enabled: false}\n"
        ),
        encoding="utf-8",
    )
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert f"'{SCORM}' no longer resolves: it is a file's address, where no redirect page can stand" in err
    assert "switch the SCORM package back on" in err and " -> /NEW/URL/" not in err, err


def test_a_page_the_lock_cannot_hold_is_named_once_and_never_sent_to_permalinks(project, monkeypatch, capsys):
    (project / "docs" / ".well-known").mkdir()
    (project / "docs" / ".well-known" / "about-us.md").write_text("# Published on purpose\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  !.well-known/\nnot_in_nav: |\n  /.well-known/\n")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1 and "docs/.well-known/about-us.md:1:1: error: this page's address" in err
    assert "permalinks --update" not in err, err


def test_a_character_yaml_does_not_allow_is_named_at_its_place(project, monkeypatch, capsys):
    cases = project / "decision_tree" / "cases.yaml"
    lines = cases.read_text(encoding="utf-8").split("\n")
    lines[11] += "\x0c"
    cases.write_text("\n".join(lines), encoding="utf-8")
    status, _, err = command(project, monkeypatch, capsys, "check")
    assert status == 1
    assert f"decision_tree/cases.yaml:12:{len(lines[11])}: error: invalid YAML: the character U+000C" in err, err
