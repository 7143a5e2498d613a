"""Tree 3.0 in the browser: choosing a setting shows that setting's words, and the full page opens at its section."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .browsing import serving
from .conftest import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "settings" / "escalation.yaml"
STEP = ".qn-ready .qn-step[data-node-id]"


@pytest.fixture(scope="module")
def settings_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("settings-www")
    with serving(root) as origin:
        build_site(root / "guide", site_url=origin + "guide/", tree=FIXTURE)
        yield origin + "guide/"


@pytest.mark.parametrize(
    ("setting", "words", "not_words"),
    [
        ("customer", "Ask for a supervisor at the counter or on the phone.", "Ask politely for the person"),
        ("business", "Ask politely for the person who can decide.", "Ask for a supervisor"),
    ],
)
def test_a_setting_shows_its_words_and_links_to_its_section(browser: Browser, settings_site, setting, words, not_words):
    with browser.new_page() as page:
        page.goto(f"{settings_site}questionnaire/")
        page.wait_for_selector(STEP)
        for question, option in [("setting", setting), ("authority", "front-line"), ("impasse", "deadlocked")]:
            page.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
        result = page.locator('.qn-result[data-node-id="ask-for-the-manager"]')
        expect(result).to_contain_text(words)
        expect(result).not_to_contain_text(not_words)
        link = result.locator("a.qn-full")
        assert link.get_attribute("href").endswith(f"/tree/recommendations/ask-for-the-manager/#{setting}")
        link.click()
        page.wait_for_url(f"**/ask-for-the-manager/#{setting}")
        heading = page.locator(f"h2#{setting}")
        expect(heading).to_be_visible()
        section = page.locator(f'section[aria-labelledby="{setting}"]')
        expect(section).to_contain_text(words)


def test_advice_that_does_not_vary_links_to_the_page_itself(browser: Browser, settings_site):
    with browser.new_page() as page:
        page.goto(f"{settings_site}questionnaire/#a=setting.workplace/inside.not-yet")
        page.wait_for_selector('.qn-result[data-node-id="keep-negotiating"]')
        href = page.locator("a.qn-full").get_attribute("href")
        assert href.endswith("/tree/recommendations/keep-negotiating/")
