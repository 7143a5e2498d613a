"""The decision tree as typed data: the only module that knows the format's field names.

Every object keeps the location of itself and of each of its fields, so that a
check anywhere downstream can point an author at the exact line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from .problems import Loc


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


class Positions(Protocol):
    """What the model needs from a parsed file: where a key, or the value under it, starts."""

    def key_loc(self, container: dict, key: str) -> Loc: ...

    def value_loc(self, container: dict | list, key: str | int) -> Loc: ...


class Located:
    """Where an object starts and where each of its fields' values start, found on demand.

    Positions are looked up only when a check needs one, which keeps a
    100,000-node tree from allocating a position for every string in it.
    """

    __slots__ = ("_fixed", "_key", "_mapping", "_parent", "_positions")

    def __init__(
        self,
        fixed: Loc | None = None,
        *,
        positions: Positions | None = None,
        parent: dict | list | None = None,
        key: str | int = "",
        mapping: dict | None = None,
    ) -> None:
        self._fixed = fixed
        self._positions = positions
        self._parent = parent
        self._key = key
        self._mapping = mapping

    @property
    def loc(self) -> Loc:
        """Where the object starts: its key in a mapping, or its item in a list."""
        if self._fixed is not None:
            return self._fixed
        assert self._positions is not None and self._parent is not None
        if isinstance(self._parent, list):
            return self._positions.value_loc(self._parent, self._key)
        assert isinstance(self._key, str), "a mapping's keys are text"
        return self._positions.key_loc(self._parent, self._key)

    def of(self, name: Key) -> Loc:
        """Where the value of field `name` starts, or the object's own start if it has none."""
        if self._positions is None or self._mapping is None or name not in self._mapping:
            return self.loc
        return self._positions.value_loc(self._mapping, name)

    def of_item(self, name: Key, index: int) -> Loc:
        """Where item `index` of list field `name` starts, or the field's own start."""
        items = self._mapping.get(name) if self._mapping is not None else None
        if self._positions is None or not isinstance(items, list) or index >= len(items):
            return self.of(name)
        return self._positions.value_loc(items, index)

    def __repr__(self) -> str:
        return f"Located({self.loc})"


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
class Option:
    id: str
    label: str
    meaning: str
    next: str
    where: Located = field(compare=False, repr=False)


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    why: str
    factor: str
    options: tuple[Option, ...]
    where: Located = field(compare=False, repr=False)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


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

    def node(self, node_id: str) -> Node | None:
        return self.questions.get(node_id) or self.recommendations.get(node_id)

    @property
    def node_ids(self) -> list[str]:
        return [*self.questions, *self.recommendations]


class _Reader:
    """Builds the model from plain data that may have failed the schema.

    Schema problems are reported separately; here anything malformed is read
    as leniently as possible, so that the graph checks still run and an author
    sees every problem in one pass rather than one per attempt.
    """

    def __init__(self, data: dict, positions: Positions, file: str) -> None:
        self.data = data
        self.positions = positions
        self.file = file

    def text(self, mapping: dict, name: str) -> str:
        value = mapping.get(name)
        return value if isinstance(value, str) else "" if value is None else str(value)

    def texts(self, mapping: dict, name: str) -> tuple[str, ...]:
        value = mapping.get(name)
        if not isinstance(value, list):
            return ()
        return tuple(str(v) for v in value if v is not None)

    def section(self, name: str) -> dict:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def located(self, parent: dict | list, key: str | int, mapping: dict) -> Located:
        return Located(positions=self.positions, parent=parent, key=key, mapping=mapping)

    def tree(self) -> Tree:
        source = self.data.get(Key.SOURCE)
        source = source if isinstance(source, dict) else {}
        factors, questions, recommendations = (
            self.section(n) for n in (Key.FACTORS, Key.QUESTIONS, Key.RECOMMENDATIONS)
        )
        return Tree(
            file=self.file,
            title=self.text(self.data, Key.TITLE),
            version=self.text(self.data, Key.VERSION),
            source=Source(
                credit=self.text(source, Key.CREDIT),
                publication=self.text(source, Key.PUBLICATION),
                published=self.text(source, Key.PUBLISHED),
            ),
            start=self.text(self.data, Key.START),
            factors={
                fid: Factor(
                    id=fid,
                    title=self.text(f, Key.TITLE),
                    summary=self.text(f, Key.SUMMARY),
                    page=self.text(f, Key.PAGE),
                    where=self.located(factors, fid, f),
                )
                for fid, f in factors.items()
                if isinstance(f, dict)
            },
            questions={qid: self.question(questions, qid, q) for qid, q in questions.items() if isinstance(q, dict)},
            recommendations={
                rid: Recommendation(
                    id=rid,
                    title=self.text(r, Key.TITLE),
                    verdict=self.text(r, Key.VERDICT),
                    rationale=self.text(r, Key.RATIONALE),
                    risks=self.texts(r, Key.RISKS),
                    next_steps=self.texts(r, Key.NEXT_STEPS),
                    factors=self.texts(r, Key.FACTORS),
                    where=self.located(recommendations, rid, r),
                )
                for rid, r in recommendations.items()
                if isinstance(r, dict)
            },
            where=Located(Loc(self.file, 1, 1), positions=self.positions, mapping=self.data),
        )

    def question(self, questions: dict, qid: str, q: dict) -> Question:
        raw_options = q.get(Key.OPTIONS)
        raw_options = raw_options if isinstance(raw_options, list) else []
        options = []
        for i, o in enumerate(raw_options):
            if isinstance(o, dict) and o.get(Key.NEXT) is not None:
                where = self.located(raw_options, i, o)
                options.append(
                    Option(
                        id=self.text(o, Key.ID),
                        label=self.text(o, Key.LABEL),
                        meaning=self.text(o, Key.MEANING),
                        next=self.text(o, Key.NEXT),
                        where=where,
                    )
                )
        return Question(
            id=qid,
            title=self.text(q, Key.TITLE),
            prompt=self.text(q, Key.PROMPT),
            why=self.text(q, Key.WHY),
            factor=self.text(q, Key.FACTOR),
            options=tuple(options),
            where=self.located(questions, qid, q),
        )


def tree_from_data(data: object, positions: Positions, file: str) -> Tree:
    """The model of a parsed tree file; `data` need not have passed the schema."""
    return _Reader(data if isinstance(data, dict) else {}, positions, file).tree()
