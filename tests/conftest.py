from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from build_tools.tree.checks import check_file
from build_tools.tree.model import Tree

from .browsing import CHROMIUM, CHROMIUM_ARGS, Crawl, crawl, serving
from .repository import DEFAULT_TREE, ROOT

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

pytest_plugins = ("tests.projects",)  # the `project` fixture: a copy of the project to edit

# Hypothesis's profiles: `full` in `make test`, and a few examples per property in `make test-fast`'s edit loop
# (HYPOTHESIS_PROFILE=fast). A test that sets its own number asks `examples()` for it, so both profiles hold.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "full")
FAST_EXAMPLES = 5
settings.register_profile("full", deadline=None)
settings.register_profile("fast", max_examples=FAST_EXAMPLES, deadline=None)
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """How many examples a property test draws: `full`, or a few under the fast profile."""
    return min(full, FAST_EXAMPLES) if PROFILE == "fast" else full


@pytest.fixture(scope="session")
def tree() -> Tree:
    """The real decision tree, which every test here expects to be sound."""
    return check_file(DEFAULT_TREE)


def build_site(
    site_dir: Path,
    *,
    use_directory_urls: bool = True,
    site_url: str | None = None,
    tree: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Path:
    """Build the real site with --strict into `site_dir`, in this process; `tree` replaces the real tree.

    `environ` is set while mkdocs.yml loads, as `make build SITE_URL=...` would set SITE_URL.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    # mkdocs.yml reads the tree's path from ESCALATION_TREE, and its address from SITE_URL, when it loads.
    environ = {**(environ or {}), **({"ESCALATION_TREE": str(tree)} if tree is not None else {})}
    saved = {name: os.environ.get(name) for name in environ}
    os.environ.update(environ)
    try:
        config = load_config(
            str(ROOT / "mkdocs.yml"),
            site_dir=str(site_dir),
            use_directory_urls=use_directory_urls,
            strict=True,
            **overrides,
        )
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    build(config)
    return site_dir


DEFAULT_ADDRESS = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url without SITE_URL: `mkdocs serve`'s own
PUBLISHED = "https://guide.example.org/escalation/"  # as `make build SITE_URL=...` publishes it
# The same address as an editor may type it: the build writes it as PUBLISHED, the way browsers spell it.
PUBLISHED_AS_TYPED = "https://Guide.Example.ORG:443/escalation"


@pytest.fixture(scope="session", params=[True, False], ids=["directory-urls", "html-urls"])
def site(request, tmp_path_factory) -> Path:
    """The built site, once with `use_directory_urls: true` and the default address, once with false, published.

    The second is built as for publishing, with SITE_URL set, spelt as typed (site_address() tells which is which).
    """
    environ = {} if request.param else {"SITE_URL": PUBLISHED_AS_TYPED}
    return build_site(tmp_path_factory.mktemp("site"), use_directory_urls=request.param, environ=environ)


def site_address(site: Path) -> str:
    """The address a built site was given (its site_url): its home page's canonical link."""
    home = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]*)">', home)
    assert match, "the home page names its canonical address"
    return match.group(1).removesuffix("index.html")


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The site served on 127.0.0.1 under a sub-path, as it would be behind a shared host.

    Yields the base URL, ending in a slash, and the folder of the site. The site is built after the server
    starts so that site_url can name the real port (published()): Material's instant navigation only takes
    over links that its sitemap lists on that port.
    """
    root = tmp_path_factory.mktemp("www")
    with serving(root) as origin:
        base = origin + "guide/"
        build_site(root / "guide", site_url=published(base))
        yield base, root / "guide"


PUBLIC_HOST = "guide.example.org"


def published(url: str) -> str:
    """An address on the served site as the site names it: published under a public name, on the port it is served on.

    A site built with a loopback address leaves it out of what trainers take away (public_address), so the
    served site is built as if published. The browser still reaches it on 127.0.0.1: Material's instant
    navigation puts the page's own host on the addresses its sitemap lists, and keeps their port.
    """
    return url.replace("//127.0.0.1:", f"//{PUBLIC_HOST}:", 1)


def reached(url: str) -> str:
    """An address the served site names (published()), where the tests reach it."""
    return url.replace(f"//{PUBLIC_HOST}:", "//127.0.0.1:")


@pytest.fixture(scope="session")
def served_site(served) -> str:
    """The base URL of the served site, ending in a slash."""
    return served[0]


@pytest.fixture(scope="session")
def site_root(served) -> Path:
    """The folder the served site comes from."""
    return served[1]


@pytest.fixture(scope="session")
def crawled(browser, served) -> Crawl:
    """Every page of the served site, visited once for all the tests that look at every page."""
    return crawl(browser, *served)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium, which `make test` installs."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# Markers, declared in pyproject.toml; `make test-fast` runs `pytest -m "not browser and not slow"`.
# A test is `browser` when it uses pytest-playwright (the project's browser fixtures all stand on its
# `browser` or `page`), and `slow` when it uses the session's built sites (`site`, `served`); any other test
# that builds a site, walks a very deep tree or runs `make` says @pytest.mark.slow itself.
BROWSER_FIXTURES = frozenset(
    {"playwright", "browser_type", "launch_browser", "browser", "new_context", "context", "page"}
)
SITE_FIXTURES = frozenset({"site", "served"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SITE_FIXTURES:
            item.add_marker(pytest.mark.slow)
