"""Reading a cue word in its sense: the same word is a private matter in one sentence and
harmless in the next ("ICU" the intensive-care unit or the Unicode library, "fired" or "fired
up", "a reorganization of the sales team" or "of cached widgets", "the number one platform" or
"the number one cause of bugs").

A rule's `sense` option turns these tests on for the phrases it matches (`terms`, `near` and
`pattern` for their matches, `people` for its context phrases). Most tests read the tagged parse
the post already has; `modifier`, `label` and `predicate` ask for the dependency parse of the one
sentence that holds a match (`parse_on_demand`), so they cost nothing where nothing matched.
The words come from the post's language unit (`linter/languages/`), and the parse tests read
both English's own labels (prep, relcl, a head "be") and Universal Dependencies' (case, acl, cop),
so they hold for the Spanish model too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..languages import declare
from ..nlp import parse_on_demand
from ._context import COPULAS, MODIFIERS_FOLLOW, OF_WORDS, block_tokens

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..document import Document
    from ..languages import Language as Unit

PARTY_WORDS = declare(
    "party_words",
    'Prepositions that name a party to a deal ("acquisition of/by/with Initech").',
    frozenset())
RANKED_WORDS = declare(
    "ranked_words",
    'Prepositions that say among what a superlative ranks ("the number one cause of outages").',
    frozenset())
WHO_WORDS = declare(
    "who_words",
    'Words that name who a change happens to without a noun (we, they, our; "there will be '
    'layoffs").',
    frozenset())
DEFINITE_WORDS = declare(
    "definite_words",
    'Determiners that point at a known thing ("the reorg", "our layoffs").',
    frozenset())
DEMONSTRATIVES = declare(
    "demonstratives",
    'Demonstratives that point at the text itself ("this is internal only").',
    frozenset())
VERB_PARTICLES = declare(
    "verb_particles",
    "Particles that make another verb of the one before them (fired up, let off); none in "
    "Spanish.",
    frozenset())
TECH_TERMS = declare(
    "tech_terms",
    "Technical vocabulary: a cue word next to one is read in its technical sense, and a name made "
    "of one is no person.",
    frozenset(), source="list")
ORG_NOUNS = declare(
    "org_nouns",
    "Organisations and groups of people, what a reorganisation is of.",
    frozenset(), source="list")
DEAL_NOUNS = declare(
    "deal_nouns",
    "Deals between organisations, counted only with a party named.",
    frozenset(), source="list")
EVENT_NOUNS = declare(
    "event_nouns",
    "Nouns a change word may modify and still mean the event.",
    frozenset(), source="list")
HEDGE_WORDS = declare(
    "hedge_words",
    "Words that soften an absolute claim into a judgement (practically risk-free).",
    frozenset(), source="list")
MEASURE_NOUNS = declare(
    "measure_nouns",
    "What a superlative describes when it reports a measurement, not ranks a product (the fastest "
    "time, the fastest pace possible).",
    frozenset(), source="list")
MENTION_CUES = declare(
    "mention_cues",
    "Words that talk about a word rather than use it (refer to, the term, avoid).",
    frozenset(), source="list")

SENSE_FIELDS = {
    "acronyms": s.Field(s.boolean(), default=True,
                        doc="a phrase written in capitals (ICU, PIP, RIF) matches only in capitals"),
    "particles": s.Field(s.boolean(), default=True,
                         doc="a verb followed by a particle the phrase lacks is another verb (fired up)"),
    "tech": s.Field(s.boolean(), default=True,
                    doc="not inside code or a link, nor next to a version string or a technical noun "
                        "(ICU library, pip install, internal only apps)"),
    "common_noun": s.Field(s.boolean(), default=False,
                           doc="a phrase written in lower case does not match a capitalised word inside a "
                               "sentence, which names a brand or product (Coke, Rails)"),
    "modifier": s.Field(s.boolean(), default=False,
                        doc="a noun that modifies another noun it is not listed with names a kind of thing "
                            "(complaint intake, debt payment, joint outcomes)"),
    "label": s.Field(s.boolean(), default=False,
                     doc="a marking labels the text: not a verb with an object (people who do not share our "
                         "background) nor said of a thing (the rollout was for internal use only)"),
    "organisation": s.Field(s.boolean(), default=False,
                            doc="what the word is of, or the noun before it, must be an organisation or its "
                                "people (a reorganization of the sales team, not of cached widgets)"),
    "hedged": s.Field(s.boolean(), default=False,
                      doc="a hedge right before the phrase makes an absolute claim a judgement (practically "
                          "risk-free, almost never fails)"),
    "measure": s.Field(s.boolean(), default=False,
                       doc="a superlative that describes a measurement is no ranking (the fastest time it "
                           "took, at the fastest pace possible)"),
    "mention": s.Field(s.boolean(), default=False,
                       doc="a quoted phrase in a sentence that talks about words is mentioned, not used "
                           "(Don't refer to 'handicapped people')"),
    "noun": s.Field(s.boolean(), default=False,
                    doc="the phrase names a thing: used as a verb it is another word (a tough nut to crack, "
                        "blow up)"),
    "reported": s.Field(s.boolean(), default=False,
                        doc="hostility someone else said, quoted or reported to counter it is not the "
                            "author's (saying X are animals is disgusting; \"X are parasites\" is a lie)"),
    "predicate": s.Field(s.boolean(), default=False,
                         doc="the phrase must say something of a subject, not stand in the subject it "
                             "describes (the number one platform, not the number one cause of bugs)"),
}
sense_option = s.Field(s.mapping_of(SENSE_FIELDS, what="sense"),
                       doc="read each match in its sense: " + "; ".join(f"{k}: {f.doc}" for k, f in SENSE_FIELDS.items()))

_VERSION = regex.compile(r"v?\d+(?:\.\d+)+[\w.\-]*|v\d+")
_SKIPPED = frozenset({"DET", "PUNCT", "SPACE"})
NOT_PROSE = frozenset({"code", "link"})
NOUNS = frozenset({"NOUN", "PROPN"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
MODIFIERS = frozenset({"amod", "compound", "nummod", "npadvmod", "advmod", "quantmod", "nmod", "det", "punct",
                       "appos"})
PREPOSITIONS = frozenset({"prep", "case"})  # English's label for a preposition, and UD's
RELATIVE_CLAUSES = frozenset({"relcl", "acl", "acl:relcl"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
PREDICATE_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})  # what a verb makes its object ("make X internal")


class Sense:
    """The tests a rule's `sense` option asks for; `accepts` says whether a match keeps its sense."""

    def __init__(self, options: dict[str, Any] | None, phrases: list[str]) -> None:
        self.opts = options or {}
        self.acronyms = frozenset(p.lower() for p in phrases
                                  if self.opts.get("acronyms") and sum(c.isalpha() for c in p) >= 2
                                  and p.upper() == p)
        self.cue_words = frozenset(w for p in phrases for w in p.lower().split())
        self.nlp: Language | None = None

    def __bool__(self) -> bool:
        return bool(self.opts)

    def prepare(self, nlp: Language) -> None:
        self.nlp = nlp

    def accepts_chars(self, document: Document, start: int, end: int) -> bool:
        """`accepts` for a character span (a pattern's match)."""
        span = document.doc.char_span(start, end, alignment_mode="expand")
        return span is None or self.accepts(document, span.start, span.end)

    def accepts(self, document: Document, start: int, end: int) -> bool:
        """Whether tokens `[start, end)` of the post's parse are used in the rule's sense."""
        if not self.opts:
            return True
        doc = document.doc
        span = doc[start:end]
        o = self.opts
        if self.acronyms and not self._acronym_ok(span):
            return False
        if o.get("particles") and _particle_after(span, document.language):
            return False
        if o.get("tech") and self._technical(document, span):
            return False
        if o.get("common_noun") and _named(span):
            return False
        if o.get("modifier") and self._modifies_another_noun(document, span):
            return False
        if o.get("label") and self._not_a_label(span, document.language):
            return False
        if o.get("organisation") and not self._of_organisation(document, span):
            return False
        if o.get("noun") and span[-1].pos_ in ("VERB", "AUX"):
            return False
        if o.get("predicate") and (_numbering_or_question(span) or self._in_subject(span, document.language)):
            return False
        if o.get("hedged") and _hedged(document, span):
            return False
        if o.get("measure") and _measure(document, span):
            return False
        if o.get("mention") and _mentioned(document, span):
            return False
        if o.get("reported") and self.nlp is not None:
            from .hostility import countered

            if countered(document, span, self.nlp):
                return False
        return True

    def _acronym_ok(self, span: Span) -> bool:
        text = " ".join(t.lower_ for t in span)
        lemma = " ".join(t.lemma_.lower() for t in span)
        if text not in self.acronyms and lemma not in self.acronyms:
            return True
        return all(not t.is_alpha or t.text.upper() == t.text or t.text[:-1].isupper() for t in span)

    def _technical(self, document: Document, span: Span) -> bool:
        """Inside code or a link, or next to a version string, a technical noun or inline code."""
        if document.zones_at(span.start_char, span.end_char) & NOT_PROSE:
            return True
        tech = TECH_TERMS.of(document.language)
        doc = span.doc
        lo, hi = block_tokens(document, span.start)
        language = document.language
        linking = OF_WORDS.of(language) if MODIFIERS_FOLLOW.of(language) else frozenset()
        for token in _content_neighbours(doc, span, lo, hi, linking):
            if token.lower_ in tech or token.lemma_.lower() in tech or token.like_url:
                return True
            if document.zones_at(token.idx, token.idx + len(token)) & NOT_PROSE:
                return True
        near = doc[max(span.start - 2, lo):min(span.end + 2, hi)]
        return any(_VERSION.fullmatch(t.text) for t in near if t.i < span.start or t.i >= span.end)

    def _of_organisation(self, document: Document, span: Span) -> bool:
        """"reorganisation of the sales team", "the Initech acquisition": the word's object (after
        "of") or the noun before it is an organisation, its people, or a name; a word before
        another noun ("acquisition process") names a kind of thing unless that noun is the event's."""
        doc = span.doc
        language = document.language
        org = ORG_NOUNS.of(language)
        lo, hi = block_tokens(document, span.start)
        last = span[-1]
        if last.pos_ not in NOUNS:
            return True  # a verb ("lay off 40 people") says who by its own object
        if last.pos_ == "PROPN" and not span[0].is_sent_start and _in_a_longer_name(doc, span, lo, hi):
            return False  # part of a name: "Assisted Acquisition Services"; an acronym alone (RIF, ERE) is the word
        after = doc[span.end] if span.end < hi else None
        deals = DEAL_NOUNS.of(language)
        if last.lemma_.lower() in deals or last.lower_ in deals:
            return _party_named(doc, span, org, lo, hi, language)
        if after is not None and after.lower_ in OF_WORDS.of(language):
            head = _noun_phrase_head(doc, span.end + 1, hi)
            return head is None or _is_name(head) or head.lemma_.lower() in org or head.lower_ in org
        if after is not None and after.pos_ == "NOUN" and after.tag_ != "VBG":
            event = EVENT_NOUNS.of(language)
            if after.lower_ not in event and after.lemma_.lower() not in event:
                return False
        before = doc[span.start - 1] if span.start > lo else None
        if before is not None and before.pos_ == "NOUN":
            return before.lower_ in org or before.lemma_.lower() in org
        return _names_who(span, org, lo, hi, language)

    def _modifies_another_noun(self, document: Document, span: Span) -> bool:
        """The match modifies a noun that is not a cue itself: the noun after its last word
        ("complaint intake", "debt payment strategies", "joint outcomes"), or, where modifiers
        follow (`MODIFIERS_FOLLOW`), the noun before it that it hangs off through a bare
        preposition ("gestión de quejas", "formulario de reclamación")."""
        doc = span.doc
        language = document.language
        if self.nlp is None:
            return False
        if MODIFIERS_FOLLOW.of(language):
            if span.start < 2 or doc[span.start - 1].lower_ not in OF_WORDS.of(language) or \
                    doc[span.start - 2].pos_ != "NOUN":
                return False
            word = span[0]
        else:
            if span.end >= len(doc) or doc[span.end].pos_ != "NOUN":
                return False
            word = span[-1]
        sent = span.sent
        parsed = parse_on_demand(self.nlp, sent)
        token = parsed[word.i - sent.start]
        head = token.head
        before = head.i < token.i if MODIFIERS_FOLLOW.of(language) else head.i > token.i
        return (token.dep_ in ("compound", "amod", "nmod") and before and head.pos_ == "NOUN"
                and head.lower_ not in self.cue_words and head.lemma_.lower() not in self.cue_words)

    def _not_a_label(self, span: Span, language: Unit) -> bool:
        """A verb with an object, or a phrase said of a thing through "be": a description."""
        doc = span.doc
        if span.end < len(doc) and span.end < span.sent.end:
            nxt = doc[span.end]
            if nxt.pos_ in ("DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM") and not nxt.is_punct:
                return True
        if self.nlp is None:
            return False
        sent = span.sent
        parsed = parse_on_demand(self.nlp, sent)
        root = parsed[span.root.i - sent.start]
        if root.dep_ in PREDICATE_COMPLEMENTS and root.head.pos_ == "VERB" and root.head.i < root.i \
                and root.head.lemma_ not in COPULAS.of(language):
            return True  # "make _createSocketHandle() internal only", "mark the field confidential"
        for token in (root, *root.ancestors):
            # English heads a clause with "be"; Universal Dependencies hang the copula off the predicate;
            # a passive says it of its subject too ("full details are embargoed until the release")
            passive = any(c.dep_ in PASSIVE_SUBJECTS for c in token.children)
            if passive or token.lemma_ in COPULAS.of(language) or any(
                    c.dep_ == "cop" and c.lemma_ in COPULAS.of(language) for c in token.children):
                subjects = [c for c in token.children if c.dep_ in SUBJECTS]
                return any(c.pos_ in NOUNS and not any(d.lower_ in DEMONSTRATIVES.of(language) for d in c.children)
                           for c in subjects)
        return False

    def _in_subject(self, span: Span, language: Unit) -> bool:
        """The phrase ranks things the sentence goes on to describe: it modifies the subject of its
        clause, and that subject says among what ("the number one cause of outages is ...", "the #1
        use of Go is ...", "the number one way that I ...")."""
        if self.nlp is None:
            return False
        sent = span.sent
        parsed = parse_on_demand(self.nlp, sent)
        head: Token = parsed[span.root.i - sent.start]
        while head.dep_ in MODIFIERS and head.head is not head:
            head = head.head
        if head.dep_ not in SUBJECTS:
            return False
        return any(t.dep_ in RELATIVE_CLAUSES or (t.dep_ in PREPOSITIONS and t.lower_ in RANKED_WORDS.of(language))
                   for t in head.subtree if t is not head)


