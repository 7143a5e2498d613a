"""Benchmark: load and validate synthetic trees of growing size, each in a fresh process.

Run with `python -m benchmarks load` (or `make bench`). A fresh process per
measurement keeps one size's memory from inflating the next one's peak. Cost
should grow linearly; the last line compares the two largest sizes.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.synthetic import synthetic_yaml


def measure_one(nodes: int, repeats: int) -> dict:
    """Time `check_file` on a synthetic tree written to disk, as an author's check would run."""
    import resource

    from build_tools.tree.checks import check_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.yaml"
        path.write_text(synthetic_yaml(nodes), encoding="utf-8")
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            tree = check_file(path)
            best = min(best, time.perf_counter() - start)
        return {
            "nodes": len(tree.questions) + len(tree.recommendations),
            "bytes": path.stat().st_size,
            "seconds": best,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def measure_broken(dangling: int) -> dict:
    """Time `check` on a tree in which `dangling` options lead nowhere: every problem found, with hints."""
    from build_tools.tree.checks import check_file
    from build_tools.tree.problems import TreeInvalid

    # Every reference to a question is misspelt ("q12" becomes "qq12"); each is one edit from a real id.
    text = synthetic_yaml(dangling + dangling // 9).replace("next: q", "next: qq")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.yaml"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        try:
            check_file(path)
            problems = []
        except TreeInvalid as invalid:
            problems = invalid.problems
        seconds = time.perf_counter() - start
    leading_nowhere = [p for p in problems if "which is neither" in p.message]
    return {
        "dangling": len(leading_nowhere),
        "hinted": sum("did you mean" in p.message for p in leading_nowhere),
        "seconds": seconds,
    }


def run(sizes: list[int]) -> int:
    print(f"machine: {platform.machine()}, {_cpu()}, Python {platform.python_version()}")
    print(f"{'nodes':>9} {'YAML':>9} {'load+validate':>14} {'peak RSS':>10} {'us/node':>8}")
    results = []
    for nodes in sizes:
        repeats = 5 if nodes <= 10_000 else 1
        code = (
            f"import json; from benchmarks.load import measure_one; print(json.dumps(measure_one({nodes}, {repeats})))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        result = json.loads(out)
        results.append(result)
        print(
            f"{result['nodes']:>9,} {result['bytes'] / 1e6:>7.1f}MB {result['seconds']:>12.3f} s "
            f"{result['peak_rss_mb']:>7.0f} MB {result['seconds'] / result['nodes'] * 1e6:>8.1f}"
        )
    if len(results) >= 2:
        a, b = results[-2], results[-1]
        print(
            f"time({b['nodes']:,}) / time({a['nodes']:,}) = {b['seconds'] / a['seconds']:.1f} for {b['nodes'] / a['nodes']:.0f}x the nodes"
        )
    print(f"\n{'broken references':>18} {'with a hint':>12} {'check':>9}")
    for dangling in (5_000, 10_000):
        broken = measure_broken(dangling)
        print(f"{broken['dangling']:>18,} {broken['hinted']:>12,} {broken['seconds']:>7.2f} s")
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} x{_cores()}"
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))
