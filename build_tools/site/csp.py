"""A Content-Security-Policy for every page, in a <meta> tag, so it holds on any static host.

Scripts may come only from the site itself, plus the inline scripts the
project ships (known_scripts.py recognises them; inline_scripts.py finds them
on the built pages and refuses any other). Each is allowed by its SHA-256
hash: no 'unsafe-inline', no 'unsafe-eval'. The hashes of every page go into
every page's policy, because with instant navigation the first page's policy
stays in force while Material runs the next page's inline scripts.

Styles are the site's own stylesheets; images may be data: URIs, which
Material's stylesheet uses for its icons. A <meta> policy cannot set
`frame-ancestors`; `http_header` adds it for hosts that can send headers,
and takes only sources there (`frame_ancestor_sources`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence

from .html_scan import as_run

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


def script_hash(text: str) -> str:
    """The CSP source expression ('sha256-...') that allows an inline script with this text."""
    digest = hashlib.sha256(as_run(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(hashes: Iterable[str]) -> str:
    listed = " ".join(sorted(hashes))
    return "; ".join(f"{name} {value.format(hashes=listed)}".strip() for name, value in _DIRECTIVES)


def with_policy(html: str, content: str) -> str:
    """`html` with the policy early in its <head>, before any script it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    return html if anchor is None else html[: anchor.end()] + tag + html[anchor.end() :]


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
