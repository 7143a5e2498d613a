"""What an edit changed, as `diff` records it: paths, cases, nodes, addresses and hand-written pages, and its JSON.

The comparison (treediff.py) fills it in and the reviewer's report
(report.py) reads it back; `diff --json` prints it as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..tree.paths import Answer

GOES_ON = "(goes on to a new question)"  # where an old path leads that now asks more


@dataclass(frozen=True)
class PathChange:
    answers: tuple[Answer, ...]
    before: str
    after: str | None  # None: the answers no longer reach a recommendation
    why: str = ""  # why `after` is None
    # Where the new paths that go on from these answers end, and how many end there (a question was added).
    goes_on: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseChange:
    id: str
    before: str
    after: str | None
    why: str = ""


@dataclass(frozen=True)
class CaseEdit:
    id: str
    fields: list[str]  # the fields whose text the edit changed, as written in the file
    before: str | None  # where its answers led before, and lead now (None: to no recommendation)
    after: str | None


@dataclass(frozen=True)
class Reworded:
    id: str
    fields: list[str]


@dataclass(frozen=True)
class Moved:
    url: str
    to: str | None  # the URL its redirect leads to; None: no redirect, so the link breaks


@dataclass
class TreeDiff:
    ref: str
    paths_before: int = 0
    paths_after: int = 0
    paths: list[PathChange] = field(default_factory=list)
    cases: list[CaseChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    reworded: list[Reworded] = field(default_factory=list)
    urls: list[Moved] = field(default_factory=list)
    urls_added: list[str] = field(default_factory=list)
    cases_added: list[str] = field(default_factory=list)
    cases_removed: list[str] = field(default_factory=list)
    cases_edited: list[CaseEdit] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # hand-written page -> added, edited or removed
    # recommendation (today's id) -> [letter before, letter now], where its printed letter is new, gone or moved
    letters: dict[str, list[str | None]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["paths"] = [{**change, "answers": [list(a) for a in change["answers"]]} for change in data["paths"]]
        data["outcomes"] = [
            {"before": before, "after": after, "paths": count} for (before, after), count in self.outcomes().items()
        ]
        return data

    def outcomes(self) -> Counter[tuple[str, str | None]]:
        """How many paths moved from each recommendation to each other (or to none, or on: GOES_ON)."""
        return Counter((change.before, GOES_ON if change.goes_on else change.after) for change in self.paths)
