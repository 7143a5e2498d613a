"""The questionnaire in a real browser: every path, shareable states, history, hostile links, keyboard, axe."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from build_tools.site.questionnaire_data import questionnaire_data
from build_tools.site.text import flat
from build_tools.site.urls import page_url
from build_tools.tree.cases import load_cases
from build_tools.tree.paths import StaleAnswers, iter_paths, resolve

from .browsing import audit, contrast, covering_paths, watching
from .conftest import build_site, published, reached
from .repository import DEFAULT_TREE

STEP = ".qn-ready .qn-step[data-node-id]"


def open_at(page: Page, base: str, fragment: str = "") -> None:
    page.goto(f"{base}questionnaire/{fragment}")
    page.wait_for_selector(STEP)


def node(page: Page) -> str:
    return page.get_attribute(STEP, "data-node-id")


def choose(page: Page, question: str, option: str) -> None:
    page.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')


def trail(page: Page) -> list[str]:
    return page.locator(".qn-trail li").evaluate_all("items => items.map(li => li.dataset.trailQuestion)")


@pytest.fixture
def quiet(page: Page, served_site):
    """Fails the test on any dialog, console error or request to another host."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with watching(page, served_site) as seen:
        yield page
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert seen.errors == [], seen.errors
    assert seen.foreign == [], seen.foreign


@dataclasses.dataclass(frozen=True)
class State:
    """What the questionnaire shows after some answers: its address, the step, the trail, the result's title."""

    url: str
    node: str
    trail: list[str]
    title: str = ""  # the result's heading, at a recommendation


@dataclasses.dataclass(frozen=True)
class Walk:
    """Every path clicked through once, for the tests that look at every path or every state."""

    states: dict[tuple[tuple[str, str], ...], State]  # by the answers that lead there, from () on
    pieces: dict[tuple[str, str | None], list]  # each result block, by recommendation and setting (SHARED_PIECES)
    dialogs: list[str]
    errors: list[str]
    foreign: list[str]


END = """() => [document.querySelector('.qn-ready .qn-step[data-node-id]').dataset.nodeId,
  document.querySelector('.qn-result h2').textContent,
  [...document.querySelectorAll('.qn-trail li')].map((li) => li.dataset.trailQuestion)]"""


@pytest.fixture(scope="module")
def walked(browser: Browser, served_site, tree) -> Walk:
    """Paths are walked depth first, so Back returns to where the next one branches: each answer is clicked once.

    A click names the question it answers, so it fails unless that question is the one shown: each state on
    the way is checked by the next click. At each end, one call reads what the reader sees there.
    """
    states: dict[tuple[tuple[str, str], ...], State] = {}
    pieces: dict[tuple[str, str | None], list] = {}
    dialogs: list[str] = []
    with browser.new_context() as context:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        with watching(page, served_site) as seen:
            open_at(page, served_site)
            states[()] = State(page.url, tree.start, [])
            previous: tuple[tuple[str, str], ...] = ()
            for path in covering_paths(tree):
                shared = next(
                    (i for i, (a, b) in enumerate(zip(previous, path.answers, strict=False)) if a != b), len(previous)
                )
                for left in range(len(previous) - 1, shared - 1, -1):
                    page.click(".qn-step button:text-is('Back')")
                    expect(page.locator(".qn-trail li")).to_have_count(left)
                for i, (question, option) in enumerate(path.answers[shared:], shared + 1):
                    choose(page, question, option)
                    after = tree.questions[question].option(option).next
                    states[path.answers[:i]] = State(page.url, after, [q for q, _ in path.answers[:i]])
                page.wait_for_selector(".qn-result h2")  # the setting's words may still be on their way
                shown, title, trail_shown = page.evaluate(END)
                states[path.answers] = State(page.url, shown, trail_shown, title)
                if (path.recommendation, path.setting) not in pieces:
                    pieces[path.recommendation, path.setting] = page.locator(".qn-result").evaluate(SHARED_PIECES, None)
                previous = path.answers
    return Walk(states, pieces, dialogs, seen.errors, seen.foreign)


