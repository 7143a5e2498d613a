"""`mkdocs serve`'s port, checked before the first build, as MkDocs' own server will bind it.

`make serve` runs this module first (`python -m build_tools.mkdocs_plugin.serving HOST PORT`), so that a
port in use, or not a port at all, is one line and a free port to use instead, before MkDocs prints a
build banner; the plugin checks again in `on_config`, for `mkdocs serve` run by hand.
"""

from __future__ import annotations

import socket
import sys
from wsgiref.simple_server import WSGIServer

from mkdocs.exceptions import PluginError


def _bind_fails(host: str, port: int) -> OSError | None:
    """Why the port cannot be bound now as MkDocs' server binds it (wsgiref's WSGIServer, SO_REUSEADDR), or None.

    With SO_REUSEADDR, the port of a server stopped a moment ago, whose last connections the system still
    holds in TIME_WAIT, is free, as it is to MkDocs.
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        if WSGIServer.allow_reuse_address:  # mkdocs.livereload.LiveReloadServer is a WSGIServer
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            return err
    return None


def free_port(host: str, after: int) -> int | None:
    """The first port after `after` that is free now, among the next hundred; None if none is."""
    return next((port for port in range(after + 1, min(after + 101, 65536)) if _bind_fails(host, port) is None), None)


def refuse_a_busy_port(host: str, port: int) -> None:
    """Stop `mkdocs serve` before its first build when another program holds the port it would serve on.

    MkDocs finds out only after building the whole site, and then ends with a traceback.
    """
    if not 0 < port < 65536:
        raise PluginError(
            f"cannot serve on port {port}: a port is a number from 1 to 65535, "
            f"such as `make serve PORT=8001` (mkdocs serve --dev-addr {host}:8001)"
        )
    err = _bind_fails(host, port)
    if err is not None:
        other = free_port(host, port)
        instead = (
            f"serve on another port, such as `make serve PORT={other}`, which is free "
            f"(mkdocs serve --dev-addr {host}:{other})"
            if other
            else "serve on another port"
        )
        raise PluginError(
            f"cannot serve on {host}:{port}: {err.strerror}. Another program, perhaps another "
            f"`make serve`, is using that port: stop it, or {instead}"
        )


def main(argv: list[str]) -> int:
    """`HOST PORT`: exit 0 if MkDocs could serve there, or print one line saying why not, and exit 1."""
    host, port = argv
    try:
        refuse_a_busy_port(host, int(port) if port.strip().isdigit() else -1)
    except PluginError as refused:
        shown = str(refused).replace("port -1:", f"port {port!r}:") if not port.strip().isdigit() else str(refused)
        print(f"error: {shown}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
