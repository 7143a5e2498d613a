"""What the site around the tree offers it: the docs folder and the pages its navigation lists.

A tree can be sound on its own and still break the strict site build: a
factor's page may be missing or left out of the navigation, and a
hand-written page may link to a question or recommendation the tree no
longer has. Checking against the layout lets `check` catch those too, each
at its line, so that a tree that passes `check` also builds.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..tree.problems import Loc, Problem
from .urls import ABOUT, CHANGELOG, GENERATED, HOME, QUESTIONNAIRE, page_url

# A Markdown link's target: inline `](target)` or a reference definition `[x]: target`.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


@dataclass(frozen=True)
class SiteLayout:
    docs_dir: Path
    nav_pages: frozenset[str] | None  # None when the site lists every page by itself (no `nav`)
    directory_urls: bool = True  # MkDocs' use_directory_urls: pages at `page/` rather than `page.html`

    @classmethod
    def from_nav(cls, docs_dir: str | Path, nav: Any, directory_urls: bool = True) -> SiteLayout:
        return cls(Path(docs_dir), None if nav is None else frozenset(_pages(nav)), directory_urls)

    @classmethod
    def with_files(cls, docs_dir: str | Path, files: Sequence[str], directory_urls: bool = True) -> SiteLayout:
        """A layout whose docs folder holds `files`, such as the folder at an earlier commit (review/treediff.py)."""
        layout = cls(Path(docs_dir), None, directory_urls)
        layout.__dict__["docs_files"] = tuple(sorted(files))  # what docs_files would find on disk
        return layout

    @cached_property
    def docs_files(self) -> tuple[str, ...]:
        """Every file in the docs folder, relative to it: walked once, however many checks ask."""
        return tuple(sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*") if p.is_file()))

    @property
    def written_pages(self) -> list[str]:
        """The hand-written pages: Markdown outside the folder the tree's pages are generated into."""
        return [uri for uri in self.docs_files if uri.endswith(".md") and not uri.startswith(GENERATED)]

    @cached_property
    def site_writes(self) -> frozenset[str]:
        """Which of the pages generated pages link to the site wrote itself (see urls.Parts).

        The home and questionnaire pages count by address, so `questionnaire/index.md`
        (or a README.md, which MkDocs reads as its folder's index) stands for them; a
        generated link names about.md and changelog.md themselves, so those count by name.
        """
        addresses = {page_url(_index_of_readme(uri), True) for uri in self.docs_files if uri.endswith(".md")}
        by_address = {uri for uri in (HOME, QUESTIONNAIRE) if page_url(uri, True) in addresses}
        return frozenset(by_address | {uri for uri in (ABOUT, CHANGELOG) if uri in self.docs_files})

    def links_into_generated_pages(self) -> Iterator[tuple[Loc, str]]:
        """Each link from a hand-written page to a generated one: where it is, and the page it names."""
        for uri in self.written_pages:
            page = self.docs_dir / uri
            text = page.read_text(encoding="utf-8", errors="replace")
            for start, resolved in _generated_targets(text, uri):
                line = text.count("\n", 0, start) + 1
                col = start - (text.rfind("\n", 0, start) + 1) + 1
                yield Loc(str(page), line, col), resolved


def _generated_targets(text: str, uri: str) -> Iterator[tuple[int, str]]:
    """Where each link in the page `uri` names a generated page, and that page's source path."""
    for match in _LINK.finditer(text):
        group = 1 if match.group(1) else 2
        target = match.group(group).split("#", 1)[0]
        if not target or "://" in target or target.startswith(("/", "mailto:")):
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), target))
        if resolved.startswith(GENERATED):
            yield match.start(group), resolved


def follow_moved_links(text: str, uri: str, moved: Mapping[str, tuple[str, str, str]]) -> str:
    """The Markdown of the hand-written page `uri` with each link to a moved page (urls.moved_pages) sent to
    the page that replaced it, so that renaming a node with `former_ids` breaks no link MkDocs checks."""
    edits = [(start, moved[page]) for start, page in _generated_targets(text, uri) if page in moved]
    for start, (_, old, new) in reversed(edits):
        end = start + len(_LINK_TARGET.match(text, start).group())  # type: ignore[union-attr]
        text = text[:start] + _replace_id(text[start:end], old, new) + text[end:]
    return text


_LINK_TARGET = re.compile(r"[^)\s>]+")


def _replace_id(target: str, old: str, new: str) -> str:
    """`target` with the last path segment naming `old` (as `old.md` or `old/`) naming `new`."""
    return re.sub(rf"(?<=/){re.escape(old)}(?=\.md|/|#|$)", new, target, count=1)


def site_config(config_file: Path) -> dict[str, Any]:
    """An mkdocs.yml read as MkDocs reads it (its !ENV tags included), for the command line; {} if it holds no
    mapping. OSError, or the YAML loader's own error, if it cannot be read: each caller says what that means."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    return config if isinstance(config, dict) else {}


def layout_of_config(config_file: Path) -> tuple[SiteLayout | None, list[Problem]]:
    """The layout an mkdocs.yml describes."""
    try:
        config = site_config(config_file)
    except OSError as err:
        what = (
            "; run the command in the site's folder, beside its mkdocs.yml, or name that file with --config"
            if isinstance(err, FileNotFoundError)
            else ""
        )
        return None, [Problem(Loc(str(config_file), 1, 1), f"cannot read the site configuration: {err.strerror}{what}")]
    except Exception as err:  # the YAML loader's own errors; MkDocs reports them the same way
        return None, [Problem(Loc(str(config_file), 1, 1), f"cannot read the site configuration: {err}")]
    docs_dir = config_file.parent / str(config.get("docs_dir", "docs"))
    return SiteLayout.from_nav(docs_dir, config.get("nav"), config.get("use_directory_urls", True) is not False), []


def _index_of_readme(uri: str) -> str:
    folder, name = posixpath.split(uri)
    return posixpath.join(folder, "index.md") if name == "README.md" else uri


def _pages(nav: Any) -> Iterator[str]:
    """The page paths a `nav` names, at any depth; URLs are not pages."""
    stack = [nav]
    while stack:
        entry = stack.pop()
        if isinstance(entry, str):
            if entry.endswith(".md") and "://" not in entry:
                yield entry
        elif isinstance(entry, dict):
            stack.extend(entry.values())
        elif isinstance(entry, list):
            stack.extend(entry)
