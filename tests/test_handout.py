"""The print handouts, learner's and facilitator's editions, printed to PDF by Chromium on A4 and US Letter and read back."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from build_tools.site.text import flat
from build_tools.site.urls import case_uri, page_url
from build_tools.tree.cases import load_cases

from .conftest import published
from .repository import DEFAULT_TREE

EDITIONS = {
    "learner": ("handout/", "Learner's handout"),
    "facilitator": ("handout/facilitator/", "Facilitator's handout"),
}
# The bounds README.md gives: built for publishing, the real tree's learner's edition prints on 15 pages of A4 and 17
# of Letter, its facilitator's on 20 of each.
MAX_PAGES = {"learner": 18, "facilitator": 22}
MM = 96 / 25.4  # CSS pixels per millimetre
MARGIN_MM = 15  # @page margin in extra.css
PAPERS = {"A4": 210, "Letter": 215.9}  # widths in millimetres


def words(text: str) -> str:
    return " ".join(flat(text).split())


def squashed(text: str) -> str:
    """Text without its spaces: PDF text extraction joins and splits words at its own whim."""
    return re.sub(r"\s", "", flat(text))


@pytest.fixture(scope="module", params=[(e, p) for e in EDITIONS for p in PAPERS], ids=lambda x: "-".join(x))
def printed(request, browser: Browser, served_site) -> tuple[str, str, list[str]]:
    """The edition, the paper size and the text of each printed page."""
    edition, paper = request.param
    with browser.new_page() as page:
        page.goto(f"{served_site}{EDITIONS[edition][0]}")
        pdf = page.pdf(format=paper, print_background=False)
    return edition, paper, [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def cases(tree):
    return load_cases(DEFAULT_TREE, tree)


def letters(tree) -> dict[str, str]:
    return {rec: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] for i, rec in enumerate(tree.recommendations)}


def test_every_page_carries_the_title_the_edition_the_version_and_its_number(printed, tree):
    edition, paper, pages = printed
    for number, text in enumerate(pages, start=1):
        page = squashed(text)
        for expected in (tree.title, EDITIONS[edition][1], f"Version {tree.version}", f"Page {number} of {len(pages)}"):
            assert squashed(expected) in page, f"{edition} on {paper}, page {number}: {expected}"


def test_it_fits_the_stated_number_of_pages(printed):
    edition, paper, pages = printed
    assert len(pages) <= MAX_PAGES[edition], f"{edition} on {paper}: {len(pages)} pages"


def test_every_question_and_lettered_recommendation_is_on_paper_and_answers_point_to_letters(printed, tree):
    _, _, pages = printed
    text = squashed(" ".join(pages))
    letter = letters(tree)
    for question in tree.questions.values():
        assert squashed(question.prompt) in text, question.id
        for option in question.options:
            if option.next in tree.recommendations:
                target = tree.recommendations[option.next].title
                assert squashed(f"{option.label} → {letter[option.next]}: {target}") in text, (question.id, option.id)
    for rec in tree.recommendations.values():
        assert squashed(f"{letter[rec.id]}. {rec.title}") in text, rec.id
        assert squashed(rec.verdict) in text, rec.id


def test_no_heading_is_left_at_the_foot_of_a_page(printed, tree, cases):
    edition, paper, pages = printed
    letter = letters(tree)
    headings = ["The questions", "The recommendations", "Case studies", "Answer key"]
    headings += [f"{letter[rec.id]}. {rec.title}" for rec in tree.recommendations.values()]
    headings += [f"Case {n}: {case.title}" for n, case in enumerate(cases, start=1)]
    for number, text in enumerate(pages[:-1], start=1):
        foot = squashed(text)
        stranded = [h for h in headings if foot.endswith(squashed(h))]
        assert not stranded, f"{edition} on {paper}, page {number} ends with the heading {stranded}"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_no_page_break_is_forced_so_no_item_is_left_alone_on_a_page_it_did_not_need(
    browser: Browser, served_site, edition
):
    """Items are kept whole (break-inside: avoid); with no forced break, one moves on only when it does not fit."""
    with browser.new_page() as page:
        page.emulate_media(media="print")
        page.goto(f"{served_site}{EDITIONS[edition][0]}")
        forced = page.evaluate(
            """() => [...document.querySelectorAll(".handout, .handout *")].filter((e) => {
                const style = getComputedStyle(e);
                return [style.breakBefore, style.breakAfter].some((b) => ["page", "left", "right", "always"].includes(b));
            }).map((e) => e.tagName + "." + e.className)"""
        )
        assert forced == []
        kept = page.locator(".handout-question, .handout-recommendation, .handout-case, .handout-key").evaluate_all(
            "items => items.map((e) => getComputedStyle(e).breakInside)"
        )
        assert kept and set(kept) == {"avoid"}


def test_the_learners_edition_gives_no_answers_and_the_facilitators_gives_every_one(printed, tree, cases):
    edition, _, pages = printed
    text = squashed(" ".join(pages))
    letter = letters(tree)
    for number, case in enumerate(cases, start=1):
        assert squashed(case.story) in text, case.id
        note = squashed(case.teaching_note)
        key = squashed(f"Case {number}, {case.title}: {letter[case.expected]}")
        if edition == "learner":
            assert note not in text and key not in text and "Answerkey" not in text, case.id
        else:
            answer = squashed(f"Answer: {letter[case.expected]}, {tree.recommendations[case.expected].title}")
            assert answer in text and note in text and key in text, case.id


def test_each_case_shows_its_address_and_has_space_to_write(browser: Browser, served_site, cases):
    with browser.new_page() as page:
        page.emulate_media(media="print")
        page.goto(f"{served_site}handout/")
        spaces = page.locator(".handout-case .handout-write")
        expect(spaces).to_have_count(len(cases))
        heights = spaces.evaluate_all("boxes => boxes.map(box => box.getBoundingClientRect().height)")
        assert min(heights) >= 25 * MM, "at least 25 mm to write in"
        printed_urls = page.locator(".handout-case .case-link").evaluate_all(
            "links => links.map(a => getComputedStyle(a, '::after').content)"
        )
        for case, after in zip(cases, printed_urls, strict=True):
            assert published(served_site) + page_url(case_uri(case.id), True) in after


def test_the_print_button_prints_and_each_edition_links_to_the_other(browser: Browser, served_site):
    with browser.new_page() as page:
        page.goto(f"{served_site}handout/")
        page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
        page.get_by_role("button", name="Print this handout").click()
        assert page.evaluate("window.printed") == 1
        page.get_by_role("link", name="The facilitator's edition, with the answers and teaching notes").click()
        expect(page).to_have_url(f"{served_site}handout/facilitator/")
        page.get_by_role("link", name="The learner's edition, without the answers").click()
        expect(page).to_have_url(f"{served_site}handout/")
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{served_site}handout/")
        expect(page.locator("button[data-print]")).to_be_hidden()  # without a script it could not print


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("paper", list(PAPERS))
def test_no_element_runs_past_the_printable_width(browser: Browser, served_site, paper, edition):
    printable = int((PAPERS[paper] - 2 * MARGIN_MM) * MM)
    with browser.new_page(viewport={"width": printable, "height": 1000}) as page:
        page.emulate_media(media="print")
        page.goto(f"{served_site}{EDITIONS[edition][0]}")
        wide = page.evaluate(
            """width => [...document.querySelectorAll("body *")]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))""",
            printable,
        )
        assert wide == [], f"{edition} on {paper}: past {printable}px"
