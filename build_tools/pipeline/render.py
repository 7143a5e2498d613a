"""Model -> everything the site generates: pages, their navigation, the questionnaire's data and the files it ships.

`parts` (options.py) says which optional outputs are on and which pages the
site writes itself: a part that is off is neither generated nor linked, and a
page the site lacks is written by default (site/defaults.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..classroom.embed import EMBED_ONLY, SCORM_ADAPTER, embed_page
from ..classroom.handout import render_handouts
from ..classroom.scorm import package, package_files
from ..classroom.trainers import render_linking_page
from ..site.assets import shipped
from ..site.assets import shipped_addresses as every_shipped_address
from ..site.defaults import render_default_pages
from ..site.navigation import navigation_section
from ..site.pages import render_case_pages, render_pages
from ..site.questionnaire_data import questionnaire_files
from ..site.urls import EMBED_FILE, EVERY_PART, LINKING, SCORM_PACKAGE, Parts
from ..tree.cases import Case
from ..tree.model import Tree


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]
    """`{source path: Markdown}` of every generated page."""
    nav: list[Any]
    """The generated navigation section, in mkdocs.yml's `nav` form."""
    assets: dict[str, str]
    """Other generated files, such as the questionnaire's data and each setting's text for it."""
    parts: Parts = EVERY_PART
    """The optional parts it was rendered with."""


def render_site(
    tree: Tree,
    *,
    use_directory_urls: bool = True,
    draw: Callable[[str], str] | None = None,
    cases: Sequence[Case] = (),
    site_url: str | None = None,
    parts: Parts = EVERY_PART,
    letters: Mapping[str, str] | None = None,
) -> RenderedSite:
    """Every generated file for `tree` and its case studies. `draw` turns DOT into SVG (None: no diagram).

    `site_url` lets the trainers' page and the handout print full addresses; `letters` are the
    recommendations' printed letters (classroom/letters.py), by place in the file where None.
    """
    directory_urls = use_directory_urls
    pages = render_pages(tree, directory_urls=directory_urls, draw=draw, parts=parts)
    pages.update(render_case_pages(tree, cases, directory_urls=directory_urls))
    pages[LINKING] = render_linking_page(tree, cases, directory_urls=directory_urls, site_url=site_url, parts=parts)
    assets = questionnaire_files(tree, directory_urls=directory_urls, parts=parts)  # the data, each setting's text
    if parts.handout:
        handouts, styles = render_handouts(
            tree, cases, directory_urls=directory_urls, site_url=site_url, letters=letters
        )
        pages.update(handouts)
        assets.update(styles)
    pages.update(render_default_pages(tree, parts, directory_urls=directory_urls))
    if parts.embed:
        assets[EMBED_FILE] = embed_page(tree, directory_urls=directory_urls)
    return RenderedSite(pages, navigation_section(tree, cases), assets, parts)


def shipped_files(site: RenderedSite) -> dict[str, bytes]:
    """The scripts and styles the package ships, by site address, less those only a part that is off uses."""
    used = set(shipped_addresses(site.parts))
    return {uri: data for uri, data in shipped().items() if uri in used}


def shipped_addresses(parts: Parts) -> list[str]:
    """Where the shipped scripts and styles go in the site, less those only a part that is off uses."""
    unused = {*([] if parts.embed else EMBED_ONLY), *([] if parts.scorm else [SCORM_ADAPTER])}
    return [uri for uri in every_shipped_address() if uri not in unused]


def scorm_files(tree: Tree, site: RenderedSite, *, directory_urls: bool, site_url: str | None) -> dict[str, bytes]:
    """The SCORM package by its site address, if that part is on."""
    if not site.parts.scorm:
        return {}
    bundled = package_files(tree, site.assets, directory_urls=directory_urls, site_url=site_url)
    return {SCORM_PACKAGE: package(tree, bundled)}
