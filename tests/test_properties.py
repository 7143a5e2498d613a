"""Property-based: any sound tree passes, any single authoring mistake is caught and located, and any site_url is
either refused clearly or written as a browser writes it."""

from __future__ import annotations

import copy
import re
import unicodedata
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from build_tools.classroom.embed import embed_snippet
from build_tools.site.address import AddressRefused, origin, public_address, site_address
from build_tools.tree.checks import check_text
from build_tools.tree.model import RESERVED_IDS
from build_tools.tree.paths import count_paths, iter_paths
from build_tools.tree.schema import _fast_is_valid, validator
from build_tools.tree.yamlsource import read

from .conftest import examples
from .treefiles import dump, synthetic_tree

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


SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
    # The dumper quotes ids YAML 1.1 reads otherwise ('no':), which the evidence does not spell.
    shown = [lines[p.loc.line - 1].replace("'", "").replace('"', "") for p in matching]
    assert any(evidence in line for line in shown), "\n".join(p.format() for p in matching)


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


# Random SITE_URLs ----------------------------------------------------------------------------------------

SECRET = "Pa55-w0rd"
# Hosts whose origin Chromium reports as the second (tests/test_address.py asks Chromium itself), and whether
# anyone else can reach them.
KNOWN_HOSTS = [
    ("127.1", "127.0.0.1", False),
    ("0x7f000001", "127.0.0.1", False),
    ("0177.0.0.1", "127.0.0.1", False),
    ("[::FFFF:127.0.0.1]", "[::ffff:7f00:1]", False),
    ("[::1]", "[::1]", False),
    ("LocalHost", "localhost", False),
    ("nas.lan", "nas.lan", False),
    ("printer.Home.Arpa", "printer.home.arpa", False),
    ("intranet", "intranet", False),
    ("Bücher.example.org", "xn--bcher-kva.example.org", True),
    ("faß.de", "xn--fa-hia.de", True),
    ("例え.テスト", "xn--r8jz45g.xn--zckzah", True),
    ("93.184.215.14", "93.184.215.14", True),
]
SMALL_TREE = synthetic_tree(3)  # the snippet names the tree's title; any tree will do
LABEL = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,6}[A-Za-z0-9])?", fullmatch=True)


@st.composite
def site_urls(draw) -> tuple[str, str | None, bool | None]:
    """A SITE_URL as someone might type it, the origin a browser reports for it where it is known, and whether
    it is public where that is known."""
    scheme = draw(st.sampled_from(["http", "https", "HTTPS", "Http", "ftp", "javascript", "file", ""]))
    userinfo = draw(st.sampled_from(["", "", "", "editor@", f"editor:{SECRET}@", f":{SECRET}@"]))
    kind = draw(st.sampled_from(["labels", "known", "any"]))
    if kind == "labels":
        host = ".".join(draw(st.lists(LABEL, min_size=2, max_size=4)))
        number = re.fullmatch(r"[0-9]+|0x[0-9a-f]*", host.rsplit(".", 1)[-1].lower())  # an IPv4 address to browsers
        expected, public = (None, None) if number else (host.lower(), True)
    elif kind == "known":
        host, expected, public = draw(st.sampled_from(KNOWN_HOSTS))
    else:
        host, expected, public = draw(st.text(max_size=12)), None, None
    port = draw(st.one_of(st.just(""), st.integers(0, 70_000).map(str), st.sampled_from(["80", "443", "0443", "x"])))
    path = draw(
        st.one_of(st.just(""), st.text(st.characters(exclude_categories=("Cs",)), max_size=16).map("/{}".format))
    )
    tail = draw(st.sampled_from(["", "", "", "?lang=en", "#top", "?"]))
    url = f"{scheme}://{userinfo}{host}{':' + port if port else ''}{path}{tail}"
    default = {"http": "80", "https": "443"}.get(scheme.lower())
    number = str(int(port)) if port.isdigit() else port  # a port's leading zeros are not part of its number
    shown_port = "" if number in ("", default) else f":{number}"
    return url, expected and f"{scheme.lower()}://{expected}{shown_port}", public


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site_urls())
def test_any_site_url_is_refused_clearly_or_written_as_a_browser_writes_it(drawn):
    url, expected_origin, public = drawn
    try:
        address = site_address(url)
    except AddressRefused as refused:
        message = str(refused)
        assert message.startswith("site_url ") and "(or SITE_URL" in message and "such as http" in message
        assert SECRET not in message and "editor" not in message, "a refusal quotes no credentials"
        return
    assert address is not None
    parts = urlsplit(address)
    assert parts.scheme in ("http", "https") and parts.netloc and address.endswith("/")
    assert address.isascii() and not re.search(r"[\x00-\x20\x7f\"'<>`{}|^\\]", address), "nothing to escape"
    assert parts.netloc == parts.netloc.lower() and parts.port != {"http": 80, "https": 443}[parts.scheme]
    assert "@" not in parts.netloc and not parts.query and not parts.fragment and SECRET not in address
    assert site_address(address) == address, "written once, it stays as it is"
    if expected_origin is not None:
        assert origin(address) == expected_origin
    if public is not None:
        assert (public_address(url) == address) is public
    snippet = BeautifulSoup(embed_snippet(SMALL_TREE, address, directory_urls=True), "html.parser").get_text()
    assert f'event.origin !== "{origin(address)}"' in snippet and f'src="{escape(address)}embed/"' in snippet
