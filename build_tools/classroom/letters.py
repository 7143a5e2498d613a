"""Letters that never move: each recommendation's printed letter, recorded once and kept.

The handout names recommendations by letter ("→ B"), and printed answer keys
outlive the tree they were printed from. Letters by place in the file would
shift whenever a recommendation is added before another, and every key
printed before would be wrong without a word. So `letters.lock`, beside the
tree, records each letter once: `python -m build_tools permalinks --update`
gives a new recommendation the next letter no line has used, a renamed one
keeps its letter through `former_ids`, and a removed one's letter is retired,
never given to another. `check` reports a letter given twice, and a
recommendation without one. A site without the file letters its
recommendations in the file's order, as before.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..files.safewrite import refuse_linked, write_atomically
from ..tree.model import Tree
from ..tree.problems import Loc, Problem

LETTERS_NAME = "letters.lock"
HEADER = """\
# Each recommendation's letter in the printed handout, one per line: LETTER recommendation-id.
# A letter, once printed, never moves: `python -m build_tools permalinks --update` gives a new
# recommendation the next free letter, a renamed one keeps its own through `former_ids`, and the
# letter of one that is gone is never given to another. Never change or reuse a line.
"""
_LINE = re.compile(r"([A-Z]{1,3})\s+([a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass(frozen=True)
class Lettered:
    """One line of the lock: a letter and the recommendation it was given to."""

    letter: str
    recommendation: str
    loc: Loc


def letters_file(tree_file: str | os.PathLike[str]) -> Path:
    return Path(tree_file).with_name(LETTERS_NAME)


def letter(index: int) -> str:
    """A, B, ..., Z, then AA, AB, ...: the letter at place `index`, from 0."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def read_letters(text: str, name: str) -> tuple[list[Lettered], list[Problem]]:
    """The lock's lines, and any that is not `LETTER id`, gives a letter twice or letters one id twice."""
    lines: list[Lettered] = []
    problems: list[Problem] = []
    by_letter: dict[str, Lettered] = {}
    by_id: dict[str, Lettered] = {}
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        loc = Loc(name, number, raw.index(entry[0]) + 1)
        match = _LINE.fullmatch(entry)
        if match is None:
            problems.append(
                Problem(loc, f"'{entry[:60]}' is not a line such as 'B ask-for-the-manager': restore it from git")
            )
            continue
        line = Lettered(match[1], match[2], loc)
        if line.letter in by_letter:
            first = by_letter[line.letter]
            problems.append(
                Problem(
                    loc,
                    f"letter {line.letter} is already '{first.recommendation}''s (line {first.loc.line}): a printed "
                    f"letter never passes to another recommendation, so remove this line and run "
                    "`python -m build_tools permalinks --update` to give it the next free letter",
                )
            )
        elif line.recommendation in by_id:
            problems.append(
                Problem(
                    loc,
                    f"'{line.recommendation}' already has letter {by_id[line.recommendation].letter}: remove this line",
                )
            )
        else:
            by_letter[line.letter], by_id[line.recommendation] = line, line
            lines.append(line)
    return lines, problems


def letters_of(tree: Tree, lines: list[Lettered]) -> dict[str, str]:
    """Each recommendation's letter: its line's (through `former_ids`), or for one without, the next free one."""
    given = {tree.renamed.get(line.recommendation, line.recommendation): line.letter for line in lines}
    used = {line.letter for line in lines}
    letters = {}
    index = 0
    for rid in tree.recommendations:
        if rid in given:
            letters[rid] = given[rid]
            continue
        while letter(index) in used:
            index += 1
        letters[rid] = letter(index)
        used.add(letters[rid])
    return letters


def letter_problems(
    tree: Tree, tree_file: str | os.PathLike[str], name: str
) -> tuple[dict[str, str] | None, list[Problem]]:
    """The letters the lock beside `tree_file` gives (None without a lock), and what is wrong with it."""
    path = letters_file(tree_file)
    if not path.exists():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(Loc(name, 1, 1), f"cannot read the letters: {err}; restore the file from git")]
    lines, problems = read_letters(text, name)
    lettered = {tree.renamed.get(line.recommendation, line.recommendation) for line in lines}
    missing = [rid for rid in tree.recommendations if rid not in lettered]
    if missing:
        problems.append(
            Problem(
                Loc(name, max((line.loc.line for line in lines), default=1), 1),
                f"{len(missing)} recommendation{'s' * (len(missing) != 1)} ha{'ve' if len(missing) != 1 else 's'} "
                f"no letter yet, such as '{missing[0]}': run `python -m build_tools permalinks --update` "
                f"(make permalinks) and commit {path.name}",
            )
        )
    return letters_of(tree, lines), problems


def update_letters(tree: Tree, tree_file: str | os.PathLike[str]) -> list[str]:
    """Give each recommendation without a letter the next free one, in the lock beside `tree_file` (made if
    missing); the lines added. A lock that cannot be read is left alone: `check` says why."""
    path = letters_file(tree_file)
    refuse_linked(path)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    lines, problems = read_letters(text, str(path))
    if problems:
        return []
    letters = letters_of(tree, lines)
    lettered = {tree.renamed.get(line.recommendation, line.recommendation) for line in lines}
    added = [f"{letters[rid]} {rid}" for rid in tree.recommendations if rid not in lettered]
    if added or not path.exists():
        ending = "" if text.endswith("\n") else "\n"
        write_atomically(path, text + ending + "".join(f"{line}\n" for line in added))
    return added
