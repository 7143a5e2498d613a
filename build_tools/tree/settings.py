"""Settings (tree 3.0): which settings reach each node, and every rule the format sets for them.

A reader's setting is set by the one option on their path that names one.
Whether every path passes exactly one, and which settings reach each
recommendation, is found without enumerating paths, whose number can grow
exponentially: each node gets the set of settings that can arrive at it
(None standing for "not yet set"), propagated once over a topological order.
A set holds at most one entry per setting, so the walk is linear in the graph.
"""

from __future__ import annotations

import re

from .model import Key, Recommendation, Tree, WhatToSay
from .paths import topological_order
from .problems import Loc, Problem, Suggestions

Way = tuple[str, str]  # (question id, option id): the last answer of one way a setting arrives
Arrivals = dict[str | None, Way | None]  # setting (None: unset) -> one way it arrives (None: the start)


def arrivals(tree: Tree) -> dict[str, Arrivals]:
    """For every reachable node, the settings readers can arrive with, each with one way in.

    The setting an option names replaces an unset one; a second one on the same
    path is a problem (reported by `setting_problems`), and is followed as if it
    replaced the first, so that one mistake is reported once.
    """
    if tree.start not in tree.questions:
        return {}
    found: dict[str, Arrivals] = {tree.start: {None: None}}
    for node_id in topological_order(tree):
        question = tree.questions.get(node_id)
        here = found.get(node_id, {})
        for option in question.options if question else ():
            onward = found.setdefault(option.next, {})
            for setting in [option.setting] if option.setting else here:
                onward.setdefault(setting, (node_id, option.id))
    return found


def reaching(tree: Tree) -> dict[str, list[str]]:
    """For every recommendation, the declared settings that reach it, in the order they are declared."""
    found = arrivals(tree)
    return {rid: [s for s in tree.settings if s in found.get(rid, {})] for rid in tree.recommendations}


def setting_problems(tree: Tree, sound_graph: bool) -> list[Problem]:
    """Every rule of the settings format; those about paths only once the graph is sound (no loop, no gap)."""
    problems = [*_undeclared(tree), *_placeholders(tree)]
    if tree.settings or any(r.settings for r in tree.recommendations.values()):
        problems += _entries_declared(tree)
    if tree.settings and sound_graph:
        found = arrivals(tree)
        problems += [*_unnamed(tree), *_paths(tree, found), *_text(tree, found)]
    return problems


def _undeclared(tree: Tree) -> list[Problem]:
    known = Suggestions(tree.settings)
    how = "" if tree.settings else ": this tree declares no settings; add it under a top-level 'settings:'"
    return [
        Problem(
            option.where.of(Key.SETTING),
            f"option '{option.id}' of question '{question.id}' puts the reader in setting '{option.setting}', "
            f"which is not declared under 'settings'{known.hint(option.setting)}{how}",
        )
        for question in tree.questions.values()
        for option in question.options
        if option.setting and option.setting not in tree.settings
    ]


def _unnamed(tree: Tree) -> list[Problem]:
    named = {o.setting for q in tree.questions.values() for o in q.options}
    return [
        Problem(
            setting.where.loc,
            f"setting '{sid}' is declared but no option names it: give an option 'setting: {sid}', or remove it",
        )
        for sid, setting in tree.settings.items()
        if sid not in named
    ]


def _paths(tree: Tree, found: dict[str, Arrivals]) -> list[Problem]:
    """A path with no setting, or with two: located where it goes wrong."""
    problems = []
    for qid, question in tree.questions.items():
        here = found.get(qid, {})
        already = next((s for s in here if s is not None), None)
        for option in question.options:
            if option.setting and already is not None:
                problems.append(
                    Problem(
                        option.where.of(Key.SETTING),
                        f"option '{option.id}' of question '{qid}' sets setting '{option.setting}', but readers can "
                        f"reach '{qid}' with setting '{already}' already chosen{_by(here[already])}: a path may "
                        "pass only one option with 'setting:', so remove one of them",
                    )
                )
    for rid, rec in tree.recommendations.items():
        if None in found.get(rid, {}):
            problems.append(
                Problem(
                    rec.where.loc,
                    f"recommendation '{rid}' can be reached with no setting chosen{_by(found[rid][None])}: "
                    "every path must pass one option with 'setting:', so add one on that way in",
                )
            )
    return problems


