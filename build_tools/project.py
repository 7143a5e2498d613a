"""Where this project keeps things: the one place that knows the repository's layout."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TREE = ROOT / "decision_tree" / "escalation.yaml"
SCHEMA = ROOT / "decision_tree" / "schema.json"
DEFAULT_CONFIG = ROOT / "mkdocs.yml"  # the site the tree is built into
