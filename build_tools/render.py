"""Model -> generated pages: `{uri: markdown}` plus the navigation section that lists them.

The output is plain Markdown (with a few raw HTML blocks), so it serves MkDocs
through the hook and any other engine through `python -m build_tools render`.
Markup lives in `templates/`; every text from the tree is escaped on its way
out, so an author's `<script>` or `[link](javascript:...)` stays literal text.
"""

from __future__ import annotations

import json
import posixpath
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .model import Factor, Option, Question, Recommendation, Tree
from .navigation import navigation_section
from .paths import count_paths, count_paths_to, describe_count, longest_path, questions_left, sample_paths
from .text import dot_text, markdown_text, words
from .urls import (
    ABOUT,
    OVERVIEW,
    QUESTIONNAIRE_DATA,
    RECOMMENDATIONS,
    node_uri,
    page_url,
    question_uri,
    recommendation_uri,
    relative_url,
)

TEMPLATES = Path(__file__).parent / "templates"

PATHS_LISTED = 20  # "how readers get here" lists at most this many paths
PATH_STEPS_SHOWN = 12  # and shows longer ones by their ends
OUTLINE_DEPTH = 12  # the outline nests no deeper than this
MAX_DIAGRAM_NODES = 300  # beyond this a drawing is illegible; the outline still shows all


# --- templates ----------------------------------------------------------------


