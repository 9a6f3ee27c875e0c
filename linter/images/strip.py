"""`postlint strip-metadata`: a copy of an image without its metadata, pixels untouched.

JPEG, PNG and WebP are rewritten segment by segment, never re-encoded: what says how to show the
picture stays (the colour profile, JFIF density, Adobe's colour transform, PNG gamma and
transparency, animation), everything else goes (EXIF, XMP, IPTC, comments, text chunks, maker
segments, a JPEG's appended secondary images). The orientation is kept as a minimal EXIF block
holding that one tag, so the picture shows the same way up. Other formats Pillow can write (TIFF,
GIF, HEIC with pillow-heif) are re-encoded with the colour profile and the orientation only.
The copy is read back before it is kept: a copy that still says anything `metadata.py` reads is
an error, never written.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from .metadata import metadata_fields
from .reader import load_pillow

ORIENTATION = 0x0112
_JPEG_KEPT_APP = {0xE0: (b"JFIF\0", b"JFXX\0"), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}
_PNG_KEPT = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"iCCP", b"sRGB", b"gAMA", b"cHRM", b"cICP",
                       b"mDCV", b"cLLI", b"sBIT", b"pHYs", b"bKGD", b"hIST", b"sPLT", b"acTL", b"fcTL", b"fdAT"})
_WEBP_KEPT = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
_WEBP_EXIF_FLAG, _WEBP_XMP_FLAG = 0x08, 0x04


class CannotStrip(Exception):
    """The image cannot be rewritten without its metadata (the reason)."""


def stripped(data: bytes) -> tuple[bytes, list[str]]:
    """The image in `data` without its metadata, and the labels of the fields that were removed."""
    Image = load_pillow()
    try:
        image = Image.open(io.BytesIO(data))
        before = metadata_fields(image)
        orientation = int(image.getexif().get(ORIENTATION, 1) or 1)
        kind = image.format
    except Exception as exc:  # noqa: BLE001 - not an image Pillow reads
        raise CannotStrip(f"cannot be read as an image ({type(exc).__name__})") from None
    exif = _orientation_exif(Image, orientation)
    if kind == "JPEG":
        out = _jpeg(data, exif)
    elif kind == "PNG":
        out = _png(data, exif[6:] if exif else b"")
    elif kind == "WEBP":
        out = _webp(data, exif[6:] if exif else b"")
    else:
        out = _reencoded(image, exif)
    try:
        after = metadata_fields(Image.open(io.BytesIO(out)))
    except Exception as exc:  # noqa: BLE001 - the rewrite broke the file: never keep it
        raise CannotStrip(f"the copy could not be read back ({type(exc).__name__})") from None
    if after:
        raise CannotStrip("some metadata could not be removed: " + ", ".join(dict.fromkeys(f.label for f in after)))
    return out, list(dict.fromkeys(f.label for f in before))


def _orientation_exif(Image: object, orientation: int) -> bytes:
    """`Exif\\0\\0` and a TIFF block holding only the orientation (empty when it is the default)."""
    if orientation == 1 or not 1 <= orientation <= 8:
        return b""
    exif = Image.Exif()  # type: ignore[attr-defined]
    exif[ORIENTATION] = orientation
    return bytes(exif.tobytes())


def _jpeg(data: bytes, exif: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise CannotStrip("is not a JPEG file")
    out = [b"\xff\xd8"]
    pos, placed = 2, not exif
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            raise CannotStrip(f"damaged JPEG (no marker at byte {pos})")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of the image: what follows (secondary images, trailers) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[pos:pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4].rjust(2, b"\0"))
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise CannotStrip("damaged JPEG (a segment runs past the end)")
        segment = data[pos:end]
        is_app = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not is_app and not placed:  # the orientation goes after JFIF, before the frame
            out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
            placed = True
        if not is_app or any(data.startswith(sig, pos + 4) for sig in _JPEG_KEPT_APP.get(marker, ())):
            out.append(segment)
        pos = end
        if marker == 0xDA:  # entropy-coded data until the next marker that is not a restart or stuffing
            scan = pos
            while True:
                scan = data.find(b"\xff", scan)
                if scan < 0 or scan + 1 >= len(data):
                    raise CannotStrip("damaged JPEG (no end of image)")
                following = data[scan + 1]
                if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    scan += 2 if following != 0xFF else 1
                    continue
                break
            out.append(data[pos:scan])
            pos = scan
    raise CannotStrip("damaged JPEG (no end of image)")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png(data: bytes, tiff: bytes) -> bytes:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise CannotStrip("is not a PNG file")
    out, pos = [data[:8]], 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, end = data[pos + 4:pos + 8], pos + 12 + length
        if end > len(data):
            raise CannotStrip("damaged PNG (a chunk runs past the end)")
        if kind in (b"IDAT", b"acTL") and tiff:  # eXIf must come before the image data
            out.append(_png_chunk(b"eXIf", tiff))
            tiff = b""
        if kind in _PNG_KEPT:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise CannotStrip("damaged PNG (no IEND chunk)")


def _webp(data: bytes, tiff: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CannotStrip("is not a WebP file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, (size,) = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])
        end = pos + 8 + size + (size & 1)
        if pos + 8 + size > len(data):
            raise CannotStrip("damaged WebP (a chunk runs past the end)")
        if kind in _WEBP_KEPT:
            chunks.append(bytearray(data[pos:min(end, len(data))]))
        pos = end
    if tiff and chunks and bytes(chunks[0][:4]) == b"VP8X":
        chunks.append(bytearray(b"EXIF" + struct.pack("<I", len(tiff)) + tiff + b"\0" * (len(tiff) & 1)))
    if chunks and bytes(chunks[0][:4]) == b"VP8X":
        chunks[0][8] &= ~(_WEBP_EXIF_FLAG | _WEBP_XMP_FLAG) & 0xFF
        if tiff:
            chunks[0][8] |= _WEBP_EXIF_FLAG
    body = b"WEBP" + b"".join(bytes(c) for c in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _reencoded(image: object, exif: bytes) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"exif": exif} if exif else {}
    icc = image.info.get("icc_profile")  # type: ignore[attr-defined]
    if icc:
        options["icc_profile"] = icc
    if image.format == "HEIF":  # type: ignore[attr-defined]
        options["quality"] = 90  # lossy like the original; its writer's default (50) shows
    try:
        fresh = image.copy()  # type: ignore[attr-defined]
        fresh.info = {}  # writers copy what `info` holds (EXIF, XMP, comments) unless told otherwise
        fresh.save(out, format=image.format, **options)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - a format Pillow reads but cannot write
        raise CannotStrip(f"cannot be rewritten as {image.format} ({type(exc).__name__}); "  # type: ignore[attr-defined]
                          "convert it to JPEG, PNG or WebP first") from None
    return out.getvalue()


def strip_file(path: Path, target: Path) -> list[str]:
    """Write `path`'s image without its metadata to `target`; the labels of what was removed."""
    from ..fileio import read_file, write_atomically
    from .reader import MAX_IMAGE_BYTES

    data, removed = stripped(read_file(path, MAX_IMAGE_BYTES))
    write_atomically(target, data, strict=True)
    return removed
