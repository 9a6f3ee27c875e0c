"""The normalised copy of a text that checks match against, with a map back to the original.

Disguises are undone here once, so every check sees through them: Unicode compatibility forms
(NFKC: full-width letters, ligatures, mathematical letters), invisible format characters
(zero-width spaces and joiners, soft hyphens, bidi controls), curly quotes, and look-alike letters
from Cyrillic and Greek inside otherwise Latin words (`Fаlcon` with a Cyrillic `а`). Plain ASCII
stretches are copied as they are, so normalising a typical post costs one regex scan.
"""

from __future__ import annotations

import unicodedata

import regex

from .textmap import OffsetMap, TextBuilder

# Cyrillic, Greek and other letters that render like Latin ones (from Unicode confusables.txt).
CONFUSABLES = {
    **dict(zip("аеорсухіјѕԁһӏԛԝвкмнтьАВЕКМНОРСТХУІЈЅԚԜ", "aeopcyxijsdhlqwbkmhtbABEKMHOPCTXYIJSQW")),
    **dict(zip("αβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aBeikvoptuxABEZHIKMNOPTYX")),
    **dict(zip("ıȷℓօսզ", "ijlouq")),
}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}

# A word that holds a non-ASCII character, or a run of non-ASCII non-word characters.
_SUSPECT = regex.compile(r"[\w\p{M}\p{Cf}]*[^\x00-\x7f][\w\p{M}\p{Cf}]*|[^\x00-\x7f]+")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _normalise_cluster(cluster: str) -> str:
    # a lone surrogate (from surrogate-escaped bytes) cannot be encoded: U+FFFD stands in for it
    visible = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cluster if not _is_invisible(ch))
    if not visible:
        return ""
    out = unicodedata.normalize("NFKC", visible)
    return "".join(_QUOTES.get(ch, ch) for ch in out)


def _fold_lookalikes(word: str) -> str:
    """Fold look-alike letters in a word that mixes them with Latin ones (a disguise, not Greek).

    A word written wholly in Cyrillic or Greek ("Москва") is a real word and stays as it is.
    """
    letters = [ch for ch in word if ch.isalpha()]
    if not any(ch in CONFUSABLES for ch in letters) or not any(ch.isascii() for ch in letters):
        return word
    if all(ch in CONFUSABLES or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return "".join(CONFUSABLES.get(ch, ch) for ch in word)
    return word


def normalise(text: str) -> tuple[str, OffsetMap]:
    """Return the normalised text and the map from it back to `text`."""
    if text.isascii():
        return text, OffsetMap.identity(len(text))
    builder = TextBuilder()
    done = 0
    for suspect in _SUSPECT.finditer(text):
        start, end = suspect.span()
        builder.copy(text[done:start], done)
        pieces = []
        for cluster in _GRAPHEME.finditer(text, start, end):
            pieces.append((cluster.start(), cluster.end(), _normalise_cluster(cluster.group())))
        folded = _fold_lookalikes("".join(p[2] for p in pieces))
        if folded != "".join(p[2] for p in pieces):
            # folding is character for character, so it can be split back over the pieces
            pos = 0
            for i, (s, e, out) in enumerate(pieces):
                pieces[i] = (s, e, folded[pos:pos + len(out)])
                pos += len(out)
        for s, e, out in pieces:
            if out == text[s:e]:
                builder.copy(out, s)
            else:
                builder.replace(out, s, e)
        done = end
    builder.copy(text[done:], done)
    return builder.build()
