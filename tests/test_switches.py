"""The plugin's optional parts, each switched off: the part is not built, and no page, navigation or lock leads to it.

One build serves every switch: tests/second_site with all five parts off.
The site is given something for each part to act on: a lock and a renamed
recommendation (a redirect to write) and a page with an inline handler (which
the Content-Security-Policy check would refuse). tests/test_wheel.py builds
the same site with every part on, and finds each of them there.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools.cli.commands import main
from build_tools.pipeline.inputs import load_inputs
from build_tools.pipeline.options import options_of_config
from build_tools.site.layout_config import layout_of_config
from build_tools.site.navigation import site_nav
from build_tools.site.urls import Parts

SECOND_SITE = Path(__file__).parent / "second_site"
PARTS = ("embed", "scorm", "handout", "redirects", "csp")
RENAMED = "tree/recommendations/send-it-back/"  # return-it's former id, which the lock below keeps
SITE_URL = "https://guide.example.org/returns/"  # so that the sitemap lists every page


def second_site(folder: Path, options: str) -> Path:
    """A copy of tests/second_site in `folder`, with `options` added to the plugin's; its mkdocs.yml."""
    shutil.copytree(SECOND_SITE, folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    named = "      tree: return-or-keep.yaml\n"
    config.write_text(config.read_text(encoding="utf-8").replace(named, named + options), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def parts_off(tmp_path_factory) -> tuple[Path, Path]:
    """The second site built with every part off: (its folder, the built site)."""
    folder = tmp_path_factory.mktemp("parts-off")
    config = second_site(folder, "".join(f"      {part}: {{enabled: false}}\n" for part in PARTS))
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8")
    tree = folder / "return-or-keep.yaml"
    tree.write_text(
        tree.read_text(encoding="utf-8").replace("  return-it:\n", "  return-it:\n    former_ids: [send-it-back]\n"),
        encoding="utf-8",
    )
    # The command line reads the switches from mkdocs.yml, so the lock it writes holds only what this site publishes.
    assert main(["permalinks", "--update", "--config", str(config), str(tree)]) == 0
    page = folder / "docs" / "factors" / "real-use.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<p><button type="button" onclick="print()">Print</button></p>\n',
        encoding="utf-8",
    )
    build(load_config(str(config), site_dir=str(folder / "site"), strict=True))
    return folder, folder / "site"


def targets(site: Path) -> set[str]:
    """Every address the built pages link to or load, as a path in the site; and every address the sitemap lists."""
    found = set()
    for html in site.rglob("*.html"):
        here = html.relative_to(site).as_posix()
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            url = urlsplit(element.get("href") or element.get("src"))
            if url.path.startswith("/"):  # 404.html links from the site's root
                found.add(url.path.removeprefix(urlsplit(SITE_URL).path))
            elif not url.scheme and url.path:
                found.add(posixpath.normpath(posixpath.join(posixpath.dirname(here), url.path)))
    listed = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed, "the sitemap lists the pages"
    found.update(loc.removeprefix(SITE_URL) for loc in listed)
    return found


def trainers_page(site: Path) -> str:
    return BeautifulSoup((site / "linking" / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")


@pytest.mark.slow  # builds a site
def test_with_embed_off_there_is_no_embed_page_and_nothing_leads_to_one(parts_off):
    folder, site = parts_off
    assert not (site / "embed").exists()
    assert not list(site.rglob("embed.*")), "its script and style are left out too"
    assert not any(t == "embed" or t.startswith("embed/") for t in targets(site))
    assert "/embed/" not in (folder / "permalinks.lock").read_text(encoding="utf-8")
    assert "inside a course page" not in trainers_page(site)


@pytest.mark.slow  # builds a site
def test_with_scorm_off_there_is_no_package_and_nothing_leads_to_one(parts_off):
    folder, site = parts_off
    assert not (site / "downloads").exists()
    assert not list(site.rglob("scorm12.js"))
    assert not any(t.endswith(".zip") for t in targets(site))
    assert ".zip" not in (folder / "permalinks.lock").read_text(encoding="utf-8")
    assert "SCORM" not in trainers_page(site)


@pytest.mark.slow  # builds a site
def test_with_the_handout_off_there_is_no_handout_and_nothing_leads_to_one(parts_off):
    folder, site = parts_off
    assert not (site / "handout").exists()
    assert not any(t.startswith("handout") for t in targets(site))
    assert "/handout/" not in (folder / "permalinks.lock").read_text(encoding="utf-8")
    assert "handout" not in trainers_page(site)


@pytest.mark.slow  # builds a site
def test_with_redirects_off_no_page_is_written_at_a_moved_address(parts_off):
    folder, site = parts_off
    config = folder / "mkdocs.yml"
    layout, _ = layout_of_config(config)
    assert layout is not None
    inputs = load_inputs(folder / "return-or-keep.yaml", layout, options_of_config(config)[0])
    assert [move.gone for move in inputs.redirects] == ["/tree/recommendations/send-it-back/"], "one to write"
    assert not (site / RENAMED).exists()
    assert "forwards to the new page" not in trainers_page(site), "the trainers' page promises no forwarding"


@pytest.mark.slow  # builds a site
def test_with_the_csp_off_pages_carry_no_policy_and_inline_code_is_not_refused(parts_off):
    _, site = parts_off
    pages = list(site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "Content-Security-Policy" in p.read_text(encoding="utf-8")]
    assert 'onclick="print()"' in (site / "factors" / "real-use" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "      embed: {enable: false}\n",
            "option 'embed': Sub-option 'enable': unknown option; each part takes only: enabled",
        ),
        ("      scorm: false\n", "write `scorm: {enabled: false}` (or true) rather than `scorm: false`"),
        ("      csp: {enabled: maybe}\n", "option 'csp': Sub-option 'enabled': must be true or false, not \"maybe\""),
        # MkDocs reads null as "not set", which would quietly leave the part on.
        ("      embed: {enabled: null}\n", "option 'embed': Sub-option 'enabled': must be true or false, not null"),
        ("      handout:\n        enabled:\n", "write `enabled: false` to switch the part off, or `enabled: true`"),
    ],
    ids=["misspelt", "shorthand", "not-a-boolean", "null", "empty"],
)
def test_a_mistaken_switch_stops_the_build_saying_what_to_write(tmp_path, caplog, options, message):
    config = second_site(tmp_path, options)
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(config), site_dir=str(tmp_path / "site"))
    assert message in caplog.text
    assert main(["check", "--config", str(config)]) == 1, "the command line reads the same options"


