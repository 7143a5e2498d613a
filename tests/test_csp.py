"""Every page carries a strict Content-Security-Policy, and the whole site works under it."""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils import get_theme_dir
from playwright.sync_api import Browser, Page, expect

from build_tools.cli.commands import main
from build_tools.site.csp import DIRECTIVE_NAMES, frame_ancestor_sources, http_header, policy, script_hash
from build_tools.site.inline_scripts import ScriptsRefused, check_site
from build_tools.site.known_scripts import KnownScripts, known_scripts

from .browsing import watching
from .conftest import examples, site_address
from .repository import ROOT

# Records every violation of the page's policy, however it was caused, for the test to read.
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def policy_of(path: Path) -> dict[str, list[str]]:
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    metas = document.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, f"{path}: one policy"
    first_script = document.find("script")
    assert first_script is None or metas[0].sourceline < first_script.sourceline, f"{path}: policy before scripts"
    assert metas[0].parent.name == "head"
    raw = path.read_bytes()
    charset = raw.find(b'<meta charset="utf-8">')
    assert 0 <= charset < 1024 - len(b'<meta charset="utf-8">'), (
        f"{path}: the encoding is declared in the first 1,024 bytes"
    )
    return {d.split()[0]: d.split()[1:] for d in metas[0]["content"].split(";") if d.strip()}


def test_every_page_has_a_policy_that_allows_its_inline_scripts_by_hash_only(site):
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        policy = policy_of(path)
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert inline_script_hashes_by_bs4(path) <= set(scripts), path


def inline_script_hashes_by_bs4(path: Path) -> set[str]:
    """Worked out apart from the build's own code: BeautifulSoup finds the scripts, hashlib hashes them."""
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    runnable = [s for s in document.find_all("script") if not s.get("src") and s.get("type", "") != "application/json"]
    digests = (hashlib.sha256(s.string.encode("utf-8")).digest() for s in runnable)
    return {"'sha256-" + base64.b64encode(d).decode("ascii") + "'" for d in digests}


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_search_palette_instant_navigation_questionnaire_and_copy_work_with_no_violation(
    browser: Browser, served_site, tree
):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        context.add_init_script(REPORT_VIOLATIONS)
        page = context.new_page()
        with watching(page, served_site) as seen:
            page.goto(served_site)
            page.wait_for_load_state("networkidle")
            page.evaluate("window.__sameDocument = true")

            # Search: the worker loads, the index is fetched and a query answers.
            page.keyboard.press("/")  # Material's shortcut into search, at any screen width
            word = tree.recommendations[next(iter(tree.recommendations))].title.split()[-1]
            page.keyboard.type(word)
            expect(page.locator(".md-search-result__item").first).to_be_visible()
            page.keyboard.press("Escape")

            # The palette toggle is there and switches the scheme.
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            page.locator("form[data-md-component=palette] label:visible").click()
            expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)

            # Instant navigation: a link opens the next page without reloading the document.
            page.click('a[href$="questionnaire/"]')
            page.wait_for_selector(".qn-ready .qn-step[data-node-id]")
            assert page.evaluate("window.__sameDocument") is True, "instant navigation kept the document"

            # The questionnaire runs, and copies a link to its result.
            question = tree.questions[tree.start]
            option = question.options[0]
            page.click(f'.qn-step [data-option-id="{option.id}"]')
            expect(page.locator(".qn-step[data-node-id]")).to_have_attribute("data-node-id", option.next)
            page.goto(f"{served_site}questionnaire/#a={tree.start}.{option.id}")
            if option.next in tree.recommendations:
                page.click("button:text-is('Copy link to this result')")
                expect(page.locator(".qn-copied")).to_contain_text("Link copied")
            assert violations(page) == []
        assert seen.errors == [], seen.errors


# --- Only the scripts the project ships -------------------------------------------------------------


def material_scripts_as_rendered(base_urls: set[str]) -> set[str]:
    """The hashes of Material's inline scripts, each rendered from its installed template for every base URL
    the site's pages have: worked out apart from the build's code, with BeautifulSoup and Jinja."""
    hashes = set()
    for path in (Path(get_theme_dir("material")) / "partials" / "javascripts").glob("*.html"):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            if script.get("src") or script.get("type") == "application/json" or "{%" in script.string:
                continue
            for base_url in base_urls:
                text = jinja2.Template(script.string).render(base_url=base_url, config={"extra": {}})
                hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
    return hashes


