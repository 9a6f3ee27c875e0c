"""`customers`: names of customers whose relationship with the company is not public."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import schema as s
from . import Check, Hit, register
from ._disguise import NameFinder
from ._phrases import PhraseSet

if TYPE_CHECKING:
    from spacy.language import Language

    from ..config import Customer
    from ..document import Document


@register
class CustomersCheck(Check):
    kind = "customers"
    doc = ("Flags the customers listed under company.customers that are not `public: true`. With "
           "`context`, only when one of those words is within `window` tokens.")
    placeholders = frozenset({"name"})
    options = {
        "context": s.Field(s.list_of(s.string(), nonempty=True),
                           doc="only report when one of these words is close (customer, deal, signed)"),
        "window": s.Field(s.integer(minimum=1, maximum=50), default=12),
    }

    @classmethod
    def policy_values(cls, options, company):  # type: ignore[no-untyped-def]
        return [name for customer in company.customers for name in customer.names]

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.finder = NameFinder({n: c for c in company.customers if not c.public for n in c.names})
        self.context = PhraseSet(self.opts["context"], lemma=True) if self.opts["context"] else None

    @property
    def needs(self):  # type: ignore[no-untyped-def]
        return self.context.needs if self.context else super().needs

    def prepare(self, nlp: Language) -> None:
        if self.context:
            self.context.prepare(nlp)

    def run_on_name(self, name: str, document: Document) -> Iterator[Hit]:
        if not self.context:  # a name that is a leak only near cue words: a slug has none
            for start, end, owner in self.finder.find(name):
                yield Hit(start, end, {"name": owner.name})  # type: ignore[attr-defined]

    def run(self, document: Document) -> Iterator[Hit]:
        hits = list(self.finder.find(document.text))
        if not hits:
            return
        context = []
        if self.context:
            doc = document.doc
            context = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in self.context.find(doc)]
        for start, end, owner in hits:
            customer: Customer = owner  # type: ignore[assignment]
            if self.context and not self._near(document, start, end, context):
                continue
            yield Hit(start, end, {"name": customer.name})

    def _near(self, document: Document, start: int, end: int, context: list[tuple[int, int]]) -> bool:
        doc = document.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        lo = doc[max(span.start - self.opts["window"], 0)].idx
        last = doc[min(span.end + self.opts["window"], len(doc)) - 1]
        hi = last.idx + len(last)
        return any(lo <= c_start and c_end <= hi for c_start, c_end in context)
