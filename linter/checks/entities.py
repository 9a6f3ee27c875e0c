"""`entities`: personal data found by Presidio (and spaCy's NER) on the shared parse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..nlp import Needs
from ..presidio import KNOWN_ENTITIES
from . import Check, Hit, Notice, register
from . import _evidence as ev
from ._context import Cues
from ._validators import VALIDATORS
from .internal_hosts import address_context, company_networks, in_networks, not_an_address

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
        self.networks = company_networks(company)

    @property
    def needs(self) -> Needs:
        return Needs(entities=self.entities)

    def _allowed(self, value: str) -> bool:
        """Whether the company allows `value`; TimeoutError when an allow pattern backtracks too much."""
        return value.lower() in self.allow or \
            any(p.fullmatch(value, timeout=ALLOW_TIMEOUT) for p in self.opts["allow_patterns"])

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        for result in document.pii:
            if result.entity_type not in self.entities or result.score < self.opts["min_score"]:
                continue
            value = document.text[result.start:result.end]
            try:
                allowed = self._allowed(value)
            except TimeoutError:  # a pattern that backtracks too much allows nothing: the value is reported
                allowed = False
                yield Notice(f"an allow_patterns regex of rule {self.rule.code} gave up after {ALLOW_TIMEOUT}s "
                             "(it backtracks too much); the value was reported")
            if allowed or (self.validator and not self.validator(value)):
                continue
            if self.unless and self.unless.near(document.text, result.start, result.end, self.opts["unless_before"], 0,
                                                document.block(result.start)):
                continue
            if result.entity_type != "IP_ADDRESS":
                yield Hit(result.start, result.end, _values(result, document.language))
                continue
            if in_networks(value, self.networks) or not _a_host_address(document, result.start, result.end):
                continue  # the company's own ranges are CONF-INTERNAL-IP's
            reasons = [ev.NETWORK, *address_context(document, result.start, result.end)]
            severity = ev.decide(self.rule.severity, reasons)
            if severity is not None:
                yield Hit(result.start, result.end, _values(result, document.language), severity=severity,
                          evidence=ev.worded(reasons, document.language))


_DOTTED_BEFORE = regex.compile(r"\d[.:]$")
_DOTTED_AFTER = regex.compile(r"[.:]\d")
# Before the value on its line: a DNS answer (`host`, `dig`) publishing a public name's record.
_DNS_RECORD = regex.compile(r"(?:\bhas\s+(?:IPv6\s+)?address|\bIN\s+A(?:AAA)?)\s*$", regex.IGNORECASE)


def _a_host_address(document: Document, start: int, end: int) -> bool:
    """Whether an address-shaped value names a host: a network word, URL, port or prefix says so
    (`_evidence.network_words_near`), and it is not a piece of a longer dotted number, a version, a
    section number or a changelog title (`internal_hosts.not_an_address`), not in 0.0.0.0/8 (which
    no host can have), and not a public name's DNS record quoted from `host` or `dig` output."""
    text = document.text
    if _part_of_a_longer_number(text, start, end) or text[start:end].startswith("0."):
        return False
    line_start = max(text.rfind("\n", 0, start) + 1, document.block(start)[0])
    if _DNS_RECORD.search(text[max(line_start, start - 40):start]):
        return False
    return not not_an_address(document, start, end) and ev.network_words_near(document, start, end)


def _part_of_a_longer_number(text: str, start: int, end: int) -> bool:
    """"node=7:4.1.1.1.10", "1.2.3.4.5": an address-shaped piece of a section or version number."""
    return bool(_DOTTED_AFTER.match(text, end) or _DOTTED_BEFORE.search(text, max(0, start - 2), start))


def _values(result: Any, language: Language) -> dict[str, str]:
    return {"entity": _entity_name(result.entity_type, language), "score": f"{result.score:.2f}"}


def _entity_name(entity: str, language: Language) -> str:
    """How `language` names a Presidio entity type in a message ("email address", "dirección de correo")."""
    return language.messages.get(f"entity.{entity}", entity.lower())
