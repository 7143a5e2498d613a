"""A Content-Security-Policy for every page, in a <meta> tag, so it holds on any static host.

Scripts may come only from the site itself, plus the inline scripts written
in the templates the site is built from: Material's (its installed template
files), the project's overrides (`overrides/`) and the guide's own
(`build_tools/site/templates/`). Each is allowed by its SHA-256 hash: no
'unsafe-inline', no 'unsafe-eval'. The hashes of every page go into every
page's policy, because with instant navigation the first page's policy
stays in force while Material runs the next page's inline scripts.

The policy never grows by itself. An inline script is allowed only when it
is an instance of a script in a template: the template's text exactly, each
`{{ expression }}` in it filled by a value that cannot leave the string
literal it sits in (Material's `__md_scope=new URL("{{ base_url }}",location)`
is `"../.."` on one page and `"."` on another). Any other script that a
browser would run, an inline event handler (`onclick=`) or a `javascript:`
URL on a built page is refused: `check_site` raises ScriptsRefused, naming
each page, and the build fails. The policy lists the hashes of the scripts
the pages hold, and no others.

Pages are read with patterns rather than an HTML parser (50 times faster
here). They follow the HTML tokenizer where it matters: a start tag is
`<script` then whitespace, `/` or `>`, in any case; attributes are parsed as
the browser parses them (the first of two with one name wins, character
references are decoded); the type decides whether a script runs, as the
HTML standard says. Where the two could differ (a `<script>` inside a
comment, say, or an SVG script), the reading errs towards refusing, and a
script whose text a browser reads differently has a hash that the policy
does not list, so the browser refuses it too.

Styles are the site's own stylesheets; images may be data: URIs, which
Material's stylesheet uses for its icons. A <meta> policy cannot set
`frame-ancestors`; `http_header` adds it for hosts that can send headers,
and takes only sources there (`frame_ancestor_sources`).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_text
import os
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' {hashes}"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# After <meta charset>, which must stay within a page's first 1,024 bytes; else first in <head>.
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)

OUR_TEMPLATES = Path(__file__).parent / "templates"  # the guide's own pages, rendered by templating.py
ADVICE = (
    "move the code into a file under docs/assets/javascripts/ and list it under extra_javascript in mkdocs.yml, "
    "which the policy allows"
)

# --- Reading HTML as a browser's tokenizer does --------------------------------------------------

_WS = "\t\n\f\r "  # HTML's whitespace, which is not Python's \s
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # HTML folds ASCII case only
_NAME = r"[^\t\n\f\r />][^\t\n\f\r />=]*+"
_VALUE = r"""(?:"([^"]*+)"|'([^']*+)'|([^\t\n\f\r >]*+))"""
# One attribute, as the tokenizer reads it: a name, then perhaps `=` and a value.
_ATTRIBUTE = re.compile(rf"({_NAME})(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE})?+")
# Every attribute of a start tag, up to the `>` that ends it (or the end of the text).
_ATTRIBUTES = re.compile(rf"(?:[\t\n\f\r /]++|{_NAME}(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_VALUE})?+)*+")
_SCRIPT_START = re.compile(r"<script(?=[\t\n\f\r />])", re.IGNORECASE | re.ASCII)
_SCRIPT_END = re.compile(r"</script(?=[\t\n\f\r />])", re.IGNORECASE | re.ASCII)
# A start tag with an attribute that may run code: a name starting "on" (an event handler), or a
# value starting, after any spaces, with "j" or a character reference (perhaps a javascript: URL).
# Every other attribute is skipped inside the pattern, so pages are searched at the regex engine's speed.
_PLAIN_VALUE = r"""(?:"(?![\x00-\x20]*+[jJ&])[^"]*+"|'(?![\x00-\x20]*+[jJ&])[^']*+'|(?![jJ&"'])[^\t\n\f\r >]*+)"""
_PLAIN_ATTRIBUTE = rf"(?![oO][nN]){_NAME}(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+{_PLAIN_VALUE}|(?![\t\n\f\r ]*+=))"
_TAG_NAME = r"<[a-zA-Z][^\t\n\f\r />]*+"
_SUSPECT_TAG = re.compile(rf"({_TAG_NAME})(?:[\t\n\f\r /]++|{_PLAIN_ATTRIBUTE})*+(?=[^>])")

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


