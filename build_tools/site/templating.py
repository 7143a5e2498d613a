"""Jinja2 for the generated pages: one environment per output language, its filters registered once.

Every template is rendered from one context dataclass (see contexts.py). Its
fields become the template's variables; `here` (the page being written),
`tree` and `directory_urls` are what the filters below need to link from
that page. Every expression is escaped for its language on the way out
(text.py), so a template cannot forget to.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import fields
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ..tree.model import Question
from .contexts import Context
from .slots import each
from .text import dot_text, markdown_text, words
from .urls import (
    ABOUT,
    CASES,
    CHANGELOG,
    EVERY_PART,
    GLOSSARY,
    HANDOUT,
    HANDOUT_FACILITATOR,
    OVERVIEW,
    QUESTIONNAIRE,
    RECOMMENDATIONS,
    Parts,
    case_uri,
    node_uri,
    relative_url,
)
from .wording import WORDING

TEMPLATES = jinja2.PackageLoader("build_tools.site", "templates")
WRAP = 22  # characters per line of a diagram label


@jinja2.pass_context
def link(context: jinja2.runtime.Context, node_id: str) -> Markup:
    """A Markdown link target from this page to a question's or recommendation's page."""
    return link_page(context, node_uri(context["tree"], node_id))


@jinja2.pass_context
def link_page(context: jinja2.runtime.Context, uri: str) -> Markup:
    """A Markdown link target from this page to the source page `uri`, which MkDocs checks and rewrites."""
    return Markup(quote(posixpath.relpath(uri, posixpath.dirname(context["here"]))))


@jinja2.pass_context
def link_case(context: jinja2.runtime.Context, case_id: str) -> Markup:
    """A Markdown link target from this page to a case study's page."""
    return link_page(context, case_uri(case_id))


@jinja2.pass_context
def href(context: jinja2.runtime.Context, node_id: str) -> str:
    """A URL from this page to a node's page, for raw HTML and the diagram, where MkDocs rewrites nothing."""
    return relative_url(context["here"], node_uri(context["tree"], node_id), context["directory_urls"])


@jinja2.pass_context
def href_page(context: jinja2.runtime.Context, uri: str) -> Markup:
    """A URL from this page to the source page `uri`, for raw HTML, where MkDocs rewrites nothing.

    Markup, so that Markdown's escaping leaves it as it is: it is percent-encoded, with nothing HTML could read.
    """
    return Markup(relative_url(context["here"], uri, context["directory_urls"]))


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_HOLE = "\ue000"  # a private-use character: no wording holds it, and no escaping rule changes it


@jinja2.pass_environment
def fill(env: jinja2.Environment, wording: str, **values: object) -> Markup:
    """Interface words (wording.py) with their `{name}`s filled in, the words and each value escaped as `{{ }}` would.

    The words are escaped whole, each value in its place, so that Markdown's
    escaping, which trims the ends of what it is given, keeps the spaces
    around a value.
    """
    quote_text = env.finalize or escape
    names: list[str] = []

    def hole(match: re.Match[str]) -> str:
        names.append(match[1])
        return _HOLE

    pieces = str(quote_text(_PLACEHOLDER.sub(hole, wording))).split(_HOLE)
    filled = [pieces[0]]
    for name, piece in zip(names, pieces[1:], strict=True):
        filled += [str(quote_text(values[name])), piece]
    return Markup("".join(filled))


def attribute(value: str) -> Markup:
    """An HTML attribute value; ids are slugs, but a template must not rely on that."""
    return Markup(quote(value, safe=""))


def wrap(text: str, width: int = WRAP) -> Markup:
    """A DOT label broken into centred lines of about `width` characters."""
    lines, line = [], ""
    for word in words(text):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return Markup('"' + "\\n".join(dot_text(part)[1:-1] for part in lines) + '"')


def spaced(option_id: str) -> str:
    """An option id as words, for the diagram's arrows: `never-agree` reads "never agree"."""
    return option_id.replace("-", " ")


FILTERS: dict[str, Any] = {
    "link": link,
    "link_page": link_page,
    "link_case": link_case,
    "href": href,
    "href_page": href_page,
    "fill": fill,
    "attribute": attribute,
    "wrap": wrap,
    "spaced": spaced,
}
TESTS: dict[str, Any] = {"question": lambda node: isinstance(node, Question)}


def site_globals(parts: Parts) -> dict[str, Any]:
    """What every template may read besides its context: the site's parts (`PARTS.embed`), and the fixed pages
    it may link to, by name (`{{ PAGES.overview | link_page }}`), each None where the site will not have it."""
    fixed = [OVERVIEW, RECOMMENDATIONS, ABOUT, GLOSSARY, CASES, HANDOUT, HANDOUT_FACILITATOR, CHANGELOG, QUESTIONNAIRE]
    names = [
        *("overview", "recommendations", "about", "glossary", "cases", "handout", "handout_facilitator"),
        *("changelog", "questionnaire"),
    ]
    return {"PAGES": {name: parts.linkable(uri) for name, uri in zip(names, fixed, strict=True)}, "PARTS": parts}


GLOBALS = site_globals(EVERY_PART)


@cache
def environment(language: str) -> jinja2.Environment:
    """The environment for templates named `*.md.j2`, `*.html.j2` or `*.dot.j2`."""
    finalize = {"md": markdown_text, "dot": dot_text}.get(language)
    env = jinja2.Environment(
        loader=TEMPLATES,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=language in ("html", "xml"),
        finalize=finalize,
    )
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    env.globals.update(GLOBALS)
    # `WORDS.<name>`: the interface's words (wording.py); `each`: what a blank list repeats (slots.py).
    env.globals.update(WORDS=WORDING, each=each)
    return env


def render(template: str, context: Context, parts: Parts = EVERY_PART) -> str:
    """`template` filled from `context`; `parts` says which optional pages and outputs the site has to link to."""
    language = template.rsplit(".", 2)[-2]
    variables = {field.name: getattr(context, field.name) for field in fields(context)}
    variables.update(site_globals(parts))
    return environment(language).get_template(template).render(variables)
