"""Benchmark: what the plugin costs a site build, and how the build grows with the tree.

Run with `python -m benchmarks site` (or `make bench`). The plugin's cost
is measured against the same site with its pages written out as plain
Markdown and the plugin removed, both built alternately in one process so that
caches and imports favour neither.

Growth is measured on synthetic trees, each size built in a fresh process so
that one size's memory does not inflate the next one's peak. Per size it
prints the build's time and peak memory, what it writes, and the largest
question page with the navigation it carries; then the two ratios the build
is held to: time(20,000) / time(2,000) (at most 12 for ten times the nodes)
and question page(20,000) / question page(1,000) (at most 1.25).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_tools.pipeline.render import render_site
from build_tools.site.diagram import draw_svg
from build_tools.site.pages import factor_links
from build_tools.tree.checks import check_file
from tests.repository import DEFAULT_CONFIG, DEFAULT_TREE, ROOT
from tests.synthetic import synthetic_yaml

from .load import _cpu

SIZES = (100, 500, 1_000, 2_000, 20_000)
TIME_RATIO = (2_000, 20_000, 12.0)  # time(20,000) / time(2,000) must stay within 12
PAGE_RATIO = (1_000, 20_000, 1.25)  # and the largest question page may grow by a quarter at most


def _build(site_dir: Path, **overrides: object) -> float:
    return _timed_build(site_dir, **overrides)[0]


def _timed_build(site_dir: Path, **overrides: object) -> tuple[float, float]:
    """Build the site; the seconds it took, on the clock and of this process's CPU time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(DEFAULT_CONFIG), site_dir=str(site_dir), **overrides)
    start, cpu = time.perf_counter(), time.process_time()
    build(config)
    return time.perf_counter() - start, time.process_time() - cpu


def _plain_docs(folder: Path) -> tuple[Path, list]:
    """docs/ plus the generated pages as ordinary files, and the nav that lists them."""
    from build_tools.site.navigation import splice_nav

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


def navigation_bytes(html: str) -> int:
    """The size of a page's primary navigation, the `<nav>` element Material fills with the site's `nav`."""
    start = html.find('<nav class="md-nav md-nav--primary"')
    if start < 0:
        return 0
    depth = 0
    for tag in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html.find(">", start + tag.end()) + 1 - start
    return len(html) - start


def measure_build(nodes: int, folder: str) -> dict:
    """Build the site from a synthetic tree of about `nodes` nodes in this process; its figures.

    Meant to run in a fresh process (see `run`), so that the peak RSS is this build's own.
    """
    import resource

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    tree_file = Path(folder) / f"tree-{nodes}.yaml"
    tree_file.write_text(synthetic_yaml(nodes, factor_page="factors/relationship.md"), encoding="utf-8")
    site = Path(folder) / f"site-{nodes}"
    seconds, cpu = _timed_build(site, plugins=["search", {"escalation-guide": {"tree": str(tree_file)}}])
    peak_kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    questions = sorted(site.glob("tree/questions/**/*.html"), key=lambda p: p.stat().st_size)  # either URL style
    largest = questions[-1]
    html = largest.read_text(encoding="utf-8")
    figures = {
        "nodes": nodes,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": peak_kb / 1024,
        "bytes": sum(p.stat().st_size for p in files),
        "pages": len(pages),
        "page_bytes": sum(p.stat().st_size for p in pages),
        "question_bytes": largest.stat().st_size,
        "question_median_bytes": questions[len(questions) // 2].stat().st_size,
        "question": largest.relative_to(site).as_posix(),
        "question_nav_bytes": navigation_bytes(html),
    }
    shutil.rmtree(site)
    return figures


def _measure_in_child(nodes: int, folder: Path) -> dict:
    code = f"import json; from benchmarks.site import measure_build; print(json.dumps(measure_build({nodes}, {str(folder)!r})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"the build of {nodes:,} nodes failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(rounds: int = 7, sizes: tuple[int, ...] = SIZES) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print(f"machine: {_cpu()}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if rounds:
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
        print("synthetic trees, one build each, each in a fresh process:")
        print(
            f"{'nodes':>8} {'pages':>7} {'build':>9} {'CPU':>9} {'peak RSS':>9} {'output':>9} {'per page':>9}"
            f" {'question page':>14} {'its nav':>8}"
        )
        results = {}
        for nodes in sizes:
            r = results[nodes] = _measure_in_child(nodes, folder)
            print(
                f"{nodes:>8,} {r['pages']:>7,} {r['seconds']:>7.2f} s {r['cpu_seconds']:>7.2f} s"
                f" {r['peak_rss_mb']:>6.0f} MB"
                f" {r['bytes'] / 1e6:>6.1f} MB {r['page_bytes'] / r['pages'] / 1e3:>6.1f} KB"
                f" {r['question_bytes'] / 1e3:>11.1f} KB {r['question_nav_bytes'] / 1e3:>5.1f} KB"
            )
    print("(build: on the clock; CPU: the build's own CPU time, steadier on a shared machine;")
    print(" question page: the largest one; its nav: the navigation it carries)")
    for (small, large, limit), key, what in (
        (TIME_RATIO, "seconds", "time"),
        (TIME_RATIO, "cpu_seconds", "CPU time"),
        (PAGE_RATIO, "question_bytes", "question page"),
    ):
        if small in results and large in results:
            ratio = results[large][key] / results[small][key]
            verdict = "met" if ratio <= limit else "MISSED"
            print(f"{what}({large:,}) / {what}({small:,}) = {ratio:.2f} (target <= {limit}: {verdict})")
    return 0
