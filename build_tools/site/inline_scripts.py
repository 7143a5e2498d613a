"""The built site held to the scripts the project ships, then given its policy.

Every inline script on a built page that a template writes is allowed by its
hash. Any other script that a browser would run, an inline event handler
(`onclick=`) or a `javascript:` URL on a built page is refused: `check_site`
raises ScriptsRefused, naming each page (and the hand-written page and line
it came from, where there is one), and the build fails. `protect_site` writes
the policy, which lists the hashes of the scripts the pages hold and no
others, into every page only when none is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .csp import policy, script_hash, with_policy
from .html_scan import ATTRIBUTES, LOWER, SUSPECT_TAG, attribute_list, scripts
from .known_scripts import KnownScripts

ADVICE = (
    "move the code into a file under docs/assets/javascripts/ and list it under extra_javascript in mkdocs.yml, "
    "which the policy allows"
)


@dataclass(frozen=True)
class Refusal:
    """One thing on a built page that would run code the project does not ship."""

    page: str  # the built page, relative to the site's folder
    line: int  # in the built page
    what: str
    excerpt: str
    advice: str
    source: Path | None = None  # the hand-written page it came from, if there is one
    source_line: int | None = None

    def format(self, site: Path) -> str:
        built = _shown(site / self.page)
        if self.source is None:
            where = f"{built}:{self.line}: error: {self.what}"
        else:
            line = f":{self.source_line}" if self.source_line else ""
            where = f"{_shown(self.source)}{line}: error: {self.what} (on the built page {built}, line {self.line})"
        return f"{where}: {self.excerpt}; {self.advice}"


class ScriptsRefused(Exception):
    """Built pages hold scripts the policy does not allow; `str()` lists each, with its page."""

    LISTED = 20

    def __init__(self, refusals: Sequence[Refusal], site: Path) -> None:
        self.refusals = list(refusals)
        self.site = site
        pages = len({r.page for r in self.refusals})
        lines = [r.format(site) for r in self.refusals[: self.LISTED]]
        if len(self.refusals) > self.LISTED:
            lines.append(f"... and {len(self.refusals) - self.LISTED} more")
        count = len(self.refusals)
        super().__init__(
            f"{pages} page{'s' * (pages != 1)} of {_shown(site)}/ {'hold' if pages != 1 else 'holds'} inline code "
            f"that the project does not ship{f' ({count} in all)' * (count > 1)}; the Content-Security-Policy "
            "allows only Material's scripts and the guide's own, so browsers would refuse it:\n" + "\n".join(lines)
        )


# The attributes whose value a browser follows or loads as a URL, where a javascript: URL would be code. In any
# other attribute (a title, alt text, a meta description, an SVG tooltip) it is text, as a tree's text may be.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping", "codebase"}
    | {"archive", "longdesc", "lowsrc", "dynsrc", "icon", "manifest"}
)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _excerpt(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


class _Found(NamedTuple):
    offset: int
    what: str
    excerpt: str
    advice: str
    needles: tuple[str, ...]  # text to look for in the hand-written page, to name its line


def _refusals(html: str, known: KnownScripts) -> tuple[set[str], list[_Found]]:
    """The hashes of a page's known inline scripts, and everything else on it that would run code."""
    hashes: set[str] = set()
    found: list[_Found] = []
    spans: list[tuple[int, int]] = []
    for script in scripts(html):
        spans.append((script.start, script.end))
        if script.external or not script.runs:
            continue
        if known.template_of(script.text) is None:
            first_line = next((line for line in script.text.splitlines() if line.strip()), "")
            needles = (script.tag + script.text.split("\n", 1)[0], script.tag, first_line.strip())
            found.append(_Found(script.start, "an inline script", _excerpt(script.tag + script.text), ADVICE, needles))
        else:
            hashes.add(script_hash(script.text))
    for tag in SUSPECT_TAG.finditer(html):
        if any(start <= tag.start() < end for start, end in spans):
            continue  # inside a script's text, checked above
        attributes = ATTRIBUTES.match(html, tag.end(1))
        assert attributes is not None
        for name, (value, written) in attribute_list(attributes[0]).items():
            url = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21)))).translate(LOWER)
            if name.startswith("on") and len(name) > 2:
                what = "an inline event handler"
                advice = (
                    "the Content-Security-Policy refuses every inline event handler, so it would never run; "
                    "attach the handler with addEventListener in a file under docs/assets/javascripts/ "
                    "listed under extra_javascript in mkdocs.yml"
                )
            elif name in URL_ATTRIBUTES and url.startswith("javascript:"):
                what = "a javascript: URL"
                advice = (
                    "the Content-Security-Policy refuses javascript: URLs, so it would do nothing; use a link to "
                    "a page, or a button whose handler is in a file under docs/assets/javascripts/"
                )
            else:
                continue
            found.append(_Found(tag.start(), what, _excerpt(written), advice, (tag[1] + " " + written, written, value)))
    return hashes, found


def _source_of(page: str, docs_dir: Path) -> Path | None:
    """The file in `docs_dir` that a built page came from, if it came from one (generated pages do not)."""
    stem = page.removesuffix(".html")
    candidates = [page]
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        candidates += [f"{folder}index.md", f"{folder}README.md"]
        if folder:
            candidates.append(folder.rstrip("/") + ".md")
    else:
        candidates.append(stem + ".md")
    return next((docs_dir / c for c in candidates if (docs_dir / c).is_file()), None)


def _line_in(source: Path, excerpts: Iterable[str]) -> int | None:
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for excerpt in excerpts:
        at = text.find(excerpt) if excerpt.strip() else -1
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


# Files a browser opens as documents that can hold scripts. Only the .html pages get the policy (MkDocs
# writes no other kind); a script in any of them fails the build, since no template writes one there.
_DOCUMENTS = (".html", ".htm", ".xhtml", ".svg")


def check_site(
    site_dir: Path, known: KnownScripts, *, docs_dir: Path | None = None, shown_as: Path | None = None
) -> tuple[set[str], dict[Path, str]]:
    """The hashes of the inline scripts on the site's pages, and the pages; ScriptsRefused if a page holds a
    script that no template of the project writes (named, with its hand-written page when `docs_dir` has it,
    and the site folder as `shown_as`)."""
    documents = {
        path: path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*"))
        if path.suffix.lower() in _DOCUMENTS and path.is_file()
    }
    hashes: set[str] = set()
    refusals: list[Refusal] = []
    for path, html in documents.items():
        page_hashes, found = _refusals(html, known)
        hashes |= page_hashes
        page = path.relative_to(site_dir).as_posix()
        source = _source_of(page, docs_dir) if docs_dir is not None else None
        for offset, what, excerpt, advice, needles in found:
            line = html.count("\n", 0, offset) + 1
            source_line = _line_in(source, needles) if source else None
            refusals.append(Refusal(page, line, what, excerpt, advice, source, source_line))
    if refusals:
        raise ScriptsRefused(refusals, shown_as or site_dir)
    return hashes, {path: html for path, html in documents.items() if path.suffix == ".html"}


def protect_site(
    site_dir: Path, known: KnownScripts, *, docs_dir: Path | None = None, shown_as: Path | None = None
) -> str:
    """Give every HTML page under `site_dir` one policy that allows the site's known inline scripts;
    ScriptsRefused, before any page is written, if a page holds another."""
    hashes, pages = check_site(site_dir, known, docs_dir=docs_dir, shown_as=shown_as)
    content = policy(hashes)
    for path, html in pages.items():
        path.write_text(with_policy(html, content), encoding="utf-8")
    return content
