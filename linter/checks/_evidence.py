"""Evidence: the reasons for and against reporting a value, and the severity they decide.

A value check (an address, a number, a secret, a name, a marking) finds candidates by their shape;
whether one is reported, and how severely, follows what else the post says about it. A label or
cue ("her phone", "DNI"), a personal webmail domain, a third person named beside it, a checksum
that holds and the company's configured values speak for it; a version, section or changelog
context, a code sample, a documentation value, a role mailbox, the publisher's own identity, a
public contact block, a negation speak against it. Each reason has a side and a weight
(`REASONS`, registered in `linter/reasons.py` and re-exported here), and `decide` turns the reasons
of one candidate into a severity:

- a decisive reason for (one of the company's configured values) reports at the rule's severity;
- a decisive reason against (a version number, an example, a role mailbox) reports nothing;
- reasons for and none against report at the rule's severity (an error for most value rules);
- reasons for that outweigh those against report a warning at most; otherwise nothing;
- a reason against of weight 0 (the author's own, a contact offered to readers) only caps at a warning;
- no reason either way reports at the check's `unsupported` severity (a warning: a second look).

Findings keep their reasons (`Finding.evidence`, worded in the post's language by its unit's
messages `evidence.<reason>`), so a reader sees why a value was reported. The detectors below are
shared by every value check and read their words from the post's language unit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..finding import Evidence
from ..languages import declare
from ..reasons import (  # the registry, re-exported: checks read it as `ev.LABEL`, `ev.decide`
    AGAINST,
    AIMED,
    CHANGELOG,
    CHECKSUM,
    CODE,
    COMPANY,
    CONTACT,
    CONTACT_BLOCK,
    CREDIT,
    CUE,
    DECISIVE,
    DESCRIBED,
    DOCUMENTATION,
    EXAMPLE,
    FICTIONAL,
    FOR,
    HANDLE,
    IDENTIFIER,
    LABEL,
    LOGIN,
    MARKING,
    MATTER,
    NEGATED,
    NETWORK,
    OWN,
    OWNER,
    PERSON,
    PRIVATE,
    PUBLIC_NUMBER,
    PUBLISHER,
    QUOTATION,
    REASONS,
    ROLE,
    Reason,
    SECTION,
    SHAPE,
    TEMPLATE,
    TOLL_FREE,
    VERSION,
    WEBMAIL,
    decide,
    reason_text,
    unsupported_severity,
)
from ._context import alternatives, sentence_around

if TYPE_CHECKING:
    from ..document import Document
    from ..languages import Language, Words

OWN_POSSESSIVES = declare(
    "own_possessives",
    "Possessives of the author (my, our, mi): their value is the author's own.",
    frozenset())
OTHER_POSSESSIVES = declare(
    "other_possessives",
    "Possessives and pronouns of someone else (his, your, su): their value is not the author's.",
    frozenset())
FIRST_PERSON = declare(
    "first_person",
    'Subjects that are the author (I, we, yo; Spanish "nací" says it alone): "I was born on ...".',
    frozenset())
MYSELF = declare(
    "myself",
    'The author alone, never "we" (I, my, me, yo, mi): "I was diagnosed with ...".',
    frozenset())
PERSON_NOUNS = declare(
    "person_nouns",
    'Words that show a person is meant (customer, daughter, Mrs, cliente): "my daughter was born '
    'on ...", "Customer: my card is ...".',
    frozenset())
DUMMY_WORDS = declare(
    "dummy_words",
    'Words that mark a label or value as not real (test, demo, sample, prueba): "the test card", '
    '"... for demo".',
    frozenset())
FIRST_NAMES = declare(
    "first_names",
    "First names: a capitalised word that is one is evidence of a person (`checks/people.py`); a "
    "mailbox named after one is a person's.",
    frozenset(), source="list")
PERSON_TITLES = declare(
    "person_titles",
    "Titles before a name (Dr., Sra.): evidence of a person.",
    frozenset(), source="list")
EXAMPLE_CUES = declare(
    "example_cues",
    "Phrases that introduce an example (for example, e.g., por ejemplo): a value after one in its "
    "sentence is a documentation value.",
    frozenset(), source="list")
VERSION_WORDS = declare(
    "version_words",
    "Words before a number that make it a version (version, update to, firmware, versión): never "
    "an address or a phone.",
    frozenset(), source="list")
SECTION_WORDS = declare(
    "section_words",
    "Words before a number that make it a section or standard number (section, §, RFC, sección, "
    "apartado).",
    frozenset(), source="list")
NETWORK_CUES = declare(
    "network_cues",
    "Words that make a dotted quad a host's address (server, ssh, router, servidor, red): without "
    "one it is a version or a section number.",
    frozenset(), source="list")
CONTACT_CUES = declare(
    "contact_cues",
    "Invitations to get in touch: an address after one is a contact point.",
    frozenset(), source="list")
CONTACT_HEADINGS = declare(
    "contact_headings",
    "Headings of a public contact block (Media contact, Contacto de prensa): the name, number and "
    "address under one are published on purpose.",
    frozenset(), source="list")

UNSUPPORTED_CHOICES = ("warning", "info", "none")
UNSUPPORTED_OPTION = s.Field(s.choice(*UNSUPPORTED_CHOICES), default="warning",
                             doc="what a value with no evidence for or against it is: warning (a second look), "
                                 "info, or none (not reported)")




def worded(reasons: Iterable[str], language: Language) -> tuple[Evidence, ...]:
    """The reasons as a finding keeps them: each once, in order, worded in `language`."""
    return tuple(reason_text(r, language) for r in dict.fromkeys(reasons))


# --- detectors shared by the value checks ----------------------------------------------------

_WORDS = regex.compile(r"[\p{L}\d§][\p{L}\d'’.\-]*")
NEAR = 80  # characters either side of a value where the words about it stand


def in_code(document: Document, start: int, end: int) -> bool:
    """Inside a code block or inline code: a sample of code, a config file or a tool's output."""
    return "code" in document.zones_at(start, end)


