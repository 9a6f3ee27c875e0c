"""An image as the rules read it: its metadata fields, then the words recognised in it.

`ImageReader.read` opens an image with Pillow (HEIC through pillow-heif when installed), writes the
metadata fields (`metadata.py`) and the recognised text (`ocr.py`, cached: `ocr_cache.py`) into one
`ImageText`, which remembers where each recognised word stands in the picture, so a finding in
those words gets their `region`. What cannot be read is said once, in a notice, and never stops
the run: an image Pillow cannot open, one too large to read text in, Tesseract or its language
data missing (the metadata is still checked).
"""

from __future__ import annotations

import bisect
import concurrent.futures
import hashlib
import io
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fileio import NotAFile, TooLarge, format_size, read_file
from ..finding import Finding, Region
from . import IMAGE_SUFFIXES, IMAGES_EXTRA_MISSING, ImagesUnavailable, is_image
from .metadata import Field, metadata_fields
from .ocr import INSTALL_HINT, MIN_CONFIDENCE, OcrError, Tesseract, Word
from .references import references, repository_root, resolve

if TYPE_CHECKING:
    from PIL import Image

    from ..config import PublicPlace

Notify = Callable[[str, str], None]
MAX_IMAGE_BYTES = 64 << 20
MAX_OCR_PIXELS = 40_000_000  # larger pictures are not decoded (3 bytes a pixel) and hold no screen text
SMALL_SIDE = 1000  # a picture whose shorter side is below this is read at twice its size (small type)
LARGE_SIDE = 3000  # a larger one is read at most this long (a 12-MP photo costs 2x less, its text stays legible)
PREPARATION = "gray,white-under-alpha,x2-below-1000,max-3000"  # how pictures are prepared: part of the cache key


@dataclass
class ImageText:
    """The text of one image (a block per metadata field, then the recognised lines) and the boxes of
    its recognised words, by their offsets in it."""

    text: str = ""
    words: list[tuple[int, int, Word]] = field(default_factory=list)

    @classmethod
    def compose(cls, fields: Sequence[Field], words: Sequence[Word]) -> ImageText:
        parts = ["\n\n".join(f.text for f in fields) + ("\n\n" if fields and words else "")]
        length = len(parts[0])
        placed: list[tuple[int, int, Word]] = []
        previous: tuple[int, int, int] | None = None
        for word in words:
            if previous is not None:  # a word of the same line, a new line, or a new paragraph
                parts.append(" " if word.line == previous else "\n" if word.line[:2] == previous[:2] else "\n\n")
                length += len(parts[-1])
            placed.append((length, length + len(word.text), word))
            parts.append(word.text)
            length += len(word.text)
            previous = word.line
        return cls("".join(parts), placed)

    def region(self, start: int, end: int) -> Region | None:
        """The box around the recognised words that [start, end) covers (None: none, e.g. metadata)."""
        i = bisect.bisect_right([s for s, _, _ in self.words], start) - 1
        boxes = [w for s, e, w in self.words[max(i, 0):] if s < end and start < e]
        if not boxes:
            return None
        x, y = min(w.x for w in boxes), min(w.y for w in boxes)
        return Region(x, y, max(w.x + w.w for w in boxes) - x, max(w.y + w.h for w in boxes) - y)

    def locate(self, findings: Iterable[Finding]) -> list[Finding]:
        """`findings` of this text, each with the region of the words it is in."""
        return [replace(f, region=self.region(f.start, f.end)) if f.in_path is None else f for f in findings]


def load_pillow() -> Any:
    """Pillow's Image module, with HEIC support when pillow-heif is installed."""
    try:
        from PIL import Image
    except ImportError:
        raise ImagesUnavailable(IMAGES_EXTRA_MISSING) from None
    # Pillow warns on pictures past 89 megapixels; those over MAX_OCR_PIXELS are never decoded here
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    return Image