def _hedged(document: Document, span: Span) -> bool:
    """"practically risk-free", "almost never fails": a hedge word (or two-word hedge) just before."""
    hedges = HEDGE_WORDS.of(document.language)
    doc = span.doc
    lo, _ = block_tokens(document, span.start)
    words = [t.lower_ for t in doc[max(lo, span.start - 2):span.start]]
    return bool(words) and (words[-1] in hedges or " ".join(words[-2:]) in hedges)


def _measure(document: Document, span: Span) -> bool:
    """The superlative reports a measurement: it modifies a measure noun ("the fastest time it
    took", "el tiempo más rápido") or asks for the most possible ("at the fastest pace possible")."""
    measures = MEASURE_NOUNS.of(document.language)
    doc = span.doc
    lo, hi = block_tokens(document, span.start)
    after = [t for t in doc[span.end:min(hi, span.end + 2)] if not t.is_punct]
    before = doc[span.start - 1] if span.start > lo else None
    if after and (after[0].lower_ in measures or after[0].lemma_.lower() in measures):
        return True
    if before is not None and before.pos_ == "NOUN" and (before.lower_ in measures or before.lemma_.lower() in measures):
        return True  # Spanish puts the noun first: "el tiempo más rápido"
    return any(t.lower_ in ("possible", "posible") for t in after[:2])