@cache
def _env(kind: str) -> jinja2.Environment:
    """One environment per output language, each escaping every expression by default."""
    loader = jinja2.FileSystemLoader(TEMPLATES)
    common = {"loader": loader, "undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}
    if kind == "html":
        return jinja2.Environment(autoescape=True, **common)
    return jinja2.Environment(autoescape=False, finalize=markdown_text if kind == "md" else dot_text, **common)


def _render(template: str, **context: Any) -> str:
    kind = "md" if template.endswith(".md.j2") else "dot" if template.endswith(".dot.j2") else "html"
    return _env(kind).get_template(template).render(**context)


# --- links --------------------------------------------------------------------


def _md_link(from_uri: str, to_uri: str) -> Markup:
    """A Markdown link target: the source path, which MkDocs checks and rewrites."""
    return Markup(quote(posixpath.relpath(to_uri, posixpath.dirname(from_uri))))


# --- pages --------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]
    nav: list[Any]  # the generated navigation section, in mkdocs.yml's `nav` form
    assets: dict[str, str]  # other generated files, such as the questionnaire's data


@dataclass(frozen=True)
class PathStep:
    """One answer on a listed path, or (`skipped` > 0) a gap standing for that many answers."""

    question: Question | None = None
    option: Option | None = None
    skipped: int = 0


def _path_steps(tree: Tree, path: tuple[tuple[str, str], ...]) -> list[PathStep]:
    """A path as steps to show; a very long one keeps its ends and summarises its middle."""
    steps = [PathStep(tree.questions[q], tree.questions[q].option(o)) for q, o in path]
    if len(steps) <= PATH_STEPS_SHOWN:
        return steps
    keep = PATH_STEPS_SHOWN // 2
    return [*steps[:keep], PathStep(skipped=len(steps) - 2 * keep), *steps[-keep:]]


@dataclass(frozen=True)
class OutlineStep:
    kind: str  # "open" (a question, its answers follow), "close", "leaf", "repeat" or "continued"
    node: Question | Recommendation | None = None
    option: Option | None = None


def outline_steps(tree: Tree) -> Iterator[OutlineStep]:
    """The tree depth first, each question spelled out the first time it is reached.

    Nesting stops at OUTLINE_DEPTH: a question reached deeper than that starts
    a new top-level entry further down, so no list nests beyond what a reader
    (or an HTML parser) can follow, however deep the tree.
    """
    seen = {tree.start}
    roots = deque([tree.questions[tree.start]])
    while roots:
        root = roots.popleft()
        yield OutlineStep("open", root)
        stack = [iter(root.options)]
        while stack:
            option = next(stack[-1], None)
            if option is None:
                stack.pop()
                yield OutlineStep("close")
                continue
            target = tree.node(option.next)
            if not isinstance(target, Question):
                yield OutlineStep("leaf", target, option)
            elif target.id in seen:
                yield OutlineStep("repeat", target, option)
            elif len(stack) >= OUTLINE_DEPTH:
                seen.add(target.id)
                roots.append(target)
                yield OutlineStep("continued", target, option)
            else:
                seen.add(target.id)
                yield OutlineStep("open", target, option)
                stack.append(iter(target.options))


def render_site(
    tree: Tree,
    *,
    use_directory_urls: bool = True,
    draw: Callable[[str], str] | None = None,
) -> RenderedSite:
    """Every generated page for `tree`. `draw` turns DOT source into SVG (None: no diagram)."""
    pages: dict[str, str] = {}
    to_recs = count_paths_to(tree)
    samples = sample_paths(tree, PATHS_LISTED)

    def link_from(uri: str) -> Callable[[str], Markup]:
        return lambda node_id: _md_link(uri, node_uri(tree, node_id))

    for q in tree.questions.values():
        uri = question_uri(q.id)
        factor = tree.factors[q.factor]
        pages[uri] = _render(
            "question.md.j2",
            q=q,
            tree=tree,
            factor=factor,
            factor_link=_md_link(uri, factor.page),
            link=link_from(uri),
            overview=_md_link(uri, OVERVIEW),
            is_question=lambda node: isinstance(node, Question),
            attr=_attr,
        )

    for r in tree.recommendations.values():
        uri = recommendation_uri(r.id)
        pages[uri] = _render(
            "recommendation.md.j2",
            r=r,
            tree=tree,
            factors=[tree.factors[f] for f in r.factors],
            factor_link=lambda f, uri=uri: _md_link(uri, f.page),
            link=link_from(uri),
            total=to_recs[r.id],
            total_text=describe_count(to_recs[r.id]),
            paths=[_path_steps(tree, path) for path in samples[r.id]],
            index=_md_link(uri, RECOMMENDATIONS),
            overview=_md_link(uri, OVERVIEW),
        )

    pages[RECOMMENDATIONS] = _render(
        "recommendations.md.j2",
        recommendations=list(tree.recommendations.values()),
        link=link_from(RECOMMENDATIONS),
    )

    def url(node_id: str) -> str:
        return relative_url(OVERVIEW, node_uri(tree, node_id), use_directory_urls)

    node_count = len(tree.questions) + len(tree.recommendations)
    svg = None
    if draw is not None and node_count <= MAX_DIAGRAM_NODES:
        svg = Markup(draw(_render("diagram.dot.j2", tree=tree, url=url, wrap=_wrap, edge_label=_edge_label)))
    pages[OVERVIEW] = _render(
        "overview.md.j2",
        tree=tree,
        link=link_from(OVERVIEW),
        total_paths=describe_count(count_paths(tree)),
        longest=longest_path(tree),
        svg=svg,
        node_count=node_count,
        outline=Markup(_render("outline.html.j2", steps=outline_steps(tree), url=url)),
        about=_md_link(OVERVIEW, ABOUT),
    )
    assets = {QUESTIONNAIRE_DATA: questionnaire_data(tree, use_directory_urls=use_directory_urls)}
    return RenderedSite(pages, navigation_section(tree), assets)


def questionnaire_data(tree: Tree, *, use_directory_urls: bool) -> str:
    """The tree as the questionnaire needs it, as a script rather than JSON because fetch() fails on file://.

    URLs are relative to the site root; `depth` is the most questions left on
    the longest branch from a question, for honest progress ("at most N more").
    """
    depth = questions_left(tree)
    data = {
        "start": tree.start,
        "questions": {
            q.id: {
                "title": q.title,
                "prompt": q.prompt,
                "why": q.why,
                "depth": depth[q.id],
                "url": page_url(question_uri(q.id), use_directory_urls),
                "options": [{"id": o.id, "label": o.label, "meaning": o.meaning, "next": o.next} for o in q.options],
            }
            for q in tree.questions.values()
        },
        "recommendations": {
            r.id: {
                "title": r.title,
                "verdict": r.verdict,
                "steps": list(r.next_steps),
                "url": page_url(recommendation_uri(r.id), use_directory_urls),
            }
            for r in tree.recommendations.values()
        },
    }
    return "window.ESCALATION_TREE = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def factor_links(tree: Tree, factor: Factor) -> str:
    """Markdown for a factor's own page: the questions that ask about it and the advice it grounds."""
    link = lambda node_id: _md_link(factor.page, node_uri(tree, node_id))  # noqa: E731
    return _render(
        "factor_links.md.j2",
        questions=[q for q in tree.questions.values() if q.factor == factor.id],
        recommendations=[r for r in tree.recommendations.values() if factor.id in r.factors],
        link=link,
    )


def _attr(value: str) -> Markup:
    """An HTML attribute value; ids are slugs, but a template must not rely on that."""
    return Markup(quote(value, safe=""))


def _wrap(text: str, width: int = 22) -> Markup:
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


def _edge_label(option_id: str) -> str:
    return option_id.replace("-", " ")
