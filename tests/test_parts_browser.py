"""Tree 4.0 in the browser: every path of the parts fixture shows the advice its answers assemble, and no other."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Locator, expect

from build_tools.tree.checks import check_file
from build_tools.tree.paths import iter_paths

from .browsing import axe_violations, serving

FIXTURE = Path(__file__).parent / "fixtures" / "parts" / "escalation.yaml"
STEP = ".qn-ready .qn-step[data-node-id]"


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory):
    """The fixture's own small site (its mkdocs.yml, tree and factor pages), built strictly and served."""
    root = tmp_path_factory.mktemp("parts-www")
    with serving(root) as origin:
        config = load_config(str(FIXTURE.with_name("mkdocs.yml")), site_dir=str(root / "guide"), strict=True)
        config.site_url = origin + "guide/"
        build(config)
        yield origin + "guide/"


def items_under(result: Locator, heading: str) -> list[str]:
    """The items of the list that follows a heading of the result, as the reader sees them."""
    return result.locator(f"xpath=.//h3[normalize-space()='{heading}']/following-sibling::ol[1]/li").all_inner_texts()


def test_every_path_shows_the_advice_its_answers_assemble(browser: Browser, parts_site):
    tree = check_file(FIXTURE)
    paths = list(iter_paths(tree))
    assert len(paths) == 5
    with browser.new_page() as page:
        for path in paths:
            advice = tree.recommendations[path.recommendation].advice(path.setting, dict(path.answers))
            state = "/".join(f"{q}.{o}" for q, o in path.answers)
            page.goto(f"{parts_site}questionnaire/#a={state}")
            result = page.locator(f'.qn-result[data-node-id="{path.recommendation}"]')
            expect(result).to_be_visible()
            assert items_under(result, "Next steps") == list(advice.next_steps), state
            assert items_under(result, "If the answer is still no") == list(advice.if_still_no), state
            assert advice.what_to_say is not None
            expect(result.locator(".say").first).to_have_text(advice.what_to_say.opening)
        assert axe_violations(page) == "", "the last result, a part's words in it, passes axe"


def test_without_javascript_the_page_lists_each_part_under_the_answers_it_is_for(browser: Browser, parts_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{parts_site}tree/recommendations/claim/")
        section = page.locator('section.part-advice[aria-labelledby="when-2"]')
        expect(section.locator("h2#when-2")).to_have_text(
            "If you answered “A repair or a fault” to “What is your request about?” and "
            "“Yes, all of them” to “Have you tried other approaches?”"
        )
        expect(section).to_contain_text("Quote the warranty and ask the maker, who can overrule the seller.")
    finally:
        context.close()
