"""Model -> the questionnaire's data: the tree as the browser app needs it, and nothing more."""

from __future__ import annotations

import json
import posixpath
from types import SimpleNamespace
from typing import Any

from ..tree.model import Advice, AdvicePart, Recommendation, Tree
from ..tree.paths import questions_left
from ..tree.settings import reaching
from .contexts import QuestionnaireResult
from .slots import Slot, Slots
from .templating import render
from .urls import (
    ABOUT,
    EVERY_PART,
    QUESTIONNAIRE,
    QUESTIONNAIRE_DATA,
    QUESTIONNAIRE_SETTING,
    Parts,
    page_url,
    recommendation_uri,
)
from .wording import for_scripts

# A recommendation, and the answers that led to it, as slots named by the data's own keys below: the result
# block's pieces rendered with these are what the script fills with a recommendation from the data.
BLANK_RECOMMENDATION = SimpleNamespace(
    verdict=Slot("verdict"),
    next_steps=Slots("steps"),
    what_to_say=SimpleNamespace(opening=Slot("opening"), email_subject=Slot("subject"), email=Slots("email")),
    if_still_no=Slots("ifNo"),
)
BLANK_ANSWERS = Slots("answers", SimpleNamespace(prompt=Slot("prompt"), label=Slot("label"), meaning=Slot("meaning")))


def questionnaire_files(tree: Tree, *, directory_urls: bool, parts: Parts = EVERY_PART) -> dict[str, str]:
    """Every script of the questionnaire's data, by site address: the base data, and each setting's text."""
    return {
        QUESTIONNAIRE_DATA: questionnaire_data(tree, directory_urls=directory_urls, parts=parts),
        **setting_scripts(tree),
    }


def questionnaire_data(tree: Tree, *, directory_urls: bool, parts: Parts = EVERY_PART) -> str:
    """The tree as a script that sets `window.ESCALATION_TREE`: a script, because fetch() fails on file://.

    `recommendationUrl` (of a recommendation's full page) and `questionnaireUrl`
    (the questionnaire's page, where a link copied in a frame leads) are relative to the
    site root; `depth` is the most questions left on the longest branch from a question,
    for honest progress ("at most N more").
    `formerIds` lists the ids a question or option replaced: old links resume through them.
    An option's `setting` puts the reader in that setting (tree 3.0). A recommendation whose
    text varies by setting lists the `settings` that reach it and holds only its shared text,
    the fields every one of them gets alike; each setting's own fields are in that setting's
    script (`setting_scripts`), at `settingScript` ("{id}": the setting's id) relative to this
    script's own URL, which the app loads once the reader's setting is known: a reader
    downloads one setting's text, not all of them. A tree without settings has neither key.
    Text goes out as written: the app puts it into the page as text nodes only. A
    question goes by its prompt, as the reader saw it; its short title is for
    navigation and the diagram, which the app does not draw.
    `words` are the interface's words the scripts show (wording.py); `result`
    is the result block's markup, as `<template>`s with empty slots, from the
    templates that write it into the recommendation pages and the handout.
    """
    depth = questions_left(tree)
    reached = reaching(tree)
    data = {
        "start": tree.start,
        # One pattern rather than a URL per recommendation: "{id}" stands for its id.
        "recommendationUrl": page_url(recommendation_uri("{id}"), directory_urls),
        "questionnaireUrl": page_url(QUESTIONNAIRE, directory_urls),  # where the embed page's copied links lead
        **(
            {"settingScript": posixpath.relpath(QUESTIONNAIRE_SETTING, posixpath.dirname(QUESTIONNAIRE_DATA))}
            if tree.settings
            else {}
        ),
        "questions": {
            q.id: {
                "prompt": q.prompt,
                "why": q.why,
                "depth": depth[q.id],
                "options": [
                    {
                        "id": o.id,
                        "label": o.label,
                        "meaning": o.meaning,
                        "next": o.next,
                        **({"setting": o.setting} if o.setting else {}),
                        **_former(o.former_ids),
                    }
                    for o in q.options
                ],
                **_former(q.former_ids),
            }
            for q in tree.questions.values()
        },
        "recommendations": {
            r.id: {
                "title": r.title,
                "verdict": r.verdict,
                **(_shared(r, reached[r.id]) if r.settings else _advice(r.advice(None), whole=bool(r.parts))),
                **({"parts": [_part(part) for part in r.parts]} if r.parts else {}),
            }
            for r in tree.recommendations.values()
        },
        "words": for_scripts(),
        "result": _result(tree, directory_urls, parts),
    }
    return "window.ESCALATION_TREE = " + _json(data) + ";\n"


