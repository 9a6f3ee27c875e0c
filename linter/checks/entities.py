"""`entities`: personal data found by Presidio (and spaCy's NER) on the shared parse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..nlp import Needs
from ..presidio import KNOWN_ENTITIES
from . import Check, Hit, register
from ._context import Cues
from ._validators import VALIDATORS

if TYPE_CHECKING:
    from ..document import Document
    from ..languages import Language

ALLOW_TIMEOUT = 0.5  # seconds an allow_patterns regex may take on one value


@register
class EntitiesCheck(Check):
    kind = "entities"
    doc = "Flags personal data recognised by Presidio: emails, phones, card numbers, IDs, names."
    placeholders = frozenset({"entity", "score"})
    options = {
        "entities": s.Field(s.list_of(s.choice(*sorted(KNOWN_ENTITIES)), allow_single=True, nonempty=True),
                            required=True, doc="Presidio entity types"),
        "min_score": s.Field(s.number(minimum=0, maximum=1), default=0.5,
                             doc="Presidio confidence a result needs (after context words)"),
        "allow": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                         doc="values never reported (case-insensitive)"),
        "allow_patterns": s.Field(s.list_of(s.regex_pattern(flags=regex.IGNORECASE), nonempty=True),
                                  default_factory=list,
                                  doc="regexes; a value that fully matches one is not reported"),
        "validate": s.Field(s.choice(*VALIDATORS), doc="a checksum the value must pass"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="words just before the value that make it public (an author line)"),
        "unless_before": s.Field(s.integer(minimum=1, maximum=200), default=40),
    }

    @classmethod
    def policy_values(cls, options, company):  # type: ignore[no-untyped-def]
        from ..languages import REGISTRY

        return [_entity_name(entity, language) for entity in options["entities"] for language in REGISTRY.values()]

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.entities = frozenset(self.opts["entities"])
        self.allow = {a.lower() for a in self.opts["allow"]}
        self.validator = VALIDATORS.get(self.opts["validate"] or "")
        self.unless = Cues(self.opts["unless"])

    @property
    def needs(self) -> Needs:
        return Needs(entities=self.entities)

    def _allowed(self, value: str, document: Document) -> bool:
        if value.lower() in self.allow:
            return True
        try:
            return any(p.fullmatch(value, timeout=ALLOW_TIMEOUT) for p in self.opts["allow_patterns"])
        except TimeoutError:
            document.warn(f"an allow_patterns regex of rule {self.rule.code} gave up after {ALLOW_TIMEOUT}s "
                          "(it backtracks too much); the value was reported")
            return False

    def run(self, document: Document) -> Iterator[Hit]:
        for result in document.pii:
            if result.entity_type not in self.entities or result.score < self.opts["min_score"]:
                continue
            value = document.text[result.start:result.end]
            if result.entity_type == "IP_ADDRESS" and not _a_host_address(document, result.start, result.end):
                continue
            if self._allowed(value, document) or (self.validator and not self.validator(value)):
                continue
            if self.unless and self.unless.near(document.text, result.start, result.end, self.opts["unless_before"], 0,
                                                document.block(result.start)):
                continue
            yield Hit(result.start, result.end, _values(result, document.language))


_DOTTED_BEFORE = regex.compile(r"\d[.:]$")
_DOTTED_AFTER = regex.compile(r"[.:]\d")
# Before the value on its line: a version ("version 0.10.0.1", "update to `uri` 0.10.0.1", "v1.2.3.4").
_VERSION_BEFORE = regex.compile(
    r"(?:\b(?:versions?|v|ver|release[sd]?|tag(?:ged)?|build|patch(?:level)?|gem|package|crate|module|library|"
    r"update[sd]?\s+to|upgrade[sd]?\s+to|bump(?:ed)?\s+to)|\w`|`\w[\w.-]*`)[\s:=@-]*v?$",
    regex.IGNORECASE)
# Another three-part version near the value: it sits in a list of versions ("0.12.1, 0.11.1 and 0.10.0.1").
_OTHER_VERSION = regex.compile(r"(?<![\d.])v?\d+\.\d+\.\d+(?![.\d])")
# Before the value on its line: a DNS answer (`host`, `dig`) publishing a public name's record.
_DNS_RECORD = regex.compile(r"(?:\bhas\s+(?:IPv6\s+)?address|\bIN\s+A(?:AAA)?)\s*$", regex.IGNORECASE)
NEAR_VERSION = 60  # characters either side, within the value's block


def _a_host_address(document: Document, start: int, end: int) -> bool:
    """Whether an address-shaped value names a host: not a piece of a longer dotted number, not a
    version ("uri 0.10.0.1", "versions 0.12.1, 0.11.1 and 0.10.0.1"), not in 0.0.0.0/8 (which no
    host can have), and not a public name's DNS record quoted from `host` or `dig` output."""
    text = document.text
    if _part_of_a_longer_number(text, start, end):
        return False
    value = text[start:end]
    if value.startswith("0."):
        return False
    b_start, b_end = document.block(start)
    line_start = max(text.rfind("\n", 0, start) + 1, b_start)
    before = text[max(line_start, start - 40):start]
    if _VERSION_BEFORE.search(before) or _DNS_RECORD.search(before):
        return False
    around = text[max(b_start, start - NEAR_VERSION):start] + " " + text[end:min(b_end, end + NEAR_VERSION)]
    return not _OTHER_VERSION.search(around)


def _part_of_a_longer_number(text: str, start: int, end: int) -> bool:
    """"node=7:4.1.1.1.10", "1.2.3.4.5": an address-shaped piece of a section or version number."""
    return bool(_DOTTED_AFTER.match(text, end) or _DOTTED_BEFORE.search(text, max(0, start - 2), start))


def _values(result: Any, language: Language) -> dict[str, str]:
    return {"entity": _entity_name(result.entity_type, language), "score": f"{result.score:.2f}"}


def _entity_name(entity: str, language: Language) -> str:
    """How `language` names a Presidio entity type in a message ("email address", "dirección de correo")."""
    return language.messages.get(f"entity.{entity}", entity.lower())
