"""Tree 4.0: advice assembled from the reader's answers, and every way a part of it can go wrong, at its line.

The fixture (tests/fixtures/parts/escalation.yaml) asks what a request is
about, then whether other approaches were tried; `claim` adds steps for money
owed and, for a repair, the maker's route with words of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from build_tools.classroom.handout import render_handouts
from build_tools.site.pages import render_pages
from build_tools.site.urls import recommendation_uri
from build_tools.tree.checks import check_text
from build_tools.tree.paths import iter_paths

FIXTURE = Path(__file__).parent / "fixtures" / "parts" / "escalation.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    assert TEXT.count(old) == 1, f"{old!r} is in the fixture once"
    return TEXT.replace(old, new)


def problems_of(text: str) -> list[str]:
    return [p.format() for p in check_text(text, "parts.yaml")[1]]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_fixture_is_sound_and_each_reader_gets_the_parts_their_answers_meet():
    tree, problems = check_text(TEXT, "parts.yaml")
    assert problems == []
    assembled = {
        "/".join(f"{q}.{o}" for q, o in path.answers): tree.recommendations[path.recommendation].advice(
            path.setting, dict(path.answers)
        )
        for path in iter_paths(tree)
    }
    money, repair = assembled["about.money/tried.yes"], assembled["about.repair/tried.yes"]
    assert money.next_steps[-1] == "Send the invoice again with a date to pay by."
    assert money.if_still_no == ("Ask for the reason in writing.", "Make a small claim in court.")
    assert money.what_to_say and money.what_to_say.opening == "I am writing about [the problem]."
    assert "Send the invoice again with a date to pay by." not in repair.next_steps
    assert repair.what_to_say and repair.what_to_say.opening == "The fault is covered by the warranty."
    assert len(repair.next_steps) == 4


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "when: {about: money}",
            "when: {abuot: money}",
            "abuot",
            "recommendation 'claim', part 1: 'when' names question 'abuot', which the tree does not have "
            "(did you mean 'about'?)",
        ),
        (
            "when: {about: money}",
            "when: {about: monney}",
            "monney",
            "recommendation 'claim', part 1: 'when' names answer 'monney' of question 'about', which it does not "
            "have (did you mean 'money'?)",
        ),
        (
            "when: {about: money}",
            "when: {about: other}",
            "{about: other}",
            "recommendation 'claim', part 1: no path to this advice answers about: other, so no reader would see "
            "this part",
        ),
        (
            "          tried: yes\n",
            "          tried: no\n",
            "about: [repair]",
            "recommendation 'claim', part 2: no path to this advice answers about: repair, tried: no",
        ),
    ],
)
def test_a_part_that_names_what_is_not_there_or_meets_no_path_is_reported_at_its_line(old, new, at, message):
    text = edited(old, new)
    (problem,) = problems_of(text)
    assert problem.startswith(f"parts.yaml:{line_of(text, at)}:"), problem
    assert message in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "          - Make a small claim in court.\n",
            "",
            "the readers who answer about.money/tried.yes get 1 moves if the answer is still no, where a reader "
            "needs 2",
        ),
        (
            "          - Send the invoice again with a date to pay by.\n",
            "          - Send the invoice again with a date to pay by.\n" + "          - One more step.\n" * 5,
            "the readers who answer about.money/tried.yes get 8 next steps, where a reader needs 3 to 7",
        ),
        (
            "      - Offer a trade.\n",
            "",
            "recommendation 'try-first': the readers who answer about.money/tried.no get 2 next steps",
        ),
    ],
)
def test_a_path_whose_assembled_advice_falls_short_is_named_with_its_answers(old, new, message):
    problems = problems_of(edited(old, new))
    assert any(message in p for p in problems), problems


def test_the_page_shows_what_every_reader_gets_then_each_part_under_the_answers_it_is_for():
    tree, _ = check_text(TEXT, "parts.yaml")
    page = render_pages(tree, directory_urls=True, draw=None)[recommendation_uri("claim")]
    html = Markdown(extensions=["toc", "attr_list", "md_in_html", "admonition"]).convert(page)
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text() for h in soup.find_all("h2")]
    first, second = (s for s in soup.find_all("section", class_="part-advice"))
    assert first.h2.get_text() == "If you answered “Money that is owed to me” to “What is your request about?”"
    assert second.h2.get_text() == (
        "If you answered “A repair or a fault” to “What is your request about?” and "
        "“Yes, all of them” to “Have you tried other approaches?”"
    )
    assert headings.index(first.h2.get_text()) > headings.index("Next steps"), "the shared advice comes first"
    assert [li.get_text() for li in first.find("ol").find_all("li")] == [
        "Send the invoice again with a date to pay by."
    ]
    assert "The fault is covered by the warranty." in second.get_text()
    assert "The fault is covered" not in first.get_text()


def test_a_part_heading_shows_the_answers_words_exactly_as_written():
    hostile = "<b>A</b> *repair* [x](javascript:alert(1)) {: onclick=alert(1) } & `code` “quoted”"
    tree, problems = check_text(edited("label: A repair or a fault", f"label: '{hostile}'"), "parts.yaml")
    assert problems == []
    page = render_pages(tree, directory_urls=True, draw=None)[recommendation_uri("claim")]
    html = Markdown(extensions=["toc", "attr_list", "md_in_html", "admonition"]).convert(page)
    heading = BeautifulSoup(html, "html.parser").find("h2", id="when-2")
    assert heading.find(["b", "em", "a", "code"]) is None and not heading.has_attr("onclick")
    assert heading.get_text().startswith(f"If you answered “{hostile}” to “What is your request about?”")


def test_the_handout_prints_no_advice_that_is_only_part_of_what_a_reader_gets():
    """On paper there is no reader's path to assemble: the handout gives the reasons, the page the advice."""
    tree, _ = check_text(TEXT, "parts.yaml")
    pages, _ = render_handouts(tree, [], directory_urls=True, site_url=None)
    learner = pages["handout.md"]
    assert "Other ways are used up" in learner, "the rationale"
    assert "Gather what you have in writing" not in learner and "Send the invoice again" not in learner