def _attribute_list(text: str) -> dict[str, tuple[str, str]]:
    """Each attribute's name (ASCII lower case), value (character references decoded) and text as written;
    the first of a name wins, as in a browser."""
    attributes: dict[str, tuple[str, str]] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match[1].translate(_LOWER)
        if name not in attributes:
            value = next((v for v in match.groups()[1:] if v is not None), "")
            attributes[name] = (html_text.unescape(value), match[0])
    return attributes


def _attributes(text: str) -> dict[str, str]:
    return {name: value for name, (value, _) in _attribute_list(text).items()}


@dataclass(frozen=True)
class _Script:
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
        return kind.strip(_WS).translate(_LOWER) in _RUNNABLE_TYPES  # a type of spaces only errs towards running


def _scripts(html: str) -> Iterator[_Script]:
    position = 0
    while match := _SCRIPT_START.search(html, position):
        attributes = _ATTRIBUTES.match(html, match.end())
        assert attributes is not None  # the pattern matches the empty string
        tag = html[match.start() : attributes.end() + 1]
        end = _SCRIPT_END.search(html, match.start() + len(tag))
        text = html[match.start() + len(tag) : end.start() if end else len(html)]
        yield _Script(match.start(), tag, _attributes(attributes[0]), text)
        position = end.end() if end else len(html)


def _as_run(text: str) -> str:
    """A script's text as the browser runs and hashes it: the HTML parser turns every CR LF and CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def script_hash(text: str) -> str:
    """The CSP source expression ('sha256-...') that allows an inline script with this text."""
    digest = hashlib.sha256(_as_run(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# --- The scripts the project ships: those its templates write -------------------------------------

_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA = re.compile(r"\{\{(-?)(.*?)(-?)\}\}|\{%.*?%\}", re.DOTALL)
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2")
_IN_STRING = r"""[^"'`\\<>\s]*"""  # a value inside "..." or '...': it cannot end the string or the script
_BARE = r"[A-Za-z0-9_.-]*"  # a value outside a string: a name or a number, nothing that calls or assigns


def _open_quote(code: str) -> str | None:
    """The quote of the JavaScript string literal that `code` ends inside, if any."""
    quote: str | None = None
    i = 0
    while i < len(code):
        ch = code[i]
        if quote is not None:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif code.startswith("//", i):
            i = code.find("\n", i)
            if i < 0:
                return None
        elif code.startswith("/*", i):
            i = code.find("*/", i + 2)
            if i < 0:
                return None
            i += 1
        i += 1
    return quote


def _template_pattern(text: str) -> re.Pattern[str] | None:
    """What an inline script in a template can become: its text, each `{{ ... }}` a safe hole; None if it has
    statements (`{% ... %}`), whose output this cannot vouch for."""
    parts: list[str] = []
    code = ""  # the text so far, with each hole as "x", to tell whether the next hole is inside a string
    position = 0
    strip_next = False
    for match in _JINJA.finditer(text):
        if match[0].startswith("{%"):
            return None
        literal = text[position : match.start()]
        literal = literal.lstrip() if strip_next else literal
        literal = literal.rstrip() if match[1] else literal
        code += literal
        parts.append(re.escape(_as_run(literal)))
        parts.append(_IN_STRING if _open_quote(code) in ('"', "'") else _BARE)
        code += "x"
        position, strip_next = match.end(), bool(match[3])
    literal = text[position:]
    parts.append(re.escape(_as_run(literal.lstrip() if strip_next else literal)))
    return re.compile("".join(parts), re.DOTALL)


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts the project ships: one pattern per script in a template, by the template's path."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def template_of(self, text: str) -> str | None:
        """The template that writes an inline script with this text, or None if none does."""
        text = _as_run(text)
        if text not in self._seen:
            self._seen[text] = next((name for name, pattern in self.patterns if pattern.fullmatch(text)), None)
        return self._seen[text]


def _template_files(folder: Path) -> list[Path]:
    """The templates under `folder`; hidden folders are skipped (Material's 14,000 icons are in `.icons`)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(top, f) for f in files if f.endswith(_TEMPLATE_SUFFIXES)]
    return sorted(found)


def known_scripts(theme_dirs: Iterable[str | Path]) -> KnownScripts:
    """The inline scripts in the theme's templates (its folders in MkDocs' order of precedence, the custom_dir
    first, as `config.theme.dirs` lists them) and in the guide's own templates."""
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for search_path in ([Path(d) for d in theme_dirs], [OUR_TEMPLATES]):
        seen: set[str] = set()
        for folder in search_path:
            for path in _template_files(folder):
                name = path.relative_to(folder).as_posix()
                if name in seen:
                    continue
                seen.add(name)  # an override hides the template it replaces, as in Jinja's loader
                source = _JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
                for script in _scripts(source):
                    pattern = _template_pattern(script.text)
                    if script.runs and not script.external and pattern is not None:
                        patterns.append((str(path), pattern))
    return KnownScripts(tuple(patterns))


