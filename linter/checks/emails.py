"""`emails`: a person's email address, told apart from everything else written with an `@`.

Presidio finds what is shaped like an address; this kind weighs the evidence of whose it is
(`_evidence.py`). For: a webmail domain (gmail.com, ...: always a person's mailbox), words that
make it private ("customer", "my personal address", "an email from ..."). Against, ruling it out: a
documentation domain reserved by RFC 2606/6761 (`example.com`, `.test`, `localhost`), a tutorial's
placeholder (`you@yourcompany.com`) or a value the post calls an example, a login (`git@github.com:
org/repo.git`, `ssh://deploy@host`, `ubuntu@...`), one of the company's domains (config
`company.domains`, else the publisher's domains derived from the repository), a role, team or list
mailbox (`press@`, `prensa@`, `golang-nuts@googlegroups.com`, a mailbox named after the
organisation), a credit (`Co-authored-by:`, `Ana <ana@...>`), a social-media handle
(`@user@instance`), a public contact block ("Media Contact"). Against, weighing less: an
organisation's address offered to readers as a way to get in touch ("Questions? Email the team at
..."; a webmail address offered so stays a person's), a code or config sample. An address with
nothing either way gets the rule's `unsupported` choice (a warning unless the pack says otherwise).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..languages import declare
from ..nlp import Needs
from ..vocab import dictionary, shared_words
from . import Check, Hit, Notice, register
from . import _evidence as ev
from ._attribution import SENDER_WORDS, credited
from ._disguise import name_key
from ._context import CONJUNCTIONS, OF_WORDS, Cues, alternatives
from ._evidence import DUMMY_WORDS, FIRST_NAMES
from ._phrases import ARTICLES

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document
    from ..languages import Language as Unit
    from ..languages import Words

PRIVATE_CUES = declare(
    "private_cues",
    "Words that make an address someone's private data.",
    frozenset(), source="list")
ROLE_MAILBOXES = declare(
    "role_mailboxes",
    "Words that make a mailbox a role, team or list.",
    frozenset(), source="list")
PLACEHOLDER_MAILBOXES = declare(
    "placeholder_mailboxes",
    "Tutorial stand-ins for an address, local parts and @domains.",
    frozenset(), source="list")

# What makes an address public, each with the evidence it is (`_evidence.py`).
PUBLIC_KINDS = {"reserved": ev.DOCUMENTATION, "placeholder": ev.EXAMPLE, "login": ev.LOGIN, "company": ev.PUBLISHER,
                "role": ev.ROLE, "credit": ev.CREDIT, "handle": ev.HANDLE, "contact_block": ev.CONTACT_BLOCK,
                "contact": ev.CONTACT, "code": ev.CODE}
PRIVATE_BEFORE = 60  # characters before an address where "customer", "my email"... make it private
_LIST_HOSTS = regex.compile(r"(?:^|\.)(?:googlegroups\.com|groups\.io|freelists\.org|lists?\.[\w.-]+|listserv\.[\w.-]+|"
                            r"[\w-]+\.lists\.[\w.-]+)$")
_LOCAL_PARTS = regex.compile(r"[.\-_+]+|(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})")  # join18f -> join, 18, f
_SEPARATORS = regex.compile(r"[.\-_+]+")
_SCP_PATH = regex.compile(r":[\w~./\-]")
# A generated identifier, never a name: 20 or more letters and digits, mixed, with 4 digits or more.
_GENERATED = regex.compile(r"(?=(?:[a-z]*\d){4})(?=(?:\d*[a-z]){2})[a-z0-9]{20,}")
_URL_LOGIN = regex.compile(r"(?:[a-z][a-z0-9+.\-]*://|\bssh\s+(?:-\S+\s+)*)$", regex.IGNORECASE)


def _under(domain: str, parents: frozenset[str] | tuple[str, ...]) -> bool:
    """`domain` is one of `parents` or a subdomain of one."""
    return any(domain == p or domain.endswith("." + p) for p in parents)


@functools.cache
def _cues(words: Words[frozenset[str]], language: Unit) -> Cues:
    return Cues(sorted(words.of(language)))


@functools.cache
def _sender(language: Unit) -> regex.Pattern[str]:
    """"an email from <address>": the address is its sender's."""
    words = "|".join(regex.escape(w) for w in SENDER_WORDS.of(language)) or "(?!)"
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{words})\s+[<(\[]?$", regex.IGNORECASE)


_CLAUSE_WORDS = regex.compile(r"[\p{L}\-]+")


def _dummy_before(text: str, start: int, language: Unit) -> bool:
    """"The test email is x@...", "a fake address like x@...": one of the language's dummy words among
    the last three words of the clause before the address."""
    clause = regex.split(r"[.;!?\n]", text[max(0, start - 60):start])[-1]
    return any(w.lower() in DUMMY_WORDS.of(language) for w in _CLAUSE_WORDS.findall(clause)[-3:])


@register
class EmailsCheck(Check):
    kind = "emails"
    doc = ("Flags a person's email address, by the evidence of whose it is: a webmail domain or a word that "
           "makes it private speak for it; logins, documentation domains, the company's or publisher's domains, "
           "role and list mailboxes, credits, handles and contact blocks rule it out; a contact offered to "
           "readers or a code sample weigh against it.")
    options = {
        "min_score": s.Field(s.number(minimum=0, maximum=1), default=0.5,
                             doc="Presidio confidence an address needs"),
        "public": s.Field(s.list_of(s.choice(*PUBLIC_KINDS), allow_single=True), default=list(PUBLIC_KINDS),
                          doc="the evidence against an address this rule reads: " + ", ".join(PUBLIC_KINDS)),
        "allow_patterns": s.Field(s.list_of(s.regex_pattern(flags=regex.IGNORECASE), nonempty=True),
                                  default_factory=list,
                                  doc="regexes; an address that fully matches one is not reported"),
        "unsupported": ev.UNSUPPORTED_OPTION,
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.public = frozenset(self.opts["public"])
        self.company_domains = tuple(d.lower().strip(".") for d in company.domains)
        self.customer_keys = frozenset(name_key(n) for c in company.customers if not c.public for n in c.names)
        self.common_words: frozenset[str] = frozenset()

    @property
    def needs(self) -> Needs:
        return Needs(entities=frozenset({"EMAIL_ADDRESS"}))

    def prepare(self, nlp: Language) -> None:
        self.common_words = dictionary(nlp)

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        for result in document.pii:
            if result.entity_type != "EMAIL_ADDRESS" or result.score < self.opts["min_score"]:
                continue
            value = document.text[result.start:result.end]
            if "@" not in value:
                continue
            try:
                if any(p.fullmatch(value) for p in self.opts["allow_patterns"]):
                    continue
            except TimeoutError:  # a pattern that backtracks too much allows nothing: the address is reported
                yield Notice(f"an allow_patterns regex of rule {self.rule.code} gave up after "
                             f"{s.USER_REGEX_TIMEOUT}s (it backtracks too much); the address was reported")
            reasons = self.evidence(document, result.start, result.end)
            severity = ev.decide(self.rule.severity, reasons, ev.unsupported_severity(self.opts["unsupported"]))
            if severity is not None:
                yield Hit(result.start, result.end, severity=severity,
                          evidence=ev.worded(reasons, document.language))

    def evidence(self, document: Document, start: int, end: int) -> list[str]:
        """The reasons for and against the address at `text[start:end]` being a person's private data."""
        text = document.text
        local, _, domain = text[start:end].lower().rpartition("@")
        domain = domain.rstrip(".")
        if any(label in self.customer_keys for label in domain.split(".")[:-1]):
            return [ev.COMPANY]  # someone at a confidential customer: CONF-CUSTOMER names the relationship
        personal = _under(domain, shared_words("free_mail_domains"))
        private = self._made_private(document, start, end)
        reasons = [ev.WEBMAIL] if personal else []
        if private:
            reasons.append(ev.PRIVATE)
        company = self.company_domains or document.publisher.domains
        checks = (
            ("reserved", lambda: _under(domain, shared_words("reserved_domains"))),
            ("placeholder", lambda: self._is_placeholder(local, domain, document.language)
                                    or _dummy_before(text, start, document.language)
                                    or ev.said_to_be_an_example(document, start, end)),
            ("login", lambda: self._is_login(document, start, end, local, domain, personal)),
            ("company", lambda: _under(domain, company)),
            ("role", lambda: not personal and (self._is_role(local, domain, document.language)
                                               or self._named_after_organisation(document, local, start, end))),
            # metadata (JSON-LD, meta tags) publishes an address to every scraper, byline or not
            ("credit", lambda: credited(document, start, end) and "metadata" not in document.zones_at(start, end)),
            ("handle", lambda: ev.a_social_handle(document, start)),
            ("contact_block", lambda: not private and ev.in_contact_block(document, start, end)),
            # a webmail address stays a person's even offered as a contact: no role, no organisation's desk
            ("contact", lambda: not personal and not private and self._offered_as_contact(document, start, end)),
            ("code", lambda: ev.in_code(document, start, end)),
        )
        for kind, test in checks:
            if kind in self.public and test():
                reasons.append(PUBLIC_KINDS[kind])
                if ev.REASONS[PUBLIC_KINDS[kind]].weight >= ev.DECISIVE:
                    break  # one reason that rules it out is reason enough
        return reasons

    @staticmethod
    def _made_private(document: Document, start: int, end: int) -> bool:
        """"customer", "my personal address" just before it, or "an email from <address>": someone's
        own mailbox, told about."""
        text = document.text
        block = document.block(start)
        return bool(_sender(document.language).search(text, max(block[0], start - 12), start)) or \
            _cues(PRIVATE_CUES, document.language).near(text, start, end, PRIVATE_BEFORE, 0, block) is not None

    @staticmethod
    def _is_placeholder(local: str, domain: str, language: Unit) -> bool:
        """`you@yourcompany.com`, `user.name@domain.com`: a tutorial's stand-in for an address."""
        placeholders = PLACEHOLDER_MAILBOXES.of(language)
        return local in placeholders or f"@{domain}" in placeholders

    @staticmethod
    def _is_login(document: Document, start: int, end: int, local: str, domain: str,
                  webmail: bool) -> bool:
        """`git@github.com:org/repo`, `ssh://deploy@host`, `ssh ubuntu@host`, `postgres@db`, and
        machine identifiers: a calendar's or service account's address
        (`...@group.calendar.google.com`), or a generated local part at a domain that is no webmail
        (`apd9vmbc22egenmtu5l6c5jbfc@`)."""
        text = document.text
        return (local in shared_words("service_accounts") or bool(_SCP_PATH.match(text, end))
                or bool(_URL_LOGIN.search(text, max(0, start - 40), start))
                or _under(domain, shared_words("machine_domains"))
                or (bool(_GENERATED.fullmatch(local)) and not webmail))

    @staticmethod
    def _is_role(local: str, domain: str, language: Unit) -> bool:
        roles = ROLE_MAILBOXES.of(language)
        return bool(_LIST_HOSTS.search(domain)) or any(part in roles for part in _LOCAL_PARTS.split(local) if part)

    def _named_after_organisation(self, document: Document, local: str, start: int, end: int) -> bool:
        """`18f@gsa.gov`, `participate-18F@gsa.gov` in a post that names 18F throughout: a mailbox
        named after the organisation or product the post is about, not after a person (never a
        first name, nor a word the post uses as a surname); `tsc@` beside "the Technical Steering
        Committee": a mailbox named by the initials of a body the post names."""
        if _INITIALS_LOCAL.fullmatch(local) and local in _initials(document.text[max(0, start - 300):start],
                                                                   document.language):
            return True
        for part in [local, *_SEPARATORS.split(local)]:
            name = "".join(ch for ch in part if ch.isalnum())
            if len(name) < 2 or name in FIRST_NAMES.of(document.language):
                continue
            pattern = regex.compile(rf"(?<![\w@.\-]){regex.escape(name)}(?![\w@\-])", regex.IGNORECASE)
            mentions = [m for m in pattern.finditer(document.text) if not start <= m.start() < end]
            if len(mentions) >= 2 and not any(_names_before(document, m.start(), self.common_words) for m in mentions):
                return True
        return False

    @staticmethod
    def _offered_as_contact(document: Document, start: int, end: int) -> bool:
        """An invitation to the reader ("email us at", "Contact:", a `mailto:` link the author made
        of it)."""
        text = document.text
        return f"mailto:{text[start:end]}".lower() in text.lower() or ev.offered_as_contact(document, start, end)


_INITIALS_LOCAL = regex.compile(r"[a-z]{2,6}")


@functools.cache
def _title_run(language: Unit) -> regex.Pattern[str]:
    """Capitalised words in a row, with the language's small words between them ("Comité de Dirección")."""
    small = alternatives(OF_WORDS.of(language) | ARTICLES.of(language) | CONJUNCTIONS.of(language))
    return regex.compile(rf"\p{{Lu}}[\p{{L}}.'’\-]*(?:\s+(?:(?:{small})\s+)?\p{{Lu}}[\p{{L}}.'’\-]*)+")


def _initials(text: str, language: Unit) -> set[str]:
    """The initials of every run of capitalised words in `text` that is no person's name ("Technical
    Steering Committee": tsc, but not "Tim Scott Carter"), with and without its first word (a
    product name before the body: "Node.js Technical Steering Committee")."""
    first_names = FIRST_NAMES.of(language)
    found = set()
    for m in _title_run(language).finditer(text):
        words = [w for w in m.group().split() if w[:1].isupper()]
        for first in range(min(2, len(words) - 1)):
            if words[first].lower() not in first_names:
                found.add("".join(w[0] for w in words[first:]).lower())
    return found


def _names_before(document: Document, pos: int, common: frozenset[str]) -> bool:
    """"Priya Natarajan": a capitalised word that is a first name or no common word stands just
    before `pos`, so the word there is a surname."""
    before = regex.search(r"(\p{Lu}\p{Ll}+)\s+$", document.text[max(0, pos - 30):pos])
    if not before:
        return False
    word = before.group(1).lower()
    return word in FIRST_NAMES.of(document.language) or (bool(common) and word not in common)
