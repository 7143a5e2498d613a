"""Benchmark: what the plugin costs a site build, and how the build grows with the tree.

Run with `python -m benchmarks site` (or `make bench`). The plugin's cost
is measured against the same site with its pages written out as plain
Markdown and the plugin removed, both built alternately in one process so that
caches and imports favour neither.
"""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from build_tools.diagram import draw_svg
from build_tools.pages import factor_links
from build_tools.project import DEFAULT_CONFIG, DEFAULT_TREE, ROOT
from build_tools.render import render_site
from build_tools.validate import check_file

from .synthetic import synthetic_yaml


def _build(site_dir: Path, **overrides: object) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(DEFAULT_CONFIG), site_dir=str(site_dir), **overrides)
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def _plain_docs(folder: Path) -> tuple[Path, list]:
    """docs/ plus the generated pages as ordinary files, and the nav that lists them."""
    from build_tools.navigation import splice_nav

    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    tree = check_file(DEFAULT_TREE)
    site = render_site(tree, draw=draw_svg)
    for uri, text in site.pages.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    for factor in tree.factors.values():
        page = docs / factor.page
        page.write_text(page.read_text(encoding="utf-8") + factor_links(tree, factor), encoding="utf-8")
    from mkdocs.config import load_config

    nav = load_config(str(DEFAULT_CONFIG)).nav
    return docs, splice_nav(nav, site.nav)


def run(rounds: int = 7, sizes: tuple[int, ...] = (100, 500, 2_000)) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs, nav = _plain_docs(folder)
        with_plugin, plain = [], []
        for _ in range(rounds):
            with_plugin.append(_build(folder / "a"))
            plain.append(_build(folder / "b", docs_dir=str(docs), plugins=["search"], nav=nav))
        hooked, bare = statistics.median(with_plugin), statistics.median(plain)
        print(f"real site, median of {rounds} builds each, alternating, in one process:")
        print(f"  with the plugin:            {hooked:.3f} s")
        print(f"  pages as plain Markdown:    {bare:.3f} s")
        print(f"  overhead of the plugin:     {(hooked / bare - 1) * 100:+.1f}%  (ratio {hooked / bare:.3f})")
        print("synthetic trees, one build each:")
        for nodes in sizes:
            tree_file = folder / f"tree-{nodes}.yaml"
            tree_file.write_text(synthetic_yaml(nodes, factor_page="factors/relationship.md"), encoding="utf-8")
            seconds = _build(folder / f"s{nodes}", plugins=["search", {"escalation-guide": {"tree": str(tree_file)}}])
            size = sum(p.stat().st_size for p in (folder / f"s{nodes}").rglob("*") if p.is_file())
            print(f"  {nodes:>6,} nodes: {seconds:7.2f} s, {size / 1e6:7.1f} MB of output")
    return 0
