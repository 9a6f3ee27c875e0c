"""Recognised words by image, kept so an unchanged image is never read by Tesseract twice.

The words are the image's text, so an entry never holds them in clear (the findings cache's rule,
`linter/cache.py`): each is encrypted with a key derived from the image's own bytes, which the
cache does not keep. Whoever can read the cache folder learns nothing from it without the image;
whoever has the image could read its text anyway. The entry's name is a MAC of the image's digest
under the cache's secret (so it does not say which image it is for), and the entry is signed with
that secret (`signing.py`): one that fails the check, or does not decrypt, is ignored and the
image is read again. The cipher is HMAC-SHA256 in counter mode over a random nonce.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from pathlib import Path

from ..fileio import read_file, write_atomically
from ..signing import CacheKey
from .ocr import Word

FORMAT = 1
MAX_ENTRY_BYTES = 16 << 20


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (hmac.new(key, nonce + i.to_bytes(8, "big"), hashlib.sha256).digest() for i in range((length + 31) // 32))
    return b"".join(blocks)[:length]


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


class OcrCache:
    """Words of images under `<cache dir>/ocr/`, by a digest of the image's bytes and of how it was read."""

    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory) / "ocr"
        self.key = CacheKey(Path(directory))

    def _names(self, digest: bytes, settings: str) -> tuple[Path, bytes] | None:
        """The entry's file and the key its content is encrypted with."""
        name = self.key.sign("ocr", digest.hex(), settings)
        if name is None:
            return None
        content_key = hashlib.sha256(b"postlint ocr entry\0" + digest + settings.encode()).digest()
        return self.root / name[:2] / f"{name}.json", content_key

    def get(self, digest: bytes, settings: str) -> list[Word] | None:
        names = self._names(digest, settings)
        if names is None:
            return None
        path, content_key = names
        try:
            entry = json.loads(read_file(path, MAX_ENTRY_BYTES).decode("utf-8"))
            if entry.get("format") != FORMAT or not self.key.verify(entry.get("mac"), path.name, entry["nonce"],
                                                                   entry["data"]):
                return None
            nonce, sealed = bytes.fromhex(entry["nonce"]), base64.b64decode(entry["data"], validate=True)
            plain = _xor(sealed, _keystream(content_key, nonce, len(sealed)))
            return [Word(t, x, y, w, h, (b, p, l)) for t, x, y, w, h, b, p, l in json.loads(plain.decode("utf-8"))]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
            return None  # missing, damaged, forged or written for other bytes: read the image again

    def put(self, digest: bytes, settings: str, words: list[Word]) -> bool:
        names = self._names(digest, settings)
        if names is None:
            return False
        path, content_key = names
        plain = json.dumps([[w.text, w.x, w.y, w.w, w.h, *w.line] for w in words], ensure_ascii=False).encode("utf-8")
        nonce = secrets.token_bytes(16)
        data = base64.b64encode(_xor(plain, _keystream(content_key, nonce, len(plain)))).decode("ascii")
        mac = self.key.sign(path.name, nonce.hex(), data)
        if mac is None:
            return False
        return write_atomically(path, json.dumps({"format": FORMAT, "nonce": nonce.hex(), "data": data, "mac": mac}))
