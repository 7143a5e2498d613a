"""Build the site beside its folder and swap it in only when the build succeeded.

MkDocs empties `site_dir` early in a build, so a build that fails later (a
strict-mode warning, a broken link, an exception in a plugin) would leave a
half-written site where the last good one was, under `mkdocs build` and
`mkdocs serve` alike. Building into a sibling folder and renaming it into
place on success means a failed build leaves the previous site exactly as
it was. A build that is killed leaves its folder behind, and the next build
removes it.

`tempfile.mkdtemp` makes its folder private (0700), which would then be
renamed into place as `site/`: a web server running as another user, or
`rsync -a`, would serve 403 for the whole guide. The staging folder is given
the mode `mkdir` would give under the umask, as MkDocs' own build leaves it.

Strict mode fails a build after the last plugin event, when the warning
counter that MkDocs' `build()` puts on the `mkdocs` logger (a
`mkdocs.utils.CountHandler`, there only in strict mode, for `mkdocs build`
and every rebuild of `mkdocs serve` alike) has counted one. `publish` reads
that same counter, so it does not swap in a site that MkDocs is about to fail.
Decision (issue 16, 2026-12-02, 2-vCPU Xeon): MkDocs' own counter, not a copy (-8 lines); test_failed_builds.py holds it.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path

from mkdocs.utils import CountHandler


def _warned_in_strict_mode() -> bool:
    """Whether the counter of the build running now has seen a warning; the newest one is this build's."""
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return bool(counters and counters[-1].get_counts())


class StagedSite:
    """A sibling folder of `target` to build into; `publish` swaps it in, `discard` removes it."""

    def __init__(self, target: str | Path, *, strict: bool) -> None:
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(self.target)
        self.folder = Path(tempfile.mkdtemp(prefix=_prefix(self.target, "building"), dir=self.target.parent))
        # mkdir's mode, keeping the setgid bit a shared folder passes on (so the site keeps the folder's group).
        os.chmod(self.folder, _folder_mode() | (self.folder.stat().st_mode & stat.S_ISGID))
        self.strict = strict

    @property
    def failed_strict(self) -> bool:
        return self.strict and _warned_in_strict_mode()

    def publish(self) -> bool:
        """Swap the new site in for the old one, unless strict mode is about to fail the build."""
        if self.failed_strict:
            return False
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=_prefix(self.target, "old"), dir=self.target.parent))
            self.target.rename(old / self.target.name)
        self.folder.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _folder_mode() -> int:
    """What `mkdir` gives a new folder under the process's umask (read by setting it and putting it back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask


def _prefix(target: Path, kind: str) -> str:
    """`.site.building-PID-`: the builder's process id says, later, whether the folder is abandoned."""
    return f".{target.name}.{kind}-{os.getpid()}-"


def remove_abandoned(target: Path) -> None:
    """Remove the staging folders of builds that were killed: those whose process is gone."""
    for folder in target.parent.glob(f".{target.name}.*-*"):
        kind, _, rest = folder.name[len(target.name) + 2 :].partition("-")
        pid = rest.partition("-")[0]
        if kind in ("building", "old") and folder.is_dir() and not _running(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: str) -> bool:
    if not pid.isdigit():
        return False  # an older build's folder, which named no process
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
