"""Everything a build reads, loaded and checked once, for the MkDocs plugin and the command line alike.

One order, written once: the tree; its case studies, replayed through it;
the site's docs, which must leave the generated addresses free; the fit of
tree and site; and the permanent-link lock, held against every page the
tree, its cases and the docs publish. Only an unsound tree stops the
checks early, since the others are made against it; past that, one run
reports every problem, so an editor never fixes them in rounds.
The plugin's options say which optional parts the site has (options.py),
and so which addresses it publishes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..classroom.letters import letter_problems, letters_file
from ..site.fit import shadowed_files, site_problems
from ..site.layout import SiteLayout
from ..site.permalinks import Redirect, check_permalinks
from ..site.urls import Parts
from ..tree.cases import Case, case_ids_written, read_cases
from ..tree.checks import check_file
from ..tree.loader import display_name
from ..tree.model import Tree
from ..tree.problems import Problem, TreeInvalid, errors
from .options import PluginOptions, site_parts
from .render import shipped_addresses


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
    notes: list[Problem] = field(default_factory=list)  # old ids still written, which the build follows
    letters: dict[str, str] | None = None  # each recommendation's printed letter (letters.lock), if the site keeps one

    @property
    def case_ids(self) -> list[str]:
        return [case.id for case in self.cases]


def load_inputs(
    tree_file: str | os.PathLike[str], layout: SiteLayout, options: PluginOptions | None = None, *, lock: bool = True
) -> Inputs:
    """The checked inputs; TreeInvalid with every problem, if any stops a build (tree, cases, hidden pages).

    An unsound tree stops at once: nothing else can be checked against it. Otherwise every check runs, so
    that one run reports every problem: the cases, the docs, the fit and (with `lock`) the permanent links.
    `options` are the plugin's (None: every default), which switch optional parts off.
    """
    parts = site_parts(options, tree_file, layout)
    tree = check_file(tree_file, display_name(tree_file))
    cases, case_problems = read_cases(tree_file, tree)
    published_cases = case_ids_written(tree_file, cases) if errors(case_problems) else [c.id for c in cases]
    if published_cases is None:  # the case studies are not YAML: which pages they make is unknown, so is the lock's fit
        lock, published_cases = False, []
    # MkDocs fails with a traceback on a page that is not UTF-8, and `rename` must not half-finish on one.
    stopping = [
        *errors(case_problems),
        *shadowed_files(tree, published_cases, layout, parts, shipped=shipped_addresses(parts)),
        *layout.unreadable_pages(),
    ]
    fit = site_problems(tree, layout)
    links = check_permalinks(tree_file, tree, published_cases, layout, parts)
    letters, letter_problems_found = letter_problems(tree, tree_file, display_name(letters_file(tree_file)))
    locked = [*links.problems, *letter_problems_found]
    notes = [p for p in [*case_problems, *fit] if p.severity == "note"]
    if stopping:
        raise TreeInvalid([*stopping, *errors(fit), *(locked if lock else []), *notes])
    return Inputs(tree, cases, layout, parts, errors(fit), locked, links.redirects, notes, letters)
