"""The site's address (`site_url`, SITE_URL here) is read once, as browsers read it, or refused with a clear message.

Every output prints the one spelling site_address() gives; the embed snippet's script compares the origin a
browser reports with the one it was given, so a spelling browsers never report is a frame that never resizes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser

from build_tools.classroom.embed import embed_snippet
from build_tools.cli.commands import main
from build_tools.site.address import AddressRefused, origin, site_address

from .projects import make

SECOND_SITE = Path(__file__).parent / "second_site"
PASSWORD = "hunter2-Secret"

# As typed -> as every output prints it (and as Chromium's URL parser writes it, the single quote aside).
SPELLINGS = [
    ("https://Guide.Example.org:443/", "https://guide.example.org/"),
    ("HTTP://guide.example.org:80/escalation", "http://guide.example.org/escalation/"),
    ("https://guide.example.org:8443/", "https://guide.example.org:8443/"),
    ("https://guide.example.org:0443/a/", "https://guide.example.org/a/"),
    (" https://guide.example.org/\n", "https://guide.example.org/"),
    ("https://guide.example.org/our guide/", "https://guide.example.org/our%20guide/"),
    ('https://guide.example.org/it\'s "here"/<x>/', "https://guide.example.org/it%27s%20%22here%22/%3Cx%3E/"),
    ("https://guide.example.org/über/", "https://guide.example.org/%C3%BCber/"),
    ("https://guide.example.org/%C3%BCber/", "https://guide.example.org/%C3%BCber/"),
    ("https://guide.example.org/a/../b/./c", "https://guide.example.org/b/c/"),
    ("https://guide.example.org\\a\\b", "https://guide.example.org/a/b/"),
    ("https://Bücher.example.org/", "https://xn--bcher-kva.example.org/"),
    ("https://faß.example.org/", "https://xn--fa-hia.example.org/"),
    ("https://EXAMPLE。ORG/", "https://example.org/"),
    ("http://127.1:8000", "http://127.0.0.1:8000/"),
    ("http://0x7f000001/", "http://127.0.0.1/"),
    ("http://2130706433/", "http://127.0.0.1/"),
    ("http://0177.0.0.1/", "http://127.0.0.1/"),
    ("http://[::FFFF:127.0.0.1]:80/", "http://[::ffff:7f00:1]/"),
    ("https://[2001:DB8::0:1]/", "https://[2001:db8::1]/"),
]


@pytest.mark.parametrize(("typed", "written"), SPELLINGS)
def test_an_address_is_written_the_way_browsers_write_it(typed, written):
    assert site_address(typed) == written
    assert site_address(written) == written, "written once, it stays as it is"


@pytest.mark.parametrize(
    ("address", "reported"),
    [
        ("https://Guide.Example.org:443/escalation/", "https://guide.example.org"),
        ("http://guide.example.org:8080/", "http://guide.example.org:8080"),
        ("https://Bücher.example.org/", "https://xn--bcher-kva.example.org"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
    ],
)
def test_the_embed_snippet_trusts_the_origin_a_browser_reports(tree, address, reported):
    snippet = BeautifulSoup(embed_snippet(tree, site_address(address), directory_urls=True), "html.parser").get_text()
    assert f'event.origin !== "{reported}"' in snippet
    assert f'src="{site_address(address)}embed/"' in snippet


def test_chromium_reads_each_address_as_written_and_reports_the_same_origin(browser: Browser):
    """The oracle is a browser: its origin for the address as typed, and its reading of the address as written."""
    typed = [typed for typed, _ in SPELLINGS]
    with browser.new_page() as page:
        read = page.evaluate(
            "urls => urls.map(u => { const url = new URL(u); return [url.origin, url.href]; })",
            [site_address(address) for address in typed],
        )
        reported = page.evaluate("urls => urls.map(u => new URL(u).origin)", typed)
    for address, (from_written, href), from_typed in zip(typed, read, reported, strict=True):
        assert from_typed == from_written == origin(site_address(address)), address
        assert href == site_address(address), address


@pytest.mark.parametrize(
    ("address", "says"),
    [
        (f"https://editor:{PASSWORD}@guide.example.org/x/", "holds a user name or password"),
        (f"https://{PASSWORD}@guide.example.org/", "holds a user name or password"),
        (f"https://editor:{PASSWORD}/x@guide.example.org/", "has a port that is not"),  # a '/' ends the host part
        (f"https://editor:{PASSWORD}#x@guide.example.org/", "has a query"),
        ("https://guide.example.org/?lang=en", "has a query ('?...') or a fragment ('#...')"),
        ("https://guide.example.org/#top", "has a query ('?...') or a fragment ('#...')"),
        ("ftp://guide.example.org/", "starts with 'ftp:', not http:// or https://"),
        ("javascript:alert(1)", "starts with 'javascript:', not http:// or https://"),
        ("guide.example.org/escalation/", "does not start with http:// or https://"),
        ("https://guide.example.org:99999/", "has a port '99999' that is not a number from 1 to 65535"),
        ("https://guide.example.org:http/", "has a port 'http' that is not a number from 1 to 65535"),
        ("https:///escalation/", "has no host"),
        ("https://guide..example.org/", "that is not a host name"),
        ("https://guide example.org/", "that is not a host name"),
        ("http://1.2.3.256/", "that is not an IPv4 address"),
        ("http://[::1/", "is not an address a browser can read"),
        ("https://xn--zz.example.org/", "that no browser can look up"),
        (8000, "is int, not an address"),
    ],
)
def test_an_address_that_cannot_be_published_is_refused_saying_what_to_write(address, says):
    with pytest.raises(AddressRefused) as refused:
        site_address(address)
    message = str(refused.value)
    assert message.startswith("site_url ") and says in message
    assert "set site_url in mkdocs.yml (or SITE_URL" in message and "such as https://" in message
    assert PASSWORD not in message and "editor" not in message


def site_with_address(folder: Path) -> Path:
    """A copy of the second site whose site_url comes from SITE_URL, as this project's mkdocs.yml does."""
    shutil.copytree(SECOND_SITE, folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n', encoding="utf-8"
    )
    return config


