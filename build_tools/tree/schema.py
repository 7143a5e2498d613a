"""Check a parsed file against its JSON Schema, in the author's terms: the tree and its case studies.

jsonschema's own messages talk about instances and properties; an author wants
"question 'impasse' is missing 'why'" at the line of `impasse:`. Each error's
path is mapped back to a YAML position, and the common kinds get a message
that says what to do. Messages are chosen by the failed keyword and, for
patterns and `not`, by the rule's title in the schema, never by its regex.
Most of its length is those messages, one branch per keyword.

Both files a person edits are held to one set of rules: the case studies'
schema (`schemas/cases.schema.json`) takes its ids and its text from the tree's,
so a rule added to text in one place holds everywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from .model import Key
from .placed import SourceDoc
from .problems import Problem, did_you_mean

SCHEMAS = Path(__file__).parent / "schemas"  # shipped in the package: editors' YAML servers read them too
SCHEMA = SCHEMAS / "tree.schema.json"
CASES_SCHEMA = SCHEMAS / "cases.schema.json"

_ID_HINT = "use lowercase letters, digits and single hyphens, like 'ask-for-the-manager'"


_TREE_FIELDS = "title, version, source, start, factors, questions, recommendations"


@lru_cache(maxsize=2)
def _read(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


def _schema() -> dict[str, Any]:
    return _read(SCHEMA)


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(_schema())


@lru_cache(maxsize=1)
def cases_validator() -> Draft202012Validator:
    """The case studies' schema, whose `tree.schema.json#/$defs/...` references reach the tree's rules."""
    tree = Resource.from_contents(_schema())
    registry = Registry().with_resources([(SCHEMA.name, tree), (str(_schema()["$id"]), tree)])
    return Draft202012Validator(_read(CASES_SCHEMA), registry=registry)


@lru_cache(maxsize=1)
def _fast_is_valid() -> Callable[[Any], Any]:
    """The same schema compiled to Python code: about ten times faster than jsonschema.

    It only answers "valid or not". jsonschema's `iter_errors` remains the one
    source of error messages, and only runs when this says the tree is invalid.
    """
    return fastjsonschema.compile(_schema())


def schema_problems(doc: SourceDoc) -> list[Problem]:
    """Every way the tree file breaks its schema; a quick yes first, since most trees pass."""
    try:
        _fast_is_valid()(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems: list[Problem] = []
    for error in validator().iter_errors(doc.data):
        problems.extend(_problems_for(error, doc, _TREE_FIELDS, "the tree"))
    return problems


def cases_schema_problems(doc: SourceDoc) -> list[Problem]:
    """Every way the case studies break their schema: the same rules and messages as the tree's."""
    problems: list[Problem] = []
    for error in cases_validator().iter_errors(doc.data):
        problems.extend(_problems_for(error, doc, Key.CASES, "the file"))
    return problems


def describe(path: list[Any], whole: str = "the tree") -> str:
    """A reader's name for the thing at `path`, such as "option 2 of question 'impasse'"."""
    kinds = {
        Key.QUESTIONS: "question",
        Key.RECOMMENDATIONS: "recommendation",
        Key.FACTORS: "factor",
        Key.GLOSSARY: "glossary term",
        Key.CASES: "case",
    }
    if not path:
        return whole
    if len(path) >= 2 and path[0] in kinds:
        what = f"{kinds[path[0]]} '{path[1]}'"
        if len(path) >= 4 and path[2] == Key.OPTIONS and isinstance(path[3], int):
            return f"option {path[3] + 1} of {what}"
        if len(path) >= 4 and path[2] == "answers" and isinstance(path[3], int):
            return f"answer {path[3] + 1} of {what}"
        return what
    return f"'{path[0]}'"


