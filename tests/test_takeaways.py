"""What trainers take away names the guide's public address, or no address at all: never the machine it was built on.

The SCORM package goes into learning platforms, the handout onto paper and
the embed snippet into course pages, where each outlives the computer that
built it. The session's `site` is built twice: with mkdocs.yml's default
address (`mkdocs serve`'s own, 127.0.0.1) and as `make build SITE_URL=...`
publishes it.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.site.address import public_address
from build_tools.site.urls import EMBED_PAGE, QUESTIONNAIRE, case_uri, page_url, question_uri

from .conftest import DEFAULT_ADDRESS, PUBLISHED, site_address
from .repository import ROOT
from .test_site import page_for

PRIVATE = re.compile(r"127\.0\.0\.1|localhost|\[::1\]", re.IGNORECASE)
DEFAULT_BUILD = pytest.mark.parametrize("site", [True], ids=["default-address"], indirect=True)
PUBLISHED_BUILD = pytest.mark.parametrize("site", [False], ids=["published"], indirect=True)


def package(site: Path) -> dict[str, str]:
    """Every file of the SCORM package, as text."""
    with zipfile.ZipFile(site / "downloads" / "escalation-guide-scorm12.zip") as zipped:
        return {name: zipped.read(name).decode("utf-8") for name in zipped.namelist()}


def handout(site: Path) -> str:
    return page_for(site, "handout.md").read_text(encoding="utf-8")


def trainers(site: Path) -> BeautifulSoup:
    return BeautifulSoup(page_for(site, "linking.md").read_text(encoding="utf-8"), "html.parser")


def snippet(site: Path) -> str:
    return trainers(site).select_one("pre.embed-snippet code").get_text()


@DEFAULT_BUILD
def test_built_with_the_default_address_nothing_taken_away_names_this_machine(site):
    assert site_address(site) == DEFAULT_ADDRESS
    takeaways = {**package(site), "handout": handout(site), "snippet": snippet(site)}
    for name, text in takeaways.items():
        assert not PRIVATE.search(text), f"{name} names {PRIVATE.search(text).group()}"
    embedded = BeautifulSoup(package(site)["index.html"], "html.parser")
    assert not embedded.find_all("a", href=True), "the package links to no copy of the guide"
    assert "Online:" not in handout(site), "the handout prints no address for the cases"


@DEFAULT_BUILD
def test_the_trainers_page_says_how_to_build_with_the_public_address(site):
    warning = trainers(site).select_one(".admonition.warning")
    text = " ".join(warning.get_text(" ").split())
    assert "no public address" in text
    assert "make build SITE_URL=https://guide.example.org/" in text
    assert "shows https://guide.example.org/ in its place" in text and "&#" not in text, "the address reads as written"
    assert "guide.example.org" in snippet(site), "the snippet's placeholder, named in the warning"
    shown = [a.get_text() for a in trainers(site).select("a.example-link")]
    assert shown and all(address.startswith("/") for address in shown), "addresses on the site, said to be so"


@PUBLISHED_BUILD
def test_built_with_site_url_everything_taken_away_carries_that_address(site, tree):
    """SITE_URL was typed as conftest.PUBLISHED_AS_TYPED (capitals, the default port, no final '/'): every output
    writes it as browsers do, the canonical links and the sitemap included."""
    assert site_address(site) == PUBLISHED
    listed = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed and all(url.startswith(PUBLISHED) for url in listed)
    assert f'src="{PUBLISHED}{page_url(EMBED_PAGE, False)}"' in snippet(site)
    assert f'"{PUBLISHED.removesuffix("/escalation/")}"' in snippet(site), "it accepts messages from that origin only"
    embedded = package(site)["index.html"]
    assert f'data-site-base="{PUBLISHED}"' in embedded
    assert f'href="{PUBLISHED}{page_url(question_uri(tree.start), False)}"' in embedded
    printed = [
        link["data-print-url"] for link in BeautifulSoup(handout(site), "html.parser").select("[data-print-url]")
    ]
    assert printed and all(url.startswith(PUBLISHED + "cases/") for url in printed)
    assert PUBLISHED + page_url(case_uri("unpaid-invoice"), False) in printed
    page = trainers(site)
    assert page.select_one(".admonition.warning") is None
    shown = [a.get_text() for a in page.select("a.example-link")]
    assert PUBLISHED + page_url(QUESTIONNAIRE, False) in shown
    assert all(address.startswith(PUBLISHED) for address in shown)
    for name, text in package(site).items():
        assert not PRIVATE.search(text), name


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:8000/",
        "http://127.1:8000/",  # each of these is 127.0.0.1 to a browser's URL parser
        "http://0x7f000001/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.1/",
        "http://localhost:8000/guide/",
        "http://LOCALHOST./",
        "http://guide.localhost/",
        "http://[::1]:8000/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::]/",
        "http://0.0.0.0:8000/",
        "http://192.168.1.20/",
        "http://10.0.0.5/guide/",
        "http://172.16.0.1/",
        "http://169.254.10.1/",  # link-local
        "http://100.64.0.1/",  # shared by a provider's customers, behind its NAT
        "http://240.0.0.1/",  # reserved
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://printer.local/",
        "http://nas.lan/",
        "http://wiki.internal/",
        "http://router.home.arpa/",
        "http://home.arpa/",  # the local zone's own name
        "http://localhost.localdomain/",
        "http://intranet/",  # a single label: a name only a local resolver knows
        "http://intranet./",
        "https://user:secret@guide.example.org/",  # refused by the build; never an address to print
        "",
        None,
    ],
)
def test_an_address_only_this_machine_or_network_knows_is_not_public(address):
    assert public_address(address) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("https://guide.example.org/escalation/", "https://guide.example.org/escalation/"),
        ("https://93.184.215.14/", "https://93.184.215.14/"),
        ("https://Guide.Example.org:443/escalation", "https://guide.example.org/escalation/"),
        ("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/"),
        ("https://guide.example.org./", "https://guide.example.org./"),
    ],
)
def test_an_address_others_can_reach_is_public_as_browsers_write_it(address, public):
    assert public_address(address) == public


def test_make_build_hands_site_url_to_the_build(tmp_path):
    """`make build SITE_URL=...`, as the trainers' page says, runs `check` and the build with SITE_URL, which
    mkdocs.yml reads.

    Stand-ins for mkdocs and the virtualenv's python show what each is given; the `site` fixture's published
    build shows what the build does.
    """
    fake = tmp_path / "bin"
    fake.mkdir()
    for name in ("mkdocs", "python"):
        stand_in = fake / name
        stand_in.write_text(f'#!/bin/sh\necho "{name}: SITE_URL=$SITE_URL $*"\n', encoding="utf-8")
        stand_in.chmod(0o755)
    run = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "build",
            "SITE_URL=https://guide.example.org/escalation/",
            f"BIN={fake}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SITE_URL": ""},
    )
    assert run.returncode == 0, run.stderr
    assert "python: SITE_URL=https://guide.example.org/escalation/ -m build_tools check" in run.stdout
    assert "mkdocs: SITE_URL=https://guide.example.org/escalation/ build --strict" in run.stdout
    assert run.stdout.index("build_tools check") < run.stdout.index("build --strict"), "check first"
