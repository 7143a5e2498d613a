"""Plain scalars read by the YAML 1.2 core schema, as authors mean them.

Under YAML 1.1, which `yaml.safe_load` follows, an option id `yes` turns into
True and `010` into 8. The core schema (spec 10.3.2) reads far fewer plain
scalars as anything but text. Its rules are kept here, apart from the
reader's event loop (yamlsource.py), so that they are written once: the
tests' YAML writer (tests/treefiles.py) uses them to know which strings to
quote. Quoted scalars are always strings and never come here.
"""

from __future__ import annotations

import re
from typing import Any

# YAML 1.2 core schema (spec 10.3.2), for plain scalars only: quoted ones are strings.
_NULL = re.compile(r"~|null|Null|NULL")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# The first characters of every plain scalar that may be other than text: the reader skips the rest.
MAYBE_NOT_STR = frozenset("~nNtTfF-+.0123456789")


MAX_NUMBER_DIGITS = 100  # far beyond any number a tree needs, far below Python's int/str limit (4,300)


class NumberTooLong(ValueError):
    """A plain scalar reads as an integer too long to be meant as one."""


def core_scalar(value: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    if not value:
        return None
    if value[0] not in MAYBE_NOT_STR:
        return value  # the common case: ordinary text
    if _NULL.fullmatch(value):
        return None
    if _BOOL.fullmatch(value):
        return value[0] in "tT"
    if _INT.fullmatch(value):
        if len(value) > MAX_NUMBER_DIGITS:
            raise NumberTooLong(value)
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 16) if value.startswith("0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    return value
