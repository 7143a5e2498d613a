"""Write rendered pages into a folder another engine reads: inside it only, and never over someone's file.

`render --out` is pointed at folders that hold other files, such as another
engine's docs/. So it keeps a manifest of the SHA-256 of each file it wrote,
and knows its own files by that hash, not by their names: a name anyone
could add to the manifest proves nothing, while a file whose bytes are still
the ones render wrote is render's. The rules, all checked before the first
write:

- a file render did not write, or that someone edited since, is never
  overwritten or deleted: the run stops and names it;
- a page it wrote that the tree no longer has is removed, if unedited;
- nothing is written outside the folder, or through a symlink or a hard link;
- each file is written beside its target and renamed into place (safewrite.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .safewrite import WriteRefused, inside, refuse_linked, write_atomically

MANIFEST = ".escalation-guide-render.json"


class OutputError(Exception):
    """The folder cannot be written as asked; the message says why and what to do."""


@dataclass
class Written:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # pages an earlier run wrote that are gone now
    kept: list[str] = field(default_factory=list)  # gone pages left alone because someone edited them


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_folder(out: Path, files: dict[str, str]) -> Written:
    """Write `files` ({relative path: text}) into `out`; see the module's docstring for the rules."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder: give --out a folder (it is created if missing)")
    try:
        previous = {uri: sha for uri, sha in _manifest(out).items() if _lands_inside(out, uri)}
        targets = {uri: inside(out, uri) for uri in sorted({*files, *previous})}
        for path in [*targets.values(), out / MANIFEST]:
            refuse_linked(path)
    except WriteRefused as refused:
        raise OutputError(str(refused)) from None
    payloads = {uri: text.encode("utf-8") for uri, text in files.items()}

    result = Written()
    for uri, payload in payloads.items():
        path = targets[uri]
        if path.exists() and not path.is_file():
            raise OutputError(f"{path} is in the way of a generated page: move it; nothing was written")
        if not path.exists():
            result.new.append(uri)
        elif _ours(path, previous.get(uri)) or path.read_bytes() == payload:
            result.updated.append(uri)
        else:
            raise OutputError(
                f"{path} was not written by render, or was edited since: render will not overwrite it. "
                "Move it elsewhere (or delete it, if it is an old copy) and run again; nothing was written"
            )
    for uri in sorted(set(previous) - set(files)):
        path = targets[uri]
        if path.is_file():
            (result.removed if _ours(path, previous[uri]) else result.kept).append(uri)

    out.mkdir(parents=True, exist_ok=True)
    for uri, payload in payloads.items():
        targets[uri].parent.mkdir(parents=True, exist_ok=True)
        write_atomically(targets[uri], payload)
    for uri in result.removed:
        targets[uri].unlink()
    written = {uri: digest(payload) for uri, payload in sorted(payloads.items())}
    write_atomically(out / MANIFEST, json.dumps(written, indent=1) + "\n")
    return result


def _lands_inside(out: Path, uri: str) -> bool:
    try:
        inside(out, uri)
    except WriteRefused:
        return False
    return True


def _ours(path: Path, recorded: str | None) -> bool:
    """Whether `path` still holds exactly the bytes render recorded writing there."""
    return recorded is not None and digest(path.read_bytes()) == recorded


def _manifest(out: Path) -> dict[str, str]:
    """`{relative path: SHA-256}` of what the last run wrote; an older or damaged manifest proves nothing."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(listed, dict):
        return {}
    return {uri: sha for uri, sha in listed.items() if isinstance(uri, str) and isinstance(sha, str)}
