"""`people`: a named person tied to a private matter (health, leave, pay, performance...).

A name alone is not a leak, and neither is a spokesperson in an announcement; a coworker's or
customer's name in the same sentence as their diagnosis or disciplinary process is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import schema as s
from ..nlp import Needs
from . import Check, Hit, register
from ._disguise import name_key
from ._phrases import PhraseSet

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document


@register
class PeopleCheck(Check):
    kind = "people"
    doc = ("Flags a person's name (spaCy NER) in the same sentence as one of the `context` phrases; "
           "the company's spokespeople are never flagged.")
    placeholders = frozenset({"name", "context"})
    options = {
        "context": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                           doc="phrases that make a mention private (diagnosis, sick leave, salary)"),
        "window": s.Field(s.integer(minimum=1, maximum=60), default=25,
                          doc="at most this many tokens between the name and the phrase"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.context = PhraseSet(self.opts["context"], lemma=True)
        self.public_people = {name_key(p.name) for p in company.spokespeople}

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"ner", "sents"})) | self.context.needs

    def prepare(self, nlp: Language) -> None:
        self.context.prepare(nlp)

    def _is_public(self, name: str) -> bool:
        key = name_key(name)
        return any(key and (key in public or public in key) for public in self.public_people)

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        people = [ent for ent in doc.ents if ent.label_ == "PERSON" and not self._is_public(ent.text)]
        if not people:
            return
        context = self.context.find(doc)
        window = self.opts["window"]
        for ent in people:
            sent = ent.sent
            for c_start, c_end in context:
                if c_start >= sent.start and c_end <= sent.end and (
                        abs(c_start - ent.end) <= window or abs(ent.start - c_end) <= window):
                    yield Hit(ent.start_char, ent.end_char, {"name": ent.text, "context": doc[c_start:c_end].text})
                    break
