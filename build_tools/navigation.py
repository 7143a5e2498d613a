"""The generated pages' place in the site's navigation, in the form mkdocs.yml's `nav` takes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Tree
from .scenarios import Scenario
from .text import html_title
from .urls import CASES, GLOSSARY, OVERVIEW, RECOMMENDATIONS, case_uri, question_uri, recommendation_uri

NAV_PLACEHOLDER = OVERVIEW  # the mkdocs.yml nav entry the generated section replaces
NAV_GROUP = 50  # longer navigation lists are split into groups of this size


def navigation_section(tree: Tree, cases: Sequence[Scenario] = ()) -> list[Any]:
    """Navigation entries; their titles are HTML, as MkDocs and Material take a page title to be."""
    questions = [{html_title(q.title): question_uri(q.id)} for q in tree.questions.values()]
    recs = [{html_title(r.title): recommendation_uri(r.id)} for r in tree.recommendations.values()]
    section = [OVERVIEW, {"Questions": _grouped(questions)}, {"Recommendations": [RECOMMENDATIONS, *_grouped(recs)]}]
    if cases:
        section.append({"Case studies": [CASES, *({html_title(c.title): case_uri(c.id)} for c in cases)]})
    return [*section, {"Glossary": GLOSSARY}] if tree.glossary else section


def _grouped(entries: list[Any]) -> list[Any]:
    """Split a long list into titled groups, so no page carries thousands of navigation links."""
    if len(entries) <= NAV_GROUP:
        return entries
    return [
        {f"{i + 1} to {min(i + NAV_GROUP, len(entries))}": entries[i : i + NAV_GROUP]}
        for i in range(0, len(entries), NAV_GROUP)
    ]


def splice_nav(nav: list[Any], section: list[Any]) -> list[Any]:
    """`nav` with the entry that names the overview page replaced by the generated section."""
    spliced = []
    for entry in nav:
        if isinstance(entry, dict) and list(entry.values()) == [NAV_PLACEHOLDER]:
            spliced.append({next(iter(entry)): section})
        elif isinstance(entry, dict) and isinstance(next(iter(entry.values())), list):
            title, children = next(iter(entry.items()))
            spliced.append({title: splice_nav(children, section)})
        else:
            spliced.append(entry)
    return spliced