@functools.cache
def word_list_pattern(language: Language, cues: Words[frozenset[str]],
                      in_identifiers: bool = False) -> regex.Pattern[str]:
    """The phrases of a word list as whole words, never a piece of an address or a URL
    (`team@example.org`, `example.com`); with `in_identifiers`, also a part of a name in code
    (`client_ip`, `server_addr`), else never (`my_example`)."""
    words = alternatives(cues.of(language), loose_spaces=True)
    if in_identifiers:
        return regex.compile(rf"(?<![\p{{L}}\d@./\-])(?:{words})(?![\p{{L}}\d]|[.@/\-][\p{{L}}\d])", regex.IGNORECASE)
    return regex.compile(rf"(?<![\p{{L}}\d@./_\-])(?:{words})(?![\p{{L}}\d_]|[.@/\-][\p{{L}}\d])", regex.IGNORECASE)


def _sentence(document: Document, start: int, end: int) -> tuple[int, int]:
    return sentence_around(document.text, start, end, 300, document.block(start))


def _words_before(document: Document, start: int, count: int) -> list[str]:
    """The last `count` words of the value's line (and sentence) before it, lower case."""
    text = document.text
    lo = max(text.rfind("\n", 0, start) + 1, _sentence(document, start, start)[0], start - 120)
    return [w.lower().rstrip(".") for w in _WORDS.findall(text, lo, start)][-count:]


@functools.cache
def _example_words(language: Language) -> frozenset[str]:
    """The words of the phrases that give an example ("example" in "for example", "ejemplo")."""
    return frozenset(w for phrase in EXAMPLE_CUES.of(language) for w in phrase.split())


def _said(document: Document, pattern: regex.Pattern[str], start: int, end: int) -> bool:
    """Whether `pattern` occurs in `text[start:end]` in the post's words, not in a postlint directive's
    reason ("# postlint-disable-file quoted -- examples" says nothing about the next line)."""
    for m in pattern.finditer(document.text, start, end):
        at = document.source_span(m.start(), m.end())[0]
        if not any(d.start <= at < d.end for d in document.directives):
            return True
    return False