def test_check_reports_a_refused_address_at_the_line_of_site_url(tmp_path, capsys, monkeypatch):
    config = site_with_address(tmp_path)
    line = config.read_text(encoding="utf-8").splitlines().index('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]')
    monkeypatch.setenv("SITE_URL", f"https://editor:{PASSWORD}@guide.example.org/")
    for command in (["check"], ["paths"], ["render", "--out", str(tmp_path / "out")], ["diff"], ["csp-header"]):
        assert main([*command, "--config", str(config)]) == 1, command
        err = capsys.readouterr().err
        assert f"mkdocs.yml:{line + 1}:11: error: site_url holds a user name or password" in err, command
        assert PASSWORD not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # builds a site
def test_the_build_stops_on_a_refused_address_before_it_writes_anything(tmp_path, monkeypatch, caplog):
    config = site_with_address(tmp_path)
    monkeypatch.setenv("SITE_URL", f"https://editor:{PASSWORD}@guide.example.org/")
    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))
    assert "mkdocs.yml: site_url holds a user name or password" in caplog.text
    assert PASSWORD not in caplog.text
    assert not (tmp_path / "site").exists(), "nothing was written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "return-or-keep.yaml"]


@pytest.mark.slow  # runs make
def test_make_build_names_an_address_mkdocs_itself_cannot_read_before_building(project):
    """A full-width at sign (U+FF20) ends MkDocs' own validation of site_url in a traceback; `make build` checks first."""
    run = make(project, "build", environ={"SITE_URL": "https://user:s3cr3tPW\uff20guide.example.org/"})
    assert run.returncode != 0
    assert "mkdocs.yml:4:11: error: site_url is not an address a browser can read" in run.stderr, run.stderr
    assert "Traceback" not in run.stdout + run.stderr and "s3cr3tPW" not in run.stdout + run.stderr
    assert not (project / "site").exists(), "nothing was built"
