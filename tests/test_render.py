"""Rendering stays readable, and linear, on trees far deeper than the real one."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from build_tools.pipeline.render import render_site
from build_tools.site.pages import OUTLINE_DEPTH, PATH_STEPS_SHOWN, PATHS_LISTED
from build_tools.site.urls import generated_pages
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


def test_long_paths_are_shown_by_their_ends():
    tree, site = _deep_site()
    last = list(tree.recommendations)[-1]
    html = markdown.markdown(site.pages[f"tree/recommendations/{last}.md"], extensions=["md_in_html"])
    paths = BeautifulSoup(html, "html.parser").select_one("details.paths ol").find_all("li", recursive=False)
    assert paths
    for item in paths:
        assert len(item.find_all("a")) <= PATH_STEPS_SHOWN
    assert "more answers" in paths[0].get_text()


def test_how_readers_get_here_shows_the_count_and_the_shortest_path_with_the_rest_folded(tree):
    site = render_site(tree)
    for rec in tree.recommendations.values():
        html = markdown.markdown(site.pages[f"tree/recommendations/{rec.id}.md"], extensions=["md_in_html"])
        document = BeautifulSoup(html, "html.parser")
        heading = document.find("h2", string="How readers get here")
        summary, shortest = heading.find_next_sibling("p"), heading.find_next_sibling("p").find_next_sibling("p")
        shortest_path = min((p.answers for p in iter_paths(tree) if p.recommendation == rec.id), key=len)
        assert [a["href"].removesuffix(".md").rsplit("/", 1)[1] for a in shortest.find_all("a")] == [
            q for q, _ in shortest_path
        ]
        assert [a.get_text() for a in shortest.find_all("a")] == [tree.questions[q].prompt for q, _ in shortest_path]
        total = count_paths_to(tree)[rec.id]
        if total > 1:
            assert summary.get_text() == f"Reached by {describe_count(total)} sequences of answers. The shortest:"
            assert len(document.select("details.paths ol > li")) == min(total, PATHS_LISTED)


def test_the_lock_knows_exactly_the_pages_a_render_writes(tree):
    """permalinks.published() lists generated pages without rendering them; it must list the same ones."""
    cases = load_cases(DEFAULT_TREE, tree)
    assert sorted(generated_pages(tree, [c.id for c in cases])) == sorted(render_site(tree, cases=cases).pages)
    assert sorted(generated_pages(tree, [])) == sorted(render_site(tree).pages)
