"""The SCORM 1.2 package: a valid manifest, reproducible bytes, and a learner's run under a real runtime.

The runtime is scorm-again, which learning platforms use, installed by `make test`
from tests/scorm_runtime/package-lock.json. A page plays the platform: it puts
`window.API = new Scorm12API()` in place and launches the package's page in a
frame, as a platform does.

Other pages play platforms that are hard to live with: scorm-again in its
strictest setting, persisting only what the package commits, and reloaded
under the learner; an API two frames up behind another origin, or in the
window that opened a pop-up; and, for every API function and every way a
platform gets one wrong (missing, throwing, answering "false", an error code
or nothing), an API with that function broken. Whatever the platform, the
questionnaire works, LMSFinish is called exactly once after a last LMSCommit,
and the learner's place is stored wherever the platform can store it.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from build_tools.classroom.scorm import package, package_files
from build_tools.site.urls import SCORM_PACKAGE
from build_tools.tree.paths import iter_paths

from .browsing import fresh_page, serving, watching
from .conftest import published

RUNTIME = Path(__file__).parent / "scorm_runtime" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
STEP = ".qn-ready .qn-step[data-node-id]"

PLATFORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A learning platform</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({ logLevel: 4 });
  window.calls = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach((name) => window.API.on(name, () => window.calls.push(name)));
  window.exit = null;  // write-only to the package, so the platform notes it as it is set
  window.API.on("LMSSetValue.cmi.core.exit", (element, value) => { window.exit = value; });
  const saved = new URLSearchParams(location.search).get("resume");
  if (saved !== null) {
    window.API.loadFromJSON({ core: { entry: "resume", lesson_status: "incomplete" }, suspend_data: saved });
  }
  // What the platform would store: the runtime's own serialisation of the learner's data.
  window.learner = () => {
    const cmi = JSON.parse(JSON.stringify(window.API.cmi));
    return {
      status: cmi.core.lesson_status,
      exit: window.exit,
      suspend: cmi.suspend_data,
      interactions: Object.values(cmi.interactions).map((i) => [i.id, i.type, i.student_response]),
    };
  };
</script></head>
<body><main><h1>Course</h1><iframe id="sco" title="The course" src="package/index.html"
  style="width: 100%; height: 900px"></iframe></main></body></html>
"""


# The strictest scorm-again: no automatic commit, completion or session time, errors in the console (which the
# test fails on). Like a platform's server, it keeps only what the package commits (here in the tab's
# sessionStorage, so that it outlives a reload), and resumes an attempt only if the package asked to (exit
# "suspend"); any other launch starts afresh, as SCORM 1.2 says.
STRICT_PLATFORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A strict learning platform</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({
    autocommit: false, throttleCommits: false, useAsynchronousCommits: false, autoCompleteLessonStatus: false,
    selfReportSessionTime: false, strict_errors: true, logLevel: 4,
  });
  window.record = () => JSON.parse(sessionStorage.getItem("record") || "null");
  const kept = window.record();
  if (kept && kept.core.exit === "suspend") {
    const { lesson_status, lesson_location } = kept.core;
    window.API.loadFromJSON({ core: { entry: "resume", lesson_status, lesson_location }, suspend_data: kept.suspend_data });
  }
  const keep = () => sessionStorage.setItem("record", JSON.stringify(window.API.renderCommitCMI(true).cmi));
  window.calls = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach((name) => window.API.on(name, () => window.calls.push(name)));
  window.API.on("LMSCommit LMSFinish", keep);
  // How many sessions ended with LMSFinish, reloads included.
  window.API.on("LMSFinish", () => sessionStorage.setItem("finished", window.finished() + 1));
  window.finished = () => Number(sessionStorage.getItem("finished") || 0);
</script></head>
<body><main><h1>Course</h1><iframe id="sco" title="The course" src="package/index.html"
  style="width: 100%; height: 900px"></iframe></main></body></html>
