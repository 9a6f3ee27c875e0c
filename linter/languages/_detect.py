"""Which language a post is written in: what its markup declares, else its most frequent words.

A small, deterministic detector over the language units' own stop words (`Language.stop_words`,
`Language.marks`), so adding a language needs nothing here. Measured in benchmarks/quality.py
(section "language"): it tells the three English blogs, English tweets and the Spanish corpus
apart. It reads words, never a model, so it costs microseconds and imports nothing heavy.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import regex

from .unit import Language

_WORD = regex.compile(r"[\p{L}']+")
# Addresses, links and domains are no words of any language ("cuvox.de", "www.early.se/").
_ADDRESSES = regex.compile(r"\S*[@/]\S*|[\w-]+(?:\.[\w-]+)+")
# Where a sentence starts: the text's start, a line break, ¿ ¡ : or a stop that ends no initial ("M.").
_SENTENCE_START = regex.compile(r"(?:^|(?<!\b\p{Lu})[.!?]|[¿¡:\n])[\s\"'(«“*_#>-]*$")
SCAN_CHARS = 20_000  # a post's language shows in its first pages; longer texts are not read further
# Another language than the fallback needs this many words of its own, and twice the fallback's.
MIN_EVIDENCE = 2
MARGIN = 2.0
# A post of at most this many words with no word of the fallback's needs only one word of its own
# ("Cállate, perra": a tweet rarely holds two stop words).
SHORT_POST = 8

# What front matter and `<html lang>` may say, besides the codes themselves.
_NAMES = {"english": "en", "inglés": "en", "ingles": "en", "spanish": "es", "español": "es",
          "espanol": "es", "castellano": "es"}


def declared_language(value: str | None, registry: Mapping[str, Language]) -> str | None:
    """The registered language a declaration names ("es", "es-MX", "es_AR", "Español"), or None."""
    if not value:
        return None
    word = value.strip().lower()
    code = _NAMES.get(word) or regex.split(r"[-_]", word, maxsplit=1)[0]
    return code if code in registry else None


@functools.cache
def _owners(registry_key: tuple[Language, ...]) -> dict[str, int]:
    """Stop word -> index of the one language that has it (words of several languages count for none)."""
    owners: dict[str, int] = {}
    shared: set[str] = set()
    for i, unit in enumerate(registry_key):
        for word in unit.stop_words:
            if word in owners and owners[word] != i:
                shared.add(word)
            owners[word] = i
    return {w: i for w, i in owners.items() if w not in shared}


def language_scores(text: str, units: tuple[Language, ...]) -> list[float]:
    """For each unit, how many words of `text` only that language writes (its stop words, and
    words in lower case that hold one of its marks)."""
    owners = _owners(units)
    scores = [0.0] * len(units)
    marks = [(i, set(u.marks)) for i, u in enumerate(units) if u.marks]
    scanned = _ADDRESSES.sub(lambda m: " " * len(m.group()), text[:SCAN_CHARS])
    for m in _WORD.finditer(scanned):
        word = m.group()
        lower = word.lower()
        owner = owners.get(lower)
        if owner is not None:
            scores[owner] += 1
            continue
        if word[:1].isupper() and not word.isupper() and not _SENTENCE_START.search(scanned, 0, m.start()):
            continue  # a name inside a sentence keeps the accents of its own language ("Szász", "Kónya");
            # a word in capitals is shouted, not a name ("CÁLLATE")
        for i, chars in marks:
            if not chars.isdisjoint(lower):
                scores[i] += 1
                break
    return scores


def detect_language(text: str, registry: Mapping[str, Language], fallback: str) -> str:
    """The language `text` is most likely written in; `fallback` unless another clearly wins."""
    return read_language(text, registry, fallback)[0]


def read_language(text: str, registry: Mapping[str, Language], fallback: str) -> tuple[str, bool]:
    """The language `text` is most likely written in, and whether nothing told it (no word that only
    one language writes).

    Another language than `fallback` wins with at least `MIN_EVIDENCE` words of its own and
    `MARGIN` times as many as the fallback's: a short English post naming "José" stays English, and
    a post with no words to go by is read in the fallback language. A post of a few words
    (`SHORT_POST`) with no word of the fallback's needs one word of its own.
    """
    units = tuple(registry.values())
    scores = language_scores(text, units)
    codes = [u.code for u in units]
    base = scores[codes.index(fallback)] if fallback in codes else 0.0
    best = max(range(len(units)), key=lambda i: scores[i])
    short = not base and len(_WORD.findall(_ADDRESSES.sub(" ", text[:2_000]))) <= SHORT_POST
    need = 1 if short else MIN_EVIDENCE
    if codes[best] != fallback and scores[best] >= need and scores[best] >= MARGIN * base:
        return codes[best], False
    return fallback, not any(scores)