def setting_scripts(tree: Tree) -> dict[str, str]:
    """Each declared setting's recommendation text, as a script of its own by site address; none without settings.

    Each script adds, to `window.ESCALATION_TREE_SETTINGS` under its setting's id, the fields of
    each recommendation it reaches whose text is not shared (`_shared`): laid over the shared
    text in the base data, they make the setting's text (`Recommendation.advice`).
    """
    reached = reaching(tree)
    scripts = {}
    for setting in tree.settings:
        own = {}
        for r in tree.recommendations.values():
            if r.settings and setting in reached[r.id]:
                shared = _shared(r, reached[r.id])
                fields = {k: v for k, v in _advice(r.advice(setting)).items() if shared.get(k) != v}
                if fields:
                    own[r.id] = fields
        scripts[QUESTIONNAIRE_SETTING.format(id=setting)] = (
            "(window.ESCALATION_TREE_SETTINGS = window.ESCALATION_TREE_SETTINGS || {})"
            f"[{_json(setting)}] = {_json(own)};\n"
        )
    return scripts


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _former(ids: tuple[str, ...]) -> dict[str, Any]:
    """The ids a question or option replaced, so that old questionnaire links still find it."""
    return {"formerIds": list(ids)} if ids else {}


def _advice(advice: Advice, *, whole: bool = False) -> dict[str, Any]:
    """Next steps; and what to say to the person above, and what to do if they say no too, where given.

    `whole`: the moves even without words to say, which a part (tree 4.0) may bring.
    """
    say = advice.what_to_say
    found: dict[str, Any] = {"steps": list(advice.next_steps)} if advice.next_steps else {}
    if say is None:
        return {**found, "ifNo": list(advice.if_still_no)} if whole and advice.if_still_no else found
    return {
        **found,
        "say": {"opening": say.opening, "subject": say.email_subject, "email": list(say.email)},
        "ifNo": list(advice.if_still_no),
    }


def _part(part: AdvicePart) -> dict[str, Any]:
    """A part for some readers only: `when` ({question: [options]}), and what it adds (`steps`, `ifNo`) or puts in
    place (`say`) for the readers whose answers meet it, as Recommendation.advice assembles it."""
    say = part.what_to_say
    return {
        "when": {question: list(options) for question, options in part.when},
        **({"steps": list(part.next_steps)} if part.next_steps else {}),
        **({"say": {"opening": say.opening, "subject": say.email_subject, "email": list(say.email)}} if say else {}),
        **({"ifNo": list(part.if_still_no)} if part.if_still_no else {}),
    }


def _shared(recommendation: Recommendation, settings: list[str]) -> dict[str, Any]:
    """For advice whose text varies by setting: the settings that reach it, and the fields they all get alike.

    What the reader is shown when their setting's script cannot be loaded, with a link to their
    setting's section of the full page; a setting is listed even with nothing of its own, so that
    the result links to that section.
    """
    texts = [_advice(recommendation.advice(s)) for s in settings] or [_advice(recommendation.advice(None))]
    shared = {k: v for k, v in texts[0].items() if all(t.get(k) == v for t in texts[1:])}
    return {**shared, "settings": settings}


def _result(tree: Tree, directory_urls: bool, parts: Parts) -> str:
    """The result block's pieces as blanks; links in them are relative to the site's root, for the script to resolve."""
    about = parts.linkable(ABOUT)
    blank = QuestionnaireResult(
        QUESTIONNAIRE_DATA,
        tree,
        directory_urls,
        BLANK_RECOMMENDATION,
        BLANK_ANSWERS,
        page_url(about, directory_urls) if about else None,
    )
    return render("questionnaire_result.html.j2", blank, parts).strip()
