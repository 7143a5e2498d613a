"""The MkDocs plugin `escalation-guide`: the decision tree becomes pages of the site.

Its options (the tree, and a switch for each optional part: embed, scorm,
handout, redirects, csp) are validated in pipeline/options.py, which the
command line shares. It hooks these events, in the order MkDocs runs them:

- `on_startup` notes whether this is `mkdocs serve`, where pages get no
  Content-Security-Policy (the server injects a live-reload script no hash
  can allow).
- `on_config` spells `site_url` as browsers do (address.py), for MkDocs'
  own canonical links and sitemap too, refusing one with a password or a
  query; refuses a theme other than Material and a missing tree, points
  the build at a staging folder beside `site_dir`; the last `on_post_build`
  swaps it in only if the build succeeded (strict warnings included) and
  `on_build_error` removes it, so a failed build leaves the last good site as
  it was (see staging.py). It adds what the site need not list: the shipped
  scripts, styles and theme templates, the Markdown extensions the pages are
  written for, and (with the policy on) Material's web fonts turned off.
- `on_pre_build` loads, checks and renders the tree, with the parts switched
  on and a default home and questionnaire page where the site has none. An
  unsound tree stops the build with one PluginError listing every problem as
  FILE:LINE:COL; what breaks only the site (a factor page left out of `nav`,
  a link to a page the tree lost) is logged as a warning, as MkDocs' own are.
- `on_files` adds the generated pages, the questionnaire's data, the embed
  page and the SCORM package (scorm.py), and splices their navigation into
  the `nav` entry that names `tree/index.md`, or makes a `nav` for a site
  that has none (navigation.py).
- `on_page_markdown` adds to each factor's page the questions that ask
  about it and the recommendations it grounds.
- `on_page_content` and `on_env` keep page titles HTML for Material's
  templates (see text.py and site/theme/main.html).
- `on_serve` watches the tree file, wherever it is.
- `on_pre_build` also holds the site to the permalinks.lock beside the tree,
  and `on_post_build` writes a redirect page at each URL that moved (permalinks.py).
- `on_post_build` writes the Content-Security-Policy into every page, and
  refuses a page with inline code the project does not ship (inline_scripts.py).

The logic lives in the library modules; this file is only the glue.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key

from ..files.staging import StagedSite
from ..pipeline.inputs import load_inputs
from ..pipeline.options import PluginOptions, missing_tree, tree_file
from ..pipeline.render import RenderedSite, render_site, scorm_files, shipped_files
from ..site import assets
from ..site.address import AddressRefused, public_address, site_address
from ..site.diagram import DiagramError, draw_svg
from ..site.inline_scripts import ScriptsRefused, check_site, protect_site
from ..site.known_scripts import known_scripts
from ..site.layout import SiteLayout, follow_moved_links
from ..site.navigation import nav_of_pages, site_nav
from ..site.pages import factor_links
from ..site.permalinks import Redirect, write_redirects
from ..site.text import title_text
from ..site.urls import HANDOUT, HANDOUT_FACILITATOR, LINKING, moved_pages
from ..tree.model import Factor, Tree
from ..tree.problems import TreeInvalid
from .serving import refuse_a_busy_port

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)
NOT_IN_NAV, UNSET = InclusionLevel.NOT_IN_NAV, InclusionLevel.UNDEFINED

TAKEAWAY_PAGES = (HANDOUT, HANDOUT_FACILITATOR, LINKING)
NO_PUBLIC_ADDRESS = (
    "no public address (site_url: %s), so the SCORM package, the handout and the embed snippet leave out links "
    "to the full guide. To build for publishing, set site_url to the guide's public address: in this project, "
    "make build SITE_URL=https://guide.example.org/"
)


class EscalationGuidePlugin(BasePlugin[PluginOptions]):
    # The options, and the refusal of any option the plugin does not know, are in pipeline/options.py.

    def __init__(self) -> None:
        self.serving = False
        self.port_checked = False
        self.tree_file = Path()
        self.tree: Tree | None = None
        self.site: RenderedSite | None = None
        self.layout: SiteLayout | None = None
        self.staged: StagedSite | None = None
        self.redirects: list[Redirect] = []
        self.public_url: str | None = None  # site_url, unless only this machine or network can reach it
        self.factor_pages: dict[str, Factor] = {}  # by source path: each factor's hand-written page
        self.moved: dict[str, tuple[str, str, str]] = {}  # the pages of former ids (urls.moved_pages)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.port_checked = False

    @event_priority(100)  # first, so every other plugin writes into the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        where = Path(config.config_file_path or "mkdocs.yml")
        if self.serving and not self.port_checked:
            self.port_checked = True  # once: the rebuilds that follow run while the server holds the port
            refuse_a_busy_port(config.dev_addr.host, config.dev_addr.port)
        try:  # once, before anything is written: every page, the sitemap and the takeaways print this spelling
            config.site_url = site_address(config.site_url)
        except AddressRefused as refused:
            if not self.serving:  # `mkdocs serve` puts its own address there, such as http://::1:8000/
                raise PluginError(f"{where}: {refused}") from None
        if config.theme.name != "material":
            raise PluginError(
                f"the escalation-guide plugin builds on Material for MkDocs, but {where.name} names the theme "
                f"'{config.theme.name}': set `theme: {{name: material}}` in {where}"
            )
        self.tree_file = tree_file(self.config, where)
        if not self.tree_file.is_file():
            raise PluginError(missing_tree(where))
        if self.staged is not None:
            self.staged.discard()
        try:
            self.staged = StagedSite(config.site_dir, strict=config.strict)
        except OSError as err:
            raise PluginError(
                f"cannot build the site into {config.site_dir}: {err.strerror}. "
                "Choose a site_dir (or -d folder) where you can create folders"
            ) from None
        config.site_dir = str(self.staged.folder)
        # The questionnaire's scripts and styles, and the theme templates that keep titles text,
        # ship in the package (site/assets.py): the site lists none of them itself.
        config.extra_css[:0] = [uri for uri in assets.STYLESHEETS if uri not in config.extra_css]
        config.extra_javascript[:0] = [uri for uri in assets.SCRIPTS if uri not in map(str, config.extra_javascript)]
        config.theme.dirs = assets.theme_dirs(config.theme.dirs, custom_dir=config.theme.custom_dir)
        config.markdown_extensions = assets.with_markdown_extensions(config.markdown_extensions)
        if self.config.csp.enabled and config.theme["font"] is not False:
            # Material loads its web fonts, and an inline style naming them, from Google: the policy allows neither.
            config.theme["font"] = False
            log.info("Material's web fonts are turned off: the Content-Security-Policy (csp) allows no other host")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.tree, self.site = None, None
        try:
            self.layout = SiteLayout.of_config(config)
            inputs = load_inputs(self.tree_file, self.layout, self.config)
            for problem in [*inputs.site_problems, *inputs.lock_problems]:
                log.warning(problem.format())
            tree = inputs.tree
            self.public_url = public_address(config.site_url)
            if self.public_url is None and (inputs.parts.scorm or inputs.parts.handout or inputs.parts.embed):
                log.info(NO_PUBLIC_ADDRESS, config.site_url or "not set")
            self.site = render_site(
                tree,
                use_directory_urls=config.use_directory_urls,
                draw=draw_svg,
                cases=inputs.cases,
                site_url=self.public_url,
                parts=inputs.parts,
                letters=inputs.letters,
            )
        except TreeInvalid as invalid:
            raise PluginError(
                f"{invalid.summary()} in the tree, its case studies, the docs or the lock stop the build; "
                f"fix them and build again:\n{invalid.report()}"
            ) from None
        except DiagramError as err:
            raise PluginError(str(err)) from None
        self.tree, self.redirects = tree, inputs.redirects
        self.factor_pages = {factor.page: factor for factor in tree.factors.values()}
        self.moved = moved_pages(tree)
        for note in inputs.notes:
            log.info(note.format())
        log.debug("rendered %d pages from %s", len(self.site.pages), self.tree_file)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.tree is not None and self.layout is not None, "on_pre_build runs first"
        # The facilitators' handout is linked from the learners' and the trainers' page, not listed in the nav.
        made = [
            File.generated(config, uri, content=text, inclusion=NOT_IN_NAV if uri == HANDOUT_FACILITATOR else UNSET)
            for uri, text in {**self.site.pages, **self.site.assets}.items()
        ]
        packaged = scorm_files(self.tree, self.site, directory_urls=config.use_directory_urls, site_url=self.public_url)
        made += [
            File.generated(config, uri, content=data) for uri, data in {**shipped_files(self.site), **packaged}.items()
        ]
        taken = assets.taken(
            files, made
        )  # a file of the site's, from docs/ or the theme's custom_dir, is never replaced
        if taken:
            raise PluginError("\n".join(taken))
        for file in made:
            files.append(file)
        if config.nav is not None:
            config.nav = site_nav(config.nav, self.site.nav, self.site.parts, self.layout.nav_pages)
        else:  # MkDocs would list the generated pages by file name; list them as a site's `nav` would
            pages = sorted(files.documentation_pages(), key=file_sort_key)
            written = [f.src_uri for f in pages if f.inclusion.is_in_nav() and f.src_uri not in self.site.pages]
            config.nav = nav_of_pages(written, self.site.nav, self.site.parts)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["title_text"] = title_text  # used by site/theme/main.html
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.tree is None or self.site is None or page.file.src_uri in self.site.pages:
            return markdown
        # A hand-written link to a node's former page goes to its page now; `check` notes where.
        markdown = follow_moved_links(
            markdown, page.file.src_uri, self.moved, self.layout.markdown if self.layout else None
        )
        factor = self.factor_pages.get(page.file.src_uri)
        return markdown + factor_links(self.tree, factor) if factor else markdown

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Trainers save and print these two: without a public address their canonical link would name
        # the machine they were built on. Every other page keeps it, for the sitemap instant navigation reads.
        if self.public_url is None and page.file.src_uri in TAKEAWAY_PAGES:
            page.canonical_url = None
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A page title is HTML to MkDocs and Material. Marking it so stops Jinja's `e` filter
        # from escaping it again, as Material's footer would in its aria-labels. Every page is
        # rendered before any template, so its neighbours' titles are marked in time.
        if page.title is not None and not isinstance(page.title, Markup):
            page.title = Markup(page.title)
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The tree may lie outside the docs folder and anything mkdocs.yml watches.
        server.watch(str(self.tree_file))
        return server

    @event_priority(-100)  # last, once every plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.tree is not None and self.config.redirects.enabled:
            write_redirects(
                Path(config.site_dir),
                self.redirects,
                self.tree,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url,
            )
        if self.config.csp.enabled:
            self._protect(config)
        staged, self.staged = self.staged, None
        if staged is None:
            return
        config.site_dir = str(staged.target)
        if not staged.publish():
            staged.discard()  # strict mode fails this build next; the last good site stays
            log.info("kept the previous site in %s: this build is about to fail in strict mode", staged.target)

    def _protect(self, config: MkDocsConfig) -> None:
        """The Content-Security-Policy into every page; a page with inline code the project does not ship stops the build."""
        site = Path(config.site_dir)
        shown = self.staged.target if self.staged is not None else site
        known = known_scripts(config.theme.dirs)
        try:
            if self.serving:  # no policy: the server injects a live-reload script that no hash can allow
                check_site(site, known, docs_dir=Path(config.docs_dir), shown_as=shown)
            else:
                protect_site(site, known, docs_dir=Path(config.docs_dir), shown_as=shown)
        except ScriptsRefused as refused:
            if not self.serving:
                kept = f"the previous site in {shown} is left as it was" if shown.exists() else "no site was written"
                raise PluginError(f"{refused}\nThe build stops here: {kept}.") from None
            log.warning("%s", refused)  # mkdocs serve goes on serving; a build refuses these pages

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.discard()
            self.staged = None
