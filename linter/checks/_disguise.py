"""Seeing through deliberate disguises: masked, leet, spaced and stretched spellings.

Invisible characters and look-alike letters are already gone (`normalize.py`); what is left are
spellings people type on purpose: `f*ck`, `sh1t`, `a$$`, `f u c k`, `s.h.i.t`, `fuuuck`, and for
codenames `N i g h t j a r`, `N-i-g-h-t-j-a-r`, `#ProjectNightjar`, `Project-Nightjar`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import regex

from ..normalize import fold_for_names

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                      "9": "g", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
MASKS = "*#"
_MASKED = r"[\p{L}\d*#@$!|+]"
LONGEST = 40  # characters: a longer run is no disguised word (and bounds the scan on hostile text)
# A word mixing letters with digits or symbols, letters spaced out, or a letter held 3+ times.
_CANDIDATE = regex.compile(
    rf"(?<![\p{{L}}\d*#@$!|+])(?={_MASKED}{{0,{LONGEST}}}\p{{L}})(?={_MASKED}{{0,{LONGEST}}}[\d*#@$!|+])"
    rf"{_MASKED}{{3,{LONGEST}}}(?!{_MASKED})"
    rf"|(?<![\p{{L}}\d])(?:\p{{L}}(?P<sep>[ .\-_*])){{2,{LONGEST}}}\p{{L}}(?![\p{{L}}\d])"
    rf"|(?<![\p{{L}}\d])\p{{L}}{{0,{LONGEST}}}(\p{{L}})\2{{2,{LONGEST}}}\p{{L}}{{0,{LONGEST}}}(?![\p{{L}}\d])",
    regex.VERSION1,
)
_REPEATS = regex.compile(r"(.)\1+")


@functools.lru_cache(maxsize=2)
def _candidates(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    """Every candidate spelling in `text`: scanned once per post, shared by every rule."""
    return tuple((m.start(), m.end(), m.group(), m.group("sep") is not None) for m in _CANDIDATE.finditer(text))


def _collapse(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


class Deobfuscator:
    """Finds disguised spellings of single-word `terms` in text."""

    def __init__(self, terms: Iterable[str]) -> None:
        words = {t.lower() for t in terms if t.isalpha()}
        self._exact = words
        self._collapsed = {_collapse(w): w for w in words}
        self._by_length: dict[int, list[str]] = {}
        for w in words:
            self._by_length.setdefault(len(w), []).append(w)

    def _resolve(self, raw: str, spaced: bool) -> str | None:
        letters = raw.lower()[::2] if spaced else raw.lower()
        letters = letters if letters.isalpha() else letters.translate(LEET)
        real = sum(ch.isalpha() for ch in raw)
        digits = sum(ch.isdigit() for ch in raw)
        if digits and digits >= real:
            return None  # a55, 1337: a number with letters, not a disguised word
        if not any(m in letters for m in MASKS):
            return letters if letters in self._exact else self._collapsed.get(_collapse(letters))
        if not letters[0].isalpha() or sum(ch.isalpha() for ch in letters) < 2:
            return None
        shape = regex.compile("".join("[a-z]" if ch in MASKS else regex.escape(ch) for ch in letters))
        for word in self._by_length.get(len(letters), ()):
            if shape.fullmatch(word):
                return word
        return None

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) for each disguised spelling; plain spellings are left to the caller."""
        for start, end, raw, spaced in _candidates(text):
            word = self._resolve(raw, spaced)
            if word is None and not spaced:
                stripped = raw.rstrip("!|+")  # "sh1t!": the trailing ! is punctuation
                if stripped != raw and len(stripped) >= 3:
                    word = self._resolve(stripped, False)
                    end = start + len(stripped)
            if word is not None and raw.lower() != word:
                yield start, end, word


# Digits and symbols written for letters in a name (N1ghtj4r, #Marig0ld, Gl0b3x).
NAME_LEET = {"a": "4@", "b": "8", "e": "3", "g": "96", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7+",
             "z": "2"}
# Between two letters of a name: up to three characters that are neither letters nor digits
# (N i g h t, N/i/g, N•i•g, Night-⏎jar), never a blank line; between its words, up to five.
_SEPARATOR = r"(?:(?!\n[^\S\n]*\n)[^\p{L}\p{N}])"
_INSIDE = rf"{_SEPARATOR}{{0,3}}"
_BETWEEN = rf"{_SEPARATOR}{{0,5}}"
_PLURAL = regex.compile(r"(?:e?s|['\u2019]s)(?![\p{L}\p{N}])", regex.IGNORECASE)


def _letter(ch: str) -> str:
    leet = NAME_LEET.get(ch.lower(), "")
    return f"[{regex.escape(ch)}{regex.escape(leet)}]" if leet else regex.escape(ch)


def name_pattern(name: str) -> str:
    """A regex for a name in its disguises: any case, letters spaced or split by symbols or a line
    break, digits for letters, joined or split words. Where it may start and end is `bounded`."""
    words = regex.findall(r"[\p{L}\p{N}]+", name)
    return _BETWEEN.join(_INSIDE.join(_letter(ch) for ch in word) for word in words)


def bounded(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands as a name of its own: not inside a longer word, except at a
    camel-case hump (#LaunchNightjar, NightjarLaunch, NightjarV2), before digits (Nightjar2026) or
    a plural (the Nightjars team, Nightjar's)."""
    if start > 0 and text[start - 1].isalnum():
        if not (text[start - 1].isdigit() or (text[start - 1].islower() and text[start].isupper())):
            return False
    if end < len(text) and text[end].isalnum():
        camel = text[end].isupper() and text[end - 1].islower()
        return text[end].isdigit() or camel or _PLURAL.match(text, end) is not None
    return True


def name_key(text: str) -> str:
    """What is left of a name once disguises are removed: its letters and digits, lower case."""
    return "".join(regex.findall(r"[\p{L}\p{N}]+", text)).lower()


class NameFinder:
    """Finds any of a set of names in their disguises; reports which name each match is.

    Matching reads `fold_for_names(text)` (accents and look-alikes folded, same offsets), so
    `Nìghtjár` is `Nightjar`; digits and symbols may stand for letters, but at least half of a
    name's letters must be letters (`10n` is not `Ion`).
    """

    def __init__(self, names: dict[str, object]) -> None:
        # longest first, so "Project Nightjar" wins over its alias "Nightjar"
        ordered = [n for n in sorted(names, key=lambda n: -len(name_key(n))) if name_key(n)]
        self._owners = [names[n] for n in ordered]
        self._letters = [sum(ch.isalpha() for ch in name_key(n)) for n in ordered]
        patterns = [f"(?P<n{i}>{name_pattern(n)})" for i, n in enumerate(ordered)]
        self._rx = regex.compile("|".join(patterns), regex.IGNORECASE | regex.VERSION1) if patterns else None

    def find(self, text: str) -> Iterator[tuple[int, int, object]]:
        if self._rx is None:
            return
        folded = fold_for_names(text)
        for m in self._rx.finditer(folded):
            index = int(m.lastgroup[1:])  # type: ignore[index]
            letters = sum(ch.isalpha() for ch in m.group())
            if letters * 2 >= self._letters[index] and bounded(folded, m.start(), m.end()):
                yield m.start(), m.end(), self._owners[index]
