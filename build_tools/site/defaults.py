"""The pages a site may lack, which the build then writes: the home page and the page that hosts the questionnaire.

A site needs only its mkdocs.yml, the tree and the pages its factors name.
Without a page to host it, the questionnaire would be nowhere, and without a
home page the site's own address would answer "not found". So where the docs
folder has no page at one of these addresses (urls.Parts.defaults), the build
writes a plain one from a template. A page the site writes itself is never
replaced: it is what the site wants to say there.
"""

from __future__ import annotations

from typing import Any

from ..tree.model import Tree
from .contexts import Context
from .templating import render
from .urls import HOME, QUESTIONNAIRE, Parts
from .wording import WORDING

TEMPLATES = {HOME: "home.md.j2", QUESTIONNAIRE: "questionnaire.md.j2"}
TITLES = {HOME: "Home", QUESTIONNAIRE: WORDING["answer_the_questions"]}  # in the navigation, where the site has one


def render_default_pages(tree: Tree, parts: Parts, *, directory_urls: bool) -> dict[str, str]:
    """`{source path: Markdown}` of the default pages the site needs: none for a site that writes both itself."""
    return {uri: render(TEMPLATES[uri], Context(uri, tree, directory_urls), parts) for uri in parts.defaults}


def default_nav_entries(parts: Parts, listed: frozenset[str] | None) -> list[Any]:
    """Navigation entries for the default pages that the site's `nav` (its pages: `listed`) does not name."""
    return [{TITLES[uri]: uri} for uri in parts.defaults if listed is not None and uri not in listed]
