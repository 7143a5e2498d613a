"""MkDocs hook: the decision tree becomes pages of the site.

- `on_config` points the build at a staging folder beside `site_dir`, and
  `on_post_build` swaps it in only if the build succeeded (strict warnings
  included); `on_build_error` removes it. A failed build of any kind leaves
  the last good site as it was (see build_tools/staging.py).
- `on_post_build` also gives every page a Content-Security-Policy that allows
  Material's inline scripts by hash (see build_tools/csp.py).
- `on_pre_build` loads, validates and renders the tree. An invalid tree stops the
  build with one PluginError listing every problem as FILE:LINE:COL.
- `on_files` adds one generated page per node plus the overview and the
  recommendations index, and splices their navigation section into the `nav`
  entry that names `tree/index.md`.
- `on_serve` watches the tree file, wherever it is, so `mkdocs serve` rebuilds
  and reloads the browser when it changes.
- `on_env` and `on_page_content` keep page titles HTML for Material's
  templates (see build_tools/text.py and overrides/main.html).
- `on_page_markdown` adds to each factor's hand-written page the questions that
  ask about it and the recommendations it grounds, so those links never go stale.

The tree file is `extra.decision_tree` in mkdocs.yml, relative to that file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from build_tools.csp import protect_site
from build_tools.diagram import DiagramError, draw_svg
from build_tools.model import Tree
from build_tools.navigation import splice_nav
from build_tools.problems import TreeInvalid
from build_tools.render import RenderedSite, factor_links, render_site
from build_tools.sitelayout import SiteLayout
from build_tools.staging import StagedSite
from build_tools.text import title_text
from build_tools.validate import check_file, site_problems

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.escalation_guide")

_tree: Tree | None = None
_site: RenderedSite | None = None
_staged: StagedSite | None = None
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    # The development server injects an inline live-reload script into every page it
    # serves, which a hash cannot allow (it changes per server); so no policy there.
    global _serving
    _serving = command == "serve"


@event_priority(100)  # first, so every other plugin writes into the staging folder
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _staged
    if _staged is not None:
        _staged.discard()
    _staged = StagedSite(config.site_dir, strict=config.strict)
    config.site_dir = str(_staged.folder)
    return config


@event_priority(-100)  # last, once every plugin has written its files
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _serving:
        protect_site(Path(config.site_dir))
    global _staged
    if _staged is None:
        return
    staged, _staged = _staged, None
    config.site_dir = str(staged.target)
    if not staged.publish():
        staged.discard()  # strict mode fails this build next; the last good site stays
        log.info("kept the previous site in %s: this build is about to fail in strict mode", staged.target)


def on_build_error(*, error: Exception) -> None:
    global _staged
    if _staged is not None:
        _staged.discard()
        _staged = None


def tree_path(config: MkDocsConfig) -> Path:
    configured = config.extra.get("decision_tree", "decision_tree/escalation.yaml")
    return Path(config.config_file_path).parent / configured


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Checked before MkDocs reads any page, so a broken tree fails fast, with every problem at once.
    global _tree, _site
    _tree, _site = None, None
    path = tree_path(config)
    try:
        tree = check_file(path)
        # What breaks only the site (a page left out of nav, a link to a page the tree lost) is a
        # warning, as MkDocs' own are: --strict fails on it, a draft build goes on.
        for problem in site_problems(tree, SiteLayout.from_nav(config.docs_dir, config.nav)):
            log.warning(problem.format())
        _site = render_site(tree, use_directory_urls=config.use_directory_urls, draw=draw_svg)
    except TreeInvalid as invalid:
        count = len(invalid.problems)
        raise PluginError(
            f"the decision tree has {count} problem{'s' * (count != 1)}; fix them and build again:\n{invalid.report()}"
        ) from None
    except DiagramError as err:
        raise PluginError(str(err)) from None
    _tree = tree
    log.debug("rendered %d pages from %s", len(_site.pages), path)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _site is not None, "on_pre_build runs first"
    for uri, text in {**_site.pages, **_site.assets}.items():
        files.append(File.generated(config, uri, content=text))
    if config.nav is not None:
        config.nav = splice_nav(config.nav, _site.nav)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["title_text"] = title_text  # used by overrides/main.html
    return env


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A page title is HTML to MkDocs and Material (see build_tools/text.py). Marking
    # it so stops Jinja's `e` filter from escaping it a second time, as Material's
    # footer would in its aria-labels. All pages are rendered before any template.
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = Markup(page.title)
    return html


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _tree is None:
        return markdown
    for factor in _tree.factors.values():
        if page.file.src_uri == factor.page:
            return markdown + factor_links(_tree, factor)
    return markdown


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # mkdocs.yml watches decision_tree/; this also covers a tree named by ESCALATION_TREE.
    server.watch(str(tree_path(config)))
    return server