class ImageReader:
    """Reads images for one run: the same notice is given once, each image is read once."""

    def __init__(self, *, notify: Notify, cache_dir: Path | None = None, ocr: bool = True,
                 tesseract: Tesseract | None = None) -> None:
        self.Image = load_pillow()
        self.notify = notify
        self.tesseract = tesseract or Tesseract()
        self.ocr = ocr
        self.cache = None
        if cache_dir is not None:
            from .ocr_cache import OcrCache

            self.cache = OcrCache(cache_dir)
        self._said: set[str] = set()

    def _once(self, level: str, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.notify(level, message)

    def read(self, path: Path, shown: str, *, languages: Sequence[str] = ("en", "es"),
             public_places: Sequence[PublicPlace] = ()) -> ImageText | None:
        """The text of the image at `path` (reported as `shown`); None when it cannot be read."""
        try:
            data = read_file(path, MAX_IMAGE_BYTES)
        except TooLarge:
            self.notify("warning", f"{shown}: is larger than {format_size(MAX_IMAGE_BYTES)}; not checked")
            return None
        except NotAFile as exc:
            self.notify("warning", f"{shown}: is {exc.kind}, not a file; not read")
            return None
        except OSError as exc:
            self.notify("warning", f"{shown}: cannot be read ({exc.strerror or exc}); not checked")
            return None
        try:
            image = self.Image.open(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - any decoder failure: a damaged or unsupported image
            hint = " (HEIC needs pillow-heif: pip install 'postlint[images]')" if path.suffix.lower() in (
                ".heic", ".heif") else ""
            self.notify("warning", f"{shown}: cannot be read as an image ({type(exc).__name__}){hint}; not checked")
            return None
        try:
            fields = metadata_fields(image, public_places)
        except Exception as exc:  # noqa: BLE001 - damaged EXIF or XMP: the text in the picture is still read
            self.notify("warning", f"{shown}: its metadata cannot be read ({type(exc).__name__}); only the text in "
                                   "it was checked")
            fields = []
        return ImageText.compose(fields, self._words(image, data, shown, languages))

    def _words(self, image: Image.Image, data: bytes, shown: str, languages: Sequence[str]) -> list[Word]:
        if not self.ocr:
            return []
        if self.tesseract.program is None:
            self._once("notice", "the text in images is not read: Tesseract is not installed "
                                 f"({INSTALL_HINT}); their metadata is still checked")
            return []
        wanted = self.tesseract.languages_for(list(languages))
        if not wanted:
            self._once("notice", f"the text in images is not read: Tesseract has no data for "
                                 f"{', '.join(languages)} ({INSTALL_HINT}); their metadata is still checked")
            return []
        width, height = image.size
        if width * height > MAX_OCR_PIXELS:
            self.notify("notice", f"{shown}: {width}x{height} pixels is too large to read text in; "
                                  "only its metadata was checked")
            return []
        settings = f"{self.tesseract.version}|{wanted}|{MIN_CONFIDENCE}|{PREPARATION}"
        digest = hashlib.sha256(data).digest()
        cached = self.cache.get(digest, settings) if self.cache is not None else None
        if cached is not None:
            return cached
        try:
            png, scale = self._prepared(image)
            words = [replace(w, x=round(w.x / scale), y=round(w.y / scale), w=round(w.w / scale),
                             h=round(w.h / scale)) for w in self.tesseract.recognise(png, wanted)]
        except OcrError as exc:
            self.notify("warning", f"{shown}: the text in it could not be read: {exc}; only its metadata was checked")
            return []
        except Exception as exc:  # noqa: BLE001 - a decoder failure on the pixels (truncated file)
            self.notify("warning", f"{shown}: its pixels cannot be decoded ({type(exc).__name__}); "
                                   "only its metadata was checked")
            return []
        if self.cache is not None:
            self.cache.put(digest, settings, words)
        return words

    def _prepared(self, image: Image.Image) -> tuple[bytes, float]:
        """The picture as shown (EXIF orientation applied), grey, on white where it is transparent,
        twice as large when small, smaller when huge: PNG bytes for Tesseract, and the scale used."""
        from PIL import ImageOps

        picture = ImageOps.exif_transpose(image)
        if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
            rgba = picture.convert("RGBA")
            picture = self.Image.alpha_composite(self.Image.new("RGBA", rgba.size, "white"), rgba)
        picture = picture.convert("L")
        scale = min(2.0 if min(picture.size) < SMALL_SIDE else 1.0, LARGE_SIDE / max(picture.size))
        if scale != 1.0:
            picture = picture.resize((round(picture.width * scale), round(picture.height * scale)),
                                     self.Image.Resampling.LANCZOS)
        out = io.BytesIO()
        picture.save(out, "PNG", compress_level=1)
        return out.getvalue(), scale

    def read_many(self, items: Sequence[tuple[Path, str, Sequence[str], Sequence[PublicPlace]]],
                  jobs: int = 1) -> list[ImageText | None]:
        """`read` for each (path, shown, languages, public places), `jobs` at a time (threads: the
        work is in Tesseract's process and Pillow's decoders), in order."""
        def one(item: tuple[Path, str, Sequence[str], Sequence[PublicPlace]]) -> ImageText | None:
            return self.read(item[0], item[1], languages=item[2], public_places=item[3])

        if jobs <= 1 or len(items) <= 1:
            return [one(item) for item in items]
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(one, items))


def post_images(source: str, shown: str, markup: str, notify: Notify) -> list[Path]:
    """The image files a post shows, inside its repository; notices for those not read."""
    if shown == "-":
        post, root = Path.cwd() / "-", Path.cwd()
    else:
        post = Path(shown)
        root = repository_root(post)
    found: list[Path] = []
    for ref in references(source, markup):
        where = resolve(ref.target, post, root)
        if where.path is None:
            target = ref.target if len(ref.target) <= 80 else ref.target[:77] + "..."
            notify("notice", f"{shown}:{ref.line}: image '{target}' {where.reason}")
        elif not is_image(where.path.name):
            notify("notice", f"{shown}:{ref.line}: image '{ref.target}' is not in a format postlint reads "
                             f"({', '.join(sorted(IMAGE_SUFFIXES))}); not checked")
        elif where.path not in found:
            found.append(where.path)
    return found


def shown_path(path: Path) -> str:
    """How an image found through a post is named in reports: relative to here when below it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


class PostImages:
    """The images of posts that come one after another (`scan --images`): each image is read once
    per run, and after `NOTICES_SHOWN` notices about images not read the rest are only counted."""

    NOTICES_SHOWN = 20

    def __init__(self, reader: ImageReader, *, languages: Sequence[str], public_places: Sequence[PublicPlace] = ()) -> None:
        self.reader = reader
        self.languages = languages
        self.public_places = public_places
        self.read: dict[Path, ImageText | None] = {}
        self.notices = 0

    def _notify(self, level: str, message: str) -> None:
        self.notices += 1
        if self.notices <= self.NOTICES_SHOWN:
            self.reader.notify(level, message)
        elif self.notices == self.NOTICES_SHOWN + 1:
            self.reader.notify(level, "more images were not read; their notices are not shown")

    def __call__(self, text: str, source: str, markup: str) -> list[tuple[str, ImageText]]:
        """(shown path, text) of each image the post at `source` shows that can be read."""
        found = []
        for path in post_images(text, source, markup, self._notify):
            if path not in self.read:
                self.read[path] = self.reader.read(path, shown_path(path), languages=self.languages,
                                                   public_places=self.public_places)
            if (image := self.read[path]) is not None:
                found.append((shown_path(path), image))
        return found
