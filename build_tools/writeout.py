"""Write rendered pages into a folder another engine reads: inside it only, and tidy across runs.

`render --out` is pointed at folders that hold other files, such as another
engine's docs/. So it refuses to write through a symlink that leads out of
the folder, and it keeps a manifest of what it wrote: the next run removes
the pages it generated that no longer exist, never a file it did not
write, and says which files of someone else's it replaced. Every check is
made before the first write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".escalation-guide-render.json"


class OutputError(Exception):
    """The folder cannot be written as asked; the message says why and what to do."""


@dataclass
class Written:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # files an earlier run did not write
    removed: list[str] = field(default_factory=list)  # pages an earlier run wrote that are gone now


def write_folder(out: Path, files: dict[str, str]) -> Written:
    """Write `files` ({relative path: text}) into `out`; see the module's docstring for the rules."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder: give --out a folder (it is created if missing)")
    root = out.resolve()
    previous = _manifest(out)
    targets = {uri: _inside(root, out, uri) for uri in sorted({*files, *previous})}

    result = Written()
    for uri in files:
        path = targets[uri]
        if path.exists() and not path.is_file():
            raise OutputError(f"{path} is in the way of a generated page: move it; nothing was written")
        if path.exists():
            (result.updated if uri in previous else result.replaced).append(uri)
        else:
            result.new.append(uri)
    for uri in sorted(set(previous) - set(files)):
        if targets[uri].is_file():
            result.removed.append(uri)

    out.mkdir(parents=True, exist_ok=True)
    for uri, text in files.items():
        targets[uri].parent.mkdir(parents=True, exist_ok=True)
        targets[uri].write_text(text, encoding="utf-8")
    for uri in result.removed:
        targets[uri].unlink()
    (out / MANIFEST).write_text(json.dumps(sorted(files), indent=1) + "\n", encoding="utf-8")
    return result


def _inside(root: Path, out: Path, uri: str) -> Path:
    """Where `uri` lands, refused if it, or a symlink on the way, leads out of the folder."""
    path = out / uri
    if not path.resolve().is_relative_to(root) or ".." in Path(uri).parts:
        raise OutputError(
            f"{path} leads outside {out} (through a symlink): remove the link or choose another folder; "
            "nothing was written"
        )
    return path


def _manifest(out: Path) -> list[str]:
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [uri for uri in listed if isinstance(uri, str)] if isinstance(listed, list) else []
