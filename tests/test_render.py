"""Rendering stays readable, and linear, on trees far deeper than the real one."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from benchmarks.synthetic import synthetic_yaml
from build_tools.pages import OUTLINE_DEPTH, PATH_STEPS_SHOWN
from build_tools.render import render_site
from build_tools.validate import check_text


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
    html = markdown.markdown(site.pages[f"tree/recommendations/{last}.md"])
    paths = BeautifulSoup(html, "html.parser").find_all("ol")[-1].find_all("li", recursive=False)
    assert paths
    for item in paths:
        assert len(item.find_all("a")) <= PATH_STEPS_SHOWN
    assert "more answers" in paths[0].get_text()
