"""Where the lock's redirect pages would go, held against every file the build writes, before anything is built.

A line `OLD -> NEW` puts a redirect page at OLD. That is only sound where no
file of the site is already there, where no file of the site stands in for
one of its folders (`/about/index.html/` would need a folder where the page
`about/index.html` is), where no other line or renamed node writes the same
page, and where no node's `former_ids` already redirect the address. Each is
found here, so that `check` refuses what the build would otherwise drop in
silence or stop on with a traceback.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence

from ..tree.problems import Problem
from .lockfile import ARROW, Locked
from .urls import page_url

# What MkDocs and Material write besides the pages and the docs folder's files.
MKDOCS_OUTPUTS = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"})


def redirect_file(url: str, directory_urls: bool) -> str | None:
    """Where in the built site a redirect page for the locked `url` goes; None where no page can stand.

    `/x/` is a page's address: `x/index.html`, or `x.html` without directory URLs, as its page was.
    `/x.html` was a file of that name, and keeps it. Any other file's address (`/x.zip`) cannot hold a page.
    """
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html" if directory_urls or not path else path.rstrip("/") + ".html"
    return path if path.endswith((".html", ".htm")) else None


def written_files(sources: Iterable[str], directory_urls: bool) -> set[str]:
    """The files the build writes for these source paths (pages and files alike), with MkDocs' own."""
    written = set(MKDOCS_OUTPUTS)
    for uri in sources:
        url = page_url(uri, directory_urls)
        written.add(url + "index.html" if not url or url.endswith("/") else url)
    return written


def redirect_conflicts(
    lock: Sequence[Locked], formerly: Mapping[str, str], written: set[str], directory_urls: bool
) -> list[Problem]:
    """Each `OLD -> NEW` line whose redirect page could not be written as it asks, at its line.

    `formerly` maps the locked URL of each renamed node's old page to the node now there (`former_ids`).
    """
    problems = []
    taken: dict[str, Locked] = {}
    for entry in lock:
        if entry.moved_to is None:
            continue
        place = redirect_file(entry.url, directory_urls)
        if place is None:
            continue  # lock_problems: a file's address cannot move
        remove = f"remove '{ARROW.strip()} {entry.moved_to}' from the line"
        folders = [posixpath.dirname(place)]
        while folders[-1]:
            folders.append(posixpath.dirname(folders[-1]))
        inside = next((folder for folder in folders if folder in written), None)
        if entry.url in formerly:
            why = f"is the old page of '{formerly[entry.url]}', which its former_ids already redirect there: {remove}"
        elif place in written:
            why = f"is the address of {place}, which the site publishes, so no redirect page can stand there: {remove}"
        elif inside is not None:
            why = f"lies inside {inside}, a file the site publishes, so no redirect page can stand there: {remove}"
        elif place in taken:
            other = taken[place]
            why = (
                f"writes the same redirect page, {place}, as line {other.loc.line} ('{other.url}'): "
                "keep one of the two moves"
            )
        else:
            taken[place] = entry
            continue
        problems.append(Problem(entry.loc, f"'{entry.url}' {why}"))
    return problems
