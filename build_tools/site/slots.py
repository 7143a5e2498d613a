"""Blanks for the questionnaire's result: what result.j2 is rendered with when the browser, not the build, fills in the text.

The questionnaire draws a recommendation in the browser, yet its markup and
wording must be those of the recommendation's page and the handout. So it
uses the same macros (templates/result.j2), rendered once at build time with
these blanks in place of a recommendation's text: a `Slot` renders as
`<span data-slot="name"></span>`, which questionnaire.js replaces by a text
node holding that value, so tree text never passes through an HTML parser;
and `each(items)` marks the element a template writes once per item of a
`Slots` list, which the script writes once per value. A slot's name is the
key of its value in the questionnaire's data (questionnaire_data.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True)
class Slot:
    """Text the script puts in; the name "" stands for the item itself, in a list of texts."""

    name: str = ""

    def __html__(self) -> str:
        return Markup('<span data-slot="{}"></span>').format(self.name)


@dataclass(frozen=True)
class Slots:
    """A list the script fills: a template loops over it once, over `item`, and marks that element with `each`."""

    name: str
    item: Any = Slot()

    def __iter__(self) -> Iterator[Any]:
        yield self.item

    def __len__(self) -> int:
        return 1


def each(items: object) -> Markup:
    """` data-each="name"` for the element written per item, when `items` is a blank list; nothing otherwise."""
    return Markup(' data-each="{}"').format(items.name) if isinstance(items, Slots) else Markup("")
