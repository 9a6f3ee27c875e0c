"""Images made in the tests: screenshots whose text Pillow draws, photos with the EXIF and XMP a
camera or an editor writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

try:  # HEIC pictures are written with pillow-heif (the images extra) when it is installed
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:
    pass

FONT_SIZE = 48  # Pillow >= 10.1 draws this with its own font; Tesseract 5.3 reads it exactly
LINE_HEIGHT = 90
MARGIN = 20


def _tesseract_languages() -> set[str]:
    program = shutil.which("tesseract")
    if program is None:
        return set()
    out = subprocess.run([program, "--list-langs"], capture_output=True, check=False)
    return {line.strip() for line in out.stdout.decode().splitlines()[1:]}


TESSERACT_LANGUAGES = _tesseract_languages()
needs_tesseract = pytest.mark.skipif(
    not {"eng", "spa"} <= TESSERACT_LANGUAGES,
    reason="needs Debian's tesseract-ocr with tesseract-ocr-eng and -spa (.ci/run installs them)")


def font() -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=FONT_SIZE)


def line_box(lines: list[str], index: int, start: int = 0, end: int | None = None) -> tuple[int, int, int, int]:
    """Where Pillow drew characters [start, end) of line `index`: (x, y, w, h)."""
    text = lines[index]
    end = len(text) if end is None else end
    y = MARGIN + LINE_HEIGHT * index
    left = MARGIN + font().getlength(text[:start])
    top, bottom = font().getbbox(text)[1], font().getbbox(text)[3]
    return round(left), y + top, round(font().getlength(text[start:end])), bottom - top


def screenshot(path: Path, lines: list[str], *, width: int = 1500, mode: str = "RGB") -> Path:
    """A picture of `lines` in black on white (transparent around the text with mode RGBA)."""
    background = (255, 255, 255, 0) if mode == "RGBA" else "white"
    image = Image.new(mode, (width, MARGIN * 2 + LINE_HEIGHT * len(lines)), background)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + LINE_HEIGHT * i), line, font=font(), fill="black")
    image.save(path)
    return path


def exif_for(*, gps: tuple[float, float] | None = None, serial: str | None = None,
             lens_serial: str | None = None, owner: str | None = None, artist: str | None = None,
             description: str | None = None, author_xp: str | None = None,
             orientation: int | None = None) -> Image.Exif:
    """EXIF as a camera (GPS IFD, Exif IFD serials and owner) and Windows (XPAuthor) write it."""
    exif = Image.Exif()
    if gps is not None:
        info = exif.get_ifd(0x8825)
        for (ref_tag, value_tag), value, refs in (((1, 2), gps[0], "NS"), ((3, 4), gps[1], "EW")):
            degrees = abs(value)
            minutes = (degrees - int(degrees)) * 60
            info[ref_tag] = refs[0] if value >= 0 else refs[1]
            info[value_tag] = (float(int(degrees)), float(int(minutes)), round((minutes - int(minutes)) * 60, 4))
    sub = exif.get_ifd(0x8769)
    for tag, value in ((0xA431, serial), (0xA435, lens_serial), (0xA430, owner)):
        if value is not None:
            sub[tag] = value
    if artist is not None:
        exif[0x013B] = artist
    if description is not None:
        exif[0x010E] = description
    if author_xp is not None:
        exif[0x9C9D] = author_xp.encode("utf-16-le") + b"\0\0"
    if orientation is not None:
        exif[0x0112] = orientation
    return exif


def photo(path: Path, *, size: tuple[int, int] = (640, 480), colour: tuple[int, int, int] = (90, 140, 200),
          xmp: str | None = None, icc: bytes | None = None, **exif: object) -> Path:
    """A plain-colour photo (no text in it) carrying the given metadata, in the format of `path`."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(230, 200, 60))
    options: dict[str, object] = {"exif": exif_for(**exif)}  # type: ignore[arg-type]
    if xmp is not None:
        options["xmp"] = xmp.encode()
    if icc is not None:
        options["icc_profile"] = icc
    image.save(path, **options)
    return path


def xmp_packet(body: str) -> str:
    """An XMP packet as Adobe tools write it, around `body` (rdf:Description children and attributes)."""
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'{body}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
