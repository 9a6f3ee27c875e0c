"""The evidence registry: every reason for or against reporting a value, the side it takes and
its weight, and how the reasons decide a severity. Kept apart from the detectors
(`checks/_evidence.py`) so the findings cache words a finding's evidence without importing them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .finding import Evidence, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .languages import Language

FOR = "for"
AGAINST = "against"
DECISIVE = 100  # a weight no other reasons outweigh


@dataclass(frozen=True, slots=True)
class Reason:
    """One kind of evidence: which side it takes and how much it weighs."""

    key: str
    side: str
    weight: int


REASONS: dict[str, Reason] = {}
"""Every reason a check may give, by key; each language unit words each one (`evidence.<key>`)."""


def _reason(key: str, side: str, weight: int) -> str:
    if key in REASONS:
        raise RuntimeError(f"evidence reason '{key}' registered twice")
    REASONS[key] = Reason(key, side, weight)
    return key


# For: what the value is, and that it is someone's.
LABEL = _reason("label", FOR, 1)  # "SSN:", "her phone is", "DNI"
CUE = _reason("cue", FOR, 1)  # a word beside it says what it is: "call", "mobile"
NETWORK = _reason("network", FOR, 1)  # a network word says a dotted quad is a host's address
OWNER = _reason("owner", FOR, 1)  # someone else's: "his", "Tom's", "the customer's"
PERSON = _reason("person", FOR, 1)  # a third person named beside it
PRIVATE = _reason("private", FOR, 1)  # "customer", "complaint", "my personal address"
WEBMAIL = _reason("webmail", FOR, 2)  # gmail.com and the like: always a person's mailbox
CHECKSUM = _reason("checksum", FOR, 1)  # Luhn, IBAN, DNI: it is a real one
SHAPE = _reason("shape", FOR, 1)  # a provider's key format, a private-key block
MATTER = _reason("matter", FOR, 1)  # a private matter tied to a person's name
MARKING = _reason("marking", FOR, 1)  # written as a marking on the text: capitals, brackets, its own line
AIMED = _reason("aimed", FOR, 1)  # harsh words said of a person, a group or the reader (DER-OFFENSIVE)
COMPANY = _reason("company", FOR, DECISIVE)  # the company's configured codenames, networks, customers
# Against, capping at a warning: the value may still be one, published on purpose or standing in for one.
OWN = _reason("own", AGAINST, 0)  # the author's own
CONTACT = _reason("contact", AGAINST, 0)  # offered to readers as a way to get in touch
FICTIONAL = _reason("fictional", AGAINST, 0)  # a number reserved for fiction (555, Ofcom's drama ranges)
# Against, outweighing one reason for.
CODE = _reason("code", AGAINST, 1)  # a code or config sample holds example data
# Against, decisive: not a private value at all.
EXAMPLE = _reason("example", AGAINST, DECISIVE)  # said to be an example, a sample, a test value
DOCUMENTATION = _reason("documentation", AGAINST, DECISIVE)  # example.com, RFC 5737 and RFC 3849 ranges
VERSION = _reason("version", AGAINST, DECISIVE)  # "V8 10.1.124.8", "update to 4.1.0.21"
SECTION = _reason("section", AGAINST, DECISIVE)  # "section 4.1.1.3", "sección 4.1.2.7"
CHANGELOG = _reason("changelog", AGAINST, DECISIVE)  # a changelog entry: a commit title, not a statement
IDENTIFIER = _reason("identifier", AGAINST, DECISIVE)  # CVE-2022-1473, GHSA-..., RFC 5737
TEMPLATE = _reason("template", AGAINST, DECISIVE)  # v1-deps-{{ checksum }}: made when the code runs
ROLE = _reason("role", AGAINST, DECISIVE)  # press@, security@, prensa@, a mailing list
PUBLISHER = _reason("publisher", AGAINST, DECISIVE)  # the company's or the publisher's own domain
CONTACT_BLOCK = _reason("contact_block", AGAINST, DECISIVE)  # under "Media contact", "Contacto de prensa"
CREDIT = _reason("credit", AGAINST, DECISIVE)  # an author line, a changelog credit
LOGIN = _reason("login", AGAINST, DECISIVE)  # git@github.com:..., a service account
HANDLE = _reason("handle", AGAINST, DECISIVE)  # @user@instance: a social-media handle
PUBLIC_NUMBER = _reason("public_number", AGAINST, DECISIVE)  # config company.public_numbers
TOLL_FREE = _reason("toll_free", AGAINST, DECISIVE)  # a business's public line
DESCRIBED = _reason("described", AGAINST, DECISIVE)  # words about a marking, not the marking
NEGATED = _reason("negated", AGAINST, DECISIVE)  # "we never share our internal roadmap"
QUOTATION = _reason("quotation", AGAINST, DECISIVE)  # a block quote: a line from a book, a film, a talk


def unsupported_severity(choice: str) -> Severity | None:
    """The severity an `unsupported` option names (None for "none")."""
    return None if choice == "none" else Severity(choice)


def decide(severity: Severity, reasons: Iterable[str], unsupported: Severity | None = Severity.WARNING
           ) -> Severity | None:
    """The severity `reasons` decide for a value whose rule says `severity` (None: not reported).

    `unsupported` is what a value with no reason either way gets: the check's judgement of its
    shape alone (never more than `severity`)."""
    weights_for = [REASONS[r].weight for r in reasons if REASONS[r].side == FOR]
    weights_against = [REASONS[r].weight for r in reasons if REASONS[r].side == AGAINST]
    if any(w >= DECISIVE for w in weights_for):
        return severity
    if any(w >= DECISIVE for w in weights_against):
        return None
    if not weights_for:
        if weights_against or unsupported is None:
            return None
        return min(unsupported, severity, key=lambda v: v.rank)
    if not weights_against:
        return severity
    if sum(weights_for) - sum(weights_against) <= 0:
        return None
    return min(severity, Severity.WARNING, key=lambda v: v.rank)


def reason_text(reason: str, language: Language) -> Evidence:
    """One reason as a finding keeps it, worded in `language` (the findings cache rebuilds evidence
    from its keys)."""
    return Evidence(REASONS[reason].side, reason, language.message(f"evidence.{reason}"))
