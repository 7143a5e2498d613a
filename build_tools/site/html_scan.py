"""Built pages read for the code a browser would run, as the browser's HTML tokenizer reads them.

The policy is only as good as the reading of the pages: a script the reading
misses is a script the build never refuses. Pages are read with patterns
rather than an HTML parser, which costs a large site's build too much (the
decision below). They follow the HTML tokenizer where it matters: a start tag
is `<script` then whitespace, `/` or `>`, in any case; attributes are parsed
as the browser parses them (the first of two with one name wins, character
references are decoded); the type decides whether a script runs, as the HTML
standard says. Where the two could differ (a `<script>` inside a comment, say,
or an SVG script), the reading errs towards refusing, and a script whose text
a browser reads differently has a hash that the policy does not list, so the
browser refuses it too.

Decision (issue 16, 2026-12-02, 2-vCPU Xeon): keep the patterns; lxml 6.1.3 made a 2,000-node build 13% slower (24.7 s, not 21.8 s; 1,000 nodes +17%), over the 10% bar, selectolax gives no source lines, html.parser reads the pages 22 times slower.
"""

from __future__ import annotations

import html as html_text
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

_WS = "\t\n\f\r "  # HTML's whitespace, which is not Python's \s
LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # HTML folds ASCII case only
_NAME = r"[^\t\n\f\r />][^\t\n\f\r />=]*+"
_VALUE = r"""(?:"([^"]*+)"|'([^']*+)'|([^\t\n\f\r >]*+))"""
# One attribute, as the tokenizer reads it: a name, then perhaps `=` and a value.
_ATTRIBUTE = re.compile(rf"({_NAME})(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE})?+")
# Every attribute of a start tag, up to the `>` that ends it (or the end of the text).
ATTRIBUTES = re.compile(rf"(?:[\t\n\f\r /]++|{_NAME}(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE})?+)*+")
_SCRIPT_START = re.compile(r"<script(?=[\t\n\f\r />])", re.IGNORECASE | re.ASCII)
_SCRIPT_END = re.compile(r"</script(?=[\t\n\f\r />])", re.IGNORECASE | re.ASCII)
# A start tag with an attribute that may run code: a name starting "on" (an event handler), or a
# value starting, after any spaces, with "j" or a character reference (perhaps a javascript: URL).
# Every other attribute is skipped inside the pattern, so pages are searched at the regex engine's speed.
_PLAIN_VALUE = r"""(?:"(?![\x00-\x20]*+[jJ&])[^"]*+"|'(?![\x00-\x20]*+[jJ&])[^']*+'|(?![jJ&"'])[^\t\n\f\r >]*+)"""
_PLAIN_ATTRIBUTE = rf"(?![oO][nN]){_NAME}(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_PLAIN_VALUE}|(?![\t\n\f\r ]*+=))"
_TAG_NAME = r"<[a-zA-Z][^\t\n\f\r />]*+"
SUSPECT_TAG = re.compile(rf"({_TAG_NAME})(?:[\t\n\f\r /]++|{_PLAIN_ATTRIBUTE})*+(?=[^>])")

# The HTML standard's JavaScript MIME type essences, and the other script types a browser runs.
_RUNNABLE_TYPES = frozenset(
    {
        "",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        *(f"text/javascript1.{minor}" for minor in range(6)),
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
        "module",
        "importmap",
        "speculationrules",
    }
)


def attribute_list(text: str) -> dict[str, tuple[str, str]]:
    """Each attribute's name (ASCII lower case), value (character references decoded) and text as written;
    the first of a name wins, as in a browser."""
    attributes: dict[str, tuple[str, str]] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match[1].translate(LOWER)
        if name not in attributes:
            value = next((v for v in match.groups()[1:] if v is not None), "")
            attributes[name] = (html_text.unescape(value), match[0])
    return attributes


def _attributes(text: str) -> dict[str, str]:
    return {name: value for name, (value, _) in attribute_list(text).items()}


@dataclass(frozen=True)
class Script:
    """One `<script>` element, as the tokenizer reads it."""

    start: int  # where "<script" is
    tag: str  # the start tag, as written
    attributes: dict[str, str]
    text: str  # up to "</script", or to the end

    @property
    def end(self) -> int:
        return self.start + len(self.tag) + len(self.text)

    @property
    def external(self) -> bool:
        """Loaded from `src`, which script-src 'self' governs; a script with both `src` and text counts as inline."""
        return "src" in self.attributes and not self.text.strip(_WS)

    @property
    def runs(self) -> bool:
        """Whether a browser runs it, by its type (or language) as the HTML standard says; data blocks do not run."""
        if "type" in self.attributes:
            kind = self.attributes["type"]
        elif self.attributes.get("language"):
            kind = "text/" + self.attributes["language"]
        else:
            kind = ""
        return kind.strip(_WS).translate(LOWER) in _RUNNABLE_TYPES  # a type of spaces only errs towards running


def scripts(html: str) -> Iterator[Script]:
    """Every `<script>` element in `html`, in order."""
    position = 0
    while match := _SCRIPT_START.search(html, position):
        attributes = ATTRIBUTES.match(html, match.end())
        assert attributes is not None  # the pattern matches the empty string
        tag = html[match.start() : attributes.end() + 1]
        end = _SCRIPT_END.search(html, match.start() + len(tag))
        text = html[match.start() + len(tag) : end.start() if end else len(html)]
        yield Script(match.start(), tag, _attributes(attributes[0]), text)
        position = end.end() if end else len(html)


def as_run(text: str) -> str:
    """A script's text as the browser runs and hashes it: the HTML parser turns every CR LF and CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
