"""Links in a hand-written page, read as Markdown reads them: the one reader `check`, the build and `rename` share.

A link shown inside a code block or inline code is text, not a link: MkDocs
neither checks nor follows it, so neither may `check`, the build's link
rewriting or `rename`. Python-Markdown keeps no source positions, which
`check` needs to say where a link is and `rename` needs to rewrite it in
place. So every place that could be a link target is found in the text, each
is given a unique marker, and Python-Markdown itself, with the site's own
extensions, renders the page: the markers that come out as a link's `href`
or an image's `src` are links, those that come out as text are not.

Lines end at `\n` only (a `\r` before it is part of the line's ending):
U+2028, NEL, form feeds and the like are characters within a line. Every
position here counts that way.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.meta import get_data

from ..tree.problems import Loc, Problem

# What could be a link's target: inline `](target)` or a reference definition `[x]: target`. No backtick or
# bracket in it, so that marking one never changes where inline code ends or hides the next link.
_CANDIDATE = re.compile(r"\]\(\s*<?([^()\[\]\s<>`]+)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>`]+)", re.M)
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs always renders pages with these


@dataclass(frozen=True)
class MarkdownOptions:
    """The Markdown extensions a site renders its pages with, and their settings (MkDocs' `mdx_configs`)."""

    extensions: tuple[Any, ...] = BUILTIN_EXTENSIONS
    configs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A link's target as written, and where it starts in the page's text."""

    start: int
    target: str


def links(text: str, options: MarkdownOptions | None = None) -> list[Link]:
    """Every link target in the Markdown `text` that Markdown reads as a link, in order."""
    return real(text, candidates(text), options)


def candidates(text: str) -> list[Link]:
    """Every place in `text` that could be a link's target, whether or not it is in code; not in its front matter,
    the metadata MkDocs takes off before Markdown reads the page."""
    found = []
    for match in _CANDIDATE.finditer(text, body_start(text)):
        group = 1 if match.group(1) else 2
        found.append(Link(match.start(group), match.group(group)))
    return found


def real(text: str, found: Sequence[Link], options: MarkdownOptions | None = None) -> list[Link]:
    """Which of `found` Python-Markdown reads as links: each is marked, and the page rendered once."""
    if not found:
        return []
    options = options or MarkdownOptions()
    token = secrets.token_hex(6)
    marked = text
    for index, link in reversed(list(enumerate(found))):
        marked = marked[: link.start] + f"x{token}n{index}x" + marked[link.start + len(link.target) :]
    marked = marked[body_start(text) :]  # what MkDocs hands Markdown: the front matter's positions come first
    try:
        html = _render(marked, options)
    except Exception:  # an extension that fails here fails the build too, which says why; keep every candidate
        return list(found)
    linked = {int(n) for n in re.findall(rf'(?:href|src)="x{token}n(\d+)x"', html)}
    return [link for index, link in enumerate(found) if index in linked]


INCLUDE = re.compile(r"^[ \t]*--8<--", re.M)  # pymdownx.snippets' mark: the text of another file goes here


def included_links(text: str, options: MarkdownOptions | None = None) -> tuple[int, list[str]]:
    """Where a page first includes another file (pymdownx.snippets), and the link targets those files bring.

    No position of the page holds them, so the build cannot follow them and `rename` cannot rewrite them:
    they are every href or src of the rendered page that is not one of its own targets. (-1, []) for a page
    that includes nothing. UnicodeDecodeError when an included file is not UTF-8, which fails the build too.
    """
    first = INCLUDE.search(text)
    if first is None:
        return -1, []
    own = {link.target for link in candidates(text)}
    try:
        html = _render(text[body_start(text) :], options or MarkdownOptions())
    except UnicodeDecodeError:
        raise  # the caller names the page that includes the file
    except Exception:  # a missing file: the build says so
        return first.start(), []
    found = [html_unescape(h) for h in re.findall(r'(?:href|src)="([^"]*)"', html)]
    return first.start(), [target for target in found if target not in own]


def _render(text: str, options: MarkdownOptions) -> str:
    rendered: str = markdown.Markdown(
        extensions=list(options.extensions), extension_configs=dict(options.configs)
    ).convert(text)
    return rendered


def body_start(text: str) -> int:
    """Where the page's Markdown starts: past its front matter, as MkDocs' own `get_data` reads it."""
    bom = 1 if text.startswith("\ufeff") else 0  # MkDocs reads pages as utf-8-sig
    body, meta = get_data(text[bom:])
    return len(text) - len(body) if meta and text.endswith(body) else 0


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`, counting lines at `\\n` only."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class PageUnreadable(Exception):
    """A page that is not UTF-8 text; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def page_text(path: Path, shown: str | None = None) -> str:
    """A page's text, exactly as stored (a byte order mark, `\\r\\n` and all); PageUnreadable if it is not UTF-8.

    MkDocs reads pages as UTF-8 and fails with a traceback on any other encoding, so such a page is refused
    first, at the first byte that is not UTF-8, before anything is written.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8")
        line, col = position(before, len(before))
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # its byte order mark
        was = "UTF-16" if utf16 else "latin1"
        raise PageUnreadable(
            Problem(
                Loc(shown or str(path), line, col),
                f"this page is not UTF-8 text (byte 0x{data[err.start]:02x}{', UTF-16 by its first bytes' * utf16}), "
                f"which MkDocs cannot read: save it as UTF-8 in your editor (or convert it: iconv -f {was} -t utf-8), "
                "then run again",
            )
        ) from None
