"""The permanent-link lock's format: the one place that reads and writes decision_tree/permalinks.lock.

One site-relative URL per line, `#` comments and blank lines ignored; a page
that is gone for good keeps its line as `OLD -> NEW`. Lines are only ever
added (`update_lock`), so no URL drops out of the lock unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .problems import Loc, Problem

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


def read_lock(path: Path, name: str | None = None) -> tuple[list[Locked], list[Problem]]:
    """The lock's entries, and any line that is neither a URL nor `URL -> URL`."""
    return read_lock_text(path.read_text(encoding="utf-8"), name or str(path))


def read_lock_text(text: str, name: str) -> tuple[list[Locked], list[Problem]]:
    entries: list[Locked] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        loc = Loc(name, number, line.index(entry[0]) + 1)
        url, arrow, moved_to = (part.strip() for part in entry.partition(ARROW.strip()))
        if not _site_relative(url) or (arrow and not _site_relative(moved_to)):
            problems.append(
                Problem(
                    loc, f"'{entry}' is neither a site-relative URL such as /tree/ nor OLD -> NEW: correct the line"
                )
            )
        elif url in seen:
            problems.append(Problem(loc, f"'{url}' is already listed at line {seen[url]}: remove this line"))
        else:
            seen[url] = number
            entries.append(Locked(url, loc, moved_to or None))
    return entries, problems


def _site_relative(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and not any(c.isspace() for c in url)


def update_lock(path: Path, urls: Iterable[str]) -> list[str]:
    """Add to the lock at `path` (made if missing) each of `urls` it lacks; the URLs added, in order."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    known = {entry.url for entry in read_lock_text(text, str(path))[0]}
    added = [url for url in urls if url not in known]
    if added or not path.exists():
        ending = "" if text.endswith("\n") else "\n"
        path.write_text(text + ending + "".join(f"{url}\n" for url in added), encoding="utf-8")
    return added
