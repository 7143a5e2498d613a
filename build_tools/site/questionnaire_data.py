"""Model -> the questionnaire's data: the tree as the browser app needs it, and nothing more."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from ..tree.model import Advice, Recommendation, Tree
from ..tree.paths import questions_left
from ..tree.settings import reaching
from .contexts import QuestionnaireResult
from .slots import Slot, Slots
from .templating import render
from .urls import ABOUT, EVERY_PART, QUESTIONNAIRE_DATA, Parts, page_url, recommendation_uri
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


def questionnaire_data(tree: Tree, *, directory_urls: bool, parts: Parts = EVERY_PART) -> str:
    """The tree as a script that sets `window.ESCALATION_TREE`: a script, because fetch() fails on file://.

    `recommendationUrl` (of a recommendation's full page) is relative to the
    site root; `depth` is the most questions left on the longest branch from a question,
    for honest progress ("at most N more").
    `formerIds` lists the ids a question or option replaced: old links resume through them.
    An option's `setting` puts the reader in that setting (tree 3.0); a recommendation's
    `bySetting` holds, per setting that reaches it, the fields whose text differs for it.
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
                **_advice(r.advice(None)),
                **_by_setting(r, reached[r.id]),
            }
            for r in tree.recommendations.values()
        },
        "words": for_scripts(),
        "result": _result(tree, directory_urls, parts),
    }
    return "window.ESCALATION_TREE = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _former(ids: tuple[str, ...]) -> dict[str, Any]:
    """The ids a question or option replaced, so that old questionnaire links still find it."""
    return {"formerIds": list(ids)} if ids else {}


def _advice(advice: Advice) -> dict[str, Any]:
    """Next steps; and what to say to the person above, and what to do if they say no too, where given."""
    say = advice.what_to_say
    found: dict[str, Any] = {"steps": list(advice.next_steps)} if advice.next_steps else {}
    if say is None:
        return found
    return {
        **found,
        "say": {"opening": say.opening, "subject": say.email_subject, "email": list(say.email)},
        "ifNo": list(advice.if_still_no),
    }


def _by_setting(recommendation: Recommendation, settings: list[str]) -> dict[str, Any]:
    """For advice whose text varies by setting: each setting that reaches it, with the fields whose text differs.

    The text is each setting's effective text (`Recommendation.advice`), less what is the same as the
    recommendation's own, which keeps the data small: the script lays a setting's fields over the
    recommendation's. A setting is listed even with nothing of its own, so that the result links to its
    section of the full page.
    """
    if not recommendation.settings:
        return {}
    base = _advice(recommendation.advice(None))
    return {
        "bySetting": {
            setting: {k: v for k, v in _advice(recommendation.advice(setting)).items() if base.get(k) != v}
            for setting in settings
        }
    }


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
