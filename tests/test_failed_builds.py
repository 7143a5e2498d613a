"""A build that fails, for whatever reason, leaves the last good site exactly as it was."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from .repository import ROOT


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def folder_mode(folder: Path) -> int:
    return stat.S_IMODE(folder.stat().st_mode)


@pytest.fixture
def umask_027():
    """A umask that lets the group read and no one else, so the mode the site gets is seen to follow it."""
    old = os.umask(0o027)
    yield 0o750
    os.umask(old)


def build_project(project: Path) -> None:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(
            lambda p: (p / "docs" / "about.md").write_text("# About\n\nSee [this](missing.md).\n"),
            id="strict-warning-from-a-broken-link",
        ),
        pytest.param(
            lambda p: (p / "decision_tree" / "escalation.yaml").write_text(
                (p / "decision_tree" / "escalation.yaml").read_text().replace("start: setting", "start: nowhere")
            ),
            id="invalid-tree",
        ),
        pytest.param(
            lambda p: (p / "docs" / "factors" / "consent.md").unlink(),
            id="missing-factor-page",
        ),
    ],
)
@pytest.mark.slow  # builds a site
def test_a_failed_build_leaves_the_last_good_site_as_it_was(project, breakage):
    build_project(project)
    before = snapshot(project / "site")
    assert "index.html" in before and "tree/index.html" in before
    mode = folder_mode(project / "site")

    breakage(project)
    with pytest.raises((Abort, PluginError)):
        build_project(project)

    assert snapshot(project / "site") == before
    assert folder_mode(project / "site") == mode, "the kept site is as readable as it was"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [], "no staging folder is left"


@pytest.mark.slow  # builds a site
def test_the_site_folder_is_as_readable_as_the_umask_lets_mkdir_make_it(project, umask_027):
    """A web server running as another user, or `rsync -a site/ host:`, must be able to read the site."""
    build_project(project)
    assert folder_mode(project / "site") == umask_027, "the group may read and enter the site, as with mkdir"
    assert folder_mode(project / "site" / "tree") == umask_027, "and every folder in it"
    (project / "docs" / "about.md").write_text("# About\n\nSee [this](missing.md).\n")
    with pytest.raises(Abort):
        build_project(project)
    assert folder_mode(project / "site") == umask_027, "a failed build leaves the folder as readable as it was"


@pytest.mark.slow  # builds a site
def test_in_a_shared_folder_the_site_keeps_the_group_bit_mkdir_would_give_it(project, tmp_path):
    """A setgid folder hands its group to what is made in it: the web server's group must reach every page."""
    shared = tmp_path / "www"
    shared.mkdir()
    os.chmod(shared, 0o2775)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(shared / "site"), strict=True))
    assert (shared / "site").stat().st_mode & stat.S_ISGID, "the site folder passes the group on"
    assert (shared / "site" / "about").stat().st_mode & stat.S_ISGID, "and so does every folder in it"


@pytest.mark.slow  # builds a site
def test_a_strict_warning_in_a_rebuild_of_mkdocs_serve_leaves_the_last_good_site_too(project):
    """`mkdocs serve --strict` rebuilds through the same `build()`, with a serve URL, and fails on a warning."""
    build_project(project)
    before = snapshot(project / "site")
    (project / "docs" / "about.md").write_text("# About\n\nSee [this](missing.md).\n")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    with pytest.raises(Abort, match="in strict mode"):
        build(config, serve_url="http://127.0.0.1:8000/")
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [], "no staging folder is left"


@pytest.mark.slow  # builds a site
def test_a_good_build_replaces_the_site_and_removes_stale_files(project):
    build_project(project)
    (project / "site" / "stale.html").write_text("left from an old build")
    killed = project / ".site.building-999999999-x1y2"  # no process has that id
    (killed / "tree").mkdir(parents=True)
    build_project(project)
    assert not killed.exists(), "a killed build's staging folder is removed by the next build"
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_misspelt_plugin_option_stops_the_build_with_a_clear_message(project, caplog):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      tree: !ENV", "      tre: !ENV"), encoding="utf-8"
    )
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(config), site_dir=str(project / "site"))
    assert (
        "option 'tre': unknown option; this plugin takes only: csp, embed, handout, redirects, scorm, tree"
        in caplog.text
    )


def test_a_killed_builds_staging_folder_is_not_something_git_offers_to_commit():
    ignored = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "--no-index", "-q", ".site.building-4242-abcd/index.html"], check=False
    )
    assert ignored.returncode == 0


@pytest.mark.parametrize("written", ["linking.md", "cases/index.md"])
@pytest.mark.slow  # builds a site
def test_a_hand_written_page_at_a_generated_address_stops_the_build_naming_it(project, written, caplog):
    page = project / "docs" / written
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Our own version of this page\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project)
    assert (
        f"docs/{written}:1:1: error: this file is at the address of {written}, which the build generates" in caplog.text
    )
    assert page.read_text(encoding="utf-8") == "# Our own version of this page\n"
