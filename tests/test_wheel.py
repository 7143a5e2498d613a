"""The plugin as a user gets it: a wheel, installed into a fresh virtualenv, building a site on another subject.

The site is tests/second_site, copied outside the repository: its mkdocs.yml
(theme and plugin only), its tree and its two factors' pages, and nothing
else. The wheel must bring everything the site needs (templates, schemas,
scripts, styles, theme templates) and the plugin the pages the site lacks,
so that `mkdocs build --strict` passes and the questionnaire leads to a
recommendation in Chromium. The command line, from the same virtualenv,
checks the same site from its folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Route, expect

from .browsing import fresh_page, serving, watching
from .repository import ROOT

SECOND_SITE = Path(__file__).parent / "second_site"
SHIPPED = [  # package data a site cannot build without: one of each kind
    "build_tools/site/templates/question.md.j2",
    "build_tools/site/templates/questionnaire.md.j2",
    "build_tools/site/theme/main.html",
    "build_tools/site/theme/partials/search.html",
    "build_tools/site/assets/javascripts/questionnaire.js",
    "build_tools/site/assets/stylesheets/questionnaire.css",
    "build_tools/tree/schemas/tree.schema.json",
    "build_tools/tree/schemas/cases.schema.json",
]
STEP = ".qn-ready .qn-step[data-node-id]"


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` in `cwd`, with nothing of this repository's environment: no PYTHONPATH, no tree named elsewhere."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "ESCALATION_TREE", "VIRTUAL_ENV"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def links(page: Path) -> set[str]:
    return {a["href"] for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True)}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtualenv outside the repository with the wheel built from this working tree installed; its bin/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so that no build/ folder left in the repository can slip into the wheel
    shutil.copytree(ROOT / "build_tools", source / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source], work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in SHIPPED if name not in names] == [], "package data missing from the wheel"
    venv = work / "venv"
    made = run([sys.executable, "-m", "venv", venv], work)
    assert made.returncode == 0, made.stderr
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    done = run([*pip, "-c", ROOT / "requirements.lock", wheel], work)
    assert done.returncode == 0, done.stderr
    where = run([venv / "bin" / "python", "-c", "import build_tools; print(build_tools.__file__)"], work)
    assert where.stdout.startswith(str(venv)), f"the plugin must come from the wheel, not from {where.stdout}"
    return venv / "bin"


@pytest.fixture(scope="module")
def built(installed, tmp_path_factory) -> Path:
    """The second site, in a folder of its own, built by the installed plugin with --strict; its site/ folder."""
    folder = tmp_path_factory.mktemp("second-site") / "returns"
    shutil.copytree(SECOND_SITE, folder)
    done = run([installed / "mkdocs", "build", "--strict"], folder)  # not -q: with -q, --strict ignores warnings
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    # It has no site_url: the log says what that leaves out of what trainers take away, and how to set it.
    assert "no public address (site_url: not set)" in done.stderr and "set site_url to" in done.stderr
    return folder / "site"


@pytest.mark.slow  # builds a wheel, a virtualenv and a site in subprocesses, out of conftest's sight
def test_the_installed_command_line_checks_the_site_in_its_folder(installed, built):
    done = run([installed / "python", "-m", "build_tools", "check"], built.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "return-or-keep.yaml: ok: 3 questions, 3 recommendations, 4 paths, longest path 2 questions; "
        "0 case studies, 0 locked URLs\n"
    )


@pytest.mark.slow
def test_the_installed_plugin_supplies_the_pages_and_parts_the_site_did_not_write(built):
    for page in ("index.html", "questionnaire/index.html", "linking/index.html", "handout/index.html"):
        assert (built / page).is_file(), page
    assert (built / "embed" / "index.html").is_file()
    assert (built / "downloads" / "escalation-guide-scorm12.zip").is_file()
    trainers = links(built / "linking" / "index.html")
    assert {"../embed/", "../downloads/escalation-guide-scorm12.zip", "../handout/"} <= trainers
    assert "questionnaire/" in links(built / "index.html"), "the home page leads to the questionnaire"
    assert "Content-Security-Policy" in (built / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_questionnaire_of_the_second_site_leads_to_a_recommendation(built, browser: Browser):
    with serving(built.parent) as origin, fresh_page(browser) as page:
        base = origin + "site/"

        def offline(route: Route) -> None:  # should anything reach for another host, it fails fast
            if route.request.url.startswith(origin):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", offline)
        with watching(page, base) as seen:
            page.goto(base + "questionnaire/")
            page.wait_for_selector(STEP)
            assert page.get_attribute(STEP, "data-node-id") == "window"
            page.click('.qn-step[data-node-id="window"] [data-option-id="inside"]')
            page.click('.qn-step[data-node-id="use"] [data-option-id="rarely"]')
            expect(page.locator(STEP)).to_have_attribute("data-node-id", "return-it")
            expect(page.locator(".qn-result h2")).to_have_text("Return it")
            assert page.url.endswith("#a=window.inside/use.rarely")
        assert seen.errors == [], seen.errors
        assert seen.foreign == [], "the policy's site loads nothing from other hosts, Material's web fonts included"
