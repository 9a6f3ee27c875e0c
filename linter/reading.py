"""Values as a person reads them: joined where markup or a line break split them, spelled out signs
and digits written back as what they stand for.

`read_values()` runs on the normalised text (`normalize.py`) and returns a copy where

- an address split by emphasis markers, code ticks or a line break is joined
  (`jane.doe**@**gmail.com`, `jane.doe\\n@gmail.com`, `jane.doe @ gmail.com`),
- an address spelled out or defanged is written with its signs (`jane.doe (at) gmail (dot) com`,
  `jane dot doe at gmail dot com` after a word such as "email", `jane arroba gmail punto com`,
  `jane[@]gmail[.]com`),
- seven or more digit words in a row that do not count up or down become the number they spell
  ("two one two five five five ...", "seis uno dos, tres cuatro cinco, ..."),
- a number broken across lines after a separator is joined (`212-555-\\n0147`), or split by
  emphasis markers (`212-**555**-0147`), spaced-out digit groups are closed up to one space
  (`4111  1111`), and digit groups split by slashes, or four groups of four split by dots, read as
  grouped with spaces (`4111/1111/1111/1111`),
- characters spaced out one by one are closed up where they spell an address or seven to fifteen
  digits (a phone number; a longer run needs its label, as `labelled` reads it) that do not count (`j a n e @ g m a i l . c o m`, `2 1 2 5 5 5 0 1 4 7`), a footnote mark
  glued to an address is set apart (`jane.doe@gmail.com<sup>1</sup>` reads `gmail.com1`), and a
  WhatsApp link's number in running text gets its `+` (`wa.me/12125550147`),

with an `OffsetMap` back to its input. Every pattern is linear (possessive quantifiers, bounded
windows); text without any candidate is returned as it is. The words come from every registered
language unit (`symbol_words`, `digit_words`, `mail_words`): a post's language is not known yet.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from .textmap import OffsetMap, TextBuilder

Edit = tuple[int, int, str]  # replace text[start:end] with the string

# What may split an address: emphasis markers or a code tick anywhere, a line break beside the @ or
# in the domain, one or two spaces beside the @ ("jane.doe @ gmail.com").
_DECORATION = r"(?:[*~`]{1,4})"
_BREAK = r"[ \t]*(?:\r\n|\r|\n)[ \t]*"
_GLUE = rf"(?:{_DECORATION}|{_BREAK})"
_AROUND_AT = rf"(?:{_GLUE}|[ \t]{{1,2}})"
_LOCAL_PART = r"[A-Za-z0-9_%+\-]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}+)"
_GLUED_ADDRESS = regex.compile(
    rf"(?<![\w.%+\-]){_LOCAL_PART}{{1,64}}+(?:{_DECORATION}?+\.{_DECORATION}?+{_LOCAL_PART}{{1,64}}+){{0,8}}+"
    rf"{_AROUND_AT}?+@{_AROUND_AT}?+{_LABEL}(?:{_GLUE}?+\.{_GLUE}?+{_LABEL}){{1,8}}+(?![\w\-@])")
_GLUE_PIECE = regex.compile(rf"{_GLUE}|[ \t]+")

# Spaced-out digit groups: two or more spaces, a tab or a line break between digits (one space),
# and a line break after or before a separator inside a number (nothing).
_DIGIT_GAP = regex.compile(r"(?<=\d)(?:[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|\t"
                           r"|[ \t\u00a0]*\r?\n[ \t\u00a0]*)(?=\d)")
_SEPARATOR_BREAK = regex.compile(r"(?<=\d[\-.])[ \t]*(?:\r\n|\r|\n)[ \t]*(?=\d)"
                                 r"|(?<=\d)[ \t]*(?:\r\n|\r|\n)[ \t]*(?=[\-.]\d)")
# Emphasis markers or code ticks inside a number (`212-**555**-0147` in a text file); not a lone
# `*`, which multiplies (`2*3`).
_DIGIT_DECORATION = regex.compile(r"(?<=[\d][\-. ]?)(?:\*\*|~~|`{1,3})(?=[\-. ]?\d)")
# Digit groups split by slashes (more digits than a date has), or four groups of four split by dots.
_SLASHED = regex.compile(r"(?<![\d/.])\d{2,4}(?:/\d{2,4}){2,5}(?![\d/])|(?<![\d/.])\d{4}(?:\.\d{4}){3}(?!\d|\.\d)")
_ANY_DIGIT_JOIN = regex.compile(rf"{_DIGIT_GAP.pattern}|{_SEPARATOR_BREAK.pattern}|\d[/.]\d{{2}}|\d[*~`]|[*~`]\d")

# An address whose top-level domain runs into a footnote mark or superscript (`jane.doe@gmail.com<sup>1</sup>`
# reads `gmail.com1`): the mark set apart.
_MARKED_ADDRESS = regex.compile(
    rf"(?<![\w.%+\-]){_LOCAL_PART}{{1,64}}+(?:\.{_LOCAL_PART}{{1,64}}+){{0,8}}+@(?P<domain>{_LABEL}(?:\.{_LABEL}){{0,8}}"
    rf"\.[A-Za-z]{{2,24}}+)(?P<mark>\d{{1,3}}+)(?![\w\-@]|\.\w)")
# Letters or digits spaced out one by one (`j a n e . d o e @ g m a i l . c o m`, `2 1 2 5 5 5 0 1 4 7`).
_SPACED_OUT = regex.compile(r"(?<!\S)\S(?: \S(?=[\s.,;:!?)]|$)){6,}+(?=[.,;:!?)]*+(?:\s|$))")
# A WhatsApp link's number, written without its `+` (`wa.me/12125550147`), in running text.
_WHATSAPP_NUMBER = regex.compile(r"(?<![\w.])(?:https?://)?(?:www\.)?(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?"
                                 r"(?:[^#\s]*&)?phone=)(?P<number>\d[\d\-.]{5,20}\d)(?!\d)", regex.IGNORECASE)
MIN_DIGIT_WORDS = 7  # the shortest phone numbers
_ESCAPED_DOT = r"|\."  # `[.]` among the spelled dots
MAIL_WORD_REACH = 60  # characters before a bare spelled-out address where a word like "email" counts


@functools.cache
def _words() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Every language's sign words, digit words and mail words (lower case)."""
    from .languages import REGISTRY

    symbols: dict[str, str] = {}
    digits: dict[str, str] = {}
    mail: set[str] = set()
    for unit in REGISTRY.values():
        symbols.update({w.lower(): s for w, s in unit.symbol_words.items()})
        digits.update({w.lower(): d for w, d in unit.digit_words.items()})
        mail.update(w.lower() for w in unit.mail_words)
    return symbols, digits, frozenset(mail)


