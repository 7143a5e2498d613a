"""Each kind of authoring mistake is reported at its exact line and column, with a useful message.

Every case starts from tests/fixtures/minimal.yaml, which is sound, and makes
one edit to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli.commands import main
from build_tools.site.fit import site_problems
from build_tools.site.layout import SiteLayout
from build_tools.tree.checks import check_text

from .repository import ROOT

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, f"the edit {old!r} must match exactly once"
    return MINIMAL.replace(old, new)


CASES = [
    pytest.param(
        "        next: second\n",
        "        next: secnod\n",
        [
            (
                24,
                15,
                "option 'yes' of question 'first' leads to 'secnod', which is neither a question nor a recommendation (did you mean 'second'?)",
            ),
            (29, 3, "question 'second' cannot be reached from the start 'first'"),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="misspelt-next",
    ),
    pytest.param(
        "start: first\n",
        "start: frist\n",
        [(8, 8, "start 'frist' is not a question in this tree (did you mean 'first'?)")],
        id="misspelt-start",
    ),
    pytest.param(
        "        next: go\n",
        "        next: first\n",
        [
            (
                38,
                15,
                "option 'on' of question 'second' leads back to 'first', making a loop: first -> second -> first.",
            ),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="cycle",
    ),
    pytest.param(
        "        next: second\n",
        "        next: go\n",
        [(29, 3, "question 'second' cannot be reached from the start 'first'")],
        id="orphan-question",
    ),
    pytest.param(
        "  second:\n    title: Second\n",
        "  first:\n    title: Second\n",
        [
            (24, 15, "leads to 'second', which is neither a question nor a recommendation"),
            (29, 3, "duplicate key 'first' (first defined at line 15): remove or rename one"),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "  stop:\n    title: Stop here\n",
        "  second:\n    title: Stop here\n",
        [
            (28, 15, "option 'no' of question 'first' leads to 'stop', which is neither"),
            (42, 15, "option 'off' of question 'second' leads to 'stop', which is neither"),
            (53, 3, "id 'second' is used by both a question (line 29) and a recommendation"),
        ],
        id="duplicate-id-across-sections",
    ),
    pytest.param(
        "      - id: off\n",
        "      - id: on\n",
        [(39, 13, "question 'second' has two options with id 'on' (the first is at line 35)")],
        id="duplicate-option-id",
    ),
    pytest.param(
        "        label: Switch it off\n",
        "        label: Switch it  ON\n",
        [(40, 16, "question 'second' has two options labelled 'Switch it  ON' (the first is at line 36)")],
        id="duplicate-option-label",
    ),
    pytest.param(
        MINIMAL[MINIMAL.index("    options:\n      - id: on") : MINIMAL.index("recommendations:")],
        "    options: []\n",
        [
            (34, 14, "question 'second' has 0 options and is a dead end: a question needs at least 2"),
            (36, 3, "recommendation 'go' is never reached"),
        ],
        id="dead-end",
    ),
    pytest.param(
        "        next: stop\nrecommendations:\n",
        "        next: stop\n"
        + "".join(
            f"      - id: more-{n}\n        label: More {n}\n        meaning: M.\n        next: go\n" for n in range(35)
        )
        + "recommendations:\n",
        [
            (
                35,
                7,
                "question 'second' has 37 options, more than the 36 a learning platform can record "
                "(one letter or digit each): split it into two questions",
            )
        ],
        id="too-many-options",
    ),
    pytest.param(
        "    prompt: Switch it on or off?\n",
        "    prompt: '   '\n",
        [(31, 13, "'prompt' in question 'second' must not be blank")],
        id="blank-prompt",
    ),
    pytest.param(
        "    why: Every tree needs a start.\n",
        "",
        [(15, 3, "question 'first' is missing the required field 'why'")],
        id="missing-field",
    ),
    pytest.param(
        "    verdict: Go ahead now.\n",
        "    verdcit: Go ahead now.\n",
        [
            (44, 3, "recommendation 'go' is missing the required field 'verdict'"),
            (46, 5, "unknown field 'verdcit' in recommendation 'go' (did you mean 'verdict'?)"),
        ],
        id="unknown-field",
    ),
    pytest.param(
        "  go:\n    title: Go ahead\n",
        "  true:\n    title: Go ahead\n",
        [
            (38, 15, "leads to 'go', which is neither a question nor a recommendation"),
            (44, 3, "key 'true' is a boolean, but keys must be strings: put it in quotes"),
        ],
        id="boolean-key",
    ),
    pytest.param(
        "      - id: off\n",
        "      - id: 10\n",
        [(39, 13, "'id' in option 2 of question 'second' must be text, not the number 10: put it in quotes")],
        id="number-id",
    ),
    pytest.param(
        "    why: Every tree needs a start.\n",
        "\twhy: Every tree needs a start.\n",
        [
            (
                18,
                1,
                "invalid YAML: found a tab character that violates indentation: a tab is not allowed here, indent with spaces",
            )
        ],
        id="tab",
    ),
    pytest.param(
        "      - id: off\n",
        "      - id: Off Switch\n",
        [(39, 13, "'Off Switch' is not a valid id: use lowercase letters, digits and single hyphens")],
        id="id-not-url-safe",
    ),
    pytest.param(
        "    next_steps:\n      - Go.\n    factors: [only]",
        "    next_steps:\n      - Go.\n    factors: [only, ony]",
        [
            (
                52,
                21,
                "recommendation 'go' cites factor 'ony', which is not declared under 'factors' (did you mean 'only'?)",
            )
        ],
        id="unknown-factor-in-a-recommendation",
    ),
    pytest.param(
        "    factor: only\n    options:\n      - id: on",
        "    factor: onyl\n    options:\n      - id: on",
        [
            (
                33,
                13,
                "question 'second' asks about factor 'onyl', which is not declared under 'factors' (did you mean 'only'?)",
            )
        ],
        id="unknown-factor",
    ),
    pytest.param(
        "      - Going too fast.\n",
        "      - &fast Going too fast.\n      - *fast\n",
        [(50, 9, "alias '*fast' is not supported")],
        id="alias",
    ),
    pytest.param(
        'version: "0.1.0"\n',
        "version: 0.1\n",
        [(3, 10, "'version' in the tree must be text, not the number 0.1: put it in quotes")],
        id="unquoted-version",
    ),
    pytest.param(
        "    why: Every tree needs a start.\n",
        "    why: " + "7" * 4301 + "\n",
        [
            (18, 10, "this is read as a number 4,301 digits long; if it is text, put it in quotes"),
            (18, 10, "'why' in question 'first' is 4,301 characters long, more than the 2,000 allowed"),
        ],
        id="huge-number",
    ),
    pytest.param(
        "  stop:\n    title: Stop here\n",
        '  "stop\\n":\n    title: Stop here\n',
        [
            (28, 15, "option 'no' of question 'first' leads to 'stop', which is neither"),
            (42, 15, "option 'off' of question 'second' leads to 'stop', which is neither"),
            (44, 3, "'recommendations' in the tree: 'stop\\n' is not a valid id"),
            (53, 3, "recommendation 'stop\\n' is never reached"),
        ],
        id="id-with-trailing-newline",
    ),
    pytest.param(
        "        next: go\n",
        '        next: "go\\n"\n',
        [
            (38, 15, "'next' in option 1 of question 'second': 'go\\n' is not a valid id"),
            (38, 15, "leads to 'go\\n', which is neither a question nor a recommendation (did you mean 'go'?)"),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="reference-with-trailing-newline",
    ),
    pytest.param(
        "        next: go\n",
        '        next: "g\\u200bo"\n',
        [
            (38, 15, "'g\\u200bo' is not a valid id"),
            (38, 15, "leads to 'g\\u200bo', which is neither a question nor a recommendation (did you mean 'go'?)"),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="reference-with-invisible-character",
    ),
    pytest.param(
        "  go:\n    title: Go ahead\n",
        "  index:\n    title: Go ahead\n",
        [
            (38, 15, "option 'on' of question 'second' leads to 'go', which is neither"),
            (44, 3, "id 'index' is reserved: its page would be the page of the whole folder"),
            (44, 3, "recommendation 'index' is never reached"),
        ],
        id="reserved-index",
    ),
    pytest.param(
        "  second:\n    title: Second\n",
        "  nul:\n    title: Second\n",
        [
            (24, 15, "option 'yes' of question 'first' leads to 'second', which is neither"),
            (29, 3, "id 'nul' is reserved: its page would be a file name that Windows cannot store"),
            (29, 3, "question 'nul' cannot be reached"),
            (44, 3, "recommendation 'go' is never reached"),
        ],
        id="reserved-device-name",
    ),
    pytest.param(
        "        label: Switch it off\n",
        "        label: Switch it\u200b on\n",
        [(40, 16, "question 'second' has two options labelled 'Switch it\\u200b on'")],
        id="label-duplicate-but-for-zero-width-space",
    ),
    pytest.param(
        "        label: Yes, carry on\n        meaning: The reader carried on.\n",
        "        label: Caf\u00e9\n        meaning: The reader carried on.\n",
        [],
        id="nfc-label-alone-is-fine",
    ),
    pytest.param(
        "        label: Switch it on\n        meaning: The reader switched it on.\n        next: go\n"
        "      - id: off\n        label: Switch it off\n",
        "        label: Caf\u00e9\n        meaning: The reader switched it on.\n        next: go\n"
        "      - id: off\n        label: Cafe\u0301\n",
        [(40, 16, "question 'second' has two options labelled 'Cafe\u0301'")],
        id="label-duplicate-after-nfc",
    ),
    pytest.param(
        "    prompt: Switch it on or off?\n",
        '    prompt: "Switch it on\\a or off?"\n',
        [(31, 13, "'prompt' in question 'second' contains the control character U+0007 (character 13)")],
        id="control-character",
    ),
    pytest.param(
        "    rationale: Nothing stands in the way.\n",
        "    rationale: " + "word " * 500 + "\n",
        [(47, 16, "'rationale' in recommendation 'go' is 2,499 characters long, more than the 2,000 allowed")],
        id="text-too-long-to-draw",
    ),
    pytest.param(
        "        label: Switch it off\n",
        '        label: "\\u200b\\u200b "\n',
        [(40, 16, "'label' in option 2 of question 'second' must not be blank: it has no character that shows")],
        id="label-of-invisible-characters",
    ),
    pytest.param(
        "    page: factors/only.md\n",
        "    page: factors/Only.md\n",
        [(13, 11, "'page' in factor 'only' must be a page in the docs folder, like 'factors/consent.md', not")],
        id="factor-page-not-a-slug-path",
    ),
    pytest.param(
        "    factors: [only]\n  stop:\n",
        "    factors: [only]\n    escalates: true\n  stop:\n",
        [
            (44, 3, "recommendation 'go' is missing the required field 'what_to_say'"),
            (44, 3, "recommendation 'go' is missing the required field 'if_still_no'"),
        ],
        id="escalating-advice-without-words-to-say",
    ),
    pytest.param(
        "    factor: only\n    options:\n      - id: on\n",
        "    factor: only\n    terms: [impase]\n    options:\n      - id: on\n",
        [(34, 13, "question 'second' uses term 'impase', which the glossary does not define")],
        id="unknown-glossary-term",
    ),
    pytest.param(
        "  second:\n    title: Second\n",
        "  second:\n    former_ids: [first]\n    title: Second\n",
        [(30, 18, "'second' lists 'first' as a former id, but 'first' is a current id")],
        id="former-id-still-in-use",
    ),
    pytest.param(
        "    factors: [only]\n  stop:\n",
        "    factors: [only]\n    former_ids: [halt]\n  stop:\n    former_ids: [halt]\n",
        [(55, 18, "'halt' is a former id of both 'go' and 'stop': old links can lead to only one")],
        id="former-id-claimed-twice",
    ),
    pytest.param(
        "        next: go\n",
        "        next: go\n        former_ids: [off]\n",
        [(39, 22, "option 'on' of question 'second' lists the former id 'off', which is a current option")],
        id="option-former-id-still-in-use",
    ),
    pytest.param(
        "  second:\n    title: Second\n",
        "  second:\n    former_ids: [index]\n    title: Second\n",
        [(30, 18, "'index' cannot be a former id: no page can have been published under it")],
        id="former-id-reserved",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_defect_is_reported_at_its_line_and_column(old, new, expected):
    _, problems = check_text(broken(old, new), "tree.yaml")
    found = [(p.loc.line, p.loc.col, p.format().split(": error: ", 1)[1]) for p in problems]
    for line, col, message in expected:
        assert any((ln, c) == (line, col) and message in m for ln, c, m in found), (
            f"expected {line}:{col} {message!r}, got:\n" + "\n".join(p.format() for p in problems)
        )
    assert len(problems) == len(expected), "\n".join(p.format() for p in problems)


def test_a_factor_page_among_the_generated_pages_is_reported_against_the_site_at_its_line():
    tree, problems = check_text(broken("    page: factors/only.md\n", "    page: tree/index.md\n"), "tree.yaml")
    assert problems == [], "a sound tree: where its pages may live is the site's rule"
    found = site_problems(tree, SiteLayout.from_nav(ROOT / "docs", None))
    assert any(
        (p.loc.line, p.loc.col) == (13, 11)
        and "factor 'only' names the page 'tree/index.md', but the pages under 'tree/' are generated" in p.message
        for p in found
    ), "\n".join(p.format() for p in found)


def test_every_problem_is_reported_in_one_run():
    text = broken("start: first\n", "start: frist\n").replace("prompt: Switch it on or off?", "prompt: ''")
    _, problems = check_text(text, "tree.yaml")
    assert {p.loc.line for p in problems} == {8, 31}


def test_yaml_1_1_words_stay_the_strings_the_author_wrote():
    tree, problems = check_text(MINIMAL, "tree.yaml")
    assert problems == []
    assert [o.id for o in tree.questions["first"].options] == ["yes", "no"]
    assert [o.id for o in tree.questions["second"].options] == ["on", "off"]


def test_alias_bomb_is_refused_without_expanding():
    # Nine levels of nine aliases each would expand to 9**9 strings.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    _, problems = check_text(bomb, "bomb.yaml")
    aliases = [p for p in problems if "alias" in p.message]
    assert len(aliases) == 81
    assert aliases[0].format().startswith("bomb.yaml:2:8: error: alias '*a' is not supported")


def test_check_prints_located_errors_and_exits_1(tmp_path, capsys):
    path = tmp_path / "tree.yaml"
    path.write_text(broken("        next: second\n", "        next: secnod\n"), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:24:15: error: option 'yes' of question 'first' leads to 'secnod'" in err
    assert "(did you mean 'second'?)" in err
    assert "Traceback" not in err


def test_check_reports_an_unreadable_file_without_a_traceback(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.yaml")]) == 1
    assert "missing.yaml:1:1: error: cannot read the file" in capsys.readouterr().err


@pytest.fixture
def site_config(tmp_path) -> Path:
    """A site for the minimal tree: its mkdocs.yml, with the factor's page in docs/ and in the navigation."""
    (tmp_path / "docs" / "factors").mkdir(parents=True)
    (tmp_path / "docs" / "factors" / "only.md").write_text("# The only factor\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Tests\nnav:\n  - factors/only.md\n  - Tree: tree/index.md\n", encoding="utf-8")
    return config


