"""What the markup tests share: offsets that must map back, and views of an extraction."""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse

from linter.markup import Extracted, read_markup


def assert_maps_back(source: str, extracted: Extracted) -> None:
    """Every word of the text maps to a source span that spells it; where it does not as a
    whole, each character maps to itself or to the character reference or URL escape (`%40`) it
    came from (or is the U+FFFD that CommonMark puts in place of a NUL, or the `+` a WhatsApp
    link's number leaves out)."""
    text, offsets = extracted.text, extracted.offsets
    for word in re.finditer(r"\S+", text):
        start, end = offsets.span(*word.span())
        if source[start:end] == word.group():
            continue
        for i in range(*word.span()):
            char_start, char_end = offsets.span(i, i + 1)
            piece, char = source[char_start:char_end], text[i]
            if char == "+" and char_end == char_start and extracted.text.startswith("+", i):
                continue  # wa.me/15551234567: the number is international
            assert char_end > char_start, f"{char!r} at {i} has no source ({text[max(i - 30, 0):i + 30]!r})"
            assert (piece == char or unicodedata.normalize("NFC", piece) == char
                    or (piece.startswith("&") and html.unescape(piece) == char)
                    or (piece.startswith("%") and char in urllib.parse.unquote(piece))
                    or (piece == "\0" and char == "\ufffd")), \
                f"{char!r} at {i} maps to {piece!r} ({text[max(i - 30, 0):i + 30]!r})"


def zone_texts(extracted: Extracted, kind: str) -> list[str]:
    return [extracted.text[z.start:z.end] for z in extracted.zones if z.kind == kind]


def source_of(source: str, extracted: Extracted, needle: str) -> str:
    """The source text that the first `needle` in the plain text came from."""
    index = extracted.text.index(needle)
    start, end = extracted.offsets.span(index, index + len(needle))
    return source[start:end]


def md(source: str) -> Extracted:
    extracted = read_markup(source, "markdown")
    assert_maps_back(source, extracted)
    return extracted
