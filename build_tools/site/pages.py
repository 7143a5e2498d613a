"""Model -> the generated Markdown pages: one per question and recommendation, the index and the overview.

Each page is a template (templates/) given one context (contexts.py); this
module only gathers what each context holds. The output is plain Markdown
with a few raw HTML blocks, so it serves MkDocs through the plugin and any
other engine through `python -m build_tools render`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from markupsafe import Markup

from ..tree.cases import Case
from ..tree.model import Advice, Factor, Question, Recommendation, Tree
from ..tree.paths import count_paths, count_paths_to, describe_count, longest_path
from ..tree.settings import reaching
from ..tree.ways_in import ways_in
from .contexts import (
    CasePage,
    CasesIndex,
    FactorLinks,
    GlossaryPage,
    Outline,
    OutlineStep,
    Overview,
    PartAdvice,
    PartCondition,
    PathStep,
    QuestionPage,
    RecommendationPage,
    RecommendationsIndex,
    SettingAdvice,
)
from .diagram import MAX_DIAGRAM_NODES, dot_source
from .templating import render
from .urls import (
    CASES,
    EVERY_PART,
    GLOSSARY,
    OVERVIEW,
    QUESTIONNAIRE,
    RECOMMENDATIONS,
    Parts,
    case_uri,
    question_uri,
    questionnaire_state,
    recommendation_uri,
    relative_url,
)

CONDITIONS_LISTED = 30  # "how readers get here" lists at most this many questions, those nearest the advice
OUTLINE_DEPTH = 12  # the outline nests no deeper than this


def render_pages(
    tree: Tree, *, directory_urls: bool, draw: Callable[[str], str] | None, parts: Parts = EVERY_PART
) -> dict[str, str]:
    """`{source path: Markdown}` for every page of the tree. `draw` turns DOT into SVG (None: no diagram).

    `parts` says which pages around the tree's the site has, for links to them (such as about.md).
    """
    pages: dict[str, str] = {}
    for question in tree.questions.values():
        here = question_uri(question.id)
        pages[here] = render(
            "question.md.j2", QuestionPage(here, tree, directory_urls, question, tree.factors[question.factor]), parts
        )

    to_each = count_paths_to(tree)
    conditions = ways_in(tree, CONDITIONS_LISTED)
    sections = by_setting(tree)
    for rec in tree.recommendations.values():
        here = recommendation_uri(rec.id)
        factors = [tree.factors[f] for f in rec.factors]
        total = to_each[rec.id]
        page = RecommendationPage(
            here,
            tree,
            directory_urls,
            rec,
            factors,
            total,
            describe_count(total),
            conditions[rec.id],
            sections[rec.id],
            part_sections(tree, rec),
        )
        pages[here] = render("recommendation.md.j2", page, parts)

    index = RecommendationsIndex(RECOMMENDATIONS, tree, directory_urls, list(tree.recommendations.values()))
    pages[RECOMMENDATIONS] = render("recommendations.md.j2", index, parts)
    pages[OVERVIEW] = _overview(tree, directory_urls, draw, parts)
    if tree.glossary:
        used_in = {t: [q for q in tree.questions.values() if t in q.terms] for t in tree.glossary}
        glossary = GlossaryPage(GLOSSARY, tree, directory_urls, list(tree.glossary.values()), used_in)
        pages[GLOSSARY] = render("glossary.md.j2", glossary, parts)
    return pages


def part_sections(tree: Tree, rec: Recommendation) -> list[PartAdvice]:
    """Each part of a recommendation's advice for some readers only, with the answers that bring it."""
    sections = []
    for index, part in enumerate(rec.parts, start=1):
        conditions = []
        for question_id, option_ids in part.when:
            question = tree.questions[question_id]
            conditions.append(PartCondition(question, [o for o in question.options if o.id in option_ids]))
        advice = Advice(part.next_steps, part.what_to_say, part.if_still_no)
        sections.append(PartAdvice(f"when-{index}", conditions, advice))
    return sections


def by_setting(tree: Tree) -> dict[str, list[SettingAdvice]]:
    """For each recommendation whose text varies by setting, each setting that reaches it with its text.

    A recommendation that gives no text per setting says the same to every reader, so it gets none:
    its page, its place in the handout and its result read as they do in a tree without settings.
    """
    reached = reaching(tree)
    return {
        rec.id: [SettingAdvice(tree.settings[s], rec.advice(s)) for s in reached[rec.id]] if rec.settings else []
        for rec in tree.recommendations.values()
    }


def render_case_pages(tree: Tree, cases: Sequence[Case], *, directory_urls: bool) -> dict[str, str]:
    """The case studies' pages and their index; the cases have been checked against the tree."""
    if not cases:
        return {}
    pages = {CASES: render("cases.md.j2", CasesIndex(CASES, tree, directory_urls, list(cases)))}
    for case in cases:
        here = case_uri(case.id)
        try_it = relative_url(here, QUESTIONNAIRE, directory_urls) + questionnaire_state(case.answers[:-1])
        steps = _steps(tree, case.answers)
        page = CasePage(here, tree, directory_urls, case, steps, tree.recommendations[case.expected], try_it)
        pages[here] = render("case.md.j2", page)
    return pages


def factor_links(tree: Tree, factor: Factor, *, directory_urls: bool = True) -> str:
    """Markdown for a factor's own page: the questions that ask about it and the advice it grounds."""
    questions = [q for q in tree.questions.values() if q.factor == factor.id]
    recommendations = [r for r in tree.recommendations.values() if factor.id in r.factors]
    return render("factor_links.md.j2", FactorLinks(factor.page, tree, directory_urls, questions, recommendations))


def _overview(tree: Tree, directory_urls: bool, draw: Callable[[str], str] | None, parts: Parts) -> str:
    node_count = len(tree.questions) + len(tree.recommendations)
    svg = None
    if draw is not None and node_count <= MAX_DIAGRAM_NODES:
        svg = Markup(draw(dot_source(tree, directory_urls=directory_urls)))
    outline = Markup(render("outline.html.j2", Outline(OVERVIEW, tree, directory_urls, list(outline_steps(tree)))))
    total = describe_count(count_paths(tree))
    return render(
        "overview.md.j2",
        Overview(OVERVIEW, tree, directory_urls, total, longest_path(tree), node_count, svg, outline),
        parts,
    )


def _steps(tree: Tree, answers: Sequence[tuple[str, str]]) -> list[PathStep]:
    return [PathStep(tree.questions[q], tree.questions[q].option(o)) for q, o in answers]


def outline_steps(tree: Tree) -> Iterator[OutlineStep]:
    """The tree depth first, each question spelled out the first time it is reached.

    Nesting stops at OUTLINE_DEPTH: a question reached deeper than that starts
    a new top-level entry further down, so no list nests beyond what a reader
    (or an HTML parser) can follow, however deep the tree.
    """
    seen = {tree.start}
    roots = deque([tree.questions[tree.start]])
    while roots:
        root = roots.popleft()
        yield OutlineStep("open", root)
        stack = [iter(root.options)]
        while stack:
            option = next(stack[-1], None)
            if option is None:
                stack.pop()
                yield OutlineStep("close")
                continue
            target = tree.node(option.next)
            if not isinstance(target, Question):
                yield OutlineStep("leaf", target, option)
            elif target.id in seen:
                yield OutlineStep("repeat", target, option)
            elif len(stack) >= OUTLINE_DEPTH:
                seen.add(target.id)
                roots.append(target)
                yield OutlineStep("continued", target, option)
            else:
                seen.add(target.id)
                yield OutlineStep("open", target, option)
                stack.append(iter(target.options))
