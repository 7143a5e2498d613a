"""The questions alone, framed by a course page on another origin with the trainers' page's own snippet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Frame, Page, expect

from build_tools.tree.paths import iter_paths

from .browsing import axe_violations, serving, watching
from .conftest import published, reached

FRAME = "#escalation-guide"
STEP = ".qn-ready .qn-step[data-node-id]"
CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, [data-md-component]"


def snippet_on_trainers_page(site_root: Path) -> str:
    page = BeautifulSoup((site_root / "linking" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one("pre.embed-snippet code").get_text()


@pytest.fixture(scope="module")
def course_page(tmp_path_factory, served_site, site_root) -> Iterator[str]:
    """A course page on another origin (another port) that pastes the snippet as the trainers' page shows it."""
    folder = tmp_path_factory.mktemp("course")
    snippet = snippet_on_trainers_page(site_root)
    assert f'src="{published(served_site)}embed/"' in snippet, "the snippet names this site's embed page"
    (folder / "course.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course</title><link rel="icon" href="data:,"></head>'
        f"<body><main><h1>Negotiation, week 3</h1>{reached(snippet)}</main></body></html>",
        encoding="utf-8",
    )
    with serving(folder) as origin:
        assert origin != served_site[: len(origin)], "another origin"
        yield origin + "course.html"


def framed(page: Page) -> Frame:
    frame = page.frame_locator(FRAME)
    expect(frame.locator(STEP)).to_be_visible()
    handle = page.query_selector(FRAME)
    assert handle is not None
    content = handle.content_frame()
    assert content is not None
    return content


def test_framed_on_another_origin_it_completes_a_path_and_sizes_its_frame(browser: Browser, course_page, tree):
    with browser.new_page(viewport={"width": 1280, "height": 800}) as page:
        with watching(page, course_page) as seen:
            page.goto(course_page)
            frame = framed(page)
            path = max(iter_paths(tree), key=lambda p: len(p.answers))
            for question, option in path.answers:
                frame.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
            assert page.url == course_page, "the course page stays where it was"
            assert "#a=" in frame.url, "the answers live in the frame's own address"
            height = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
            page.wait_for_function(f"h => document.querySelector('{FRAME}').height === String(h)", arg=height)
            assert frame.locator(CHROME).count() == 0, "no site chrome inside the frame"
            full = frame.locator("a.qn-full")
            expect(full).to_have_attribute("target", "_blank")
            expect(full).to_have_attribute("rel", "noopener")
            section = f"#{path.setting}" if tree.recommendations[path.recommendation].settings else ""  # tree 3.0
            assert full.get_attribute("href").endswith(f"tree/recommendations/{path.recommendation}/{section}")
        assert seen.errors == []


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_inside_the_frame_it_is_axe_clean_and_fits(browser: Browser, course_page, tree, width, scheme):
    with browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme) as context:
        page = context.new_page()
        page.goto(course_page)
        frame = framed(page)
        first = tree.questions[tree.start].options[0]
        assert axe_violations(frame) == "", "the first question"  # type: ignore[arg-type]
        path = next(p for p in iter_paths(tree) if p.answers[0] == (tree.start, first.id))
        for question, option in path.answers:
            frame.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
        expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
        assert axe_violations(frame) == "", "the result"  # type: ignore[arg-type]
        overflow = frame.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"nothing runs off the side at {width}px"


def test_the_embed_page_alone_works_without_a_frame_and_without_javascript(browser: Browser, served_site, tree):
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{served_site}embed/")
        link = page.get_by_role("link", name="the same questions work as pages of the guide (opens in a new tab)")
        expect(link).to_have_attribute("target", "_blank")
    with browser.new_page() as page:
        page.goto(f"{served_site}embed/")
        expect(page.locator(STEP)).to_have_attribute("data-node-id", tree.start)


def test_copy_buttons_inside_a_frame_on_another_origin_reach_the_clipboard(
    browser: Browser, course_page, served_site, tree
):
    """The snippet lets the frame write to the clipboard; a copied link leads to the full guide, not the frame."""
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        page = context.new_page()
        page.goto(course_page)
        frame = framed(page)
        path = next(p for p in iter_paths(tree) if tree.recommendations[p.recommendation].escalates)
        for question, option in path.answers:
            frame.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
        expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
        frame.click("button:text-is('Copy link to this result')")
        expect(frame.locator(".qn-copied")).to_contain_text("Link copied")
        answers = frame.evaluate("location.hash")
        assert page.evaluate("navigator.clipboard.readText()") == f"{served_site}questionnaire/{answers}"
        frame.click("button:text-is('Copy the e-mail')")
        expect(frame.locator(".copy-status").last).to_have_text("Copied.")
        email = frame.locator("[data-copyable='Copy the e-mail']").inner_text().strip()
        assert page.evaluate("navigator.clipboard.readText()") == email


def test_the_snippet_on_the_trainers_page_copies_whole_and_stays_inside_the_page(
    browser: Browser, served_site, site_root
):
    with browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900}
    ) as context:
        page = context.new_page()
        page.goto(f"{served_site}linking/")
        snippet = page.locator("pre.embed-snippet")
        assert snippet.evaluate("e => e.scrollWidth <= e.clientWidth"), "no line runs off the edge"
        page.click("button:text-is('Copy the snippet')")
        expect(page.locator(".copy-status").first).to_have_text("Copied.")
        assert page.evaluate("navigator.clipboard.readText()").strip() == snippet_on_trainers_page(site_root).strip()
        assert 'allow="clipboard-write"' in snippet_on_trainers_page(site_root)
