"""The built site: every question and recommendation is a page, linked, navigable and offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from build_tools.site.text import flat
from build_tools.site.urls import question_uri, recommendation_uri
from build_tools.tree.cases import load_cases

from .conftest import site_address
from .repository import DEFAULT_TREE, ROOT


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a link on `page` opens, and its fragment: a relative link, or one from the root of the site's address."""
    parts = urlsplit(href)
    base = page.relative_to(site).as_posix()
    target = unquote(urljoin("/" + base, parts.path))
    if parts.path.startswith("/"):  # 404.html's links, under the path of the site's address
        target = "/" + target.removeprefix(urlsplit(site_address(site)).path)
    path = site / target.lstrip("/")
    if target.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def page_for(site: Path, uri: str) -> Path:
    """The HTML file for a source page such as 'tree/questions/impasse.md', in either URL style."""
    stem = uri.removesuffix(".md")
    flat = site / f"{stem}.html"
    return flat if flat.exists() else site / stem.removesuffix("index") / "index.html"


def name_of(path: Path) -> str:
    """'impasse' for both .../impasse/index.html and .../impasse.html."""
    return path.parent.name if path.name == "index.html" else path.stem


def test_every_generated_page_is_in_navigation_and_search(site, tree):
    generated = [
        p
        for p in html_files(site)
        if p.relative_to(site).as_posix().startswith("tree/")
        and '<meta http-equiv="refresh"' not in p.read_text("utf-8")
    ]  # a former id's address is a redirect page, not a page of its own
    fixed = [
        "tree/index.md",
        "tree/recommendations/index.md",
        "tree/glossary.md",
    ]  # the overview, the index, the glossary
    expected = [*fixed, *map(question_uri, tree.questions), *map(recommendation_uri, tree.recommendations)]
    assert sorted(generated) == sorted(page_for(site, uri) for uri in expected)
    for page in generated:
        nav_targets = {page_file(site, page, a["href"])[0] for a in soup(page).select("nav.md-nav--primary a[href]")}
        assert page in nav_targets, f"{page} is not linked from its own navigation"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searchable = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in generated:
        rel = page.relative_to(site).as_posix()
        assert rel in searchable or rel.removesuffix("index.html") in searchable, rel


def test_no_broken_internal_links_or_anchors(site):
    ids: dict[Path, set[str]] = {}
    for page in html_files(site):
        document = soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in document.find_all(tag, attrs={attr: True}):
                url = element[attr]
                if urlsplit(url).scheme or url.startswith(("mailto:", "//")):
                    continue
                target, fragment = page_file(site, page, url)
                assert target.exists(), f"{page.relative_to(site)}: {url} is broken"
                if fragment.startswith("a=") and target == page_for(site, "questionnaire.md"):
                    continue  # the questionnaire's state, not an anchor; test_questionnaire.py follows these
                if fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = {e["id"] for e in soup(target).find_all(id=True)}
                    assert fragment in ids[target], f"{page.relative_to(site)}: {url} has no anchor #{fragment}"


def test_nothing_points_at_another_host(site):
    own = site_address(site)  # canonical links name the site itself
    for page in html_files(site):
        document = soup(page)
        for element in document.find_all(src=True) + document.find_all(href=True):
            url = element.get("src") or element.get("href")
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                assert url.startswith(own), f"{page.relative_to(site)}: {element.name} points at {url}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_question_pages_offer_every_option_and_a_way_back(site, tree):
    for question in tree.questions.values():
        page = page_for(site, f"tree/questions/{question.id}.md")
        text = soup(page).select_one("article").get_text(" ", strip=True)
        assert question.prompt in text and question.why in text
        if question.id != tree.start:
            assert "Start again" in text
        assert tree.factors[question.factor].title in text


def test_recommendation_pages_explain_themselves(site, tree):
    for rec in tree.recommendations.values():
        page = page_for(site, f"tree/recommendations/{rec.id}.md")
        article = soup(page).select_one("article")
        text = article.get_text(" ", strip=True)
        steps = [step for setting in tree.settings or [None] for step in rec.advice(setting).next_steps]
        for part in (rec.verdict, *rec.risks, *steps):
            assert part in text
        assert article.select_one(".admonition.warning"), "risks are set apart"
        factor_links = {name_of(page_file(site, page, a["href"])[0]) for a in article.select("a[href*='factors']")}
        assert set(rec.factors) <= factor_links
        assert "How readers get here" in text


def test_factor_pages_link_to_the_recommendations_they_ground(site, tree):
    for factor in tree.factors.values():
        page = page_for(site, factor.page)
        linked = {page_file(site, page, a["href"])[0] for a in soup(page).select("article a[href]")}
        for rec in tree.recommendations.values():
            if factor.id in rec.factors:
                assert page_for(site, f"tree/recommendations/{rec.id}.md") in linked, (factor.id, rec.id)


