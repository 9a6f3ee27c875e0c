"""Text in images (linter/images/ocr.py) and the cache of what was recognised
(linter/images/ocr_cache.py): never in clear on disk."""

from __future__ import annotations

import io
import json

from PIL import Image

from linter.images.ocr import Tesseract, Word, parse_tsv
from linter.images.ocr_cache import OcrCache
from linter.images.reader import ImageReader, ImageText
from linter.images.metadata import Field

from image_helpers import line_box, needs_tesseract, screenshot

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def test_tsv_words_keep_their_boxes_and_lines_and_lose_their_noise():
    tsv = TSV_HEADER + (
        "4\t1\t1\t1\t1\t0\t22\t31\t878\t46\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t22\t33\t215\t35\t93.1\tCustomer:\n"
        "5\t1\t1\t1\t1\t2\t249\t31\t449\t46\t92.3\tjane.doe@gmail.com\n"
        "5\t1\t2\t1\t1\t1\t5\t300\t20\t20\t12.0\t~~\n")
    assert parse_tsv(tsv) == [Word("Customer:", 22, 33, 215, 35, (1, 1, 1)),
                              Word("jane.doe@gmail.com", 249, 31, 449, 46, (1, 1, 1))]


def test_composed_text_and_the_region_of_a_span():
    words = [Word("Customer:", 22, 33, 215, 35, (1, 1, 1)), Word("jane@x.io", 249, 31, 449, 46, (1, 1, 1)),
             Word("Plan", 22, 120, 90, 40, (1, 1, 2)), Word("Next", 30, 300, 80, 40, (2, 1, 1))]
    text = ImageText.compose([Field("GPS position", "GPS: 1.00000 N, 2.00000 E")], words)
    assert text.text == "GPS: 1.00000 N, 2.00000 E\n\nCustomer: jane@x.io\nPlan\n\nNext"
    at = text.text.index("jane@x.io")
    region = text.region(at, at + len("jane@x.io"))
    assert (region.x, region.y, region.w, region.h) == (249, 31, 449, 46)
    both = text.region(text.text.index("Customer"), text.text.index("Plan") + 4)
    assert (both.x, both.y, both.w, both.h) == (22, 31, 676, 129)
    assert text.region(0, 10) is None  # metadata stands nowhere in the picture


@needs_tesseract
def test_tesseract_reads_a_drawn_line_where_it_was_drawn(tmp_path):
    lines = ["Customer: jane.doe@gmail.com plan: Pro"]
    path = screenshot(tmp_path / "s.png", lines)
    reader = ImageReader(notify=lambda *_: None)
    text = reader.read(path, "s.png", languages=["en"])
    assert text.text == lines[0]
    at = text.text.index("jane")
    region = text.region(at, at + len("jane.doe@gmail.com"))
    x, y, w, h = line_box(lines, 0, 10, 28)
    # Tesseract's box hugs the ink; Pillow's advance widths add a few pixels of spacing
    assert abs(region.x - x) <= 6 and abs(region.y - y) <= 6 and abs(region.w - w) <= 12 and abs(region.h - h) <= 8


@needs_tesseract
def test_transparent_screenshots_and_rotated_photos_are_read_as_shown(tmp_path):
    lines = ["Reach me at omar.haddad@yahoo.com"]
    reader = ImageReader(notify=lambda *_: None)
    assert reader.read(screenshot(tmp_path / "t.png", lines, mode="RGBA"), "t.png", languages=["en"]).text == lines[0]
    upright = Image.open(screenshot(tmp_path / "u.png", lines))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90 degrees clockwise: stored the other way
    upright.rotate(90, expand=True).save(tmp_path / "r.jpg", exif=exif, quality=95)
    text = reader.read(tmp_path / "r.jpg", "r.jpg", languages=["en"])
    assert "omar.haddad@yahoo.com" in text.text


def test_the_cache_holds_no_recognised_text_and_only_the_image_opens_it(tmp_path):
    cache = OcrCache(tmp_path)
    words = [Word("jane.doe@gmail.com", 1, 2, 3, 4, (1, 1, 1))]
    digest, other = b"\x01" * 32, b"\x02" * 32
    assert cache.put(digest, "tess|eng", words)
    assert cache.get(digest, "tess|eng") == words
    stored = b"".join(p.read_bytes() for p in (tmp_path / "ocr").rglob("*.json"))
    assert b"jane" not in stored and b"gmail" not in stored and digest.hex().encode() not in stored
    assert cache.get(other, "tess|eng") is None and cache.get(digest, "tess|spa") is None


def test_a_tampered_cache_entry_is_ignored(tmp_path):
    cache = OcrCache(tmp_path)
    cache.put(b"\x01" * 32, "s", [Word("hello", 1, 2, 3, 4, (1, 1, 1))])
    entry = next((tmp_path / "ocr").rglob("*.json"))
    data = json.loads(entry.read_text())
    data["data"] = data["data"][::-1]
    entry.write_text(json.dumps(data))
    assert cache.get(b"\x01" * 32, "s") is None


@needs_tesseract
def test_an_image_is_read_by_tesseract_once(tmp_path):
    calls = []

    class Counting(Tesseract):
        def recognise(self, png: bytes, languages: str) -> list[Word]:
            calls.append(languages)
            return super().recognise(png, languages)

    path = screenshot(tmp_path / "s.png", ["Invoice for Globex"])
    first = ImageReader(notify=lambda *_: None, cache_dir=tmp_path / "cache", tesseract=Counting())
    second = ImageReader(notify=lambda *_: None, cache_dir=tmp_path / "cache", tesseract=Counting())
    assert first.read(path, "s.png", languages=["en"]).text == second.read(path, "s.png", languages=["en"]).text
    assert calls == ["eng"]


def test_a_damaged_image_is_a_notice_not_a_crash(tmp_path):
    notices = []
    png = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(png, "PNG")
    (tmp_path / "cut.png").write_bytes(png.getvalue()[:60])
    (tmp_path / "junk.jpg").write_bytes(b"not an image at all")
    reader = ImageReader(notify=lambda level, message: notices.append((level, message)))
    assert reader.read(tmp_path / "junk.jpg", "junk.jpg") is None
    reader.read(tmp_path / "cut.png", "cut.png")  # its metadata and its pixels fail: each is said
    assert {level for level, _ in notices} == {"warning"} and len(notices) >= 2
    assert notices[0][1].startswith("junk.jpg: cannot be read as an image")
    assert all(message.startswith("cut.png: ") for _, message in notices[1:])
