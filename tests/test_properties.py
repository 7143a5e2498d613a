"""Property-based: any sound tree passes, and any single authoring mistake is caught and located."""

from __future__ import annotations

import copy
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.tree.checks import check_text
from build_tools.tree.model import RESERVED_IDS
from build_tools.tree.paths import count_paths, iter_paths
from build_tools.tree.schema import _fast_is_valid, validator
from build_tools.tree.yamlsource import read

from .treefiles import dump

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True).filter(
    lambda slug: slug not in RESERVED_IDS
)
# No control characters, surrogates or line separators, and no unassigned code points, among which
# the noncharacters (U+FDD0, U+FFFE, ...) that the schema refuses: a sound tree holds none of them.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda text: any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)  # something shows
)


@st.composite
def trees(draw) -> dict:
    """A random sound tree: a DAG in which every question leads on and every node is reachable."""
    ids = draw(st.lists(SLUG, min_size=3, max_size=14, unique=True))
    n_q = draw(st.integers(1, len(ids) - 2))
    qids, rids = ids[:n_q], ids[n_q:]
    fids = draw(st.lists(SLUG, min_size=1, max_size=min(3, n_q), unique=True))
    text = lambda: draw(TEXT)  # noqa: E731

    questions = {}
    for i, qid in enumerate(qids):
        later = qids[i + 1 :] + rids
        targets = [qids[i + 1] if i + 1 < n_q else draw(st.sampled_from(rids))]
        targets += draw(st.lists(st.sampled_from(later), min_size=1, max_size=2))
        questions[qid] = {
            "title": text(),
            "prompt": text(),
            "why": text(),
            "factor": fids[i % len(fids)],
            "options": targets,
        }
    reached = {t for q in questions.values() for t in q["options"]}
    questions[qids[-1]]["options"] += [r for r in rids if r not in reached]
    for q in questions.values():
        option_ids = draw(st.lists(SLUG, min_size=len(q["options"]), max_size=len(q["options"]), unique=True))
        q["options"] = [
            {"id": oid, "label": f"{text()} ({n})", "meaning": text(), "next": target}
            for n, (oid, target) in enumerate(zip(option_ids, q["options"], strict=True))
        ]
    return {
        "title": text(),
        "version": "1.0.0",
        "source": {"credit": text(), "publication": text(), "published": "2010-09-02"},
        "start": qids[0],
        "factors": {f: {"title": text(), "summary": text(), "page": f"factors/{f}.md"} for f in fids},
        "questions": questions,
        "recommendations": {
            r: {
                "title": text(),
                "verdict": text(),
                "rationale": text(),
                "risks": [text()],
                "next_steps": [text()],
                "factors": [draw(st.sampled_from(fids))],
            }
            for r in rids
        },
    }


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(trees())
def test_random_sound_trees_pass(data):
    tree, problems = check_text(dump(data), "random.yaml")
    assert problems == []
    paths = list(iter_paths(tree))
    assert len(paths) == count_paths(tree)
    assert {p.recommendation for p in paths} == set(data["recommendations"])


def _options(data):
    return [(qid, i) for qid, q in data["questions"].items() for i in range(len(q["options"]))]


@st.composite
def mutations(draw):
    """A sound tree with exactly one mistake, the message it must raise, and a word its line must contain."""
    data = copy.deepcopy(draw(trees()))
    questions, recs = data["questions"], data["recommendations"]
    kind = draw(st.sampled_from(["drop", "misspell", "cycle", "empty", "duplicate", "blank"]))
    if kind == "drop":
        victim = draw(st.sampled_from([n for n in [*questions, *recs] if n != data["start"]]))
        questions.pop(victim, None) or recs.pop(victim)
        return data, f"leads to '{victim}', which is neither", f"next: {victim}"
    if kind == "misspell":
        qid, i = draw(st.sampled_from(_options(data)))
        option = questions[qid]["options"][i]
        option["next"] += "x"
        return data, f"leads to '{option['next']}', which is neither", option["next"]
    if kind == "cycle":
        order = list(questions)
        j = draw(st.integers(0, len(order) - 1))
        ancestor = order[draw(st.integers(0, j))]
        option = draw(st.sampled_from(questions[order[j]]["options"]))
        option["next"] = ancestor
        return data, f"leads back to '{ancestor}', making a loop", f"next: {ancestor}"
    if kind == "empty":
        qid = draw(st.sampled_from(list(questions)))
        questions[qid]["options"] = []
        return data, f"question '{qid}' has 0 options and is a dead end", "options: []"
    if kind == "duplicate":
        qid = draw(st.sampled_from(list(questions)))
        recs[qid] = copy.deepcopy(next(iter(recs.values())))
        return data, f"id '{qid}' is used by both a question", f"{qid}:"
    section, field = draw(
        st.sampled_from(
            [
                ("questions", "prompt"),
                ("questions", "why"),
                ("recommendations", "verdict"),
                ("recommendations", "title"),
                ("options", "label"),
                ("options", "meaning"),
            ]
        )
    )
    if section == "options":
        qid, i = draw(st.sampled_from(_options(data)))
        questions[qid]["options"][i][field] = draw(st.sampled_from(["", "   "]))
    else:
        node = draw(st.sampled_from(list(data[section].values())))
        node[field] = draw(st.sampled_from(["", "   "]))
    return data, f"'{field}' in ", f"{field}:"


@SETTINGS
@given(mutations())
def test_any_single_mistake_is_reported_at_a_line_that_shows_it(mutation):
    data, message, evidence = mutation
    text = dump(data)
    lines = text.splitlines()
    _, problems = check_text(text, "mutated.yaml")
    assert problems, "the mistake went unnoticed"
    for p in problems:
        assert 1 <= p.loc.line <= len(lines) and p.loc.col >= 1
    matching = [p for p in problems if message in p.message]
    assert matching, f"no problem says {message!r}:\n" + "\n".join(p.format() for p in problems)
    assert any(evidence in lines[p.loc.line - 1] for p in matching), "\n".join(p.format() for p in matching)


@SETTINGS
@given(mutations())
def test_the_fast_schema_check_agrees_with_jsonschema(mutation):
    data = read(dump(mutation[0]), "mutated.yaml").data
    errors = list(validator().iter_errors(data))
    try:
        _fast_is_valid()(data)
        fast_says_valid = True
    except Exception:
        fast_says_valid = False
    assert fast_says_valid == (not errors)
