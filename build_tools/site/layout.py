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
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, get_files, set_exclusions

from ..tree.loader import display_name
from ..tree.problems import Loc, Problem
from .mdlinks import (
    INCLUDE,
    MarkdownOptions,
    PageUnreadable,
    candidates,
    included_links,
    page_text,
    position,
    real,
)
from .urls import ABOUT, CHANGELOG, GENERATED, HOME, QUESTIONNAIRE, page_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from pathspec.gitignore import GitIgnoreSpec


@dataclass(frozen=True)
class Publishing:
    """MkDocs' settings for which files of the docs folder it publishes, as MkDocs' own options read them.

    MkDocs leaves out dotfiles and `templates/` by default, and whatever `exclude_docs` and `draft_docs`
    name; `not_in_nav` pages are published. What the lock and `check` count as published is decided by
    MkDocs' own functions (`get_files`, `set_exclusions`) with these, never by a walk of our own.
    """

    exclude_docs: GitIgnoreSpec | None = None
    draft_docs: GitIgnoreSpec | None = None
    not_in_nav: GitIgnoreSpec | None = None

    def settings(self, docs_dir: Path, directory_urls: bool) -> dict[str, Any]:
        """The part of an MkDocs configuration that `get_files` and `set_exclusions` read."""
        return {
            "docs_dir": str(docs_dir),
            "site_dir": "",
            "use_directory_urls": directory_urls,
            "exclude_docs": self.exclude_docs,
            "draft_docs": self.draft_docs,
            "not_in_nav": self.not_in_nav,
        }


@dataclass(frozen=True)
class SiteLayout:
    docs_dir: Path
    nav_pages: frozenset[str] | None  # None when the site lists every page by itself (no `nav`)
    directory_urls: bool = True  # MkDocs' use_directory_urls: pages at `page/` rather than `page.html`
    publishing: Publishing = field(default_factory=Publishing)
    markdown: MarkdownOptions = field(default_factory=MarkdownOptions)  # how the site's pages are read

    @classmethod
    def from_nav(
        cls,
        docs_dir: str | Path,
        nav: Any,
        directory_urls: bool = True,
        publishing: Publishing | None = None,
        markdown: MarkdownOptions | None = None,
    ) -> SiteLayout:
        pages = None if nav is None else frozenset(_pages(nav))
        return cls(Path(docs_dir), pages, directory_urls, publishing or Publishing(), markdown or MarkdownOptions())

    @classmethod
    def of_config(cls, config: MkDocsConfig) -> SiteLayout:
        """The layout of the site MkDocs is building."""
        publishing = Publishing(config.exclude_docs, config.draft_docs, config.not_in_nav)
        markdown = MarkdownOptions(tuple(config.markdown_extensions), config.mdx_configs)
        return cls.from_nav(config.docs_dir, config.nav, config.use_directory_urls, publishing, markdown)

    @classmethod
    def with_files(
        cls,
        docs_dir: str | Path,
        files: Sequence[str],
        directory_urls: bool = True,
        publishing: Publishing | None = None,
    ) -> SiteLayout:
        """A layout whose docs folder holds `files`, such as the folder at an earlier commit (review/treediff.py),
        published by the same rules as the site's now."""
        layout = cls(Path(docs_dir), None, directory_urls, publishing or Publishing())
        # git shows a name that is not UTF-8 with a replacement character: such a file has no address now either.
        listed = [File(uri, str(docs_dir), "", directory_urls) for uri in files if "\ufffd" not in uri]
        set_exclusions(listed, layout.publishing.settings(layout.docs_dir, directory_urls))  # type: ignore[arg-type]
        layout.__dict__["docs_files"] = tuple(sorted(f.src_uri for f in listed if f.inclusion.is_included()))
        return layout

    @cached_property
    def _published(self) -> list[str]:
        """What MkDocs publishes from the docs folder, by its own rules: walked once, however many checks ask."""
        files = get_files(self.publishing.settings(self.docs_dir, self.directory_urls))  # type: ignore[arg-type]
        return [f.src_uri for f in files if f.inclusion.is_included()]

    @cached_property
    def docs_files(self) -> tuple[str, ...]:
        """Every file of the docs folder that MkDocs publishes, relative to it, symlinked folders included."""
        return tuple(sorted(uri for uri in self._published if _utf8(uri)))

    @cached_property
    def misnamed_files(self) -> list[Problem]:
        """Files whose names are not UTF-8, which MkDocs cannot give an address: each stops the build."""
        return [
            Problem(
                Loc(display_name(self.docs_dir / _shown(uri)), 1, 1),
                "this file's name is not UTF-8, so it can have no web address: rename it in UTF-8 "
                "(such as `convmv -f latin1 -t utf-8`), then run again",
            )
            for uri in self._published
            if not _utf8(uri)
        ]

    @property
    def written_pages(self) -> list[str]:
        """The hand-written pages: every page of the docs folder MkDocs publishes, beside the generated ones
        under tree/ too (one at a generated page's address stops the build: fit.shadowed_files)."""
        return [uri for uri in self.docs_files if is_page(uri)]

    @cached_property
    def site_writes(self) -> frozenset[str]:
        """Which of the pages generated pages link to the site wrote itself (see urls.Parts).

        The home and questionnaire pages count by address, so `questionnaire/index.md`
        (or a README.md, which MkDocs reads as its folder's index) stands for them; a
        generated link names about.md and changelog.md themselves, so those count by name.
        """
        addresses = {page_url(uri, True) for uri in self.docs_files if is_page(uri)}
        by_address = {uri for uri in (HOME, QUESTIONNAIRE) if page_url(uri, True) in addresses}
        return frozenset(by_address | {uri for uri in (ABOUT, CHANGELOG) if uri in self.docs_files})

    @cached_property
    def _texts(self) -> dict[str, str | Problem]:
        """Each hand-written page's text, or why it cannot be read: read once, however many checks ask."""
        texts: dict[str, str | Problem] = {}
        for uri in self.written_pages:
            try:
                texts[uri] = page_text(self.docs_dir / uri, display_name(self.docs_dir / uri))
            except PageUnreadable as unreadable:
                texts[uri] = unreadable.problem
        return texts

    def unreadable_pages(self) -> list[Problem]:
        """The hand-written pages MkDocs could not read, at their first byte that is not UTF-8, and the files it
        could not name."""
        unreadable = [text for text in self._texts.values() if isinstance(text, Problem)]
        included = [found for found in self._included.values() if isinstance(found, Problem)]
        return [*self.misnamed_files, *unreadable, *included]

    @cached_property
    def _included(self) -> dict[str, tuple[Loc, list[str]] | Problem]:
        """For each page that includes other files (pymdownx.snippets): where, and the links they bring."""
        found: dict[str, tuple[Loc, list[str]] | Problem] = {}
        for uri, text in self._texts.items():
            if isinstance(text, Problem):
                continue
            include = INCLUDE.search(text)
            if include is None:
                continue
            try:
                start, targets = included_links(text, self.markdown)
            except UnicodeDecodeError as err:
                loc = Loc(display_name(self.docs_dir / uri), *position(text, include.start()))
                found[uri] = Problem(
                    loc,
                    f"a file this page includes is not UTF-8 text (byte 0x{err.object[err.start]:02x}), which MkDocs "
                    "cannot read: save that file as UTF-8, then run again",
                )
                continue
            found[uri] = (Loc(display_name(self.docs_dir / uri), *position(text, start)), targets)
        return found

    def links_included_into_generated_pages(self) -> Iterator[tuple[Loc, str]]:
        """Each link to a generated page that a hand-written page gets from a file it includes, at the include."""
        for uri, included in self._included.items():
            if isinstance(included, Problem):
                continue  # unreadable_pages() says so
            loc, targets = included
            for target in targets:
                resolved = _resolved(uri, target)
                if resolved is not None:
                    yield loc, resolved

    def links_into_generated_pages(self) -> Iterator[tuple[Loc, str]]:
        """Each link from a hand-written page to a generated one: where it is, and the page it names."""
        for uri, text in self._texts.items():
            if isinstance(text, Problem):
                continue  # unreadable_pages() says why
            for start, resolved in _generated_targets(text, uri, self.markdown):
                yield Loc(display_name(self.docs_dir / uri), *position(text, start)), resolved


