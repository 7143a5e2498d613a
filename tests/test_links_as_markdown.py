"""Links are read as Markdown reads them, by `check`, the build and `rename` alike, and `rename` changes nothing else.

A link shown in a code block or in inline code is text. Lines end at `\\n`
only: U+2028, NEL, form and line feeds of other kinds are characters within a
line, as Python-Markdown reads them. A page keeps its line endings, its byte
order mark and every byte but the ids `rename` rewrites.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli.commands import main
from build_tools.files.rewrite import rewrite_ids
from build_tools.site.layout import SiteLayout, follow_moved_links
from build_tools.site.mdlinks import PageUnreadable, links, page_text, position
from build_tools.tree.problems import Loc
from build_tools.tree.yamlsource import read

from .conftest import examples

OLD, NEW = "keep-negotiating", "keep-talking"  # a recommendation docs/factors/other-strategies.md links to
TARGET = f"../tree/recommendations/{OLD}.md"
MOVED = {f"tree/recommendations/{OLD}.md": (f"tree/recommendations/{NEW}.md", OLD, NEW)}
ODD_BREAKS = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]  # str.splitlines() breaks at each


def targets(text: str) -> list[str]:
    return [link.target for link in links(text)]


@pytest.mark.parametrize(
    "shown",
    [
        "```\n[a](x.md)\n```",
        "~~~~ markdown\n[a](x.md)\n~~~~",
        "Some `[a](x.md)` text",
        "Some ``code with ` and [a](x.md)`` text",
        "Paragraph.\n\n    [a](x.md)\n",
        "<!-- [a](x.md) -->",
        "```\n[a]: x.md\n```",
    ],
)
def test_a_link_shown_as_code_is_text(shown):
    assert targets(shown + "\n\n[b](y.md)\n") == ["y.md"]


def test_links_in_lists_and_after_code_are_links():
    page = "- item\n\n    [a](x.md)\n\n```\ncode\n```\n\n[b]: y.md\nA `code` then [c](z.md) and [see][b].\n"
    assert targets(page) == ["x.md", "y.md", "z.md"]


@pytest.mark.parametrize("separator", ODD_BREAKS)
def test_positions_count_lines_at_newlines_only(separator):
    page = f"first{separator}still the first line\r\nsecond [a](x.md)\n"
    (link,) = links(page)
    assert position(page, link.start) == (2, 12)


def test_a_page_that_is_not_utf8_is_named_at_its_first_foreign_byte(tmp_path):
    page = tmp_path / "latin.md"
    page.write_bytes("# Menu\n\nCaf\u00e9 cr\u00e8me\n".encode("latin-1"))
    with pytest.raises(PageUnreadable) as refused:
        page_text(page, "docs/latin.md")
    assert refused.value.problem.format().startswith("docs/latin.md:3:4: error: this page is not UTF-8 text")
    assert "save it as UTF-8" in str(refused.value)


def test_check_passes_a_link_shown_as_code_and_finds_a_real_one_past_odd_line_breaks(project, monkeypatch, capsys):
    about = project / "docs" / "about.md"
    shown = "[an example](tree/questions/no-such-question.md)"
    about.write_text(
        f"# About\n\n```\n{shown}\n```\n\nSee `{shown}`.\u2028A form feed\x0chere, then [a real one](tree/questions/gone.md).\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "no-such-question" not in err, "a link shown as code is not checked"
    line = about.read_text(encoding="utf-8").split("\n")[6]  # line 7, as an editor counts
    column = line.index("tree/questions/gone.md") + 1
    assert f"docs/about.md:7:{column}: error: links to 'tree/questions/gone.md'" in err, err


QUESTION = ("boss-likelier", "manager-reason")  # answered by most case studies


def rename_nodes(project: Path) -> None:
    """The recommendation OLD becomes NEW, and the question QUESTION[0] QUESTION[1], each with `former_ids`."""
    tree = project / "decision_tree" / "escalation.yaml"
    text = tree.read_text(encoding="utf-8")
    for old, new in ((OLD, NEW), QUESTION):
        text = text.replace(f"\n  {old}:\n", f"\n  {new}:\n    former_ids: [{old}]\n").replace(
            f"next: {old}\n", f"next: {new}\n"
        )
    tree.write_text(text, encoding="utf-8")


def test_rename_rewrites_the_links_and_ids_and_not_one_byte_more(project, monkeypatch, capsys):
    """CRLF, a byte order mark, U+2028 in prose and in YAML, the id as a word and in code, a block-style pair."""
    rename_nodes(project)
    page = project / "docs" / "factors" / "other-strategies.md"
    text = page.read_text(encoding="utf-8").replace(
        f"]({TARGET})",
        f"]({TARGET}), and in prose the word {OLD}\u2028stays; so does `[code]({TARGET})`",
    )
    page.write_bytes(("\ufeff" + text + f"\n```\n[shown]({TARGET})\n```\n").replace("\n", "\r\n").encode("utf-8"))
    cases = project / "decision_tree" / "cases.yaml"
    story = cases.read_text(encoding="utf-8")
    block = story.replace("    expected: keep-negotiating\n", f"    expected:\n      {OLD}\n", 1)
    old_question, new_question = QUESTION
    pair = f"      - [{old_question}, likelier]\n"
    assert pair in block
    block = block.replace(pair, f"      - - {old_question}\n        - likelier\n", 1)
    # libyaml ends a line at U+2028 and NEL too; the places check names must still be the editor's lines.
    block = block.replace("    title: The unpaid invoice\n", '    title: "The unpaid\u2028invoice"  # \x85 \u2029\n', 1)
    cases.write_bytes(block.replace("\n", "\r\n").encode("utf-8"))
    before = {path: path.read_bytes() for path in (page, cases)}
    monkeypatch.chdir(project)
    assert main(["permalinks", "--update"]) == 0
    capsys.readouterr()

    assert main(["rename"]) == 0
    out = capsys.readouterr().out
    assert "docs/factors/other-strategies.md: 1 old id rewritten" in out, out
    for path, old in before.items():
        new = path.read_bytes()
        assert new != old, f"{path.name} is rewritten"
        restored = new.replace(NEW.encode(), OLD.encode()).replace(new_question.encode(), old_question.encode())
        assert restored == old, f"{path.name} differs only in the ids"
    written = page.read_text(encoding="utf-8")
    assert written.count(NEW) == 1 and written.count(OLD) == 3, "the link only: not the prose, not the code"
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "", "no note is left, the block-style pair's included"


def test_a_page_that_is_not_utf8_stops_check_and_rename_before_anything_is_written(project, monkeypatch, capsys):
    rename_nodes(project)
    (project / "docs" / "menu.md").write_bytes("# Caf\u00e9\n".encode("latin-1"))
    cases = project / "decision_tree" / "cases.yaml"
    before = cases.read_bytes()
    monkeypatch.chdir(project)
    for command in ("check", "rename"):
        assert main([command]) == 1
        err = capsys.readouterr().err
        assert "docs/menu.md:1:6: error: this page is not UTF-8 text" in err and "Traceback" not in err, err
    assert cases.read_bytes() == before, "rename wrote nothing"


# Pieces of a page: prose (which may name the old id as a word), real links, and links shown as code.
MARKUP = ["`", "\\`", "```", "\n", "\n\n", "\n\n    ", "\n- ", "\n<!-- ", " -->", "\n# "]
PROSE = st.lists(st.sampled_from(["a", " ", OLD, "é", "(", ")", "]", "[", *MARKUP, *ODD_BREAKS]), max_size=12).map(
    "".join
)
REAL = st.just(f"[go]({TARGET})")
SHOWN = st.sampled_from([f"`[go]({TARGET})`", f"``[go]({TARGET})``"])
FENCED = st.sampled_from([f"\n\n```\n[go]({TARGET})\n```\n\n", f"\n\n~~~\n[go]({TARGET})\n~~~\n\n"])


@st.composite
def pages(draw) -> str:
    """A page's text: Python-Markdown itself says which of its links are links (markdown_links)."""
    pieces = draw(st.lists(st.one_of(PROSE, REAL, SHOWN, FENCED), max_size=8))
    return "".join(pieces).replace("\n", draw(st.sampled_from(["\n", "\r\n"])))


