"""The `labelled` rule kind itself: its options, what it needs from the parse, and how it reads a post.

It finds the rule's labels (`labels.py`), reads the value after each (`values.py`), adds values
found without a strong label (by shape and checksum, by Presidio, or near a weak cue), keeps those
that count (not a placeholder, a dummy, a public number or a range; whose they are, `owner.py`),
and turns each into a hit (`verdict.py`). Sentences bound where a label reaches.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import regex

from ... import schema as s
from ...finding import Severity
from ...languages import declare
from ...nlp import Needs
from .. import Check, Hit, Notice, register
from .. import _evidence as ev
from .._context import could_be_public, is_public_number, is_quoted, public_digits
from .fields import ALL, FIELD_OPTIONS, LabelledField, compile_field
from .labels import Labels, names_another_thing
from .owner import names_a_person, owner_after, owner_before, person_owner
from .values import dummy_context, is_placeholder, more_values, quoted_example, range_after, value_after
from .verdict import Found
from .verdict import hit as to_hit

if TYPE_CHECKING:
    from spacy.language import Language

    from ...document import Document
    from ...errors import Problem
    from ...languages import Language as LanguageUnit
    from ...yamlio import Mark

FORMAT_UNITS = declare(
    "format_units",
    'Words after a number that make it a format, not a value ("8 characters", "6 dígitos").',
    frozenset())

_NEXT_WORD = regex.compile(r"\s*([\p{L}%]+)")


@register
class LabelledCheck(Check):
    kind = "labelled"
    allow_list = "public_numbers"
    allows = classmethod(lambda cls, match: could_be_public(match))  # type: ignore[assignment]
    doc = ("Flags sensitive values a post states outright: a label (\"SSN\", \"IBAN\", \"contraseña\") "
           "followed in its sentence, through a copula or a separator, by a value of the field's shape; "
           "a failed checksum is still reported after a strong label. Placeholders, masks, dummies, "
           "formats and public values are not values; the author's own data gets its own severity.")
    placeholders = frozenset({"field", "a_field", "label"})
    options = {
        "fields": s.Field(s.list_of(s.mapping_of(FIELD_OPTIONS, what="field"), nonempty=True), required=True,
                          doc="the fields this rule reports, each with its labels and value shape"),
        "own_severity": s.Field(s.choice(*(str(v) for v in Severity)),
                                doc="severity when the value is the author's own (\"my PIN\"); "
                                    "default: the rule's"),
        "own_message": s.Field(s.string(), doc="message when the value is the author's own"),
        "unverified_message": s.Field(s.string(), doc="message when a labelled value fails its checksum"),
        "min_score": s.Field(s.number(minimum=0, maximum=1), default=0.5,
                             doc="Presidio confidence an unlabelled `entities` result needs"),
        "window": s.Field(s.integer(minimum=1, maximum=12), default=6,
                          doc="how many linking words (is, :, number...) may stand between label and value"),
        "context_before": s.Field(s.integer(minimum=1, maximum=200), default=60,
                                  doc="how many characters before a value a weak label may stand"),
        "context_after": s.Field(s.integer(minimum=0, maximum=200), default=20,
                                 doc="how many characters after a value a weak label may stand"),
        "timeout": s.Field(s.number(minimum=0.01, maximum=60), default=1.0,
                           doc="seconds one document may take before the rule gives up"),
    }

    @classmethod
    def policy_values(cls, options, company):  # type: ignore[no-untyped-def]
        for field in options.get("compiled", ()):  # each field's name, bare and with its article, per language
            yield from (field.name, field.a_name)
            for local in field.names.values():
                yield from (local, local.split(" ", 1)[-1])

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        mark = where("fields")
        compiled = []
        for spec in options["fields"]:
            field = compile_field(spec, mark, problems)
            if field is not None:
                compiled.append(field)
        if len(compiled) == len(options["fields"]):
            if all(f.alongside is not False for f in compiled):
                problems.append(mark.problem("E103", "every field is 'alongside' another: none can be found first"))
            options["compiled"] = tuple(compiled)

    @classmethod
    def describe(cls, options: Mapping[str, Any]) -> list[str]:
        lines = []
        for f in options["compiled"]:
            by_lang: dict[str, list[str]] = {}
            for per_lang in (f.labels, f.exact_labels):
                for lang, words in per_lang.items():
                    by_lang.setdefault(lang, []).extend(words)
            how = ["labels " + "; ".join(f"{'any language' if lang == ALL else lang}: {', '.join(words)}"
                                         for lang, words in sorted(by_lang.items()))] if by_lang else []
            if f.weak_labels:
                how.append("near " + ", ".join(w for words in f.weak_labels.values() for w in words)
                           + " with a valid checksum")
            if f.bare is not None or f.entities:
                how.append("also unlabelled, when its shape and checksum prove it")
            if f.validator is not None:
                how.append(f"checked with {f.validator.__name__}")
            if f.alongside is not False:
                how.append("only beside another value of this rule")
            if f.person_subject:
                how.append("only when a person is its subject")
            lines.append(f"- {f.name}: " + "; ".join(how))
        return lines

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.fields: tuple[LabelledField, ...] = self.opts["compiled"]
        self._labels: Labels | None = None
        self.public = public_digits(company)
        own = self.opts["own_severity"]
        self.own_severity = None if own is None else min(Severity(own), rule.severity, key=lambda v: v.rank)

    @property
    def needs(self) -> Needs:
        ner = {"ner"} if any(f.person_subject for f in self.fields) else set()
        return Needs(frozenset({"sents", "lemma", *ner}), frozenset(e for f in self.fields for e in f.entities))

    def deferred_spans(self, document: Document, capability: str) -> list[tuple[int, int]] | None:
        # Names tell whether "born" has a person for subject: NER runs on those sentences only.
        if capability != "ner":
            return None
        doc, spans = document.doc, []
        for start, end, index, _ in self._found_labels(document):
            span = doc.char_span(start, end, alignment_mode="expand") if self.fields[index].person_subject else None
            if span is not None:
                spans.append((span.sent.start, span.sent.end))
        return spans

    def prepare(self, nlp: Language) -> None:
        self._labels = Labels(self.fields, nlp)

    def _found_labels(self, document: Document) -> list[tuple[int, int, int, bool]]:
        if self._labels is None:
            raise RuntimeError(f"rule {self.rule.code} was not prepared for a pipeline")
        return self._labels.find(document.doc)

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        try:
            yield from self._run(document)
        except TimeoutError:
            yield Notice(f"rule {self.rule.code} gave up after {self.opts['timeout']}s on this text; "
                         "other rules still ran")

    def _run(self, document: Document) -> Iterator[Hit]:
        text = document.text
        g = document.language
        sentences = _Sentences(document)
        found: list[Found] = []
        weak: list[tuple[int, int, int]] = []
        for start, end, index, is_weak in self._found_labels(document):
            if is_weak:
                weak.append((start, end, index))
                continue
            field = self.fields[index]
            if names_another_thing(document, start, end, field):
                continue
            limit = sentences.end(start)
            value = value_after(text, end, limit, field, g, self.opts["window"], self.opts["timeout"])
            if value is not None:
                found.append(Found(field, *value, label=text[start:end], label_start=start, strong=True))
                # "are 01/02/1980 and 03/04/1985"
                for value in more_values(text, value[1], limit, field, g, self.opts["timeout"]):
                    found.append(Found(field, *value, label=text[start:end], label_start=start, strong=True))
            elif field.checksum:
                weak.append((start, end, index))  # a strong label is a weak one too, for a valid value nearby
        found += self._unlabelled(document, weak)
        kept: list[Found] = []
        for item in found:
            if self._counts(item, document, sentences, g) and not any(
                    k.start < item.end and item.start < k.end for k in kept):
                kept.append(item)
        kept = sorted((k for k in kept if self._companions_ok(k, kept, text, sentences)), key=lambda k: k.start)
        for i, item in enumerate(kept):
            if item.owner is None:  # "my card 4111 ..., CVV 123": the CVV is mine too
                s_start = sentences.start(item.start)
                item.owner = next((k.owner for k in reversed(kept[:i])
                                   if k.owner is not None and k.start >= s_start), None)
            hit = to_hit(item, document, self.rule, self.own_severity)
            if hit is not None:
                yield hit

    def _unlabelled(self, document: Document, weak: list[tuple[int, int, int]]) -> list[Found]:
        """Values found by shape and checksum alone, or by Presidio, or near a weak label."""
        text = document.text
        found: list[Found] = []
        for field in self.fields:
            if field.bare is not None:
                for m in field.bare.finditer(text, timeout=self.opts["timeout"]):
                    if not field.validator or field.validator(m.group()):
                        found.append(Found(field, m.start(), m.end(), label_start=m.start()))
            if field.entities:
                for r in document.pii:
                    if r.entity_type in field.entities and r.score >= self.opts["min_score"]:
                        value = text[r.start:r.end]
                        if not field.validator or field.validator(value):
                            found.append(Found(field, r.start, r.end, label_start=r.start))
        before, after = self.opts["context_before"], self.opts["context_after"]
        for start, end, index in weak:
            field = self.fields[index]
            assert field.validator is not None
            # a checksum is strong evidence: the cue may stand in the sentence before ("What's your
            # credit card? 4111 ..."), never in another paragraph
            paragraph_start = text.rfind("\n\n", 0, start) + 1
            paragraph_end = text.find("\n\n", end)
            lo = max(paragraph_start, start - after - 64)
            hi = min(paragraph_end if paragraph_end >= 0 else len(text), end + before + 64)
            for m in field.search.finditer(text, lo, hi, timeout=self.opts["timeout"]):
                v_start, v_end = m.span(field.group)
                near = (start >= v_end and start - v_end <= after) or (v_start >= end and v_start - end <= before)
                if near and field.validator(text[v_start:v_end]):
                    found.append(Found(field, v_start, v_end, label=text[start:end], label_start=v_start))
        return found

    def _counts(self, item: Found, document: Document, sentences: _Sentences, g: LanguageUnit) -> bool:
        """Is this a real value, stated as one? Sets whether it is verified and the author's own."""
        text, lang = document.text, document.lang
        field, value = item.field, text[item.start:item.end]
        if value.lower() in field.allow or is_placeholder(value, g):
            return False
        if ev.public_identifier(value):
            item.reasons.append(ev.IDENTIFIER)
        elif ev.runs_into_a_template(document, item.end):
            item.reasons.append(ev.TEMPLATE)
        if is_public_number(value, self.public):
            return False
        s_start, s_end = sentences.start(item.start), sentences.end(item.start)
        label_at = item.label_start
        if dummy_context(text, label_at, label_at + len(item.label), item.start, item.end, s_start, s_end, g):
            return False
        if quoted_example(text, label_at, s_start, g):
            return False
        after = _NEXT_WORD.match(text, item.end, s_end)
        if after is not None and after.group(1).lower() in FORMAT_UNITS.of(g):
            return False
        cues = field.cues("unless"), field.cues("unless", lang)
        if any(c is not None and c.around(text, s_start, s_end, 0, 0) for c in cues):
            return False
        if field.validator is not None:
            item.verified = field.validator(value)
        if range_after(g).match(text, item.end, s_end):
            return False  # "$120,000–$150,000", "from 4 to 6": a range, not anyone's value
        if field.person_subject:
            owner = person_owner(text, label_at, s_start, item.label, g, names_a_person(document, s_start, label_at))
        else:
            owner = owner_before(text, label_at, s_start, g)
            if owner is None and item.label:
                owner = owner_after(text, label_at + len(item.label), s_end, g)
        if owner is False and ev.in_code(document, label_at, label_at + 1) and is_quoted(text, label_at, s_start):
            owner = None  # quotes in code delimit strings (`"nationality": "American"`), not someone's words
        if owner is None and (field.person_subject or field.needs_owner):
            return False
        item.owner = owner
        return True

    def _companions_ok(self, item: Found, kept: list[Found], text: str, sentences: _Sentences) -> bool:
        """A field that is sensitive only beside another (an expiry date, a routing number) has one."""
        if item.field.alongside is False:
            return True
        s_start, s_end = sentences.start(item.start), sentences.end(item.start)
        companions = [k for k in kept if k is not item and k.field.alongside is False and s_start <= k.start < s_end]
        phrases = item.field.cues("alongside")
        if phrases is not None:
            return bool(companions) or phrases.around(text, s_start, s_end, 0, 0) is not None
        return bool(companions)


_SENTENCES_KEY = "postlint.labelled.sentence_starts"


class _Sentences:
    """Sentence bounds of the parse, by character offset. A line break also ends one; a boundary the
    parser put where no sentence ended ("card 4526 0181 | 5908 3012") is ignored."""

    def __init__(self, document: Document) -> None:
        doc = document.doc
        self.text = document.text
        cached = doc.user_data.get(_SENTENCES_KEY)  # the same for every labelled rule: made once per parse
        if cached is None:
            cached = [0]
            if doc.has_annotation("SENT_START"):
                for sent in doc.sents:
                    before = self.text[max(0, sent.start_char - 8):sent.start_char].rstrip(" \t\"'”’)]»")
                    if sent.start_char and (not before or before[-1] in ".!?…\n"):
                        cached.append(sent.start_char)
            doc.user_data[_SENTENCES_KEY] = cached
        self.starts = cached

    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        start = self.starts[i] if i >= 0 else 0
        newline = self.text.rfind("\n", start, pos)
        return newline + 1 if newline >= 0 else start

    def end(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        newline = self.text.find("\n", pos, end)
        return newline if newline >= 0 else end
