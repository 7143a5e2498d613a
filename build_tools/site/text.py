"""Tree text on its way into each output language: shown exactly as written, never read as markup.

Text from the tree is untrusted. Every output escapes it by one rule per
language, and this module is the only place those rules live:

- Markdown (`markdown_text`): every ASCII punctuation character becomes a
  numeric character reference. Python-Markdown passes references through
  untouched and the browser shows the character, so no sequence of
  characters can start emphasis, a link, a list, a heading, an attribute
  list or raw HTML, and no backslash is ever added. Spaces other than ASCII
  ones become references too, so Markdown cannot trim them. (Backslash escapes
  cannot do this: Python-Markdown only honours them before some characters,
  so `\\=` shows its backslash.)
- HTML (`html_text`): MarkupSafe's escape, as Jinja's autoescape does.
- Page titles handed to MkDocs (`html_title`): HTML, because that is what
  MkDocs and Material treat a title as: they print it raw in the navigation,
  derive it from a heading's HTML and index it as HTML for search. The two
  places where Material's templates do not treat it as HTML are fixed in
  `theme/`: see `theme/main.html`.
- Graphviz (`dot_text`): a double-quoted DOT string. Graphviz decodes HTML
  entities in labels, so `&` is escaped as well as `\\` and `"`.

Runs of ASCII whitespace become one space, as a browser would show them:
every output is one line of flowing text.
"""

from __future__ import annotations

import html
import re
import string
from typing import Any

from markupsafe import Markup, escape

_HTML_SIGNIFICANT = frozenset("<>&\"'")
_MARKDOWN_REFERENCES = {
    ord(ch): (str(escape(ch)) if ch in _HTML_SIGNIFICANT else f"&#{ord(ch)};") for ch in string.punctuation
}


# What HTML collapses when it lays out text; other spaces, such as U+00A0, are the author's.
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


_OTHER_SPACE = re.compile(r"[^\S \t\n\r\f]")


def words(text: Any) -> list[str]:
    """`text` split where HTML would let a line break, at runs of ASCII whitespace."""
    return [word for word in _HTML_WHITESPACE.split(str(text)) if word]


def flat(text: Any) -> str:
    """`text` on one line, each run of ASCII whitespace as a single space, as a browser shows it."""
    return " ".join(words(text))


def markdown_text(text: Any) -> Markup:
    """Inline Markdown that renders to exactly `text`, whatever characters it holds."""
    if isinstance(text, Markup):
        return text
    escaped = flat(text).translate(_MARKDOWN_REFERENCES)
    # Markdown strips Unicode spaces (U+00A0 and the like) from the ends of headings and list items.
    return Markup(_OTHER_SPACE.sub(lambda m: f"&#{ord(m[0])};", escaped))


def html_text(text: Any) -> Markup:
    """HTML text or attribute content that shows exactly `text`."""
    return escape(flat(text)) if not isinstance(text, Markup) else text


def html_title(text: str) -> Markup:
    """A page title for MkDocs: HTML, as MkDocs and Material expect a title to be."""
    return html_text(text)


def title_text(title: Any) -> str:
    """What a page title, which is HTML, says as plain text: for <title>, which cannot hold markup.

    Like Jinja's `striptags`, but it keeps the author's non-ASCII spaces,
    which `striptags` would fold into plain ones.
    """
    without_comments = _COMMENT.sub("", str(title))
    return flat(html.unescape(_TAG.sub("", without_comments)))


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")


def dot_text(text: Any) -> Markup:
    """A Graphviz double-quoted string that Graphviz shows exactly as `text`."""
    if isinstance(text, Markup):
        return text
    body = flat(text).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return Markup(f'"{body}"')
