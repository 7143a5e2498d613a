"""Model -> the print handout, in two editions: for learners, without the answers, and for facilitators, with them.

Both are worksheets for a class: the questions numbered and the
recommendations lettered, so that an answer points to one ("→ B"), space to
write against each case, and on every printed page the guide's title, its
version and date, and the page number. Only CSS prints on every page, in
the page's margin boxes, and only a stylesheet's strings can fill them; so
each edition gets a small stylesheet made here from the tree's title, every
character of which is written as a CSS escape, so that no title can end the
string or the rule. The facilitators' edition, at an address of its own,
adds each case's answer and teaching note, and a one-page key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from ..site.contexts import HandoutPage
from ..site.pages import by_setting
from ..site.templating import render
from ..site.urls import HANDOUT, HANDOUT_FACILITATOR, HANDOUT_STYLES, case_uri, page_url, url_between
from ..site.wording import WORDING
from ..tree.cases import Case
from ..tree.model import Tree
from ..tree.paths import topological_order
from .letters import letter

EDITIONS = {"learner": HANDOUT, "facilitator": HANDOUT_FACILITATOR}


def printed_on() -> date:
    """The date the handout says it was made: the build's, or SOURCE_DATE_EPOCH's for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch.isdigit() else datetime.now(UTC).date()


def render_handouts(
    tree: Tree,
    cases: Sequence[Case],
    *,
    directory_urls: bool,
    site_url: str | None,
    made: date | None = None,
    letters: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Both editions' pages, and their print stylesheets, by source path.

    `letters` are the recommendations' printed letters, which never move (letters.py); without them, the
    letters follow the file's order. The recommendations are printed in the order of their letters.
    """
    made = made or printed_on()
    printed = WORDING["handout_printed"].format(version=tree.version, date=f"{made.day} {made:%B %Y}")
    questions = [tree.questions[node] for node in topological_order(tree) if node in tree.questions]
    numbers = {question.id: index for index, question in enumerate(questions, start=1)}
    letters = dict(letters) if letters else {rid: letter(index) for index, rid in enumerate(tree.recommendations)}
    recommendations = sorted(tree.recommendations.values(), key=lambda rec: (len(letters[rec.id]), letters[rec.id]))
    base = site_url.rstrip("/") + "/" if site_url else None
    addresses = {case.id: base + page_url(case_uri(case.id), directory_urls) for case in cases} if base else {}
    pages, styles = {}, {}
    for edition, uri in EDITIONS.items():
        other = EDITIONS["facilitator" if edition == "learner" else "learner"]
        sheet = HANDOUT_STYLES.format(edition=edition)
        here = page_url(uri, directory_urls)
        page = HandoutPage(
            uri,
            tree,
            directory_urls,
            edition,
            other,
            url_between(here, sheet),
            printed,
            questions,
            numbers,
            {q.id: {o.id: index for index, o in enumerate(q.options, start=1)} for q in questions},
            recommendations,
            letters,
            by_setting(tree),
            list(cases),
            addresses,
        )
        pages[uri] = render("handout.md.j2", page)
        edition_name = WORDING[f"handout_{edition}"]
        styles[sheet] = _running_text(tree.title, f"{edition_name} · {printed}")
    return pages, styles


def _running_text(title: str, edition: str) -> str:
    """The print stylesheet that puts the title, the edition, its version and date, and the page on every page."""
    page = WORDING["handout_page"]  # "Page {n} of {count}"
    before, _, rest = page.partition("{n}")
    between, _, after = rest.partition("{count}")
    number = f"{_css_string(before)} counter(page) {_css_string(between)} counter(pages) {_css_string(after)}"
    return (
        "/* Made by the build from the tree (classroom/handout.py): the running header and footer of the printed handout. */\n"
        "@media print {\n"
        "  @page {\n"
        f"    @top-left {{ content: {_css_string(title)}; }}\n"
        f"    @top-right {{ content: {_css_string(edition)}; }}\n"
        f"    @bottom-right {{ content: {number}; }}\n"
        "  }\n"
        "}\n"
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string: letters, digits and spaces as they are, every other character as an escape.

    A CSS escape swallows the one space after its hex digits, so each ends with a space of its own:
    without it, the space after a '·' or a ',' in the text would vanish from the printed page.
    """
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text) + '"'
