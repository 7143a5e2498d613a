"""The path engine: lazy enumeration, counting without enumerating, replaying answers, deep graphs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from build_tools.tree.checks import check_file, graph_problems
from build_tools.tree.located import Located
from build_tools.tree.model import Option, Question, Recommendation, Tree
from build_tools.tree.paths import (
    StaleAnswers,
    count_paths,
    describe_count,
    iter_paths,
    longest_path,
    resolve,
    topological_order,
)
from build_tools.tree.problems import Loc

from .treefiles import tree_in_memory

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
HERE = Located(Loc("memory", 1, 1))


def chain(depth: int, *, loop_back: bool = False, also: bool = False) -> Tree:
    """Questions q0 -> q1 -> ... -> q{depth-1} -> done, each also offering a way out to stop.

    With `also`, each question has a second way onward, so paths double at every step.
    """

    def question(i: int) -> Question:
        onward = f"q{i + 1}" if i + 1 < depth else ("q0" if loop_back else "done")
        return Question(
            id=f"q{i}",
            title=f"Step {i}",
            prompt="Continue?",
            why="It is a chain.",
            factor="f",
            options=(
                Option("on", "On", "Went on.", onward, HERE),
                Option("off", "Off", "Stopped.", "stop", HERE),
                *([Option("also", "Also", "Also went on.", onward, HERE)] if also else []),
            ),
            where=HERE,
        )

    recs = {
        rid: Recommendation(rid, rid.title(), "Verdict.", "Rationale.", ("Risk.",), ("Step.",), ("f",), HERE)
        for rid in ("done", "stop")
    }
    return tree_in_memory({f"q{i}": question(i) for i in range(depth)}, recs, HERE)


def test_paths_are_yielded_one_at_a_time():
    paths = iter_paths(chain(50))
    first = next(paths)
    assert first.recommendation == "done" and len(first.answers) == 50
    assert next(paths).answers[-1] == ("q49", "off")


def test_count_does_not_enumerate_an_astronomical_number_of_paths():
    # Two ways from each question to the next, and one way out: 2**201 - 1 paths, counted instantly.
    wide = chain(200, also=True)
    assert count_paths(wide) == 2**201 - 1
    assert describe_count(2**200) == "about 1.61e60"
    assert describe_count(52) == "52"


@pytest.mark.slow  # a tree 100,000 questions deep
def test_a_chain_100000_questions_deep_needs_no_recursion():
    depth = 100_000
    assert depth > sys.getrecursionlimit() * 10
    tree = chain(depth)
    assert graph_problems(tree) == []
    assert len(topological_order(tree)) == depth + 2
    assert count_paths(tree) == depth + 1
    assert longest_path(tree) == depth
    deepest = next(iter_paths(tree))
    assert len(deepest.answers) == depth
    assert resolve(tree, deepest.answers).id == "done"


@pytest.mark.slow  # a tree 100,000 questions deep
def test_a_loop_at_the_end_of_a_deep_chain_is_found():
    problems = graph_problems(chain(100_000, loop_back=True))
    loops = [p for p in problems if "making a loop" in p.message]
    assert len(loops) == 1
    assert "leads back to 'q0'" in loops[0].message


def test_resolve_replays_answers_to_their_node():
    tree = check_file(MINIMAL)
    assert resolve(tree, []).id == "first"
    assert resolve(tree, [("first", "yes")]).id == "second"
    assert resolve(tree, [("first", "yes"), ("second", "on")]).id == "go"


@pytest.mark.parametrize(
    ("answers", "valid", "message"),
    [
        ([("first", "yse")], 0, "question 'first' has no option 'yse' (did you mean 'yes'?)"),
        ([("first", "yes"), ("third", "on")], 1, "answer 2 is for question 'third', but the path is at 'second'"),
        ([("first", "no"), ("second", "on")], 1, "answer 2 comes after the path already ended at 'stop'"),
    ],
    ids=["unknown-option", "wrong-question", "past-the-end"],
)
def test_stale_answers_say_what_no_longer_fits(answers, valid, message):
    tree = check_file(MINIMAL)
    with pytest.raises(StaleAnswers) as raised:
        resolve(tree, answers)
    assert str(raised.value) == message
    assert raised.value.valid == valid


def test_every_enumerated_path_resolves_to_its_recommendation(tree):
    for path in iter_paths(tree):
        assert resolve(tree, path.answers).id == path.recommendation
