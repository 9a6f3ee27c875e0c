"""`near`: a phrase that matters only in company (A within N tokens of B) or alone (A without B).

"coke" is a drug near "line" or "snort" and a drink near "diet" or "can"; "kill" is a threat near
"you" and harmless near "process". `near` says what must be close for a hit, `unless` what
nearby cancels it, and `unless_in_post` what anywhere in the post cancels it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .. import schema as s
from ..nlp import Needs, parse_on_demand
from . import Check, Hit, register
from ._context import arcs_between, block_tokens, is_negated
from ._phrases import PhraseSet
from ._sense import Sense, sense_option

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..document import Document
    from ..errors import Problem
    from ..yamlio import Mark


@register
class NearCheck(Check):
    kind = "near"
    doc = "Flags a phrase only when another is within a few words (or absent from the post)."
    placeholders = frozenset({"near"})
    options = {
        "terms": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                         doc="the phrase that is reported (A)"),
        "near": s.Field(s.list_of(s.string(), nonempty=True), doc="A counts only with one of these close by (B)"),
        "window": s.Field(s.integer(minimum=1, maximum=50), default=6, doc="how many tokens is close"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), doc="any of these close by cancels the hit"),
        "unless_window": s.Field(s.integer(minimum=1, maximum=50), doc="close for `unless` (default: window)"),
        "unless_in_post": s.Field(s.list_of(s.string(), nonempty=True),
                                  doc="any of these anywhere in the post cancels every hit"),
        "same_sentence": s.Field(s.boolean(), default=True, doc="B and `unless` must be in A's sentence"),
        "skip_negated": s.Field(s.boolean(), default=False,
                                doc="leave a match alone when its clause is negated"),
        "lemma": s.Field(s.boolean(), default=True),
        "case_sensitive": s.Field(s.boolean(), default=False),
        "max_path": s.Field(s.integer(minimum=1, maximum=20),
                            doc="B must be tied to A by at most this many dependency arcs (\"there will be "
                                "layoffs\", not a \"will\" in another clause); the sentence is parsed on demand"),
        "sense": sense_option,
    }

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        if not (options["near"] or options["unless"] or options["unless_in_post"]):
            problems.append(where("terms").problem("E103", "a 'near' rule needs 'near', 'unless' or 'unless_in_post'",
                                         "without context words, use kind: terms"))

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        o = self.opts
        make = lambda words: PhraseSet(words, lemma=o["lemma"], case_sensitive=o["case_sensitive"]) if words else None  # noqa: E731
        self.targets = make(o["terms"])
        self.near = make(o["near"])
        self.unless = make(o["unless"])
        self.unless_in_post = make(o["unless_in_post"])
        self.window = o["window"]
        self.unless_window = o["unless_window"] or o["window"]
        self._sets = [p for p in (self.targets, self.near, self.unless, self.unless_in_post) if p]
        self.sense = Sense(o["sense"], o["terms"])
        self.nlp: Language | None = None

    @property
    def needs(self) -> Needs:
        needs = Needs(frozenset({"sents"})) if self.opts["same_sentence"] else Needs()
        if self.sense or self.opts["max_path"]:
            needs = needs | Needs(frozenset({"pos", "sents", "deps_on_demand"}))
        for phrases in self._sets:
            needs = needs | phrases.needs
        return needs

    def prepare(self, nlp: Language) -> None:
        for phrases in self._sets:
            phrases.prepare(nlp)
        self.sense.prepare(nlp)
        self.nlp = nlp

    def _close(self, document: Document, span: tuple[int, int], others: list[tuple[int, int]], window: int,
               *, overlapping: bool = False) -> tuple[int, int] | None:
        """The first of `others` within `window` tokens of `span`, in its block (and sentence).

        With `overlapping`, a phrase that contains or overlaps the span counts as close too
        ("blunt feedback" cancels "blunt").
        """
        doc = document.doc
        start, end = span
        lo, hi = block_tokens(document, start)
        lo, hi = max(start - window, lo), min(end + window, hi)
        if self.opts["same_sentence"] and doc.has_annotation("SENT_START"):
            sent = doc[start].sent
            lo, hi = max(lo, sent.start), min(hi, sent.end)
        for o_start, o_end in others:
            disjoint = o_end <= start or o_start >= end
            if o_start >= lo and o_end <= hi and (disjoint or overlapping):
                return o_start, o_end
        return None

    def _tied(self, doc: Doc, span: tuple[int, int], other: tuple[int, int]) -> bool:
        """With `max_path`, whether `other` hangs off `span` in the dependency tree of its sentence."""
        limit = self.opts["max_path"]
        if not limit or self.nlp is None:
            return True
        sent = doc[span[0]].sent
        if not (sent.start <= other[0] and other[1] <= sent.end):
            return False
        parsed = parse_on_demand(self.nlp, sent)
        a = parsed[span[0] - sent.start:span[1] - sent.start].root
        b = parsed[other[0] - sent.start:other[1] - sent.start].root
        return arcs_between(a, b) <= limit

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        if self.unless_in_post and self.unless_in_post.find(doc):
            return
        near = self.near.find(doc) if self.near else []
        unless = self.unless.find(doc) if self.unless else []
        for span in self.targets.find(doc):
            partner = None
            if self.near:
                partner = self._close(document, span, [n for n in near if self._tied(doc, span, n)], self.window)
                if partner is None:
                    continue
            if unless and self._close(document, span, unless, self.unless_window, overlapping=True):
                continue
            tokens = doc[span[0]:span[1]]
            if self.opts["skip_negated"] and is_negated(document.text, tokens.start_char, document.language):
                continue
            if self.sense and not self.sense.accepts(document, *span):
                continue
            values = {"near": doc[partner[0]:partner[1]].text} if partner else {"near": ""}
            yield Hit(tokens.start_char, tokens.end_char, values)
