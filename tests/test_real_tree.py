"""The published tree: every path ends in a complete recommendation that the column supports."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from build_tools.tree.graph import reachable
from build_tools.tree.paths import iter_paths, resolve

from .repository import DEFAULT_TREE

OUTCOMES = {
    "ask-for-the-manager",
    "keep-negotiating",
    "not-yet",
    "escalate-as-last-resort",
    "escalate-with-consent",
    "protect-the-relationship",
    "likely-to-backfire",
    "turn-to-alternatives",
}


def test_every_path_ends_in_a_complete_recommendation(tree):
    paths = list(iter_paths(tree))
    assert paths
    for path in paths:
        rec = tree.recommendations[path.recommendation]
        for text in (rec.title, rec.verdict, rec.rationale, *rec.risks, *rec.next_steps):
            assert text.strip(), f"{rec.id} has a blank field"
        assert rec.risks and rec.next_steps and rec.factors


def test_every_recommendation_is_reached_and_all_eight_outcomes_exist(tree):
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


def _answer(tree, **chosen):
    """Follow the tree choosing, at each question, the option named in `chosen`."""
    node, answers = tree.questions[tree.start], []
    while node.id in tree.questions:
        option = node.option(chosen[node.id.replace("-", "_")])
        answers.append((node.id, option.id))
        node = tree.node(option.next)
    assert resolve(tree, answers) is node
    return node.id


def test_the_unpaid_invoice_case_goes_over_her_head(tree):
    # $17,000 owed; the customer agreed to pay, then reneged with an angry e-mail;
    # the relationship was past saving and her CEO had reason to settle.
    assert (
        _answer(
            tree,
            authority="decision-maker",
            impasse="never-agree",
            other_strategies="tried",
            manager_informed="unknown",
            boss_likelier="likelier",
            relationship="beyond-repair",
        )
        == "escalate-as-last-resort"
    )


def test_a_representative_who_cannot_discount_is_a_cue_to_ask_for_the_manager(tree):
    assert _answer(tree, authority="front-line") == "ask-for-the-manager"
    assert _answer(tree, authority="not-sure", authority_signals="beyond-their-limit") == "ask-for-the-manager"


def test_before_an_impasse_the_answer_is_keep_negotiating(tree):
    assert _answer(tree, authority="decision-maker", impasse="still-moving") == "keep-negotiating"
    assert _answer(tree, authority="decision-maker", impasse="no-reply") == "keep-negotiating"


def test_stuck_without_trying_the_other_ways_is_not_yet(tree):
    assert _answer(tree, authority="decision-maker", impasse="deadlocked", other_strategies="not-tried") == "not-yet"


def test_a_counterpart_who_has_said_nothing_about_their_authority_goes_on_to_the_impasse(tree):
    chosen = {"authority": "not-sure", "authority_signals": "said-nothing", "impasse": "no-reply"}
    assert _answer(tree, **chosen) == "keep-negotiating"


def test_a_manager_who_knows_but_may_not_agree_is_asked_about_like_an_uninvolved_one(tree):
    common = {"authority": "decision-maker", "impasse": "deadlocked", "other_strategies": "tried"}
    for informed in ("informed-undecided", "not-informed", "unknown"):
        chosen = {**common, "manager_informed": informed, "boss_likelier": "likelier", "relationship": "beyond-repair"}
        assert _answer(tree, **chosen) == "escalate-as-last-resort"


def test_a_manager_who_backs_the_counterpart_means_it_would_backfire_while_the_relationship_lasts(tree):
    common = {"authority": "decision-maker", "impasse": "deadlocked", "other_strategies": "tried"}
    backs = {**common, "manager_informed": "kept-informed"}
    no_reason = {**common, "manager_informed": "unknown", "boss_likelier": "not-likelier"}
    for chosen in (backs, no_reason):
        assert _answer(tree, **chosen, still_working_together="keep-working") == "likely-to-backfire"
        assert _answer(tree, **chosen, still_working_together="relationship-over") == "turn-to-alternatives"


def test_a_relationship_worth_keeping_means_asking_with_consent_or_not_at_all(tree):
    common = {
        "authority": "decision-maker",
        "impasse": "deadlocked",
        "other_strategies": "tried",
        "manager_informed": "not-informed",
        "boss_likelier": "likelier",
        "relationship": "ongoing",
    }
    assert _answer(tree, **common, consent="can-ask-openly") == "escalate-with-consent"
    assert _answer(tree, **common, consent="only-behind-their-back") == "protect-the-relationship"


def _independent_paths(node_id, raw, prefix=()):
    """A deliberately naive walk of the raw YAML, sharing no code with build_tools."""
    if node_id in raw["recommendations"]:
        return [{"answers": [list(a) for a in prefix], "recommendation": node_id}]
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
    assert result.stdout.rstrip().endswith(
        f"ok: {len(raw['questions'])} questions, {len(raw['recommendations'])} recommendations, "
        f"{len(walked)} paths, longest path {longest} questions"
    )
