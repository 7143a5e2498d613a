"""Links that never break: the lock of every URL the site has published, and the redirects that honour it.

Trainers paste links into slides and learning platforms, where they live for
years. `decision_tree/permalinks.lock` lists every site-relative URL the site
has ever published, one per line. `check` fails when one of them would no
longer resolve, and says how to declare the move: a node that replaces
another lists `former_ids`, and the build writes a redirect page at each old
URL; any other page that is gone gets a line `OLD -> NEW` in the lock.
`permalinks --update` only ever adds lines, so nothing drops out silently.

The lock spells URLs as MkDocs publishes them by default (`/tree/questions/x/`).
A site built with `use_directory_urls: false` is held to the same pages at
their `.html` URLs, and its redirects are written there. An old address that
was itself a file, such as `/old-page.html`, keeps its redirect at that name.
Every address the lock moves to must be one the build writes: a page, or a
file such as the SCORM package, at the address MkDocs gives it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from ..files.safewrite import inside
from ..tree.loader import display_name
from ..tree.model import Key, Question, Tree
from ..tree.problems import Loc, Problem
from .contexts import RedirectPage
from .layout import SiteLayout, is_page
from .lockfile import ARROW, Locked, LockUnreadable, lock_file, read_lock, url_problem
from .redirect_places import redirect_conflicts, redirect_file, written_files
from .templating import render
from .urls import (
    EMBED_PAGE,
    EVERY_PART,
    SCORM_PACKAGE,
    Parts,
    generated_pages,
    page_url,
    question_uri,
    recommendation_uri,
    url_between,
)


@dataclass(frozen=True)
class Redirect:
    """An address that has gone, as the lock spells it, and the page or file (by source path) that replaced it."""

    gone: str
    to: str
    title: str  # of the new page, for the redirect's plain link


@dataclass(frozen=True)
class Permalinks:
    """What the lock asks of a site: the redirects to write, and what would break."""

    redirects: list[Redirect]
    problems: list[Problem]


def check_permalinks(
    tree_file: str | os.PathLike[str], tree: Tree, case_ids: Sequence[str], site: SiteLayout, parts: Parts = EVERY_PART
) -> Permalinks:
    """The lock beside `tree_file` held against the site the tree builds (nothing to hold if there is no lock)."""
    path = lock_file(tree_file)
    if not path.exists():
        return Permalinks([], [])
    name = display_name(path)
    try:
        lock, problems = read_lock(path, name)
    except LockUnreadable as unreadable:
        return Permalinks([], [unreadable.problem])
    problems += unlockable_pages(site)
    pages = published(tree, case_ids, site, parts)
    files = served_files(site)
    moves = redirects(tree, lock, {**files, **pages})
    problems += lock_problems(tree, lock, pages, moves, lock_name=name, files=files)
    formerly = {
        locked_url(kind(former)): node.id
        for node in tree.nodes
        for former in node.former_ids
        for kind in (question_uri, recommendation_uri)
    }
    written = written_files([*pages.values(), *files.values()], site.directory_urls)
    problems += redirect_conflicts([e for e in lock if e.url not in pages], formerly, written, site.directory_urls)
    return Permalinks(moves, problems)


def locked_url(uri: str) -> str:
    """How the lock spells the URL of the page at source path `uri`."""
    return "/" + page_url(uri, True)


def published(tree: Tree, case_ids: Sequence[str], site: SiteLayout, parts: Parts = EVERY_PART) -> dict[str, str]:
    """`{locked URL: source path}` of every page the site publishes, hand-written and generated, by URL,
    with the embed page and the SCORM package, whose addresses trainers paste into frames and platforms."""
    made = generated_pages(tree, case_ids, parts)
    urls = {locked_url(uri): uri for uri in {*site.written_pages, *made, *([EMBED_PAGE] if parts.embed else [])}}
    if parts.scorm:
        urls["/" + SCORM_PACKAGE] = SCORM_PACKAGE  # not a page, but an address trainers give learning platforms
    return dict(sorted(urls.items()))


def served_files(site: SiteLayout) -> dict[str, str]:
    """`{URL: source path}` of the docs folder's other files, which MkDocs copies as they are: a move may end at one."""
    return {"/" + page_url(uri, True): uri for uri in site.docs_files if not is_page(uri)}


def unlockable_pages(site: SiteLayout) -> list[Problem]:
    """Hand-written pages whose address the lock could not hold, so it could never keep them: rename each."""
    problems = []
    for uri in site.written_pages:
        wrong = url_problem(locked_url(uri))
        if wrong:
            problems.append(
                Problem(
                    Loc(display_name(site.docs_dir / uri), 1, 1),
                    f"this page's address, {wrong}, cannot be a permanent link: rename the file to match",
                )
            )
    return problems


def redirects(tree: Tree, lock: Iterable[Locked], pages: dict[str, str]) -> list[Redirect]:
    """A redirect from each former id's page to its node's (from both kinds' pages, if locked) and per `OLD -> NEW`.

    `pages` is every address the build writes, by locked URL: a move may end at a file as well as a page.
    """
    locked = {entry.url: entry for entry in lock}
    found: dict[str, Redirect] = {}
    for node in tree.nodes:
        same, other = (
            (question_uri, recommendation_uri) if isinstance(node, Question) else (recommendation_uri, question_uri)
        )
        for former in node.former_ids:
            for kind in (same, other):
                gone = locked_url(kind(former))
                if kind is same or gone in locked:
                    found[gone] = Redirect(gone, same(node.id), node.title)
    for entry in locked.values():
        writable = redirect_file(entry.url, True) is not None
        if entry.moved_to in pages and entry.url not in found and writable:
            found[entry.url] = Redirect(entry.url, pages[entry.moved_to], entry.moved_to)
    return list(found.values())


