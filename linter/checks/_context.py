"""Cheap context tests on the plain text around a hit: is it negated, is a cue word close?

These read characters, not tokens, so a check can ask them for its few candidate hits without
needing any part of the parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from ..config import Company

_WORD = regex.compile(r"[\p{L}\d']+")
_CLAUSE_END = regex.compile(r"[.!?;:\n]|\s[-\u2013\u2014]\s|\bbut\b|\bhowever\b", regex.IGNORECASE)
NEGATORS = frozenset({
    "no", "not", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot",
    "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "aren't",
    "wasn't", "weren't", "shouldn't", "dont", "doesnt", "cant", "wont", "isnt", "arent",
})


def clause_before(text: str, start: int, limit: int = 80) -> str:
    """The text from the start of the clause that holds `start` (at most `limit` characters back)."""
    lo = max(0, start - limit)
    before = text[lo:start]
    ends = list(_CLAUSE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def is_negated(text: str, start: int, words: int = 6) -> bool:
    """True when a negation stands among the last `words` words of the clause before `start`.

    "No system is 100% secure", "we don't guarantee specific savings": the claim is denied, not
    made. A negation inside the hit itself ("can't be hacked") is part of the claim.
    """
    recent = _WORD.findall(clause_before(text, start).lower())[-words:]
    return any(w.replace("\u2019", "'") in NEGATORS or w.endswith("n't") for w in recent)


class Cues:
    """Whole-word cue phrases, looked for within a few characters of a hit (case-insensitive)."""

    def __init__(self, phrases: Sequence[str]) -> None:
        body = "|".join(sorted((regex.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))
        self._rx = regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])", regex.IGNORECASE) if phrases else None

    def __bool__(self) -> bool:
        return self._rx is not None

    def near(self, text: str, start: int, end: int, before: int, after: int) -> str | None:
        """The first cue within `before` characters before the hit or `after` characters after it."""
        if self._rx is None:
            return None
        m = self._rx.search(text, max(0, start - before), start) or self._rx.search(text, end, min(len(text), end + after))
        return m.group() if m else None

    def around(self, text: str, start: int, end: int, before: int, after: int) -> str | None:
        """The first cue in the stretch from `before` characters before the hit to `after` past it,
        the hit included ("Falcon 9" around "Falcon")."""
        if self._rx is None:
            return None
        m = self._rx.search(text, max(0, start - before), min(len(text), end + after))
        return m.group() if m else None


def is_quoted(text: str, start: int, sentence_start: int) -> bool:
    """`start` stands inside double quotes opened in its sentence ("she wrote: "my card is ..."")."""
    before = text[sentence_start:start]
    return sum(before.count(q) for q in '"“”«»') % 2 == 1


def public_digits(company: Company) -> frozenset[str]:
    """The digits of the numbers the company publishes (`company.public_numbers`)."""
    digits = ("".join(ch for ch in number if ch.isdigit()) for number in company.public_numbers)
    return frozenset(d for d in digits if len(d) >= 5)


def is_public_number(value: str, public: frozenset[str]) -> bool:
    """One of the company's published numbers, however it is written: the same digits, or the same
    national digits behind a country code (+1 800 555 0100 and 800-555-0100)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return len(digits) >= 5 and any(digits.endswith(p) or p.endswith(digits) for p in public)
