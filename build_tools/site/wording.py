"""The interface's own words, in one place: headings, labels, button text, status messages and announcements.

Tree text is the author's; these are the project's. Each is written here
once and reaches every output from here: the templates read them as
`WORDS.<name>` (templating.py), and the scripts read the ones they show from
the questionnaire's data, `window.ESCALATION_TREE.words`
(questionnaire_data.py), so a heading such as "What to say" cannot read one
way on a recommendation's page and another in the questionnaire.

`{name}` marks a value filled in where the words are used: the `fill`
filter in templates, `wording()` in questionnaire.js. A name ending in
`_one` is the form for a count of one, which `wording()` picks when
`n` is 1. Everything here is text, escaped like tree text wherever it goes:
no markup, and no ASCII punctuation in a word used as an admonition's
title (`!!! info "..."`), which Python-Markdown would show escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

WORDING: Mapping[str, str] = MappingProxyType(
    {
        # The result block (templates/result.j2): recommendation pages, the handout, the questionnaire.
        "next_steps": "Next steps",
        "what_to_say": "What to say",
        "say_intro": "Fill in the parts in square brackets, such as [date], and change the words until they sound like you.",
        "say_opening": "To open a conversation or a call:",
        "say_email": "An e-mail:",
        "email_subject": "Subject: {subject}",
        "copy_opening": "Copy the opening",
        "copy_email": "Copy the e-mail",
        "copy_snippet": "Copy the snippet",
        "still_no": "If the answer is still no",
        "still_no_intro": "Common next moves, in this order ({link}).",
        "still_no_intro_alone": "Common next moves, in this order.",
        "about_link": "what this advice is and is not",
        "your_answers": "Why this is the advice for your answers",
        "you_answered": "You answered “{label}”.",
        # Recommendation pages: a section per setting, and how readers get here.
        "setting_heading": "{title}",
        # A part of the advice for some readers only (tree 4.0): "If you answered “A” to “Q?” and “B” to “R?”".
        "if_you_answered": "If you answered",
        "answered_to": "“{label}” to “{prompt}”",
        "answered_or": "or",
        "answered_and": "and",
        "ways_in_intro": "Readers reach this advice when they give these answers:",
        "or_answer": ", or:",
        "asked_on_some_ways": "(asked on some of the ways here only)",
        "ways_in_more": "Questions further back are left out: see the whole tree for them.",
        "ways_in_count": "In all, {n} different sequences of answers lead here.",
        "ways_in_count_one": "One sequence of answers leads here.",
        # The handout.
        "for_setting": "{title}:",
        # The print handout (templates/handout.md.j2, classroom/handout.py).
        "handout_learner": "Learner's handout",
        "handout_facilitator": "Facilitator's handout",
        "handout_printed": "Version {version}, {date}",
        "handout_page": "Page {n} of {count}",
        "print_handout": "Print this handout",
        "handout_to_facilitator": "The facilitator's edition, with the answers and teaching notes",
        "handout_to_learner": "The learner's edition, without the answers",
        "handout_write": "Your advice (the letter of a recommendation), and why:",
        "handout_answer": "Answer:",
        "handout_path": "Path:",
        "handout_key": "Answer key",
        # Shared by the pages and the questionnaire.
        "answer_the_questions": "Answer the questions",
        "why_this_matters": "Why this matters",
        "start_again": "Start again",
        "whole_tree": "See the whole decision tree",
        "all_recommendations": "All recommendations",
        "start_the_questions": "Start the questions",
        "new_tab": "(opens in a new tab)",
        # The questionnaire (questionnaire.js).
        "back": "Back",
        "progress": "Question {number} · {left}",
        "left": "up to {n} more on this branch",
        "left_none": "the last question on this branch",
        "earlier_answer": "(your earlier answer)",
        "result_progress": "Recommendation after {n} answers",
        "result_progress_one": "Recommendation after {n} answer",
        "full_page": "Read the full recommendation, with its reasoning and risks",
        "copy_link": "Copy link to this result",
        "link_copied": "Link copied. Anyone who opens it sees this result and your answers.",
        "copy_question_link": "Copy link to this question",
        "question_link_copied": "Link copied. Anyone who opens it sees this question, with your answers so far.",
        "copy_this_link": "Copy this link: {href}",
        "trail_title": "Your answers so far",
        "change": "Change",
        "change_label": "Change your answer to: {prompt}",
        "clear": "Clear my answers",
        "stale": "That link no longer matched these questions, so you are resuming after your first {n} answers.",
        "stale_one": "That link no longer matched these questions, so you are resuming after your first answer.",
        "stale_start": "That link no longer matched these questions, so you are resuming from the first question.",
        "pending": "That link is older than this question. Answer it, and the link's other {n} answers will follow.",
        "pending_one": "That link is older than this question. Answer it, and the link's other answer will follow.",
        "announce_question": "{progress}: {prompt}",
        "announce_result": "Recommendation: {title}. {verdict}",
        # Copy buttons (copy.js), on pages and in the questionnaire.
        "copied": "Copied.",
        "copy_select": "Selected: press Ctrl+C, or Cmd+C on a Mac, to copy.",
    }
)

# The words the scripts show themselves; the rest reach the browser already in the markup.
FOR_SCRIPTS = (
    "why_this_matters",
    "start_again",
    "new_tab",
    "back",
    "progress",
    "left",
    "left_none",
    "earlier_answer",
    "result_progress",
    "result_progress_one",
    "full_page",
    "copy_link",
    "link_copied",
    "copy_question_link",
    "question_link_copied",
    "copy_this_link",
    "trail_title",
    "change",
    "change_label",
    "clear",
    "stale",
    "stale_one",
    "stale_start",
    "pending",
    "pending_one",
    "announce_question",
    "announce_result",
    "copied",
    "copy_select",
)


def for_scripts() -> dict[str, str]:
    """The words questionnaire.js and copy.js show, for the questionnaire's data."""
    return {name: WORDING[name] for name in FOR_SCRIPTS}
