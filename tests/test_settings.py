"""Tree 3.0, settings: every rule a located error that says what to do, the text each setting gets, and the pages.

The fixture (tests/fixtures/settings/) has three settings set by the first answer; a recommendation with a
default and overrides (ask-for-the-manager), one with per-setting text only (turn-to-alternatives) and one
that does not vary (keep-negotiating).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.pipeline.render import render_site
from build_tools.review.changes import TreeDiff
from build_tools.review.treediff import _compare_paths
from build_tools.site.urls import HANDOUT
from build_tools.tree.cases import load_cases
from build_tools.tree.checks import check_file, check_text
from build_tools.tree.paths import iter_paths, resolve, setting_of
from build_tools.tree.settings import arrivals, reaching
from build_tools.tree.ways_in import ways_in

from .treefiles import dump

FIXTURE = Path(__file__).parent / "fixtures" / "settings" / "escalation.yaml"
DATA = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fixture():
    return check_file(FIXTURE)


def problems(change) -> tuple[str, list]:
    """The fixture changed by `change(data)`, written out, and what check finds in it."""
    data = copy.deepcopy(DATA)
    change(data)
    text = dump(data)
    return text, check_text(text, "tree.yaml")[1]


def line_of(text: str, pattern: str, nth: int = 0) -> int:
    """The 1-based line of the `nth` line matching `pattern` in `text`."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.search(pattern, line)][nth]


def only(found: list) -> object:
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_the_fixture_is_sound_and_its_cases_replay_one_per_setting(fixture):
    cases = load_cases(FIXTURE, fixture)
    assert {setting_of(fixture, case.answers) for case in cases} == set(fixture.settings)
    for case in cases:
        assert resolve(fixture, case.answers).id == case.expected


def test_an_undeclared_setting_on_an_option_is_located_with_a_hint():
    def change(data):
        data["questions"]["setting"]["options"][0]["setting"] = "costumer"

    text, found = problems(change)
    problem = only([p for p in found if "costumer" in p.message])
    assert problem.loc.line == line_of(text, "setting: costumer")
    assert "is not declared under 'settings' (did you mean 'customer'?)" in problem.message


def test_a_setting_no_option_names_is_an_error_at_the_setting():
    def change(data):
        data["settings"]["public"] = {"title": "Public", "summary": "A citizen and a public body."}

    text, found = problems(change)
    problem = only(found)
    assert problem.loc.line == line_of(text, r"^  public:")
    assert "setting 'public' is declared but no option names it" in problem.message


def test_a_path_without_a_setting_is_an_error_at_the_recommendation_naming_the_way_in():
    def change(data):
        del data["questions"]["setting"]["options"][2]["setting"]  # workplace readers go on unset

    text, found = problems(change)
    messages = {p.message.split("'")[1]: p for p in found if "no setting chosen" in p.message}
    assert set(messages) == {"ask-for-the-manager", "keep-negotiating"}
    assert messages["keep-negotiating"].loc.line == line_of(text, r"^  keep-negotiating:")
    assert "(through option 'not-yet' of question 'inside')" in messages["keep-negotiating"].message


def test_two_settings_on_one_path_are_an_error_at_the_second_option():
    def change(data):
        data["questions"]["impasse"]["options"][0]["setting"] = "business"

    text, found = problems(change)
    problem = only([p for p in found if "already chosen" in p.message])
    assert problem.loc.line == line_of(text, "setting: business", 1)
    assert "option 'deadlocked' of question 'impasse' sets setting 'business'" in problem.message


def test_a_missing_field_for_a_setting_names_the_setting_the_field_and_a_way_in():
    def change(data):
        del data["recommendations"]["turn-to-alternatives"]["settings"]["business"]

    text, found = problems(change)
    problem = only(found)
    assert problem.loc.line == line_of(text, r"^  turn-to-alternatives:")
    assert "has no 'next_steps' for setting 'business'" in problem.message
    assert "(through option 'not-tried' of question 'impasse')" in problem.message