def test_a_nav_that_names_a_page_switched_off_loses_that_entry_and_gains_the_default_pages():
    nav = [
        {"Home": "index.md"},
        {"The decision tree": "tree/index.md"},
        {"For trainers": ["linking.md", {"Print handout": "handout.md"}]},
        {"On paper": [{"Print handout": "handout.md"}]},
    ]
    parts = Parts(handout=False, written=frozenset({"index.md"}))
    listed = frozenset({"index.md", "tree/index.md", "linking.md", "handout.md"})
    assert site_nav(nav, ["tree/index.md"], parts, listed) == [
        {"Home": "index.md"},
        {"Answer the questions": "questionnaire.md"},
        {"The decision tree": ["tree/index.md"]},
        {"For trainers": ["linking.md"]},
    ]


COMMANDS = (
    ["check"],
    ["paths"],
    ["render", "--out", "out"],
    ["permalinks"],
    ["rename"],
    ["diff"],
    ["csp-header"],
)


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ("123", "rather than `tree: 123`"),
        ("[return-or-keep.yaml]", 'rather than `tree: ["return-or-keep.yaml"]`'),
        ("{file: return-or-keep.yaml}", 'rather than `tree: {"file": "return-or-keep.yaml"}`'),
    ],
    ids=["number", "list", "mapping"],
)
def test_an_option_of_the_wrong_type_stops_every_command_and_the_build_with_one_message(
    tmp_path, capsys, caplog, monkeypatch, tree, message
):
    config = second_site(tmp_path, "")
    config.write_text(
        config.read_text(encoding="utf-8").replace("tree: return-or-keep.yaml", f"tree: {tree}"), encoding="utf-8"
    )
    said = (
        "mkdocs.yml:1:1: error: plugin escalation-guide, option 'tree': the tree is named by its file's path, as text"
    )
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert said in err and message in err, command
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(config), site_dir=str(tmp_path / "site"))
    assert message in caplog.text
