"""The one type every check reports, and the one place its text format lives.

The CLI prints problems and the MkDocs hook raises them; both go through
`Problem.format`, so an author sees the same message wherever it comes from.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


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
    """Something an author must fix, located where they must fix it.

    A `note` is something the author may want to tidy but that breaks nothing, such as an old id a case
    study still uses: it is reported beside the errors and stops nothing.
    """

    loc: Loc
    message: str
    severity: str = "error"  # or "note"
    fix: tuple[str, str] | None = field(default=None, compare=False)
    """(old, new): the id written at `loc` and the one to write instead, for `python -m build_tools rename`."""

    def format(self) -> str:
        """One line per problem, as editors and CI annotators read them: invisible characters spelled out."""
        return f"{self.loc}: {self.severity}: {_visible(self.message)}"


def former_id_note(loc: Loc, where: str, old: str, new: str) -> Problem:
    """A note that `where` still names `old`, which the build follows to `new`, and how to write the new id."""
    return Problem(
        loc,
        f"{where} names '{old}', which is now '{new}': it still works, and "
        "`python -m build_tools rename` (make rename) writes the new id here",
        "note",
        (old, new),
    )


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build, without the notes."""
    return [p for p in problems if p.severity == "error"]


def _visible(text: str) -> str:
    """`text` with each character that would not show, such as a newline or U+200B, as its escape."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class TreeInvalid(Exception):
    """Raised at the edge (CLI, hook) when a tree has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    def summary(self) -> str:
        """ "3 problems found", counting the errors; the notes beside them stop nothing."""
        count = len(errors(self.problems))
        return f"{count} problem{'s' * (count != 1)} found"


class Suggestions:
    """ "Did you mean" hints for misspelt names, cheap enough to ask once per problem on any tree.

    Comparing a word with every candidate (difflib) costs time in proportion
    to the number of names, so a tree with thousands of broken references
    took quadratic time. Small sets are still compared in full; in a large
    set, a hint is offered only for a name one edit away (a letter dropped,
    added, changed or two swapped), found by looking each edit up in a set.
    """

    SMALL = 50  # up to this many names, compare with each (difflib)
    LONGEST = 64  # longer words get no hint from a large set: their edits are too many

    def __init__(self, candidates: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(candidates))
        self.known = set(self.names)
        self.alphabet = sorted({c for name in self.names for c in name}) if len(self.names) > self.SMALL else []

    def best(self, word: str) -> str | None:
        if len(self.names) <= self.SMALL:
            close = difflib.get_close_matches(word, self.names, n=1, cutoff=0.6)
            return close[0] if close else None
        if len(word) > self.LONGEST:
            return None
        return next((edit for edit in self._edits(word) if edit in self.known and edit != word), None)

    def _edits(self, word: str) -> Iterator[str]:
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)  # swapped
        yield from (a + b[1:] for a, b in splits if b)  # dropped
        yield from (a + c + b[1:] for a, b in splits if b for c in self.alphabet)  # changed
        yield from (a + c + b for a, b in splits for c in self.alphabet)  # added

    def hint(self, word: str) -> str:
        """A ' (did you mean 'x'?)' suffix, or '' when nothing is close."""
        best = self.best(word)
        return f" (did you mean '{best}'?)" if best else ""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a misspelt name, or '' when nothing is close."""
    return Suggestions(candidates).hint(word)
