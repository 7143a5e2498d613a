"""`python -m benchmarks load|site|questionnaire`: print the figures the README quotes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def _load(args: argparse.Namespace) -> int:
    from .load import run

    return run(args.sizes)


def _site(args: argparse.Namespace) -> int:
    from .site import run

    return run(rounds=args.rounds, sizes=tuple(args.sizes))


def _questionnaire(args: argparse.Namespace) -> int:
    from .questionnaire import run

    return run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="time loading and validating synthetic trees, sound and broken")
    load.add_argument("--sizes", type=lambda s: [int(n) for n in s.split(",")], default=[100, 1_000, 10_000, 100_000])
    site = commands.add_parser("site", help="time site builds: the hook's overhead, and growth with the tree")
    site.add_argument(
        "--sizes", type=lambda s: [int(n) for n in s.split(",")], default=[100, 500, 1_000, 2_000, 20_000]
    )
    site.add_argument("--rounds", type=int, default=7, help="builds of the real site for the overhead (0: skip)")
    commands.add_parser("questionnaire", help="the questionnaire's gzipped size and click-to-render time")
    args = parser.parse_args(argv)
    run: dict[str, Callable[[argparse.Namespace], int]] = {
        "load": _load,
        "site": _site,
        "questionnaire": _questionnaire,
    }
    return run[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
