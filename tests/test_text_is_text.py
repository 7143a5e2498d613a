"""Whatever an author types into the tree shows exactly as typed on every page, and never becomes markup.

Each example puts one arbitrary text (Markdown, HTML, Jinja, entities,
any Unicode) into every text field of the real tree and builds the site
with --strict. A second build uses the same text with every visible
character replaced by "x": the two sites must have the same elements and
attributes on every page, so nothing in the first came from the text.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from build_tools.site.pages import by_setting
from build_tools.site.text import flat
from build_tools.site.urls import (
    CASES,
    GLOSSARY,
    HANDOUT,
    HANDOUT_FACILITATOR,
    OVERVIEW,
    QUESTIONNAIRE_DATA,
    QUESTIONNAIRE_SETTING,
    RECOMMENDATIONS,
    case_uri,
    question_uri,
    recommendation_uri,
)
from build_tools.tree.cases import Case, load_cases
from build_tools.tree.checks import check_file
from build_tools.tree.model import Question, Tree

from .conftest import build_site
from .test_site import page_for
from .treefiles import tree_copy_with

SITE_NAME = "The escalation guide"
# Pieces that mean something to one of the languages a text passes through; Hypothesis mixes them
# with arbitrary characters, so the test is not limited to payloads someone thought of.
SIGNIFICANT = st.sampled_from(
    [
        *"<>&\"'`*_[](){}#!|~^=:-+.\\/;%$@?",
        *("</", "-->", "<!--", "{{", "}}", "{%", "&amp;", "&lt;", "&#60;", "\\n", "{: .x }", "](", "!["),
        *("1. ", "# ", "> ", "    ", "\n", "\t", "\xa0", "]]>", "</title>", "<script>", "javascript:"),
    ]
)
ANY_CHARACTER = st.characters(blacklist_categories=("Cc", "Cs"))


def flat_brackets(text: str) -> bool:
    """Whether square brackets in `text` are flat placeholders, as the words to say must use them (settings.py)."""
    inside = False
    for char in text:
        if char in "[]":
            if inside == (char == "["):
                return False
            inside = char == "["
    return not inside


# Any text an author could write in every field: the words to say hold brackets only as flat placeholders.
TEXTS = (
    st.lists(st.one_of(SIGNIFICANT, ANY_CHARACTER), min_size=1, max_size=16)
    .map("".join)
    .filter(lambda text: flat(text) != "" and flat_brackets(text))
)


SETTINGS_TREE = Path(__file__).parent / "fixtures" / "settings" / "escalation.yaml"


def hostile_tree_file(folder: Path, text: str, source: Path | None = None) -> Path:
    """The real tree (or `source`) and its cases with `text`, numbered to keep labels distinct, in every text field."""
    counter = iter(range(1_000_000))
    return tree_copy_with(folder, lambda: f"{text} {next(counter)}", *([source] if source else []))


def structure(document: BeautifulSoup) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and the names of its attributes, in document order."""
    return [(element.name, tuple(sorted(element.attrs))) for element in document.find_all(True)]


def visible(document: BeautifulSoup) -> str:
    for hidden in document.find_all(["script", "style", "title"]):
        hidden.decompose()
    return flat(document.get_text())


def shown_on(tree: Tree, cases: list[Case]) -> dict[str, list[str]]:
    """The texts each generated page must show, by source page."""
    factor_pages: dict[str, list[str]] = {f.page: [] for f in tree.factors.values()}
    pages: dict[str, list[str]] = {
        OVERVIEW: [tree.title, tree.source.credit],
        RECOMMENDATIONS: [],
    }
    for q in tree.questions.values():
        nexts = [tree.node(o.next) for o in q.options]
        targets = [n.prompt if isinstance(n, Question) else n.title for n in nexts if n is not None]
        pages[question_uri(q.id)] = [q.prompt, q.why, tree.factors[q.factor].title, *(o.label for o in q.options)]
        pages[question_uri(q.id)] += targets
        pages[OVERVIEW] += [q.title, q.prompt, *(o.label for o in q.options)]
        factor_pages[tree.factors[q.factor].page] += [q.title, q.prompt]
    sections = by_setting(tree)
    for r in tree.recommendations.values():
        factors = [tree.factors[f] for f in r.factors]
        pages[recommendation_uri(r.id)] = [r.title, r.verdict, r.rationale, *r.risks]
        pages[recommendation_uri(r.id)] += [t for f in factors for t in (f.title, f.summary)]
        for setting, text in [(s.setting, s.advice) for s in sections[r.id]] or [(None, r.advice(None))]:
            pages[recommendation_uri(r.id)] += [setting.title, setting.summary] if setting else []
            pages[recommendation_uri(r.id)] += [*text.next_steps, *text.if_still_no]
            if text.what_to_say:
                say = text.what_to_say
                pages[recommendation_uri(r.id)] += [say.opening, say.email_subject, *say.email]
        pages[RECOMMENDATIONS] += [r.title, r.verdict]
        pages[OVERVIEW].append(r.title)
        for f in factors:
            factor_pages[f.page] += [r.title, r.verdict]
    if tree.glossary:
        pages[GLOSSARY] = [t for term in tree.glossary.values() for t in (term.term, term.definition)]
    pages[HANDOUT] = [t for q in tree.questions.values() for t in (q.title, q.prompt, *(o.label for o in q.options))]
    for r in tree.recommendations.values():
        pages[HANDOUT] += [r.title, r.verdict]
        if tree.settings:  # on paper, the reasoning; each setting's words are online
            pages[HANDOUT].append(r.rationale)
            continue
        for section in sections[r.id] or [None]:
            text = section.advice if section else r.advice(None)
            pages[HANDOUT] += [section.setting.title] if section else []
            pages[HANDOUT] += [*text.next_steps, *([text.what_to_say.opening] if text.what_to_say else [])]
    pages[HANDOUT] += [t for case in cases for t in (case.title, case.story)]
    pages[HANDOUT_FACILITATOR] = [*pages[HANDOUT], *(case.teaching_note for case in cases)]  # with the answers
    pages[CASES] = [case.title for case in cases]
    for case in cases:
        rec = tree.recommendations[case.expected]
        pages[case_uri(case.id)] = [case.title, case.story, case.teaching_note, rec.title, rec.verdict, rec.rationale]
        pages[case_uri(case.id)] += [tree.questions[q].prompt for q, _ in case.answers]
    return {**pages, **factor_pages}


