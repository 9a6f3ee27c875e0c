"""Files written so that a reader never sees half of one (the findings and phrase caches)."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from pathlib import Path

log = logging.getLogger("postlint")


def write_atomically(path: Path, text: str, *, strict: bool = False) -> bool:
    """Write `text` to `path` through a temporary file, so readers never see half a file.

    False when it cannot be written: a read-only or full disk must not stop the check. With
    `strict` (a file the user asked for), the OSError is raised instead, and the file gets the
    permissions a plain write would give it (the old file's, else the umask's), not the temporary
    file's private ones.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if strict:
            os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        return True
    except OSError as exc:  # a read-only or full disk must not stop the check
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if strict:
            raise
        log.debug("cannot write %s: %s", path, exc)
        return False


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
