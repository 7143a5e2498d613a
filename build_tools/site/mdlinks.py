"""Links in a hand-written page, read as Markdown reads them: the one reader `check`, the build and `rename` share.

A link shown inside a code block or inline code is text, not a link: MkDocs
neither checks nor follows it, so neither may `check`, the build's link
rewriting or `rename`. Python-Markdown keeps no source positions, which
`check` needs to say where a link is and `rename` needs to rewrite it in
place, so the code is found here: fenced and indented code blocks, inline
code and HTML comments are blanked out (every character but the line break
becomes a space), and links are looked for in what is left, at the same
positions as in the page.

Lines end at `\\n` only (a `\\r` before it is part of the line's ending), as
Python-Markdown splits them: U+2028, NEL, form feeds and the like are
characters within a line. Every position here counts that way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..tree.problems import Loc, Problem

# A Markdown link's target: inline `](target)` or a reference definition `[x]: target`.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
# Python-Markdown's inline code: a run of backticks, not escaped, up to the same run; never across a blank line.
_INLINE_CODE = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\r?\n).)+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


@dataclass(frozen=True)
class Link:
    """A link's target as written, and where it starts in the page's text."""

    start: int
    target: str


def links(text: str) -> Iterator[Link]:
    """Every link target in the Markdown `text` that Markdown would read as a link, in order."""
    prose = _blank_code(text)
    for match in _LINK.finditer(prose):
        group = 1 if match.group(1) else 2
        yield Link(match.start(group), match.group(group))


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
        raise PageUnreadable(
            Problem(
                Loc(shown or str(path), line, col),
                f"this page is not UTF-8 text (byte 0x{data[err.start]:02x}), which MkDocs cannot read: "
                "save it as UTF-8 in your editor (or convert it: iconv -f latin1 -t utf-8), then run again",
            )
        ) from None


def _blank_code(text: str) -> str:
    """`text` with its code blocks, inline code and HTML comments made spaces, line breaks kept."""
    chars = list(text)
    offset = 0
    fence: str | None = None  # the fence that opened the block we are in
    in_list = False
    after_blank = True  # an indented line starts a code block only after a blank line (or at the start)
    in_indented = False
    for line in text.split("\n"):
        body = line.rstrip("\r")
        blank = not body.strip()
        code = False
        opened = _FENCE.match(body)
        if fence is not None:
            code = True
            closing = opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)
            if closing and opened and not body[opened.end() :].strip():
                fence = None
        elif opened and not (opened.group(1)[0] == "`" and "`" in body[opened.end() :]):
            fence, code = opened.group(1), True
        elif not blank:
            indented = body.expandtabs(4).startswith("    ")
            if _LIST_ITEM.match(body):
                in_list = True
            elif not indented:
                in_list = False
            in_indented = indented and not in_list and (after_blank or in_indented)
            code = in_indented
        if code:
            chars[offset : offset + len(body)] = " " * len(body)
        after_blank = blank
        offset += len(line) + 1
    blanked = "".join(chars)
    for pattern in (_INLINE_CODE, _COMMENT):  # Python-Markdown reads inline code before inline HTML
        blanked = pattern.sub(_spaces, blanked)
    return blanked


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())
