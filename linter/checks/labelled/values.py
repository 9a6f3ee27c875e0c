"""The value after a label, and what is not a value though it stands where one would.

A value follows its label in the same sentence through linking words ("is", ":", "number", "es"),
once past a short qualifier ("the PIN for locker 12 is 7403"), maybe spelled out with blanks
("0 7 8 - 0 5 ...") or listed ("01/02/1980 and 03/04/1985"). What is not a value: placeholders
and masks (`XXX-XX-XXXX`, `<password>`, `${TOKEN}`), dummies ("the test card", "0000 for demo"),
samples quoted in a paragraph of examples, and ranges ("$120,000-$150,000"). The words these read
come from the post's language unit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from ...languages import declare
from .._context import CONJUNCTIONS, alternatives, clause_before, is_quoted
from .._evidence import DUMMY_WORDS
from .fields import LabelledField

if TYPE_CHECKING:
    from ...languages import Language as LanguageUnit

VALUE_LINKS = declare(
    "value_links",
    'Words and signs that may stand between a label and the value it names: copulas, "number", '
    '":", "#" ("my SSN is 078-05-1120", "su DNI es el 48215731A").',
    frozenset())
VALUE_COPULAS = declare(
    "value_copulas",
    'The links that state a value, and close a qualifier ("the PIN for locker 12 *is* 7403").',
    frozenset())
QUALIFIERS = declare(
    "qualifiers",
    "Words that open a short phrase between a label and its copula (for, of, de, para, que).",
    frozenset())
ID_WORDS = declare(
    "id_words",
    "Words that name a value after a comma (\"driver's licence, *number* K5512-...\").",
    frozenset())
DUMMY_PREPS = declare(
    "dummy_preps",
    'Prepositions that put a dummy word after a value ("for demo", "de prueba").',
    frozenset())
RANGE_WORDS = declare(
    "range_words",
    "Words that make two numbers a range (to; a, hasta): \"$120,000 to $150,000\" is no one's pay.",
    frozenset())
PLACEHOLDER_WORDS = declare(
    "placeholder_words",
    'Words written where a value is hidden (redacted, example; oculto, ejemplo): "password: '
    '[redacted]" states no password.',
    frozenset())

_GAP_TOKEN = regex.compile(r"[\t ]*(?:[\p{L}\d]+(?:['’.][\p{L}\d]+)*\.?|['’]s\b|\S)")
WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’.\-]*")
_MASK = frozenset("*•●·◦#xX_…")
_WRAPPED = regex.compile(r"<[^<>]*>|\[[^\[\]]*\]|\{\{?[^{}]*\}?\}|%[A-Za-z_]\w*%|\$\{?[A-Za-z_]\w*\}?")
_CONSTANT = regex.compile(r"[A-Z][A-Z]*(?:_[A-Z]+)+")  # YOUR_PASSWORD, API_KEY
_TEMPLATE = regex.compile(r"\{\{|\}\}|\$\{|\{%|%\}")  # {{ your password }}, ${SECRET}
_EXAMPLE_PARTS = frozenset({"password", "passwd", "secret", "secure", "example", "sample", "your", "my", "here",
                            "changeme", "placeholder", "dummy", "test", "foo", "bar", "key", "token", "value"})
_PLACEHOLDER_TOKENS = frozenset({"changeme", "none", "null", "nil", "n/a", "tbd", "todo", "xxx", "yourpassword",
                                 "your-password"})  # stand-ins written as code, in any language
_MIXED = regex.compile(r"\p{L}.*\d|\d.*\p{L}")


@functools.cache
def _list_separator(g: LanguageUnit) -> regex.Pattern[str]:
    """What parts the values of a list: ", ", "; ", "&", "/", and `g`'s conjunctions ("and", "y")."""
    words = alternatives(CONJUNCTIONS.of(g))
    return regex.compile(rf"\s*(?:,\s*(?:{words})\b|,|;|&|/|\b(?:{words})\b)\s*", regex.IGNORECASE)


@functools.cache
def range_after(g: LanguageUnit) -> regex.Pattern[str]:
    """A range after a value: a dash or one of `g`'s range words ("to", "hasta") before a number."""
    return regex.compile(rf"\s*(?:[\-–—]|{alternatives(RANGE_WORDS.of(g))})\s*[$€£]?\d", regex.IGNORECASE)


_SPELLED_REACH = 160  # characters a value spelled out with blanks may span (an IBAN, letter by letter, is ~70)


