"""Tree 3.0 in the browser: choosing a setting shows that setting's words, and the full page opens at its section."""

from __future__ import annotations

import io
import re
import zipfile
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


def test_a_link_from_before_the_setting_was_asked_asks_it_then_follows_the_links_answers(
    browser: Browser, settings_site
):
    # A tree 2.0 link: it answers the authority and impasse questions, and never says which setting.
    with browser.new_page() as page:
        page.goto(f"{settings_site}questionnaire/#a=authority.front-line/impasse.deadlocked")
        step = page.locator(STEP)
        expect(step).to_have_attribute("data-node-id", "setting")
        expect(page.locator(".qn-notice")).to_have_text(re.compile(r"older than this question.*other 2 answers"))
        page.click('[data-option-id="customer"]')
        result = page.locator('.qn-result[data-node-id="ask-for-the-manager"]')
        expect(result).to_contain_text(CUSTOMER_WORDS)
        assert page.evaluate("location.hash") == "#a=setting.customer/authority.front-line/impasse.deadlocked"
        expect(page.locator(".qn-notice")).to_be_hidden()


# --- Each setting's text is a script of its own, loaded once the reader's setting is known ---------------------

SETTING_FILES = "/assets/javascripts/questionnaire-data/"
MANAGER = [("setting", "customer"), ("authority", "front-line"), ("impasse", "deadlocked")]
CUSTOMER_WORDS = "Ask for a supervisor at the counter or on the phone."


def setting_requests(page) -> list[str]:
    """The setting scripts the page asks for, by file name, as it asks for them."""
    asked: list[str] = []
    page.on(
        "request", lambda request: asked.append(request.url.rsplit("/", 1)[1]) if SETTING_FILES in request.url else None
    )
    return asked


def answer(page, answers) -> None:
    for question, option in answers:
        page.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')


def test_only_the_chosen_settings_text_is_requested_and_the_result_shows_it(browser: Browser, settings_site):
    with browser.new_page() as page:
        asked = setting_requests(page)
        page.goto(f"{settings_site}questionnaire/")
        page.wait_for_selector(STEP)
        assert asked == [], "no setting's text before the setting is known"
        answer(page, MANAGER[:1])
        page.wait_for_selector('.qn-step[data-node-id="authority"]')
        page.wait_for_function("() => !!(window.ESCALATION_TREE_SETTINGS || {}).customer")
        answer(page, MANAGER[1:])
        result = page.locator('.qn-result[data-node-id="ask-for-the-manager"]')
        expect(result).to_contain_text(CUSTOMER_WORDS)
        expect(page.locator(".qn-live")).to_contain_text("Ask for the manager")
        assert page.evaluate("document.activeElement.id") == "qn-result-ask-for-the-manager"
        assert asked == ["customer.js"]


def test_a_link_to_a_result_shows_it_once_its_settings_text_arrives(browser: Browser, settings_site):
    fragment = "#a=" + "/".join(f"{q}.{o}" for q, o in MANAGER)
    with browser.new_page() as page:
        asked = setting_requests(page)
        held = []
        # Hold the setting's script back until the page has shown that it waits for it.
        page.route("**/questionnaire-data/customer.js", lambda route: held.append(route))
        page.goto(f"{settings_site}questionnaire/{fragment}", wait_until="domcontentloaded")  # "load" waits for it
        page.wait_for_selector('.qn-ready .qn-step[aria-busy="true"]', state="attached")
        assert page.locator(".qn-result").count() == 0
        assert page.locator(".qn-live").text_content() == "", "nothing is announced before the result shows"
        for _ in range(100):  # until the request reaches the route
            if held:
                break
            page.wait_for_timeout(50)
        assert len(held) == 1
        held[0].continue_()
        result = page.locator('.qn-result[data-node-id="ask-for-the-manager"]')
        expect(result).to_contain_text(CUSTOMER_WORDS)
        expect(page.locator(".qn-live")).to_contain_text("Ask for the manager")
        assert asked == ["customer.js"]


def test_without_its_settings_text_a_result_shows_the_shared_part_and_links_to_the_section(
    browser: Browser, settings_site
):
    with browser.new_page() as page:
        page.route("**/questionnaire-data/*.js", lambda route: route.abort())
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{settings_site}questionnaire/")
        page.wait_for_selector(STEP)
        answer(page, MANAGER)
        result = page.locator('.qn-result[data-node-id="ask-for-the-manager"]')
        expect(result).to_contain_text("Ask your counterpart to bring in their manager.")
        expect(result).not_to_contain_text(CUSTOMER_WORDS)
        href = result.locator("a.qn-full").get_attribute("href")
        assert href.endswith("/tree/recommendations/ask-for-the-manager/#customer")
        assert errors == []


@pytest.fixture(scope="module")
def flat_settings_site(tmp_path_factory):
    """The fixture site with `use_directory_urls: false`, read from file://."""
    root = tmp_path_factory.mktemp("settings-flat")
    build_site(root / "guide", use_directory_urls=False, tree=FIXTURE)
    return root / "guide"


def test_the_settings_text_loads_from_file_urls_without_directory_urls(browser: Browser, flat_settings_site):
    with browser.new_page() as page:
        asked = setting_requests(page)
        page.goto((flat_settings_site / "questionnaire.html").as_uri())
        page.wait_for_selector(STEP)
        answer(page, MANAGER)
        expect(page.locator('.qn-result[data-node-id="ask-for-the-manager"]')).to_contain_text(CUSTOMER_WORDS)
        assert asked == ["customer.js"]


def test_the_embed_page_completes_a_path_in_a_setting(browser: Browser, settings_site):
    with browser.new_page() as page:
        asked = setting_requests(page)
        page.goto(f"{settings_site}embed/")
        page.wait_for_selector(STEP)
        answer(page, MANAGER)
        expect(page.locator('.qn-result[data-node-id="ask-for-the-manager"]')).to_contain_text(CUSTOMER_WORDS)
        assert asked == ["customer.js"]


@pytest.mark.parametrize("served", [True, False], ids=["http", "file"])
def test_the_scorm_package_ships_each_settings_text_and_completes_a_path(
    browser: Browser, settings_site, tmp_path, served
):
    from urllib.request import urlopen

    from build_tools.site.urls import QUESTIONNAIRE_SETTING, SCORM_PACKAGE

    with urlopen(settings_site + SCORM_PACKAGE) as response:
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    names = set(archive.namelist())
    settings = {QUESTIONNAIRE_SETTING.format(id=s) for s in ("customer", "business", "workplace")}
    assert settings <= names
    assert settings <= set(re.findall(r'<file href="([^"]+)"', archive.read("imsmanifest.xml").decode()))
    archive.extractall(tmp_path)
    with browser.new_page() as page, serving(tmp_path) as origin:
        page.goto(origin + "index.html" if served else (tmp_path / "index.html").as_uri())
        page.wait_for_selector(STEP)
        answer(page, MANAGER)
        expect(page.locator('.qn-result[data-node-id="ask-for-the-manager"]')).to_contain_text(CUSTOMER_WORDS)
