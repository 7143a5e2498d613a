"""The published tree: every path ends in a complete recommendation that the column supports."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from build_tools.tree.graph import reachable
from build_tools.tree.paths import iter_paths, resolve

from .repository import DEFAULT_TREE

OUTCOMES = {
    "act-now",
    "follow-up",
    "weigh-the-offer",
    "ask-for-the-manager",
    "claim-what-is-owed",
    "keep-negotiating",
    "not-yet",
    "escalate-as-last-resort",
    "escalate-with-consent",
    "protect-the-relationship",
    "likely-to-backfire",
    "turn-to-alternatives",
    "raise-it-openly",
}


SETTINGS = {"customer", "business", "workplace", "public"}


def test_every_path_in_every_setting_ends_in_a_complete_recommendation(tree):
    paths = list(iter_paths(tree))
    assert {p.setting for p in paths} == SETTINGS
    for path in paths:
        rec = tree.recommendations[path.recommendation]
        advice = rec.advice(path.setting)
        say = advice.what_to_say
        assert say is not None, f"{rec.id} gives no words to say in setting {path.setting}"
        texts = [rec.title, rec.verdict, rec.rationale, *rec.risks, *advice.next_steps, *advice.if_still_no]
        texts += [say.opening, say.email_subject, *say.email]
        assert all(text.strip() for text in texts), f"{rec.id} has a blank field in setting {path.setting}"
        assert rec.risks and advice.next_steps and advice.if_still_no and rec.factors


def test_the_setting_is_asked_first_and_once(tree):
    assert tree.start == "setting"
    assert {o.setting for o in tree.questions["setting"].options} == SETTINGS
    for path in iter_paths(tree):
        assert [q for q, _ in path.answers].count("setting") == 1


def test_every_setting_reaches_every_outcome(tree):
    reached = {(p.setting, p.recommendation) for p in iter_paths(tree)}
    assert reached == {(s, r) for s in SETTINGS for r in OUTCOMES}


def test_each_setting_names_its_own_formal_routes_when_the_answer_is_still_no(tree):
    """An employee is not sent to an ombudsman, nor a student to another supplier."""
    ladder = {s: " ".join(tree.recommendations["ask-for-the-manager"].advice(s).if_still_no).lower() for s in SETTINGS}
    assert "grievance" in ladder["workplace"] and "ombudsman" not in ladder["workplace"]
    assert "appeal" in ladder["public"] or "review" in ladder["public"]
    assert "supplier" not in ladder["public"] and "supplier" not in ladder["workplace"]
    assert "contract" in ladder["business"] or "sponsor" in ladder["business"]


def test_placeholders_in_the_words_to_say_are_flat(tree):
    for rec in tree.recommendations.values():
        for setting in SETTINGS:
            say = rec.advice(setting).what_to_say
            for text in (say.opening, say.email_subject, *say.email):
                assert not re.search(r"\[[^\]]*\[", text), f"{rec.id} ({setting}): {text}"


def test_every_recommendation_is_reached_and_all_thirteen_outcomes_exist(tree):
    reached = {p.recommendation for p in iter_paths(tree)}
    assert reached == set(tree.recommendations) == OUTCOMES


def test_every_factor_is_asked_about_on_some_path(tree):
    asked = {tree.questions[q].factor for p in iter_paths(tree) for q, _ in p.answers}
    assert asked == set(tree.factors) == {"relationship", "other-strategies", "limited-authority", "consent"}


def test_every_node_is_reachable(tree):
    assert reachable(tree) == set(tree.node_ids)


def test_recommendations_cite_the_factors_that_ground_them(tree):
    assert tree.recommendations["ask-for-the-manager"].factors[0] == "limited-authority"
    assert "relationship" in tree.recommendations["escalate-as-last-resort"].factors
    assert "other-strategies" in tree.recommendations["not-yet"].factors


def _answer(tree, setting="customer", **chosen):
    """Follow the tree choosing, at each question, the option named in `chosen` (the setting first)."""
    chosen = {"setting": setting, "urgency": "can-wait", **chosen}
    node, answers = tree.questions[tree.start], []
    while node.id in tree.questions:
        option = node.option(chosen[node.id.replace("-", "_")])
        answers.append((node.id, option.id))
        node = tree.node(option.next)
    assert resolve(tree, answers) is node
    return node.id


CAN_DECIDE = {"authority_signals": "within-their-power"}
STUCK_AND_TRIED = {**CAN_DECIDE, "impasse": "deadlocked", "other_strategies": "tried"}


def test_the_unpaid_invoice_case_goes_over_her_head(tree):
    # $17,000 owed; the customer agreed to pay, then reneged with an angry e-mail;
    # the relationship was past saving and her chief executive had room to settle.
    chosen = {**CAN_DECIDE, "impasse": "never-agree", "other_strategies": "tried", "person_above_backs": "unknown"}
    chosen |= {"boss_likelier": "likelier", "relationship": "beyond-repair"}
    assert _answer(tree, "business", **chosen) == "escalate-as-last-resort"


def test_a_request_beyond_what_they_may_approve_is_a_cue_to_ask_who_can_decide_in_every_setting(tree):
    for setting in SETTINGS:
        assert _answer(tree, setting, authority_signals="beyond-their-limit") == "ask-for-the-manager"


def test_what_is_already_owed_is_claimed_from_whoever_must_put_it_right_not_asked_as_an_exception(tree):
    for setting in SETTINGS:
        assert _answer(tree, setting, authority_signals="owed-elsewhere") == "claim-what-is-owed"
    claim = tree.recommendations["claim-what-is-owed"]
    for setting in SETTINGS:
        advice = claim.advice(setting)
        words = " ".join([advice.what_to_say.opening, *advice.what_to_say.email]).lower()
        assert "exception" not in words and "in return" not in words, setting


def test_before_an_impasse_the_answer_is_to_make_the_case_or_to_follow_it_up(tree):
    assert _answer(tree, **CAN_DECIDE, impasse="still-moving") == "keep-negotiating"
    assert _answer(tree, **CAN_DECIDE, impasse="no-reply") == "follow-up"
    assert _answer(tree, authority_signals="said-nothing", impasse="no-reply") == "follow-up"
    for setting in SETTINGS:  # talks that are moving get a request to make, not a chaser
        words = tree.recommendations["keep-negotiating"].advice(setting).what_to_say
        assert "follow" not in (words.opening + words.email_subject).lower(), setting


def test_stuck_without_trying_the_other_ways_is_not_yet(tree):
    assert _answer(tree, **CAN_DECIDE, impasse="deadlocked", other_strategies="not-tried") == "not-yet"


def test_a_person_above_who_knows_but_has_not_taken_a_side_is_asked_about_like_an_uninvolved_one(tree):
    for informed in ("knows-no-side", "not-informed", "unknown"):
        chosen = {**STUCK_AND_TRIED, "person_above_backs": informed, "boss_likelier": "likelier"}
        assert _answer(tree, **chosen, relationship="beyond-repair") == "escalate-as-last-resort"


def test_a_person_above_who_backs_the_counterpart_or_has_no_more_room_means_it_would_backfire_while_you_deal_with_them(
    tree,
):
    backs = {**STUCK_AND_TRIED, "person_above_backs": "backs-them"}
    no_room = {**STUCK_AND_TRIED, "person_above_backs": "unknown", "boss_likelier": "not-likelier"}
    for chosen in (backs, no_room):
        assert _answer(tree, **chosen, still_working_together="keep-working") == "likely-to-backfire"
        assert _answer(tree, **chosen, still_working_together="relationship-over") == "turn-to-alternatives"


def test_a_relationship_that_goes_on_means_asking_with_consent_or_finding_another_way(tree):
    chosen = {**STUCK_AND_TRIED, "person_above_backs": "not-informed", "boss_likelier": "likelier"}
    chosen["relationship"] = "ongoing"
    assert _answer(tree, **chosen, consent="can-ask-openly") == "escalate-with-consent"
    assert _answer(tree, **chosen, consent="only-behind-their-back") == "protect-the-relationship"


def test_a_refusal_that_can_be_told_openly_leads_to_an_open_route_not_to_silence(tree):
    chosen = {**STUCK_AND_TRIED, "person_above_backs": "not-informed", "boss_likelier": "likelier"}
    chosen["relationship"] = "ongoing"
    assert _answer(tree, **chosen, consent="refused-but-open") == "raise-it-openly"


def test_a_limit_the_person_above_set_themselves_would_bounce_back_rather_than_be_asked_for(tree):
    for setting in SETTINGS:
        chosen = {"authority_signals": "limit-set-above"}
        assert _answer(tree, setting, **chosen, still_working_together="keep-working") == "likely-to-backfire"
        assert _answer(tree, setting, **chosen, still_working_together="relationship-over") == "turn-to-alternatives"


def test_weeks_of_silence_despite_written_reminders_goes_on_to_the_person_above_not_back_to_waiting(tree):
    chosen = {**CAN_DECIDE, "impasse": "gone-silent", "person_above_backs": "unknown", "boss_likelier": "likelier"}
    assert _answer(tree, **chosen, relationship="ongoing", consent="refused-but-open") == "raise-it-openly"
    assert _answer(tree, **chosen, relationship="beyond-repair") == "escalate-as-last-resort"


def test_what_cannot_wait_goes_straight_to_whoever_can_act_in_every_setting(tree):
    for setting in SETTINGS:
        assert _answer(tree, setting, urgency="cannot-wait") == "act-now"
        words = tree.recommendations["act-now"].advice(setting).what_to_say
        assert "[date" in words.opening and "who" in words.opening.lower(), f"{setting}: names the date, asks who acts"
        assert "approve" not in " ".join([words.opening, *words.email]), "urgency asks for action, not approval"


def test_urgency_is_asked_before_any_path_can_end(tree):
    """A deadline or a danger is asked about before the first outcome, so no short path passes it by."""
    for path in iter_paths(tree):
        asked = [q for q, _ in path.answers]
        assert asked[:2] == ["setting", "urgency"], path.answers


def test_an_offer_on_the_table_is_answered_not_taken_over_their_head(tree):
    for setting in SETTINGS:
        assert _answer(tree, setting, authority_signals="within-their-power", impasse="offer-made") == "weigh-the-offer"


def test_no_advice_tells_a_reader_who_cannot_ask_openly_to_ask_openly(tree):
    for setting in SETTINGS:
        advice = tree.recommendations["protect-the-relationship"].advice(setting)
        text = " ".join([*advice.next_steps, *advice.if_still_no]).lower()
        assert "open request" not in text and "involve their manager" not in text, setting


def _independent_paths(node_id, raw, prefix=()):
    """A deliberately naive walk of the raw YAML, sharing no code with build_tools."""
    if node_id in raw["recommendations"]:
        setting = next(
            o["setting"]
            for q, o_id in prefix
            for o in raw["questions"][q]["options"]
            if o["id"] == o_id and "setting" in o
        )
        return [{"answers": [list(a) for a in prefix], "recommendation": node_id, "setting": setting}]
    found = []
    for option in raw["questions"][node_id]["options"]:
        found += _independent_paths(option["next"], raw, (*prefix, (node_id, option["id"])))
    return found


def test_paths_json_agrees_with_an_independent_walk_of_the_yaml():
    raw = yaml.safe_load(DEFAULT_TREE.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "paths", "--json"], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == _independent_paths(raw["start"], raw)


def test_check_exits_0_with_a_one_line_summary():
    raw = yaml.safe_load(DEFAULT_TREE.read_text(encoding="utf-8"))
    walked = _independent_paths(raw["start"], raw)
    longest = max(len(p["answers"]) for p in walked)
    result = subprocess.run([sys.executable, "-m", "build_tools", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    cases = yaml.safe_load(DEFAULT_TREE.with_name("cases.yaml").read_text(encoding="utf-8"))["cases"]
    locked = [line for line in DEFAULT_TREE.with_name("permalinks.lock").read_text(encoding="utf-8").splitlines()]
    locked = [line for line in locked if line.strip() and not line.lstrip().startswith("#")]
    assert result.stdout.rstrip().endswith(
        f"ok: {len(raw['questions'])} questions, {len(raw['recommendations'])} recommendations, "
        f"{len(walked)} paths, longest path {longest} questions; {len(cases)} case studies, {len(locked)} locked URLs"
    )