def test_a_missing_escalation_field_is_reported_at_the_settings_entry():
    def change(data):
        rec = data["recommendations"]["ask-for-the-manager"]
        del rec["what_to_say"]
        rec["settings"]["business"] = {"next_steps": ["Call their account manager."]}

    text, found = problems(change)
    lines = {p.message.split("setting '")[1].split("'")[0]: p.loc.line for p in found}
    assert set(lines) == {"business", "workplace"}, [p.format() for p in found]
    assert lines["business"] == line_of(text, r"^      business:", -1)
    assert all("has no 'what_to_say'" in p.message for p in found)


def test_advice_that_varies_by_no_setting_still_needs_words_to_say_in_a_tree_with_settings():
    def change(data):
        del data["recommendations"]["keep-negotiating"]["what_to_say"]

    text, found = problems(change)
    assert found, "the schema asks words only of escalating advice; the settings check asks them of all"
    assert all("recommendation 'keep-negotiating' has no 'what_to_say' for setting" in p.message for p in found)
    assert {p.loc.line for p in found} == {line_of(text, r"^  keep-negotiating:")}


def test_text_for_a_setting_that_cannot_reach_or_is_not_declared_is_an_error():
    def change(data):
        settings = data["recommendations"]["turn-to-alternatives"]["settings"]
        settings["workplace"] = {"next_steps": ["Never read."]}
        settings["bussiness"] = {"next_steps": ["A typo."]}

    text, found = problems(change)
    dead = only([p for p in found if "workplace" in p.message])
    assert dead.loc.line == line_of(text, r"^      workplace:") and "remove the entry" in dead.message
    typo = only([p for p in found if "bussiness" in p.message])
    assert typo.loc.line == line_of(text, r"^      bussiness:") and "(did you mean 'business'?)" in typo.message


@pytest.mark.parametrize("words", ["[a credit of [amount]]", "[amount", "amount]"])
def test_placeholders_must_be_flat_and_balanced(words):
    def change(data):
        data["recommendations"]["ask-for-the-manager"]["settings"]["customer"]["what_to_say"]["email"][1] = words

    text, found = problems(change)
    problem = only(found)
    assert problem.loc.line == line_of(text, re.escape(words))
    assert "placeholders are flat" in problem.message


def test_a_tree_without_settings_may_not_name_one():
    def change(data):
        del data["settings"]

    _, found = problems(change)
    assert found and all("declares no settings" in p.message or "not declared" in p.message for p in found)


def test_effective_text_replaces_fields_whole_and_falls_back_to_the_default(fixture):
    rec = fixture.recommendations["ask-for-the-manager"]
    customer, workplace = rec.advice("customer"), rec.advice("workplace")
    assert customer.next_steps == ("Ask for a supervisor at the counter or on the phone.",)
    assert customer.what_to_say.email_subject == "A complaint about [order number]"
    assert customer.if_still_no == rec.if_still_no
    assert workplace.next_steps == rec.next_steps and workplace.what_to_say == rec.what_to_say
    assert workplace.if_still_no == ("Talk to human resources.",)
    assert rec.advice(None).next_steps == rec.next_steps
    assert fixture.recommendations["turn-to-alternatives"].advice("business").next_steps == (
        "Propose a joint review of the contract.",
    )


def test_every_path_in_every_setting_ends_in_complete_text(fixture):
    seen = set()
    for path in iter_paths(fixture):
        assert path.setting == setting_of(fixture, path.answers) and path.setting in fixture.settings
        rec = fixture.recommendations[path.recommendation]
        advice = rec.advice(path.setting)
        assert advice.next_steps, path
        if rec.escalates:
            assert advice.what_to_say and advice.if_still_no, path
        seen.add(path.setting)
    assert seen == set(fixture.settings)
    assert reaching(fixture) == {
        "keep-negotiating": ["customer", "business", "workplace"],
        "turn-to-alternatives": ["customer", "business"],
        "ask-for-the-manager": ["customer", "business", "workplace"],
    }


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_ways_in_are_exactly_the_answers_on_some_path_and_always_means_every_path(which, tree, fixture):
    tree = tree if which == "real" else fixture
    paths = list(iter_paths(tree))
    for rid, found in ways_in(tree, 1_000).items():
        mine = [p.answers for p in paths if p.recommendation == rid]
        expected = {(q, o) for answers in mine for q, o in answers}
        assert {(c.question.id, o.id) for c in found.conditions for o in c.options} == expected
        for condition in found.conditions:
            every = all(any(q == condition.question.id for q, _ in answers) for answers in mine)
            assert condition.always == every, (rid, condition.question.id)
        assert not found.more


