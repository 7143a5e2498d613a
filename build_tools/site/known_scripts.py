"""The inline scripts the project ships, recognised from the templates that write them.

The policy never grows by itself. An inline script is allowed only when it
is an instance of a script in a template the site is built from: Material's
(its installed template files), the site's `custom_dir`, the plugin's
theme templates (`build_tools/site/theme/`) or the guide's own pages'
(`build_tools/site/templates/`). An instance is the
template's text exactly, each `{{ expression }}` in it filled by a value that
cannot leave the string literal it sits in (Material's
`__md_scope=new URL("{{ base_url }}",location)` is `"../.."` on one page and
`"."` on another). A template with statements (`{% ... %}`) in a script
vouches for nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .assets import theme_dirs
from .html_scan import as_run, scripts
from .layout_config import site_config

OUR_TEMPLATES = Path(__file__).parent / "templates"  # the guide's own pages, rendered by templating.py

_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA = re.compile(r"\{\{(-?)(.*?)(-?)\}\}|\{%.*?%\}", re.DOTALL)
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2")
_IN_STRING = r"""[^"'`\\<>\s]*"""  # a value inside "..." or '...': it cannot end the string or the script
_BARE = r"[A-Za-z0-9_.-]*"  # a value outside a string: a name or a number, nothing that calls or assigns


def _open_quote(code: str) -> str | None:
    """The quote of the JavaScript string literal that `code` ends inside, if any."""
    quote: str | None = None
    i = 0
    while i < len(code):
        ch = code[i]
        if quote is not None:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif code.startswith("//", i):
            i = code.find("\n", i)
            if i < 0:
                return None
        elif code.startswith("/*", i):
            i = code.find("*/", i + 2)
            if i < 0:
                return None
            i += 1
        i += 1
    return quote


def _template_pattern(text: str) -> re.Pattern[str] | None:
    """What an inline script in a template can become: its text, each `{{ ... }}` a safe hole; None if it has
    statements (`{% ... %}`), whose output this cannot vouch for."""
    parts: list[str] = []
    code = ""  # the text so far, with each hole as "x", to tell whether the next hole is inside a string
    position = 0
    strip_next = False
    for match in _JINJA.finditer(text):
        if match[0].startswith("{%"):
            return None
        literal = text[position : match.start()]
        literal = literal.lstrip() if strip_next else literal
        literal = literal.rstrip() if match[1] else literal
        code += literal
        parts.append(re.escape(as_run(literal)))
        parts.append(_IN_STRING if _open_quote(code) in ('"', "'") else _BARE)
        code += "x"
        position, strip_next = match.end(), bool(match[3])
    literal = text[position:]
    parts.append(re.escape(as_run(literal.lstrip() if strip_next else literal)))
    return re.compile("".join(parts), re.DOTALL)


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts the project ships: one pattern per script in a template, by the template's path."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def template_of(self, text: str) -> str | None:
        """The template that writes an inline script with this text, or None if none does."""
        text = as_run(text)
        if text not in self._seen:
            self._seen[text] = next((name for name, pattern in self.patterns if pattern.fullmatch(text)), None)
        return self._seen[text]


def _template_files(folder: Path) -> list[Path]:
    """The templates under `folder`; hidden folders are skipped (Material's 14,000 icons are in `.icons`)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(top, f) for f in files if f.endswith(_TEMPLATE_SUFFIXES)]
    return sorted(found)


def known_scripts(theme_dirs: Iterable[str | Path]) -> KnownScripts:
    """The inline scripts in the theme's templates (its folders in MkDocs' order of precedence, the custom_dir
    first, as `config.theme.dirs` lists them) and in the guide's own templates."""
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for search_path in ([Path(d) for d in theme_dirs], [OUR_TEMPLATES]):
        seen: set[str] = set()
        for folder in search_path:
            for path in _template_files(folder):
                name = path.relative_to(folder).as_posix()
                if name in seen:
                    continue
                seen.add(name)  # an override hides the template it replaces, as in Jinja's loader
                source = _JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
                for script in scripts(source):
                    pattern = _template_pattern(script.text)
                    if script.runs and not script.external and pattern is not None:
                        patterns.append((str(path), pattern))
    return KnownScripts(tuple(patterns))


def theme_dirs_of_config(config_file: Path) -> tuple[list[Path], Path]:
    """The template folders of the theme an mkdocs.yml names, and its docs folder, read as MkDocs reads them;
    ValueError if it cannot be read."""
    from mkdocs.theme import Theme

    try:
        config = site_config(config_file)
        theme = config.get("theme") or "mkdocs"
        options = dict(theme) if isinstance(theme, dict) else {"name": theme}
        if options.get("custom_dir"):
            options["custom_dir"] = str(config_file.parent / str(options["custom_dir"]))
        dirs = theme_dirs(Theme(**options).dirs, custom_dir=options.get("custom_dir"))
    except OSError as err:
        raise ValueError(f"cannot read the site configuration {config_file}: {err.strerror}") from None
    except Exception as err:  # the YAML loader's and the theme's own errors
        raise ValueError(f"cannot read the theme of the site configuration {config_file}: {err}") from None
    return [Path(d) for d in dirs], config_file.parent / str(config.get("docs_dir", "docs"))
