"""Model -> the trainers' page: linking, embedding and packaging (the print handout is handout.py's).

Both are generated, so every address, example and case they show is the
tree's own and cannot fall out of step with it. `site_url`, the guide's
public address (address.public_address), lets them print full addresses;
without one, the trainers' page gives addresses relative to the site and a
placeholder in the embed snippet, says so, and the handout prints no
addresses: nothing taken away points at the machine it was built on.
The trainers' page shows only the outputs the site has (`parts`): a
switched-off embed page, SCORM package or handout is neither shown nor linked.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..site.contexts import Example, LinkingPage
from ..site.pages import by_setting
from ..site.templating import render
from ..site.urls import (
    EMBED_PAGE,
    EVERY_PART,
    HANDOUT,
    LINKING,
    OVERVIEW,
    QUESTIONNAIRE,
    SCORM_PACKAGE,
    Parts,
    case_uri,
    page_url,
    question_uri,
    questionnaire_state,
    recommendation_uri,
    relative_url,
    url_between,
)
from ..tree.cases import Case
from ..tree.model import Tree
from .embed import PLACEHOLDER_SITE, embed_snippet


def render_linking_page(
    tree: Tree,
    cases: Sequence[Case],
    *,
    directory_urls: bool,
    site_url: str | None = None,
    parts: Parts = EVERY_PART,
) -> str:
    """The trainers' page, with one working example of each kind of link and the embed snippet."""
    start = tree.questions[tree.start]
    first = start.options[0]
    second = tree.node(first.next)
    rec = next(iter(tree.recommendations.values()))
    state = questionnaire_state([(start.id, first.id)])

    base = site_url.rstrip("/") + "/" if site_url else "/"

    def example(what: str, uri: str, lands_on: str, fragment: str = "") -> Example:
        address = base + page_url(uri, directory_urls).removeprefix("/") + fragment
        return Example(what, address, relative_url(LINKING, uri, directory_urls) + fragment, lands_on)

    examples = [
        example("A question", question_uri(start.id), start.id),
        example("A recommendation", recommendation_uri(rec.id), rec.id),
        example("The whole decision tree", OVERVIEW, OVERVIEW),
        example("The questionnaire, from the first question", QUESTIONNAIRE, start.id),
        example(
            "The questionnaire after a first answer",
            QUESTIONNAIRE,
            second.id if second is not None else start.id,
            state,
        ),
    ]
    # A recommendation whose advice varies by setting has a section per setting, at `#<setting id>`, and each
    # heading in it an anchor of its own (`#<setting id>-what-to-say`): one example per setting.
    sections = by_setting(tree)
    varied = next((rid for rid in tree.recommendations if sections.get(rid)), "")
    for section in sections.get(varied, []):
        what = f"A recommendation's advice for one setting ({section.setting.title})"
        examples.append(example(what, recommendation_uri(varied), varied, f"#{section.setting.id}"))
    if parts.embed:
        examples.append(example("The questions alone, for a frame in a course page", EMBED_PAGE, start.id))
    if parts.handout:
        examples.append(example("The print handout", HANDOUT, HANDOUT))
    if cases:
        examples.append(example("A case study", case_uri(cases[0].id), case_uri(cases[0].id)))
    package = url_between(page_url(LINKING, directory_urls), SCORM_PACKAGE)
    page = LinkingPage(
        LINKING,
        tree,
        directory_urls,
        examples,
        embed_snippet(tree, site_url, directory_urls=directory_urls),
        site_url,
        PLACEHOLDER_SITE,
        package,
        relative_url(LINKING, EMBED_PAGE, directory_urls),
    )
    return render("linking.md.j2", page, parts)
