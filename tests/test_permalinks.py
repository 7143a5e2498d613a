"""Links that never break: every URL in the lock resolves, and a renamed node keeps its old links working."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_tools.cli.commands import main
from build_tools.site.lockfile import LOCK_NAME, read_lock

from .browsing import serving, watching
from .conftest import build_site
from .repository import DEFAULT_TREE

LOCK = DEFAULT_TREE.with_name(LOCK_NAME)
STEP = ".qn-ready .qn-step[data-node-id]"

# One question, one of its options and one recommendation get new ids, none of them linked from docs/.
RENAMES = {
    "question": ("still-working-together", "working-together-later"),
    "option": ("keep-working", "still-needed"),
    "recommendation": ("likely-to-backfire", "backfire-risk"),
}
OLD_LINK = "#a=setting.customer/urgency.can-wait/authority-signals.said-nothing/impasse.deadlocked/other-strategies.tried/person-above-backs.backs-them"


def renamed_tree(folder: Path, *, declare: bool) -> Path:
    """A copy of the project's tree, cases and lock with RENAMES applied; `declare` adds the former_ids."""
    for name in ("escalation.yaml", "cases.yaml", LOCK_NAME):
        shutil.copy(DEFAULT_TREE.with_name(name), folder / name)
    tree, cases = folder / "escalation.yaml", folder / "cases.yaml"
    text, story = tree.read_text(encoding="utf-8"), cases.read_text(encoding="utf-8")
    for old, new in RENAMES.values():
        text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
        story = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, story)
    if declare:
        q_old, q_new = RENAMES["question"]
        r_old, r_new = RENAMES["recommendation"]
        o_old, o_new = RENAMES["option"]
        text = text.replace(f"\n  {q_new}:\n", f"\n  {q_new}:\n    former_ids: [{q_old}]\n", 1)
        text = text.replace(f"\n  {r_new}:\n", f"\n  {r_new}:\n    former_ids: [{r_old}]\n", 1)
        text = text.replace(f"      - id: {o_new}\n", f"      - id: {o_new}\n        former_ids: [{o_old}]\n", 1)
    tree.write_text(text, encoding="utf-8")
    cases.write_text(story, encoding="utf-8")
    return tree


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def answering_files(url: str, directory_urls: bool) -> list[str]:
    """The files that can answer a locked URL: `/x/` is x/index.html, or x.html (or x/index.html) without directory URLs."""
    path = url.strip("/")
    if not url.endswith("/"):
        return [path]  # a download
    if directory_urls or not path:
        return [f"{path}/index.html".lstrip("/")]
    return [f"{path}.html", f"{path}/index.html"]


def test_every_url_in_the_lock_is_a_page_of_the_built_site_and_every_page_is_locked(site: Path):
    directory_urls = (site / "about" / "index.html").exists()
    entries, problems = read_lock(LOCK)
    assert problems == []
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = site_files(site) - {"404.html"}
    answered = {entry.url: [f for f in answering_files(entry.url, directory_urls) if f in files] for entry in entries}
    assert [url for url, files in answered.items() if not files] == [], "locked URLs the site no longer answers"
    locked = {files[0] for files in answered.values() if files}
    assert pages - locked == set(), "pages the lock does not list: run permalinks --update"


def test_renaming_without_former_ids_fails_check_naming_the_url_and_the_fix(tmp_path, capsys):
    tree = renamed_tree(tmp_path, declare=False)
    assert main(["check", str(tree)]) == 1
    err = capsys.readouterr().err
    lock = tmp_path / LOCK_NAME
    for kind in ("question", "recommendation"):
        old, _ = RENAMES[kind]
        folder = "questions" if kind == "question" else "recommendations"
        line = lock.read_text(encoding="utf-8").splitlines().index(f"/tree/{folder}/{old}/") + 1
        assert f"{LOCK_NAME}:{line}:1: error: the published URL '/tree/{folder}/{old}/' no longer resolves" in err
        assert f"`former_ids: [{old}]`" in err
    assert "Traceback" not in err


def test_declaring_the_move_passes_check_once_the_lock_adds_the_new_urls(tmp_path, capsys):
    tree = renamed_tree(tmp_path, declare=True)
    assert main(["check", str(tree)]) == 1
    assert (
        "that the lock does not list yet, such as '/tree/questions/working-together-later/'" in capsys.readouterr().err
    )
    before = (tmp_path / LOCK_NAME).read_text(encoding="utf-8")
    assert main(["permalinks", "--update", str(tree)]) == 0
    after = (tmp_path / LOCK_NAME).read_text(encoding="utf-8")
    assert after.startswith(before), "an update only ever adds lines"
    assert set(after.splitlines()) - set(before.splitlines()) == {
        "/tree/questions/working-together-later/",
        "/tree/recommendations/backfire-risk/",
    }
    assert main(["check", str(tree)]) == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tree/", "'tree/' is not a site-relative URL: it must start with a single /"),
        ("/../escaped/ -> /about/", "'/../escaped/' has a '..' segment, which would lead outside the site"),
        ("/cases/ -> /tree/../../x/", "'/tree/../../x/' has a '..' segment"),
        ("//elsewhere.example/ -> /about/", "'//elsewhere.example/' is not a site-relative URL"),
        ("/about//again/", "'/about//again/' has an empty segment"),
        ("/About/", "'/About/' has the segment 'About': use lowercase letters"),
        ("/tree\\questions/", "'/tree\\\\questions/' has the segment 'tree\\\\questions'"),
        ("/about/", "'/about/' is already listed at line"),
        ("/old-page/ -> /no-such-page/", "'/old-page/' moves to '/no-such-page/', which the site does not publish"),
        ("/about/ -> /tree/", "'/about/' is published again, so it cannot also move to '/tree/'"),  # replaces /about/
        ("/guide-we-retired/", "the published URL '/guide-we-retired/' no longer resolves: restore its page, or"),
    ],
)
def test_a_bad_lock_line_is_reported_at_its_line(tmp_path, capsys, line, message):
    tree = renamed_tree(tmp_path, declare=True)
    main(["permalinks", "--update", str(tree)])
    lock = tmp_path / LOCK_NAME
    lines = lock.read_text(encoding="utf-8").splitlines()
    url = line.split()[0]
    if "->" in line and url in lines:
        lines[lines.index(url)] = line
    else:
        lines.append(line)
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    number = len(lines) - lines[::-1].index(line)
    assert main(["check", str(tree)]) == 1
    assert f"{LOCK_NAME}:{number}:1: error: {message}" in capsys.readouterr().err


