"""The decision tree as typed data, and the format's field names (`Key`), which nothing else spells.

Every object keeps the location of itself and of each of its fields
(located.py), so that a check anywhere downstream can point an author at the
exact line and column. loader.py builds the objects, reading through `Key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from .located import Located


class Key(StrEnum):
    """The format's field names, as the YAML spells them. Checks locate problems with these, never with bare strings."""

    TITLE = "title"
    VERSION = "version"
    SOURCE = "source"
    CREDIT = "credit"
    PUBLICATION = "publication"
    PUBLISHED = "published"
    START = "start"
    FACTORS = "factors"
    QUESTIONS = "questions"
    RECOMMENDATIONS = "recommendations"
    SUMMARY = "summary"
    PAGE = "page"
    VERDICT = "verdict"
    RATIONALE = "rationale"
    RISKS = "risks"
    NEXT_STEPS = "next_steps"
    ID = "id"
    LABEL = "label"
    MEANING = "meaning"
    NEXT = "next"
    PROMPT = "prompt"
    WHY = "why"
    FACTOR = "factor"
    OPTIONS = "options"
    ESCALATES = "escalates"
    WHAT_TO_SAY = "what_to_say"
    OPENING = "opening"
    EMAIL_SUBJECT = "email_subject"
    EMAIL = "email"
    IF_STILL_NO = "if_still_no"
    GLOSSARY = "glossary"
    TERM = "term"
    DEFINITION = "definition"
    TERMS = "terms"
    FORMER_IDS = "former_ids"
    SETTINGS = "settings"  # the tree's settings; a recommendation's text per setting
    SETTING = "setting"  # the setting an option puts the reader in
    PARTS = "parts"  # a recommendation's advice for some readers only (tree 4.0)
    WHEN = "when"  # the earlier answers a part is for
    CASES = "cases"  # the one key of the case studies' file (cases.yaml)


# Ids name pages and files (`tree/questions/<id>/`, `cases/<id>/`). `index` is each
# folder's own page; the rest are device names that Windows cannot create as files,
# which would break a checkout or a copy of the site.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def reserved_because(reserved_id: str) -> str:
    """Why `reserved_id` cannot name a page, in a reader's words."""
    if reserved_id == "index":
        return "its page would be the page of the whole folder, which the site already generates"
    return "its page would be a file name that Windows cannot store"


@dataclass(frozen=True)
class Source:
    credit: str
    publication: str
    published: str


@dataclass(frozen=True)
class Factor:
    id: str
    title: str
    summary: str
    page: str
    where: Located = field(compare=False, repr=False)


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    where: Located = field(compare=False, repr=False)


@dataclass(frozen=True)
class Setting:
    """Who is on each side (tree 3.0): an option puts the reader in one, and advice may vary by it."""

    id: str
    title: str
    summary: str
    where: Located = field(compare=False, repr=False)


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    meaning: str
    next: str
    where: Located = field(compare=False, repr=False)
    former_ids: tuple[str, ...] = ()  # ids it replaces: old questionnaire links still find it
    setting: str | None = None  # the setting this answer puts the reader in


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    why: str
    factor: str
    options: tuple[Option, ...]
    where: Located = field(compare=False, repr=False)
    terms: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()  # ids it replaces: their pages redirect here

    def option(self, option_id: str, *, former: bool = False) -> Option | None:
        """The option with this id; with `former`, also the one that replaced an option of that id."""
        return next((o for o in self.options if o.id == option_id or (former and option_id in o.former_ids)), None)


@dataclass(frozen=True)
class WhatToSay:
    """Model words for approaching the person above the counterpart."""

    opening: str
    email_subject: str
    email: tuple[str, ...]  # paragraphs
    where: Located | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Advice:
    """What a reader in one setting is told to do: the three fields a setting may replace, whole.

    A field is None (or empty) where neither the setting nor the recommendation gives it.
    """

    next_steps: tuple[str, ...] = ()
    what_to_say: WhatToSay | None = None
    if_still_no: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingText:
    """A recommendation's `settings:` entry for one setting: only the fields given replace the defaults."""

    setting: str
    where: Located = field(compare=False, repr=False)
    next_steps: tuple[str, ...] | None = None
    what_to_say: WhatToSay | None = None
    if_still_no: tuple[str, ...] | None = None


@dataclass(frozen=True)
class AdvicePart:
    """Advice for the readers whose earlier answers meet `when` (tree 4.0): each of its questions answered
    with one of its options. Its steps and moves come after the others'; its words to say replace them."""

    when: tuple[tuple[str, tuple[str, ...]], ...]  # (question id, the option ids that meet it), in the file's order
    where: Located = field(compare=False, repr=False)
    when_where: Located = field(compare=False, repr=False)  # the `when` mapping: where each question is named
    next_steps: tuple[str, ...] = ()
    what_to_say: WhatToSay | None = None
    if_still_no: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, str]) -> bool:
        """Whether a reader who gave `answers` ({question id: option id}) gets this part."""
        return all(answers.get(question) in options for question, options in self.when)


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    verdict: str
    rationale: str
    risks: tuple[str, ...]
    next_steps: tuple[str, ...]
    factors: tuple[str, ...]
    where: Located = field(compare=False, repr=False)
    escalates: bool = False
    what_to_say: WhatToSay | None = None
    if_still_no: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()  # ids it replaces: their pages redirect here
    settings: tuple[SettingText, ...] = ()  # text that differs by setting, in the file's order
    parts: tuple[AdvicePart, ...] = ()  # advice for some readers only, by their earlier answers (tree 4.0)

    def entry(self, setting: str | None) -> SettingText | None:
        return next((e for e in self.settings if e.setting == setting), None)

    def advice(self, setting: str | None, answers: Mapping[str, str] | None = None) -> Advice:
        """The text a reader in `setting` gets: each field of its entry replaces the recommendation's own, whole.

        With `answers` ({question id: option id}, the reader's path), the parts they meet are added in the
        file's order: their steps and moves after the rest, their words to say in place of the rest.
        The one place the rule lives, so pages, the checks and the questionnaire cannot disagree.
        """
        entry = self.entry(setting)
        advice = Advice(self.next_steps, self.what_to_say, self.if_still_no)
        if entry is not None:
            advice = Advice(
                self.next_steps if entry.next_steps is None else entry.next_steps,
                entry.what_to_say or self.what_to_say,
                self.if_still_no if entry.if_still_no is None else entry.if_still_no,
            )
        for part in self.parts:
            if answers is not None and part.holds(answers):
                advice = Advice(
                    advice.next_steps + part.next_steps,
                    part.what_to_say or advice.what_to_say,
                    advice.if_still_no + part.if_still_no,
                )
        return advice


Node = Question | Recommendation


@dataclass(frozen=True)
class Tree:
    file: str
    title: str
    version: str
    source: Source
    start: str
    factors: dict[str, Factor]
    questions: dict[str, Question]
    recommendations: dict[str, Recommendation]
    where: Located = field(compare=False, repr=False)
    glossary: dict[str, Term] = field(default_factory=dict)
    settings: dict[str, Setting] = field(default_factory=dict)

    def node(self, node_id: str) -> Node | None:
        return self.questions.get(node_id) or self.recommendations.get(node_id)

    @property
    def node_ids(self) -> list[str]:
        return [*self.questions, *self.recommendations]

    @property
    def nodes(self) -> list[Node]:
        return [*self.questions.values(), *self.recommendations.values()]

    @cached_property
    def renamed(self) -> dict[str, str]:
        """`{former id: current id}` of every node that replaced another; worked out once per tree."""
        return {former: node.id for node in self.nodes for former in node.former_ids}
