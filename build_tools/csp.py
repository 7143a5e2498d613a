"""A Content-Security-Policy for every page, in a <meta> tag, so it holds on any static host.

Scripts may come only from the site itself, plus the inline scripts that
Material writes into its pages, each allowed by its SHA-256 hash: no
'unsafe-inline', no 'unsafe-eval'. The hashes of every page go into every
page's policy, because with instant navigation the first page's policy
stays in force while Material runs the next page's inline scripts (which
differ with the page's depth).

Styles are the site's own stylesheets; images may be data: URIs, which
Material's stylesheet uses for its icons. A <meta> policy cannot set
`frame-ancestors`; `http_header` adds it for hosts that can send headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

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
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
# After <meta charset>, which must stay within a page's first 1,024 bytes; else first in <head>.
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


# An HTML parser reads a script element's text up to the first "</script", whatever it holds,
# so a pattern finds exactly what the browser runs; it is 50 times faster than html.parser here.
_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-...') for the inline scripts in `html` that a browser would run."""
    hashes = set()
    for match in _SCRIPT.finditer(html):
        attributes = {name.lower(): (value or "").strip("\"'") for name, value in _ATTRIBUTE.findall(match[1] or "")}
        if "src" in attributes or attributes.get("type", "").strip().lower() not in _EXECUTABLE:
            continue
        digest = hashlib.sha256(match[2].encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return hashes


def policy(hashes: Iterable[str]) -> str:
    listed = " ".join(sorted(hashes))
    return "; ".join(f"{name} {value.format(hashes=listed)}".strip() for name, value in _DIRECTIVES)


def http_header(hashes: Iterable[str], frame_ancestors: str = "'self'") -> str:
    """The same policy as an HTTP header value, with what only a header can say: who may frame the page.

    The site's own pages need no frame but their own; `embed/` is made to be
    framed, by the course pages listed in `frame_ancestors` (or `*` for any).
    """
    return policy(hashes) + f"; frame-ancestors {frame_ancestors}"


def with_policy(html: str, content: str) -> str:
    """`html` with the policy early in its <head>, before any script it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    return html if anchor is None else html[: anchor.end()] + tag + html[anchor.end() :]


def protect_site(site_dir: Path) -> str:
    """Give every HTML page under `site_dir` one policy that allows all of the site's inline scripts."""
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))}
    hashes = set().union(*(inline_script_hashes(html) for html in pages.values()))
    content = policy(hashes)
    for path, html in pages.items():
        path.write_text(with_policy(html, content), encoding="utf-8")
    return content
