"""Every file a person edits is held to the same rules, and a slip in any of them is a located error.

The tree, the case studies (whose schema takes its text and ids from the
tree's) and the permanent-link lock are edited by hand. Each test here makes
a mistake as an author would, in a copy of the real files, and expects a
message at the line to fix: never a traceback, never a silent pass.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli.commands import main
from build_tools.site.lockfile import lock_file
from build_tools.tree.cases import cases_file, check_cases_text
from build_tools.tree.checks import check_text
from build_tools.tree.schema import CASES_SCHEMA, _schema

from .conftest import examples
from .repository import DEFAULT_TREE
from .treefiles import dump, set_at, shape, text_paths

TREE_DATA = yaml.safe_load(DEFAULT_TREE.read_text(encoding="utf-8"))
CASES_DATA = yaml.safe_load(cases_file(DEFAULT_TREE).read_text(encoding="utf-8"))
CASES_SCHEMA = json.loads(CASES_SCHEMA.read_text(encoding="utf-8"))
LOCATED = re.compile(r"^.+:\d+:\d+: error: \S")


def one_path_per_kind(data: Any, schema: dict) -> list[tuple]:
    kinds: dict[tuple, tuple] = {}
    for path in text_paths(data, schema, schema):
        kinds.setdefault(shape(path, data), path)
    return list(kinds.values())


TREE_TEXTS = one_path_per_kind(TREE_DATA, _schema())
CASE_TEXTS = one_path_per_kind(CASES_DATA, CASES_SCHEMA)
# The small tree with settings has every kind of text field the project's tree has (a test below holds it to
# that), so the mistakes made in every kind of field are made there: a check of it takes a fraction of the time.
SETTINGS_TREE = Path(__file__).parent / "fixtures" / "settings" / "escalation.yaml"
SETTINGS_DATA = yaml.safe_load(SETTINGS_TREE.read_text(encoding="utf-8"))
SETTINGS_TEXTS = one_path_per_kind(SETTINGS_DATA, _schema())
DATA = {"tree": SETTINGS_DATA, "cases": CASES_DATA}
TEXTS = {"tree": SETTINGS_TEXTS, "cases": CASE_TEXTS}


def problems_with(file: str, data: Any, tree) -> tuple[str, list]:
    """The text of `data` written as the tree or the cases, and what check finds in it."""
    text = dump(data)
    if file == "tree":
        return text, check_text(text, "tree.yaml")[1]
    return text, check_cases_text(text, tree, "cases.yaml")[1]


def test_every_kind_of_text_field_is_found_in_both_files():
    assert len(TREE_TEXTS) >= 20 and {p[-1] for p in TREE_TEXTS} >= {"prompt", "label", "definition", "verdict"}
    in_settings = {(p[0], p[-1]) for p in SETTINGS_TEXTS if "settings" in p}
    assert in_settings >= {("settings", "title"), ("settings", "summary"), ("recommendations", "opening")}
    assert {p[-2] for p in SETTINGS_TEXTS if "settings" in p and isinstance(p[-1], int)} >= {"next_steps", "email"}
    assert {p[-1] for p in CASE_TEXTS} == {"title", "story", "teaching_note"}
    fixture_kinds = {shape(p, SETTINGS_DATA) for p in SETTINGS_TEXTS}
    assert {shape(p, TREE_DATA) for p in TREE_TEXTS} <= fixture_kinds, "the fixture lacks a kind of field"


@pytest.mark.parametrize(
    "value",
    [None, 5, True, 2.5, ["a list", "of texts"], {"a": "mapping"}],
    ids=["empty", "5", "true", "2.5", "list", "mapping"],
)
@pytest.mark.parametrize("file", ["tree", "cases"])
def test_a_non_text_value_in_any_text_field_is_a_located_error_that_asks_for_text(file, value, tree):
    original = DATA[file]
    for path in TEXTS[file]:
        data = copy.deepcopy(original)
        set_at(data, path, value)
        text, problems = problems_with(file, data, tree)
        asking = [p for p in problems if "must be text" in p.message]
        assert asking, f"{path}: " + "\n".join(p.format() for p in problems)
        lines = [line.strip() for line in text.splitlines()]
        at, field = asking[0].loc.line - 1, path[-1]
        if isinstance(field, int):
            assert lines[at].startswith("-"), (path, lines[at])
        else:  # a block list or mapping starts on the line after its key
            block = isinstance(value, (list, dict))
            assert lines[at].startswith(f"{field}:") or (block and lines[at - 1] == f"{field}:"), (path, lines[at])


# YAML reads U+0085 (next line) as a line break, as it does CR and LF, so it never reaches a value.
CONTROLS = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)]
FORBIDDEN = st.one_of(
    st.sampled_from([chr(c) for c in CONTROLS]),
    st.sampled_from(
        [chr(c) for c in range(0xFDD0, 0xFDF0)]
        + [chr(p * 0x10000 + low) for p in range(17) for low in (0xFFFE, 0xFFFF)]
    ),
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(["tree", "cases"]),
    which=st.integers(min_value=0),
    char=FORBIDDEN,
    at=st.integers(min_value=0, max_value=40),
)
def test_a_control_character_or_noncharacter_in_any_text_is_refused_by_its_code(file, which, char, at, tree):
    paths = TEXTS[file]
    path = paths[which % len(paths)]
    data = copy.deepcopy(DATA[file])
    node = data
    for step in path[:-1]:
        node = node[step]
    before = node[path[-1]]
    node[path[-1]] = before[:at] + char + before[at:]
    _, problems = problems_with(file, data, tree)
    code = f"U+{ord(char):04X}"
    assert any(f"contains {code}" in p.message or f"character {code}" in p.message for p in problems), "\n".join(
        p.format() for p in problems
    )


def test_a_lone_surrogate_is_a_located_error(tmp_path):
    text = DEFAULT_TREE.read_text(encoding="utf-8")
    assert text.count("prompt: Who is on each side of this negotiation?\n") == 1
    text = text.replace(
        "prompt: Who is on each side of this negotiation?\n", 'prompt: "\\uD800 Who is on each side?"\n', 1
    )
    _, problems = check_text(text, "tree.yaml")
    assert problems and all(p.loc.line > 1 for p in problems)


@pytest.mark.parametrize("file", ["tree", "cases"])
def test_a_text_over_the_length_limit_is_refused_in_either_file(file, tree):
    data = copy.deepcopy(TREE_DATA if file == "tree" else CASES_DATA)
    path = (TREE_TEXTS if file == "tree" else CASE_TEXTS)[0]
    set_at(data, path, "word " * 100_000)
    _, problems = problems_with(file, data, tree)
    assert any("characters long, more than the 2,000 allowed" in p.message for p in problems)


@pytest.mark.parametrize("depth", [1100, 985, 60])
@pytest.mark.parametrize("file", ["tree", "cases"])
def test_lists_nested_deep_in_a_text_field_are_a_located_error_that_asks_for_text(file, depth, tree):
    """A text field written as `[[[...]]]`, 985 deep: once a traceback (RecursionError), now one problem.

    From 1,000 deep, libyaml itself refuses the text ("exceeded maximum nesting depth"), on the same line, with
    the same advice.
    """
    data = copy.deepcopy(DATA[file])
    set_at(data, TEXTS[file][0], "NESTED-HERE")
    text = dump(data)
    assert text.count("NESTED-HERE") == 1
    line = text[: text.index("NESTED-HERE")].count("\n") + 1
    text = text.replace("NESTED-HERE", "[" * depth + "]" * depth)
    _, problems = check_text(text, "tree.yaml") if file == "tree" else check_cases_text(text, tree, "cases.yaml")
    (problem,) = problems
    assert problem.loc.line == line and text.splitlines()[line - 1][problem.loc.col - 1] == "["
    assert "nested more than 50 deep" in problem.message
    assert "a text field takes text, so write the text itself" in problem.message


def test_lists_nested_as_deep_as_the_reader_allows_are_asked_to_be_text(tree):
    data = copy.deepcopy(DATA["tree"])
    set_at(data, TEXTS["tree"][0], "NESTED-HERE")
    text = dump(data).replace("NESTED-HERE", "[" * 45 + "]" * 45)
    _, problems = check_text(text, "tree.yaml")
    assert problems and all(LOCATED.match(p.format()) for p in problems)
    assert any("must be text" in p.message for p in problems)


# Case studies ------------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    """The real tree, cases and lock in a folder of their own; returns the tree's path."""
    for source in (DEFAULT_TREE, cases_file(DEFAULT_TREE), lock_file(DEFAULT_TREE)):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / DEFAULT_TREE.name