def _alternation(words: object) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"  # type: ignore[arg-type]


@functools.cache
def _spelled_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str] | None, regex.Pattern[str]]:
    symbols, digits, mail = _words()
    at = _alternation(w for w, s in symbols.items() if s == "@")
    dot = _alternation(w for w, s in symbols.items() if s == ".")
    bracketed = lambda words: rf"[ \t]*[(\[{{<][ \t]*(?:{words})[ \t]*[)\]}}>][ \t]*"  # noqa: E731
    at_sign = rf"(?:{bracketed(at + '|@')}|[ \t]+(?:{at})[ \t]+|@)"  # `[@]`, `(@)`: defanged, as analysts write
    dot_sign = rf"(?:{bracketed(dot + _ESCAPED_DOT)}|[ \t]+(?:{dot})[ \t]+|\.)"
    word = r"[A-Za-z0-9_%+\-]{1,64}+"
    spelled = regex.compile(
        rf"(?<![\w.@])(?P<local>{word}(?:{dot_sign}{word}){{0,8}}+)(?P<at>{at_sign})"
        rf"(?P<domain>{word}(?:{dot_sign}{word}){{1,8}}+)(?![\w@])", regex.IGNORECASE)
    digit_word = rf"(?:{_alternation(digits)})" if digits else None
    run = (regex.compile(rf"(?<![\w]){digit_word}(?:(?:[ \t]*[,\-][ \t]*|[ \t]+){digit_word}){{{MIN_DIGIT_WORDS - 1},}}"
                         rf"(?![\w])", regex.IGNORECASE) if digit_word else None)
    mail_before = regex.compile(rf"(?<![\w])(?:{_alternation(mail)})(?![\w])", regex.IGNORECASE)
    return spelled, run, mail_before


