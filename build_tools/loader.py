"""Load a tree file into the model, keeping every position and every problem found on the way."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .model import Tree, tree_from_data
from .problems import Loc, Problem
from .yamlsource import SourceDoc, read


def display_name(path: str | os.PathLike[str]) -> str:
    """The name messages use: relative to the working directory when inside it, as editors expect."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def load(path: str | os.PathLike[str], name: str | None = None) -> tuple[SourceDoc, Tree]:
    """Read and parse `path`. The tree may be partial: check the document's problems and validate it."""
    name = name or display_name(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        doc = SourceDoc(name, problems=[Problem(Loc(name, 1, 1), f"the file is not UTF-8 text ({err.reason})")])
        return doc, tree_from_data(None, doc, name)
    except OSError as err:
        doc = SourceDoc(name, problems=[Problem(Loc(name, 1, 1), f"cannot read the file: {err.strerror}")])
        return doc, tree_from_data(None, doc, name)
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[SourceDoc, Tree]:
    """As `load`, for text that is already in memory; `name` is what messages call it."""
    doc = read(text, name)
    return doc, tree_from_data(doc.data, doc, name)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a tree is loaded and checked.

    Building millions of small objects sets the collector off again and again,
    and each pass walks everything built so far, so loading grew with the
    square of the tree. Nothing built here forms a reference cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
