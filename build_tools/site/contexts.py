"""What each template is given: one frozen dataclass per template, the one place its variables are listed.

Every context starts with the fields the filters need (templating.py):
the page being written, the tree and the URL style. A template reads its
context's fields by name, and nothing else but the constants in `PAGES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..tree.cases import Case
from ..tree.model import Advice, Factor, Option, Question, Recommendation, Setting, Term, Tree
from ..tree.ways_in import WaysIn
from .slots import Slots


@dataclass(frozen=True)
class Context:
    here: str
    """The source path of the page being written, such as `tree/questions/impasse.md`: links start here."""
    tree: Tree
    directory_urls: bool
    """MkDocs' `use_directory_urls`: whether a page's URL is `page/` or `page.html`."""


@dataclass(frozen=True)
class QuestionPage(Context):
    """`question.md.j2`: a question, its answers as links onwards, and the factor it asks about."""

    question: Question
    factor: Factor


@dataclass(frozen=True)
class PathStep:
    """One answer on a listed path, or (`skipped` > 0) a gap standing for that many answers."""

    question: Question | None = None
    option: Option | None = None
    skipped: int = 0


@dataclass(frozen=True)
class SettingAdvice:
    """What one setting's readers are told to do: a recommendation's text for that setting (`Recommendation.advice`)."""

    setting: Setting
    advice: Advice


@dataclass(frozen=True)
class PartCondition:
    """One question a part of the advice is for, and the answers to it that bring the part."""

    question: Question
    options: list[Option]


@dataclass(frozen=True)
class PartAdvice:
    """A part of the advice for some readers only (tree 4.0), its heading naming whom: their answers."""

    anchor: str
    """The section's id, `when-1`, `when-2`, ..., in the file's order."""
    conditions: list[PartCondition]
    advice: Advice
    """The part's own steps, words and moves: what it adds to, or puts in place of, the rest."""


@dataclass(frozen=True)
class RecommendationPage(Context):
    """`recommendation.md.j2`: the advice, the factors behind it, and the conditions that lead to it."""

    recommendation: Recommendation
    factors: list[Factor]
    total: int
    """How many answer sequences lead here."""
    total_text: str
    """The same, in words ("52", or "about 1.2 million")."""
    ways_in: WaysIn
    """Each question on some way here, with the answers that lead on."""
    by_setting: list[SettingAdvice]
    """One section per setting that reaches it, when its text varies by setting; empty otherwise."""
    parts: list[PartAdvice]
    """One section per part of the advice for some readers only, after the advice for every reader."""


@dataclass(frozen=True)
class RecommendationsIndex(Context):
    """`recommendations.md.j2`: every recommendation with its verdict."""

    recommendations: list[Recommendation]


@dataclass(frozen=True)
class OutlineStep:
    kind: str
    """"open" (a question, its answers follow), "close", "leaf", "repeat" or "continued"."""
    node: Question | Recommendation | None = None
    option: Option | None = None


@dataclass(frozen=True)
class Outline(Context):
    """`outline.html.j2`: the tree as nested lists, flattened into steps so any depth renders without recursion."""

    steps: list[OutlineStep]


@dataclass(frozen=True)
class Diagram(Context):
    """`diagram.dot.j2`: the tree as a Graphviz graph, whose boxes link to their pages."""


@dataclass(frozen=True)
class Overview(Context):
    """`overview.md.j2`: counts, the drawing (None when the tree is too big to draw) and the outline."""

    total_paths: str
    longest: int
    node_count: int
    svg: Markup | None
    outline: Markup


@dataclass(frozen=True)
class GlossaryPage(Context):
    """`glossary.md.j2`: every term with its definition, and the questions that use it."""

    terms: list[Term]
    used_in: dict[str, list[Question]]


@dataclass(frozen=True)
class CasePage(Context):
    """`case.md.j2`: a case study, its story first and its answer folded away for a class to predict."""

    case: Case
    steps: list[PathStep]
    recommendation: Recommendation
    try_it: str
    """A link into the questionnaire with every answer but the last filled in."""