def read_values(text: str) -> tuple[str, OffsetMap] | None:
    """`text` with split or spelled-out values read whole, and its map back; None when nothing
    changes (the usual case: one or two scans)."""
    edits = sorted(_edits(text))
    if not edits:
        return None
    builder = TextBuilder()
    done = 0
    for start, end, replacement in edits:
        if start < done:
            continue  # overlapping readings: the first one wins
        builder.copy(text[done:start], done)
        builder.replace(replacement, start, end)
        done = end
    builder.copy(text[done:], done)
    return builder.build()


def _edits(text: str) -> Iterator[Edit]:
    if "@" in text:
        yield from _glued_addresses(text)
        yield from _marked_addresses(text)
    if "me/" in text or "phone=" in text:
        yield from ((m.start("number"), m.start("number") + 1, "+" + m.group("number")[0])
                    for m in _WHATSAPP_NUMBER.finditer(text))
    yield from _spaced_out(text)
    if any(ch.isdigit() for ch in text) and _ANY_DIGIT_JOIN.search(text):
        yield from _digit_joins(text)
    yield from _spelled_addresses(text)
    yield from _digit_words(text)


def _glued_addresses(text: str) -> Iterator[Edit]:
    """`jane.doe**@**gmail.com`, `jane.doe\\n@gmail.com`: the glue inside an address dropped."""
    for match in _GLUED_ADDRESS.finditer(text):
        pieces = list(_GLUE_PIECE.finditer(text, *match.span()))
        if not pieces or not _a_domain(regex.sub(_GLUE_PIECE, "", match.group()).rpartition("@")[2]):
            continue
        for piece in pieces:
            yield piece.start(), piece.end(), ""


def _marked_addresses(text: str) -> Iterator[Edit]:
    """`jane.doe@gmail.com1` (a footnote mark after the address): the mark set apart by a space."""
    for match in _MARKED_ADDRESS.finditer(text):
        if _a_domain(match.group("domain")):
            yield match.start("mark"), match.end("mark"), " " + match.group("mark")


def _spaced_out(text: str) -> Iterator[Edit]:
    """Characters spaced out one by one, closed up where they spell an address, or seven or more
    digits that do not count up or down (`1 2 3 4 5 6 7` is counting)."""
    for match in _SPACED_OUT.finditer(text):
        value = match.group().replace(" ", "")
        if len(value) > 254:
            continue  # longer than any address or number
        if "@" in value:
            address = _GLUED_ADDRESS.fullmatch(value.rstrip(".,;:!?"))
            if address is None or not _a_domain(address.group().rpartition("@")[2]):
                continue
        elif value.isdigit() and len(value) <= 15:  # a phone number's length; a longer run needs its label
            steps = {int(b) - int(a) for a, b in zip(value, value[1:])}
            if steps <= {1} or steps <= {-1}:
                continue
        else:
            continue
        start = match.start()
        for i in range(1, len(match.group()), 2):
            yield start + i, start + i + 1, ""


def _digit_joins(text: str) -> Iterator[Edit]:
    for gap in _DIGIT_GAP.finditer(text):
        yield gap.start(), gap.end(), " "
    for gap in _SEPARATOR_BREAK.finditer(text):
        yield gap.start(), gap.end(), ""
    for mark in _DIGIT_DECORATION.finditer(text):
        yield mark.start(), mark.end(), ""
    for group in _SLASHED.finditer(text):
        value = group.group()
        if "/" in value and sum(ch.isdigit() for ch in value) <= 8:
            continue  # a date (2024/05/12) or a fraction
        for i, ch in enumerate(value):
            if ch in "/.":
                yield group.start() + i, group.start() + i + 1, " "


