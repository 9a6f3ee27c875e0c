"""The normalised copy of a text that checks match against, with a map back to the original.

Disguises are undone here once, so every check sees through them: Unicode compatibility forms
(NFKC: full-width letters, ligatures, mathematical letters), characters that render as nothing
(every Default_Ignorable_Code_Point: zero-width spaces and joiners, soft hyphens, bidi controls,
variation selectors, the combining grapheme joiner, Hangul fillers), combining marks stacked on
Latin letters that no precomposed letter has (`Nig̲ht̲jar`: accents that do compose, as in
`café`, stay), text under a right-to-left override (read as shown, reversed, and as written),
curly quotes, hyphen and dash look-alikes between words (`212–555–0147`), and look-alike letters
from other scripts inside words written in Latin letters (`Fаlcon` with a Cyrillic `а`), folded
with Unicode's own confusables data (TR39, `confusables.txt`, as the `confusable-homoglyphs`
package ships it). Then values that markup or a writing habit split or spelled out are read whole
(`reading.py`: `jane.doe**@**gmail.com`, `jane (at) gmail (dot) com`, `4111  1111`). Plain ASCII
text is copied as it is, so normalising a typical post costs a few regex scans.

`fold_for_names()` goes one step further for matching names (codenames, customers): accents and
every look-alike are folded, character for character, so offsets stay the same.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

import regex

from .reading import read_values
from .textmap import ChainedMap, OffsetMap, SpanMap, TextBuilder

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
           # hyphens, the figure and en dashes and the minus sign read as '-' (the em dash stays)
           "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-"}

# A word that holds a non-ASCII character, or a run of non-ASCII non-word characters.
_SUSPECT = regex.compile(r"[\w\p{M}\p{Cf}]*[^\x00-\x7f][\w\p{M}\p{Cf}]*|[^\x00-\x7f]+")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
_LATIN_BASE = regex.compile(r"[\p{Script=Latin}\p{Script=Common}]")
_OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows is shown reversed
_OVERRIDE_END = regex.compile(r"[\u202c\u2069\r\n]")  # POP DIRECTIONAL FORMATTING/ISOLATE, or line end


@functools.cache
def confusables() -> dict[str, str]:
    """Each non-ASCII character Unicode's confusables data says looks like one ASCII letter or
    digit, and that letter (read on first need: a post of plain ASCII never pays for it)."""
    data = json.loads((resources.files("confusable_homoglyphs") / "confusables.json").read_text("utf-8"))
    table = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii():
            continue
        targets = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalnum()]
        if targets:
            # TR39 maps capital I and its look-alikes to 'l'; inside a word, a capital stands for I
            table[char] = "I" if targets[0] == "l" and unicodedata.name(char, "").find("CAPITAL") >= 0 \
                else targets[0]
    return table


@functools.lru_cache(maxsize=8192)  # the same few hundred clusters (é, ’, emoji) make up most posts
def _normalise_cluster(cluster: str) -> str:
    # a lone surrogate (from surrogate-escaped bytes) cannot be encoded: U+FFFD stands in for it
    visible = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in cluster
                      if not _IGNORABLE.match(ch))
    if not visible:
        return ""
    out = unicodedata.normalize("NFKC", visible)
    if len(out) > 1 and _LATIN_BASE.match(out[0]):
        # marks no precomposed letter holds (an underline, a strike-through) are decoration
        out = "".join(ch for ch in out if unicodedata.category(ch) not in ("Mn", "Me"))
    return "".join(_QUOTES.get(ch, ch) for ch in out)


def _fold_lookalikes(word: str) -> str:
    """Fold look-alike letters in a word that is (partly) written in ASCII letters: a disguise.

    A word written wholly in another script ("Москва", "Ελληνικά") is a real word and stays.
    """
    if not any(ch.isascii() and ch.isalpha() for ch in word) or word.isascii():
        return word
    table = confusables()
    return "".join(table.get(ch, ch) for ch in word)


def normalise(text: str) -> tuple[str, SpanMap]:
    """Return the normalised text and the map from it back to `text`: Unicode disguises undone,
    then values split by markup or spelled out read whole (`reading.py`)."""
    if text.isascii():
        plain: tuple[str, SpanMap] = (text, OffsetMap.identity(len(text)))
    else:
        builder = TextBuilder()
        done = 0
        for start, end in _overridden(text):
            _normalise_into(builder, text, done, start)
            _overridden_into(builder, text, start, end)
            done = end
        _normalise_into(builder, text, done, len(text))
        plain = builder.build()
    read = read_values(plain[0])
    if read is None:
        return plain
    return read[0], ChainedMap(plain[1], read[1])


def _overridden(text: str) -> list[tuple[int, int]]:
    """Stretches a right-to-left override shows reversed: from the override to its end (a pop or
    an isolate's end) or the line's. An override inside a stretch only extends it: one level of
    reversal, however many overrides are nested (no recursion on hostile runs)."""
    runs = []
    pos = text.find(_OVERRIDE)
    while pos >= 0:
        stop = _OVERRIDE_END.search(text, pos + 1)
        end = len(text) if stop is None else stop.end() if text[stop.start()] in "\u202c\u2069" else stop.start()
        runs.append((pos, end))
        pos = text.find(_OVERRIDE, end)
    return runs


def _overridden_into(builder: TextBuilder, text: str, start: int, end: int) -> None:
    """A stretch under a right-to-left override, read both ways: as shown (reversed, what a reader
    sees) and as written (what is copied, indexed and scraped), each mapping to the whole stretch."""
    inner = TextBuilder()
    _normalise_into(inner, text, start, end)
    written = inner.build()[0]
    shown = written[::-1]
    if not written.strip():
        return
    builder.replace(shown if shown == written else f"{shown} {written}", start, end, whole=True)


def _normalise_into(builder: TextBuilder, text: str, start: int, end: int) -> None:
    """Normalise `text[start:end]` into `builder`."""
    done = start
    for suspect in _SUSPECT.finditer(text, start, end):
        s_start, s_end = suspect.span()
        builder.copy(text[done:s_start], done)
        pieces = [(c.start(), c.end(), _normalise_cluster(c.group())) for c in _GRAPHEME.finditer(text, s_start, s_end)]
        joined = "".join(p[2] for p in pieces)
        folded = _fold_lookalikes(joined)
        if folded != joined:
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
        done = s_end
    builder.copy(text[done:end], done)


class _NameFold(dict[int, int]):
    """str.translate table: a character, or the plain letter its accents or look-alike stand for."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        folded = base if base.isascii() and base != char else confusables().get(char, char)
        self[code] = ord(folded) if len(folded) == 1 else code
        return self[code]


_NAME_FOLD = _NameFold()


def fold_for_names(text: str) -> str:
    """`text` with accented letters and look-alikes folded to plain ones (`Nìghtjár` ->
    `Nightjar`), character for character: every offset into it is an offset into `text`."""
    return text if text.isascii() else text.translate(_NAME_FOLD)