def _by(way: Way | None) -> str:
    return f" (through option '{way[1]}' of question '{way[0]}')" if way else ""


def _entries_declared(tree: Tree) -> list[Problem]:
    """Each `settings:` entry of a recommendation names a declared setting."""
    known = Suggestions(tree.settings)
    return [
        Problem(
            entry.where.loc,
            f"recommendation '{rec.id}' gives text for setting '{entry.setting}', which is not declared under "
            f"'settings'{known.hint(entry.setting)}",
        )
        for rec in tree.recommendations.values()
        for entry in rec.settings
        if entry.setting not in tree.settings
    ]


def _text(tree: Tree, found: dict[str, Arrivals]) -> list[Problem]:
    """Dead entries, and gaps: a field some setting that reaches the recommendation would go without."""
    problems = []
    for rid, rec in tree.recommendations.items():
        here = found.get(rid, {})
        for entry in rec.settings:
            if entry.setting in tree.settings and entry.setting not in here:
                problems.append(
                    Problem(
                        entry.where.loc,
                        f"recommendation '{rid}' gives text for setting '{entry.setting}', which no path reaches it "
                        "with: readers would never see it, so remove the entry (or lead that setting here)",
                    )
                )
        for sid in tree.settings:  # with or without entries: the schema asks words only of escalating advice
            if sid in here:
                problems += _gaps(rec, sid, here[sid])
    return problems


def _gaps(rec: Recommendation, sid: str, way: Way | None) -> list[Problem]:
    advice, entry = rec.advice(sid), rec.entry(sid)
    # A tree with settings gives every outcome, escalating or not, its steps, its words and its ladder:
    # the reader who is told not to go higher needs words for what to do instead.
    needed: list[tuple[Key, object]] = [
        (Key.NEXT_STEPS, advice.next_steps),
        (Key.WHAT_TO_SAY, advice.what_to_say),
        (Key.IF_STILL_NO, advice.if_still_no),
    ]
    loc = entry.where.loc if entry else rec.where.loc
    return [
        Problem(
            loc,
            f"recommendation '{rec.id}' has no '{name}' for setting '{sid}', which reaches it{_by(way)}: "
            f"give '{name}' in its 'settings: {sid}:' entry or in the recommendation itself",
        )
        for name, value in needed
        if not value
    ]


PLACEHOLDER = re.compile(r"[\[\]]")


def _placeholders(tree: Tree) -> list[Problem]:
    """Placeholders are flat, `[amount]`: a bracket inside one, or one left open or closed alone, is a mistake.

    Held only in trees with settings (3.0): tree 2.0 files, the project's among them, may nest them.
    """
    if not tree.settings:
        return []
    problems = []
    for rec in tree.recommendations.values():
        for say in [rec.what_to_say, *(e.what_to_say for e in rec.settings)]:
            if say is not None:
                problems += _say_placeholders(rec, say)
    return problems


def _say_placeholders(rec: Recommendation, say: WhatToSay) -> list[Problem]:
    texts: list[tuple[Loc | None, str]] = [
        (say.where.of(Key.OPENING) if say.where else None, say.opening),
        (say.where.of(Key.EMAIL_SUBJECT) if say.where else None, say.email_subject),
        *((say.where.of_item(Key.EMAIL, i) if say.where else None, p) for i, p in enumerate(say.email)),
    ]
    problems = []
    for loc, text in texts:
        why = _bracket_mistake(text)
        if why:
            problems.append(
                Problem(
                    loc or rec.where.loc,
                    f"recommendation '{rec.id}': {why} in '{text[:60]}': placeholders are flat, such as [amount]; "
                    "write the words around one outside its brackets",
                )
            )
    return problems


def _bracket_mistake(text: str) -> str:
    depth = 0
    for match in PLACEHOLDER.finditer(text):
        if match.group() == "[":
            depth += 1
            if depth > 1:
                return "a placeholder opens inside another"
        else:
            depth -= 1
            if depth < 0:
                return "a ']' closes no placeholder"
    return "a '[' is never closed" if depth else ""