def _spelled_addresses(text: str) -> Iterator[Edit]:
    """`jane (at) gmail (dot) com`, `jane dot doe at gmail dot com`: each sign word becomes its
    sign. A bracketed word is never prose; bare words count only at a mail domain or after a word
    such as "email", and only where the domain has a real top-level domain."""
    symbols, _, _ = _words()
    spelled, _, mail_before = _spelled_patterns()
    pos = 0
    while True:
        match = spelled.search(text, pos)
        if match is None:
            return
        signs = [m for m in _SIGN.finditer(text, *match.span()) if m.group().strip() not in ("@", ".")]
        words = [m for m in signs if _word_of(m.group()) in symbols or _word_of(m.group()) in ("@", ".")]
        domain = _join_signs(match.group("domain"), symbols)
        bracketed = any(m.group().strip()[:1] in "([{<" for m in words)
        evidence = bracketed or _is_mail_domain(domain) or bool(
            mail_before.search(text, max(0, match.start() - MAIL_WORD_REACH), match.start()))
        if words and evidence and _a_domain(domain):
            for sign in words:
                yield sign.start(), sign.end(), symbols.get(_word_of(sign.group()), _word_of(sign.group()))
            pos = match.end()
        else:
            pos = match.start() + 1


_SIGN = regex.compile(r"[ \t]*[(\[{<][ \t]*(?:[A-Za-z]++|[@.])[ \t]*[)\]}>][ \t]*|[ \t]+[A-Za-z]++[ \t]+|[@.]")


def _word_of(sign: str) -> str:
    """The word a sign is spelled with (`(at)` -> `at`); a bracketed sign itself (`[.]`) as it is."""
    return sign.strip().strip("()[]{}<>").strip().lower()


def _join_signs(value: str, symbols: dict[str, str]) -> str:
    """A domain spelled out (`gmail (dot) com`, `gmail[.]com`) written with its signs (`gmail.com`)."""
    return _SIGN.sub(lambda m: symbols.get(_word_of(m.group()), _word_of(m.group())), value).lower()


def _is_mail_domain(domain: str) -> bool:
    from .vocab import shared_words

    mail = shared_words("free_mail_domains")
    parts = domain.split(".")
    return any(".".join(parts[i:]) in mail for i in range(len(parts) - 1))


@functools.lru_cache(maxsize=1024)
def _a_domain(domain: str) -> bool:
    """Whether `domain` ends in a real public suffix (`gmail.com`, `acme.es`; not `b.shape`)."""
    labels = domain.lower().rstrip(".").split(".")
    if len(labels) < 2 or not labels[-1].isalpha() or not all(labels):
        return False
    from .offline import offline_tldextract

    offline_tldextract()
    import tldextract.tldextract as tld

    return bool(tld.TLD_EXTRACTOR(domain.lower()).suffix)


def _digit_words(text: str) -> Iterator[Edit]:
    """Seven or more digit words in a row, not counting up or down: each word its digit, the spaces
    inside a group dropped, a comma or hyphen between groups one space."""
    _, digits, _ = _words()
    _, run, _ = _spelled_patterns()
    if run is None:
        return
    word = regex.compile(rf"(?<![\w])(?:{_alternation(digits)})(?![\w])", regex.IGNORECASE)
    for match in run.finditer(text):
        words = list(word.finditer(text, *match.span()))
        values = [int(digits[w.group().lower()]) for w in words]
        steps = {b - a for a, b in zip(values, values[1:])}
        if steps <= {1} or steps <= {-1}:
            continue  # counting
        previous = None
        for w in words:
            if previous is not None:
                gap = text[previous.end():w.start()]
                yield previous.end(), w.start(), " " if any(c in gap for c in ",-") else ""
            yield w.start(), w.end(), digits[w.group().lower()]
            previous = w