def _field(path: list[Any]) -> str:
    if len(path) >= 3 and path[-3] == "answers" and isinstance(path[-1], int):
        return "the question id" if path[-1] == 0 else "the option id"
    named = [p for p in path if isinstance(p, str)]
    return f"'{named[-1]}'" if named else "the tree"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean (true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


@dataclass(frozen=True)
class _Failure:
    """One failed schema keyword, typed: jsonschema's own attributes are typed `Any | Unset`."""

    keyword: str
    path: list[Any]
    instance: Any  # the value that failed
    expected: Any  # the keyword's value in the schema
    rule: dict[str, Any]  # the schema that holds the keyword; its `title` names the rule
    message: str
    whole: str  # what the file is to a reader: "the tree"

    @classmethod
    def of(cls, error: ValidationError, whole: str) -> _Failure:
        rule = error.schema if isinstance(error.schema, dict) else {}
        return cls(
            str(error.validator),
            list(error.absolute_path),
            error.instance,
            error.validator_value,
            dict(rule),
            error.message,
            whole,
        )


def _problems_for(error: ValidationError, doc: SourceDoc, fields: str, whole: str) -> list[Problem]:
    failure = _Failure.of(error, whole)
    path, keyword = failure.path, failure.keyword
    here = doc.locate(path)
    parent = path[:-1]

    if keyword == "additionalProperties":
        allowed = failure.rule.get("properties", {})
        return [
            Problem(
                doc.locate([*path, extra], key=True),
                f"unknown field '{extra}' in {describe(path, whole)}{did_you_mean(extra, allowed)}; "
                f"allowed fields are: {', '.join(allowed)}",
            )
            for extra in failure.instance
            if extra not in allowed
        ]
    if keyword == "required":
        missing = [name for name in failure.expected if name not in failure.instance]
        owner = doc.locate(path, key=bool(path) and isinstance(path[-1], str))
        return [Problem(owner, f"{describe(path, whole)} is missing the required field '{name}'") for name in missing]
    if keyword == "propertyNames":
        # jsonschema reports a bad key against its mapping, with the key as the instance.
        return [
            Problem(
                doc.locate([*path, failure.instance], key=True),
                f"'{failure.instance}' is not a valid id: {_ID_HINT}",
            )
        ]

    if failure.rule.get("title") == "answer" and keyword in ("type", "minItems", "maxItems"):
        return [Problem(here, f"{describe(path, whole)} must be a pair: [question id, option id]")]
    if keyword == "type" and not path:
        return [
            Problem(
                here,
                f"the file must be a mapping of fields: {fields}",
            )
        ]
    if keyword == "type":
        expected = failure.expected
        if expected == "string" and failure.instance is None:
            hint = ": write the text after the colon"
        elif expected == "string" and not isinstance(failure.instance, (list, dict)):
            hint = ": put it in quotes"
        elif expected == "string" and isinstance(failure.instance, dict) and len(failure.instance) == 1:
            # `summary: >` then "Words: more words", or a line like it: YAML reads "Words" as a key.
            hint = ": if it is text with ': ' in it, put the whole text in quotes, or write it after '>-'"
        else:
            hint = ""
        message = (
            f"{_field(path)} in {describe(parent, whole)} must be {_a(expected)}, not {_shown(failure.instance)}{hint}"
        )
    elif keyword == "pattern" and failure.rule.get("title") in _FORBIDDEN_BECAUSE:
        message = _forbidden_character_message(failure)
    elif keyword == "pattern":
        message = _pattern_message(failure)
    elif keyword == "minItems":
        count = len(failure.instance)
        if path and path[-1] == Key.OPTIONS:
            dead_end = " and is a dead end" if count == 0 else ""
            message = (
                f"{describe(path, whole)} has {count} option{'s' * (count != 1)}{dead_end}: "
                f"a question needs at least {failure.expected}"
            )
        else:
            message = f"{_field(path)} in {describe(parent, whole)} needs at least {failure.expected} entry"
    elif keyword == "maxItems" and path and path[-1] == Key.OPTIONS:
        message = (
            f"{describe(path, whole)} has {len(failure.instance)} options, more than the {failure.expected} "
            "a learning platform can record (one letter or digit each): split it into two questions"
        )
    elif keyword == "maxLength":
        message = (
            f"{_field(path)} in {describe(parent, whole)} is {len(failure.instance):,} characters long, "
            f"more than the {failure.expected:,} allowed: shorten it"
        )
    elif keyword == "minProperties":
        message = f"{_field(path)} must not be empty"
    elif keyword == "uniqueItems":
        message = f"{_field(path)} in {describe(parent, whole)} lists the same entry twice"
    else:
        message = f"{describe(path, whole)}: {failure.message}"
    return [Problem(here, message)]


_FORBIDDEN_BECAUSE = {
    "control character": "which would not show",
    "noncharacter": "a noncharacter or half of a surrogate pair, which XML (the SCORM package) cannot hold",
}


def _forbidden_character_message(failure: _Failure) -> str:
    """Which character a text may not hold, where it is, and why: the first that the rule's own pattern refuses.

    The rules say what a text may hold (`^[^...]*$`) rather than `not` what it may not: a valid
    tree then raises no exception inside the compiled validator, which made 100,000 nodes 1 s slower.
    """
    rule = str(failure.rule.get("title"))
    pattern = re.compile(str(failure.expected))
    at = next((i for i, char in enumerate(failure.instance) if not pattern.search(char)), 0)
    code = ord(failure.instance[at]) if failure.instance else 0
    what = "the control character " if rule == "control character" else ""
    return (
        f"{_field(failure.path)} in {describe(failure.path[:-1], failure.whole)} contains {what}U+{code:04X} "
        f"(character {at + 1}), {_FORBIDDEN_BECAUSE.get(rule, 'which is not allowed here')}: remove it"
    )


def _a(expected: str) -> str:
    return {"string": "text", "object": "a mapping of fields", "array": "a list"}.get(expected, f"a {expected}")


def _pattern_message(failure: _Failure) -> str:
    """The message for a value that fails a pattern, chosen by the rule's title in the schema."""
    field_name, where = _field(failure.path), describe(failure.path[:-1], failure.whole)
    expected = {
        "version": 'a quoted version like "1.0.0"',
        "date": 'a quoted date like "2010-09-02"',
        "page": "a page in the docs folder, like 'factors/consent.md'",
    }
    rule = str(failure.rule.get("title"))
    if rule == "visible":
        return f"{field_name} in {where} must not be blank: it has no character that shows"
    if rule == "id":
        return f"{field_name} in {where}: '{failure.instance}' is not a valid id: {_ID_HINT}"
    return f"{field_name} in {where} must be {expected.get(rule, f'text matching {failure.expected}')}, not {failure.instance!r}"
