"""Old ids rewritten in place, in the editor's own files: the one write `python -m build_tools rename` makes.

The checks find each place an id replaced by `former_ids` is still
written, and say where (tree/problems.former_id_note): a line and the
column the id's field or link starts at. Only that id, as a whole word
from there on in that line, is rewritten: every other byte of the file
stays as it was, its comments, its line endings (`\r\n` included) and
any byte order mark among them, which a YAML round trip would not keep.

Lines are counted at `\n` only, as every check counts them: splitting at
U+2028, NEL or a form feed too (`str.splitlines`) would put the edit on
another line than the one the check named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .safewrite import write_atomically


def rewrite_ids(path: Path, edits: Iterable[tuple[int, int, str, str]]) -> int:
    """In `path`, at each (line, column), the id `old` written there (plain, or just inside a quote) made `new`.

    Returns how many were rewritten; the file is replaced at once, or left as it was. An id written any other
    way there (with an escape, `"boss\\x2dlikelier"`) is left, never the same word further on, in a comment.
    The file must be UTF-8 (the checks that found the edits read it as such); UnicodeDecodeError otherwise.
    """
    lines = path.read_bytes().decode("utf-8").split("\n")
    count = 0
    for line, col, old, new in sorted(set(edits), reverse=True):  # from the end: earlier columns stay true
        if not 0 < line <= len(lines):
            continue
        text = lines[line - 1]
        found = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])").search(text, col - 1)
        quoted = text[col - 1 : col] in ("'", '"')
        if found and found.start() == col - 1 + quoted:
            lines[line - 1] = text[: found.start()] + new + text[found.end() :]
            count += 1
    if count:
        write_atomically(path, "\n".join(lines))
    return count


def replace_text(path: Path, before: str, after: str) -> bool:
    """Write `after` over the file whose text was `before`, if they differ; whether it was written."""
    if after == before:
        return False
    write_atomically(path, after)
    return True