def test_arrivals_are_linear_sets_of_settings(fixture):
    found = arrivals(fixture)
    assert set(found["authority"]) == {"customer", "business"}
    assert set(found["inside"]) == {"workplace"}
    assert set(found["setting"]) == {None}


def test_pages_give_a_section_per_setting_that_reaches_where_the_text_varies(fixture):
    site = render_site(fixture)

    def page(rid: str) -> BeautifulSoup:
        html = markdown.markdown(site.pages[f"tree/recommendations/{rid}.md"], extensions=["md_in_html", "attr_list"])
        return BeautifulSoup(html, "html.parser")

    manager = page("ask-for-the-manager")
    assert [s["aria-labelledby"] for s in manager.select("section.setting-advice")] == list(fixture.settings)
    customer = manager.select_one("section.setting-advice h2#customer").find_parent("section")
    assert "Ask for a supervisor" in customer.get_text() and "A complaint about" in customer.get_text()
    alternatives = page("turn-to-alternatives")
    assert [h["id"] for h in alternatives.select("section.setting-advice h2")] == ["customer", "business"]
    assert not page("keep-negotiating").select("section.setting-advice")
    # On paper, each recommendation keeps its reasoning; the words for each setting are online.
    handout = site.pages[HANDOUT]
    assert "Ask for a supervisor" not in handout
    assert "Someone above can decide what your counterpart cannot" in handout.replace("&#46;", ".")
    assert "they are on its page online" in handout


def test_the_questionnaire_data_carries_settings_compactly(fixture):
    from build_tools.site.questionnaire_data import questionnaire_files
    from build_tools.site.urls import QUESTIONNAIRE_DATA, QUESTIONNAIRE_SETTING

    files = questionnaire_files(fixture, directory_urls=True)
    script = files[QUESTIONNAIRE_DATA]
    assert '"setting":"customer"' in script
    # Each setting's text is in its own script, which a reader in that setting alone loads; the base holds
    # only what every setting that reaches a recommendation shares.
    assert set(files) == {QUESTIONNAIRE_DATA, *(QUESTIONNAIRE_SETTING.format(id=s) for s in fixture.settings)}
    assert "Ask politely for the person who can decide." not in script, "not every setting gets it"
    business = files[QUESTIONNAIRE_SETTING.format(id="business")]
    assert business.startswith('(window.ESCALATION_TREE_SETTINGS = window.ESCALATION_TREE_SETTINGS || {})["business"]')
    assert business.count("Ask politely for the person who can decide.") == 1, "written once for the setting"
    assert "Ask politely" not in files[QUESTIONNAIRE_SETTING.format(id="customer")]


def test_diff_from_a_tree_without_settings_compares_paths_with_the_setting_answer_dropped(fixture):
    data = copy.deepcopy(DATA)
    del data["settings"]
    del data["questions"]["setting"]
    data["start"] = "authority"
    data["questions"]["authority"]["options"][1]["next"] = "inside"  # so the old tree reaches every node
    del data["factors"]["relationship"]  # only the setting question asked about it
    data["recommendations"]["ask-for-the-manager"]["factors"] = ["limited-authority"]
    for rec in data["recommendations"].values():
        for entry in rec.pop("settings", {}).values():
            rec.update({k: v for k, v in entry.items() if k not in rec})
    old, found = check_text(dump(data), "old.yaml")
    assert not found, [p.format() for p in found]
    diff = TreeDiff("HEAD")
    _compare_paths(diff, old, fixture)
    assert diff.paths_before == 4
    # The front-line paths keep their advice in both settings that ask them; the old decision-maker answer
    # led on to 'inside', which the new tree asks only in the workplace, so those paths no longer fit.
    assert {(" ".join(o for _, o in c.answers), c.after) for c in diff.paths} == {
        ("decision-maker asked", None),
        ("decision-maker not-yet", None),
    }
    assert all(c.why.startswith("no longer fits") for c in diff.paths)


def test_a_tree_without_settings_has_paths_without_one():
    tree = check_file(Path(__file__).parent / "fixtures" / "minimal.yaml")
    assert not tree.settings and all(p.setting is None for p in iter_paths(tree))
