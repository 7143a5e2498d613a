"""Where this project keeps things: the one place that knows the repository's layout."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_TREE_NAME = "decision_tree/escalation.yaml"  # relative to the repository, as to mkdocs.yml
DEFAULT_TREE = ROOT / DEFAULT_TREE_NAME
DEFAULT_CONFIG = ROOT / "mkdocs.yml"  # the site the tree is built into
