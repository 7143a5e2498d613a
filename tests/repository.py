"""Where this repository keeps the project's own site, for the tests and the benchmarks.

build_tools knows no repository: installed from a wheel, it reads the site in
the folder it is given. The tests hold the project's own site to it, so they
name its files here, from this file's place in the repository.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TREE = ROOT / "decision_tree" / "escalation.yaml"  # the project's tree, the one its mkdocs.yml builds
DEFAULT_CONFIG = ROOT / "mkdocs.yml"  # the project's site