_QUOTES = "\"'“”‘’«»"


def _apostrophe(text: str, i: int) -> bool:
    """A quote mark between two letters (don't, people's) is an apostrophe."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _mentioned(document: Document, span: Span) -> bool:
    """A use-mention test: the match sits inside quotation marks (with at most a few words beside
    it in the quote) and its sentence talks about words ("refer to", "the term", "avoid")."""
    doc = span.doc
    text = doc.text
    sent = span.sent
    open_at = None
    for i in range(span.start_char - 1, max(sent.start_char, span.start_char - 40) - 1, -1):
        if text[i] in _QUOTES and not _apostrophe(text, i):
            open_at = i
            break
        if text[i] in ".!?\n":
            return False
    if open_at is None:
        return False
    close_at = next((j for j in range(span.end_char, min(sent.end_char, span.end_char + 40))
                     if text[j] in _QUOTES and not _apostrophe(text, j)), None)
    if close_at is None:
        return False
    cues = MENTION_CUES.of(document.language)
    return any(t.lower_ in cues or t.lemma_.lower() in cues for t in sent
               if not (open_at <= t.idx < close_at))


def _in_a_longer_name(doc: Doc, span: Span, lo: int, hi: int) -> bool:
    """A proper noun stands right before or after the span."""
    return (span.start > lo and doc[span.start - 1].pos_ == "PROPN") or (span.end < hi and doc[span.end].pos_ == "PROPN")


def _is_name(token: Token) -> bool:
    """A proper noun written with a capital: the Spanish model also tags foreign common nouns
    ("widgets", "caché") PROPN."""
    return token.pos_ == "PROPN" and any(c.isupper() for c in token.text)


def _named(span: Span) -> bool:
    """A capitalised word inside a sentence ("a can of Coke", "built with Rails"): a name."""
    first = span[0]
    if not first.is_alpha or not first.text[0].isupper() or first.text.isupper():
        return False
    if first.is_sent_start or first.i == 0:
        return False
    before = span.doc[first.i - 1]
    return not (before.is_punct and before.text in ":;-*•\"'(") and "\n" not in before.text_with_ws


def _particle_after(span: Span, language: Unit) -> bool:
    """"fired up", "let off": the match ends in a verb and a particle follows that it does not hold."""
    last = span[-1]
    if not VERB_PARTICLES.of(language) or last.pos_ not in ("VERB", "AUX") or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return nxt.tag_ == "RP" or (nxt.lower_ in VERB_PARTICLES.of(language) and nxt.dep_ == "prt")


def _content_neighbours(doc: Doc, span: Span, lo: int, hi: int, linking: frozenset[str]) -> list[Token]:
    """The nearest token on each side of the span that is not a determiner, punctuation or one of
    the `linking` prepositions (Spanish "apps de solo uso interno": "apps")."""
    found = []
    i = span.start - 1
    while i >= lo and (doc[i].pos_ in _SKIPPED or doc[i].lower_ in linking):
        i -= 1
    if i >= lo:
        found.append(doc[i])
    j = span.end
    while j < hi and (doc[j].pos_ in _SKIPPED or doc[j].lower_ in linking):
        j += 1
    if j < hi:
        found.append(doc[j])
    return found


def _party_named(doc: Doc, span: Span, org: frozenset[str], lo: int, hi: int, language: Unit) -> bool:
    """A deal names an organisation: of or by one ("of Initech", "by a competitor"), its possessor
    ("Globex's acquisition"), or a name before it ("the Initech merger")."""
    if span.end + 1 < hi and doc[span.end].lower_ in PARTY_WORDS.of(language):
        head = _noun_phrase_head(doc, span.end + 1, hi)
        if head is not None and (_is_name(head) or head.lower_ in org or head.lemma_.lower() in org):
            return True
    i = span.start - 1
    while i >= lo and doc[i].tag_ in ("POS", "JJ", "HYPH"):
        i -= 1
    return i >= lo and _is_name(doc[i])


def _numbering_or_question(span: Span) -> bool:
    """"Agile tenet #1", "Vol. 33, No. 1": a number after a noun labels it; "What's the number one
    obstacle?" asks rather than claims."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and span.text.startswith("#") and before.pos_ in NOUNS:
        return True
    if before is not None and span.text.lower().startswith("no.") and before.is_punct:
        return True
    return span.sent.text.rstrip().endswith("?")


