"""Does the tree fit the site? Checks of what the URL scheme, the docs folder and the navigation need.

A tree can be sound as a graph and still break the site: an id may name a
page the scheme reserves, a factor page may be missing, left out of `nav` or
lie among the generated pages, and a hand-written page may link to a page
the tree no longer generates. These are reported like every other problem,
each at its line. A link to the page of an id that a node replaced
(`former_ids`) is only noted: the build follows it (layout.follow_moved_links).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from ..tree.loader import display_name
from ..tree.model import Key, Tree
from ..tree.problems import Loc, Problem, Suggestions, former_id_note
from .layout import SiteLayout, is_page
from .urls import (
    EMBED_FILE,
    EMBED_PAGE,
    EVERY_PART,
    GENERATED,
    HANDOUT_STYLES,
    QUESTIONNAIRE_DATA,
    QUESTIONNAIRE_SETTING,
    SCORM_PACKAGE,
    Parts,
    generated_pages,
    moved_pages,
    page_url,
)


def _generated_factor_pages(tree: Tree) -> list[Problem]:
    return _factor_pages(
        tree,
        lambda page: page.startswith(GENERATED),
        f"but the pages under '{GENERATED}' are generated from the tree: put the factor's page elsewhere, such as factors/",
    )


def site_problems(tree: Tree, site: SiteLayout) -> list[Problem]:
    """What would break the site build although the tree itself is sound."""
    problems = _generated_factor_pages(tree)
    problems += _factor_pages(
        tree,
        lambda page: page not in site.docs_files,
        f"which is not in {site.docs_dir}, or MkDocs leaves it out (a dotfile, templates/ or exclude_docs): "
        "write that page or correct the path (it is relative to the docs folder)",
    )
    if site.nav_pages is not None:
        listed = site.nav_pages
        problems += _factor_pages(
            tree,
            lambda page: page in site.docs_files and page not in listed,
            "which the site's navigation (nav in mkdocs.yml) does not list: add it there, beside the other factors",
        )
    generated = {uri for uri in generated_pages(tree, ()) if uri.startswith(GENERATED)}
    pages = Suggestions(generated)
    moved = moved_pages(tree)
    for loc, target in site.links_included_into_generated_pages():
        if target in moved:  # the build rewrites the page's own links only
            _, old, new = moved[target]
            problems.append(
                Problem(
                    loc,
                    f"a file this page includes links to '{target}', the page of '{old}', which is now '{new}': the "
                    f"build cannot follow a link in an included file, nor `rename` rewrite it, so write '{new}' there",
                )
            )
        elif target not in generated:
            problems.append(
                Problem(
                    loc,
                    f"a file this page includes links to '{target}', a page the tree does not generate"
                    f"{pages.hint(target)}: correct the link in that file",
                )
            )
    for loc, target in site.links_into_generated_pages():
        if target in moved:  # the build follows it to the page that replaced it (follow_moved_links)
            _, old, new = moved[target]
            problems.append(former_id_note(loc, f"the link to '{target}'", old, new))
        elif target not in generated:
            problems.append(
                Problem(
                    loc, f"links to '{target}', a page the tree does not generate{pages.hint(target)}: correct the link"
                )
            )
    return problems


def _factor_pages(tree: Tree, wrong: Callable[[str], bool], why: str) -> list[Problem]:
    return [
        Problem(factor.where.of(Key.PAGE), f"factor '{factor.id}' names the page '{factor.page}', {why}")
        for factor in tree.factors.values()
        if wrong(factor.page)
    ]


_OWN_NAME = {
    "css": ", such as stylesheets/site.css, and list that under extra_css in mkdocs.yml",
    "js": ", such as javascripts/site.js, and list that under extra_javascript in mkdocs.yml",
}


def shadowed_files(
    tree: Tree, case_ids: Sequence[str], site: SiteLayout, parts: Parts = EVERY_PART, *, shipped: Collection[str] = ()
) -> list[Problem]:
    """Hand-written files at the address of a generated or shipped one, which MkDocs would silently replace.

    Compared by address, not by name: `linking/index.md` and `linking.md` are both /linking/.
    A part switched off leaves its address to the site. `shipped` are the plugin's own scripts and styles
    (pipeline/render.shipped_addresses): a site's `assets/stylesheets/extra.css` would lose to the plugin's.
    """
    embed = [EMBED_PAGE] if parts.embed else []
    made = {page_url(uri, True): uri for uri in [*generated_pages(tree, case_ids, parts), *embed]}
    settings = [QUESTIONNAIRE_SETTING.format(id=setting) for setting in tree.settings]
    assets = {
        QUESTIONNAIRE_DATA,
        *settings,
        *([EMBED_FILE] if parts.embed else []),
        *([SCORM_PACKAGE] if parts.scorm else []),
        *([HANDOUT_STYLES.format(edition=edition) for edition in ("learner", "facilitator")] if parts.handout else []),
    }
    own = set(shipped)
    problems = []
    for uri in site.docs_files:
        if uri in own:
            problems.append(
                Problem(
                    Loc(display_name(site.docs_dir / uri), 1, 1),
                    f"this file is at the address of the plugin's own {uri}, which the build ships and would put "
                    f"in its place: give your file another name{_OWN_NAME.get(uri.rpartition('.')[2], '')}",
                )
            )
            continue
        generated = uri if uri in assets else made.get(page_url(uri, True)) if is_page(uri) else None
        if generated is not None:
            problems.append(
                Problem(
                    Loc(display_name(site.docs_dir / uri), 1, 1),
                    f"this file is at the address of {generated}, which the build generates from the tree "
                    "and would put in its place: move the file elsewhere, or delete it",
                )
            )
    return problems
