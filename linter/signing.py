"""The secret a cache folder's files are signed with, so postlint never trusts a file it did not write.

Caches live in the user's cache folder, which other programs (or a shared CI runner) can write
to. A forged findings entry could turn a leaking post clean; a forged phrase file could change
what a rule matches. Each file is signed with HMAC-SHA256 under a per-folder secret, and one that
fails the check is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import stat
from pathlib import Path

from .fileio import read_file

log = logging.getLogger("postlint")

KEY_FILE = "key"  # beside the entries: the per-cache secret entries are signed with (mode 0600)


class CacheKey:
    """The secret that signs a cache folder's entries, made on first use and kept 0600 beside them.

    An entry whose signature does not check out was not written by this user's postlint: it is
    ignored, so a forged entry can never turn a leaking post clean. A key file that others may
    read or write, or that is not a plain file, makes the whole cache unusable (said once).
    """

    def __init__(self, directory: Path) -> None:
        self.path = directory / KEY_FILE
        self._secret: bytes | None = None
        self._failed = False

    def secret(self) -> bytes | None:
        if self._secret is None and not self._failed:
            self._secret = self._load() or self._create()
            if self._secret is None:
                self._failed = True
        return self._secret

    def _load(self) -> bytes | None:
        try:
            info = os.lstat(self.path)
        except OSError:
            return None
        trusted = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077 and (
            not hasattr(os, "getuid") or info.st_uid == os.getuid())
        if not trusted:
            log.warning("%s is not a private file of yours (mode 0600); the findings cache is not used",
                        self.path)
            self._failed = True
            return None
        try:
            secret = bytes.fromhex(read_file(self.path, 1024).decode("ascii").strip())
        except (OSError, ValueError):
            return None
        return secret if len(secret) >= 16 else None

    def _create(self) -> bytes | None:
        if self._failed:
            return None
        secret = secrets.token_bytes(32)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            return self._load()  # another process made it first
        except OSError as exc:
            log.debug("cannot create %s: %s", self.path, exc)
            return None
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secret.hex() + "\n")
        return secret

    def sign(self, *parts: str | bytes) -> str | None:
        secret = self.secret()
        if secret is None:
            return None
        mac = hmac.new(secret, digestmod=hashlib.sha256)
        for i, part in enumerate(parts):  # fed one by one: a large part is not copied
            mac.update(b"\0" if i else b"")
            mac.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        return mac.hexdigest()

    def verify(self, mac: object, *parts: str | bytes) -> bool:
        expected = self.sign(*parts)
        return expected is not None and isinstance(mac, str) and hmac.compare_digest(mac, expected)
