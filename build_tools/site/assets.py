"""What the plugin adds to a site besides pages: its scripts, its styles, two theme templates, and Markdown extensions.

A site that installs the plugin lists none of them in its mkdocs.yml and
copies nothing into its docs: the plugin adds each file to the build
(`File.generated`) and to `extra_css`/`extra_javascript`, and puts
`theme/` between the site's own `custom_dir` and Material's templates, so
a site can still override what the plugin overrides. The generated pages
are written with three of Python-Markdown's own extensions, which the
plugin turns on where the site has not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.structure.files import File

from .palette import embed_palette
from .urls import QUESTIONNAIRE_DATA

ASSETS = Path(__file__).parent / "assets"  # each file's site address is its path under here, after "assets/"
THEME = Path(__file__).parent / "theme"  # main.html (safe <title>), partials/search.html (a named dialog)

# On every page, in this order, before any the site lists itself.
STYLESHEETS = ("assets/stylesheets/extra.css", "assets/stylesheets/questionnaire.css")
PRINT_BUTTON = "assets/javascripts/print.js"  # the handout's; not in the embed page or the SCORM package
SCRIPTS = (QUESTIONNAIRE_DATA, "assets/javascripts/questionnaire.js", "assets/javascripts/copy.js", PRINT_BUTTON)
# `!!! warning` boxes, `{ data-option-id=... }` on links, and Markdown inside the pages' <div markdown> blocks.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html")


# Material's colour variables, for the embed page, which runs without Material's stylesheet (palette.py).
EMBED_PALETTE = "assets/stylesheets/embed-palette.css"


# The sources explain themselves in comments, which readers need not download: the questionnaire's
# script and styles are a third smaller gzipped without them (benchmarks/questionnaire.py).
# rjsmin and rcssmin only drop comments and spaces, so the shipped code is the code ESLint and the tests read.
_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified(name: str, text: str) -> str:
    """A script or stylesheet without its comments and spare spaces, by its file name's suffix."""
    minify = _MINIFIERS.get(Path(name).suffix)
    return minify(text) if minify else text


def shipped_addresses() -> list[str]:
    """The address of every shipped asset, without reading them: what a site's own file must not stand at."""
    return sorted(
        {
            *("assets/" + path.relative_to(ASSETS).as_posix() for path in ASSETS.rglob("*") if path.is_file()),
            EMBED_PALETTE,
        }
    )


@cache
def shipped() -> dict[str, bytes]:
    """Every shipped asset by its address in the site, such as `assets/javascripts/questionnaire.js`, minified.

    All are files in the package but the embed page's palette, which is made from the installed Material's.
    """
    sources = {
        "assets/" + path.relative_to(ASSETS).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(ASSETS.rglob("*"))
        if path.is_file()
    }
    files = {uri: minified(uri, text).encode("utf-8") for uri, text in sources.items()}
    # Made of declarations copied from Material's own minified stylesheets, exactly as they are there.
    files[EMBED_PALETTE] = embed_palette([text for uri, text in sources.items() if uri.endswith(".css")]).encode(
        "utf-8"
    )
    return files


def taken(files: Iterable[File], made: Iterable[File]) -> list[str]:
    """Why each file the plugin makes would replace one of the site's (docs/ or the theme's `custom_dir`): MkDocs
    lets the later file win without a word, so the build stops and names the site's file instead."""
    site = {file.dest_uri: file for file in files}
    return [
        f"{site[file.dest_uri].abs_src_path or site[file.dest_uri].src_uri}: this file is at the address of the "
        f"plugin's own {file.dest_uri}, which the build would put in its place: give your file another name"
        for file in made
        if file.dest_uri in site
    ]


def theme_dirs(dirs: Sequence[str | Path], *, custom_dir: str | Path | None) -> list[str]:
    """A theme's template folders with the plugin's inserted after the site's `custom_dir`, before the theme's own."""
    folders = [str(d) for d in dirs if Path(d) != THEME]
    folders.insert(1 if custom_dir else 0, str(THEME))
    return folders


def with_markdown_extensions(names: Sequence[str]) -> list[str]:
    """A site's Markdown extensions, by name, with those the generated pages are written for added at the end."""
    have = {name.removeprefix("markdown.extensions.") for name in names}
    return [*names, *(name for name in MARKDOWN_EXTENSIONS if name not in have)]
