"""The site in a real browser: offline, readable without JavaScript, accessible, from a sub-path and file://."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import Browser, expect

from .browsing import axe_violations, watching
from .conftest import build_site


def test_every_page_stays_on_its_own_host_without_console_errors(browser: Browser, served_site, site_root):
    pages = [
        served_site + p.relative_to(site_root).as_posix().removesuffix("index.html")
        for p in sorted(site_root.rglob("*.html"))
    ]
    assert len(pages) > 20
    context = browser.new_context()
    page = context.new_page()
    for url in pages:
        with watching(page, served_site) as seen:
            page.goto(url)
            page.wait_for_load_state("networkidle")
        assert seen.foreign == [], f"{url} asked another host for {seen.foreign}"
        assert seen.errors == [], f"{url} logged {seen.errors}"
    context.close()


def test_without_javascript_every_recommendation_is_reached_by_option_links(browser: Browser, served_site, tree):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    start = f"{served_site}tree/questions/{tree.start}/"
    seen, reached = {start}, set()
    queue = deque([start])
    while queue:
        page.goto(queue.popleft())
        answers = page.locator(".answers a[data-option-id]")
        if answers.count() == 0:
            reached.add(page.locator("h1").inner_text().rstrip("¶").strip())
            continue
        for href in answers.evaluate_all("links => links.map(a => a.href)"):
            if href not in seen:
                seen.add(href)
                queue.append(href)
    assert reached == {r.title for r in tree.recommendations.values()}
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    ["", "tree/questions/impasse/", "tree/recommendations/escalate-as-last-resort/", "tree/"],
    ids=["home", "question", "recommendation", "overview"],
)
def test_pages_pass_an_axe_audit(browser: Browser, served_site, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + path)
    page.wait_for_load_state("networkidle")
    report = axe_violations(page)
    context.close()
    assert report == "", report


def test_the_diagram_follows_the_dark_palette(browser: Browser, served_site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served_site + "tree/")
    text_fill = page.locator(".tree-diagram svg text").first.evaluate("t => getComputedStyle(t).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert text_fill not in ("rgb(0, 0, 0)", background), "diagram text must stay readable on the dark background"


def test_pages_read_correctly_from_file_urls(browser: Browser, tmp_path_factory, tree):
    site = build_site(tmp_path_factory.mktemp("file-site"), use_directory_urls=False)
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "tree" / "questions" / f"{tree.start}.html").as_uri())
    expect(page.locator("h1")).to_contain_text(tree.questions[tree.start].prompt)
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky", "theme CSS loaded"
    first = page.locator(".answers a[data-option-id]").first
    first.click()
    expect(page.locator("h1")).to_be_visible()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    context.close()
