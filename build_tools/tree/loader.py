"""Load a tree file into the model, keeping every position and every problem found on the way.

It runs a little past 200 lines because the reader spells out each part of the format (settings too) in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

from .located import Located, Positions
from .model import (
    AdvicePart,
    Factor,
    Key,
    Option,
    Question,
    Recommendation,
    Setting,
    SettingText,
    Source,
    Term,
    Tree,
    WhatToSay,
)
from .placed import SourceDoc
from .problems import Loc, Problem
from .yamlsource import read


def display_name(path: str | os.PathLike[str]) -> str:
    """The name messages use: relative to the working directory when inside it, as editors expect."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def load(path: str | os.PathLike[str], name: str | None = None) -> tuple[SourceDoc, Tree]:
    """Read and parse `path`. The tree may be partial: check the document's problems and validate it."""
    name = name or display_name(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        doc = SourceDoc(name, problems=[Problem(Loc(name, 1, 1), f"the file is not UTF-8 text ({err.reason})")])
        return doc, tree_from_data(None, doc, name)
    except OSError as err:
        doc = SourceDoc(name, problems=[Problem(Loc(name, 1, 1), f"cannot read the file: {err.strerror}")])
        return doc, tree_from_data(None, doc, name)
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[SourceDoc, Tree]:
    """As `load`, for text that is already in memory; `name` is what messages call it."""
    doc = read(text, name)
    return doc, tree_from_data(doc.data, doc, name)


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
                    escalates=r.get(Key.ESCALATES) is True,
                    what_to_say=self.what_to_say(r, r.get(Key.WHAT_TO_SAY)),
                    if_still_no=self.texts(r, Key.IF_STILL_NO),
                    former_ids=self.texts(r, Key.FORMER_IDS),
                    settings=self.setting_texts(r.get(Key.SETTINGS)),
                    parts=self.parts(r.get(Key.PARTS)),
                )
                for rid, r in recommendations.items()
                if isinstance(r, dict)
            },
            where=Located(Loc(self.file, 1, 1), positions=self.positions, mapping=self.data),
            glossary=self.glossary(),
            settings=self.settings(),
        )

    def settings(self) -> dict[str, Setting]:
        settings = self.section(Key.SETTINGS)
        return {
            sid: Setting(
                id=sid,
                title=self.text(s, Key.TITLE),
                summary=self.text(s, Key.SUMMARY),
                where=self.located(settings, sid, s),
            )
            for sid, s in settings.items()
            if isinstance(s, dict)
        }

    def setting_texts(self, value: object) -> tuple[SettingText, ...]:
        """A recommendation's text per setting; a field left out stays None, so that the default applies."""
        if not isinstance(value, dict):
            return ()
        return tuple(
            SettingText(
                setting=str(sid),
                where=self.located(value, sid, entry),
                next_steps=self.texts(entry, Key.NEXT_STEPS) if Key.NEXT_STEPS in entry else None,
                what_to_say=self.what_to_say(entry, entry.get(Key.WHAT_TO_SAY)),
                if_still_no=self.texts(entry, Key.IF_STILL_NO) if Key.IF_STILL_NO in entry else None,
            )
            for sid, entry in value.items()
            if isinstance(entry, dict)
        )

    def parts(self, value: object) -> tuple[AdvicePart, ...]:
        """A recommendation's advice for some readers only; a `when` value may be one option id or a list."""
        if not isinstance(value, list):
            return ()
        parts = []
        for index, part in enumerate(value):
            if not isinstance(part, dict):
                continue
            when = part.get(Key.WHEN)
            conditions = when.items() if isinstance(when, dict) else ()
            parts.append(
                AdvicePart(
                    when=tuple(
                        (str(question), tuple(map(str, options if isinstance(options, list) else [options])))
                        for question, options in conditions
                    ),
                    where=self.located(value, index, part),
                    when_where=self.located(part, Key.WHEN, when if isinstance(when, dict) else {}),
                    next_steps=self.texts(part, Key.NEXT_STEPS),
                    what_to_say=self.what_to_say(part, part.get(Key.WHAT_TO_SAY)),
                    if_still_no=self.texts(part, Key.IF_STILL_NO),
                )
            )
        return tuple(parts)

    def glossary(self) -> dict[str, Term]:
        terms = self.section(Key.GLOSSARY)
        return {
            tid: Term(
                id=tid,
                term=self.text(t, Key.TERM),
                definition=self.text(t, Key.DEFINITION),
                where=self.located(terms, tid, t),
            )
            for tid, t in terms.items()
            if isinstance(t, dict)
        }

    def what_to_say(self, parent: dict, value: object) -> WhatToSay | None:
        if not isinstance(value, dict):
            return None
        return WhatToSay(
            opening=self.text(value, Key.OPENING),
            email_subject=self.text(value, Key.EMAIL_SUBJECT),
            email=self.texts(value, Key.EMAIL),
            where=self.located(parent, Key.WHAT_TO_SAY, value),
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
                        former_ids=self.texts(o, Key.FORMER_IDS),
                        setting=o[Key.SETTING] if isinstance(o.get(Key.SETTING), str) else None,
                    )
                )
        return Question(
            id=qid,
            title=self.text(q, Key.TITLE),
            prompt=self.text(q, Key.PROMPT),
            why=self.text(q, Key.WHY),
            factor=self.text(q, Key.FACTOR),
            terms=self.texts(q, Key.TERMS),
            former_ids=self.texts(q, Key.FORMER_IDS),
            options=tuple(options),
            where=self.located(questions, qid, q),
        )


def tree_from_data(data: object, positions: Positions, file: str) -> Tree:
    """The model of a parsed tree file; `data` need not have passed the schema."""
    return _Reader(data if isinstance(data, dict) else {}, positions, file).tree()
