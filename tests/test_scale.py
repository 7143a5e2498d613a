"""A 20,000-node tree gives every page a navigation of the same bounded size as a small tree does.

No site is built: the navigation is checked as the plugin hands it to
MkDocs, and what a page carries is counted as Material's `navigation.prune`
renders it (each level on the page's own branch, with its siblings). The
build's time and memory are measured by `python -m benchmarks site`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from build_tools.site.navigation import NAV_GATHER, NAV_GROUP, navigation_section
from build_tools.site.urls import question_uri
from build_tools.tree.model import Tree

from .treefiles import synthetic_tree

LARGE, SMALL = 20_000, 1_000


@pytest.fixture(scope="module")
def large() -> Tree:
    return synthetic_tree(LARGE)


def _levels(entries: list[Any]) -> Iterator[list[Any]]:
    """Every list of entries in a navigation, at any depth."""
    yield entries
    for entry in entries:
        if isinstance(entry, dict):
            (children,) = entry.values()
            if isinstance(children, list):
                yield from _levels(children)


def _branches(entries: list[Any], above: tuple = ()) -> Iterator[tuple[str, tuple]]:
    """Each page of a navigation with its branch: the (title, children) of every section above it."""
    for entry in entries:
        (title, value) = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            yield from _branches(value, (*above, (title, value)))
        else:
            yield value, above


def _carried(section: list[Any]) -> dict[str, int]:
    """`{question page: navigation entries it carries}`: the generated section, and every level down to the page."""
    return {
        page: len(section) + sum(len(children) for _, children in branch)
        for page, branch in _branches(section)
        if page.startswith("tree/questions/")
    }


@pytest.mark.parametrize("nodes", [100, 2_000, 2_800, LARGE])
def test_no_level_of_the_navigation_lists_more_than_a_group(nodes, large):
    tree = large if nodes == LARGE else synthetic_tree(nodes)
    section = navigation_section(tree)
    assert max(len(level) for level in _levels(section)) <= NAV_GROUP
    # Nothing is lost or reordered on the way: every page is listed once, in the tree's order.
    pages = [page for page, _ in _branches(section)]
    assert [p for p in pages if p.startswith("tree/questions/")] == [question_uri(q) for q in tree.questions]
    assert len(pages) == len(set(pages)) == 2 + len(tree.questions) + len(tree.recommendations)


def test_group_titles_say_which_questions_they_hold(large):
    questions = list(large.questions)
    branches = dict(_branches(navigation_section(large)))
    for index in (0, 49, 50, 999, 1_000, 9_876, len(questions) - 1):
        (top, _), *groups = branches[question_uri(questions[index])]
        assert top == "Questions" and len(groups) == 2  # "1,001 to 2,000" > "1,001 to 1,050"
        for title, _ in groups:
            low, high = (int(n.replace(",", "")) for n in re.fullmatch(r"([\d,]+) to ([\d,]+)", title).groups())
            assert low <= index + 1 <= high, (index, title)


def test_a_question_page_carries_about_as_much_navigation_at_20000_nodes_as_at_1000(large):
    small, big = _carried(navigation_section(synthetic_tree(SMALL))), _carried(navigation_section(large))
    assert len(big) == len(large.questions)
    # Twenty times the questions add one level of NAV_GATHER groups to a page's navigation, not 360 groups.
    assert max(big.values()) <= max(small.values()) + NAV_GATHER
    assert max(big.values()) <= len(navigation_section(large)) + 2 * NAV_GROUP