def test_the_policy_lists_exactly_the_hashes_of_the_scripts_materials_templates_write(site):
    pages = sorted(site.rglob("*.html"))
    policies = {tuple(policy_of(path)["script-src"]) for path in pages}
    assert len(policies) == 1, "one policy for every page"
    (listed,) = policies
    assert listed[0] == "'self'"
    found = set().union(*(inline_script_hashes_by_bs4(path) for path in pages))
    assert set(listed[1:]) == found, "the policy allows the scripts the pages hold, and nothing else"
    # Material's base URL is relative on each page ("..", "../.."), and the site's path on the 404 page.
    base_urls = {posixpath.relpath(site, path.parent) for path in pages}
    base_urls.add(urlsplit(site_address(site)).path)
    assert found <= material_scripts_as_rendered(base_urls), "every inline script is one of Material's own"
    assert len(found) >= 4  # __md_scope at each depth, the palette, the tab target


SCRIPT_TYPES = [
    "",
    "text/javascript",
    "application/javascript",
    "module",
    "text/ecmascript",
    "application/x-javascript",
    "text/jscript",
    "text/javascript1.5",
    "importmap",
]
DATA_TYPES = ["application/json", "application/ld+json", "text/plain", "text/template", "text/x-handlebars"]
EXTRA_ATTRIBUTES = ["async", "defer", 'id="go"', "nonce='abc'", "crossorigin", "data-x=1", 'class="a b"', "title='>'"]
BODIES = st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=40).filter(
    lambda body: "</script" not in body.lower()
)


@st.composite
def spelled(draw, word: str) -> str:
    """`word` with each letter in either case, as HTML allows for names and script types."""
    return "".join(c.upper() if draw(st.booleans()) else c for c in word)


@st.composite
def script_tags(draw, types: list[str]) -> str:
    """A <script> start tag as an author might write it: any case, any attribute order, quotes or none,
    a character reference in the type, a line break or a slash after the name."""
    kind = draw(st.sampled_from(types))
    spelling = draw(spelled(kind))
    if spelling and draw(st.booleans()):  # a character reference, which the browser decodes
        at = draw(st.integers(0, len(spelling) - 1))
        spelling = spelling[:at] + f"&#{ord(spelling[at])};" + spelling[at + 1 :]
    spelling = draw(st.sampled_from(["", " ", "\n"])) + spelling + draw(st.sampled_from(["", " "]))
    quote = draw(st.sampled_from(['"', "'"] + ([""] if spelling and not any(c in spelling for c in " \n") else [])))
    typed = draw(st.sampled_from([f"type={quote}{spelling}{quote}", f"TYPE = {quote}{spelling}{quote}"]))
    if kind == "" and draw(st.booleans()):
        typed = draw(st.sampled_from(["", 'language="javascript"', "language=JavaScript", 'language=""']))
    attributes = draw(st.permutations([typed, *draw(st.lists(st.sampled_from(EXTRA_ATTRIBUTES), max_size=3))]))
    separator = draw(st.sampled_from([" ", "\n", "\t", "/", " / "]))
    return f"<{draw(spelled('script'))}{separator}{' '.join(a for a in attributes if a)}>"


def page_holding(snippet: str) -> str:
    return (
        f'<!doctype html>\n<html><head><meta charset="utf-8"></head>\n<body><p>Text.</p>\n{snippet}\n</body></html>\n'
    )


