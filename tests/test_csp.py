"""Every page carries a strict Content-Security-Policy, and the whole site works under it."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from .browsing import watching

# Records every violation of the page's policy, however it was caused, for the test to read.
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def policy_of(path: Path) -> dict[str, list[str]]:
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    metas = document.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, f"{path}: one policy"
    first_script = document.find("script")
    assert first_script is None or metas[0].sourceline < first_script.sourceline, f"{path}: policy before scripts"
    assert metas[0].parent.name == "head"
    raw = path.read_bytes()
    charset = raw.find(b'<meta charset="utf-8">')
    assert 0 <= charset < 1024 - len(b'<meta charset="utf-8">'), (
        f"{path}: the encoding is declared in the first 1,024 bytes"
    )
    return {d.split()[0]: d.split()[1:] for d in metas[0]["content"].split(";") if d.strip()}


def test_every_page_has_a_policy_that_allows_its_inline_scripts_by_hash_only(site):
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        policy = policy_of(path)
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert inline_script_hashes_by_bs4(path) <= set(scripts), path


def inline_script_hashes_by_bs4(path: Path) -> set[str]:
    """Worked out apart from the build's own code: BeautifulSoup finds the scripts, hashlib hashes them."""
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    runnable = [s for s in document.find_all("script") if not s.get("src") and s.get("type", "") != "application/json"]
    digests = (hashlib.sha256(s.string.encode("utf-8")).digest() for s in runnable)
    return {"'sha256-" + base64.b64encode(d).decode("ascii") + "'" for d in digests}


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_search_palette_instant_navigation_questionnaire_and_copy_work_with_no_violation(
    browser: Browser, served_site, tree
):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    with watching(page, served_site) as seen:
        page.goto(served_site)
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__sameDocument = true")

        # Search: the worker loads, the index is fetched and a query answers.
        page.keyboard.press("/")  # Material's shortcut into search, at any screen width
        word = tree.recommendations[next(iter(tree.recommendations))].title.split()[-1]
        page.keyboard.type(word)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")

        # The palette toggle is there and switches the scheme.
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        page.locator("form[data-md-component=palette] label:visible").click()
        expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)

        # Instant navigation: a link opens the next page without reloading the document.
        page.click('a[href$="questionnaire/"]')
        page.wait_for_selector(".qn-ready .qn-step[data-node-id]")
        assert page.evaluate("window.__sameDocument") is True, "instant navigation kept the document"

        # The questionnaire runs, and copies a link to its result.
        question = tree.questions[tree.start]
        option = question.options[0]
        page.click(f'.qn-step [data-option-id="{option.id}"]')
        expect(page.locator(".qn-step[data-node-id]")).to_have_attribute("data-node-id", option.next)
        page.goto(f"{served_site}questionnaire/#a={tree.start}.{option.id}")
        if option.next in tree.recommendations:
            page.click("button:text-is('Copy link to this result')")
            expect(page.locator(".qn-copied")).to_contain_text("Link copied")
        assert violations(page) == []
    assert seen.errors == [], seen.errors
    context.close()
