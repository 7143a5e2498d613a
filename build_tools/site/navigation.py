"""The generated pages' place in the site's navigation, in the form mkdocs.yml's `nav` takes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..tree.cases import Case
from ..tree.model import Tree
from .defaults import TITLES, default_nav_entries
from .text import html_title
from .urls import (
    CASES,
    GLOSSARY,
    HANDOUT,
    HOME,
    LINKING,
    OVERVIEW,
    QUESTIONNAIRE,
    RECOMMENDATIONS,
    Parts,
    case_uri,
    question_uri,
    recommendation_uri,
)

NAV_PLACEHOLDER = OVERVIEW  # the mkdocs.yml nav entry the generated section replaces
NAV_GROUP = 50  # no level of the navigation lists more entries than this: longer lists are split into groups
NAV_GATHER = 20  # when the groups are too many for one level, they are gathered by this many


def navigation_section(tree: Tree, cases: Sequence[Case] = ()) -> list[Any]:
    """Navigation entries; their titles are HTML, as MkDocs and Material take a page title to be."""
    questions = [{html_title(q.title): question_uri(q.id)} for q in tree.questions.values()]
    recs = [{html_title(r.title): recommendation_uri(r.id)} for r in tree.recommendations.values()]
    section = [
        OVERVIEW,
        {"Questions": _grouped(questions)},
        {"Recommendations": [RECOMMENDATIONS, *_grouped(recs, room=NAV_GROUP - 1)]},
    ]
    if cases:
        section.append({"Case studies": [CASES, *({html_title(c.title): case_uri(c.id)} for c in cases)]})
    return [*section, {"Glossary": GLOSSARY}] if tree.glossary else section


def _grouped(entries: list[Any], room: int = NAV_GROUP, first: int = 1) -> list[Any]:
    """`entries`, or, if they are more than `room`, titled groups of them, nested so that no level exceeds NAV_GROUP.

    Entries are grouped by NAV_GROUP; if that makes more groups than `room`,
    the groups are gathered by NAV_GATHER (groups of 1,000 entries, then of
    20,000, ...). Each group is titled by the range it covers ("1 to 1,000",
    within it "51 to 100"), counted from `first`. With Material's
    `navigation.prune`, a page carries only the levels on its own branch, so
    its navigation grows by one level of NAV_GATHER entries each time the
    list grows NAV_GATHER-fold: 18,000 questions put 18 + 20 + 50 entries on
    a question page, rather than all 360 groups or, gathered by 50, 8 + 50 + 50.
    """
    if len(entries) <= room:
        return entries
    size = NAV_GROUP
    while len(entries) > size * room:
        size *= NAV_GATHER
    return [
        {_range(first + i, first + min(i + size, len(entries)) - 1): _grouped(entries[i : i + size], first=first + i)}
        for i in range(0, len(entries), size)
    ]


def _range(low: int, high: int) -> str:
    """A group's title: the positions of its first and last entries, as readers count them."""
    return f"{low:,} to {high:,}"


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


def site_nav(nav: list[Any], section: list[Any], parts: Parts, listed: frozenset[str] | None) -> list[Any]:
    """A site's `nav` (which names the pages `listed`) as the build uses it.

    The generated section takes the place of the `tree/index.md` entry; a
    default page the `nav` does not name is added at the top, the home page
    first and the questionnaire after the home page; and an entry for a page
    that is switched off (the handout) goes, so that the navigation never
    leads to it.
    """
    entries = _without(splice_nav(nav, section), set() if parts.handout else {HANDOUT})
    added = default_nav_entries(parts, listed)
    home = [entry for entry in added if HOME in entry.values()]
    after_home = next((i + 1 for i, entry in enumerate(entries) if HOME in (entry, *_values(entry))), 0)
    questionnaire = [entry for entry in added if QUESTIONNAIRE in entry.values()]
    return [*home, *entries[:after_home], *questionnaire, *entries[after_home:]]


def _values(entry: Any) -> list[Any]:
    return list(entry.values()) if isinstance(entry, dict) else []


def _without(nav: list[Any], gone: set[str]) -> list[Any]:
    """`nav` less its entries for the pages `gone`, and less any section they leave empty."""
    kept: list[Any] = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1 else (None, entry)
        if isinstance(value, str) and value in gone:
            continue
        if title is not None and isinstance(value, list):
            children = _without(value, gone)
            if not children:
                continue
            entry = {title: children}
        kept.append(entry)
    return kept


# Where a site has no `nav`, the generated pages follow its own under these titles (as in the project's mkdocs.yml).
TAIL_TITLES = {OVERVIEW: "The decision tree", LINKING: "For trainers", HANDOUT: "Print handout"}


def nav_of_pages(written: Sequence[str], section: list[Any], parts: Parts) -> list[Any]:
    """The navigation for a site whose mkdocs.yml has no `nav`, which MkDocs would otherwise make from the files.

    MkDocs would list every generated page by file name, the questions in
    alphabetical order, titled by their prompts, and every question in one
    list however many there are. Instead: the home page and the
    questionnaire first, then the site's own pages (`written`, in MkDocs'
    order, folders as sections), then the generated section as a site with a
    `nav` gets it, the trainers' page and the handout.
    """
    from mkdocs.utils import nest_paths

    titled = {uri: {TITLES[uri]: uri} for uri in parts.defaults}
    head = [titled.get(uri, uri) for uri in (HOME, QUESTIONNAIRE) if uri in titled or uri in written]
    rest = nest_paths(uri for uri in written if uri not in (HOME, QUESTIONNAIRE))
    tail = [{TAIL_TITLES[OVERVIEW]: section}, {TAIL_TITLES[LINKING]: LINKING}]
    return [*head, *rest, *tail, *([{TAIL_TITLES[HANDOUT]: HANDOUT}] if parts.handout else [])]
