"""A file as committed at a git ref, read through git itself: the old side of `diff`.

The ref comes from the command line, so git is asked to resolve it as a
revision only; a ref like `--output=FILE` is never taken for an option.
File names are read with `-z`: otherwise git quotes a name outside ASCII
("caf\303\251.md"), and `diff` would report a page no one wrote.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """The tree could not be read at the ref: not a repository, an unknown ref, or no such file there."""


def commit_of(ref: str, folder: Path) -> str:
    """The commit `ref` names, resolved by git as a revision only: a ref like `--output=FILE` is never an option."""
    done = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        raise GitError(f"'{ref}' is not a commit in this repository: give a branch, a tag or a commit id")
    return done.stdout.strip()


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            # A name that is not UTF-8 is shown with a replacement character: it has no address to compare anyway.
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None


def file_at(ref: str, file: Path) -> str:
    """The text of `file` as committed at `ref`."""
    commit = commit_of(ref, file.parent)
    try:
        done = subprocess.run(
            ["git", "-C", str(file.parent), "show", f"{commit}:./{file.name}"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git show {ref} failed")
    return done.stdout


def files_at(ref: str, folder: Path) -> list[str]:
    """The files under `folder` as committed at `ref`, relative to it (none if it did not exist then)."""
    commit = commit_of(ref, folder)
    done = _git(folder, "ls-tree", "-r", "-z", "--name-only", "--full-name", commit, "--", ".")
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git ls-tree {ref} failed")
    prefix = _git(folder, "rev-parse", "--show-prefix").stdout.rstrip("\n")
    return sorted(name.removeprefix(prefix) for name in _names(done.stdout) if name.startswith(prefix))


def changed_files(ref: str, folder: Path) -> dict[str, str]:
    """`{path under folder: 'added' | 'edited' | 'removed'}` between `ref` and the working copy, new files included."""
    commit = commit_of(ref, folder)
    done = _git(folder, "diff", "-z", "--name-status", "--no-renames", "--relative", commit, "--", ".")
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git diff {ref} failed")
    kinds = {"A": "added", "M": "edited", "D": "removed", "T": "edited"}
    fields = _names(done.stdout)  # status, name, status, name, ...
    changed = {name: kinds.get(status[:1], "edited") for status, name in zip(fields[::2], fields[1::2], strict=True)}
    untracked = _git(folder, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
    changed.update(dict.fromkeys(_names(untracked.stdout), "added"))
    return dict(sorted(changed.items()))


def _names(output: str) -> list[str]:
    """The fields of git's `-z` output, which ends each one with a NUL."""
    return output.split("\0")[:-1] if output else []


def repository_of(folder: Path) -> str | None:
    """The top folder of the git repository `folder` is in, or None outside one."""
    try:
        done = _git(folder, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None
