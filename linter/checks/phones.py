"""`phones`: phone numbers, told apart from versions, dates, counts, IDs and public business lines.

A run of digits is a phone number when it is written like one (`+44 7700 900456`,
`(614) 555-0142`, `415-555-0198`) or when a cue such as "call", "mobile" or "Phone:" stands next
to it. Presidio's phone recognizer (phonenumbers, for the configured regions) confirms numbers
written with separators; numbers glued into URLs, versions, IP addresses, dates and identifiers
are never phones.

Whose number it is follows the evidence (`_evidence.py`). For: the cue, someone it belongs to
("his cell", "the customer's", "su móvil"), a person named before it. Against: a toll-free line
or one of the company's published numbers, a public contact block ("Media Contact") or a value
the post calls an example (ruling it out), a code sample or a number reserved for fiction (555,
Ofcom's drama ranges), and, capping at a warning, the author's own ("my cell") or the company's
line offered to readers ("call us at", "our office"). A number written like one with nothing
either way gets the rule's `unsupported` choice (a warning unless the pack says otherwise).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..languages import declare
from ..nlp import Needs
from . import Check, Hit, Notice, register
from . import _evidence as ev
from ._context import Cues, clause_before, could_be_public, is_public_number, public_digits
from ._evidence import MYSELF, OTHER_POSSESSIVES, OWN_POSSESSIVES, PERSON_NOUNS

if TYPE_CHECKING:
    from ..document import Document
    from ..languages import Language

PHONE_EXTENSIONS = declare(
    "phone_extensions",
    'How a phone extension is written before its digits ("x204", "ext. 12"), each form in full.',
    ())
PHONE_REGION = declare(
    "phone_region",
    "The region a number written without + is read in to tell a toll-free line (a business's "
    "public number, not a person's).",
    "")


@dataclass(frozen=True)
class _Shapes:
    """The phone-number regexes of one language (its words for an extension: "x204", "ext. 12")."""

    candidate: regex.Pattern[str]
    formatted: regex.Pattern[str]  # written like a phone number: international prefix, or grouped
    extension: regex.Pattern[str]  # a trailing extension, to leave out of the digit count


@functools.cache
def _shapes(language: Language) -> _Shapes:
    words = "|".join(regex.escape(w) for w in sorted(PHONE_EXTENSIONS.of(language), key=len, reverse=True))
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
# Numbers reserved for fiction and documentation: North American 555 lines, Ofcom's drama ranges.
_FICTIONAL = regex.compile(r"(?:\+?1[\s.\-]?)?\(?\d{3}\)?[\s.\-]?555[\s.\-]?\d{4}|(?:\+44\s?|0)7700\s?900\s?\d{3}|"
                           r"(?:\+44\s?|0)20\s?7946\s?0\d{3}")
_CLAUSE_WORDS = regex.compile(r"[\p{L}'’]+")
_URL = regex.compile(r"\S+://\S*|\b(?:tel|sms|callto):\S*|\bwa\.me/\S*", regex.IGNORECASE)
# The link a number stands in, right before it: it dials the number (`markup` writes the number after it).
_DIAL_LINK = regex.compile(r"(?:\b(?:tel|sms|callto|facetime|facetime-audio|whatsapp|viber|skype):|\bwa\.me/"
                           r"|whatsapp\.com/send/?\?(?:[^#\s]*&)?phone=|\bsignal\.me/#p/|\b(?:t|telegram)\.me/)[^\s]*\s*$",
                           regex.IGNORECASE)  # every messenger link markup reads a number from (`markup/base.py`)


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
        "unsupported": ev.UNSUPPORTED_OPTION,
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

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        if not any(ch.isdigit() for ch in document.text):
            return
        try:
            yield from self._phones(document)
        except TimeoutError:
            yield Notice(f"rule {self.rule.code} gave up after {PHONE_TIMEOUT}s on this text; other rules still ran")

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
            cue = not in_code and self.cues.near(text, start, end, o["context_before"], o["context_after"],
                                                 block) is not None
            if not (written_like_one or cue) or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            reasons = self._evidence(document, start, end, value, cue)
            severity = ev.decide(self.rule.severity, reasons, ev.unsupported_severity(self.opts["unsupported"]))
            if severity is not None:
                yield Hit(start, end, severity=severity, evidence=ev.worded(reasons, document.language))

    def _evidence(self, document: Document, start: int, end: int, value: str, cue: bool) -> list[str]:
        """The reasons for and against the number at `text[start:end]` being someone's phone."""
        text = document.text
        dialled = _DIAL_LINK.search(text, max(0, start - 60), start) is not None  # a tel: or WhatsApp link's number
        reasons = [ev.CUE] if cue or dialled else []
        language = document.language
        clause = _URL.sub(" ", clause_before(text, start, language))  # "wa.me" holds no "me"
        words = [w.lower() for w in _CLAUSE_WORDS.findall(clause)][-6:]
        for word in reversed(words):  # the nearest possessive or person says whose
            base = word[:-2] if word.endswith(("'s", "’s")) else word
            if word in MYSELF.of(language):
                reasons.append(ev.OWN)
            elif word in OWN_POSSESSIVES.of(language):
                reasons.append(ev.CONTACT)  # "our office", "nuestra centralita": the company's line
            elif word in OTHER_POSSESSIVES.of(language) or base in PERSON_NOUNS.of(language) or base != word:
                reasons.append(ev.OWNER)
            else:
                continue
            break
        if ev.person_named_before(document, start):
            reasons.append(ev.PERSON)
        if not self.opts["toll_free"] and _is_toll_free(value, PHONE_REGION.of(language)):
            reasons.append(ev.TOLL_FREE)
        if is_public_number(value, self.public):
            reasons.append(ev.PUBLIC_NUMBER)
        if ev.offered_as_contact(document, start, end) and ev.OWNER not in reasons:
            reasons.append(ev.CONTACT)
        if ev.in_contact_block(document, start, end):
            reasons.append(ev.CONTACT_BLOCK)
        if ev.said_to_be_an_example(document, start, end):
            reasons.append(ev.EXAMPLE)
        if _FICTIONAL.fullmatch(value.strip()):
            reasons.append(ev.FICTIONAL)
        if ev.in_code(document, start, end):
            reasons.append(ev.CODE)
        return reasons
