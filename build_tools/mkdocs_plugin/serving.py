"""`mkdocs serve`'s port, checked before the first build, as MkDocs' own server will bind it."""

from __future__ import annotations

import socket
from wsgiref.simple_server import WSGIServer

from mkdocs.exceptions import PluginError


def refuse_a_busy_port(host: str, port: int) -> None:
    """Stop `mkdocs serve` before its first build when another program holds the port it would serve on.

    MkDocs finds out only after building the whole site, and then ends with a traceback. The probe binds
    as MkDocs' server (wsgiref's WSGIServer) will, with SO_REUSEADDR, so that the port of a server stopped
    a moment ago, whose last connections the system still holds in TIME_WAIT, is not refused.
    """
    if not 0 < port < 65536:
        raise PluginError(
            f"cannot serve on port {port}: a port is a number from 1 to 65535, "
            f"such as `make serve PORT=8001` (mkdocs serve --dev-addr {host}:8001)"
        )
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        if WSGIServer.allow_reuse_address:  # mkdocs.livereload.LiveReloadServer is a WSGIServer
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise PluginError(
                f"cannot serve on {host}:{port}: {err.strerror}. Another program, perhaps another "
                f"`make serve`, is using that port: stop it, or serve on another port, "
                f"such as `make serve PORT={port + 1}` (mkdocs serve --dev-addr {host}:{port + 1})"
            ) from None
