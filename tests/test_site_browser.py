"""The site in a real browser: offline, readable without JavaScript, accessible, from a sub-path and file://."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import Browser, expect

from build_tools.tree.paths import iter_paths

from .browsing import Crawl, audit, contrast
from .conftest import build_site


def test_every_page_is_visited_by_the_crawl(crawled: Crawl, served_site, tree):
    nodes = [f"tree/questions/{q}/" for q in tree.questions] + [
        f"tree/recommendations/{r}/" for r in tree.recommendations
    ]
    visited = {visit.url for visit in crawled.visits}
    assert {served_site + node for node in nodes} <= visited, "every question and recommendation page is visited"
    assert {served_site + "cases/", served_site + "handout/", served_site + "embed/"} <= visited


def test_no_page_asks_another_host_for_anything(crawled: Crawl):
    assert crawled.foreign == []


def test_no_page_logs_an_error_or_breaks_its_content_security_policy(crawled: Crawl):
    """Chromium logs a refused script or style as a console error, so this also holds each page to its policy."""
    assert crawled.errors == []


def test_every_question_and_recommendation_page_has_its_title_in_the_window(crawled: Crawl, served_site, tree):
    """The window title (tabs, bookmarks, history, a screen reader's first words) names the node, then the guide."""
    expected = {f"{served_site}tree/questions/{q.id}/": q.title for q in tree.questions.values()} | {
        f"{served_site}tree/recommendations/{r.id}/": r.title for r in tree.recommendations.values()
    }
    shown = {v.url: v.title for v in crawled.visits if v.url in expected}
    assert shown == {url: f"{title} - The escalation guide" for url, title in expected.items()}


def test_without_javascript_every_path_is_walked_by_option_links_to_the_path_engines_end(
    browser: Browser, served_site, tree
):
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        pages: dict[str, tuple[str, list[tuple[str, str]]]] = {}  # url -> (node id, [(option id, url)])
        queue = deque([f"{served_site}tree/questions/{tree.start}/"])
        while queue:
            url = queue.popleft()
            if url in pages:
                continue
            page.goto(url)
            block = page.locator(".answers[data-question-id]")
            if block.count() == 0:
                recommendation = url.rstrip("/").rsplit("/", 1)[1]
                assert page.locator("h1").inner_text().rstrip("¶").strip() == tree.recommendations[recommendation].title
                pages[url] = (recommendation, [])
                continue
            links = block.locator("a[data-option-id]").evaluate_all("as => as.map(a => [a.dataset.optionId, a.href])")
            pages[url] = (block.get_attribute("data-question-id"), [tuple(link) for link in links])
            queue.extend(href for _, href in links)

    walked, stack = set(), [(f"{served_site}tree/questions/{tree.start}/", ())]
    while stack:
        url, answers = stack.pop()
        node, links = pages[url]
        if not links:
            walked.add((answers, node))
        stack.extend((href, (*answers, (node, option))) for option, href in links)
    assert walked == {(p.answers, p.recommendation) for p in iter_paths(tree)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "tree/questions/impasse/",
        "tree/recommendations/escalate-as-last-resort/",
        "tree/",
        "cases/unpaid-invoice/",
        "linking/",
        "handout/",
    ],
    ids=["home", "question", "recommendation", "overview", "case", "linking", "handout"],
)
def test_pages_pass_an_axe_audit(browser: Browser, served_site, path, scheme):
    report = audit(browser, served_site + path, scheme)
    assert report == "", report


def test_the_diagram_follows_the_dark_palette(browser: Browser, served_site):
    with browser.new_context(color_scheme="dark") as context:
        page = context.new_page()
        page.goto(served_site + "tree/")
        fills = page.locator(".tree-diagram svg .question text").evaluate_all(
            "ts => ts.map(t => getComputedStyle(t).fill)"
        )
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fills and all(contrast(fill, background) >= 4.5 for fill in fills), (fills, background)


def test_pages_read_correctly_from_file_urls(browser: Browser, tmp_path_factory, tree):
    site = build_site(tmp_path_factory.mktemp("file-site"), use_directory_urls=False)
    with browser.new_context() as context:
        page = context.new_page()
        page.goto((site / "tree" / "questions" / f"{tree.start}.html").as_uri())
        expect(page.locator("h1")).to_contain_text(tree.questions[tree.start].prompt)
        assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky", "theme CSS loaded"
        first = page.locator(".answers a[data-option-id]").first
        first.click()
        expect(page.locator("h1")).to_be_visible()
        assert page.url.startswith("file://") and page.url.endswith(".html")


def test_on_a_phone_the_shut_menu_takes_no_tab_stops_and_opens_from_its_button(browser: Browser, served_site):
    with browser.new_page(viewport={"width": 375, "height": 667}) as page:
        page.goto(f"{served_site}questionnaire/")
        page.wait_for_selector(".qn-ready [data-option-id]")
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"))
            if page.evaluate("!!document.activeElement.dataset.optionId"):
                break
        else:
            pytest.fail("Tab never reached the first answer")
        assert not any(stops), "a link of the shut menu took a tab stop"
        page.click("label.md-header__button[for='__drawer']")
        expect(page.locator(".md-sidebar--primary .md-nav__link").first).to_be_visible()


def test_on_a_phone_the_diagram_keeps_readable_labels_and_scrolls_by_touch_or_keys(browser: Browser, served_site):
    with browser.new_page(viewport={"width": 375, "height": 667}) as page:
        page.goto(f"{served_site}tree/")
        figure = page.locator("figure.tree-diagram")
        label_height = figure.locator("svg text").first.evaluate("t => t.getBoundingClientRect().height")
        assert label_height >= 10, f"labels {label_height:.1f}px tall"
        assert figure.evaluate("f => f.scrollWidth > f.clientWidth"), "wider than the screen, so it scrolls"
        figure.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('figure.tree-diagram').scrollLeft > 0")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page itself does not scroll sideways"
        page.get_by_role("link", name="outline").click()
        expect(page.locator("#outline")).to_be_in_viewport()
