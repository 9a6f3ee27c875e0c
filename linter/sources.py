"""Finding the files to check and reading them without losing anything or crashing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .markup import MARKUP_BY_SUFFIX

CHECKED_SUFFIXES = frozenset(MARKUP_BY_SUFFIX)
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                          ".tox", ".mypy_cache", ".pytest_cache", ".postlint_cache"})


@dataclass
class Source:
    """A file's text as decoded, plus warnings about how it was read."""

    path: str
    text: str
    warnings: list[str] = field(default_factory=list)


class Unreadable(Exception):
    """A path that cannot be checked: missing, unreadable, or not text."""

    def __init__(self, path: str, reason: str, *, skip: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason
        self.skip = skip  # a binary file is skipped with a warning, not an error


def discover(paths: Iterable[str]) -> Iterator[str | Unreadable]:
    """Each file to check, in a stable order: files as given, directories walked recursively."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield raw
        else:
            yield Unreadable(raw, "no such file or directory")


def _walk(root: Path) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: walk each folder once
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in CHECKED_SUFFIXES:
                yield os.path.join(folder, name)


def decode(data: bytes, path: str) -> Source:
    """Text from bytes: UTF-8 (with or without BOM); invalid bytes are replaced and reported."""
    if b"\x00" in data[:8192]:
        raise Unreadable(path, "looks like a binary file (it contains NUL bytes); skipped", skip=True)
    try:
        return Source(path, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return Source(path, text, [f"invalid UTF-8 at byte offset {exc.start}; undecodable bytes were "
                                   "replaced with U+FFFD and the rest was checked"])


def read(path: str, stdin: bytes | None = None) -> Source:
    if path == "-":
        return decode(stdin or b"", "-")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Unreadable(path, "no such file or directory") from None
    except IsADirectoryError:
        raise Unreadable(path, "is a directory") from None
    except OSError as exc:
        raise Unreadable(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
