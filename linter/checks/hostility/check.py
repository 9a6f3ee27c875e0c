"""The `hostility` rule kind: its options (`aims`, `readings`) and the hits of the readings it reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ... import schema as s
from ...nlp import Needs
from .. import Check, Hit, register
from .lexicon import Lexicon, lexicon
from .statements import AIMS, READINGS, readings

if TYPE_CHECKING:
    from spacy.language import Language

    from ...document import Document
    from ...languages import Language as Unit


@register
class HostilityCheck(Check):
    kind = "hostility"
    doc = ("Flags a hostile statement about people: a hostile predicate (from the language's `hostility` "
           "word sets, by lemma) that the sentence ties to a target of one of `aims`, in one of `readings`; "
           "negated, reported and quoted statements are left alone.")
    placeholders = frozenset({"target"})
    options = {
        "aims": s.Field(s.list_of(s.choice(*AIMS), nonempty=True), required=True,
                        doc="who a statement must be aimed at to be reported: group (a protected group), "
                            "people (a group named by role or activity), person (someone, or the reader)"),
        "readings": s.Field(s.list_of(s.choice(*READINGS), nonempty=True), required=True,
                            doc="what a statement must say to be reported: derogation (hatred, contempt, "
                                "dehumanising, negated esteem), exclusion (throw out, ban), threat (harm)"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.aims = frozenset(self.opts["aims"])
        self.readings = frozenset(self.opts["readings"])
        self.nlp: Language | None = None
        self._lexicons: dict[str, Lexicon] = {}

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"sents", "lemma", "pos", "deps_on_demand"}))

    def prepare(self, nlp: Language) -> None:
        self.nlp = nlp

    def lexicon(self, unit: Unit) -> Lexicon:
        return lexicon(unit, self.nlp)

    def run(self, document: Document) -> Iterator[Hit]:
        if self.nlp is None:
            return
        doc = document.doc
        for r in readings(document, self.lexicon(document.language), self.nlp):
            if r.aim in self.aims and r.reading in self.readings:
                first, last = doc[r.start], doc[r.end - 1]
                yield Hit(first.idx, last.idx + len(last.text), {"target": r.target})