def test_walking_the_questionnaire_opens_no_dialog_logs_no_error_and_asks_no_other_host(walked: Walk):
    assert (walked.dialogs, walked.errors, walked.foreign) == ([], [], [])


def test_clicking_to_every_result_in_every_setting_ends_where_the_path_engine_says(walked: Walk, tree):
    """Every answer clicked and every result reached in every setting; every path's logic is checked in Chromium
    by test_the_apps_state_functions_agree_with_the_path_engine, without a click per path."""
    walked_paths = list(covering_paths(tree))
    assert {(p.recommendation, p.setting) for p in walked_paths} == {
        (p.recommendation, p.setting) for p in iter_paths(tree)
    }
    for path in walked_paths:
        end = walked.states[path.answers]
        assert (end.node, end.title) == (path.recommendation, tree.recommendations[path.recommendation].title)
        assert end.trail == [q for q, _ in path.answers]


def test_every_state_has_a_url_that_reproduces_it(walked: Walk, browser: Browser, tree):
    """The states along the longest path walked to each recommendation, opened afresh from their addresses."""
    longest: dict[str, tuple[tuple[str, str], ...]] = {}
    for path in covering_paths(tree):
        if len(path.answers) > len(longest.get(path.recommendation, ())):
            longest[path.recommendation] = path.answers
    shown = {(s := walked.states[answers[:i]]).url: s for answers in longest.values() for i in range(len(answers) + 1)}
    with browser.new_page() as fresh:
        for state in shown.values():
            fresh.goto(state.url)
            fresh.wait_for_selector(STEP)
            assert (node(fresh), trail(fresh)) == (state.node, state.trail), state.url
            assert fresh.locator(".qn-notice").is_hidden()


def test_back_and_forward_step_through_the_answers(quiet: Page, served_site):
    page = quiet
    open_at(page, served_site)
    choose(page, "setting", "customer")
    choose(page, "urgency", "can-wait")
    choose(page, "authority-signals", "within-their-power")
    choose(page, "impasse", "deadlocked")
    choose(page, "other-strategies", "tried")
    assert node(page) == "person-above-backs"
    page.go_back()
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "other-strategies")
    page.go_back()
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "impasse")
    page.go_forward()
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "other-strategies")
    page.click(".qn-step button:text-is('Back')")
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "impasse")


def test_back_on_a_shared_result_opened_in_a_fresh_tab_stays_in_the_questionnaire(browser: Browser, served_site, tree):
    path = max(iter_paths(tree), key=lambda p: len(p.answers))
    fragment = "#a=" + "/".join(f"{q}.{o}" for q, o in path.answers)
    fresh = browser.new_page()  # a new tab: no history before the shared link
    try:
        open_at(fresh, served_site, fragment)
        assert node(fresh) == path.recommendation
        for question, _ in reversed(path.answers):
            fresh.click(".qn-step button:text-is('Back')")
            expect(fresh.locator(STEP)).to_have_attribute("data-node-id", question)
            assert fresh.url.startswith(f"{served_site}questionnaire/")
        expect(fresh.locator(".qn-step button:text-is('Back')")).to_have_count(0)
    finally:
        fresh.close()


def test_changing_an_answer_keeps_only_what_still_applies(quiet: Page, served_site):
    page = quiet
    fragment = "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.deadlocked/other-strategies.tried/person-above-backs.unknown/boss-likelier.likelier/relationship.beyond-repair"
    open_at(page, served_site, fragment)
    assert node(page) == "escalate-as-last-resort"
    page.click('.qn-trail li[data-trail-question="impasse"] button:text-is("Change")')
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "impasse")
    assert trail(page) == ["setting", "urgency", "authority-signals"]
    expect(page.locator(".qn-prompt")).to_be_focused()
    # Another answer that leads to the same next question keeps the later answers.
    choose(page, "impasse", "never-agree")
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "escalate-as-last-resort")
    assert "impasse.never-agree/other-strategies.tried" in page.url
    assert len(trail(page)) == 8
    # One that ends the branch drops everything after it.
    page.click('.qn-trail li[data-trail-question="impasse"] button:text-is("Change")')
    choose(page, "impasse", "still-moving")
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "keep-negotiating")
    assert trail(page) == ["setting", "urgency", "authority-signals", "impasse"]
    assert page.url.endswith(
        "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.still-moving"
    )


@pytest.mark.parametrize(
    ("fragment", "resumes_at", "kept"),
    [
        ("#a=<img src=x onerror=alert(1)>", "setting", 0),
        ("#a=%3Cscript%3Ealert(1)%3C/script%3E", "setting", 0),
        ("#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.nonsense", "impasse", 3),
        ("#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/setting.business", "impasse", 3),
        (
            "#a=setting.customer/urgency.can-wait/authority-signals.beyond-their-limit/impasse.deadlocked",
            "ask-for-the-manager",
            3,
        ),
        ("#a=__proto__.constructor/setting.customer", "setting", 0),
        ("#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/%E0%A4%A", "impasse", 3),
        ("#something-else", "setting", 0),
        ("#a=setting", "setting", 0),
    ],
    ids=[
        "img-onerror",
        "script",
        "unknown-option",
        "wrong-question",
        "past-the-end",
        "proto",
        "bad-escape",
        "foreign",
        "no-option",
    ],
)
def test_stale_malformed_or_hostile_links_resume_at_the_longest_valid_prefix(
    quiet: Page, served_site, fragment, resumes_at, kept
):
    page = quiet
    open_at(page, served_site, fragment)
    assert node(page) == resumes_at
    assert len(trail(page)) == kept
    notice = page.locator(".qn-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("no longer matched")
    assert page.locator(".qn-ready img, .qn-ready script").count() == 0
    assert "<" not in page.url and "%3C" not in page.url, "the fragment is cleaned up to what applies"


def test_clear_my_answers_empties_the_fragment(quiet: Page, served_site):
    page = quiet
    open_at(
        page,
        served_site,
        "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.deadlocked",
    )
    page.click("button:text-is('Clear my answers')")
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "setting")
    assert "#" not in page.url
    assert trail(page) == []


def test_a_keyboard_alone_completes_a_path_with_focus_and_announcements(quiet: Page, served_site):
    page = quiet
    open_at(page, served_site)
    for question, option in [
        ("setting", "customer"),
        ("urgency", "can-wait"),
        ("authority-signals", "beyond-their-limit"),
    ]:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.optionId") == option:
                break
        else:
            pytest.fail(f"Tab never reached option {option}")
        page.keyboard.press("Enter")
        target = ".qn-title" if question == "authority-signals" else ".qn-prompt"
        expect(page.locator(target)).to_be_focused()
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert node(page) == "ask-for-the-manager"
    expect(page.locator(".qn-live")).to_contain_text("Recommendation: Ask for the person who can decide")
    assert page.get_attribute(".qn-live", "aria-live") == "polite"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "fragment",
    [
        "",
        "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.deadlocked",
        "#a=setting.customer/urgency.can-wait/authority-signals.beyond-their-limit",
    ],
    ids=["start", "middle", "result"],
)
def test_every_state_passes_an_axe_audit(browser: Browser, served_site, fragment, scheme):
    report = audit(browser, f"{served_site}questionnaire/{fragment}", scheme, ready=STEP)
    assert report == "", report


def test_it_mounts_through_instant_navigation_without_piling_up_listeners(quiet: Page, served_site):
    page = quiet
    page.goto(served_site)
    page.evaluate("window.__sameDocument = true")
    nav = page.locator(".md-nav--primary")
    for _ in range(3):
        nav.get_by_role("link", name="Answer the questions", exact=True).click()
        page.wait_for_selector(STEP)
        nav.get_by_role("link", name="Home", exact=True).click()
        page.wait_for_selector("h1:has-text('Should you go over their head?')")
    nav.get_by_role("link", name="Answer the questions", exact=True).click()
    page.wait_for_selector(STEP)
    assert page.evaluate("window.__sameDocument === true"), "pages were swapped by instant navigation, not reloaded"
    page.evaluate(
        """() => { window.__renders = 0;
        new MutationObserver(() => window.__renders++).observe(document.querySelector('.qn-stage'), {childList: true}); }"""
    )
    choose(page, "setting", "customer")
    page.go_back()
    expect(page.locator(STEP)).to_have_attribute("data-node-id", "setting")
    assert page.evaluate("window.__renders") == 2, "one render per answer and one per Back"


def test_it_fits_a_320px_screen(browser: Browser, served_site):
    with browser.new_page(viewport={"width": 320, "height": 640}) as page:
        open_at(
            page,
            served_site,
            "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.deadlocked/other-strategies.tried",
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for option in page.locator(".qn-option").all():
            box = option.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_on_a_phone_each_new_question_and_the_result_show_below_the_sticky_header(browser: Browser, served_site, tree):
    """Focus moves to each new heading; at 375 px it must not land under Material's header."""
    path = max(iter_paths(tree), key=lambda p: len(p.answers))
    with browser.new_page(viewport={"width": 375, "height": 667}) as page:
        open_at(page, served_site)
        for question, option in path.answers:
            choose(page, question, option)
            page.wait_for_function("document.activeElement && document.activeElement.matches('.qn-prompt, .qn-title')")
            top, header = page.evaluate(
                """() => [document.activeElement.getBoundingClientRect().top,
                          document.querySelector('.md-header').getBoundingClientRect().bottom]"""
            )
            assert top >= header, f"after {question}.{option} the heading is {header - top:.0f}px under the header"


def test_the_printed_result_has_the_answers_and_advice_but_no_controls(quiet: Page, served_site):
    page = quiet
    open_at(page, served_site, "#a=setting.customer/urgency.can-wait/authority-signals.beyond-their-limit")
    page.emulate_media(media="print")
    expect(page.locator(".qn-result h2")).to_be_visible()
    expect(page.locator(".qn-trail")).to_be_visible()
    for hidden in (".qn-ready button", ".md-header", ".md-sidebar--primary"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()


def test_copy_link_copies_this_result(browser: Browser, served_site):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        open_at(page, served_site, "#a=setting.customer/urgency.can-wait/authority-signals.beyond-their-limit")
        page.click("button:text-is('Copy link to this result')")
        expect(page.locator(".qn-copied")).to_contain_text("Link copied")
        assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_every_question_offers_a_link_to_itself_with_the_answers_so_far(browser: Browser, served_site, tree):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        open_at(page, served_site)
        page.click("button:text-is('Copy link to this question')")
        assert page.evaluate("navigator.clipboard.readText()") == f"{served_site}questionnaire/"
        first = tree.questions[tree.start].options[0]
        page.click(f'[data-option-id="{first.id}"]')
        expect(page.locator(STEP)).to_have_attribute("data-node-id", first.next)
        page.click("button:text-is('Copy link to this question')")
        expect(page.locator(".qn-copied")).to_contain_text("sees this question, with your answers so far")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.url and copied.endswith(f"#a={tree.start}.{first.id}")
        with context.new_page() as other:
            other.goto(copied)
            expect(other.locator(STEP)).to_have_attribute("data-node-id", first.next)


def test_without_javascript_it_offers_the_static_questions(browser: Browser, served_site, tree):
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{served_site}questionnaire/")
        link = page.locator("[data-questionnaire] a")
        expect(link).to_have_text("start with the first question")
        link.click()
        expect(page.locator("h1")).to_contain_text(tree.questions[tree.start].prompt)


def test_options_follow_the_dark_palette(browser: Browser, served_site):
    with browser.new_context(color_scheme="dark") as context:
        page = context.new_page()
        open_at(page, served_site)
        option = page.locator(".qn-option").first
        color, background = option.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast(color, background) >= 4.5, (color, background)
    assert contrast(background, page_background) < 1.5, "the option sits on the dark page, not a light box"


def test_the_result_links_to_the_full_recommendation_page(quiet: Page, served_site, tree):
    page = quiet
    open_at(
        page,
        served_site,
        "#a=setting.customer/urgency.can-wait/authority-signals.within-their-power/impasse.still-moving",
    )
    page.click("a.qn-full")
    expect(page.locator("h1")).to_contain_text(tree.recommendations["keep-negotiating"].title)
    assert page.url == f"{served_site}tree/recommendations/keep-negotiating/#customer", "at the reader's setting"


def test_it_works_from_a_file_url(browser: Browser, tmp_path_factory, tree):
    site = build_site(tmp_path_factory.mktemp("file-questionnaire"), use_directory_urls=False)
    with browser.new_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / "questionnaire.html").as_uri())
        page.wait_for_selector(STEP)
        choose(page, "setting", "customer")
        choose(page, "urgency", "can-wait")
        choose(page, "authority-signals", "beyond-their-limit")
        expect(page.locator(STEP)).to_have_attribute("data-node-id", "ask-for-the-manager")
        assert page.url.endswith(
            "questionnaire.html#a=setting.customer/urgency.can-wait/authority-signals.beyond-their-limit"
        )
        page.click("a.qn-full")
        expect(page.locator("h1")).to_contain_text(tree.recommendations["ask-for-the-manager"].title)
        assert errors == []


def test_the_apps_state_functions_agree_with_the_path_engine(quiet: Page, served_site, tree):
    """readFragment, replay and toFragment, run in Chromium, against paths.resolve on the same answers."""
    page = quiet
    open_at(page, served_site)
    cases = [list(path.answers) for path in iter_paths(tree)]
    first = cases[0]
    cases += [
        [*first[:-1], (first[-1][0], "no-such-option")],  # a stale option
        [first[0], ("not-the-next-question", "x"), *first[1:]],  # a question out of place
        [*first, ("after-the-end", "x")],  # answers past the recommendation
        [("__proto__", "constructor")],  # hostile names
        [(tree.start, "toString")],
    ]
    for answers in cases:
        fragment = "#a=" + "/".join(f"{q}.{o}" for q, o in answers)
        js = page.evaluate(
            """fragment => {
                const q = window.EscalationQuestionnaire;
                const state = q.replay(q.model(window.ESCALATION_TREE), q.readFragment(fragment).pairs);
                return {node: state.node, kept: state.answers.length, again: q.toFragment(state.answers)};
            }""",
            fragment,
        )
        try:
            node, kept = resolve(tree, answers).id, len(answers)
        except StaleAnswers as stale:
            kept = stale.valid
            node = resolve(tree, answers[:kept]).id
        assert (js["node"], js["kept"]) == (node, kept), fragment
        assert js["again"] == ("#a=" + "/".join(f"{q}.{o}" for q, o in answers[:kept]) if kept else ""), fragment


