"""`mkdocs serve`, as `make serve` runs it, rebuilds and reloads when the tree changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from build_tools.loader import DEFAULT_TREE

from .conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_editing_the_tree_rebuilds_the_served_site(tmp_path):
    tree = tmp_path / "escalation.yaml"
    tree.write_text(DEFAULT_TREE.read_text(encoding="utf-8"), encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "-f",
            str(REPO / "mkdocs.yml"),
        ],
        env={**os.environ, "ESCALATION_TREE": str(tree), "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/tree/questions/impasse/"
        deadline = time.monotonic() + 60
        first = _get(url, deadline)
        assert "Where does the negotiation stand now?" in first
        assert "livereload" in first, "the served page carries the live-reload script"
        tree.write_text(
            tree.read_text(encoding="utf-8").replace(
                "Where does the negotiation stand now?", "Where do the talks stand?"
            ),
            encoding="utf-8",
        )
        while "Where do the talks stand?" not in _get(url, deadline):
            assert time.monotonic() < deadline, "the served page never showed the edit"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
