from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, serving
from build_tools.model import Tree
from build_tools.project import DEFAULT_TREE, ROOT
from build_tools.validate import check_file

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def tree() -> Tree:
    """The real decision tree, which every test here expects to be sound."""
    return check_file(DEFAULT_TREE)


def build_site(
    site_dir: Path, *, use_directory_urls: bool = True, site_url: str | None = None, tree: Path | None = None
) -> Path:
    """Build the real site with --strict into `site_dir`, in this process; `tree` replaces the real tree."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    # mkdocs.yml reads the tree's path from ESCALATION_TREE when it loads.
    saved = os.environ.get("ESCALATION_TREE")
    if tree is not None:
        os.environ["ESCALATION_TREE"] = str(tree)
    try:
        config = load_config(
            str(ROOT / "mkdocs.yml"),
            site_dir=str(site_dir),
            use_directory_urls=use_directory_urls,
            strict=True,
            **overrides,
        )
    finally:
        if saved is None:
            os.environ.pop("ESCALATION_TREE", None)
        else:
            os.environ["ESCALATION_TREE"] = saved
    build(config)
    return site_dir


@pytest.fixture(scope="session", params=[True, False], ids=["directory-urls", "html-urls"])
def site(request, tmp_path_factory) -> Path:
    """The built site, once with `use_directory_urls: true` and once with false."""
    return build_site(tmp_path_factory.mktemp("site"), use_directory_urls=request.param)


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The site served on 127.0.0.1 under a sub-path, as it would be behind a shared host.

    Yields the base URL, ending in a slash, and the folder of the site. The site is built after the server
    starts so that site_url can name the real address: Material's instant
    navigation only takes over links that its sitemap lists under site_url.
    """
    root = tmp_path_factory.mktemp("www")
    with serving(root) as origin:
        base = origin + "guide/"
        build_site(root / "guide", site_url=base)
        yield base, root / "guide"


@pytest.fixture(scope="session")
def served_site(served) -> str:
    """The base URL of the served site, ending in a slash."""
    return served[0]


@pytest.fixture(scope="session")
def site_root(served) -> Path:
    """The folder the served site comes from."""
    return served[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium, which `make test` installs."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
