"""Every template escapes what comes from the tree: text stays text, whatever an author types."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

import markdown
import pytest
from bs4 import BeautifulSoup

from build_tools.classroom.embed import embed_page
from build_tools.classroom.handout import render_handouts
from build_tools.classroom.scorm import package
from build_tools.pipeline.render import render_site
from build_tools.site.diagram import draw_svg
from build_tools.site.pages import factor_links
from build_tools.site.permalinks import Redirect, write_redirects
from build_tools.site.questionnaire_data import questionnaire_data
from build_tools.site.templating import environment
from build_tools.site.urls import recommendation_uri
from build_tools.site.wording import WORDING
from build_tools.tree.located import Located
from build_tools.tree.model import Factor, Option, Question, Recommendation, Source, Tree, WhatToSay
from build_tools.tree.problems import Loc

SCRIPT = '<script>alert("x")</script>'
NASTY = f"{SCRIPT} [click](javascript:alert(1)) *loud* {{: onclick=alert(1) }} 'quoted' \"double\" & done"
BAD_ID = 'q"><script>alert(1)</script>'
HERE = Located(Loc("memory", 1, 1))
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc"]


@pytest.fixture(scope="module")
def hostile_tree() -> Tree:
    rec = Recommendation("r'\"<b>", NASTY, NASTY, NASTY, (NASTY,), ("1. " + NASTY,), ("f",), HERE)
    question = Question(
        BAD_ID,
        NASTY,
        NASTY,
        NASTY,
        "f",
        (Option(BAD_ID, NASTY, NASTY, rec.id, HERE), Option("# heading", "- " + NASTY, NASTY, rec.id, HERE)),
        HERE,
    )
    return Tree(
        file="memory",
        title=NASTY,
        version="1.0.0",
        source=Source(NASTY, NASTY, "2010-09-02"),
        start=BAD_ID,
        factors={"f": Factor("f", NASTY, NASTY, "factors/f.md", HERE)},
        questions={BAD_ID: question},
        recommendations={rec.id: rec},
        where=HERE,
    )


@pytest.fixture(scope="module")
def pages(hostile_tree) -> dict[str, str]:
    return render_site(hostile_tree, draw=draw_svg).pages


def as_html(md: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(md, extensions=EXTENSIONS), "html.parser")


def assert_inert(document: BeautifulSoup) -> None:
    assert document.find("script") is None
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name} on <{element.name}>"
            if name in ("href", "src", "xlink:href"):
                assert "javascript:" not in str(value).lower(), f"{name}={value!r}"
    assert document.find("b") is None, "author text became markup"
    text = document.get_text()
    assert "*loud*" in text, "emphasis in author text stays literal"


@pytest.mark.parametrize(
    "uri",
    ["tree/questions/{q}.md", "tree/recommendations/{r}.md", "tree/recommendations/index.md", "tree/index.md"],
    ids=["question", "recommendation", "recommendations-index", "overview"],
)
def test_page_template_escapes_text_and_ids(pages, hostile_tree, uri):
    rec_id = next(iter(hostile_tree.recommendations))
    key = next(k for k in pages if k == uri.format(q=BAD_ID, r=rec_id) or (uri == k))
    document = as_html(pages[key])
    assert_inert(document)
    assert SCRIPT in document.get_text(), "the author's text is shown literally"


def test_diagram_escapes_labels_and_tooltips(pages):
    document = as_html(pages["tree/index.md"])
    svg = document.select_one(".tree-diagram svg")
    assert svg is not None
    assert_inert(svg)


def test_factor_section_template_escapes(hostile_tree):
    document = as_html(factor_links(hostile_tree, hostile_tree.factors["f"]))
    assert_inert(document)
    assert SCRIPT in document.get_text()


def test_navigation_titles_are_escaped_for_the_theme(hostile_tree):
    nav = render_site(hostile_tree).nav
    titles = [
        title
        for section in nav[1:]
        for entries in section.values()
        for e in entries
        if isinstance(e, dict)
        for title in e
    ]
    assert titles and all("<script>" not in t and "&lt;script&gt;" in t for t in titles)


def test_a_redirect_page_shows_the_new_pages_title_as_text(tmp_path, hostile_tree):
    rec = next(iter(hostile_tree.recommendations.values()))
    moved = Redirect("/tree/recommendations/old/", recommendation_uri(rec.id), rec.title)
    assert write_redirects(tmp_path, [moved], hostile_tree, directory_urls=True, site_url=None) == 1
    soup = BeautifulSoup((tmp_path / "tree/recommendations/old/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("script") is None
    assert soup.main.a.get_text() == NASTY
    assert soup.title.get_text() == f"Moved: {NASTY}"
    assert soup.main.a["href"] == soup.find("link", rel="canonical")["href"]


def test_the_scorm_manifest_and_page_keep_the_title_as_text(hostile_tree):
    archive = zipfile.ZipFile(io.BytesIO(package(hostile_tree, {"index.html": b""})))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    titles = [element.text for element in manifest.iter() if element.tag.endswith("}title")]
    assert titles == [NASTY, NASTY]
    page = BeautifulSoup(embed_page(hostile_tree, directory_urls=True, site_base="", scorm=True), "html.parser")
    assert page.find("script", src=False) is None and page.h1.get_text() == NASTY


@pytest.fixture(scope="module")
def escalating_tree(hostile_tree) -> Tree:
    """The hostile tree, its recommendation with words to say and moves if the answer is still no."""
    rec = next(iter(hostile_tree.recommendations.values()))
    say = WhatToSay(NASTY, NASTY, (NASTY, "Subject: " + NASTY))
    rec = dataclasses.replace(rec, escalates=True, what_to_say=say, if_still_no=(NASTY, "- " + NASTY))
    return dataclasses.replace(hostile_tree, recommendations={rec.id: rec})


def test_the_result_block_escapes_on_the_recommendation_page_and_the_handout(escalating_tree):
    rec = next(iter(escalating_tree.recommendations.values()))
    page = render_site(escalating_tree).pages[recommendation_uri(rec.id)]
    handouts, _ = render_handouts(escalating_tree, [], directory_urls=True, site_url=None)
    for markdown_text in (page, *handouts.values()):
        document = as_html(markdown_text)
        assert_inert(document)
        says = document.select(".say[data-copyable]")
        assert [s.get_text("|", strip=True) for s in says] == [NASTY, f"Subject: {NASTY}|{NASTY}|Subject: {NASTY}"]
    document = as_html(page)
    headings = [h.get_text() for h in document.find_all("h2")]
    assert {"Next steps", "What to say", "If the answer is still no"} <= set(headings)
    moves = document.find("h2", string="If the answer is still no").find_next_sibling("ol")
    assert [li.get_text() for li in moves.find_all("li")] == [NASTY, "- " + NASTY]


def test_the_questionnaires_result_pieces_hold_slots_and_no_tree_text(escalating_tree):
    script = questionnaire_data(escalating_tree, directory_urls=True)
    data = json.loads(script.removeprefix("window.ESCALATION_TREE = ").removesuffix(";\n"))
    pieces = BeautifulSoup(data["result"], "html.parser")
    assert "loud" not in data["result"] and "alert" not in data["result"], "no tree text in the markup"
    assert [t["data-piece"] for t in pieces.find_all("template")] == ["verdict", "steps", "answers", "say", "still_no"]
    for slot in pieces.select("[data-slot]"):
        assert slot.name == "span" and not slot.contents and set(slot.attrs) == {"data-slot"}
    assert data["recommendations"][next(iter(escalating_tree.recommendations))]["ifNo"] == [NASTY, "- " + NASTY]


@pytest.mark.parametrize("language", ["md", "html"])
def test_fill_escapes_the_words_and_the_values_and_keeps_the_spaces_between(language):
    env = environment(language)
    filled = env.from_string("{{ 'Subject: {subject} (end)' | fill(subject=value) }}").render(value=NASTY)
    shown = as_html(filled) if language == "md" else BeautifulSoup(filled, "html.parser")
    assert shown.get_text() == f"Subject: {NASTY} (end)"
    assert shown.find("script") is None and shown.find("b") is None


def css_string(token: str) -> str:
    """The text a CSS string token stands for, read as CSS Syntax Level 3 reads one (sections 4.3.5 and 4.3.7).

    An escape is up to six hex digits, and one whitespace character after them belongs to the escape.
    """
    assert token[0] == token[-1] == '"'
    body, shown, i = token[1:-1], [], 0
    while i < len(body):
        char, i = body[i], i + 1
        if char != "\\":
            shown.append(char)
        elif body[i : i + 1] == "\n":
            i += 1  # an escaped line break continues the string
        elif digits := re.match(r"[0-9A-Fa-f]{1,6}", body[i:]):
            i += len(digits[0])
            i += body[i : i + 1] in (" ", "\t", "\n")
            code = int(digits[0], 16)
            shown.append(chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd")
        elif i < len(body):
            shown.append(body[i])
            i += 1
    return "".join(shown)


def test_the_handouts_running_header_prints_any_title_exactly_and_nothing_else(escalating_tree):
    """The title goes into a stylesheet string: written as escapes, it can neither end the string nor add a rule."""
    tree = dataclasses.replace(escalating_tree, title=NASTY + '"; } body { display: none } /* \\ \n, 3 · 4 ')
    _, styles = render_handouts(tree, [], directory_urls=True, site_url=None, made=date(2026, 12, 7))
    for edition, sheet in zip(("learner", "facilitator"), styles.values(), strict=True):
        strings = re.findall(r'content: ("[^"]*")', sheet)
        assert strings and all(re.fullmatch(r'"[A-Za-z0-9 \\]*"', string) for string in strings)
        assert css_string(strings[0]) == tree.title
        assert css_string(strings[1]) == f"{WORDING[f'handout_{edition}']} · Version 1.0.0, 7 December 2026"
        number = re.search(r"content: (.*) counter\(page\) (.*) counter\(pages\) (.*); }", sheet)
        assert number and "".join(map(css_string, number.groups())) == WORDING["handout_page"].format(n="", count="")
        assert sheet.count("{") == sheet.count("}") == 5, "the sheet's own rules and nothing else"