"""

FUNCTIONS = (
    "LMSInitialize",
    "LMSGetValue",
    "LMSSetValue",
    "LMSCommit",
    "LMSFinish",
    "LMSGetLastError",
    "LMSGetErrorString",
    "LMSGetDiagnostic",
)
ERROR_QUERIES = {"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"}  # ask about a failure, change nothing
FAILURES = ("missing", "throws", "false", "error-code", "nothing")

# A platform whose API is scorm-again with some functions broken in one way: `install(broken, failure)`.
# It notes what a platform would see: every call (`seen.calls`), the values it accepted (`seen.live`) and what
# the last successful LMSCommit or LMSFinish stored (`seen.stored`, null before).
HOSTILE_PLATFORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A hostile learning platform</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  const ERROR_QUERIES = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  const FAILURES = {
    throws: () => { throw new Error("the platform broke"); },
    false: () => "false",
    "error-code": () => "101",
    nothing: () => undefined,
  };
  window.install = (functions, broken, failure) => {
    const runtime = new Scorm12API({ logLevel: 5 });
    const seen = { calls: [], live: {}, stored: null };
    let error = null;  // the code a broken call leaves for LMSGetLastError, until the next call
    const api = {};
    for (const name of functions) {
      if (broken.includes(name) && failure === "missing") continue;
      api[name] = (...args) => {
        seen.calls.push(name);
        if (!ERROR_QUERIES.includes(name)) error = null;
        if (broken.includes(name)) {
          error = "101";
          return FAILURES[failure]();
        }
        if (name === "LMSGetLastError" && error !== null) return error;
        const result = runtime[name](...args);
        if (name === "LMSSetValue" && result === "true") seen.live[args[0]] = String(args[1]);
        if ((name === "LMSCommit" || name === "LMSFinish") && result === "true") seen.stored = { ...seen.live };
        return result;
      };
    }
    window.API = api;
    window.seen = seen;
  };
  window.launch = (src) => { document.getElementById("sco").src = src; };
  window.leave = () => new Promise((resolve) => {
    const sco = document.getElementById("sco");
    sco.addEventListener("load", () => resolve(), { once: true });
    sco.src = "about:blank";
  });
</script></head>
<body><main><h1>Course</h1><iframe id="sco" title="The course" style="width: 100%; height: 900px"></iframe></main>
</body></html>
"""


class Platforms(NamedTuple):
    base: str  # where the platform pages are, beside package/
    nested: str  # a page of another origin that frames the package two frames down


@pytest.fixture(scope="module")
def zipped(site_root) -> bytes:
    return (site_root / SCORM_PACKAGE).read_bytes()


