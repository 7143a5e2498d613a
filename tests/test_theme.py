"""The theme templates the plugin puts in front of Material's (build_tools/site/theme/) against the installed Material."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from build_tools.site.assets import THEME

MATERIAL = Path(str(files("material"))) / "templates"
# The one change our copy of Material's search partial makes: the dialog's accessible name.
NAMED_DIALOG = 'role="dialog" aria-label="{{ lang.t(\'search\') }}"'


def without_comments(template: str) -> str:
    return re.sub(r"\{#.*?#\}", "", template, flags=re.S).strip()


def test_the_search_partial_is_materials_own_but_for_the_dialogs_name():
    ours = without_comments((THEME / "partials" / "search.html").read_text(encoding="utf-8"))
    theirs = without_comments((MATERIAL / "partials" / "search.html").read_text(encoding="utf-8"))
    assert ours.count(NAMED_DIALOG) == 1, "the dialog still gets its name"
    assert ours.replace(NAMED_DIALOG, 'role="dialog"') == theirs, (
        "Material's search partial changed: copy it again into build_tools/site/theme/partials/search.html, "
        "with the dialog's aria-label, or drop the copy if Material now names the dialog itself"
    )


def test_materials_header_still_includes_the_search_partial_outside_any_block():
    """Why the partial is copied whole: were the include inside a block, overriding that block would do."""
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    assert '{% include "partials/search.html" %}' in header
    assert "{% block" not in (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    assert "{% block" not in header
