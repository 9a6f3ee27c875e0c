"""Images in posts: their metadata and the text inside them, read through the same rules as posts.

`check --images` and `scan --images` (extra `postlint[images]`) read each image a post references
(`references.py`: Markdown, HTML, MDX, front matter; resolved inside the repository, never fetched)
and each image file named on the command line. An image becomes one text (`reader.py`): a line per
metadata field that can identify someone (`metadata.py`: GPS position, camera and lens serial
numbers, owner and author names, edit-history paths), then the words Tesseract recognises in it
(`ocr.py`, cached encrypted by image: `ocr_cache.py`). That text is linted like a post; a finding in
the recognised words gets the `region` of the picture they stand in. `strip.py` writes a copy
without the metadata (`postlint strip-metadata`).

Importing this package imports nothing heavy: Pillow is imported only when an image is read, so
`check` without `--images` never loads it.
"""

from __future__ import annotations

from pathlib import PurePath

from ..errors import PostlintError

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff", ".gif"})
IMAGES_EXTRA_MISSING = ("checking images needs Pillow, which is not installed: "
                        "pip install 'postlint[images]' (and Debian's tesseract-ocr for the text in them)")


def is_image(path: str | None) -> bool:
    """Whether `path` names an image by its suffix (what `check PATHS` reads as one)."""
    return bool(path) and PurePath(str(path)).suffix.lower() in IMAGE_SUFFIXES


class ImagesUnavailable(PostlintError):
    """`--images` was asked for, but Pillow is not installed."""