def said_to_be_an_example(document: Document, start: int, end: int, *, phrases: bool = True) -> bool:
    """The post says the value is an example: a dummy word ("test", "sample", "prueba") among the
    words right before it, a code comment above it in its sample ("# Sample RSA key, do not use"),
    and, with `phrases`, "for example", "e.g." or "such as" earlier in its sentence or in the two
    sentences that open its paragraph ("**ParseIP.** As another example, ..."). A secret's check
    leaves `phrases` out: a real key given "e.g." still works."""
    language = document.language
    text = document.text
    s_start, _ = _sentence(document, start, end)
    cues = word_list_pattern(language, EXAMPLE_CUES)
    if phrases and _said(document, cues, s_start, start):
        return True
    b_start = document.block(start)[0]
    if phrases and b_start < s_start:  # the paragraph opens as an example (its first two sentences)
        opening = _sentence(document, b_start, b_start)[1]
        if opening < s_start:
            opening = _sentence(document, opening + 1, opening + 1)[1]
        if _said(document, cues, b_start, min(opening, s_start)):
            return True
    dummies = DUMMY_WORDS.of(language) if phrases else DUMMY_WORDS.of(language) - _example_words(language)
    if any(w in dummies for w in _words_before(document, start, 2)):
        return True  # "the test number 555-0100", "el teléfono de prueba" (not "the test server at")
    if in_code(document, start, end):  # the value's line and the four above it
        for line in text[max(document.block(start)[0], start - 400):start].splitlines()[-5:]:
            stripped = line.strip()
            if stripped.startswith(("#", "//", "/*", "*", "--", "<!--", ";")) and any(
                    w.lower() in dummies for w in _WORDS.findall(stripped)):
                return True
    return False


# A version beside the value: three parts ("0.12.1"), or any number of parts after a "v" ("v4.1.0.21").
_VERSION_BESIDE = regex.compile(r"(?<![\w.])(?:\d+\.\d+\.\d+|v\d+(?:\.\d+)+)(?![\w]|\.\d)")


def in_version_context(document: Document, start: int, end: int) -> bool:
    """A version number, not an address or a phone: a version word among the words before it on its
    line ("update V8 to", "versión", "firmware"), or a version beside it in its block ("versions
    0.12.1, 0.11.1 and 0.10.0.1")."""
    words = VERSION_WORDS.of(document.language)
    if any(w in words for w in _words_before(document, start, 4)):
        return True
    text = document.text
    lo, hi = document.block(start)
    for m in _VERSION_BESIDE.finditer(text, max(lo, start - NEAR), min(hi, end + NEAR)):
        if not (m.start() < end and start < m.end()):
            return True
    return False


def in_section_context(document: Document, start: int, end: int) -> bool:
    """A section or standard number: "section 4.1.1.3", "§ 4.1", "sección 4.1.2.7", "RFC 5737"."""
    return any(w in SECTION_WORDS.of(document.language) for w in _words_before(document, start, 2))


# A commit or pull-request reference, or a commit hash link: what makes a list item a changelog entry.
_CHANGE_REF = regex.compile(r"(?:#\d{2,}\b|\bGH-\d+|\[`?[0-9a-f]{7,40}`?\]|/(?:commit|pull|issues)/[0-9a-f]{5,40}\b)")


def in_changelog_entry(document: Document, start: int, end: int) -> bool:
    """An entry of a changelog or release notes: its block (a list item, a line) cites a commit,
    a pull request or an issue. Its words are a commit title ("make _createSocketHandle() internal
    only", "update V8 to 10.1.124.8"), not a statement the post makes."""
    lo, hi = document.block(start)
    line_start = max(lo, document.text.rfind("\n", 0, start) + 1)
    line_end = document.text.find("\n", end)
    line_end = hi if line_end < 0 else min(hi, line_end)
    return _CHANGE_REF.search(document.text, line_start, line_end) is not None or \
        _CHANGE_REF.search(document.source, *document.source_span(line_start, line_end)) is not None


# Identifiers a public registry gives: a CVE, a GitHub or OSV advisory, an RFC, a DOI.
_IDENTIFIER = regex.compile(r"(?:CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|OSV-\d{4}-\d+|RUSTSEC-\d{4}-\d{4}|"
                            r"GO-\d{4}-\d{4}|PYSEC-\d{4}-\d+|RFC\s?\d{3,5}|10\.\d{4,9}/\S+)", regex.IGNORECASE)