def lock_problems(
    tree: Tree,
    lock: Sequence[Locked],
    pages: dict[str, str],
    moves: Sequence[Redirect],
    *,
    lock_name: str,
    files: dict[str, str] | None = None,
) -> list[Problem]:
    """Every locked URL the site would no longer answer, and every published URL the lock does not list yet.

    `pages` are what the lock must list; `files`, the docs folder's other files, which a move may also end at.
    """
    moved = {move.gone for move in moves}
    locked = {entry.url for entry in lock}
    targets = {**(files or {}), **pages}
    problems = []
    for entry in lock:
        if entry.moved_to is not None and entry.url not in pages and redirect_file(entry.url, True) is None:
            problems.append(
                Problem(
                    entry.loc,
                    f"'{entry.url}' is the address of a file, not a page, so no redirect page can stand there: "
                    f"put a file back at that address, or remove '{ARROW.strip()} {entry.moved_to}' and keep it "
                    "published (only addresses ending in / or .html can move)",
                )
            )
        elif entry.url in pages and entry.moved_to is not None:
            problems.append(
                Problem(
                    entry.loc,
                    f"'{entry.url}' is published again, so it cannot also move to '{entry.moved_to}': "
                    f"remove '{ARROW.strip()} {entry.moved_to}' from the line",
                )
            )
        elif entry.moved_to is not None and entry.moved_to not in targets:
            problems.append(
                Problem(
                    entry.loc,
                    f"'{entry.url}' moves to '{entry.moved_to}', which the site does not publish: "
                    f"name a page or file it does, such as /tree/{_near(entry.moved_to, targets)}",
                )
            )
        elif entry.url not in pages and entry.url not in moved:
            problems.append(Problem(entry.loc, _gone(tree, entry.url, locked)))
    new = [url for url in pages if url not in locked and url_problem(url) is None]  # unlockable_pages: the rest
    if new:
        last = max((entry.loc.line for entry in lock), default=1)
        problems.append(
            Problem(
                Loc(lock_name, last, 1),
                f"the site publishes {len(new)} URL{'s' * (len(new) != 1)} that the lock does not list yet, "
                f"such as '{new[0]}': run `make permalinks` (python -m build_tools permalinks --update) and commit {lock_name}",
            )
        )
    return problems


def _gone(tree: Tree, url: str, locked: set[str]) -> str:
    """Why a locked URL breaks, and the move to declare: a node's `former_ids`, or a line `OLD -> NEW`."""
    for kind, uri_of in (("question", question_uri), ("recommendation", recommendation_uri)):
        prefix, suffix = locked_url(uri_of("\ue000")).split("\ue000")
        old = url[len(prefix) : len(url) - len(suffix)]
        if url.startswith(prefix) and url.endswith(suffix) and old and "/" not in old:
            unlocked = [node.id for node in tree.nodes if locked_url(uri_of(node.id)) not in locked]
            who = f"'{unlocked[0]}'" if len(unlocked) == 1 else "a new node"
            return (
                f"the published URL '{url}' no longer resolves: the {kind} '{old}' is gone. "
                f"If {who} replaces it, declare the move in {Path(tree.file).name} by adding to it "
                f"`{Key.FORMER_IDS}: [{old}]`; the build then redirects this URL and old questionnaire links there"
            )
    if redirect_file(url, True) is None:  # a file's address: no redirect page can stand there
        part = " (or switch the SCORM package back on: scorm: {enabled: true})" if url == "/" + SCORM_PACKAGE else ""
        return (
            f"the published URL '{url}' no longer resolves: it is a file's address, where no redirect page can "
            f"stand, so put the file back at that address{part}"
        )
    return (
        f"the published URL '{url}' no longer resolves: restore its page, or send readers on by changing "
        f"this line to '{url}{ARROW}/NEW/URL/'"
    )


def _near(url: str, targets: dict[str, str]) -> str:
    """' (did you mean ...?)' for an address one slash or '.html' away from a published one."""
    for candidate in (url.rstrip("/"), url + "/", url.removesuffix(".html") + "/", url.rstrip("/") + ".html"):
        if candidate != url and candidate in targets:
            return f" (did you mean '{candidate}'?)"
    return ""


def write_redirects(
    site_dir: Path, moves: Iterable[Redirect], tree: Tree, *, directory_urls: bool, site_url: str | None
) -> int:
    """A static page at each gone page's URL that sends readers on: no script, so the site's CSP allows it."""
    written = 0
    for move in moves:
        where = redirect_file(move.gone, directory_urls)
        if where is None:
            continue  # lock_problems() refuses it
        path = inside(site_dir, where)
        if path.exists():
            continue  # a real page: never overwrite it (check says so: redirect_places.py)
        url = where.removesuffix("index.html") if directory_urls else where
        href = url_between(url, page_url(move.to, directory_urls))
        canonical = urljoin(site_url, page_url(move.to, directory_urls)) if site_url else href
        page = RedirectPage(where, tree, directory_urls, href, canonical, move.title)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            continue  # a published file stands where a folder would be (check says so: redirect_places.py)
        path.write_text(render("redirect.html.j2", page), encoding="utf-8")
        written += 1
    return written
