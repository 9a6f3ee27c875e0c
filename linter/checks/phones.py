"""`phones`: phone numbers, told apart from versions, dates, counts, IDs and public business lines.

A run of digits is a phone number when it is written like one (`+44 7700 900456`,
`(614) 555-0142`, `415-555-0198`) or when a cue such as "call", "mobile" or "Phone:" stands next
to it. Presidio's phone recognizer (phonenumbers, for the configured regions) confirms numbers
written with separators; numbers glued into URLs, versions, IP addresses, dates and identifiers
are never phones, and toll-free numbers are a business's public line, not a person's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..nlp import Needs
from . import Check, Hit, register
from ._context import Cues, could_be_public, is_public_number, public_digits

if TYPE_CHECKING:
    from ..document import Document
    from ..languages import Language


@dataclass(frozen=True)
class _Shapes:
    """The phone-number regexes of one language (its words for an extension: "x204", "ext. 12")."""

    candidate: regex.Pattern[str]
    formatted: regex.Pattern[str]  # written like a phone number: international prefix, or grouped
    extension: regex.Pattern[str]  # a trailing extension, to leave out of the digit count


@functools.cache
def _shapes(language: Language) -> _Shapes:
    words = "|".join(regex.escape(w) for w in sorted(language.phone_extensions, key=len, reverse=True))
    extension = rf"\s?(?:{words})\s?\d{{1,5}}" if words else r"(?!)"
    return _Shapes(
        candidate=regex.compile(
            # not glued to a word, a path or an amount; a messenger link's number is a phone's
            r"(?:(?<=(?:wa|t|telegram)\.me/|signal\.me/#p/)|(?<![\w/#=@+%$€£])(?<![\w][.,:\-]))"
            r"(?:\+\s?\d{1,3}[\s.\-]{0,2}(?:\(0\)\s?)?)?(?:\(\d{1,5}\)[\s.\-]?)?"
            r"(?:\d{7,15}|\d{1,7}(?:(?:[ .\-]|\s-\s)\d{1,7}){0,5})"
            rf"(?:{extension})?"
            r"(?![\w/@]|[.,\-:]\d)"),
        formatted=regex.compile(
            r"(?:\+.*"
            r"|\(\d{2,5}\)\s?\d{2,4}[\s.\-]?\d{3,4}"
            r"|\d{3}[.\-]\d{3}[.\-]\d{4}"
            rf"|0\d{{2,4}}[\s\-]\d{{3,4}}[\s\-]?\d{{3,4}})(?:{extension})?"),
        extension=regex.compile(rf"{extension}$"),
    )
PHONE_TIMEOUT = 5.0  # seconds; the candidate pattern is linear, this only bounds hostile input
_OCTET = r"(?:25[0-5]|2[0-4]\d|[01]?\d?\d)"  # leading zeros too: 18.032.4.011 is an address read as octal
_IPV4ISH = regex.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")  # 612.34.56.78 is a Spanish mobile, not an address
_YEAR = r"(?:19|20)\d{2}"
_YEAR_RANGE = regex.compile(rf"{_YEAR}\s?[\-.]\s?{_YEAR}")


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _is_date(value: str) -> bool:
    parts = regex.split(r"[\s.\-/]+", value.strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    a, b, c = (int(p) for p in parts)
    for year, month, day in ((a, b, c), (c, b, a), (c, a, b)):
        if 1900 <= year <= 2100:
            try:
                dt.date(year, month, day)
                return True
            except ValueError:
                pass
    return False


def _is_possible(value: str) -> bool:
    """An international number as long as its country's mobile or fixed lines ("+44 2345678" is not)."""
    import phonenumbers

    if not value.lstrip().startswith("+"):
        return False
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return False
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    return any(phonenumbers.is_possible_number_for_type_with_reason(number, kind)
               == phonenumbers.ValidationResult.IS_POSSIBLE for kind in kinds)


def _is_toll_free(value: str, region: str | None) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None if value.lstrip().startswith("+") else region or "US")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE


@register
class PhonesCheck(Check):
    kind = "phones"
    allow_list = "public_numbers"
    allows = classmethod(lambda cls, match: could_be_public(match))  # type: ignore[assignment]
    doc = ("Flags phone numbers: written like one (+44 ..., (614) 555-0142) or next to a cue word "
           "(call, mobile, Phone:); never versions, dates, IPs, IDs in URLs or toll-free lines.")
    options = {
        "context": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                           doc="cue words that make a bare run of digits a phone number"),
        "context_before": s.Field(s.integer(minimum=1, maximum=200), default=50),
        "context_after": s.Field(s.integer(minimum=0, maximum=200), default=12),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="words just before the number that make it something else (ISBN, order)"),
        "min_digits": s.Field(s.integer(minimum=5, maximum=15), default=7),
        "max_digits": s.Field(s.integer(minimum=7, maximum=20), default=15),
        "toll_free": s.Field(s.boolean(), default=False,
                             doc="also report toll-free numbers (a business's public line)"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.cues = Cues(self.opts["context"])
        self.unless = Cues(self.opts["unless"])
        self.public = public_digits(company)

    @property
    def needs(self) -> Needs:
        return Needs(entities=frozenset({"PHONE_NUMBER"}))

    def _shaped(self, value: str, shapes: _Shapes) -> bool:
        digits = _digits(shapes.extension.sub("", value))
        if not self.opts["min_digits"] <= len(digits) <= self.opts["max_digits"]:
            return False
        core = value.strip()
        return not (_IPV4ISH.fullmatch(core) or _YEAR_RANGE.fullmatch(core) or _is_date(core))

    def run(self, document: Document) -> Iterator[Hit]:
        if not any(ch.isdigit() for ch in document.text):
            return
        try:
            yield from self._phones(document)
        except TimeoutError:
            document.warn(f"rule {self.rule.code} gave up after {PHONE_TIMEOUT}s on this text; other rules still ran")

    def _phones(self, document: Document) -> Iterator[Hit]:
        text = document.text
        confirmed = {(r.start, r.end) for r in document.pii if r.entity_type == "PHONE_NUMBER"}
        taken: list[tuple[int, int]] = []
        shapes = _shapes(document.language)
        for m in document.block_matches(shapes.candidate, timeout=PHONE_TIMEOUT):
            start, end = m.span()
            value = m.group()
            if not self._shaped(value, shapes):
                continue
            o = self.opts
            block = document.block(start)
            if self.unless and self.unless.near(text, start, end, 25, 0, block):
                continue
            formatted = shapes.formatted.fullmatch(value) is not None
            validated = any(s < end and start < e for s, e in confirmed)
            written_like_one = formatted and (_is_possible(value) if value.startswith("+")
                                              else validated or value.startswith("("))
            # In code a cue is an identifier (`number[i]`, `call()`): only a number written like one counts.
            in_code = "code" in document.zones_at(start, end)
            if not (written_like_one or not in_code and self.cues.near(text, start, end, o["context_before"], o["context_after"], block)):
                continue
            if (not o["toll_free"] and _is_toll_free(value, document.language.phone_region)) \
                    or is_public_number(value, self.public):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            yield Hit(start, end)
