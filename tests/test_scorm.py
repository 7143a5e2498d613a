"""The SCORM 1.2 package: a valid manifest, reproducible bytes, and a learner's run under a real runtime.

The runtime is scorm-again, which learning platforms use, installed by `make test`
from tests/scorm_runtime/package-lock.json. A page plays the platform: it puts
`window.API = new Scorm12API()` in place and launches the package's page in a
frame, as a platform does.
"""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from benchmarks.browser import serving
from build_tools.paths import iter_paths
from build_tools.project import DEFAULT_TREE
from build_tools.scorm import package, package_files
from build_tools.urls import SCORM_PACKAGE

from .browsing import watching

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


@pytest.fixture(scope="module")
def zipped(site_root) -> bytes:
    return (site_root / SCORM_PACKAGE).read_bytes()


@pytest.fixture(scope="module")
def platform(tmp_path_factory, zipped) -> Iterator[str]:
    """A platform page beside the unzipped package, served; yields the page's URL."""
    assert RUNTIME.is_file(), "scorm-again is missing: `make test-deps` installs it from its lockfile"
    folder = tmp_path_factory.mktemp("platform")
    zipfile.ZipFile(io.BytesIO(zipped)).extractall(folder / "package")
    shutil.copy(RUNTIME, folder / "scorm12.js")
    (folder / "platform.html").write_text(PLATFORM, encoding="utf-8")
    with serving(folder) as origin:
        yield origin + "platform.html"


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


def test_the_same_tree_gives_the_same_bytes(zipped, site_root, served_site, tree):
    """Rebuilt from the same sources in this process, later, the package is byte for byte the one the build wrote."""
    from build_tools.questionnaire_data import questionnaire_data
    from build_tools.urls import QUESTIONNAIRE_DATA

    generated = {QUESTIONNAIRE_DATA: questionnaire_data(tree, directory_urls=True)}
    files = package_files(
        tree, DEFAULT_TREE.parent.parent / "docs", generated, directory_urls=True, site_url=served_site
    )
    assert package(tree, files) == zipped
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zipfile.ZipFile(io.BytesIO(zipped)).infolist())


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
    page = browser.new_page()
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
        assert learner["interactions"] == [[q, "choice", o] for q, o in first], "one interaction per answer"
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
    page.close()

    # Relaunched with what the platform kept: the learner is back at the same question.
    page = browser.new_page()
    page.goto(f"{platform}?resume={quote(fragment)}")
    frame = sco(page)
    expect(frame.locator(STEP)).to_have_attribute("data-node-id", rest[0][0])
    expect(frame.locator(".qn-trail li")).to_have_count(len(first))
    choose(frame, rest)
    expect(frame.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
    learner = page.evaluate("window.learner()")
    assert learner["status"] == "completed"
    assert learner["interactions"] == [[q, "choice", o] for q, o in rest], "earlier answers are not recorded twice"
    assert learner["suspend"] == "#a=" + "/".join(f"{q}.{o}" for q, o in path.answers)
    page.close()


def test_without_a_platform_the_package_works_on_its_own(browser: Browser, platform, tree):
    page = browser.new_page()
    with watching(page, platform) as seen:
        page.goto(platform.rsplit("/", 1)[0] + "/package/index.html")
        path = next(iter_paths(tree))
        page.wait_for_selector(STEP)
        for question, option in path.answers:
            page.click(f'.qn-step[data-node-id="{question}"] [data-option-id="{option}"]')
        expect(page.locator(STEP)).to_have_attribute("data-node-id", path.recommendation)
    assert seen.errors == []
    page.close()