def theme_dirs_of_config(config_file: Path) -> tuple[list[Path], Path]:
    """The template folders of the theme an mkdocs.yml names, and its docs folder, read as MkDocs reads them;
    ValueError if it cannot be read."""
    from mkdocs.theme import Theme
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open(encoding="utf-8") as stream:
            config = yaml_load(stream)
        config = config if isinstance(config, dict) else {}
        theme = config.get("theme") or "mkdocs"
        options = dict(theme) if isinstance(theme, dict) else {"name": theme}
        if options.get("custom_dir"):
            options["custom_dir"] = str(config_file.parent / str(options["custom_dir"]))
        dirs = Theme(**options).dirs
    except OSError as err:
        raise ValueError(f"cannot read the site configuration {config_file}: {err.strerror}") from None
    except Exception as err:  # the YAML loader's and the theme's own errors
        raise ValueError(f"cannot read the theme of the site configuration {config_file}: {err}") from None
    return [Path(d) for d in dirs], config_file.parent / str(config.get("docs_dir", "docs"))


# --- Checking the built site -----------------------------------------------------------------------


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
    for script in _scripts(html):
        spans.append((script.start, script.end))
        if script.external or not script.runs:
            continue
        if known.template_of(script.text) is None:
            first_line = next((line for line in script.text.splitlines() if line.strip()), "")
            needles = (script.tag + script.text.split("\n", 1)[0], script.tag, first_line.strip())
            found.append(_Found(script.start, "an inline script", _excerpt(script.tag + script.text), ADVICE, needles))
        else:
            hashes.add(script_hash(script.text))
    for tag in _SUSPECT_TAG.finditer(html):
        if any(start <= tag.start() < end for start, end in spans):
            continue  # inside a script's text, checked above
        attributes = _ATTRIBUTES.match(html, tag.end(1))
        assert attributes is not None
        for name, (value, written) in _attribute_list(attributes[0]).items():
            url = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21)))).translate(_LOWER)
            if name.startswith("on") and len(name) > 2:
                what = "an inline event handler"
                advice = (
                    "the Content-Security-Policy refuses every inline event handler, so it would never run; "
                    "attach the handler with addEventListener in a file under docs/assets/javascripts/ "
                    "listed under extra_javascript in mkdocs.yml"
                )
            elif url.startswith("javascript:"):
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


def policy(hashes: Iterable[str]) -> str:
    listed = " ".join(sorted(hashes))
    return "; ".join(f"{name} {value.format(hashes=listed)}".strip() for name, value in _DIRECTIVES)