def public_identifier(value: str) -> bool:
    """A published identifier (a CVE, an advisory, an RFC, a DOI), never a secret or anyone's data."""
    return _IDENTIFIER.fullmatch(value.strip("()[]`'\"")) is not None


_TEMPLATE_AFTER = regex.compile(r"\s*(?:\{\{|\{%|\$\{|<%|%\{|\$\()")


def runs_into_a_template(document: Document, end: int) -> bool:
    """The value goes on in template syntax (`v1-dependencies-{{ checksum "Gemfile.lock" }}`): it
    is made when the code runs, not written here."""
    return _TEMPLATE_AFTER.match(document.text, end) is not None


CONTACT_LINES = 5  # short lines above a value where a contact block's heading may stand
SHORT_LINE = 60


def in_contact_block(document: Document, start: int, end: int) -> bool:
    """Under a public contact block's heading ("Media Contact", "Press contact", "Contacto de
    prensa") with only short lines (a name, an organisation, a number) in between: a press or
    support contact the publisher prints on purpose."""
    text = document.text
    headings = CONTACT_HEADINGS.of(document.language)
    pos = text.rfind("\n", 0, start)
    for _ in range(CONTACT_LINES):
        if pos < 0:
            return False
        line_start = text.rfind("\n", 0, pos) + 1
        line = text[line_start:pos].strip(" \t*#_:>-")
        if line.lower() in headings:
            return True
        if len(line) > SHORT_LINE or line.endswith((".", "!", "?")):
            return False
        pos = line_start - 1
    return False


_HANDLE_BEFORE = regex.compile(r"(?:^|[\s(\[])@$")


def a_social_handle(document: Document, start: int) -> bool:
    """`@user@instance`: a fediverse handle, which names an account as its owner publishes it."""
    return _HANDLE_BEFORE.search(document.text, max(0, start - 2), start) is not None


_PORT_OR_PREFIX = regex.compile(r":\d{2,5}\b|/\d{1,2}\b")
_URL_OR_LOGIN_BEFORE = regex.compile(r"(?:://|@)$")


def network_words_near(document: Document, start: int, end: int) -> bool:
    """What makes a dotted quad a host's address: a network word in its sentence ("server", "ssh",
    "router", "servidor", "red"), a URL or login around it (`http://`, `user@`), a port or a CIDR
    prefix after it (`:8080`, `/24`)."""
    text = document.text
    if _PORT_OR_PREFIX.match(text, end) or _URL_OR_LOGIN_BEFORE.search(text, max(0, start - 3), start):
        return True
    s_start, s_end = _sentence(document, start, end)
    cues = word_list_pattern(document.language, NETWORK_CUES, in_identifiers=True)
    return cues.search(text, max(s_start, start - NEAR), start) is not None or \
        cues.search(text, end, min(s_end, end + NEAR)) is not None


def person_named_before(document: Document, start: int) -> bool:
    """A third person named earlier in the value's sentence: a known first name or a title
    ("Call Tom on his cell, ...", "mándale un WhatsApp a Martín al ...")."""
    language = document.language
    s_start, _ = _sentence(document, start, start)
    names = FIRST_NAMES.of(language)
    titles = {t.rstrip(".") for t in PERSON_TITLES.of(language)}
    grammar = language.stop_words | MYSELF.of(language) | OWN_POSSESSIVES.of(language) | OTHER_POSSESSIVES.of(language)
    for m in regex.finditer(r"\p{Lu}[\p{Ll}'’\-]+\.?", document.text[s_start:start]):
        word = m.group().lower().rstrip(".")
        if (word in names and word not in grammar) or word in titles:  # "My", "Will" are names too
            return True
    return False


CONTACT_BEFORE = 250  # characters of the block before a value where an invitation may stand
CONTACT_AFTER = 40


def offered_as_contact(document: Document, start: int, end: int) -> bool:
    """An invitation to the reader to get in touch ("Questions? Email us at", "call us at",
    "escríbenos a", "Contact:") close to the value, in its block."""
    return word_list_pattern(document.language, CONTACT_CUES).search(
        document.text, max(document.block(start)[0], start - CONTACT_BEFORE), start) is not None or \
        word_list_pattern(document.language, CONTACT_CUES).search(
            document.text, end, min(document.block(start)[1], end + CONTACT_AFTER)) is not None
