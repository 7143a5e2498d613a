"""Rendering stays readable, and linear, on trees far deeper than the real one."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from build_tools.pipeline.render import render_site
from build_tools.site.pages import CONDITIONS_LISTED, OUTLINE_DEPTH
from build_tools.site.urls import generated_pages
from build_tools.site.wording import WORDING
from build_tools.tree.cases import load_cases
from build_tools.tree.checks import check_text
from build_tools.tree.paths import count_paths_to, describe_count, iter_paths

from .repository import DEFAULT_TREE
from .synthetic import synthetic_yaml


def _deep_site():
    tree, problems = check_text(synthetic_yaml(200), "deep.yaml")
    assert problems == []
    return tree, render_site(tree)


def test_the_outline_of_a_deep_tree_nests_only_so_far_but_reaches_every_node():
    tree, site = _deep_site()
    outline = BeautifulSoup(site.pages["tree/index.md"], "html.parser").select_one(".tree-outline")
    deepest = max(len(li.find_parents("ul")) for li in outline.find_all("li"))
    assert deepest <= OUTLINE_DEPTH + 1
    linked = {a["href"].strip("/").split("/")[-1] for a in outline.find_all("a")}
    assert linked == set(tree.node_ids)


def test_a_deep_tree_lists_the_questions_nearest_each_recommendation_and_says_the_rest_are_left_out():
    tree, site = _deep_site()
    last = list(tree.recommendations)[-1]
    html = markdown.markdown(site.pages[f"tree/recommendations/{last}.md"], extensions=["md_in_html"])
    heading = BeautifulSoup(html, "html.parser").find("h2", string="How readers get here")
    items = heading.find_next_sibling("ul").find_all("li", recursive=False)
    assert 1 <= len(items) <= CONDITIONS_LISTED
    if len(items) == CONDITIONS_LISTED:
        assert WORDING["ways_in_more"] in BeautifulSoup(html, "html.parser").get_text()


def test_how_readers_get_here_lists_each_question_on_the_way_with_the_answers_that_lead_on(tree):
    site = render_site(tree)
    paths = list(iter_paths(tree))
    for rec in tree.recommendations.values():
        html = markdown.markdown(site.pages[f"tree/recommendations/{rec.id}.md"], extensions=["md_in_html"])
        heading = BeautifulSoup(html, "html.parser").find("h2", string="How readers get here")
        items = heading.find_next_sibling("ul").find_all("li", recursive=False)
        mine = [p.answers for p in paths if p.recommendation == rec.id]
        asked = [q for q in tree.questions if any(q == a[0] for answers in mine for a in answers)]
        assert sorted(item.a["href"].removesuffix(".md").rsplit("/", 1)[1] for item in items) == sorted(asked)
        for item in items:
            question = tree.questions[item.a["href"].removesuffix(".md").rsplit("/", 1)[1]]
            assert item.a.get_text() == question.prompt
            leading = {o for answers in mine for q, o in answers if q == question.id}
            assert [e.get_text() for e in item.find_all("em")] == [o.label for o in question.options if o.id in leading]
            every = all(any(q == question.id for q, _ in answers) for answers in mine)
            assert (WORDING["asked_on_some_ways"] in item.get_text()) == (not every), (rec.id, question.id)
        total = count_paths_to(tree)[rec.id]
        if total > 1:
            assert WORDING["ways_in_count"].format(n=describe_count(total)) in heading.find_parent().get_text()


def test_the_lock_knows_exactly_the_pages_a_render_writes(tree):
    """permalinks.published() lists generated pages without rendering them; it must list the same ones."""
    cases = load_cases(DEFAULT_TREE, tree)
    assert sorted(generated_pages(tree, [c.id for c in cases])) == sorted(render_site(tree, cases=cases).pages)
    assert sorted(generated_pages(tree, [])) == sorted(render_site(tree).pages)