@pytest.fixture(scope="module")
def platforms(tmp_path_factory, zipped) -> Iterator[Platforms]:
    """The platform pages beside the unzipped package, served.

    A second server, another origin, serves the frames that the nested platform puts between itself and the package.
    """
    assert RUNTIME.is_file(), "scorm-again is missing: `make test-deps` installs it from its lockfile"
    folder = tmp_path_factory.mktemp("platform")
    zipfile.ZipFile(io.BytesIO(zipped)).extractall(folder / "package")
    shutil.copy(RUNTIME, folder / "scorm12.js")
    (folder / "platform.html").write_text(PLATFORM, encoding="utf-8")
    (folder / "strict.html").write_text(STRICT_PLATFORM, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_PLATFORM, encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    with serving(folder) as origin, serving(elsewhere) as other:
        assert other != origin
        # Two frames of another origin, the inner one framing the package back on the platform's origin.
        (elsewhere / "outer.html").write_text(frame_page("inner.html"), encoding="utf-8")
        (elsewhere / "inner.html").write_text(frame_page(origin + "package/index.html"), encoding="utf-8")
        yield Platforms(origin, other + "outer.html")


@pytest.fixture(scope="module")
def platform(platforms) -> str:
    return platforms.base + "platform.html"


def frame_page(src: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A frame</title><link rel="icon" href="data:,">'
        f'</head><body><iframe title="The course" src="{src}" style="width: 100%; height: 900px"></iframe></body></html>'
    )


@pytest.mark.slow  # builds a site
def test_the_manifest_is_scorm_1_2_with_one_sco_that_lists_every_file(zipped):
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    names = archive.namelist()
    assert names[0] == "imsmanifest.xml"
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = manifest.find(f"{CP}organizations")
    assert organizations is not None
    (organization,) = organizations.findall(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.findall(f"{CP}item")
    (resource,) = manifest.findall(f"{CP}resources/{CP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("type") == "webcontent"
    listed = [f.get("href") for f in resource.findall(f"{CP}file")]
    assert resource.get("href") in listed
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml"), "every file, and only those"


@pytest.mark.slow  # builds a site
def test_the_same_tree_gives_the_same_bytes(zipped, site_root, served_site, tree):
    """Rebuilt from the same sources in this process, later, the package is byte for byte the one the build wrote."""
    from build_tools.site.questionnaire_data import questionnaire_files

    generated = questionnaire_files(tree, directory_urls=True)
    files = package_files(tree, generated, directory_urls=True, site_url=published(served_site))
    assert package(tree, files) == zipped
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zipfile.ZipFile(io.BytesIO(zipped)).infolist())


# SCORM 1.2's data model: a "choice" response is one character, 0-9 or a-z (a set of them in braces for many).
CHOICE_RESPONSE = re.compile(r"[0-9a-z]|\{[0-9a-z](,[0-9a-z])*\}")


def recorded(tree, answers) -> list[list[str]]:
    """The interactions a platform should hold for `answers`: the answer named in the id, its letter as the response."""
    return [
        [
            f"{q}.{o}",
            "choice",
            "abcdefghijklmnopqrstuvwxyz0123456789"[[x.id for x in tree.questions[q].options].index(o)],
        ]
        for q, o in answers
    ]


def sco(page: Page) -> Frame:
    expect(page.frame_locator("#sco").locator(STEP)).to_be_visible()
    frame = page.query_selector("#sco").content_frame()  # type: ignore[union-attr]
    assert frame is not None
    return frame


def choose(frame: Frame, answers) -> None:
    for question, option in answers:
        frame.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')


def test_a_learner_is_recorded_suspended_and_resumed_under_scorm_again(browser: Browser, platform, tree):
    path = next(p for p in iter_paths(tree) if len(p.answers) >= 4)
    first, rest = path.answers[:2], path.answers[2:]
    with fresh_page(browser) as page:
        package_base = platform.rsplit("/", 1)[0] + "/package/"
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        with watching(page, platform) as seen:
            page.goto(platform)
            frame = sco(page)
            assert page.evaluate("window.learner()")["status"] == "incomplete"
            choose(frame, first)
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
            learner = page.evaluate("window.learner()")
            fragment = "#a=" + "/".join(f"{q}.{o}" for q, o in first)
            assert learner["suspend"] == fragment
            assert learner["interactions"] == recorded(tree, first), "one interaction per answer"
            assert learner["status"] == "incomplete"
            page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves: pagehide
            page.wait_for_function("window.calls.includes('LMSFinish')")
            assert page.evaluate("window.learner()")["exit"] == "suspend"
        assert seen.errors == [] and seen.foreign == []
        assert page.evaluate("window.calls")[0] == "LMSInitialize"
        inside = [url for url in requested if url.startswith(package_base)]
        assert all(
            url in (platform, platform.rsplit("/", 1)[0] + "/scorm12.js") for url in requested if url not in inside
        ), "the package loads nothing from outside itself"

    # Relaunched with what the platform kept: the learner is back at the same question.
    with fresh_page(browser) as page:
        page.goto(f"{platform}?resume={quote(fragment)}")
        frame = sco(page)
        expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
        expect(frame.locator(".qn-trail li")).to_have_count(len(first))
        choose(frame, rest)
        expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
        learner = page.evaluate("window.learner()")
        assert learner["status"] == "completed"
        assert learner["interactions"] == recorded(tree, rest), "earlier answers are not recorded twice"
        assert learner["suspend"] == "#a=" + "/".join(f"{q}.{o}" for q, o in path.answers)


def test_without_a_platform_the_package_works_on_its_own(browser: Browser, platform, tree):
    with fresh_page(browser) as page:
        with watching(page, platform) as seen:
            page.goto(platform.rsplit("/", 1)[0] + "/package/index.html")
            path = next(iter_paths(tree))
            page.wait_for_selector(STEP)
            for question, option in path.answers:
                page.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
            expect(page.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
        assert seen.errors == []


def fragment_of(answers) -> str:
    return "#a=" + "/".join(f"{question}.{option}" for question, option in answers)


def hide(frame: Frame) -> None:
    """The learner switches to another tab: the page becomes hidden (as far as its scripts can tell)."""
    frame.evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
          document.dispatchEvent(new Event("visibilitychange"));
          delete document.visibilityState;
        }"""
    )


def test_under_the_strictest_scorm_again_a_learners_place_survives_reloads(browser: Browser, platforms, tree):
    path = next(p for p in iter_paths(tree) if len(p.answers) >= 4)
    first, rest = path.answers[:2], path.answers[2:]
    strict = platforms.base + "strict.html"
    with fresh_page(browser) as page:
        with watching(page, strict) as seen:
            page.goto(strict)
            frame = sco(page)
            choose(frame, first)
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
            kept = page.evaluate("window.record()")
            assert kept is not None, "each answer is committed, before anything ends the session"
            assert kept["suspend_data"] == kept["core"]["lesson_location"] == fragment_of(first)
            assert kept["core"]["exit"] == "suspend" and kept["core"]["lesson_status"] == "incomplete"

            commits = page.evaluate("window.calls").count("LMSCommit")
            hide(frame)
            calls = page.evaluate("window.calls")
            assert calls.count("LMSCommit") == commits + 1, "hidden, the page commits"
            assert "LMSFinish" not in calls, "but the learner may come back: the session goes on"

            page.reload()  # under the learner: only what the package committed, or commits as it goes, is left
            frame = sco(page)
            assert page.evaluate("window.finished()") == 1, "the reload ended the session properly"
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
            expect(frame.locator(".qn-trail li")).to_have_count(len(first))
            assert page.evaluate("window.API.cmi.core.entry") == "resume"
            choose(frame, rest)
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
            kept = page.evaluate("window.record()")
            assert kept["suspend_data"] == kept["core"]["lesson_location"] == fragment_of(path.answers)
            assert kept["core"]["lesson_status"] == "completed"
            interactions = page.evaluate(
                "Object.values(JSON.parse(JSON.stringify(window.API.cmi.interactions)))"
                ".map((i) => [i.id, i.type, i.student_response])"
            )
            assert interactions == recorded(tree, rest), "this session's answers, as the data model writes them"
            assert all(CHOICE_RESPONSE.fullmatch(response) for _, _, response in interactions)

            page.reload()  # a finished learner comes back to the recommendation
            frame = sco(page)
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
            assert page.evaluate("window.finished()") == 2
            page.evaluate("document.getElementById('sco').src = 'about:blank'")
            page.wait_for_function("window.calls.includes('LMSFinish')")
            assert page.evaluate("window.finished()") == 3, "each session finished once"
        assert seen.errors == [], "scorm-again refused nothing the package did"


def session_problems(seen: dict, broken: tuple[str, ...], failure: str) -> list[str]:
    """What is wrong with the calls a platform saw from one session, given which of its functions were broken."""
    calls = seen["calls"]
    present = [name for name in FUNCTIONS if name not in broken or failure != "missing"]
    problems = []
    if "LMSInitialize" in present and calls[:1] != ["LMSInitialize"]:
        problems.append(f"the first call was not LMSInitialize but {calls[:1]}")
    finishes = calls.count("LMSFinish")
    if finishes != ("LMSFinish" in present):
        problems.append(f"LMSFinish was called {finishes} times")
    elif finishes:
        at = calls.index("LMSFinish")
        if set(calls[at + 1 :]) - ERROR_QUERIES:
            problems.append(f"calls after LMSFinish: {calls[at + 1 :]}")
        before = [name for name in calls[:at] if name not in ERROR_QUERIES]
        if "LMSCommit" in present and before[-1:] != ["LMSCommit"]:
            problems.append(f"LMSFinish did not follow an LMSCommit but {before[-1:]}")
    return problems


def place_problems(stored: dict | None, answers, status: str) -> list[str]:
    """What is wrong with the learner's place as a platform stored it."""
    fragment = fragment_of(answers)
    wanted = {
        "cmi.suspend_data": fragment,
        "cmi.core.lesson_location": fragment,
        "cmi.core.exit": "suspend",
        "cmi.core.lesson_status": status,
    }
    if stored is None:
        return ["nothing was stored"]
    return [f"{key} is {stored.get(key)!r}, not {value!r}" for key, value in wanted.items() if stored.get(key) != value]


def broken_session(page: Page, path, broken: tuple[str, ...], failure: str, tree) -> list[str]:
    """One launch under an API with `broken` functions failing as `failure` says; what went wrong, if anything."""
    page.evaluate(
        "([functions, broken, failure]) => window.install(functions, broken, failure)", [FUNCTIONS, broken, failure]
    )
    page.evaluate("window.launch('package/index.html')")
    works = {name: name not in broken for name in FUNCTIONS}
    stores = works["LMSInitialize"] and works["LMSSetValue"]  # a platform that can take the place at all
    problems = []
    frame = sco(page)
    first, rest = path.answers[:2], path.answers[2:]
    choose(frame, first)
    expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
    if stores and works["LMSCommit"]:
        stored = page.evaluate("window.seen.stored")
        problems += [f"after two answers, {p}" for p in place_problems(stored, first, "incomplete")]
    choose(frame, rest)
    expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
    page.evaluate("window.leave()")
    seen = page.evaluate("window.seen")
    problems += session_problems(seen, broken, failure)
    if stores and (works["LMSCommit"] or works["LMSFinish"]):
        problems += [f"at the end, {p}" for p in place_problems(seen["stored"], path.answers, "completed")]
    if stores:
        responses = [
            [seen["live"].get(f"cmi.interactions.{i}.{key}") for key in ("id", "student_response")]
            for i in range(len(path.answers))
        ]
        if responses != [[answer_id, response] for answer_id, _, response in recorded(tree, path.answers)]:
            problems.append(f"the interactions are {responses}")
    return problems


@pytest.mark.parametrize("failure", FAILURES)
def test_on_a_platform_with_a_broken_function_the_session_finishes_and_keeps_the_place(
    browser: Browser, platforms, tree, failure
):
    """For each API function in turn, then for all of them at once, broken in this way."""
    path = next(p for p in iter_paths(tree) if len(p.answers) >= 3)
    hostile = platforms.base + "hostile.html"
    with fresh_page(browser) as page:
        problems = []
        with watching(page, hostile) as seen:
            page.goto(hostile)
            for broken in [(name,) for name in FUNCTIONS] + [FUNCTIONS]:
                label = broken[0] if len(broken) == 1 else "every function"
                problems += [f"{label} {failure}: {p}" for p in broken_session(page, path, broken, failure, tree)]
        assert seen.errors == [], "nothing is thrown into the page"
        assert seen.foreign == []
        assert problems == []


@pytest.mark.parametrize("where", ["two frames of another origin up", "the opener of a pop-up"])
def test_the_api_is_found_where_the_rte_says(browser: Browser, platforms, tree, where):
    path = next(p for p in iter_paths(tree) if len(p.answers) >= 3)
    hostile = platforms.base + "hostile.html"
    with fresh_page(browser) as page:
        with watching(page, hostile) as watch:
            page.goto(hostile)
            page.evaluate("(functions) => window.install(functions, [], 'none')", FUNCTIONS)
            if where == "the opener of a pop-up":
                with page.expect_popup() as opened:
                    page.evaluate("window.open('package/index.html', 'course')")
                course = opened.value
                frame = course.main_frame
            else:
                page.evaluate("(src) => window.launch(src)", platforms.nested)
                page.wait_for_function("() => window.seen.calls.length > 0")
                frame = next(f for f in page.frames if f.url.endswith("/package/index.html"))
            expect(frame.locator(STEP)).to_be_visible()
            choose(frame, path.answers)
            expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
            if where == "the opener of a pop-up":
                course.goto("about:blank")
            else:
                page.evaluate("window.leave()")
            seen = page.evaluate("window.seen")
        assert session_problems(seen, (), "none") == []
        assert place_problems(seen["stored"], path.answers, "completed") == []
        assert watch.errors == []
