"""Model -> the questionnaire's data: the tree as the browser app needs it, and nothing more."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from ..tree.model import Recommendation, Tree
from ..tree.paths import questions_left
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
    Text goes out as written: the app puts it into the page as text nodes only. A
    question goes by its prompt, as the reader saw it; its short title is for
    navigation and the diagram, which the app does not draw.
    `words` are the interface's words the scripts show (wording.py); `result`
    is the result block's markup, as `<template>`s with empty slots, from the
    templates that write it into the recommendation pages and the handout.
    """
    depth = questions_left(tree)
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
                    {"id": o.id, "label": o.label, "meaning": o.meaning, "next": o.next, **_former(o.former_ids)}
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
                "steps": list(r.next_steps),
                **_escalating(r),
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


def _escalating(recommendation: Recommendation) -> dict[str, Any]:
    """What to say to the person above, and what to do if they say no too: only for advice that goes there."""
    say = recommendation.what_to_say
    if say is None:
        return {}
    return {
        "say": {"opening": say.opening, "subject": say.email_subject, "email": list(say.email)},
        "ifNo": list(recommendation.if_still_no),
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