def _names_who(span: Span, org: frozenset[str], lo: int, hi: int, language: Unit) -> bool:
    """A change happens to someone: its own determiner points at a known one ("the reorg", "our
    layoffs"), or its sentence names an organisation, a group of people or a name ("there will be
    layoffs in sales", "Acme's reorg", "we"). "Further editing and restructuring" names nobody."""
    doc = span.doc
    if span.start > lo and doc[span.start - 1].lower_ in DEFINITE_WORDS.of(language):
        return True
    sent = span.sent
    for t in doc[max(sent.start, lo):min(sent.end, hi)]:
        if span.start <= t.i < span.end:
            continue
        if t.lower_ in WHO_WORDS.of(language) or _is_name(t) or t.lower_ in org or t.lemma_.lower() in org:
            return True
    return False


def _noun_phrase_head(doc: Doc, start: int, hi: int) -> Token | None:
    """The last noun of the noun phrase starting at `start` ("the sales team", "cached widgets")."""
    head = None
    i = start
    while i < hi and i < start + 8:
        t = doc[i]
        if t.pos_ in NOUNS:
            head = t
        elif t.pos_ in ("DET", "ADJ", "NUM", "PRON") or t.tag_ in ("VBN", "VBG", "POS", "HYPH"):
            if head is not None and t.pos_ != "ADJ":
                break
        else:
            break
        i += 1
    return head
