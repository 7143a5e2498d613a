"""A copy of the project to edit, and its command line run in it, as an editor runs it in their checkout.

Shared by the tests that change the docs, the tree or the lock: each gets a
fresh copy of mkdocs.yml, docs/, decision_tree/ and what `make` reads, with
build_tools/ linked (mkdocs.yml watches it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .repository import ROOT

COPIED = ("mkdocs.yml", "docs", "decision_tree", "CHANGELOG.md", "pyproject.toml", "requirements.lock")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to edit, with what `make` needs to find the virtualenv's stamp."""
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "build_tools").symlink_to(ROOT / "build_tools")
    return tmp_path


def run(project: Path, *command: str, environ: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environ} if environ else None
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300, env=env)


def make(project: Path, target: str, environ: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make target` in the copy, with the project's virtualenv, which must not be set up again from the copy."""
    venv = ROOT / ".venv"
    pinned = subprocess.run(
        "cat requirements.lock pyproject.toml | cksum", shell=True, cwd=ROOT, capture_output=True, text=True, check=True
    )
    stamp = venv / f".installed-{pinned.stdout.split()[0]}"  # as the Makefile names it
    assert stamp.exists(), "make setup has run"
    return run(
        project,
        *("make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"VENV={venv}", "-o", str(stamp), target),
        environ=environ,
    )


def tool(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m build_tools ...` in the copy, in a process of its own, as an editor runs it."""
    return run(project, sys.executable, "-m", "build_tools", *arguments)
