"""`mkdocs serve`, as `make serve` runs it, rebuilds and reloads when the tree changes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer

from build_tools.mkdocs_plugin.serving import refuse_a_busy_port
from build_tools.site.text import flat

from .repository import DEFAULT_TREE, ROOT
from .test_failed_builds import snapshot
from .treefiles import dump


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


def _heading(url: str, deadline: float) -> str:
    return flat(BeautifulSoup(_get(url, deadline), "html.parser").h1.get_text()).removesuffix("¶").strip()


@pytest.mark.slow  # `mkdocs serve` builds the site, in a subprocess
def test_editing_the_tree_rebuilds_the_served_site_and_a_broken_edit_keeps_the_last_good_one(tmp_path):
    data = yaml.safe_load(DEFAULT_TREE.read_text(encoding="utf-8"))
    start = data["start"]
    tree = tmp_path / "escalation.yaml"
    tree.write_text(dump(data), encoding="utf-8")
    log = tmp_path / "serve.log"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
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
            str(ROOT / "mkdocs.yml"),
        ],
        # Its own TMPDIR, so the folder it serves from is the only one in there.
        env={**os.environ, "ESCALATION_TREE": str(tree), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        url = f"http://127.0.0.1:{port}/tree/questions/{start}/"
        deadline = time.monotonic() + 60
        assert _heading(url, deadline) == flat(data["questions"][start]["prompt"])
        assert "livereload" in _get(url, deadline), "the served page carries the live-reload script"
        data["questions"][start]["prompt"] = "Edited while serving: is this shown?"
        tree.write_text(dump(data), encoding="utf-8")
        while _heading(url, deadline) != "Edited while serving: is this shown?":
            assert time.monotonic() < deadline, "the served page never showed the edit"
            time.sleep(0.5)

        # A failed rebuild makes `mkdocs serve` hold requests until the next good build,
        # so look at the folder it serves from: the last good site must be there, whole.
        (served,) = scratch.glob("mkdocs_*")
        before = snapshot(served)
        data["start"] = "no-such-question"
        tree.write_text(dump(data), encoding="utf-8")
        while "start 'no-such-question' is not a question" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the broken tree was never reported"
            time.sleep(0.5)
        assert snapshot(served) == before
    finally:
        server.terminate()
        server.wait(timeout=10)


def make_serve(tmp_path: Path, port: int | str) -> subprocess.CompletedProcess[str]:
    """`make serve PORT=...` in the project, expected to stop before it serves."""
    return subprocess.run(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )


@pytest.mark.slow  # runs make
def taken_pair() -> tuple[socket.socket, socket.socket]:
    """Two neighbouring ports held by listening sockets: the first is asked for, the second must not be offered."""
    for _ in range(20):
        first = socket.socket()
        first.bind(("127.0.0.1", 0))
        second = socket.socket()
        try:
            second.bind(("127.0.0.1", first.getsockname()[1] + 1))
        except OSError:
            first.close()
            second.close()
            continue
        first.listen()
        second.listen()
        return first, second
    raise AssertionError("no two neighbouring free ports")


@pytest.mark.slow  # runs make
def test_make_serve_on_a_port_in_use_says_so_in_one_line_and_offers_a_free_one(tmp_path):
    first, second = taken_pair()
    with first, second:
        port = first.getsockname()[1]
        run = make_serve(tmp_path, port)
        offered = re.search(r"such as `make serve PORT=(\d+)`, which is free", run.stderr)
        assert offered, run.stderr
        assert int(offered[1]) != port + 1, "the neighbour is taken too: it is not offered"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", int(offered[1])))  # the port offered is free
    assert run.returncode != 0
    said = [line for line in run.stderr.splitlines() if "cannot serve" in line]
    assert (
        said == [f"error: {said[0].removeprefix('error: ')}"] and f"127.0.0.1:{port}: Address already in use" in said[0]
    )
    assert "Traceback" not in run.stdout + run.stderr and "Aborted" not in run.stderr
    assert "Documentation built" not in run.stderr and "Building documentation" not in run.stderr, "no build banner"


def _mkdocs_binds(port: int) -> bool:
    """Whether MkDocs' own server could bind 127.0.0.1:`port` now, as `mkdocs serve` binds it."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=port, root=".")
    try:
        server.server_bind()
    except OSError:
        return False
    finally:
        server.server_close()
    return True


@pytest.mark.parametrize("reused", [True, False], ids=["after-mkdocs-serve", "after-another-server"])
def test_a_port_whose_last_connections_wait_in_time_wait_is_judged_as_mkdocs_binds_it(reused):
    """A server stopped a moment ago leaves its closed connections in TIME_WAIT for about a minute. MkDocs' server
    binds with SO_REUSEADDR, so it takes its own port back at once; `make serve` must not refuse that port."""
    with socket.socket() as server:
        if reused:  # as MkDocs' server (and Python's http.server) bind
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            accepted.close()  # the server closes first, so its end of the connection is the one left in TIME_WAIT
            assert client.recv(1) == b""
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))  # the connection is still there: a bind without SO_REUSEADDR fails
    assert _mkdocs_binds(port) is reused
    if reused:
        refuse_a_busy_port("127.0.0.1", port)
    else:
        with pytest.raises(PluginError, match=f"cannot serve on 127.0.0.1:{port}: Address already in use"):
            refuse_a_busy_port("127.0.0.1", port)


@pytest.mark.parametrize("port", ["70000", "0", "65536"])
@pytest.mark.slow  # runs make
def test_make_serve_on_a_port_out_of_range_says_so_in_one_line(tmp_path, port):
    run = make_serve(tmp_path, port)
    assert run.returncode != 0
    assert f"cannot serve on port {port}: a port is a number from 1 to 65535, such as `make serve PORT=8001`" in (
        run.stderr
    )
    assert "Traceback" not in run.stdout + run.stderr
    assert "Documentation built" not in run.stderr, "it stops before building the site"