PAGES = settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def markdown_links(text: str) -> int:
    """How many links to the old page Python-Markdown itself makes of `text`, with MkDocs' extensions."""
    html = markdown.markdown(text, extensions=["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"])
    return html.count(f'href="{TARGET}"')


@PAGES
@given(pages())
def test_any_page_has_its_real_links_and_only_them_followed(text):
    followed = follow_moved_links(text, "factors/page.md", MOVED)
    assert followed.count(f"recommendations/{NEW}.md") == markdown_links(text), "as Markdown reads them"
    assert followed.replace(NEW, OLD) == text, "nothing else changes"


@PAGES
@given(pages(), st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]))
def test_any_page_in_any_encoding_is_checked_or_named_at_its_first_foreign_byte(tmp_path, text, encoding):
    docs = tmp_path / "docs"
    (docs / "factors").mkdir(parents=True, exist_ok=True)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # the editor could not have saved it so
    (docs / "factors" / "page.md").write_bytes(data)
    layout = SiteLayout.from_nav(docs, None)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as err:
        (problem,) = layout.unreadable_pages()
        valid = data[: err.start].decode("utf-8")
        assert (problem.loc.line, problem.loc.col) == position(valid, len(valid))
        assert list(layout.links_into_generated_pages()) == []
    else:
        assert layout.unreadable_pages() == []
        found = list(layout.links_into_generated_pages())
        assert len(found) == markdown_links(decoded)
        for loc, target in found:
            line = decoded.split("\n")[loc.line - 1]
            assert line[loc.col - 1 :].startswith(TARGET), "the position is the link's, counted at \\n only"
            assert target == f"tree/recommendations/{OLD}.md"


