"""`render --out` writes into its folder only, says what it replaces and tidies up after itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.__main__ import main
from build_tools.project import DEFAULT_TREE, ROOT
from build_tools.writeout import MANIFEST

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


def test_replacing_a_file_it_did_not_write_is_reported(tmp_path, capsys):
    out = tmp_path / "docs"
    (out / "tree").mkdir(parents=True)
    (out / "tree" / "index.md").write_text("An overview someone wrote by hand.", encoding="utf-8")
    assert render(out) == 0
    err = capsys.readouterr().err
    assert f"warning: replaced {out / 'tree' / 'index.md'}, which an earlier render did not write" in err


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
