"""What an edit does to the advice: the tree at a git ref against the working copy.

A reviewer reading a YAML diff sees changed words; what matters is which
readers now get different advice. This compares the two trees as a reader
meets them: every answer path of the old tree is replayed through the new
one (old ids find their successors through `former_ids`, as old links do),
every case study is replayed through both and compared as written, nodes
are matched by id or former id and compared field by field, every address
the old site published is looked up in the new one (with its redirect if it
moved) and the new ones are listed, and the hand-written pages git sees
changed are named. What it finds is a TreeDiff (changes.py), which report.py
reads back.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from ..classroom.letters import LETTERS_NAME, letters_file, letters_of, read_letters
from ..site.layout import SiteLayout
from ..site.lockfile import Locked, LockUnreadable, lock_file, read_lock
from ..site.permalinks import locked_url, published, redirects
from ..site.urls import EVERY_PART, GENERATED, Parts, generated_pages
from ..tree.cases import FORMER_CASES_FILE, Case, case_ids_written, cases_file, check_cases_text, former_cases_text
from ..tree.checks import check_text
from ..tree.model import Node, Question, Tree
from ..tree.paths import Answer, count_paths, iter_paths, resolve
from ..tree.problems import TreeInvalid
from .casediff import compare_case_texts, outcome
from .changes import CaseChange, Moved, PathChange, Reworded, TreeDiff
from .gitref import GitError, changed_files, file_at, files_at, repository_of

UNCHANGED_FIELDS = {"id", "where", "former_ids"}  # identity and provenance, not content


def diff_trees(ref: str, tree_file: Path, layout: SiteLayout | None = None, parts: Parts = EVERY_PART) -> TreeDiff:
    """Compare the tree (and its cases) at `ref` with the working copy; TreeInvalid if either tree is unsound.

    With the site's `layout`, the hand-written pages and their addresses are compared too, when they are
    in the tree's own repository (at `ref` means nothing elsewhere).
    """
    if layout is not None and repository_of(layout.docs_dir) != repository_of(tree_file.parent):
        layout = None
    old = _sound(file_at(ref, tree_file), f"{tree_file.name} at {ref}")
    new = _sound(tree_file.read_text(encoding="utf-8"), str(tree_file))
    cases_path = cases_file(tree_file)
    old_text, old_name = _cases_text_at(ref, cases_path)
    old_cases = _cases(old_text, old, old_name) if old_text is not None else []
    new_text = cases_path.read_text(encoding="utf-8") if cases_path.exists() else None
    new_cases = check_cases_text(new_text, new, str(cases_path))[0] if new_text is not None else []
    diff = TreeDiff(ref)
    _compare_paths(diff, old, new)
    _compare_cases(diff, old, new, old_cases)
    compare_case_texts(diff, old, new, (old_text, old_cases), (new_text, new_cases))
    _compare_nodes(diff, old, new)
    lock_path = lock_file(tree_file)
    try:
        lock = read_lock(lock_path)[0] if lock_path.exists() else []
    except LockUnreadable:
        lock = []  # check reports it; the diff still shows what the edit does
    old_layout = _layout_at(ref, layout)
    before = _published(old, [c.id for c in old_cases], old_layout, parts)
    written = case_ids_written(tree_file, new_cases) or [c.id for c in new_cases]  # a broken case keeps its page
    after = _published(new, written, layout, parts)
    _compare_urls(diff, new, before, after, lock)
    diff.letters = _compare_letters(ref, tree_file, old, new)
    if layout is not None:
        diff.pages = {uri: change for uri, change in _changed_pages(ref, layout).items() if uri.endswith(".md")}
    return diff


def _cases_text_at(ref: str, cases_path: Path) -> tuple[str | None, str]:
    """The case studies' file at `ref` (None if there was none), and its name for messages."""
    try:
        return file_at(ref, cases_path), f"{cases_path.name} at {ref}"
    except GitError:
        try:  # a commit from before the case studies' file was renamed
            former = cases_path.with_name(FORMER_CASES_FILE)
            return former_cases_text(file_at(ref, former)), f"{former.name} at {ref}"
        except GitError:
            return None, ""