def value_after(text: str, pos: int, limit: int, field: LabelledField, g: LanguageUnit, window: int,
                timeout: float) -> tuple[int, int] | None:
    """The value of `field` that follows a label ending at `pos`, through linking words only.

    Between them may stand linking words ("is", ":", "number"), and once a short qualifier
    ("for locker 12", "de Lucía") that a copula must then close: "the PIN for locker 12 is 7403".
    """
    assert field.value is not None
    qualified = qualifier_words = 0
    numbered = False  # a number in the qualifier ("on November 7"): only a copula may close it
    linked = not field.linked  # a field that must be linked waits for a copula or separator
    links, copulas, qualifiers = VALUE_LINKS.of(g), VALUE_COPULAS.of(g), QUALIFIERS.of(g)
    for _ in range(window + 7):
        while pos < limit and text[pos] in " \t":
            pos += 1
        token = _GAP_TOKEN.match(text, pos, limit)
        word = token.group().strip().lower() if token else ""
        punctuation_link = word in links and not word[:1].isalnum()
        if qualified != 1 and not punctuation_link:
            m = field.value.match(text, pos, limit, timeout=timeout)
            spelled = None
            if linked and pos + 1 < limit and text[pos + 1] == " " and not text[pos].isspace():
                spelled = _spelled_value(text, pos, limit, field, timeout)  # "is 0 7 8 -0 5 -1 1 2 0"
            if m is not None and m.end(field.group) > m.start(field.group) and (
                    linked or _MIXED.search(m.group(field.group))):
                if spelled is not None and spelled[1] > m.end(field.group):
                    return spelled  # "$ 8 5 , 0 0 0" is more than "$ 8"
                return m.span(field.group)
            if spelled is not None:
                return spelled
        if token is None:
            return None
        pos = token.end()
        if qualified == 1:  # inside "for locker 12": words until a copula, or a comma after two
            if word in copulas or (word == "," and qualifier_words >= 2 and not numbered):
                qualified, linked = 2, True
            elif word[:1].isalnum() and qualifier_words < 6:
                qualifier_words += 1
                numbered = numbered or any(ch.isdigit() for ch in word)
            else:
                return None
        elif (word in links or word in field.link) and not (
                word in qualifiers and not qualified and not _value_next(text, pos, limit, field, timeout)):
            linked = linked or word in copulas or word in field.link
            continue  # a link, unless it opens a qualifier: "el sueldo *de Dana* es de 42.000 €"
        elif word == "," and (following := _GAP_TOKEN.match(text, pos, limit)) is not None \
                and following.group().strip().lower() in ID_WORDS.of(g):
            continue  # "driver's licence, number K5512-..."
        elif word in qualifiers and not qualified:
            qualified = 1
        else:
            return None
    return None


def _spelled_value(text: str, pos: int, limit: int, field: LabelledField, timeout: float) -> tuple[int, int] | None:
    """A value spelled out with blanks between its characters, where the value at `pos` starts."""
    assert field.value is not None
    joined, offsets = _spelled(text, pos, min(limit, pos + _SPELLED_REACH))
    m = field.value.match(joined, 0, timeout=timeout)
    if m is None or m.end(field.group) <= m.start(field.group):
        return None
    start, end = offsets[m.start(field.group)], offsets[m.end(field.group) - 1] + 1
    if end - start == m.end(field.group) - m.start(field.group):
        return None  # nothing was spelled out: the plain match already said no
    return start, end


def _value_next(text: str, pos: int, limit: int, field: LabelledField, timeout: float) -> bool:
    """A value of `field` starts at `pos`, after blanks."""
    assert field.value is not None
    while pos < limit and text[pos] in " \t":
        pos += 1
    return field.value.match(text, pos, limit, timeout=timeout) is not None


def more_values(text: str, pos: int, limit: int, field: LabelledField, g: LanguageUnit,
                timeout: float) -> Iterator[tuple[int, int]]:
    """The values listed after the first one: "X, Y and Z" (at most four more)."""
    assert field.value is not None
    for _ in range(4):
        sep = _list_separator(g).match(text, pos, limit)
        m = field.value.match(text, sep.end(), limit, timeout=timeout) if sep else None
        if m is None or m.end(field.group) <= m.start(field.group):
            return
        yield m.span(field.group)
        pos = m.end(field.group)


