"""`emails`: a person's email address, told apart from everything else written with an `@`.

Presidio finds what is shaped like an address; this kind decides whose it is. It is no person's
mailbox when it is a login (`git@github.com:org/repo.git`, `ssh://deploy@host`, `ubuntu@...`), a
documentation domain reserved by RFC 2606/6761 (`example.com`, `.test`, `.invalid`, `localhost`),
a tutorial's placeholder (`you@yourcompany.com`), one of the company's own domains (config
`company.domains`), a role, team or list mailbox
(`press@`, `mobile@`, `golang-nuts@googlegroups.com`), a credit (`Co-authored-by:`, `Ana <ana@...>`,
a list of contributors), or an organisation's address offered to the reader as a way to get in
touch ("Questions? Email the team at ..."). An address at a webmail provider (gmail.com, ...) is
always a person's, and so is any address told about a customer or a complaint.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..nlp import Needs
from ..vocab import dictionary, shared_words
from . import Check, Hit, register
from ._attribution import credited
from ._context import Cues

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document
    from ..languages import Language as Unit

PUBLIC_KINDS = ("reserved", "placeholder", "login", "company", "role", "credit", "contact")
CONTACT_BEFORE = 250  # characters of the block before an address where an invitation may stand
CONTACT_AFTER = 40
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
def _cues(name: str, language: Unit) -> Cues:
    return Cues(sorted(language.words(name)))


@functools.cache
def _sender(language: Unit) -> regex.Pattern[str]:
    """"an email from <address>": the address is its sender's."""
    words = "|".join(regex.escape(w) for w in language.sender_words) or "(?!)"
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{words})\s+[<(\[]?$", regex.IGNORECASE)


_CLAUSE_WORDS = regex.compile(r"[\p{L}\-]+")


def _dummy_before(text: str, start: int, language: Unit) -> bool:
    """"The test email is x@...", "a fake address like x@...": one of the language's dummy words among
    the last three words of the clause before the address."""
    clause = regex.split(r"[.;!?\n]", text[max(0, start - 60):start])[-1]
    return any(w.lower() in language.dummy_words for w in _CLAUSE_WORDS.findall(clause)[-3:])


@register
class EmailsCheck(Check):
    kind = "emails"
    doc = ("Flags a person's email address; logins, documentation domains, the company's domains, role "
           "and list mailboxes, credits and an organisation's contact address offered to readers are not.")
    options = {
        "min_score": s.Field(s.number(minimum=0, maximum=1), default=0.5,
                             doc="Presidio confidence an address needs"),
        "public": s.Field(s.list_of(s.choice(*PUBLIC_KINDS), allow_single=True), default=list(PUBLIC_KINDS),
                          doc="kinds of address that are never a person's private data: " + ", ".join(PUBLIC_KINDS)),
        "allow_patterns": s.Field(s.list_of(s.regex_pattern(flags=regex.IGNORECASE), nonempty=True),
                                  default_factory=list,
                                  doc="regexes; an address that fully matches one is not reported"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.public = frozenset(self.opts["public"])
        self.company_domains = tuple(d.lower().strip(".") for d in company.domains)
        self.common_words: frozenset[str] = frozenset()

    @property
    def needs(self) -> Needs:
        return Needs(entities=frozenset({"EMAIL_ADDRESS"}))

    def prepare(self, nlp: Language) -> None:
        self.common_words = dictionary(nlp)

    def run(self, document: Document) -> Iterator[Hit]:
        for result in document.pii:
            if result.entity_type != "EMAIL_ADDRESS" or result.score < self.opts["min_score"]:
                continue
            value = document.text[result.start:result.end]
            if "@" not in value or self._allowed(value, document):
                continue
            if self.public_kind(document, result.start, result.end) is None:
                yield Hit(result.start, result.end)

    def _allowed(self, value: str, document: Document) -> bool:
        try:
            return any(p.fullmatch(value) for p in self.opts["allow_patterns"])
        except TimeoutError:  # a pattern that backtracks too much allows nothing: the address is reported
            document.warn(f"an allow_patterns regex of rule {self.rule.code} gave up after {s.USER_REGEX_TIMEOUT}s "
                          "(it backtracks too much); the address was reported")
            return False

    def public_kind(self, document: Document, start: int, end: int) -> str | None:
        """Why the address at `text[start:end]` is not a person's private data, or None if it is."""
        text = document.text
        local, _, domain = text[start:end].lower().rpartition("@")
        domain = domain.rstrip(".")
        personal = _under(domain, shared_words("free_mail_domains"))
        checks = (
            ("reserved", lambda: _under(domain, shared_words("reserved_domains"))),
            ("placeholder", lambda: self._is_placeholder(local, domain, document.language)
                                    or _dummy_before(text, start, document.language)),
            ("login", lambda: self._is_login(document, start, end, local, domain, personal)),
            ("company", lambda: _under(domain, self.company_domains)),
            ("role", lambda: not personal and (self._is_role(local, domain, document.language)
                                               or self._named_after_organisation(document, local, start, end))),
            # metadata (JSON-LD, meta tags) publishes an address to every scraper, byline or not
            ("credit", lambda: credited(document, start, end) and "metadata" not in document.zones_at(start, end)),
            ("contact", lambda: not personal and self._offered_as_contact(document, start, end)),
        )
        for kind, test in checks:
            if kind in self.public and test():
                return kind
        return None

    @staticmethod
    def _is_placeholder(local: str, domain: str, language: Unit) -> bool:
        """`you@yourcompany.com`, `user.name@domain.com`: a tutorial's stand-in for an address."""
        placeholders = language.words("placeholder_mailboxes")
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
        roles = language.words("role_mailboxes")
        return bool(_LIST_HOSTS.search(domain)) or any(part in roles for part in _LOCAL_PARTS.split(local) if part)

    def _named_after_organisation(self, document: Document, local: str, start: int, end: int) -> bool:
        """`18f@gsa.gov`, `participate-18F@gsa.gov` in a post that names 18F throughout: a mailbox
        named after the organisation or product the post is about, not after a person (never a
        first name, nor a word the post uses as a surname)."""
        for part in [local, *_SEPARATORS.split(local)]:
            name = "".join(ch for ch in part if ch.isalnum())
            if len(name) < 2 or name in document.language.words("first_names"):
                continue
            pattern = regex.compile(rf"(?<![\w@.\-]){regex.escape(name)}(?![\w@\-])", regex.IGNORECASE)
            mentions = [m for m in pattern.finditer(document.text) if not start <= m.start() < end]
            if len(mentions) >= 2 and not any(_names_before(document, m.start(), self.common_words) for m in mentions):
                return True
        return False

    @staticmethod
    def _offered_as_contact(document: Document, start: int, end: int) -> bool:
        """An invitation to the reader ("email us at", "Contact:", a `mailto:` link the author made
        of it) and no word that makes it someone's private data ("customer", "my email", "an email
        from ...") just before it."""
        text = document.text
        block = document.block(start)
        if _sender(document.language).search(text, max(block[0], start - 12), start) or \
                _cues("private_cues", document.language).near(text, start, end, PRIVATE_BEFORE, 0, block):
            return False
        if f"mailto:{text[start:end]}".lower() in text.lower():
            return True
        return _cues("contact_cues", document.language).near(text, start, end, CONTACT_BEFORE, CONTACT_AFTER, block) is not None


def _names_before(document: Document, pos: int, common: frozenset[str]) -> bool:
    """"Priya Natarajan": a capitalised word that is a first name or no common word stands just
    before `pos`, so the word there is a surname."""
    before = regex.search(r"(\p{Lu}\p{Ll}+)\s+$", document.text[max(0, pos - 30):pos])
    if not before:
        return False
    word = before.group(1).lower()
    return word in document.language.words("first_names") or (bool(common) and word not in common)
