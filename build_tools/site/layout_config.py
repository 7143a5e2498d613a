"""The site an mkdocs.yml describes, read as MkDocs reads it, for the command line (the plugin has MkDocs' own).

Each setting that decides what the site publishes and how its pages read goes through MkDocs' own option
(`PathSpec`, `MarkdownExtensions`), so that `check` holds the tree to the site the build makes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..tree.problems import Loc, Problem
from .assets import with_markdown_extensions
from .layout import Publishing, SiteLayout
from .mdlinks import BUILTIN_EXTENSIONS, MarkdownOptions


def site_config(config_file: Path) -> dict[str, Any]:
    """An mkdocs.yml read as MkDocs reads it (its !ENV tags included), for the command line; {} if it holds no
    mapping. OSError, or the YAML loader's own error, if it cannot be read: each caller says what that means."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    return config if isinstance(config, dict) else {}


def layout_of_config(config_file: Path) -> tuple[SiteLayout | None, list[Problem]]:
    """The layout an mkdocs.yml describes."""
    try:
        config = site_config(config_file)
    except OSError as err:
        what = (
            "; run the command in the site's folder, beside its mkdocs.yml, or name that file with --config"
            if isinstance(err, FileNotFoundError)
            else ""
        )
        return None, [Problem(Loc(str(config_file), 1, 1), f"cannot read the site configuration: {err.strerror}{what}")]
    except Exception as err:  # the YAML loader's own errors; MkDocs reports them the same way
        return None, [Problem(Loc(str(config_file), 1, 1), f"cannot read the site configuration: {err}")]
    docs_dir = config_file.parent / str(config.get("docs_dir", "docs"))
    publishing, problems = _publishing(config, config_file)
    markdown, more = _markdown(config, config_file)
    directory_urls = config.get("use_directory_urls", True) is not False
    return SiteLayout.from_nav(docs_dir, config.get("nav"), directory_urls, publishing, markdown), problems + more


def _markdown(config: dict[str, Any], config_file: Path) -> tuple[MarkdownOptions, list[Problem]]:
    """The Markdown extensions the build renders pages with: the site's, read by MkDocs' own option, and the
    plugin's (assets.with_markdown_extensions), so that `check` reads links as the build does."""
    from mkdocs.config import base
    from mkdocs.config import config_options as c

    class Rendering(base.Config):
        markdown_extensions = c.MarkdownExtensions(builtins=list(BUILTIN_EXTENSIONS), configkey="mdx_configs")
        mdx_configs = c.Private[dict]()

    read = Rendering(config_file_path=str(config_file))
    read.load_dict({"markdown_extensions": config.get("markdown_extensions") or []})
    failed, _ = read.validate()
    if failed:
        problems = [Problem(Loc(str(config_file), 1, 1), f"the option 'markdown_extensions': {e}") for _, e in failed]
        return MarkdownOptions(), problems
    names = with_markdown_extensions(read.markdown_extensions)
    return MarkdownOptions(tuple(names), read.mdx_configs or {}), []


def _publishing(config: dict[str, Any], config_file: Path) -> tuple[Publishing, list[Problem]]:
    """`exclude_docs`, `draft_docs` and `not_in_nav`, read by MkDocs' own option, as the build reads them."""
    from mkdocs.config import config_options as c

    specs: dict[str, Any] = {}
    problems = []
    for name in ("exclude_docs", "draft_docs", "not_in_nav"):
        try:
            specs[name] = c.Optional(c.PathSpec()).validate(config.get(name))
        except c.ValidationError as err:
            problems.append(Problem(Loc(str(config_file), 1, 1), f"the option '{name}': {err}"))
    return Publishing(**specs), problems
