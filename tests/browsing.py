"""Helpers for the browser tests: what a page asked for, what it logged, what axe found."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

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


def axe_violations(page: Page) -> str:
    """Every axe violation on the page, WCAG 2.2 AA and best practices, as a readable report ('' if none)."""
    results = _axe.run(page, options=AXE_RULES)
    return results.generate_report() if results.violations_count else ""