def test_overview_has_a_linked_diagram_and_an_outline_of_every_node(site, tree):
    page = page_for(site, "tree/index.md")
    document = soup(page)
    svg = document.select_one(".tree-diagram svg")
    assert svg is not None and svg.get("aria-label")
    svg_targets = {page_file(site, page, a["xlink:href"])[0] for a in svg.find_all("a")}
    outline_targets = {page_file(site, page, a["href"])[0] for a in document.select(".tree-outline a")}
    for node_id in tree.node_ids:
        kind = "questions" if node_id in tree.questions else "recommendations"
        expected = page_for(site, f"tree/{kind}/{node_id}.md")
        assert expected in svg_targets and expected in outline_targets


@pytest.mark.slow  # runs `mkdocs build`, in a subprocess
def test_an_invalid_tree_fails_the_build_with_located_messages(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text().replace("next: second", "next: secnod"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "ESCALATION_TREE": str(broken)},
    )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{broken}:24:15: error: option 'yes' of question 'first' leads to 'secnod'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists(), "nothing is written for a broken tree"


@pytest.mark.parametrize("flag", [[], ["--no-directory-urls"]])
def test_render_writes_the_same_pages_for_other_engines(tmp_path, tree, flag):
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "render", "--out", str(tmp_path), *flag], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")}
    assert {f"tree/questions/{q}.md" for q in tree.questions} <= written
    assert {f"tree/recommendations/{r}.md" for r in tree.recommendations} <= written
    assert {"tree/index.md", "tree/recommendations/index.md"} <= written


def test_every_setting_finds_its_words_to_say_and_what_if_they_say_no_on_each_recommendation(site, tree):
    """One section per setting, at `#<setting>`, with the setting's own words, copyable, and its ladder."""
    assert tree.settings, "the published tree has settings"
    for rec in tree.recommendations.values():
        article = soup(page_for(site, f"tree/recommendations/{rec.id}.md")).select_one("article")
        sections = {s.find("h2")["id"]: s for s in article.select("section.setting-advice")}
        assert list(sections) == list(tree.settings), rec.id
        for setting, section in sections.items():
            advice = rec.advice(setting)
            assert flat(section.find("h2").get_text()).rstrip("¶").strip() == flat(tree.settings[setting].title)
            opening, email = section.select(".say[data-copyable]")
            assert flat(opening.get_text()) == flat(advice.what_to_say.opening)
            assert [flat(p.get_text()) for p in email.find_all("p")] == [
                flat(f"Subject: {advice.what_to_say.email_subject}"),
                *map(flat, advice.what_to_say.email),
            ]
            still_no = next(h for h in section.find_all("h3") if "still no" in h.get_text())
            moves = still_no.find_next_sibling("ol")
            assert [flat(li.get_text()) for li in moves.find_all("li")] == list(map(flat, advice.if_still_no))


def test_the_glossary_defines_every_term_and_each_question_links_to_its_terms(site, tree):
    glossary = soup(page_for(site, "tree/glossary.md")).select_one("article")
    headings = {h["id"]: flat(h.get_text()).rstrip("¶").strip() for h in glossary.find_all("h2")}
    assert headings == {t.id: flat(t.term) for t in tree.glossary.values()}
    text = flat(glossary.get_text())
    assert all(flat(t.definition) in text for t in tree.glossary.values())
    for question in tree.questions.values():
        page = page_for(site, f"tree/questions/{question.id}.md")
        links = soup(page).select("article a[href*='glossary']")
        assert [page_file(site, page, a["href"])[1] for a in links] == list(question.terms)


def test_each_case_study_has_a_page_with_its_story_first_and_its_answer_folded(site, tree):
    cases = load_cases(DEFAULT_TREE, tree)
    index = soup(page_for(site, "cases/index.md"))
    listed = {
        name_of(page_file(site, page_for(site, "cases/index.md"), a["href"])[0]) for a in index.select("article li a")
    }
    assert listed == {case.id for case in cases}
    for case in cases:
        article = soup(page_for(site, f"cases/{case.id}.md")).select_one("article")
        assert flat(case.story) in flat(article.get_text())
        answer = article.select_one("details.case-answer")
        assert answer is not None and not answer.has_attr("open"), "the answer starts folded"
        story_at = flat(article.get_text()).index(flat(case.story))
        assert story_at < flat(article.get_text()).index("The guide's answer")
        folded = flat(answer.get_text())
        assert flat(tree.recommendations[case.expected].title) in folded and flat(case.teaching_note) in folded
        assert [a.get_text() for a in answer.select("li a")] == [tree.questions[q].prompt for q, _ in case.answers]


def test_the_overview_names_every_setting_with_who_is_on_each_side(site, tree):
    overview = soup(page_for(site, "tree/index.md")).select_one("article")
    heading = next(h for h in overview.find_all("h2") if flat(h.get_text()).rstrip("¶").strip() == "Settings")
    listed = [flat(li.get_text()) for li in heading.find_next("ul").find_all("li")]
    assert listed == [flat(f"{s.title}. {s.summary}") for s in tree.settings.values()]