@pytest.mark.parametrize("ending", [".md", ".md#what-to-say"])
def test_a_former_id_that_also_names_a_folder_is_rewritten_only_as_the_page(ending):
    moved = {
        "tree/recommendations/recommendations.md": ("tree/recommendations/keep-talking.md", "recommendations", NEW)
    }
    page = f"See [the old page](../tree/recommendations/recommendations{ending}).\n"
    expected = f"See [the old page](../tree/recommendations/{NEW}{ending}).\n"
    assert follow_moved_links(page, "factors/page.md", moved) == expected


def test_a_link_in_the_front_matter_is_metadata_not_a_link():
    """MkDocs takes the front matter off before Markdown reads the page, and checks no link in it."""
    page = f'---\ndescription: "Once at [the old page]({TARGET})"\n---\n\n# Title\n\nNow at [the page]({TARGET}).\n'
    (link,) = links(page)
    assert position(page, link.start) == (7, 19)
    followed = follow_moved_links(page, "factors/page.md", MOVED)
    assert followed.count(OLD) == 1 and followed.startswith(page[:60]), "the metadata is left as written"


def test_rename_writes_only_at_the_id_a_check_found_and_never_further_along_the_line(tmp_path):
    """An id written with a YAML escape is left for the editor; the same word in a comment is never touched."""
    cases = tmp_path / "cases.yaml"
    wide = " " * 70_000  # a column past 65,535, where positions were once cut short
    cases.write_text(
        f'- ["boss\\x2dlikelier", likelier]  # was boss-likelier\n- {{{wide}a: [boss-likelier, x]}}  # boss-likelier\n',
        encoding="utf-8",
    )
    line_two = cases.read_text(encoding="utf-8").split("\n")[1]
    column = line_two.index("boss-likelier") + 1
    assert read(cases.read_text(encoding="utf-8"), "cases.yaml").locate([1, "a", 0]) == Loc("cases.yaml", 2, column)
    edits = [(1, 4, "boss-likelier", "manager-reason"), (2, column, "boss-likelier", "manager-reason")]
    assert rewrite_ids(cases, edits) == 1
    first, second, _ = cases.read_text(encoding="utf-8").split("\n")
    assert first == '- ["boss\\x2dlikelier", likelier]  # was boss-likelier'
    assert second.endswith("a: [manager-reason, x]}  # boss-likelier")


def test_a_utf16_page_is_told_how_to_become_utf8(tmp_path):
    page = tmp_path / "notes.md"
    page.write_bytes("# Notes\n".encode("utf-16"))
    with pytest.raises(PageUnreadable, match=r"UTF-16 by its first bytes.*iconv -f UTF-16 -t utf-8"):
        page_text(page)


def test_a_link_in_an_included_file_is_checked_at_the_include_and_never_rewritten_behind_the_editors_back(
    project, monkeypatch, capsys
):
    """docs/changelog.md includes CHANGELOG.md: the build reads its links, but cannot follow them to a new page."""
    rename_nodes(project)
    changelog = project / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8") + f"\nSee [the advice](tree/recommendations/{OLD}.md).\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    assert main(["permalinks", "--update"]) == 1
    err = capsys.readouterr().err
    include = (project / "docs" / "changelog.md").read_text(encoding="utf-8").split("\n").index('--8<-- "CHANGELOG.md"')
    assert (
        f"docs/changelog.md:{include + 1}:1: error: a file this page includes links to 'tree/recommendations/{OLD}.md'"
        in err
    )
    assert f"write '{NEW}' there" in err, err
    before = changelog.read_bytes()
    assert main(["rename"]) == 1, "check's error stops rename"
    assert changelog.read_bytes() == before


def test_an_included_file_that_is_not_utf8_is_named_at_the_include(project, monkeypatch, capsys):
    changelog = project / "CHANGELOG.md"
    changelog.write_bytes(changelog.read_bytes() + "\n- Caf\u00e9\n".encode("latin-1"))
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "docs/changelog.md:3:1: error: a file this page includes is not UTF-8 text (byte 0xe9)" in err, err
    assert "Traceback" not in err