def _layout_at(ref: str, layout: SiteLayout | None) -> SiteLayout | None:
    if layout is None:
        return None
    try:
        files = files_at(ref, layout.docs_dir)
    except GitError:
        files = []
    return SiteLayout.with_files(layout.docs_dir, files, layout.directory_urls, layout.publishing)


def _changed_pages(ref: str, layout: SiteLayout) -> dict[str, str]:
    try:
        return {
            uri: change for uri, change in changed_files(ref, layout.docs_dir).items() if not uri.startswith(GENERATED)
        }
    except GitError:
        return {}


def _sound(text: str, name: str) -> Tree:
    tree, problems = check_text(text, name)
    if problems:
        raise TreeInvalid(problems)
    return tree


def _cases(text: str, tree: Tree, name: str) -> list[Case]:
    cases, problems = check_cases_text(text, tree, name)
    if problems:
        raise TreeInvalid(problems)
    return cases


def _compare_paths(diff: TreeDiff, old: Tree, new: Tree) -> None:
    if new.settings and not old.settings:
        _compare_paths_into_settings(diff, old, new)
        return
    renamed = new.renamed
    stopped: dict[tuple[Answer, ...], PathChange] = {}
    for path in iter_paths(old):
        diff.paths_before += 1
        after, why = outcome(new, path.answers)
        if after != renamed.get(path.recommendation, path.recommendation):
            change = PathChange(path.answers, path.recommendation, after, why)
            diff.paths.append(change)
            if after is None and why.startswith("now goes on"):
                stopped[_current(new, path.answers)] = change
    diff.paths_after = count_paths(new)
    if stopped:  # a question was added: where the new paths that go on from the old answers end
        for path in iter_paths(new):
            for length in range(1, len(path.answers)):
                going_on = stopped.get(path.answers[:length])
                if going_on is not None:
                    going_on.goes_on[path.recommendation] = going_on.goes_on.get(path.recommendation, 0) + 1


