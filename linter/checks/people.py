"""`people`: a named person tied to a private matter (health, leave, pay, performance...).

A name alone is not a leak, and neither is a spokesperson in an announcement, an author byline or a
thanked contributor; a coworker's or customer's name tied by the parse to their diagnosis,
disciplinary process or pay is. The dependency parse is made only for sentences that hold both a
name and a private matter (`deps_on_demand`), so it costs nothing on ordinary posts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..finding import Severity
from ..nlp import Needs, parse_on_demand
from . import Check, Hit, register
from ._context import is_negated, is_quoted
from ._disguise import name_key
from ._grammar import grammar
from ._phrases import PhraseSet

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..document import Document


_NAME_TOKEN = regex.compile(r"[\p{Lu}][\p{L}'\-.]*|(?:van|von|de|da|del|der|den|la|le|di|du|bin|al)")
_MONEY = regex.compile(r"[$€£]\s?\d[\d,.]*\s?(?:[kKmM]\b|thousand|million)?|\b\d[\d,.]*\s?(?:[kK]|dollars|euros|pounds)\b")
_PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "him"})
# "I was diagnosed with diabetes" is three arcs; "I haven't mentioned exclusion based on ... disability" many more
_OWN_MAX_PATH = 3


@register
class PeopleCheck(Check):
    kind = "people"
    doc = ("Flags a person's name (spaCy NER) tied by the dependency parse to one of the `context` "
           "phrases in its sentence (or, through a pronoun, in the next one); people introduced by "
           "a public role and the company's spokespeople are never flagged.")
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
        self.own_context = PhraseSet(self.opts["own_context"], lemma=True) if self.opts["own_context"] else None
        self.public_people = {name_key(p.name) for p in company.spokespeople}
        self.pay_verbs = {v.lower() for v in self.opts["pay_verbs"]}
        self.public_roles = {r.lower() for r in self.opts["public_roles"]}
        self.nlp: Language | None = None

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"ner", "sents", "deps_on_demand"})) | self.context.needs

    def prepare(self, nlp: Language) -> None:
        self.context.prepare(nlp)
        if self.own_context is not None:
            self.own_context.prepare(nlp)
        self.nlp = nlp

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
            spans.extend((sent.start, sent.end) for sent in doc.sents if _MONEY.search(sent.text))
        return spans

    def _is_public(self, name: str) -> bool:
        key = name_key(name)
        return any(key and (key in public or public in key) for public in self.public_people)

    def _looks_like_a_name(self, ent: Span) -> bool:
        """"Tier 2", "Manchester M20", "li>" are NER slips, not people."""
        return all(_NAME_TOKEN.fullmatch(t.text) for t in ent)

    def _has_public_role(self, ent: Span) -> bool:
        """"Our CEO, Maria Chen," or "Daniel Okafor, our CTO": a person speaking for an organisation."""
        doc = ent.doc
        near = doc[max(ent.start - 3, ent.sent.start):min(ent.end + 4, ent.sent.end)]
        return any(t.lower_ in self.public_roles for t in near)

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        yield from self._about_the_author(document)
        people = [ent for ent in doc.ents if ent.label_ == "PERSON" and not self._is_public(ent.text)
                  and self._looks_like_a_name(ent) and not self._has_public_role(ent)]
        if not people:
            return
        context = self.context.find(doc)
        for ent in people:
            found = self._private_matter(doc, ent, context)
            if found is not None:
                yield Hit(ent.start_char, ent.end_char, {"name": ent.text, "context": found})

    def _about_the_author(self, document: Document) -> Iterator[Hit]:
        """"I was diagnosed with diabetes", "my medication list": the author's own private matter, tied
        to "I"/"my" by the parse. Words the author quotes from someone else are left alone."""
        if self.own_context is None or self.nlp is None or not self.nlp.has_pipe("tagger"):
            return
        doc = document.doc
        myself = grammar(document.lang).myself
        told: set[int] = set()  # one finding per sentence: one fact
        for c_start, c_end in _joined(self.own_context.find(doc)):
            sent = doc[c_start].sent
            me = [t for t in sent if t.lower_ in myself and t.i < c_start]
            phrase = doc[c_start:c_end]
            if not me or sent.start in told or is_quoted(document.text, phrase.start_char, sent.start_char) \
                    or is_negated(document.text, phrase.start_char):
                continue  # "can I view lists without adding prescriptions?" tells nothing
            if any(self._tied(sent, doc[t.i:t.i + 1], phrase, _OWN_MAX_PATH) for t in me):
                told.add(sent.start)
                template = "own_message" if self.opts["own_message"] else None
                severity = min(Severity(self.opts["own_severity"]), self.rule.severity, key=lambda v: v.rank)
                yield Hit(phrase.start_char, phrase.end_char, {"name": me[0].text, "context": phrase.text},
                          severity=severity, template=template)

    def _private_matter(self, doc: Doc, ent: Span, context: list[tuple[int, int]]) -> str | None:
        sent = ent.sent
        window = self.opts["window"]
        for c_start, c_end in context:
            if c_start >= sent.start and c_end <= sent.end and (
                    abs(c_start - ent.end) <= window or abs(ent.start - c_end) <= window):
                if self._tied(sent, ent, doc[c_start:c_end]):
                    return doc[c_start:c_end].text
        if self.pay_verbs and _MONEY.search(sent.text):
            paid = self._paid(sent, ent)
            if paid:
                return paid
        return self._in_next_sentence(doc, ent, context)

    def _tied(self, sent: Span, ent: Span, phrase: Span, max_path: int | None = None) -> bool:
        """The name and the phrase are close in the dependency tree of their sentence."""
        if self.nlp is None:
            return True
        parsed = parse_on_demand(self.nlp, sent)
        a = parsed[ent.start - sent.start:ent.end - sent.start].root
        b = parsed[phrase.start - sent.start:phrase.end - sent.start].root
        return _arcs_between(a, b) <= (max_path or self.opts["max_path"])

    def _paid(self, sent: Span, ent: Span) -> str | None:
        """"Emma makes $185k": the person is the subject of a pay verb whose object is money."""
        verbs = [t for t in sent if t.lemma_.lower() in self.pay_verbs or t.lower_ in self.pay_verbs]
        if not verbs or self.nlp is None:
            return None
        parsed = parse_on_demand(self.nlp, sent)
        person = parsed[ent.start - sent.start:ent.end - sent.start].root
        for verb in verbs:
            v = parsed[verb.i - sent.start]
            if _arcs_between(person, v) <= 2:
                amount = _MONEY.search("".join(t.text_with_ws for t in v.subtree))
                if amount:
                    return f"{verb.text} {amount.group()}"
        return None

    def _in_next_sentence(self, doc: Doc, ent: Span, context: list[tuple[int, int]]) -> str | None:
        """"Keep Sarah Miller in your thoughts. She starts chemo on Monday.": a pronoun carries the name."""
        sent = ent.sent
        if sent.end >= len(doc):
            return None
        following = doc[sent.end].sent
        names = [e for e in sent.ents if e.label_ == "PERSON"]
        opener = [t for t in following[:3] if t.is_alpha]
        if len(names) != 1 or not opener or opener[0].lower_ not in _PRONOUNS:
            return None
        for c_start, c_end in context:
            if c_start >= following.start and c_end <= following.end:
                return doc[c_start:c_end].text
        return None


def _joined(spans: list[tuple[int, int]], gap: int = 0) -> list[tuple[int, int]]:
    """Phrases that touch one another as one ("was diagnosed with" + "diabetes")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1] + gap:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _arcs_between(a: Token, b: Token) -> int:
    up = {}
    for steps, t in enumerate([a, *a.ancestors]):
        up[t.i] = steps
    for steps, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return steps + up[t.i]
    return 99
