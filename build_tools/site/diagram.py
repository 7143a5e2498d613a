"""Model -> the overview's diagram: DOT source from a template, laid out as inline SVG by Graphviz `dot`.

Graphviz is the standard layout engine for decision graphs, and running it at
build time means readers download a finished drawing: no script, no CDN.
Colours are left to the site's CSS (classes `question` and `recommendation`),
so the drawing follows the light and dark palettes.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from ..tree.model import Tree
from .contexts import Diagram
from .templating import render
from .urls import OVERVIEW

DOT_TIMEOUT_SECONDS = 120
MAX_DIAGRAM_NODES = 300  # beyond this a drawing is illegible; the overview's outline still shows all


def dot_source(tree: Tree, *, directory_urls: bool) -> str:
    """The tree as a Graphviz graph whose boxes link to their pages, from the overview page."""
    return render("diagram.dot.j2", Diagram(OVERVIEW, tree, directory_urls))


class DiagramError(Exception):
    """Graphviz is missing or failed; the message says what to do."""


def draw_svg(dot_source: str) -> str:
    executable = shutil.which("dot")
    if executable is None:
        raise DiagramError(
            "Graphviz 'dot' is not installed, so the tree diagram cannot be drawn: "
            "run 'make serve' or 'make test' (they install it), or 'apt-get install graphviz'"
        )
    try:
        result = subprocess.run(
            [executable, "-Tsvg"],
            input=dot_source,
            capture_output=True,
            text=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise DiagramError(f"Graphviz took more than {DOT_TIMEOUT_SECONDS} s to lay out the tree") from err
    if result.returncode != 0:
        raise DiagramError(f"Graphviz failed to draw the tree: {result.stderr.strip()}")
    return inline_svg(result.stdout)


def inline_svg(svg: str) -> str:
    """Graphviz's standalone SVG, trimmed for inlining in HTML and labelled for assistive technology."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)  # node ids, not words for readers
    svg = re.sub(r"\s(?:fill|stroke)=\"(?:black|white|lightgrey|transparent|none)\"", "", svg)
    svg = svg.replace(
        "<svg ",
        '<svg role="group" aria-label="Diagram of the decision tree; the outline below gives the same in text" ',
        1,
    )
    # Blank lines would end Markdown's raw HTML block early.
    return "\n".join(line for line in svg.splitlines() if line.strip())
