"""Writing a file so that a failure never costs the old one, and never lands anywhere but where it was aimed.

Every file the tools write (the permanent-link lock, `render --out`'s pages,
its manifest, the built site's redirect pages) goes through here:

- `inside` resolves a path under a root and refuses it if it would land
  outside, whatever `..`, absolute paths or symlinked folders it holds;
- `write_atomically` writes a temporary file beside the target and renames
  it into place, so a full disk or a kill leaves the old file byte for byte;
- both refuse a symlinked or hard-linked target, whose other name would
  silently change too.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path


class WriteRefused(Exception):
    """A write that would harm a file it was not aimed at; the message says which and what to do."""


def inside(root: Path, relative: str) -> Path:
    """Where `relative` lands under `root`, refused if it, or a symlink on the way, leads out of `root`."""
    base = root.resolve()
    path = root / relative
    if Path(relative).is_absolute() or ".." in Path(relative).parts or not path.resolve().is_relative_to(base):
        raise WriteRefused(
            f"{path} leads outside {root}, through a symlink or '..': remove the link, or choose another folder; "
            "nothing was written"
        )
    return path


def refuse_linked(path: Path) -> None:
    """Refuse a target whose bytes another name shares: a symlink, or a file with more than one hard link."""
    if path.is_symlink():
        raise WriteRefused(
            f"{path} is a symbolic link: writing through it would change {os.readlink(path)}. "
            "Replace the link with a copy of the file, then run again; nothing was written"
        )
    with suppress(FileNotFoundError):
        if path.is_file() and path.stat().st_nlink > 1:
            raise WriteRefused(
                f"{path} is hard-linked to another name, which writing would change too. "
                f"Replace it with a copy (cp --remove-destination) and run again; nothing was written"
            )


def write_atomically(path: Path, data: bytes | str) -> None:
    """Put `data` at `path` by renaming a finished temporary file over it; on any failure the old file stays."""
    refuse_linked(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """The old file's permissions, or what a new file gets under the umask (mkstemp makes it private)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