def test_a_gone_page_with_a_line_old_to_new_redirects(tmp_path, capsys):
    tree = renamed_tree(tmp_path, declare=True)
    main(["permalinks", "--update", str(tree)])
    lock = tmp_path / LOCK_NAME
    lock.write_text(lock.read_text(encoding="utf-8") + "/guide-we-retired/ -> /tree/\n", encoding="utf-8")
    assert main(["check", str(tree)]) == 0


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Iterator[str]:
    """The site built from the renamed tree with its moves declared, served; yields its base URL."""
    folder = tmp_path_factory.mktemp("renamed-tree")
    tree = renamed_tree(folder, declare=True)
    assert main(["permalinks", "--update", str(tree)]) == 0
    root = tmp_path_factory.mktemp("renamed-www")
    with serving(root) as origin:
        base = origin + "guide/"
        site = build_site(root / "guide", site_url=base, tree=tree)
        site.joinpath(LOCK_NAME).write_text(tree.with_name(LOCK_NAME).read_text(encoding="utf-8"), encoding="utf-8")
        yield base


@pytest.mark.parametrize("kind", ["question", "recommendation"])
def test_the_old_url_of_a_renamed_node_lands_on_it_without_javascript(browser: Browser, renamed_site, kind):
    old, new = RENAMES[kind]
    folder = "questions" if kind == "question" else "recommendations"
    with browser.new_context(java_script_enabled=False) as context:
        page = context.new_page()
        violations: list[str] = []
        page.on(
            "console", lambda message: violations.append(message.text) if "Content Security" in message.text else None
        )
        with watching(page, renamed_site) as seen:
            page.goto(f"{renamed_site}tree/{folder}/{old}/")
            page.wait_for_url(f"{renamed_site}tree/{folder}/{new}/")
            expect(page.locator("h1")).to_be_visible()
        assert seen.foreign == [] and violations == []


def test_the_redirect_page_names_the_new_page_by_a_canonical_link_and_a_plain_one(browser: Browser, renamed_site):
    old, new = RENAMES["recommendation"]
    with browser.new_page() as page:
        html = page.request.get(f"{renamed_site}tree/recommendations/{old}/").text()
        assert 'http-equiv="Content-Security-Policy"' in html
        assert "<script" not in html
        assert f'<link rel="canonical" href="{renamed_site}tree/recommendations/{new}/">' in html
        assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in html
        assert f'<a href="../{new}/">' in html


def test_an_old_questionnaire_link_resumes_at_the_same_place_in_todays_ids(browser: Browser, renamed_site):
    with browser.new_page() as page:
        q_old, q_new = RENAMES["question"]
        o_old, o_new = RENAMES["option"]
        page.goto(f"{renamed_site}questionnaire/{OLD_LINK}/{q_old}.{o_old}")
        page.wait_for_selector(STEP)
        expect(page.locator(STEP)).to_have_attribute("data-node-id", RENAMES["recommendation"][1])
        expect(page.locator(".qn-notice")).to_be_hidden()
        assert page.url.endswith(f"{OLD_LINK}/{q_new}.{o_new}"), "the link is rewritten in today's ids"


def test_a_case_that_still_uses_a_former_id_replays_and_is_told_the_new_one(tmp_path, capsys):
    tree = renamed_tree(tmp_path, declare=True)
    shutil.copy(DEFAULT_TREE.with_name("cases.yaml"), tmp_path / "cases.yaml")  # the cases keep the old ids
    main(["check", str(tree)])
    err = capsys.readouterr().err
    old, new = RENAMES["question"]
    assert f"answer 7, names '{old}', which is now '{new}': it still works" in err
    assert not [line for line in err.splitlines() if "cases.yaml" in line and ": error: " in line]


def test_an_unreadable_lock_is_one_located_error(tmp_path, capsys):
    tree = renamed_tree(tmp_path, declare=True)
    (tmp_path / LOCK_NAME).write_bytes(b"/\xff\xfe/\n")
    assert main(["check", str(tree)]) == 1
    err = capsys.readouterr().err
    assert f"{LOCK_NAME}:1:1: error: cannot read the lock" in err and "Traceback" not in err