def with_policy(html: str, content: str) -> str:
    """`html` with the policy early in its <head>, before any script it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    return html if anchor is None else html[: anchor.end()] + tag + html[anchor.end() :]


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


# --- The policy as an HTTP header, with frame-ancestors ----------------------------------------------

# CSP Level 3's grammar for frame-ancestors: 'self', a scheme-source or a host-source; or 'none' alone.
_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]*"
_SEGMENT = r"(?:[A-Za-z0-9._~!$&()*+=:@-]|%[0-9A-Fa-f]{2})"  # RFC 3986's path characters but ' ; ,
_SCHEME_SOURCE = re.compile(rf"{_SCHEME}:")
_HOST_SOURCE = re.compile(
    rf"(?:{_SCHEME}://)?(?:\*|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)(?::(?:[0-9]+|\*))?"
    rf"(?:/(?:{_SEGMENT}+(?:/{_SEGMENT}*)*)?)?"
)
_KEYWORDS = ("'self'", "'none'")
DIRECTIVE_NAMES = frozenset(
    {
        *(name for name, _ in _DIRECTIVES),
        *(f"{kind}-src{part}" for kind in ("script", "style") for part in ("-elem", "-attr")),
        "child-src",
        "frame-src",
        "manifest-src",
        "media-src",
        "prefetch-src",
        "fenced-frame-src",
        "frame-ancestors",
        "navigate-to",
        "sandbox",
        "plugin-types",
        "report-uri",
        "report-to",
        "require-trusted-types-for",
        "trusted-types",
        "upgrade-insecure-requests",
        "block-all-mixed-content",
        "require-sri-for",
        "webrtc",
    }
)
FRAME_ANCESTORS_EXAMPLE = "--frame-ancestors \"'self' https://learn.example.org\""


def frame_ancestor_sources(value: str) -> tuple[str, ...]:
    """The sources in `value`, separated by whitespace; ValueError, naming the first bad one, unless each is
    'self', a scheme (https:) or a host (https://*.example.org:8443/path), or the value is 'none' alone."""
    sources = tuple(s for s in re.split(r"[\t\n\f\r ]+", value) if s)
    if not sources:
        raise ValueError(f"no source given: name who may frame the pages, as in {FRAME_ANCESTORS_EXAMPLE}")
    for source in sources:
        problem = _source_problem(source)
        if problem:
            raise ValueError(
                f"{source!r} is not a source: {problem}. This option takes only sources, separated by spaces, "
                f"such as {FRAME_ANCESTORS_EXAMPLE}"
            )
    if len(sources) > 1 and "'none'" in (s.lower() for s in sources):
        raise ValueError(
            f"'none' cannot be combined with other sources (given {value!r}): use 'none' alone to forbid "
            f"every frame, or list who may frame the pages, as in {FRAME_ANCESTORS_EXAMPLE}"
        )
    return sources


def _source_problem(source: str) -> str | None:
    if ";" in source:
        return "';' ends a directive, and this option cannot add directives"
    if "," in source:
        return "',' ends a whole policy in a header, and this option cannot add one"
    if source.lower() in _KEYWORDS:
        return None
    if "'" in source or '"' in source:
        return "the only quoted sources frame-ancestors takes are 'self' and 'none'"
    if source.lower().rstrip(":") in DIRECTIVE_NAMES:
        return "that is the name of a directive, and this option cannot add directives"
    if _SCHEME_SOURCE.fullmatch(source) or _HOST_SOURCE.fullmatch(source):
        return None
    return "a source is 'self', 'none', a scheme like https: or a host like https://*.example.org:8443"


def http_header(hashes: Iterable[str], frame_ancestors: str | Sequence[str] = "'self'") -> str:
    """The same policy as an HTTP header value, with what only a header can say: who may frame the page.

    The site's own pages need no frame but their own; `embed/` is made to be
    framed, by the course pages listed in `frame_ancestors` (or `*` for any).
    ValueError if `frame_ancestors` is anything but sources.
    """
    value = frame_ancestors if isinstance(frame_ancestors, str) else " ".join(frame_ancestors)
    return policy(hashes) + f"; frame-ancestors {' '.join(frame_ancestor_sources(value))}"
