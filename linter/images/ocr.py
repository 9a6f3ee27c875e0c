"""Text in images: Tesseract's words and where each stands.

The `tesseract` program (Debian's `tesseract-ocr` with `tesseract-ocr-eng` and `-spa`) is run over
pipes: the picture goes in on standard input and the words with their boxes come back as TSV on
standard output, so neither the image nor the text it holds is ever written to a temporary file
(pytesseract would write both). One thread per call (`OMP_THREAD_LIMIT=1`): `--jobs` runs several
images at once instead, and the results do not depend on the machine's core count.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass

MIN_CONFIDENCE = 40.0  # below it a "word" is mostly a texture or an icon read as letters (docs/images.md)
TIMEOUT_SECONDS = 120
# Tesseract's language data by postlint language code.
TESSERACT_LANGUAGES = {"en": "eng", "es": "spa"}
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa"


@dataclass(frozen=True, slots=True)
class Word:
    """A recognised word, its box in the picture Tesseract read, and the line it belongs to."""

    text: str
    x: int
    y: int
    w: int
    h: int
    line: tuple[int, int, int]  # (block, paragraph, line): words of one line share it


class OcrError(Exception):
    """Tesseract failed on one image (the reason, never its text)."""


class Tesseract:
    """The installed `tesseract` program, if any, and the languages it can read."""

    def __init__(self, program: str | None = None) -> None:
        self.program = program or shutil.which("tesseract")

    @functools.cached_property
    def installed_languages(self) -> frozenset[str]:
        if self.program is None:
            return frozenset()
        try:
            listing = subprocess.run([self.program, "--list-langs"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            return frozenset()
        lines = listing.stdout.decode("utf-8", "replace").splitlines()
        return frozenset(line.strip() for line in lines[1:] if line.strip())

    @functools.cached_property
    def version(self) -> str:
        if self.program is None:
            return ""
        try:
            out = subprocess.run([self.program, "--version"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            return ""
        return (out.stdout or out.stderr).decode("utf-8", "replace").split("\n", 1)[0].strip()

    def languages_for(self, wanted: list[str]) -> str:
        """Tesseract's `-l` argument for postlint languages (`eng+spa`): those installed."""
        codes = [TESSERACT_LANGUAGES[w] for w in wanted if TESSERACT_LANGUAGES.get(w) in self.installed_languages]
        return "+".join(dict.fromkeys(codes))

    def recognise(self, png: bytes, languages: str) -> list[Word]:
        """The words in a PNG image, in reading order."""
        if self.program is None:
            raise OcrError("tesseract is not installed")
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        try:
            done = subprocess.run([self.program, "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
                                  input=png, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise OcrError(f"tesseract took longer than {TIMEOUT_SECONDS} s") from None
        except OSError as exc:
            raise OcrError(f"tesseract could not run ({exc.strerror or exc})") from None
        if done.returncode != 0:
            raise OcrError(f"tesseract exited with status {done.returncode}")
        return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Words from Tesseract's TSV (level 5 rows), those read with too little confidence left out."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            confidence = float(cells[10])
            block, paragraph, line, x, y, w, h = (int(c) for c in (*cells[2:5], *cells[6:10]))
        except ValueError:
            continue
        if confidence >= MIN_CONFIDENCE:
            words.append(Word(cells[11].strip(), x, y, w, h, (block, paragraph, line)))
    return words