@dataclass(frozen=True)
class CasesIndex(Context):
    """`cases.md.j2`: every case study by title."""

    cases: list[Case]


@dataclass(frozen=True)
class Example:
    """One link on the linking page: what it is for, the address to copy, and where it lands."""

    what: str
    address: str
    """The full address, or where the public address is unknown, the address relative to the site's root."""
    href: str
    """The same, relative to the linking page, so the example can be followed."""
    lands_on: str
    """The id of the question or recommendation, or the path of the page, it opens."""


@dataclass(frozen=True)
class LinkingPage(Context):
    """`linking.md.j2`: the trainers' page: links, the embed snippet, the SCORM package, the handout."""

    examples: list[Example]
    snippet: Markup
    """The embed snippet, as a code block."""
    site_url: str | None
    """The site's public address; None where it is unknown or private (address.public_address)."""
    placeholder: str
    """The address the embed snippet shows in its place."""
    package: str
    """The SCORM package, relative to this page."""
    embed: str
    """The embed page, relative to this page."""


@dataclass(frozen=True)
class HandoutPage(Context):
    """`handout.md.j2`: everything a class needs on paper, in one of two editions."""

    edition: str
    """`learner` (no answers) or `facilitator` (each case's answer and teaching note, and the key)."""
    other: str
    """The other edition's page, for a link between them."""
    styles: str
    """This edition's print stylesheet (its running header and footer), relative to this page."""
    printed: str
    """The version and date the paper says it is, such as `Version 3.0.0, 2 December 2026`."""
    questions: list[Question]
    """In the order a reader can meet them, numbered from 1."""
    numbers: dict[str, int]
    answer_numbers: dict[str, dict[str, int]]
    """Each question's answers numbered from 1, as printed: a case's path names them so (`3.2`)."""
    recommendations: list[Recommendation]
    letters: dict[str, str]
    """Each recommendation's letter, A, B, C, ..., by which the questions and the key point to it."""
    by_setting: dict[str, list[SettingAdvice]]
    """For each recommendation, each reaching setting's text where its text varies by setting; else empty."""
    cases: list[Case]
    addresses: dict[str, str]
    """Each case page's full address, printed beside its link; empty where the public address is unknown."""


@dataclass(frozen=True)
class FactorLinks(Context):
    """`factor_links.md.j2`, added to a factor's own page: the questions and advice it bears on."""

    questions: list[Question]
    recommendations: list[Recommendation]


@dataclass(frozen=True)
class RedirectPage(Context):
    """`redirect.html.j2`: a page that has moved, sending readers on without a script. `here` is its old URL."""

    href: str
    """The new page, relative to the old one."""
    canonical: str
    title: str


@dataclass(frozen=True)
class EmbedPage(Context):
    """`embed.html.j2`: the questionnaire alone, for a frame or a learning platform."""

    assets: str
    """The folder of the assets, relative to the page: `../` on the site, `` in the package."""
    site_base: str
    """Where full pages live ('' for nowhere: no links to them)."""
    start: str
    """The first question's page, for readers without JavaScript ('' for none)."""
    stylesheets: list[str]
    scripts: list[str]


@dataclass(frozen=True)
class EmbedSnippet(Context):
    """`embed_snippet.html.j2`: the HTML a trainer pastes into a course page to frame the questions."""

    src: str
    origin: str


@dataclass(frozen=True)
class ScormManifest(Context):
    """`imsmanifest.xml.j2`: one organization, one item, one SCO that lists every file of the package."""

    launch: str
    files: list[str]


@dataclass(frozen=True)
class QuestionnaireResult(Context):
    """`questionnaire_result.html.j2`: the result block's pieces (result.j2) as blanks for the questionnaire to fill.

    `here` is the data script; the blanks hold no tree text, only slots (slots.py).
    """

    recommendation: Any
    """A recommendation made of slots, each named as the questionnaire's data names that field."""
    answers: Slots
    """The answers given, each with its question's prompt, the option's label and what it meant."""
    about: str | None
    """The page on what the advice is and is not, relative to the site's root; None where the site has none."""