def _spelled(text: str, pos: int, limit: int) -> tuple[str, list[int]]:
    """The text from `pos` with the blanks of a value spelled out character by character removed
    ("0 7 8 -0 5 -1 1 2 0" -> "078-05-1120"), and each kept character's offset in `text`.

    A blank goes when a single character stands on one side and, on the other, another single
    character, digits or signs, or two characters with a digit in them; never before a word of two
    letters or more ("0 pr yr" keeps its blank)."""
    words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", text[pos:limit])]
    kept: list[int] = []
    for n, (start, end) in enumerate(words):
        if n:
            before = text[pos + words[n - 1][0]:pos + words[n - 1][1]]
            word = text[pos + start:pos + end].rstrip(",;:!?")  # "7," is a single character before its comma
            if not (_joins(before, word) or _joins(word, before)):
                kept.append(pos + start - 1)  # the blank before this word stays (as one space)
        kept.extend(range(pos + start, pos + end))
    return "".join(" " if text[k].isspace() else text[k] for k in kept), kept


def _joins(single: str, other: str) -> bool:
    if len(single) != 1:
        return False
    if len(other) == 1 or not any(ch.isalpha() for ch in other):
        return True
    return len(other) == 2 and any(ch.isdigit() for ch in other)


def is_placeholder(value: str, g: LanguageUnit) -> bool:
    """A documentation value, mask or dummy, never a real one: XXX-XX-XXXX, ****1234, <password>,
    ${TOKEN}, YOUR_API_KEY, [redacted], 0000, 1111 1111 1111 1111."""
    core = value.strip().strip("\"'`“”‘’")
    if not core or _WRAPPED.fullmatch(core) or _CONSTANT.fullmatch(core) or _TEMPLATE.search(core):
        return True
    words = regex.split(r"[-_]", core)
    if len(words) > 1 and core.islower() and core.replace("-", "").replace("_", "").isalpha() \
            and any(w in _EXAMPLE_PARTS for w in words):
        return True  # my-secure-password, your_api_key_here
    if core.lower() in _PLACEHOLDER_TOKENS or core.lower() in PLACEHOLDER_WORDS.of(g) or "..." in core or "…" in core:
        return True
    compact = [ch for ch in core if ch.isalnum() or ch in _MASK]
    masked = sum(1 for ch in compact if ch in _MASK)
    if masked >= 3 and all(ch in _MASK or ch.isdigit() for ch in compact):
        return True
    significant = [ch.lower() for ch in core if ch.isalnum()]
    return len(significant) >= 3 and len(set(significant)) == 1


def words_before(text: str, pos: int, start: int, count: int, g: LanguageUnit) -> list[str]:
    return [w.lower() for w in WORD.findall(clause_before(text[start:pos], pos - start, g))][-count:]


def dummy_context(text: str, label_at: int, label_end: int, value_start: int, value_end: int, s_start: int,
                   s_end: int, g: LanguageUnit) -> bool:
    """"the test card ...", "... 0000 for demo", "la tarjeta de prueba ...": not a real value."""
    # a dummy word right before the label ("the test card"), or before an unlabelled value's noun
    if any(w in DUMMY_WORDS.of(g) for w in words_before(text, label_at, s_start, 1 if label_at < value_start else 2, g)):
        return True
    gap = [w.lower() for w in WORD.findall(text[label_end:value_start])] if label_end <= value_start else []
    if gap and (gap[-1] in DUMMY_WORDS.of(g) or (len(gap) >= 2 and gap[0] in DUMMY_PREPS.of(g) and gap[1] in DUMMY_WORDS.of(g))):
        return True  # "la tarjeta de prueba 4242 ...", "card number (test) 4242 ..."
    after = [w.lower() for w in WORD.findall(text[value_end:s_end])][:4]
    for i, word in enumerate(after):
        if word in DUMMY_WORDS.of(g) and any(p in DUMMY_PREPS.of(g) for p in after[max(0, i - 2):i]):
            return True
    return False


def quoted_example(text: str, pos: int, s_start: int, g: LanguageUnit) -> bool:
    """Words quoted in a paragraph that opens as an example ("Examples: “I have an allergy to ...”"):
    a sample of what someone might write, not anyone's data."""
    if not is_quoted(text, pos, s_start):
        return False
    paragraph_start = text.rfind("\n\n", 0, pos) + 1
    return any(w.lower() in DUMMY_WORDS.of(g) for w in WORD.findall(text, paragraph_start, pos)[:2])