def _utf8(name: str) -> bool:
    """Whether a file name read from the disk was UTF-8 (Python keeps other bytes as lone surrogates)."""
    return not any("\udc80" <= char <= "\udcff" for char in name)


def _shown(name: str) -> str:
    """A file name that is not UTF-8, printable: each foreign byte as the replacement character."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_page(uri: str) -> bool:
    """Whether MkDocs renders `uri` as a page: Markdown by any of its extensions (.md, .markdown, ...)."""
    return File(uri, None, "", True).is_documentation_page()


def _generated_targets(
    text: str, uri: str, markdown: MarkdownOptions | None = None, among: Container[str] | None = None
) -> Iterator[tuple[int, str]]:
    """Where each link in the page `uri` names a generated page (`among` those, if given), and that page's source path.

    Only a page with some such target is rendered, to tell links from code (mdlinks.real).
    """
    found = {}
    for link in candidates(text):
        resolved = _resolved(uri, link.target)
        if resolved is not None and (among is None or resolved in among):
            found[link] = resolved
    for link in real(text, list(found), markdown):
        yield link.start, found[link]


def _resolved(uri: str, target: str) -> str | None:
    """The generated page a link from the page `uri` names, or None if it names no generated page."""
    path = target.split("#", 1)[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
    return resolved if resolved.startswith(GENERATED) else None


def follow_moved_links(
    text: str, uri: str, moved: Mapping[str, tuple[str, str, str]], markdown: MarkdownOptions | None = None
) -> str:
    """The Markdown of the hand-written page `uri` with each link to a moved page (urls.moved_pages) sent to
    the page that replaced it, so that renaming a node with `former_ids` breaks no link MkDocs checks.

    The build and `rename` both write pages through this, so the one changes exactly what the other would.
    """
    edits = [(start, moved[page]) for start, page in _generated_targets(text, uri, markdown, moved)]
    for start, (_, old, new) in reversed(edits):
        end = start + len(_LINK_TARGET.match(text, start).group())  # type: ignore[union-attr]
        text = text[:start] + _replace_id(text[start:end], old, new) + text[end:]
    return text


_LINK_TARGET = re.compile(r"[^()\[\]\s<>`]+")  # as mdlinks reads an inline link's target


def _replace_id(target: str, old: str, new: str) -> str:
    """`target` with its last path segment, `old.md` or `old/`, naming `new`: a folder named like the id stays."""
    return re.sub(rf"(?<=/){re.escape(old)}(?=(?:\.md)?/?(?:#.*)?$)", new, target, count=1)


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
