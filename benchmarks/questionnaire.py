"""Benchmark: the questionnaire's download size and how fast it answers a click.

Run with `python -m build_tools bench-questionnaire` (or `make bench`). Sizes
are gzipped, as a web server would send them. A tree with settings ships each
setting's text in a script of its own, and a reader loads one: its download is
the base data and the largest setting's script. The click timing opens the
questionnaire alone (no theme) on a 1,000-node synthetic tree in headless
Chromium and times, inside the page, from the click to the next question
being in the DOM and laid out.
"""

from __future__ import annotations

import gzip
import random
import statistics
import tempfile
from pathlib import Path
from typing import Any

import yaml

from build_tools.classroom.scorm import package, package_files
from build_tools.site.assets import shipped
from build_tools.site.questionnaire_data import questionnaire_data, questionnaire_files
from build_tools.site.urls import QUESTIONNAIRE_DATA
from build_tools.tree.checks import check_file, check_text
from tests.browsing import CHROMIUM, CHROMIUM_ARGS, serving
from tests.repository import DEFAULT_TREE
from tests.synthetic import synthetic_yaml
from tests.treefiles import dump

SCRIPT = "assets/javascripts/questionnaire.js"  # as the site ships them: minified (build_tools/site/assets.py)
STYLES = "assets/stylesheets/questionnaire.css"


def asset(uri: str) -> str:
    return shipped()[uri].decode("utf-8")


HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<link rel="stylesheet" href="questionnaire.css"></head><body class="md-typeset">
<div data-questionnaire></div>
<script src="data.js"></script><script src="questionnaire.js"></script></body></html>"""

TIMING = """async (clicks) => {
  const times = [];
  for (let i = 0; i < clicks; i++) {
    const button = document.querySelector('[data-option-id="on"]');
    const start = performance.now();
    button.click();
    document.body.getBoundingClientRect();  // force style and layout of the new step
    times.push(performance.now() - start);
    await new Promise(resolve => requestAnimationFrame(() => resolve()));
  }
  return times;
}"""


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


def click_times(nodes: int, clicks: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    tree, problems = check_text(synthetic_yaml(nodes), "synthetic.yaml")
    assert not problems
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "index.html").write_text(HARNESS, encoding="utf-8")
        (root / "data.js").write_text(questionnaire_data(tree, directory_urls=True), encoding="utf-8")
        (root / "questionnaire.js").write_text(asset(SCRIPT), encoding="utf-8")
        (root / "questionnaire.css").write_text(asset(STYLES), encoding="utf-8")
        with serving(root) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base)
            page.wait_for_selector("[data-node-id]")
            times = page.evaluate(TIMING, clicks)
            browser.close()
    return times


SETTINGS = ("customer", "business", "workplace", "public")


def with_settings(text: str) -> str:
    """The real tree as tree 3.0 with four settings, asked first, and every recommendation's next steps,
    words to say and moves if still no written anew for each setting, as long as the real ones. Each
    setting's text keeps the real text's words and swaps one word in four for another of the tree's: text
    that shares phrasing, as versions of one piece of advice do, but no whole string. (Placeholders lose
    their brackets, which a shuffle would unbalance.)"""
    data = yaml.safe_load(text)
    pick = random.Random(3)
    vocabulary = sorted({w for w in text.split() if "[" not in w and "]" not in w})

    def reworded(value: Any) -> Any:
        if isinstance(value, str):
            words = value.replace("[", "").replace("]", "").split()
            return " ".join(pick.choice(vocabulary) if pick.random() < 0.25 else w for w in words)
        if isinstance(value, list):
            return [reworded(v) for v in value]
        return {k: reworded(v) for k, v in value.items()}

    data["version"] = "3.0.0"
    data["settings"] = {s: {"title": f"Setting {s}", "summary": f"Who is on each side, {s}."} for s in SETTINGS}
    options = [
        {"id": s, "label": f"The {s} setting", "meaning": f"You are in the {s} setting.", "setting": s}
        for s in SETTINGS
    ]
    data["questions"] = {
        "setting": {
            "title": "Your setting",
            "prompt": "Who is on each side of this negotiation?",
            "why": "The words to use differ between settings.",
            "factor": next(iter(data["factors"])),
            "options": [{**o, "next": data["start"]} for o in options],
        },
        **data["questions"],
    }
    data["start"] = "setting"
    fields = ("next_steps", "what_to_say", "if_still_no")
    for rec in data["recommendations"].values():
        if "what_to_say" in rec:
            rec["what_to_say"] = reworded(rec["what_to_say"])  # flat placeholders, as tree 3.0 requires
        rec["settings"] = {s: {f: reworded(rec[f]) for f in fields if f in rec} for s in SETTINGS}
    return dump(data)


def downloaded(files: dict[str, str]) -> dict[str, str]:
    """What one reader downloads of the data: the base script, and the setting script that weighs most gzipped."""
    settings = {uri: text for uri, text in files.items() if uri != QUESTIONNAIRE_DATA}
    largest = max(settings, key=lambda uri: gz(settings[uri]), default=None)
    return {QUESTIONNAIRE_DATA: files[QUESTIONNAIRE_DATA], **({largest: settings[largest]} if largest else {})}


def run() -> int:
    tree = check_file(DEFAULT_TREE)
    files = questionnaire_files(tree, directory_urls=True)
    measured = [("real tree" + (f", {len(tree.settings)} settings" if tree.settings else ""), files)]
    if not tree.settings:  # a tree 2.x: the same with four settings, as tree 3.0 would write it
        synthetic, problems = check_text(with_settings(DEFAULT_TREE.read_text(encoding="utf-8")), "settings.yaml")
        assert not problems, problems
        measured.append(("real tree, 4 settings", questionnaire_files(synthetic, directory_urls=True)))
    for label, data_files in measured:
        parts = {
            "questionnaire.js": asset(SCRIPT),
            "questionnaire.css": asset(STYLES),
            **{uri.removeprefix("assets/javascripts/"): text for uri, text in downloaded(data_files).items()},
        }
        print(f"download size, gzipped, {label}, base and largest setting (target: 20 KB in total):")
        for name, text in parts.items():
            print(f"  {name:<42} {len(text.encode()):>8,} B raw {gz(text):>8,} B gzipped")
        total = sum(gz(text) for text in parts.values())
        print(f"  {'total':<42} {'':>12} {total:>12,} B gzipped ({total / 1024:.1f} KB)")

    print("data for synthetic trees:")
    for nodes in (100, 1_000, 10_000):
        tree, _ = check_text(synthetic_yaml(nodes), "synthetic.yaml")
        text = questionnaire_data(tree, directory_urls=True)
        print(f"  {nodes:>6,} nodes: {len(text.encode()) / 1024:>8.1f} KB raw {gz(text) / 1024:>8.1f} KB gzipped")

    bundled = package_files(tree, files, directory_urls=True, site_url=None)
    loaded = downloaded({uri: content.decode("utf-8") for uri, content in bundled.items() if uri in files})
    embed = sum(gz(content.decode("utf-8")) for uri, content in bundled.items() if uri not in files or uri in loaded)
    print("classroom outputs, real tree:")
    print(f"  embed page with everything it loads   {embed:>8,} B gzipped (one setting's text)")
    print(f"  SCORM 1.2 package (zip)               {len(package(tree, bundled)):>8,} B ({len(bundled)} files)")

    times = click_times(1_000, clicks=200)
    print("click to next question rendered and laid out, 1,000-node tree, 200 clicks (target: one 16 ms frame):")
    print(
        f"  median {statistics.median(times):.2f} ms, 95th percentile "
        f"{statistics.quantiles(times, n=20)[-1]:.2f} ms, max {max(times):.2f} ms"
    )
    return 0
