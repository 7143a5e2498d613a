"""The permanent-link lock's format: the one place that reads and writes decision_tree/permalinks.lock.

One site-relative URL per line, `#` comments and blank lines ignored; a page
that is gone for good keeps its line as `OLD -> NEW`. Lines are only ever
added (`update_lock`), so no URL drops out of the lock unnoticed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..files.safewrite import refuse_linked, write_atomically
from ..tree.problems import Loc, Problem

LOCK_NAME = "permalinks.lock"
ARROW = " -> "
HEADER = """\
# Every URL this site has published, relative to the site's root, one per line.
# `python -m build_tools check` fails when one of them no longer resolves.
# Never delete a line. When a question or recommendation replaces another, list
# the old id under `former_ids:` on the new one and the build redirects the old
# URL to it. When any other page is gone, change its line to `OLD -> NEW`.
# `python -m build_tools permalinks --update` adds the URLs of new pages.
"""


@dataclass(frozen=True)
class Locked:
    """One line of the lock: a published URL, and where it now redirects if its page is gone."""

    url: str
    loc: Loc
    moved_to: str | None = None


def lock_file(tree_file: str | os.PathLike[str]) -> Path:
    """Where a tree's lock lives: beside it."""
    return Path(tree_file).with_name(LOCK_NAME)


class LockUnreadable(Exception):
    """The lock cannot be read as text; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def read_lock(path: Path, name: str | None = None) -> tuple[list[Locked], list[Problem]]:
    """The lock's entries, and any line that is not a URL or `URL -> URL` by the rules of `url_problem`."""
    name = name or str(path)
    return read_lock_text(_lock_text(path, name), name)


def count_locked(path: Path) -> int:
    """How many URLs the lock holds (0 without one), for `check`'s summary: the lock was checked already."""
    try:
        return len(read_lock(path)[0]) if path.exists() else 0
    except LockUnreadable:
        return 0


def _lock_text(path: Path, name: str) -> str:
    try:
        # utf-8-sig: an editor's byte order mark is not part of the first line.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise LockUnreadable(
            Problem(Loc(name, 1, 1), f"cannot read the lock: it is not UTF-8 text ({err.reason}); restore it from git")
        ) from None
    except OSError as err:
        raise LockUnreadable(Problem(Loc(name, 1, 1), f"cannot read the lock: {err.strerror}")) from None


def read_lock_text(text: str, name: str) -> tuple[list[Locked], list[Problem]]:
    entries: list[Locked] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        loc = Loc(name, number, line.index(entry[0]) + 1)
        url, arrow, moved_to = (part.strip() for part in entry.partition(ARROW.strip()))
        wrong = url_problem(url) or (url_problem(moved_to) if arrow else None)
        if wrong:
            problems.append(Problem(loc, f"{wrong}: write a URL such as /tree/, or OLD -> NEW, and nothing else"))
        elif url in seen:
            problems.append(Problem(loc, f"'{url}' is already listed at line {seen[url]}: remove this line"))
        else:
            seen[url] = number
            entries.append(Locked(url, loc, moved_to or None))
    return entries, problems


MAX_URL = 2000  # as long as any text the tree may hold
_SEGMENT = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def url_problem(url: str) -> str | None:
    """Why `url` is not a normalised site path such as /tree/questions/impasse/, or None if it is one.

    The lock's URLs become file names in the built site, so anything that could
    name a file elsewhere (`..`, an empty segment, a backslash, a scheme or a
    host) or clash with another name on a case-insensitive disk is refused.
    """
    shown = repr(url[:60] + ("..." if len(url) > 60 else ""))
    if len(url) > MAX_URL:
        return f"{shown} is {len(url):,} characters long, more than the {MAX_URL:,} a URL here may have"
    if not url.startswith("/") or url.startswith("//") or "://" in url:
        return f"{shown} is not a site-relative URL: it must start with a single / and name no scheme or host"
    if "//" in url:
        return f"{shown} has an empty segment (//)"
    segments = url[1:].split("/")
    for segment in segments[:-1] if url.endswith("/") else segments:
        if segment == "..":
            return f"{shown} has a '..' segment, which would lead outside the site"
        if segment == ".":
            return f"{shown} has a '.' segment: write the URL without it"
        if not _SEGMENT.fullmatch(segment):
            return (
                f"{shown} has the segment {segment!r}: use lowercase letters, digits, and single - _ or . between them"
            )
    return None


def update_lock(path: Path, urls: Iterable[str]) -> list[str]:
    """Add to the lock at `path` (made if missing) each of `urls` it lacks; the URLs added, in order.

    The new lock is written beside the old one and renamed over it, so a full
    disk or a kill leaves the old lock byte for byte. A lock that exists but
    cannot be read, or is empty, is refused rather than rebuilt: its
    hand-written lines are what it exists to keep.
    """
    name = str(path)
    refuse_linked(path)
    if path.exists():  # a symlink was refused above
        text = _lock_text(path, name)
        if not text.strip():
            raise LockUnreadable(
                Problem(
                    Loc(name, 1, 1),
                    "the lock is empty, so its history is lost: restore it from git "
                    f"(git checkout -- {path.name}), or delete the file to start a new lock",
                )
            )
    else:
        text = HEADER
    entries, problems = read_lock_text(text, name)
    if problems:
        raise LockUnreadable(problems[0])
    known = {entry.url for entry in entries}
    added = [url for url in urls if url not in known]
    for url in added:
        assert url_problem(url) is None, f"the site publishes {url!r}, which the lock cannot hold"
    if added or not path.exists():
        ending = "" if text.endswith("\n") else "\n"
        write_atomically(path, text + ending + "".join(f"{url}\n" for url in added))
    return added
