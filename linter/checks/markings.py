"""`markings`: text marked internal, confidential or embargoed, told apart from words about a marking.

A marking labels the text it stands on: "INTERNAL ONLY - do not forward", "(solo uso interno)",
"This is still under NDA", "Sharing a page from our confidential board deck". A published security
advisory that says "full details are embargoed until new releases are available", a commit title
"make _createSocketHandle() internal only" or "some apps are outward-facing, some internal only"
talk about a marking, or about something else, and label nothing.

So a marking is reported only on evidence that it labels the text (`_evidence.py`, MARKING): it
is written in capitals, in brackets or set off between commas, it opens its line (set off by a
colon or a dash) or a heading clause ending in a colon ("Nota de prensa bajo embargo hasta el lunes:
..."), a demonstrative or "our" points at what it marks ("this is",
"our confidential deck", "esto sigue"), or the sentence passes something on ("sharing", "here
are", "os paso"). Against it, and ruling it out: a description (`sense: label`: a verb with an
object, said of a thing through "be" or a passive), an entry of a changelog, a negation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from ..languages import declare
from ..nlp import Needs
from . import Check, Hit, register
from . import _evidence as ev
from ._context import block_tokens, is_negated, sentence_around
from ._evidence import OWN_POSSESSIVES
from ._phrases import PhraseSet
from ._sense import DEMONSTRATIVES, Sense, sense_option
from .terms import join_adjacent

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document

DISCLOSURE_CUES = declare(
    "disclosure_cues",
    "Words that pass something on (sharing, here are, os paso, comparto): a marking in their "
    "sentence marks what the post discloses.",
    frozenset(), source="list")

_SET_OFF_AFTER = regex.compile(r"\s*[)\]:\-–—]|\s*$|\s*\n")
_CLAUSE_END = regex.compile(r"[.!?;\n]|:(?!\d)")  # "a las 9:00:" ends at its second colon


@register
class MarkingsCheck(Check):
    kind = "markings"
    doc = ("Flags internal, confidential and embargo markings that label the post's text (capitals, brackets, "
           "a line's first words, 'this is', 'our ... deck', a sentence that passes something on); a marking the post "
           "only talks about, describes something else with, or lists in a changelog is not one.")
    options = {
        "terms": s.Field(s.list_of(s.string(), nonempty=True), required=True, doc="the markings"),
        "sense": sense_option,
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.phrases = PhraseSet(self.opts["terms"])
        self.sense = Sense(self.opts["sense"], self.opts["terms"])

    @property
    def needs(self) -> Needs:
        return self.phrases.needs | Needs(frozenset({"pos", "sents", "deps_on_demand"}))

    def prepare(self, nlp: Language) -> None:
        self.phrases.prepare(nlp)
        self.sense.prepare(nlp)

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        described = set()
        spans = []
        for start, end in self.phrases.find(doc):
            span = doc[start:end]
            spans.append((span.start_char, span.end_char))
            if self.sense and not self.sense.accepts(document, start, end):
                described.add((span.start_char, span.end_char))
        for start, end in join_adjacent(document.text, sorted(spans)):
            inside = [(a, b) for a, b in spans if start <= a and b <= end]
            reasons = self._evidence(document, start, end, all(span in described for span in inside))
            severity = ev.decide(self.rule.severity, reasons, unsupported=None)
            if severity is not None:
                yield Hit(start, end, severity=severity, evidence=ev.worded(reasons, document.language))

    def _evidence(self, document: Document, start: int, end: int, described: bool) -> list[str]:
        """The reasons for and against the words at `text[start:end]` marking the post's text."""
        if described:
            return [ev.DESCRIBED]
        if ev.in_changelog_entry(document, start, end):
            return [ev.CHANGELOG]
        if is_negated(document.text, start, document.language):
            return [ev.NEGATED]
        return [ev.MARKING] if self._labels_the_text(document, start, end) else []

    @staticmethod
    def _labels_the_text(document: Document, start: int, end: int) -> bool:
        text, language = document.text, document.language
        marking = text[start:end]
        if marking.isupper() and any(len(w) >= 4 for w in regex.findall(r"\p{L}+", marking)):
            return True  # "INTERNAL ONLY", "NO PUBLICAR": NDA alone is an acronym, not capitals
        before = text[max(0, start - 3):start].rstrip()
        after = _SET_OFF_AFTER.match(text, end)
        if before.endswith(("(", "[")) or (before.endswith(",") and text.startswith(",", end)):
            return True  # "(internal only)", "el resumen, estrictamente confidencial, pero ..."
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip(" \t#*_>-") and after is not None:
            return True  # a line's first words, set off: "EMBARGOED:", "Internal only -"
        if not _CLAUSE_END.search(text, line_start, start):
            clause_end = _CLAUSE_END.search(text, end)
            if clause_end is not None and clause_end.group() == ":":
                return True  # a heading clause: "Nota de prensa bajo embargo hasta el lunes a las 9:00: ..."
        doc = document.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            lo, _ = block_tokens(document, span.start)
            pointers = DEMONSTRATIVES.of(language) | OWN_POSSESSIVES.of(language)
            if any(t.lower_ in pointers for t in doc[max(lo, span.start - 3):span.start]):
                return True  # "this is still under NDA", "our confidential board deck", "esto sigue bajo NDA"
        s_start, s_end = sentence_around(text, start, end, 300, document.block(start))
        return ev.word_list_pattern(language, DISCLOSURE_CUES).search(text, s_start, s_end) is not None
