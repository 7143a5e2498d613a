"""The print handout, printed to PDF by Chromium on A4 and US Letter, and read back."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from build_tools.site.text import flat
from build_tools.site.urls import case_uri, page_url
from build_tools.tree.cases import load_cases

from .conftest import published
from .repository import DEFAULT_TREE

MAX_PAGES = 14  # the bound the README gives: the real tree prints on 9 A4 and 10 Letter pages
MM = 96 / 25.4  # CSS pixels per millimetre
MARGIN_MM = 15  # @page margin in extra.css
PAPERS = {"A4": 210, "Letter": 215.9}  # widths in millimetres


def words(text: str) -> str:
    return " ".join(flat(text).split())


@pytest.fixture(scope="module", params=list(PAPERS))
def printed(request, browser: Browser, served_site) -> tuple[str, list[str]]:
    """The paper size and the text of each printed page."""
    with browser.new_page() as page:
        page.goto(f"{served_site}handout/")
        pdf = page.pdf(format=request.param, print_background=False)
    return request.param, [words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_every_question_and_recommendation_is_on_paper(printed, tree):
    _, pages = printed
    text = " ".join(pages)
    for question in tree.questions.values():
        assert words(question.prompt) in text, question.id
    for recommendation in tree.recommendations.values():
        assert words(recommendation.title) in text, recommendation.id
        assert words(recommendation.verdict) in text, recommendation.id


def test_it_fits_the_documented_number_of_pages(printed):
    paper, pages = printed
    assert len(pages) <= MAX_PAGES, f"{paper}: {len(pages)} pages"


def test_cases_come_first_with_their_addresses_and_the_key_on_later_pages(printed, tree, served_site):
    _, pages = printed
    cases = load_cases(DEFAULT_TREE, tree)
    key = next(i for i, text in enumerate(pages) if "Answer key" in text)
    assert not any("Answer key" in text for text in pages[:key])
    joined = " ".join(pages[:key])
    for case in cases:
        assert words(case.story)[:80] in joined, f"{case.id}: its story comes before the key"
        address = published(served_site) + page_url(case_uri(case.id), True)
        assert re.sub(r"\s", "", address) in re.sub(r"\s", "", joined), f"{case.id}: the printed link shows its address"
    assert all(words(case.teaching_note)[:60] not in joined for case in cases), "no answer before the key"


@pytest.mark.parametrize("paper", list(PAPERS))
def test_no_element_runs_past_the_printable_width(browser: Browser, served_site, paper):
    printable = int((PAPERS[paper] - 2 * MARGIN_MM) * MM)
    with browser.new_page(viewport={"width": printable, "height": 1000}) as page:
        page.emulate_media(media="print")
        page.goto(f"{served_site}handout/")
        wide = page.evaluate(
            """width => [...document.querySelectorAll("body *")]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))""",
            printable,
        )
        assert wide == [], f"{paper}: past {printable}px"
