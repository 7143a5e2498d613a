"""In Chromium, a tree full of hostile text opens no dialog and adds no element, on any page or in the questionnaire."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from .browsing import covering_paths, serving
from .conftest import build_site
from .treefiles import tree_copy_with

# Each would run script or add an element if it reached the page as markup.
HOSTILE = (
    "</title><script>alert(1)</script><img src=x onerror=alert(2) class=injected>"
    "\"><svg onload=alert(3) class=injected></svg>' onmouseover='alert(4)"
    " [link](javascript:alert(5)) {: onclick=alert(6) } {{ 7 * 7 }} &lt;b class=injected&gt;"
)
INJECTED = ".injected, [onerror], [onload], [onmouseover], [onclick], a[href^='javascript:']"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    counter = iter(range(1_000_000))
    tree = tree_copy_with(folder, lambda: f"{HOSTILE} {next(counter)}")
    root = folder / "www"
    root.mkdir()
    with serving(root) as origin:
        build_site(root / "guide", site_url=origin + "guide/", tree=tree)
        yield origin + "guide/", root / "guide"


@pytest.fixture
def guarded(browser: Browser):
    """A page that counts every dialog instead of letting one block."""
    with browser.new_context() as context:
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def one_of_each_template(root, pages):
    """Every page but the second and later of a kind the same template writes (the questions, the recommendations,
    the cases): those differ from the first only in which hostile text they carry, and test_text_is_text.py checks
    every page's markup."""
    kept, kinds = [], set()
    for path in pages:
        kind = path.parent.parent if path.parent.parent.name in ("questions", "recommendations", "cases") else path
        if kind not in kinds:
            kinds.add(kind)
            kept.append(path)
    return kept


def injected(page: Page) -> int:
    return page.locator(INJECTED).count()


def test_no_page_runs_or_shows_the_hostile_text_as_markup(guarded: Page, hostile_site):
    base, root = hostile_site
    pages = one_of_each_template(root, sorted(root.rglob("*.html")))
    assert any(p.relative_to(root).parts[0] == "cases" for p in pages), "the case pages carry the text too"
    for path in pages:
        url = base + path.relative_to(root).as_posix().removesuffix("index.html")
        guarded.goto(url)
        assert injected(guarded) == 0, url
        if HOSTILE in guarded.locator("h1").first.inner_text():  # a question's or recommendation's own page
            assert HOSTILE in guarded.title(), f"{url}: the window title shows the text as written"
    assert guarded.dialogs == []


def test_the_questionnaire_runs_no_hostile_text_in_any_result_or_answer(guarded: Page, hostile_site, tree):
    base, _ = hostile_site
    guarded.goto(f"{base}questionnaire/")
    for path in covering_paths(tree):
        # A new fragment in the same page, as a link or Back would set it: the app renders it without a reload.
        fragment = "a=" + "/".join(f"{q}.{o}" for q, o in path.answers)
        guarded.evaluate("() => { location.hash = ''; }")  # back to the start, so the result below is a new one
        guarded.wait_for_selector(f'.qn-ready .qn-step[data-node-id="{tree.start}"]')
        guarded.evaluate("fragment => { location.hash = fragment; }", fragment)
        guarded.wait_for_selector(f'.qn-ready .qn-step[data-node-id="{path.recommendation}"]')
        guarded.wait_for_selector(".qn-result h2")
        assert injected(guarded) == 0
        assert HOSTILE in guarded.locator(".qn-result h2").inner_text()
        # The result block's pieces, cloned from the build's markup, take the text into their slots as text.
        assert HOSTILE in guarded.locator(".qn-result .verdict").inner_text()
        assert all(HOSTILE in step for step in guarded.locator(".qn-result ol").first.locator("li").all_inner_texts())
    assert guarded.dialogs == []
