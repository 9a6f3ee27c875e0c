"""`terms`: report any of a list of words or phrases, as whole tokens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import schema as s
from ..nlp import Needs
from . import Check, Hit, register
from ._context import is_negated
from ._disguise import Deobfuscator
from ._phrases import PhraseSet
from ._sense import Sense, sense_option

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document


@register
class TermsCheck(Check):
    kind = "terms"
    doc = "Flags the listed words and phrases wherever they stand as whole words."
    options = {
        "terms": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                         doc="words or phrases to flag"),
        "lemma": s.Field(s.boolean(), default=True, doc="also match other forms (idiot: idiots)"),
        "case_sensitive": s.Field(s.boolean(), default=False),
        "obfuscated": s.Field(s.boolean(), default=False,
                              doc="also catch disguised spellings: f*ck, sh1t, a$$, f u c k, fuuuck"),
        "skip_negated": s.Field(s.boolean(), default=False,
                                doc="leave a match alone when its clause is negated"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="phrases a term inside of is another word (kick-ass is milder than ass)"),
        "join_adjacent": s.Field(s.boolean(), default=False,
                                 doc="report matches separated only by spaces and punctuation as one"),
        "sense": sense_option,
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.phrases = PhraseSet(self.opts["terms"], lemma=self.opts["lemma"],
                                 case_sensitive=self.opts["case_sensitive"])
        self.disguised = Deobfuscator(self.opts["terms"]) if self.opts["obfuscated"] else None
        self.sense = Sense(self.opts["sense"], self.opts["terms"])
        self.unless = PhraseSet(self.opts["unless"]) if self.opts["unless"] else None

    @property
    def needs(self) -> Needs:
        if self.sense:
            return self.phrases.needs | Needs(frozenset({"pos", "sents", "deps_on_demand"}))
        return self.phrases.needs

    def prepare(self, nlp: Language) -> None:
        self.phrases.prepare(nlp)
        self.sense.prepare(nlp)
        if self.unless is not None:
            self.unless.prepare(nlp)

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        spans = set()
        inside = self.unless.find(doc) if self.unless is not None else []
        for start, end in self.phrases.find(doc):
            if self.sense and not self.sense.accepts(document, start, end):
                continue
            if any(a <= start and end <= b for a, b in inside):
                continue
            span = doc[start:end]
            spans.add((span.start_char, span.end_char))
        if self.disguised:
            spans.update((start, end) for start, end, _ in self.disguised.find(document.text))
        text = document.text
        if self.opts["skip_negated"]:
            spans = {(s, e) for s, e in spans if not is_negated(text, s, document.language)}
        ordered = sorted(spans)
        if self.opts["join_adjacent"]:
            ordered = join_adjacent(text, ordered)
        for start, end in ordered:
            yield Hit(start, end)


def join_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"INTERNAL ONLY - do not forward" is one marking, not two."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start - joined[-1][1] <= 4 and not any(ch.isalnum() for ch in text[joined[-1][1]:start]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined
