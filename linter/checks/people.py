"""`people`: a named person tied to a private matter (health, leave, pay, performance...).

A name alone is not a leak, and neither is a spokesperson in an announcement, an author byline or a
thanked contributor; a coworker's or customer's name tied by the parse to their diagnosis,
disciplinary process or pay is. The dependency parse is made only for sentences that hold both a
name and a private matter (`parse_on_demand`), so it costs nothing on ordinary posts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..finding import Severity
from ..languages import declare
from ..nlp import ON_DEMAND, Needs, parse_on_demand, provides
from ..vocab import dictionary
from . import Check, Hit, register
from . import _evidence as ev
from ._attribution import credited
from ._context import OF_WORDS, arcs_between, block_tokens, is_negated, is_quoted
from ._disguise import name_key
from ._evidence import FIRST_NAMES, MYSELF, PERSON_TITLES
from ._phrases import PhraseSet
from ._sense import NOT_PROSE, TECH_TERMS, Sense, sense_option

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .. import languages
    from ..document import Document

PRONOUNS = declare(
    "pronouns",
    'Personal pronouns that carry a name into the next sentence ("Keep Sarah in your thoughts. '
    'She starts chemo on Monday.").',
    frozenset())
NAME_PARTICLES = declare(
    "name_particles",
    "Lower-case words that belong inside personal names (van, de, bin): a name with any other "
    "lower- case word is an NER slip, not a person.",
    ())
MONEY_MAGNITUDES = declare(
    "money_magnitudes",
    'Words after an amount that scale it ("$185 thousand").',
    ())
CURRENCY_WORDS = declare(
    "currency_words",
    'Currency names written after an amount ("90,000 euros").',
    ())
NOT_NAMES = declare(
    "not_names",
    "Words the language's NER takes for names but that never are one (Spanish \"Hola\", \"Está\"): "
    "stripped from the front of a person entity, which is dropped when nothing else is left.",
    frozenset())
PERSON_PRONOUNS = declare(
    "person_pronouns",
    "Pronouns that refer only to a person (he, her; él, ella): one after a name in its block is "
    "evidence that the name is a person's.",
    frozenset())


def _alternatives(words: tuple[str, ...]) -> str:
    return "".join("|" + regex.escape(w) for w in words)


@functools.cache
def _name_token(language: languages.Language) -> regex.Pattern[str]:
    """A token that may stand in a person's name: capitalised, or one of the language's particles."""
    return regex.compile(rf"[\p{{Lu}}][\p{{L}}'\-.]*|(?:{_alternatives(NAME_PARTICLES.of(language))[1:]})")


@functools.cache
def _money(language: languages.Language) -> regex.Pattern[str]:
    """An amount of money: "$185k", "€90,000", "90,000 euros", "3 millones de euros" (the language's
    magnitudes, the words that join them to a currency, and currencies)."""
    of = "".join(rf"{regex.escape(w)}\s+|" for w in sorted(OF_WORDS.of(language)))
    magnitudes = _alternatives(MONEY_MAGNITUDES.of(language))
    # bounded: an unbounded [\d,.]* tried from every digit of a long dotted run was quadratic
    return regex.compile(rf"[$€£]\s?\d[\d,.]{{0,24}}\s?(?:[kKmM]\b{magnitudes})?"
                         rf"|\b\d[\d,.]{{0,24}}\s?(?:(?:{magnitudes[1:] or '(?!)'})\s+(?:{of})?)?"
                         rf"(?:[kK]{_alternatives(CURRENCY_WORDS.of(language))})(?!\w)")


# A link to a published work in the sentence: the person named beside it is cited for it, not exposed.
_PUBLICATION = regex.compile(r"\b(?:doi\.org|arxiv\.org|researchgate\.net|pubmed|ncbi\.nlm\.nih\.gov|scholar\.google|"
                             r"jstor\.org|springer\.com|sciencedirect\.com|onlinelibrary\.wiley|dl\.acm\.org|"
                             r"ieeexplore|ssrn\.com|hbr\.org)\b|\.pdf\b", regex.IGNORECASE)

# "I was diagnosed with diabetes" is three arcs; "I haven't mentioned exclusion based on ... disability" many more
_OWN_MAX_PATH = 3


@functools.cache
def _titles(language: languages.Language) -> frozenset[str]:
    """The language's titles without their full stop ("dr" for "Dr." and "Dr")."""
    return frozenset(w.rstrip(".") for w in PERSON_TITLES.of(language))


@register
class PeopleCheck(Check):
    kind = "people"
    allow_list = "spokespeople"
    doc = ("Flags a person's name (spaCy NER) tied by the dependency parse to one of the `context` "
           "phrases in its sentence (or, through a pronoun, in the next one); people introduced by "
           "a public role and the company's spokespeople are never flagged. With `own_context`, the "
           "author's own private matter tied to I/my is flagged too, at `own_severity`.")
    placeholders = frozenset({"name", "context"})
    options = {
        "context": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                           doc="phrases that make a mention private (diagnosis, sick leave, salary)"),
        "window": s.Field(s.integer(minimum=1, maximum=60), default=25,
                          doc="at most this many tokens between the name and the phrase"),
        "max_path": s.Field(s.integer(minimum=1, maximum=20), default=6,
                            doc="at most this many dependency arcs between the name and the phrase"),
        "pay_verbs": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                             doc="verbs that tie a name to an amount of money (makes $185k)"),
        "public_roles": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                                doc="role words that make a person public in an announcement (CEO, founder)"),
        "public_verbs": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                                doc="verbs that make the person the public source of what the sentence tells "
                                    "(announced, tweeted): their own published statement"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="idioms that hold a context phrase in another sense (as a bonus, bonus points)"),
        "sense": sense_option,
        "own_context": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                               doc="private matters reported when the author tells them about themselves "
                                   "(\"I was diagnosed with\", \"my medication\"): the author is a person too"),
        "own_severity": s.Field(s.choice("error", "warning", "info"), default="warning",
                                doc="severity when the person is the author"),
        "own_message": s.Field(s.string(), doc="message when the person is the author"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.context = PhraseSet(self.opts["context"], lemma=True)
        self.sense = Sense(self.opts["sense"], self.opts["context"])
        self.idioms = PhraseSet(self.opts["unless"], lemma=True) if self.opts["unless"] else None
        self.own_context = PhraseSet(self.opts["own_context"], lemma=True) if self.opts["own_context"] else None
        self.public_people = {name_key(p.name) for p in company.spokespeople}
        self.pay_verbs = {v.lower() for v in self.opts["pay_verbs"]}
        self.public_roles = {r.lower() for r in self.opts["public_roles"]}
        self.public_verbs = {v.lower() for v in self.opts["public_verbs"]}
        self.nlp: Language | None = None
        self.common_words: frozenset[str] = frozenset()
        self._parsed: dict[int, Doc] = {}  # sentence start -> its on-demand parse, per document

    @property
    def needs(self) -> Needs:
        needs = Needs(frozenset({"ner", "sents", ON_DEMAND})) | self.context.needs
        for phrases in (self.idioms, self.own_context):
            if phrases is not None:
                needs = needs | phrases.needs
        return needs

    def prepare(self, nlp: Language) -> None:
        self.context.prepare(nlp)
        if self.idioms:
            self.idioms.prepare(nlp)
        if self.own_context is not None:
            self.own_context.prepare(nlp)
        self.nlp = nlp
        self.common_words = dictionary(nlp)
        self.sense.prepare(nlp)

    def deferred_spans(self, document: Document, capability: str) -> list[tuple[int, int]] | None:
        # Names matter only in a sentence with a context phrase, in the sentence before one (a
        # pronoun carries the name), or in a sentence with money when pay verbs are set: NER runs
        # on those sentences only.
        doc = document.doc
        spans = []
        for start, end in self.context.find(doc):
            spans.append((start, end))
            if doc[start].sent.start > 0:
                spans.append((doc[start].sent.start - 1, doc[start].sent.start))
        if self.pay_verbs:
            money = _money(document.language)
            spans.extend((sent.start, sent.end) for sent in doc.sents if money.search(sent.text))
        return spans

    def _is_public(self, name: str) -> bool:
        key = name_key(name)
        return any(key and (key in public or public in key) for public in self.public_people)

    @staticmethod
    def _looks_like_a_name(ent: Span, language: languages.Language) -> bool:
        """"Tier 2", "Manchester M20", "li>" are NER slips, not people."""
        name_token = _name_token(language)
        return all(name_token.fullmatch(t.text) for t in ent)

    def _has_public_role(self, ent: Span) -> bool:
        """"Our CEO, Maria Chen," or "Daniel Okafor, our CTO": a person speaking for an organisation;
        "Ana Ruiz announced ...": a person whose own public statement the post reports; "Harvard
        researcher Amy Edmonson found [...](doi.org/...)": a person cited for published work."""
        doc = ent.doc
        near = doc[max(ent.start - 3, ent.sent.start):min(ent.end + 4, ent.sent.end)]
        if any(t.lower_ in self.public_roles for t in near):
            return True
        if _PUBLICATION.search(ent.sent.text):
            return True
        after = doc[ent.end:min(ent.end + 3, ent.sent.end)]
        return any(t.lemma_.lower() in self.public_verbs or t.lower_ in self.public_verbs for t in after)

    def _is_a_person(self, document: Document, ent: Span) -> bool:
        """Evidence that the small model's PERSON is a person, not a product ("Docker Compose",
        "Git", "Salary Finder"): a known first name, a title, two or more words that are neither
        common words nor technical terms, or a personal pronoun that refers back to it. Never a
        name inside code or a link target, a capitalised technical noun, or a credit."""
        if document.zones_at(ent.start_char, ent.end_char) & NOT_PROSE:
            return False
        language = document.language
        tech = TECH_TERMS.of(language)
        tokens = [t for t in ent if t.is_alpha]
        if not tokens or any(t.lower_ in tech or t.lemma_.lower() in tech for t in tokens):
            return False
        if credited(document, ent.start_char, ent.end_char):
            return False
        if tokens[0].lower_ in FIRST_NAMES.of(language):
            return True
        # a title before the name, or, as the Spanish model tags them, at its start ("Dra. Ruiz")
        titled = [ent.doc[ent.start - 1]] if ent.start > 0 else []
        if len(ent) > 1:
            titled.append(ent[0])
        if any(t.lower_.rstrip(".") in _titles(language) for t in titled):
            return True
        if len(tokens) >= 2 and not any(t.lower_ in self.common_words or t.lemma_.lower() in self.common_words
                                        for t in tokens):
            return True
        return self._referred_to(document, ent)

    @staticmethod
    def _referred_to(document: Document, ent: Span) -> bool:
        """"Makai ... his": a personal pronoun after the name, in its block, within two sentences."""
        doc = ent.doc
        _, hi = block_tokens(document, ent.start)
        end = ent.sent.end
        if end < hi:
            end = doc[end].sent.end
        return any(t.lower_ in PERSON_PRONOUNS.of(document.language) for t in doc[ent.end:min(end, hi)])

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        language = document.language
        self._parsed = {}
        yield from self._about_the_author(document)
        person = language.entity_labels.get("PERSON", ())
        named = (_without_not_names(ent, language) for ent in doc.ents if ent.label_ in person)
        people = [ent for ent in named if ent is not None and not self._is_public(ent.text)
                  and self._looks_like_a_name(ent, language) and not self._has_public_role(ent)
                  and self._is_a_person(document, ent)]
        if not people:
            return
        idioms = self.idioms.find(doc) if self.idioms else []
        context = [c for c in self.context.find(doc) if not self.sense or self.sense.accepts(document, *c)]
        context = [(a, b) for a, b in context if not any(i < b and a < j for i, j in idioms)]
        for ent in people:
            found = self._private_matter(document, ent, context, language, people)
            if found is not None:
                yield Hit(ent.start_char, ent.end_char, {"name": ent.text, "context": found},
                          evidence=ev.worded([ev.PERSON, ev.MATTER], language))

    def _about_the_author(self, document: Document) -> Iterator[Hit]:
        """"I was diagnosed with diabetes", "my medication list": the author's own private matter, tied
        to "I"/"my" by the parse. Words the author quotes from someone else are left alone."""
        if self.own_context is None or self.nlp is None or "pos" not in provides(self.nlp):
            return
        doc, language = document.doc, document.language
        told: set[int] = set()  # one finding per sentence: one fact
        for c_start, c_end in _joined(self.own_context.find(doc)):
            sent = doc[c_start].sent
            me = [t for t in sent if t.lower_ in MYSELF.of(language) and t.i < c_start]
            phrase = doc[c_start:c_end]
            if not me or sent.start in told or is_quoted(document.text, phrase.start_char, sent.start_char) \
                    or is_negated(document.text, phrase.start_char, language):
                continue  # "can I view lists without adding prescriptions?" tells nothing
            if any(self._arcs(sent, doc[t.i:t.i + 1], phrase) <= _OWN_MAX_PATH for t in me):
                told.add(sent.start)
                template = "own_message" if self.opts["own_message"] else None
                reasons = [ev.MATTER, ev.OWN]
                own = min(Severity(self.opts["own_severity"]), self.rule.severity, key=lambda v: v.rank)
                severity = min(own, ev.decide(self.rule.severity, reasons) or own, key=lambda v: v.rank)
                yield Hit(phrase.start_char, phrase.end_char, {"name": me[0].text, "context": phrase.text},
                          severity=severity, template=template, evidence=ev.worded(reasons, language))

    def _private_matter(self, document: Document, ent: Span, context: list[tuple[int, int]],
                        language: languages.Language, people: list[Span]) -> str | None:
        doc = document.doc
        sent = ent.sent
        window = self.opts["window"]
        lo, hi = block_tokens(document, ent.start)
        others = [p for p in people if p is not ent and p.sent.start == sent.start]
        for c_start, c_end in context:
            if max(sent.start, lo) <= c_start and c_end <= min(sent.end, hi) and (
                    abs(c_start - ent.end) <= window or abs(ent.start - c_end) <= window):
                phrase = doc[c_start:c_end]
                arcs = self._arcs(sent, ent, phrase)
                # the matter is another person's when their name is closer to it in the parse
                if arcs <= self.opts["max_path"] and all(self._arcs(sent, o, phrase) >= arcs for o in others):
                    return phrase.text
        money = _money(language)
        if self.pay_verbs and money.search(sent.text):
            paid = self._paid(sent, ent, money)
            if paid:
                return paid
        return self._in_next_sentence(document, ent, context, language)

    def _arcs(self, sent: Span, ent: Span, phrase: Span) -> int:
        """How many dependency arcs part the name from the phrase in their sentence (parsed once)."""
        if self.nlp is None:
            return 0
        parsed = self._parsed.get(sent.start)
        if parsed is None:
            parsed = self._parsed[sent.start] = parse_on_demand(self.nlp, sent)
        a = parsed[ent.start - sent.start:ent.end - sent.start].root
        b = parsed[phrase.start - sent.start:phrase.end - sent.start].root
        return arcs_between(a, b)

    def _paid(self, sent: Span, ent: Span, money: regex.Pattern[str]) -> str | None:
        """"Emma makes $185k": the person is the subject of a pay verb whose object is money."""
        verbs = [t for t in sent if t.lemma_.lower() in self.pay_verbs or t.lower_ in self.pay_verbs]
        if not verbs or self.nlp is None:
            return None
        parsed = self._parsed.get(sent.start)
        if parsed is None:
            parsed = self._parsed[sent.start] = parse_on_demand(self.nlp, sent)
        person = parsed[ent.start - sent.start:ent.end - sent.start].root
        for verb in verbs:
            v = parsed[verb.i - sent.start]
            if arcs_between(person, v) <= 2:
                amount = money.search("".join(t.text_with_ws for t in v.subtree))
                if amount:
                    return f"{verb.text} {amount.group()}"
        return None

    @staticmethod
    def _in_next_sentence(document: Document, ent: Span, context: list[tuple[int, int]],
                          language: languages.Language) -> str | None:
        """"Keep Sarah Miller in your thoughts. She starts chemo on Monday.": a pronoun carries the name."""
        doc = document.doc
        sent = ent.sent
        if sent.end >= len(doc) or sent.end >= block_tokens(document, ent.start)[1]:
            return None  # a pronoun in the next paragraph or list item refers to someone else
        following = doc[sent.end].sent
        names = [e for e in sent.ents if e.label_ in language.entity_labels.get("PERSON", ())]
        opener = [t for t in following[:3] if t.is_alpha]
        if len(names) != 1 or not opener or opener[0].lower_ not in PRONOUNS.of(language):
            return None
        for c_start, c_end in context:
            if c_start >= following.start and c_end <= following.end:
                return doc[c_start:c_end].text
        return None


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Phrases that touch one another as one ("was diagnosed with" + "diabetes")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _without_not_names(ent: Span, language: languages.Language) -> Span | None:
    """`ent` without the leading words that are never names ("Hola Lucía": "Lucía"); None when none is left."""
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in NOT_NAMES.of(language):
        start += 1
    if start == ent.end:
        return None
    return ent if start == ent.start else ent.doc[start:ent.end]
