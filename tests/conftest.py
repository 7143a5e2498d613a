from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.loader import DEFAULT_TREE
from build_tools.model import Tree
from build_tools.validate import check_file

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def tree() -> Tree:
    """The real decision tree, which every test here expects to be sound."""
    return check_file(DEFAULT_TREE)


def build_site(site_dir: Path, *, use_directory_urls: bool = True, site_url: str | None = None) -> Path:
    """Build the real site with --strict into `site_dir`, in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(
        str(REPO / "mkdocs.yml"),
        site_dir=str(site_dir),
        use_directory_urls=use_directory_urls,
        strict=True,
        **overrides,
    )
    build(config)
    return site_dir


@pytest.fixture(scope="session", params=[True, False], ids=["directory-urls", "html-urls"])
def site(request, tmp_path_factory) -> Path:
    """The built site, once with `use_directory_urls: true` and once with false."""
    return build_site(tmp_path_factory.mktemp("site"), use_directory_urls=request.param)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> Path:
    """The site built for serving under /guide/, with directory URLs.

    Pages link relatively and work under any path; only the 404 page, which
    can be shown at any depth, needs site_url to name the sub-path.
    """
    return build_site(tmp_path_factory.mktemp("www") / "guide", site_url="http://127.0.0.1/guide/")


@pytest.fixture(scope="session")
def served_site(site_root) -> Iterator[str]:
    """The site served on 127.0.0.1 under a sub-path, as it would be behind a shared host.

    Yields the base URL, ending in a slash.
    """
    root = site_root.parent
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guide/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium, which `make test` installs."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
