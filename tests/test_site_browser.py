"""The site in a real browser: offline, readable without JavaScript, accessible, from a sub-path and file://."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import Browser, expect

from build_tools.tree.paths import iter_paths

from .browsing import audit, contrast, watching
from .conftest import build_site


def test_every_page_stays_on_its_own_host_without_console_errors(browser: Browser, served_site, site_root, tree):
    pages = [
        served_site + p.relative_to(site_root).as_posix().removesuffix("index.html")
        for p in sorted(site_root.rglob("*.html"))
    ]
    nodes = [f"tree/questions/{q}/" for q in tree.questions] + [
        f"tree/recommendations/{r}/" for r in tree.recommendations
    ]
    assert {served_site + node for node in nodes} <= set(pages), "every question and recommendation page is visited"
    with browser.new_context() as context:
        page = context.new_page()
        for url in pages:
            with watching(page, served_site) as seen:
                page.goto(url)
                page.wait_for_load_state("networkidle")
            assert seen.foreign == [], f"{url} asked another host for {seen.foreign}"
            assert seen.errors == [], f"{url} logged {seen.errors}"


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