@pytest.mark.parametrize(
    ("case_id", "message"),
    [
        ("index", "'index' cannot be a case id: its page would be the page of the whole folder"),
        ("con", "'con' cannot be a case id"),
        ("..", "'..' is not a valid id"),
        ("", "'' is not a valid id"),
        ("the late refund", "'the late refund' is not a valid id"),
        ("late -> refund", "'late -> refund' is not a valid id"),
        ("<b>late</b>", "'<b>late</b>' is not a valid id"),
        ("Late-Refund", "'Late-Refund' is not a valid id"),
        ("late\nrefund", "is not a valid id"),
    ],
)
def test_a_bad_case_id_is_refused_at_its_line_and_the_lock_is_never_given_a_line_it_cannot_read(
    project, capsys, case_id, message
):
    cases = cases_file(project)
    data = yaml.safe_load(cases.read_text(encoding="utf-8"))
    data["cases"] = {(case_id if sid == "unpaid-invoice" else sid): case for sid, case in data["cases"].items()}
    cases.write_text(dump(data), encoding="utf-8")
    lock = lock_file(project).read_bytes()

    assert main(["permalinks", "--update", str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    located = [line for line in err.splitlines() if message in line]
    assert located, err
    line = int(located[0].split(":")[1])
    following = cases.read_text(encoding="utf-8").splitlines()[line : line + 3]
    assert any("title: The unpaid invoice" in text for text in following), "the line of the case's id"
    assert lock_file(project).read_bytes() == lock


# The lock ------------------------------------------------------------------------------------------------


def needing_a_new_line(project: Path) -> bytes:
    """Drop the last URL from the lock, so that `permalinks --update` has a line to add; the lock's bytes."""
    lock = lock_file(project)
    lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
    lock.write_text("".join(lines[:-1]), encoding="utf-8")
    return lock.read_bytes()


def test_a_full_disk_during_update_leaves_the_lock_byte_for_byte(project, capsys, monkeypatch):
    before = needing_a_new_line(project)

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    assert main(["permalinks", "--update", str(project)]) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert lock_file(project).read_bytes() == before
    assert sorted(p.name for p in project.parent.iterdir()) == sorted(
        [DEFAULT_TREE.name, "cases.yaml", "permalinks.lock"]
    ), "no temporary file is left"
    assert main(["permalinks", "--update", str(project)]) == 0, "the next run, with room, adds the line"
    assert lock_file(project).read_bytes().startswith(before)


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_update_refuses_a_linked_lock_and_leaves_the_other_file_alone(project, capsys, link):
    before = needing_a_new_line(project)
    lock, elsewhere = lock_file(project), project.parent / "shared.lock"
    lock.rename(elsewhere)
    if link == "symbolic":
        lock.symlink_to(elsewhere)
    else:
        lock.hardlink_to(elsewhere)
    assert main(["permalinks", "--update", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"error: {lock} is" in err and "nothing was written" in err and "Traceback" not in err
    assert elsewhere.read_bytes() == before


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda lock: lock.write_bytes(b"/\xff\xfe/\n"), "cannot read the lock: it is not UTF-8 text"),
        (lambda lock: (lock.unlink(), lock.mkdir()), "cannot read the lock: Is a directory"),
        (lambda lock: lock.write_bytes(b""), "the lock is empty, so its history is lost: restore it from git"),
    ],
    ids=["not-utf-8", "a-folder", "empty"],
)
def test_update_refuses_a_lock_it_cannot_keep_and_says_so_at_the_lock(project, capsys, spoil, message):
    lock = lock_file(project)
    spoil(lock)
    before = lock.read_bytes() if lock.is_file() else None
    assert main(["permalinks", "--update", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{lock.name}:1:1: error: {message}" in err and "Traceback" not in err
    assert (lock.read_bytes() if lock.is_file() else None) == before


def test_a_byte_order_mark_on_the_lock_changes_nothing(project, capsys):
    lock = lock_file(project)
    lock.write_bytes(b"\xef\xbb\xbf" + lock.read_bytes())
    assert main(["check", str(project)]) == 0, capsys.readouterr().err


# Hand-written files at generated addresses -------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["linking.md", "linking/index.md", "cases/index.md", "handout.md", "embed/index.html", "tree/glossary.md"],
)
def test_a_hand_written_file_at_a_generated_address_is_a_located_error(tmp_path, capsys, written):
    site = tmp_path / "site"
    shutil.copytree(DEFAULT_TREE.parent.parent / "docs", site / "docs")
    shutil.copy(DEFAULT_TREE.parent.parent / "mkdocs.yml", site / "mkdocs.yml")
    (site / "docs" / written).parent.mkdir(parents=True, exist_ok=True)
    (site / "docs" / written).write_text("# My own page\n", encoding="utf-8")
    assert main(["check", "--config", str(site / "mkdocs.yml"), str(DEFAULT_TREE)]) == 1
    err = capsys.readouterr().err
    assert f"docs/{written}:1:1: error: this file is at the address of" in err, err
    assert "which the build generates from the tree and would put in its place" in err


# Inputs are never options ------------------------------------------------------------------------------


def test_diff_takes_a_ref_that_looks_like_an_option_as_a_ref_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "overwritten.txt"
    assert main(["diff", "--file", str(DEFAULT_TREE), "--", f"--output={target}"]) == 1
    err = capsys.readouterr().err
    assert f"'--output={target}' is not a commit in this repository" in err
    assert not target.exists()


# Any value, anywhere ------------------------------------------------------------------------------------

ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)


def every_path(data: Any, path: tuple = ()) -> list[tuple]:
    """The path to every value in `data`, containers included."""
    found = [path] if path else []
    if isinstance(data, dict):
        return found + [p for key, value in data.items() for p in every_path(value, (*path, key))]
    if isinstance(data, list):
        return found + [p for i, value in enumerate(data) for p in every_path(value, (*path, i))]
    return found


TREE_PATHS, CASE_PATHS = every_path(TREE_DATA), every_path(CASES_DATA)


@settings(max_examples=examples(60), deadline=None)
@given(file=st.sampled_from(["tree", "cases", "lock"]), which=st.integers(min_value=0), value=ANY_VALUE)
def test_any_value_in_any_field_of_any_input_gives_a_sound_package_or_located_errors(file, which, value):
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / DEFAULT_TREE.name
        for source in (DEFAULT_TREE, cases_file(DEFAULT_TREE), lock_file(DEFAULT_TREE)):
            shutil.copy(source, Path(folder) / source.name)
        if file == "lock":
            lines = lock_file(project).read_text(encoding="utf-8").splitlines()
            lines[which % len(lines)] = " ".join(str(value).splitlines())
            lock_file(project).write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            data = copy.deepcopy(TREE_DATA if file == "tree" else CASES_DATA)
            paths = TREE_PATHS if file == "tree" else CASE_PATHS
            set_at(data, paths[which % len(paths)], value)
            (project if file == "tree" else cases_file(project)).write_text(dump(data), encoding="utf-8")

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", str(project)])
        if code == 0:
            assert_the_classroom_package_is_well_formed(project)
            return
        assert code == 1
        *problems, summary = err.getvalue().splitlines()
        assert problems and re.fullmatch(r"\d+ problems? found", summary), err.getvalue()
        assert all(LOCATED.match(line) for line in problems), err.getvalue()


def assert_the_classroom_package_is_well_formed(project: Path) -> None:
    """What a learning platform reads of a tree that passed check: a manifest that is XML."""
    import zipfile

    from build_tools.classroom.embed import SCRIPTS
    from build_tools.classroom.scorm import MANIFEST, package, package_files
    from build_tools.pipeline.render import render_site
    from build_tools.tree.cases import load_cases
    from build_tools.tree.checks import check_file

    tree = check_file(project)
    site = render_site(tree, cases=load_cases(project, tree))
    files = package_files(tree, site.assets, directory_urls=True, site_url=None)
    assert set(SCRIPTS) <= set(files)
    with zipfile.ZipFile(io.BytesIO(package(tree, files))) as archive:
        ET.fromstring(archive.read(MANIFEST))