def check_in_site(tmp_path: Path, site_config: Path, tree_text: str = MINIMAL) -> int:
    path = tmp_path / "tree.yaml"
    path.write_text(tree_text, encoding="utf-8")
    return main(["check", "--config", str(site_config), str(path)])


def test_check_summarises_a_sound_tree(capsys, site_config):
    assert main(["check", "--config", str(site_config), str(Path(__file__).parent / "fixtures" / "minimal.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(
        "ok: 2 questions, 2 recommendations, 3 paths, longest path 2 questions; 0 case studies, 0 locked URLs"
    )


def test_a_factor_page_missing_from_the_docs_folder_points_at_its_line(tmp_path, capsys, site_config):
    (tmp_path / "docs" / "factors" / "only.md").unlink()
    assert check_in_site(tmp_path, site_config) == 1
    err = capsys.readouterr().err
    assert (
        f"tree.yaml:13:11: error: factor 'only' names the page 'factors/only.md', which is not in {tmp_path / 'docs'}"
        in err
    )


def test_a_factor_page_left_out_of_the_navigation_points_at_its_line(tmp_path, capsys, site_config):
    site_config.write_text("site_name: Tests\nnav:\n  - Tree: tree/index.md\n", encoding="utf-8")
    assert check_in_site(tmp_path, site_config) == 1
    err = capsys.readouterr().err
    assert "tree.yaml:13:11: error: factor 'only' names the page 'factors/only.md', which the site's navigation" in err


def test_a_hand_written_link_to_a_page_the_tree_no_longer_has_points_at_the_link(tmp_path, capsys, site_config):
    page = tmp_path / "docs" / "factors" / "only.md"
    page.write_text("# The only factor\n\nSee [going ahead](../tree/recommendations/goo.md).\n", encoding="utf-8")
    assert check_in_site(tmp_path, site_config) == 1
    err = capsys.readouterr().err
    assert (
        f"{page}:3:19: error: links to 'tree/recommendations/goo.md', a page the tree does not generate "
        "(did you mean 'tree/recommendations/go.md'?)"
    ) in err


def test_check_reads_the_real_site_by_default(capsys):
    assert main(["check"]) == 0
    assert "ok:" in capsys.readouterr().out


def test_thousands_of_dangling_references_are_all_reported_with_hints_only_where_cheap():
    count = 5_000
    questions = "".join(
        f"  q{i}:\n    title: Q{i}\n    prompt: Q{i}?\n    why: W.\n    factor: only\n    options:\n"
        f"      - {{id: a, label: A, meaning: M, next: missing{i}}}\n"
        f"      - {{id: b, label: B, meaning: M, next: {'q' + str(i + 1) if i + 1 < count else 'stop'}}}\n"
        for i in range(count)
    )
    text = MINIMAL.split("questions:\n")[0].replace("start: first", "start: q0") + "questions:\n" + questions
    text += "recommendations:\n" + MINIMAL.split("recommendations:\n")[1].split("  go:")[0]
    text += "  stop:\n" + MINIMAL.split("  stop:\n")[1]
    _, problems = check_text(text, "wide.yaml")
    dangling = [p for p in problems if "which is neither a question nor a recommendation" in p.message]
    assert len(dangling) == count
    named = {p.message.split("leads to '", 1)[1].split("'", 1)[0] for p in dangling}
    assert named == {f"missing{i}" for i in range(count)}


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        (
            "verdict: Go ahead: now is the time.",
            "a colon followed by a space cannot stand in plain text; put the whole text in quotes",
        ),
        ("verdict:\n      Go ahead: now is the time.", "if it is text with ': ' in it, put the whole text in quotes"),
    ],
)
def test_text_with_a_colon_in_it_is_told_to_be_quoted(written, advice):
    text = MINIMAL.replace("verdict: Go ahead now.", written)
    (problem,) = check_text(text, "t.yaml")[1]
    assert advice in problem.message
    assert problem.loc.line == text[: text.index("Go ahead:")].count("\n") + 1
