"""Ids and labels that must tell things apart: the checks that keep every link pointing at one place.

A page's address, an answer in a shared link and an old link kept working by
`former_ids` all name a node or an option by its id, so an id may not be one
the site reserves, nor be used twice, and a former id must lead to one place
only. Two options a reader cannot tell apart are reported the same way.
"""

from __future__ import annotations

import unicodedata

from .model import RESERVED_IDS, Key, Option, Tree, reserved_because
from .problems import Problem


def id_problems(tree: Tree) -> list[Problem]:
    """Reserved ids, ids used twice, options alike, and former ids that lead to more than one place."""
    return [
        *_reserved_ids(tree),
        *_duplicate_ids(tree),
        *_option_clashes(tree),
        *_former_id_clashes(tree),
    ]


def _reserved_ids(tree: Tree) -> list[Problem]:
    return [
        Problem(node.where.loc, f"id '{node.id}' is reserved: {reserved_because(node.id)}; rename it")
        for node in tree.nodes
        if node.id in RESERVED_IDS
    ]


def _duplicate_ids(tree: Tree) -> list[Problem]:
    return [
        Problem(
            rec.where.loc,
            f"id '{rid}' is used by both a question (line {tree.questions[rid].where.loc.line}) "
            "and a recommendation: ids must be unique, so rename one",
        )
        for rid, rec in tree.recommendations.items()
        if rid in tree.questions
    ]


def comparable(text: str) -> str:
    """What a reader can tell apart: Unicode composed (NFC), invisible characters dropped, spacing and case ignored."""
    composed = unicodedata.normalize("NFC", text)
    visible = "".join(c for c in composed if unicodedata.category(c) != "Cf")
    return " ".join(visible.split()).casefold()


def _option_clashes(tree: Tree) -> list[Problem]:
    problems = []
    for question in tree.questions.values():
        first_id: dict[str, Option] = {}
        first_label: dict[str, Option] = {}
        for option in question.options:
            earlier = first_id.setdefault(option.id, option)
            if option.id and earlier is not option:
                problems.append(
                    Problem(
                        option.where.of(Key.ID),
                        f"question '{question.id}' has two options with id '{option.id}' "
                        f"(the first is at line {earlier.where.of(Key.ID).line}): option ids must be unique within a question",
                    )
                )
            label = comparable(option.label)
            earlier = first_label.setdefault(label, option)
            if label and earlier is not option:
                problems.append(
                    Problem(
                        option.where.of(Key.LABEL),
                        f"question '{question.id}' has two options labelled '{option.label}' "
                        f"(the first is at line {earlier.where.of(Key.LABEL).line}): readers could not tell them apart",
                    )
                )
    return problems


def _former_id_clashes(tree: Tree) -> list[Problem]:
    """A former id must lead to one place only: not to a current node or option, nor to two that replaced it."""
    problems = []
    claimed: dict[str, str] = {}
    for node in tree.nodes:
        for index, former in enumerate(node.former_ids):
            loc = node.where.of_item(Key.FORMER_IDS, index)
            if tree.node(former) is not None:
                problems.append(
                    Problem(
                        loc,
                        f"'{node.id}' lists '{former}' as a former id, but '{former}' is a current id: "
                        "links to it already lead there, so remove it from former_ids",
                    )
                )
            elif former in RESERVED_IDS:
                problems.append(
                    Problem(loc, f"'{former}' cannot be a former id: no page can have been published under it")
                )
            elif claimed.setdefault(former, node.id) != node.id:
                problems.append(
                    Problem(
                        loc,
                        f"'{former}' is a former id of both '{claimed[former]}' and '{node.id}': "
                        "old links can lead to only one of them, so keep it on one",
                    )
                )
    for question in tree.questions.values():
        options: dict[str, str] = {o.id: o.id for o in question.options}
        for option in question.options:
            for index, former in enumerate(option.former_ids):
                earlier = options.setdefault(former, option.id)
                if earlier != option.id:
                    what = "a current option" if former == earlier else f"also a former id of option '{earlier}'"
                    problems.append(
                        Problem(
                            option.where.of_item(Key.FORMER_IDS, index),
                            f"option '{option.id}' of question '{question.id}' lists the former id '{former}', "
                            f"which is {what}: old links must lead to one option only",
                        )
                    )
    return problems
