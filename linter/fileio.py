"""Reading and writing files safely: never hang on a pipe or a device, never read without a limit,
and never leave half a file behind (the findings and phrase caches, baselines)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import stat
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("postlint")

CHUNK = 1 << 16
# Config files, rule packs, baselines and cache entries are small; posts have their own limit
# (config `max_bytes`). A limit is what keeps `/dev/zero` from filling the memory.
MAX_POLICY_BYTES = 8 << 20
MAX_BASELINE_BYTES = 256 << 20


class NotAFile(OSError):
    """A path that is not a regular file (a named pipe, a device, a socket): never read."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})")
        self.filename = os.fspath(path)
        self.kind = kind


class TooLarge(OSError):
    """A file or stream longer than the limit it is read with."""

    def __init__(self, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than the limit of {format_size(limit)}")
        self.limit = limit


def resolved(path: Path) -> Path:
    """`path.resolve()`, or the absolute path when it cannot be resolved (a symlink loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def git_root(start: Path) -> Path | None:
    """The git work tree holding `start` (a folder with `.git`, `start` or above it), or None."""
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def format_size(size: int) -> str:
    """`1048576` -> `1 MiB`, `1500` -> `1,500 bytes`: for messages."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift:,} {unit}"
    return f"{size:,} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a file"


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `NotAFile` for pipes, devices and sockets (opened without blocking, so a FIFO with no
    writer cannot hang the run), `TooLarge` past `limit`, and `OSError` as `open` does.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(path, _kind(mode))
        if os.fstat(fd).st_size > limit:
            raise TooLarge(limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_stream(handle, limit)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a stream (standard input); `TooLarge` when there are more."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)


def write_atomically(path: Path, text: str | bytes, *, strict: bool = False) -> bool:
    """Write `text` (or bytes: an image) to `path` through a temporary file, so readers never see
    half a file.

    False when it cannot be written: a read-only or full disk must not stop the check. With
    `strict` (a file the user asked for), the OSError is raised instead, and the file gets the
    permissions a plain write would give it (the old file's, else the umask's), not the temporary
    file's private ones.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # with shutil and the compressors: a re-check from the cache writes nothing

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8") as handle:
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
