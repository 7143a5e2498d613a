"""Model -> everything the site generates: pages, their navigation and the questionnaire's data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..classroom.embed import embed_page
from ..classroom.trainers import render_handout, render_linking_page
from ..site.navigation import navigation_section
from ..site.pages import render_case_pages, render_pages
from ..site.questionnaire_data import questionnaire_data
from ..site.urls import EMBED_FILE, HANDOUT, LINKING, QUESTIONNAIRE_DATA
from ..tree.cases import Case
from ..tree.model import Tree


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]
    """`{source path: Markdown}` of every generated page."""
    nav: list[Any]
    """The generated navigation section, in mkdocs.yml's `nav` form."""
    assets: dict[str, str]
    """Other generated files, such as the questionnaire's data."""


def render_site(
    tree: Tree,
    *,
    use_directory_urls: bool = True,
    draw: Callable[[str], str] | None = None,
    cases: Sequence[Case] = (),
    site_url: str | None = None,
) -> RenderedSite:
    """Every generated file for `tree` and its case studies. `draw` turns DOT into SVG (None: no diagram).

    `site_url` lets the trainers' page and the handout print full addresses.
    """
    pages = render_pages(tree, directory_urls=use_directory_urls, draw=draw)
    pages.update(render_case_pages(tree, cases, directory_urls=use_directory_urls))
    pages[LINKING] = render_linking_page(tree, cases, directory_urls=use_directory_urls, site_url=site_url)
    pages[HANDOUT] = render_handout(tree, cases, directory_urls=use_directory_urls, site_url=site_url)
    assets = {
        QUESTIONNAIRE_DATA: questionnaire_data(tree, directory_urls=use_directory_urls),
        EMBED_FILE: embed_page(tree, directory_urls=use_directory_urls),
    }
    return RenderedSite(pages, navigation_section(tree, cases), assets)
