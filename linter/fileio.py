"""Files written so that a reader never sees half of one (the findings and phrase caches)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("postlint")


def write_atomically(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file, so readers never see half a file.

    False when it cannot be written: a read-only or full disk must not stop the check.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        return True
    except OSError as exc:  # a read-only or full disk must not stop the check
        log.debug("cannot write %s: %s", path, exc)
        return False
