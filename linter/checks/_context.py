"""Cheap context tests on the plain text around a hit: is it negated, is a cue word close?

These read characters, not tokens, so a check can ask them for its few candidate hits without
needing any part of the parse.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from ..languages import declare

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..config import Company
    from ..document import Document
    from ..languages import Language

NEGATORS = declare(
    "negators",
    'Words that deny what follows in their clause: a rule with `skip_negated` leaves a match '
    'alone when one stands among the six words before it ("no system is 100% secure").',
    frozenset())
NEGATING_SUFFIX = declare(
    "negating_suffix",
    "A word ending that negates too (English \"n't\"), or \"\" for none.",
    "")
CLAUSE_WORDS = declare(
    "clause_words",
    'Words that start a new clause, so a negation before them does not reach past them ("we never '
    'slowed down, but this is guaranteed").',
    ())
CONJUNCTIONS = declare(
    "conjunctions",
    'Words that join the items of a list (and, or; y, o): "born 01/02/1980 and 03/04/1985" states '
    'two values.',
    frozenset())
COPULAS = declare(
    "copulas",
    "Lemmas of the verbs that say what a subject is (be; ser, estar).",
    frozenset())
MODIFIERS_FOLLOW = declare(
    "modifiers_follow",
    'Whether a noun takes its noun modifiers after it, through one of `of_words` ("gestión de '
    'quejas": a kind of management), rather than before it ("complaint intake").',
    False)
OF_WORDS = declare(
    "of_words",
    'Prepositions that say what a noun is of ("reorganisation of the sales team", "gestión de '
    'quejas", "3 millones de euros", "los robots de Initrode").',
    frozenset())

_WORD = regex.compile(r"[\p{L}\d']+")


def alternatives(words: Iterable[str], *, loose_spaces: bool = False) -> str:
    """`words` as the body of a regular-expression alternation: escaped, longest first (so none
    stops at a shorter one's end), `(?!)` when there are none; with `loose_spaces`, a space in a
    phrase matches any run of whitespace."""
    escaped = (regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return "|".join(e.replace(r"\ ", r"\s+") if loose_spaces else e for e in escaped) or "(?!)"


@functools.cache
def _clause_end(language: Language) -> regex.Pattern[str]:
    """Punctuation, a spaced dash, one of the language's clause words ("but", "however"), or a line
    break, unless the line goes on in lower case: a paragraph wrapped in the source ("does not\n
    guarantee success") is one clause."""
    words = "".join(rf"|\b{regex.escape(w)}\b" for w in CLAUSE_WORDS.of(language))
    return regex.compile(rf"[.!?;:]|\n(?![^\S\n]*(?-i:\p{{Ll}}))|\s[-\u2013\u2014]\s{words}", regex.IGNORECASE)


def clause_before(text: str, start: int, language: Language, limit: int = 80) -> str:
    """The text from the start of the clause that holds `start` (at most `limit` characters back)."""
    lo = max(0, start - limit)
    before = text[lo:start]
    # the character at `start` is read too: a line break goes on the clause when the line after it does
    ends = [m for m in _clause_end(language).finditer(text[lo:start + 1]) if m.end() <= len(before)]
    return before[ends[-1].end():] if ends else before


def is_negated(text: str, start: int, language: Language, words: int = 6) -> bool:
    """True when a negation of `language` stands among the last `words` words of the clause before
    `start`.

    "No system is 100% secure", "we don't guarantee specific savings": the claim is denied, not
    made. A negation inside the hit itself ("can't be hacked") is part of the claim.
    """
    recent = _WORD.findall(clause_before(text, start, language).lower())[-words:]
    suffix = NEGATING_SUFFIX.of(language)
    return any(w.replace("\u2019", "'") in NEGATORS.of(language) or (suffix and w.endswith(suffix)) for w in recent)


class Cues:
    """Whole-word cue phrases, looked for within a few characters of a hit (case-insensitive)."""

    def __init__(self, phrases: Sequence[str]) -> None:
        body = "|".join(sorted((regex.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))
        self._rx = regex.compile(rf"(?<![\p{{L}}\d])(?:{body})(?![\p{{L}}\d])", regex.IGNORECASE) if phrases else None

    def __bool__(self) -> bool:
        return self._rx is not None

    def near(self, text: str, start: int, end: int, before: int, after: int,
             bounds: tuple[int, int] | None = None) -> str | None:
        """The first cue within `before` characters before the hit or `after` characters after it,
        never outside `bounds` (the hit's block, see `Document.block`)."""
        m = self.match_near(text, start, end, before, after, bounds)
        return m.group() if m else None

    def match_near(self, text: str, start: int, end: int, before: int, after: int,
                   bounds: tuple[int, int] | None = None) -> regex.Match[str] | None:
        """`near`, as the match (with its position)."""
        if self._rx is None:
            return None
        lo, hi = bounds or (0, len(text))
        return self._rx.search(text, max(lo, start - before), start) or \
            self._rx.search(text, end, min(hi, end + after))

    def around(self, text: str, start: int, end: int, before: int, after: int,
               bounds: tuple[int, int] | None = None) -> str | None:
        """The first cue in the stretch from `before` characters before the hit to `after` past it,
        the hit included ("Falcon 9" around "Falcon"), never outside `bounds`."""
        if self._rx is None:
            return None
        lo, hi = bounds or (0, len(text))
        m = self._rx.search(text, max(lo, start - before), min(hi, end + after))
        return m.group() if m else None

    def within(self, text: str, lo: int, hi: int) -> Iterator[regex.Match[str]]:
        """Every cue in `text[lo:hi]`."""
        if self._rx is not None:
            yield from self._rx.finditer(text, lo, hi)


_SENTENCE_END = regex.compile(r"[.!?\u2026]+['\")\]]*(?=\s|$)|\n[^\S\n]*\n")


def sentence_around(text: str, start: int, end: int, reach: int,
                    bounds: tuple[int, int] | None = None) -> tuple[int, int]:
    """The sentence that holds `text[start:end]`, at most `reach` characters either side of it (and
    never outside `bounds`, its block): cut at sentence ends and blank lines, from characters alone."""
    lo, hi = bounds or (0, len(text))
    lo, hi = max(lo, start - reach), min(hi, end + reach)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    after = _SENTENCE_END.search(text, end, hi)
    return lo, after.start() if after else hi


def is_quoted(text: str, start: int, sentence_start: int) -> bool:
    """`start` stands inside double quotes opened in its sentence ("she wrote: "my card is ..."")."""
    before = text[sentence_start:start]
    return sum(before.count(q) for q in '"“”«»') % 2 == 1


PUBLIC_DIGITS = 5  # fewer digits than this tell no number apart: never a public number


def public_digits(company: Company) -> frozenset[str]:
    """The digits of the numbers the company publishes (`company.public_numbers`)."""
    digits = ("".join(ch for ch in number if ch.isdigit()) for number in company.public_numbers)
    return frozenset(d for d in digits if len(d) >= PUBLIC_DIGITS)


def could_be_public(value: str) -> bool:
    """Whether `value` has digits enough to be told apart as one of `company.public_numbers`."""
    return sum(ch.isdigit() for ch in value) >= PUBLIC_DIGITS


def is_public_number(value: str, public: frozenset[str]) -> bool:
    """One of the company's published numbers, however it is written: the same digits, or the same
    national digits behind a country code (+1 800 555 0100 and 800-555-0100)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return len(digits) >= PUBLIC_DIGITS and any(digits.endswith(p) or p.endswith(digits) for p in public)


def block_tokens(document: Document, token: int) -> tuple[int, int]:
    """The token range `[lo, hi)` of the block (paragraph, list item, cell...) holding `token`."""
    doc = document.doc
    start, end = document.block(doc[token].idx)
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or not span.start <= token < span.end:
        return token, token + 1
    return span.start, span.end


def arcs_between(a: Token, b: Token) -> int:
    """How many dependency arcs join two tokens of one parse (99: not joined)."""
    up = {}
    for steps, t in enumerate([a, *a.ancestors]):
        up[t.i] = steps
    for steps, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return steps + up[t.i]
    return 99
