"""Large, valid trees made to measure: for the benchmark and for tests of deep graphs.

The shape is a worst case for naive code: every question leads on to the next
(so the longest path is as deep as the tree), and every other one also skips a
question (so the number of paths grows exponentially with depth), while the
rest offer a way out to one of the recommendations.
"""

from __future__ import annotations


def synthetic_yaml(nodes: int, factor_page: str = "factors/f.md") -> str:
    """A sound tree of about `nodes` questions and recommendations, as YAML text.

    `factor_page` is where its one factor is explained; a site build needs it to exist.
    """
    recs = max(1, nodes // 10)
    questions = max(1, nodes - recs)
    lines = [
        "title: Synthetic tree",
        'version: "1.0.0"',
        "source:",
        "  credit: Generated for benchmarks.",
        "  publication: Nowhere",
        '  published: "2026-01-01"',
        "start: q0",
        "factors:",
        "  f:",
        "    title: The factor",
        "    summary: Every question asks about it.",
        f"    page: {factor_page}",
        "questions:",
    ]
    for i in range(questions):

        def target(j: int, fallback: int) -> str:
            return f"q{j}" if j < questions else f"r{fallback % recs}"

        lines += [
            f"  q{i}:",
            f"    title: Question {i}",
            f"    prompt: Question number {i}?",
            "    why: It is part of a long chain.",
            "    factor: f",
            "    options:",
        ]
        stop_or_skip = target(i + 2, i) if i % 2 else f"r{(i // 2) % recs}"
        for option, next_id in (("on", target(i + 1, i)), ("off", stop_or_skip)):
            lines += [
                f"      - id: {option}",
                f"        label: Answer {option}",
                f"        meaning: The reader chose {option}.",
                f"        next: {next_id}",
            ]
    lines.append("recommendations:")
    for r in range(recs):
        lines += [
            f"  r{r}:",
            f"    title: Recommendation {r}",
            "    verdict: Do the thing.",
            "    rationale: Because the tree says so.",
            "    risks: [It might not work.]",
            "    next_steps: [Do it.]",
            "    factors: [f]",
        ]
    return "\n".join(lines) + "\n"
