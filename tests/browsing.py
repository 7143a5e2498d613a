"""Helpers for the browser tests: what a page asked for, what it logged, what axe found."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from build_tools.tree.model import Tree
from build_tools.tree.paths import DecisionPath, iter_paths

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port; yields its base URL, ending in a slash.

    The server answers lazily, so the folder may be filled after it starts.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


AXE_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


@dataclass
class Watch:
    """Requests to other hosts and console errors seen while a page was open."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def watching(page: Page, base_url: str) -> Iterator[Watch]:
    parts = urlsplit(base_url)
    watch = Watch(f"{parts.scheme}://{parts.netloc}")

    def on_request(request) -> None:
        if not request.url.startswith((watch.origin, "data:", "blob:", "about:")):
            watch.foreign.append(request.url)

    def on_console(message) -> None:
        if message.type == "error":
            watch.errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    yield watch
    page.remove_listener("request", on_request)
    page.remove_listener("console", on_console)


@dataclass(frozen=True)
class Visit:
    """One page of a crawl, as a reader's browser showed it."""

    url: str
    title: str  # the window's title


@dataclass(frozen=True)
class Crawl:
    """Every page of a site visited once in one tab, with everything the tab asked for and logged on the way."""

    visits: list[Visit]
    foreign: list[str]  # requests to any host but the site's own
    errors: list[str]  # console errors and uncaught exceptions, each with the page it happened on


def crawl(browser: Browser, base_url: str, site_dir: Path) -> Crawl:
    """Visit every built page under `base_url`, as served from `site_dir`.

    One watcher stays on for the whole crawl, so a request that a page makes
    late is still caught (while the next page loads) without waiting for the
    network to go idle on every page; the last page is given that wait.
    """
    files = sorted(site_dir.rglob("*.html"))
    urls = [base_url + p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in files]
    moved = {url for url, p in zip(urls, files, strict=True) if '<meta http-equiv="refresh"' in p.read_text("utf-8")}
    visits, errors = [], []
    with browser.new_context() as context:
        page = context.new_page()
        with watching(page, base_url) as seen:
            for url in urls:
                logged = len(seen.errors)
                page.goto(url)
                if url in moved:  # a redirect page: let its refresh land before the next visit starts
                    page.wait_for_url(lambda now, url=url: now != url)
                    page.wait_for_load_state()
                visits.append(Visit(url, page.title()))
                errors.extend(f"{url}: {error}" for error in seen.errors[logged:])
            logged = len(seen.errors)
            page.wait_for_load_state("networkidle")
            errors.extend(f"{urls[-1]}: {error}" for error in seen.errors[logged:])
    return Crawl(visits, seen.foreign, errors)


def covering_paths(tree: Tree) -> Iterator[DecisionPath]:
    """Paths that between them reach every result in every setting and give every answer: all the text the app
    shows at the end of a path (the result, and the trail's answers) without walking all of them."""
    seen: set = set()
    for path in iter_paths(tree):
        parts = {(path.recommendation, path.setting), *path.answers}
        if not parts <= seen:
            seen |= parts
            yield path


def axe_violations(page: Page) -> str:
    """Every axe violation on the page, WCAG 2.2 AA and best practices, as a readable report ('' if none)."""
    results = _axe.run(page, options=AXE_RULES)
    return results.generate_report() if results.violations_count else ""


def audit(browser: Browser, url: str, scheme: str, ready: str | None = None) -> str:
    """axe's report on `url` in the light or dark palette, once `ready` (a selector) is on the page."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        if ready:
            page.wait_for_selector(ready)
        page.wait_for_load_state("load")  # the scripts have run; the search index may still be loading
        return axe_violations(page)
    finally:
        context.close()


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two CSS colours given as rgb(...) or rgba(...)."""

    def luminance(color: str) -> float:
        channels = [int(float(v)) / 255 for v in color[color.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@contextmanager
def fresh_page(browser: Browser) -> Iterator[Page]:
    """A new page of its own, closed however the test ends."""
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()
