"""`render --out` writes into its folder only, says what it replaces and tidies up after itself."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.cli.commands import main
from build_tools.files.writeout import MANIFEST

from .repository import DEFAULT_TREE, ROOT
from .treefiles import dump


def render(out: Path, tree: Path = DEFAULT_TREE) -> int:
    return main(["render", "--config", str(other_engine(out.parent)), "--out", str(out), str(tree)])


def other_engine(folder: Path) -> Path:
    """The site render writes for: the factor pages, and no navigation or links of this project's."""
    config = folder / "engine" / "mkdocs.yml"
    if not config.exists():
        shutil.copytree(ROOT / "docs" / "factors", config.parent / "docs" / "factors")
        config.write_text("site_name: Another engine\n", encoding="utf-8")
    return config


def without_recommendation(tmp_path: Path, gone: str) -> Path:
    """The real tree with one recommendation removed: options that led there lead to another."""
    data = yaml.safe_load(DEFAULT_TREE.read_text(encoding="utf-8"))
    del data["recommendations"][gone]
    other = next(iter(data["recommendations"]))
    for question in data["questions"].values():
        for option in question["options"]:
            if option["next"] == gone:
                option["next"] = other
    path = tmp_path / "smaller.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def test_a_second_render_removes_the_pages_it_generated_that_are_gone_and_nothing_else(tmp_path, capsys, tree):
    out = tmp_path / "docs"
    (out / "tree" / "recommendations").mkdir(parents=True)
    own = out / "tree" / "recommendations" / "notes.md"
    own.write_text("Someone's own notes.", encoding="utf-8")
    assert render(out) == 0
    gone = next(iter(tree.recommendations))
    assert (out / "tree" / "recommendations" / f"{gone}.md").is_file()
    assert (out / MANIFEST).is_file()
    capsys.readouterr()

    assert render(out, without_recommendation(tmp_path, gone)) == 0
    said = capsys.readouterr().out
    assert not (out / "tree" / "recommendations" / f"{gone}.md").exists()
    assert f"removed {out / 'tree' / 'recommendations' / gone}.md" in said
    assert own.read_text(encoding="utf-8") == "Someone's own notes."


def test_a_file_it_did_not_write_is_never_overwritten_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "docs"
    (out / "tree").mkdir(parents=True)
    own = out / "handout.md"
    own.write_text("My own handout, with my own notes.", encoding="utf-8")
    assert render(out) == 1
    err = capsys.readouterr().err
    assert f"error: {own} was not written by render" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert own.read_text(encoding="utf-8") == "My own handout, with my own notes."
    assert sorted(p.name for p in out.rglob("*")) == ["handout.md", "tree"]


def test_a_generated_page_someone_edited_is_neither_overwritten_nor_deleted(tmp_path, capsys, tree):
    out = tmp_path / "docs"
    assert render(out) == 0
    gone = next(iter(tree.recommendations))
    edited = out / "tree" / "recommendations" / f"{gone}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    before = edited.read_bytes()
    capsys.readouterr()

    assert render(out) == 1
    assert "was not written by render, or was edited since" in capsys.readouterr().err
    assert render(out, without_recommendation(tmp_path, gone)) == 0
    assert f"kept {edited}" in capsys.readouterr().out
    assert edited.read_bytes() == before


def test_a_name_added_to_the_manifest_does_not_make_a_file_renders_to_delete(tmp_path, capsys):
    out = tmp_path / "docs"
    assert render(out) == 0
    readme, outside = out / "README.md", tmp_path / "precious.txt"
    readme.write_text("The other engine's own README.", encoding="utf-8")
    outside.write_text("Not in the folder at all.", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["README.md"] = "0" * 64
    manifest["../precious.txt"] = hashlib.sha256(outside.read_bytes()).hexdigest()  # even with the right hash
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    assert render(out) == 0
    assert readme.read_text(encoding="utf-8") == "The other engine's own README."
    assert outside.read_text(encoding="utf-8") == "Not in the folder at all."


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_an_output_file_with_another_name_is_refused_and_the_other_file_is_unchanged(tmp_path, capsys, link):
    out = tmp_path / "docs"
    assert render(out) == 0
    page, elsewhere = out / "tree" / "index.md", tmp_path / "elsewhere.md"
    elsewhere.write_bytes(page.read_bytes())
    page.unlink()
    if link == "hard":
        page.hardlink_to(elsewhere)
    else:
        page.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    capsys.readouterr()
    assert render(out) == 1
    err = capsys.readouterr().err
    assert f"error: {page} " in err and "nothing was written" in err
    assert elsewhere.read_bytes() == before


def test_a_write_that_fails_midway_leaves_every_file_as_it_was(tmp_path, capsys, monkeypatch):
    out = tmp_path / "docs"
    assert render(out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    calls = []

    def full_disk_after_three(fd):
        calls.append(fd)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", full_disk_after_three)
    tree = tmp_path / "renamed.yaml"
    tree.write_text(DEFAULT_TREE.read_text(encoding="utf-8").replace("title:", "title: Changed,", 1), encoding="utf-8")
    assert render(out, tree) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p in before} == before
    assert [p.name for p in after if p not in before] == [], "no temporary file is left behind"


def test_a_file_given_as_the_folder_is_refused_clearly(tmp_path, capsys):
    out = tmp_path / "docs"
    out.write_text("not a folder", encoding="utf-8")
    assert render(out) == 1
    err = capsys.readouterr().err
    assert f"error: {out} is a file, not a folder" in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("link", ["tree", "tree/questions"])
def test_a_symlink_out_of_the_folder_is_refused_and_nothing_is_written(tmp_path, capsys, link):
    out, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / link).parent.mkdir(parents=True, exist_ok=True)
    (out / link).symlink_to(elsewhere, target_is_directory=True)
    assert render(out) == 1
    err = capsys.readouterr().err
    assert "leads outside" in err and "nothing was written" in err
    assert list(elsewhere.iterdir()) == []
    assert not (out / MANIFEST).exists()
