"""Everything a build reads, loaded and checked once, for the MkDocs plugin and the command line alike.

One order, written once: the tree; its case studies, replayed through it;
the site's docs, which must leave the generated addresses free; the fit of
tree and site; and the permanent-link lock, held against every page the
tree, its cases and the docs publish. A later step runs only when it can
mean something: the cases need a sound tree, the lock needs the case pages.
The plugin's options say which optional parts the site has (options.py),
and so which addresses it publishes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..site.fit import shadowed_files, site_problems
from ..site.layout import SiteLayout
from ..site.permalinks import Redirect, check_permalinks
from ..site.urls import Parts
from ..tree.cases import Case, load_cases
from ..tree.checks import check_file
from ..tree.loader import display_name
from ..tree.model import Tree
from ..tree.problems import Problem, TreeInvalid
from .options import PluginOptions, site_parts


@dataclass(frozen=True)
class Inputs:
    """A sound tree and its cases, with what would break only the site, for the caller to weigh."""

    tree: Tree
    cases: list[Case]
    layout: SiteLayout
    parts: Parts  # the optional parts switched on, and the pages the site writes itself
    site_problems: list[Problem]  # a factor page missing or out of nav, a link to a page the tree lost
    lock_problems: list[Problem]  # URLs the site would break, or publishes unlocked
    redirects: list[Redirect]  # the moves the lock declares, for the build to write

    @property
    def case_ids(self) -> list[str]:
        return [case.id for case in self.cases]


def load_inputs(tree_file: str | os.PathLike[str], layout: SiteLayout, options: PluginOptions | None = None) -> Inputs:
    """The checked inputs; TreeInvalid with every problem that stops a build (tree, cases, hidden pages).

    `options` are the plugin's (None: every default), which switch optional parts off.
    """
    parts = site_parts(options, tree_file, layout)
    tree = check_file(tree_file, display_name(tree_file))
    try:
        cases = load_cases(tree_file, tree)
    except TreeInvalid as invalid:
        raise TreeInvalid([*invalid.problems, *shadowed_files(tree, [], layout, parts)]) from None
    shadowed = shadowed_files(tree, [case.id for case in cases], layout, parts)
    if shadowed:
        raise TreeInvalid(shadowed)
    links = check_permalinks(tree_file, tree, [case.id for case in cases], layout, parts)
    return Inputs(tree, cases, layout, parts, site_problems(tree, layout), links.problems, links.redirects)
