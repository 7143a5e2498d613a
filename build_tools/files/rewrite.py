"""Old ids rewritten in place, in the editor's own files: the one write `python -m build_tools rename` makes.

The checks find each place an id replaced by `former_ids` is still
written, and say where (tree/problems.former_id_note): a line and the
column the id's field or link starts at. Only that id, as a whole word
from there on in that line, is rewritten: the rest of the file keeps its
formatting and comments, which a YAML round trip would not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .safewrite import write_atomically


def rewrite_ids(path: Path, edits: Iterable[tuple[int, int, str, str]]) -> int:
    """In `path`, at each (line, column), the first whole id `old` from there on in that line made `new`.

    Returns how many were rewritten; the file is replaced at once, or left as it was.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    count = 0
    for line, col, old, new in sorted(set(edits), reverse=True):  # from the end: earlier columns stay true
        text = lines[line - 1]
        found = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])").search(text, col - 1)
        if found:
            lines[line - 1] = text[: found.start()] + new + text[found.end() :]
            count += 1
    if count:
        write_atomically(path, "".join(lines))
    return count
