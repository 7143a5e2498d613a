"""The one type every check reports, and the one place its text format lives.

The CLI prints problems and the MkDocs hook raises them; both go through
`Problem.format`, so an author sees the same message wherever it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Loc:
    """A 1-based position in a source file, as editors count lines and columns."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    """Something an author must fix, located where they must fix it."""

    loc: Loc
    message: str

    def format(self) -> str:
        return f"{self.loc}: error: {self.message}"


class TreeInvalid(Exception):
    """Raised at the edge (CLI, hook) when a tree has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems)


def did_you_mean(word: str, candidates: object) -> str:
    """A ' (did you mean 'x'?)' suffix for a misspelt name, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