def checked(snippet: str, known: KnownScripts | None = None) -> set[str]:
    """check_site on a site of one page, guide/page.html, holding `snippet`."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "guide" / "page.html"
        page.parent.mkdir()
        page.write_text(page_holding(snippet), encoding="utf-8")
        hashes, _ = check_site(Path(folder), known or KnownScripts(()))
        return hashes


@given(script_tags(SCRIPT_TYPES), BODIES, st.sampled_from(["</script>", "</SCRIPT >", "</Script\n>"]))
@settings(max_examples=examples(300), deadline=None)
def test_any_script_a_browser_would_run_is_refused_naming_its_page(tag, body, end):
    with pytest.raises(ScriptsRefused) as refused:
        checked(f"{tag}{body}{end}")
    (refusal,) = refused.value.refusals
    assert refusal.page == "guide/page.html" and refusal.line == 4
    assert "guide/page.html:4: error: an inline script" in str(refused.value)
    assert "docs/assets/javascripts/" in str(refused.value), "it says what to do"


@given(script_tags(DATA_TYPES), BODIES)
@settings(max_examples=examples(100), deadline=None)
def test_data_blocks_do_not_run_so_they_are_neither_refused_nor_allowed(tag, body):
    assert checked(f"{tag}{body}</script>") == set()


@pytest.mark.parametrize(
    "snippet",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg><script href="data:,alert(1)"/></svg>',
        '<script src="/assets/x.js">alert(1)</script>',  # with src and text: an SVG script runs the text
        '<script type="" type="text/plain">alert(1)</script>',  # the first type wins
        "<!-- <script>alert(1)</script> -->",  # commented out: refused rather than guessed at
        "<script>alert(1)",  # never closed
    ],
)
def test_scripts_that_a_reading_could_miss_are_refused(snippet):
    with pytest.raises(ScriptsRefused):
        checked(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<button onclick="go()">Go</button>',
        "<img src=x ONERROR=alert(1)>",
        '<div\nonmouseover = "x()">',
        "<a title=\">\" onclick='go()'>x</a>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JavaScript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="&#106;avascript&colon;alert(1)">x</a>',
        "<form action='javascript:go()'></form>",
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    ],
)
def test_inline_event_handlers_and_javascript_urls_are_refused(snippet):
    with pytest.raises(ScriptsRefused, match=r"guide/page\.html:4: error: (an inline event handler|a javascript: URL)"):
        checked(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="../assets/javascripts/questionnaire.js"></script>',
        '<a href="../javascripts/">guide</a> <a href="&#46;&#46;/">up</a> <p class="one online" data-on="x">on = off</p>',
        "<p>Write <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> nowhere.</p>",
        '<script type="application/json">{"a": "<b onclick=x>"}</script>',
        # Text that only reads like a javascript: URL, where no browser follows it: a tree's title may begin so.
        '<meta name="description" content="javascript: a guide"> <svg><a xlink:title="JavaScript:x"></a></svg>',
        '<img alt="javascript:alert(1)" title="javascript:go()" data-note="javascript:x" src="a.png">',
    ],
)
def test_what_runs_no_inline_code_passes(snippet):
    assert checked(snippet) == set()


def test_a_script_in_an_svg_file_of_the_site_is_refused_too(tmp_path):
    (tmp_path / "index.html").write_text(page_holding(""), encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script></svg>'
    )
    with pytest.raises(ScriptsRefused, match=r"assets/logo\.svg:2: error: an inline script"):
        check_site(tmp_path, KnownScripts(()))


def test_a_script_from_a_template_is_allowed_at_any_depth_and_only_in_its_string():
    known = known_scripts([get_theme_dir("material")])
    scope = '__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}'
    for base_url in (".", "../..", "/guide/"):
        text = scope.format(base_url)
        assert checked(f"<script>{text}</script>", known) == {script_hash(text)}
    with pytest.raises(ScriptsRefused):  # the value may not leave its string
        checked(f"<script>{scope.format('.' + chr(34) + '+alert(1)+' + chr(34))}</script>", known)


@pytest.mark.slow  # builds a site
def test_a_hand_written_page_with_a_script_fails_the_build_naming_it_and_the_last_site_stays(tmp_path, caplog):
    for name in ("mkdocs.yml", "docs", "decision_tree"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    for name in ("build_tools",):
        (tmp_path / name).symlink_to(ROOT / name)
    config = str(tmp_path / "mkdocs.yml")
    site = tmp_path / "site"
    build(load_config(config, site_dir=str(site), strict=True))
    before = {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    # As a site author would: a snippet pasted into a page, a module, a button that calls a function.
    about = tmp_path / "docs" / "about.md"
    about.write_text(about.read_text() + '\n<script>\n  document.title = "Hi";\n</script>\n', encoding="utf-8")
    home = tmp_path / "docs" / "index.md"
    home.write_text('<SCRIPT Type="Module">import "./x.js"</SCRIPT>\n\n' + home.read_text(), encoding="utf-8")
    consent = tmp_path / "docs" / "factors" / "consent.md"
    consent.write_text(consent.read_text() + '\n<button onclick="ask()">Ask</button>\n', encoding="utf-8")
    about_line = about.read_text().splitlines().index("<script>") + 1
    with pytest.raises(Abort):
        build(load_config(config, site_dir=str(site), strict=False))  # not only --strict

    message = caplog.text
    assert f"docs/about.md:{about_line}: error: an inline script" in message
    assert "docs/index.md:1: error: an inline script" in message
    assert re.search(
        r"docs/factors/consent\.md:\d+: error: an inline event handler "
        r"\(on the built page \S+/site/factors/consent/index\.html, line \d+\): 'onclick=\"ask\(\)\"'",
        message,
    )
    assert "3 pages of" in message and "previous site" in message
    after = {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before, "the last good site stays as it was"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_csp_header_refuses_a_site_with_a_script_the_project_does_not_ship(site, tmp_path, capsys):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = next(p for p in sorted(copy.rglob("*.html")) if "about" in str(p))
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>x()</script></body>"), "utf-8")
    assert main(["csp-header", str(copy)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{page.relative_to(copy).as_posix()}" in err and "an inline script" in err and "Traceback" not in err
    assert err.strip().endswith("error: no header printed: fix these pages and build again")


# --- csp-header --frame-ancestors takes sources only -------------------------------------------------

SCHEMES = st.from_regex(r"[a-zA-Z][a-zA-Z0-9+.-]{0,8}", fullmatch=True)
HOSTS = st.from_regex(r"\*|(\*\.)?[a-z0-9-]{1,10}(\.[a-z0-9-]{1,10}){0,3}\.?", fullmatch=True)
PORTS = st.from_regex(r"(:([0-9]{1,5}|\*))?", fullmatch=True)
SEGMENT = r"([a-zA-Z0-9._~!$&()*+=:@-]|%[0-9A-Fa-f]{2})"
PATHS = st.from_regex(rf"(/|/{SEGMENT}{{1,8}}(/{SEGMENT}{{0,8}}){{0,2}})?", fullmatch=True)
PAGE_DIRECTIVES = len(policy(()).split("; "))  # the header adds one, frame-ancestors, after a semicolon
EXAMPLE = "--frame-ancestors \"'self' https://learn.example.org\""
WHITESPACE = st.text(st.sampled_from("\t\n\f\r "), min_size=1, max_size=3)


def not_a_directive(source: str) -> bool:
    return source.lower().rstrip(":") not in DIRECTIVE_NAMES


SOURCES = st.one_of(
    st.sampled_from(
        ["'self'", "'SELF'", "*", "https:", "https://learn.example.org", "https://*.example.org:8443/lms/"]
    ),
    SCHEMES.map(lambda scheme: scheme + ":"),
    st.builds(lambda s, h, p, q: f"{s}{h}{p}{q}", st.sampled_from(["", "https://", "http://"]), HOSTS, PORTS, PATHS),
).filter(not_a_directive)


@given(st.lists(SOURCES, min_size=1, max_size=4), WHITESPACE)
def test_sources_are_accepted_and_end_the_header_as_given(sources, space):
    assert frame_ancestor_sources(space.join(sources)) == tuple(sources)
    header = http_header([], space + space.join(sources) + space)
    assert header.endswith("; frame-ancestors " + " ".join(sources))
    assert header.count(";") == PAGE_DIRECTIVES


@given(st.text(max_size=20), st.sampled_from(";,"), st.text(max_size=20))
def test_a_value_with_a_semicolon_or_a_comma_is_refused(before, separator, after):
    with pytest.raises(ValueError, match="is not a source"):
        frame_ancestor_sources(before + separator + after)


@given(
    st.lists(SOURCES, max_size=2),
    st.sampled_from(sorted(DIRECTIVE_NAMES)).flatmap(spelled),
    st.lists(st.sampled_from(["*", "'self'", "https:", "'unsafe-inline'", "data:"]), max_size=2),
    WHITESPACE,
)
def test_a_directive_name_among_the_sources_is_refused(sources, directive, values, space):
    with pytest.raises(ValueError, match=f"'{re.escape(directive)}' is not a source: that is the name of a directive"):
        frame_ancestor_sources(space.join([*sources, directive, *values]))


@given(st.text(max_size=40))
def test_whatever_is_given_the_header_has_one_frame_ancestors_directive_and_one_policy(value):
    try:
        header = http_header([], value)
    except ValueError as err:
        assert "\n" not in str(err) and EXAMPLE in str(err), "one line, with an example"
        return
    assert header.count(";") == PAGE_DIRECTIVES and "," not in header
    assert header.split("; ")[-1].startswith("frame-ancestors ")


@pytest.mark.parametrize(
    "value",
    ["'none' https://learn.example.org", "'unsafe-inline'", '"self"', "https://exa mple.org/'x'", ""],
)
def test_other_values_are_refused(value):
    with pytest.raises(ValueError):
        frame_ancestor_sources(value)


def test_none_alone_forbids_every_frame():
    assert http_header([], "'none'").endswith("; frame-ancestors 'none'")


@pytest.mark.parametrize("value", ["'self'; script-src *", "https://a.org, https://b.org", "'self' script-src *"])
def test_csp_header_refuses_a_directive_in_frame_ancestors_in_one_line(value, capsys):
    assert main(["csp-header", "no-such-site", "--frame-ancestors", value]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: --frame-ancestors: ")
    assert "is not a source" in err and "such as --frame-ancestors \"'self' https://learn.example.org\"" in err


def test_csp_header_fails_cleanly_from_the_command_line(site):
    run = subprocess.run(
        [sys.executable, "-m", "build_tools", "csp-header", str(site), "--frame-ancestors", "'self'; script-src *"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr
    assert run.stderr == (
        "error: --frame-ancestors: \"'self';\" is not a source: ';' ends a directive, and this option cannot add "
        "directives. This option takes only sources, separated by spaces, such as "
        "--frame-ancestors \"'self' https://learn.example.org\"\n"
    )