def titles(tree: Tree, cases: list[Case]) -> dict[str, str]:
    """The window title of each node's and case's page."""
    nodes = {question_uri(q.id): q.title for q in tree.questions.values()}
    nodes.update({recommendation_uri(r.id): r.title for r in tree.recommendations.values()})
    nodes.update({case_uri(c.id): c.title for c in cases})
    return {uri: f"{flat(title)} - {SITE_NAME}" for uri, title in nodes.items()}


def search_structure(site: Path) -> list[list[tuple[str, tuple[str, ...]]]]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [structure(BeautifulSoup(doc["title"] + " " + doc["text"], "html.parser")) for doc in docs]


# Each example builds two sites, so examples are few and a failure is reported unshrunk.
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(TEXTS)
@example("Version 1.0.0 = ~x^ in C#")
@example("2010. : > <b>bold</b> &amp; \xa0")
@pytest.mark.slow  # builds a site
def test_any_text_in_every_field_shows_exactly_and_adds_no_markup(text):
    hostile_text_shows_exactly(text)


@pytest.mark.slow  # builds a site
def test_hostile_text_in_the_fields_of_settings_shows_exactly_and_adds_no_markup():
    """Tree 3.0's fields (settings' titles and summaries, text per setting) on the pages, the handout and the data."""
    hostile_text_shows_exactly("2010. : > <b>bold</b> &amp; {{ x }} [y](z)", SETTINGS_TREE)


def hostile_text_shows_exactly(text: str, source: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "hostile").mkdir()
        (root / "plain").mkdir()
        hostile_file = hostile_tree_file(root / "hostile", text, source)
        plain_file = hostile_tree_file(root / "plain", re.sub(r"[^ \t\n\r\f]", "x", text), source)
        tree = check_file(hostile_file)
        cases = load_cases(hostile_file, tree)
        assert tree.title == f"{text} 0", "the YAML round trip kept the text"
        hostile = build_site(root / "hostile" / "site", tree=hostile_file)
        plain = build_site(root / "plain" / "site", tree=plain_file)

        pages = sorted(p.relative_to(hostile) for p in hostile.rglob("*.html"))
        assert pages == sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
        for page in pages:
            document = BeautifulSoup((hostile / page).read_text(encoding="utf-8"), "html.parser")
            baseline = BeautifulSoup((plain / page).read_text(encoding="utf-8"), "html.parser")
            assert structure(document) == structure(baseline), f"{page}: the text added markup"
            for link in document.select("a.md-footer__link"):
                shown = flat(link.select_one(".md-footer__title .md-ellipsis").get_text())
                assert link["aria-label"].split(": ", 1)[1] == shown, f"{page}: footer label escaped twice"
        assert search_structure(hostile) == search_structure(plain), "the text added markup to the search index"

        for uri, texts in shown_on(tree, cases).items():
            shown = visible(BeautifulSoup(page_for(hostile, uri).read_text(encoding="utf-8"), "html.parser"))
            for expected in texts:
                assert flat(expected) in shown, f"{uri} does not show {expected!r} exactly"
        for uri, title in titles(tree, cases).items():
            document = BeautifulSoup(page_for(hostile, uri).read_text(encoding="utf-8"), "html.parser")
            assert document.title.get_text() == title

        script = (hostile / QUESTIONNAIRE_DATA).read_text(encoding="utf-8")
        data = json.loads(script.removeprefix("window.ESCALATION_TREE = ").removesuffix(";\n"))
        for q in tree.questions.values():
            entry = data["questions"][q.id]
            assert (entry["prompt"], entry["why"]) == (q.prompt, q.why)
            assert [(o["label"], o["meaning"]) for o in entry["options"]] == [(o.label, o.meaning) for o in q.options]
        for r in tree.recommendations.values():
            entry = data["recommendations"][r.id]
            assert (entry["title"], entry["verdict"]) == (r.title, r.verdict)
            if not entry.get("settings"):  # else the steps every setting reaches it with are checked below
                assert entry.get("steps", []) == list(r.next_steps)
            for setting in entry.get("settings", []):  # each setting's own text is in its own script
                text = (hostile / QUESTIONNAIRE_SETTING.format(id=setting)).read_text(encoding="utf-8")
                own = json.loads(text.split(f"[{json.dumps(setting)}] = ", 1)[1].removesuffix(";\n")).get(r.id, {})
                assert own.get("steps", entry.get("steps")) == list(r.advice(setting).next_steps)