def _current(tree: Tree, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """Answers in today's ids: a question's or an option's former id followed."""
    current = []
    for question_id, option_id in answers:
        question = tree.questions[tree.renamed.get(question_id, question_id)]
        option = question.option(option_id, former=True)
        current.append((question.id, option.id if option else option_id))
    return tuple(current)


def _compare_paths_into_settings(diff: TreeDiff, old: Tree, new: Tree) -> None:
    """From a tree without settings to one with them: every new path gains the answer that sets its setting.

    So an old path is compared with the new paths that give the same answers once the answers naming a
    setting are dropped: one per setting, in principle. Each setting whose reader now gets other advice
    is a change, recorded with `why` naming the setting; an old path that no new path matches no longer fits.
    """
    renamed = new.renamed
    outcomes: dict[tuple[Answer, ...], list[tuple[str | None, str]]] = {}
    for path in iter_paths(new):
        plain = tuple(a for a in path.answers if not _names_setting(new, a))
        outcomes.setdefault(plain, []).append((path.setting, path.recommendation))
    for path in iter_paths(old):
        diff.paths_before += 1
        expected = renamed.get(path.recommendation, path.recommendation)
        found = outcomes.get(tuple((renamed.get(q, q), o) for q, o in path.answers))
        if not found:
            why = "no longer fits: no path of the new tree gives these answers, the setting's answer aside"
            diff.paths.append(PathChange(path.answers, path.recommendation, None, why))
        for setting, after in found or ():
            if after != expected:
                diff.paths.append(PathChange(path.answers, path.recommendation, after, f"in setting '{setting}'"))
    diff.paths_after = count_paths(new)


def _names_setting(tree: Tree, answer: Answer) -> bool:
    option = tree.questions[answer[0]].option(answer[1])
    return option is not None and option.setting is not None


def _compare_cases(diff: TreeDiff, old: Tree, new: Tree, cases: list[Case]) -> None:
    renamed = new.renamed
    for case in cases:
        before = resolve(old, case.answers).id
        after, why = outcome(new, case.answers)
        if after != renamed.get(before, before):
            diff.cases.append(CaseChange(case.id, before, after, why))


def _compare_nodes(diff: TreeDiff, old: Tree, new: Tree) -> None:
    renamed = new.renamed
    matched: dict[str, Node] = {}
    for node in old.nodes:
        successor = new.node(renamed.get(node.id, node.id))
        if successor is None:
            diff.removed.append(node.id)
            continue
        matched[successor.id] = node
        if successor.id != node.id:
            diff.renamed[node.id] = successor.id
        changed = _changed_fields(node, successor, renamed)
        if changed:
            diff.reworded.append(Reworded(successor.id, changed))
    diff.added = [node.id for node in new.nodes if node.id not in matched]


def _changed_fields(before: Node, after: Node, renamed: dict[str, str]) -> list[str]:
    if type(before) is not type(after):
        return ["kind: " + ("question" if isinstance(after, Question) else "recommendation")]
    changed = [
        f.name
        for f in fields(before)
        if f.name not in UNCHANGED_FIELDS and f.name != "options" and getattr(before, f.name) != getattr(after, f.name)
    ]
    if isinstance(before, Question) and isinstance(after, Question):
        changed += _changed_options(before, after, renamed)
    return changed


def _changed_options(before: Question, after: Question, renamed: dict[str, str]) -> list[str]:
    changed = []
    kept: list[str] = []  # the successors of the earlier options, in the earlier order
    for option in before.options:
        successor = after.option(option.id, former=True)
        if successor is None:
            changed.append(f"options: removed '{option.id}'")
            continue
        kept.append(successor.id)
        if successor.id != option.id:
            changed.append(f"options: renamed '{option.id}' to '{successor.id}'")
        followed = replace(option, next=renamed.get(option.next, option.next))  # a renamed target is no change
        changed += [
            f"options['{successor.id}'].{f.name}"
            for f in fields(option)
            if f.name not in UNCHANGED_FIELDS and getattr(followed, f.name) != getattr(successor, f.name)
        ]
    changed += [f"options: added '{o.id}'" for o in after.options if o.id not in kept]
    if [o.id for o in after.options if o.id in kept] != kept:
        changed.append("options: order")
    return changed


def _published(tree: Tree, case_ids: list[str], layout: SiteLayout | None, parts: Parts) -> dict[str, str]:
    """Every address the site publishes, hand-written pages included when the layout is known."""
    if layout is None:
        return {locked_url(uri): uri for uri in generated_pages(tree, case_ids)}
    return published(tree, case_ids, layout, parts)


def _compare_urls(diff: TreeDiff, new: Tree, before: dict[str, str], after: dict[str, str], lock: list[Locked]) -> None:
    moves = {m.gone: locked_url(m.to) for m in redirects(new, lock, after)}
    diff.urls = [Moved(url, moves.get(url)) for url in before if url not in after]
    diff.urls_added = [url for url in after if url not in before]


def _compare_letters(ref: str, tree_file: Path, old: Tree, new: Tree) -> dict[str, list[str | None]]:
    """Each recommendation whose printed letter is new, gone or different (letters.lock at `ref` and now)."""
    path = letters_file(tree_file)
    try:
        old_text: str | None = file_at(ref, path)
    except GitError:
        old_text = None
    new_text = path.read_text(encoding="utf-8") if path.exists() else None
    before = {new.renamed.get(rid, rid): letter for rid, letter in _letters(old, old_text).items()}
    after = _letters(new, new_text)
    return {
        rid: [before.get(rid), after.get(rid)]
        for rid in [*after, *(rid for rid in before if rid not in after)]
        if before.get(rid) != after.get(rid)
    }


def _letters(tree: Tree, text: str | None) -> dict[str, str]:
    lines = read_letters(text, LETTERS_NAME)[0] if text is not None else []
    return letters_of(tree, lines)
