"""Where each generated page lives and how pages link to each other: the site's URL scheme.

Ids become page names here, which is why the format reserves `index` and
the names Windows cannot store (model.RESERVED_IDS).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, unquote

from mkdocs.structure.files import File

from ..tree.model import Tree

GENERATED = "tree/"  # every generated page lies under this folder of docs/
OVERVIEW = "tree/index.md"
RECOMMENDATIONS = "tree/recommendations/index.md"
GLOSSARY = "tree/glossary.md"
CASES = "cases/index.md"
LINKING = "linking.md"  # generated: its example links must match the tree and the URL style
HOME = "index.md"  # the site's home page; a default one (defaults.py) where the site has none
QUESTIONNAIRE = "questionnaire.md"  # the page that hosts the questionnaire: the site's, or a default one
QUESTIONNAIRE_DATA = "assets/javascripts/questionnaire-data.js"
# Tree 3.0: each setting's recommendation text, in a script of its own beside the data, loaded on demand.
QUESTIONNAIRE_SETTING = "assets/javascripts/questionnaire-data/{id}.js"
ABOUT = "about.md"  # the hand-written page that credits the source; left unlinked where the site has none
CHANGELOG = "changelog.md"  # the hand-written changelog of the guidance; left unlinked where the site has none
EMBED_PAGE = "embed/index.md"  # the questionnaire alone, for frames and learning platforms (embed.py)
EMBED_FILE = "embed/index.html"  # the embed page is written as HTML, not Markdown: this is that file
HANDOUT = "handout.md"  # generated: the print handout, learners' edition (classroom/handout.py)
HANDOUT_FACILITATOR = "handout/facilitator.md"  # the facilitators' edition: the same, with the answers
# Each edition's running header and footer on paper, made from the tree's title: a stylesheet per edition.
HANDOUT_STYLES = "assets/stylesheets/handout-{edition}.css"
SCORM_PACKAGE = "downloads/escalation-guide-scorm12.zip"  # the SCORM 1.2 package (scorm.py)


WRITTEN_BY_THE_SITE = frozenset({HOME, QUESTIONNAIRE, ABOUT, CHANGELOG})


@dataclass(frozen=True)
class Parts:
    """What the site holds around the tree's own pages, which decides what is generated and what is linked.

    The classroom outputs (the embed page, the SCORM package, the handout) and
    the redirect pages can each be switched off in the plugin's options; a part
    that is off is not generated, and no generated page links to it. `written`
    names the pages that generated pages link to which the site wrote itself.
    Where one is missing, the build writes a default in its place (the home
    page, and the questionnaire's page, without which the site would have no
    questionnaire) or leaves the links to it out (about, changelog).
    """

    embed: bool = True
    scorm: bool = True
    handout: bool = True
    redirects: bool = True  # redirect pages are written: on in the options, and the site keeps a permalinks.lock
    written: frozenset[str] = WRITTEN_BY_THE_SITE

    @property
    def defaults(self) -> list[str]:
        """The pages the build writes because the site has none at their address."""
        return [uri for uri in (HOME, QUESTIONNAIRE) if uri not in self.written]

    def linkable(self, uri: str) -> str | None:
        """`uri`, if the site will have that page for a generated page to link to; None if it will not."""
        present = {
            ABOUT: ABOUT in self.written,
            CHANGELOG: CHANGELOG in self.written,
            HANDOUT: self.handout,
            HANDOUT_FACILITATOR: self.handout,
        }
        return uri if present.get(uri, True) else None


EVERY_PART = Parts()  # the project's own site: every output on, every page the site may write written


def question_uri(question_id: str) -> str:
    return f"tree/questions/{question_id}.md"


def recommendation_uri(recommendation_id: str) -> str:
    return f"tree/recommendations/{recommendation_id}.md"


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}.md"


def node_uri(tree: Tree, node_id: str) -> str:
    return question_uri(node_id) if node_id in tree.questions else recommendation_uri(node_id)


def moved_pages(tree: Tree) -> dict[str, tuple[str, str, str]]:
    """`{page of a former id: (its node's page now, the former id, the current id)}` for every renamed node."""
    moved = {}
    for node in tree.nodes:
        uri = node_uri(tree, node.id)
        for former in node.former_ids:
            moved[uri.replace(f"/{node.id}.md", f"/{former}.md")] = (uri, former, node.id)
    return moved


def generated_pages(tree: Tree, case_ids: Sequence[str], parts: Parts = EVERY_PART) -> list[str]:
    """The source path of every page the tree and its cases generate (render.py writes exactly these)."""
    return [
        *parts.defaults,
        OVERVIEW,
        RECOMMENDATIONS,
        *([GLOSSARY] if tree.glossary else []),
        *map(question_uri, tree.questions),
        *map(recommendation_uri, tree.recommendations),
        *([CASES] if case_ids else []),
        *map(case_uri, case_ids),
        LINKING,
        *([HANDOUT, HANDOUT_FACILITATOR] if parts.handout else []),
    ]


def questionnaire_state(answers: Sequence[tuple[str, str]]) -> str:
    """The questionnaire's URL fragment for `answers` ('' for none): `#a=question.option/...`."""
    return "#a=" + "/".join(f"{q}.{o}" for q, o in answers) if answers else ""


@cache
def page_url(uri: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives the file at `uri`: a page's (README.md as its folder's index,
    any Markdown extension), or a file's own path ('' for the home page), by MkDocs' own rules (`File.url`)."""
    url = unquote(File(uri, None, "", use_directory_urls).url)  # quoted once, where a link is made (url_between)
    return "" if url == "./" else url


def relative_url(from_uri: str, to_uri: str, use_directory_urls: bool) -> str:
    """A link from one page to another that works under any base path, file:// included."""
    return url_between(page_url(from_uri, use_directory_urls), page_url(to_uri, use_directory_urls))


def url_between(here: str, there: str) -> str:
    """A relative link from the site-relative URL `here` to `there` ('' or a trailing / for a folder's page)."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + there, "/" + base)
    if not there or there.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return quote(rel)