def test_the_words_to_say_are_copied_by_keyboard_and_the_copy_is_announced(browser: Browser, served_site, tree):
    """On a recommendation page and in the questionnaire's result."""
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        setting = next(iter(tree.settings), None)  # the page's first section is the first setting's
        rec = next(r for r in tree.recommendations.values() if r.advice(setting).what_to_say)
        words = rec.advice(setting).what_to_say
        page.goto(f"{served_site}tree/recommendations/{rec.id}/")
        page.focus("button:text-is('Copy the opening')")
        page.keyboard.press("Enter")
        status = page.locator(".copy-row [role=status]").first
        expect(status).to_have_text("Copied.")
        assert flat(page.evaluate("navigator.clipboard.readText()")) == flat(words.opening)

        path = next(p for p in iter_paths(tree) if p.recommendation == rec.id and p.setting == setting)
        open_at(page, served_site, "#a=" + "/".join(f"{q}.{o}" for q, o in path.answers))
        page.focus(".qn-result button:text-is('Copy the e-mail')")
        page.keyboard.press("Enter")
        expect(page.locator(".qn-result .copy-row [role=status]").nth(1)).to_have_text("Copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        paragraphs = [flat(p) for p in copied.split("\n") if p.strip()]
        assert paragraphs == [flat(f"Subject: {words.email_subject}"), *map(flat, words.email)]


# The result block's shared pieces as a reader meets them: each element's tag (any heading level as "H"),
# attributes (ids left out, links resolved) and text, with the pieces' own headings as their bounds.
SHARED_PIECES = """(root, setting) => {
  const shape = (element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll("a.headerlink").forEach((a) => a.remove());
    copy.normalize();
    const walk = (node) => node.nodeType === Node.TEXT_NODE ? node.textContent.replace(/\\s+/g, " ").trim() : [
      /^H\\d$/.test(node.tagName) ? "H" : node.tagName,
      [...node.attributes].filter((a) => a.name !== "id")
        .map((a) => a.name === "href" ? "href=" + new URL(a.value, location.href).href : a.name + "=" + a.value).sort(),
      [...node.childNodes].map(walk).filter((x) => x !== ""),
    ];
    return walk(copy);
  };
  const pieces = [shape(root.querySelector(".verdict"))];
  const scope = setting ? root.querySelector(`section.setting-advice:has(h2[id="${setting}"])`) : root;
  for (const heading of scope.querySelectorAll("h2, h3")) {
    if (!["Next steps", "What to say", "If the answer is still no"].includes(heading.firstChild.textContent)) continue;
    const piece = [shape(heading)];
    const ends = (element) => /^H\\d$/.test(element.tagName) || element.matches(".qn-actions, :has(> a.qn-full)");
    for (let next = heading.nextElementSibling; next && !ends(next); next = next.nextElementSibling) {
      piece.push(shape(next));
    }
    pieces.push(piece);
  }
  return pieces;
}"""


def test_the_result_shows_the_recommendation_pages_own_markup_and_wording(walked: Walk, quiet: Page, served_site, tree):
    """One source for the result block (result.j2): the questionnaire's pieces are its setting's section on the page."""
    page = quiet
    settings = list(tree.settings) or [None]
    assert set(walked.pieces) == {(r, s) for r in tree.recommendations for s in settings}
    for rec_id in tree.recommendations:
        page.goto(f"{served_site}tree/recommendations/{rec_id}/")
        page.wait_for_selector("article .copy-row")
        for setting in settings:
            # Advice that varies by no setting has no section per setting: the page's whole text is each one's.
            section = setting if tree.recommendations[rec_id].settings else None
            on_the_page = page.locator("article").evaluate(SHARED_PIECES, section)
            assert walked.pieces[rec_id, setting] == on_the_page, (rec_id, setting)
            assert len(on_the_page) == 4, (rec_id, setting)


def test_try_this_case_opens_the_questionnaire_at_the_cases_last_question(quiet: Page, served_site, site_root, tree):
    page = quiet
    cases = load_cases(DEFAULT_TREE, tree)
    for case in cases:  # every case's link names its answers but the last...
        link = BeautifulSoup((site_root / "cases" / case.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        href = link.find("a", string=re.compile("Try this case in the questionnaire"))["href"]
        assert href.endswith("#a=" + "/".join(f"{q}.{o}" for q, o in case.answers[:-1])), case.id
    by_setting = {case.answers[0]: case for case in cases}  # ...and one case of each setting is followed
    for case in by_setting.values():
        page.goto(f"{served_site}cases/{case.id}/")
        page.click("a:text('Try this case in the questionnaire')")
        last_question = case.answers[-1][0]
        expect(page.locator(STEP)).to_have_attribute("data-node-id", last_question)
        assert trail(page) == [q for q, _ in case.answers[:-1]]


def test_every_example_on_the_linking_page_lands_where_it_says(quiet: Page, served_site, tree):
    page = quiet
    page.goto(f"{served_site}linking/")
    examples = page.locator("a.example-link").evaluate_all(
        "links => links.map(a => [a.href, a.dataset.landsOn, a.textContent])"
    )
    site = published(served_site)
    assert all(shown.startswith(site) for _, _, shown in examples), "full addresses, on the site's public address"
    kinds = {shown.removeprefix(site).split("/")[0].split("#")[0] for _, _, shown in examples}
    assert {"tree", "questionnaire", "cases", "embed", "handout"} <= kinds
    for href, lands_on, shown in examples:
        assert href == reached(shown), "the address shown is the address followed"
        page.goto(href)
        if shown.removeprefix(site).startswith(("questionnaire/", "embed/")):
            expect(page.locator(STEP)).to_have_attribute("data-node-id", lands_on)
        elif lands_on in tree.questions:
            expect(page.locator("h1")).to_contain_text(tree.questions[lands_on].prompt)
        elif lands_on in tree.recommendations:
            expect(page.locator("h1")).to_contain_text(tree.recommendations[lands_on].title)
            fragment = shown.partition("#")[2]
            if fragment:  # one setting's section of the page
                expect(page.locator(f'[id="{fragment}"]')).to_be_in_viewport()
                expect(page.locator(f'[id="{fragment}-what-to-say"]')).to_have_count(1)
        else:
            assert page.url == served_site + page_url(lands_on, True)


def test_old_ids_in_a_link_resume_where_the_path_engine_says(quiet: Page, served_site, tree):
    """The app's replay and paths.resolve(former=True) agree on links that use ids a node or option replaced."""
    start = tree.questions[tree.start]
    first = start.options[0]
    renamed = dataclasses.replace(
        tree,
        questions={
            **tree.questions,
            start.id: dataclasses.replace(
                start,
                former_ids=("old-start",),
                options=(dataclasses.replace(first, former_ids=("old-option",)), *start.options[1:]),
            ),
        },
    )
    data = json.loads(questionnaire_data(renamed, directory_urls=True).split(" = ", 1)[1].rstrip(";\n"))
    page = quiet
    open_at(page, served_site)
    path = next(p.answers for p in iter_paths(tree) if p.answers[0] == (start.id, first.id))
    links = [
        [("old-start", "old-option"), *path[1:]],
        [(start.id, "old-option"), *path[1:]],
        [("old-start", first.id)],
        [("old-start", "no-such-option")],
    ]
    for answers in links:
        fragment = "#a=" + "/".join(f"{q}.{o}" for q, o in answers)
        js = page.evaluate(
            """([data, fragment]) => {
                const q = window.EscalationQuestionnaire;
                const state = q.replay(q.model(data), q.readFragment(fragment).pairs);
                return {node: state.node, kept: state.answers.length, again: q.toFragment(state.answers)};
            }""",
            [data, fragment],
        )
        try:
            node, kept = resolve(renamed, answers, former=True).id, len(answers)
        except StaleAnswers as stale:
            kept = stale.valid
            node = resolve(renamed, answers[:kept], former=True).id
        assert (js["node"], js["kept"]) == (node, kept), fragment
        current = path[:kept]  # in today's ids
        assert js["again"] == ("#a=" + "/".join(f"{q}.{o}" for q, o in current) if kept else ""), fragment


def test_the_trainers_page_offers_the_scorm_package_for_download(quiet: Page, served_site):
    page = quiet
    page.goto(f"{served_site}linking/")
    link = page.get_by_role("link", name="Download the SCORM 1.2 package")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "escalation-guide-scorm12.zip"
    assert download.value.url == f"{served_site}downloads/escalation-guide-scorm12.zip"
