"""What other kinds ask of hostility: whether a span is countered, defused, aimed at people.

The sense checker (`_sense.py`) asks whether a statement is reported or quoted to counter it; the
classifier's DER-OFFENSIVE (`classifier.py`) asks, of each unit a model reads as offensive, whether
its hostile words are all denied, reported, felt by the people named or said of things (a veto),
whether it names people this kind has not already read hostility about (left to the model), and
whether it speaks of someone a remark could hurt (its evidence). Answers per sentence are memoised
per document: a post of one endless sentence is read once per question, not once per unit.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .lexicon import HOSTILE, Lexicon, lexicon
from .sentence import CLAUSE_BREAKS, Sentence
from .statements import readings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ...document import Document
    from ...languages import Language as Unit


def countered(document: Document, span: Span, nlp: Language) -> bool:
    """Whether the words before `span` in its sentence report it as someone else's, or it sits in
    quotation marks with more of the sentence outside ("saying X are animals is wrong")."""
    sentence = Sentence(span.sent, lexicon(document.language, nlp))
    first, last = span.start - span.sent.start, span.end - span.sent.start
    return sentence.reported(first) or sentence.quoted(first, last)


def defused(document: Document, start: int, end: int, nlp: Language) -> bool:
    """Whether every hostile word in characters [start, end) is denied, reported or quoted to counter
    it, felt by the people named before it, or said of things in a sentence that names and addresses
    no one: a model's reading of such a unit is no finding ("I don't hate X", "saying X are animals
    is wrong", "X are sick of being stereotyped", "this printer is garbage"). False when the unit
    holds no hostile word, or a hostile statement this kind reads."""
    doc = document.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    lex = lexicon(document.language, nlp)
    if any(r.start < span.end and r.end > span.start for r in readings(document, lex, nlp)):
        return False
    seen = False
    for sent in span.sents:
        verdict = _per_sentence(document, sent, "defused", lambda s: _sentence_defused(s, lex))
        if verdict is None:
            continue
        if not verdict:
            return False
        seen = True
    return seen


def _sentence_defused(sent: Span, lex: Lexicon) -> bool | None:
    """`defused` for one whole sentence: None when it holds no hostile word."""
    sentence = Sentence(sent, lex)
    sentence.repair()
    hostile = [n for n, t in enumerate(sentence.toks) if t.names & HOSTILE]
    if not hostile:
        return None
    toks = sentence.toks
    spans = [(n, hit) for n in range(len(toks)) if (hit := sentence.target_at(n))]
    inside = {k for _, (_, first, last) in spans for k in range(first + 1, last)}  # "people" in "gay people"
    people = [n for n in range(len(toks)) if any(m == n for m, _ in spans) or toks[n].text.startswith("@")
              or "group_pronouns" in toks[n].names or "Person=2" in toks[n].morph]
    for n in hostile:
        if n in inside or sentence.reported(n) or sentence.quoted(n, n + 1) or sentence.negated(n, None):
            continue
        if not people:
            continue  # said of things, to no one: "this printer is garbage"
        if n + 1 < len(toks) and toks[n + 1].lower in ("against", "toward", "towards", "contra", "hacia"):
            continue  # a hatred named, not stated: "hate against X has no place here"
        clause_end = next((k for k in range(n + 1, len(toks)) if toks[k].pos == "SCONJ"
                           or toks[k].text in CLAUSE_BREAKS), len(toks))
        felt = toks[n].names & {"hostile_verbs", "tolerance_verbs", "aversion_words"}
        if felt and any(k < n for k in people) and not any(n < k < clause_end for k in people):
            continue  # the people named feel it: "X are sick of being stereotyped", "X odian que los insulten"
        return False
    return True


def aimed_at_people(document: Document, start: int, end: int, nlp: Language) -> bool:
    """Whether characters [start, end) name people (a group, people by role, the reader) and hold
    no hostility this kind has already read, or found denied: what a model is left to judge."""
    span = document.doc.char_span(start, end, alignment_mode="expand")
    if span is None or defused(document, start, end, nlp):
        return False
    lex = lexicon(document.language, nlp)
    if any(r.start < span.end and r.end > span.start for r in readings(document, lex, nlp)):
        return False
    return any(_per_sentence(document, sent, "people", lambda s: _names_people(s, lex)) for sent in span.sents)


def _names_people(sent: Span, lex: Lexicon) -> bool:
    sentence = Sentence(sent, lex)
    return any(sentence.target_at(n) for n in range(len(sentence.toks))) or any(
        "Person=2" in t.morph for t in sentence.toks)


# What a sentence of a document was found to hold, by (sentence start, question): the classifier asks
# of each of its units, and a post of one endless sentence would otherwise be read once per unit.
_SENTENCE_MEMO: weakref.WeakKeyDictionary[Any, dict[tuple[int, str], Any]] = weakref.WeakKeyDictionary()


def _per_sentence(document: Document, sent: Span, question: str, answer: Callable[[Span], Any]) -> Any:
    memo = _SENTENCE_MEMO.setdefault(document, {})
    key = (sent.start, question)
    if key not in memo:
        memo[key] = answer(sent)
    return memo[key]


# how a person is tied to the noun a hostile word is said of: "one of them", "the guy's boss", "X and Y"
_SAME_PARTY = frozenset({"prep", "pobj", "poss", "conj", "appos", "nmod", "case", "det", "amod", "compound"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_OBJECTS = frozenset({"dobj", "obj", "iobj", "dative"})
# the sets whose words say something harsh of whoever they are said of (esteem and tolerance words do
# only when negated, which `readings` reads)
_HARSH = HOSTILE - {"esteem_words", "tolerance_verbs", "know_words"}
_FUNCTION_WORDS = frozenset({"SCONJ", "CCONJ", "DET", "ADP", "AUX", "PRON", "PART", "PUNCT"})  # "así que" is no threat


def _said_of(token: Token) -> list[Token] | None:
    """What a hostile word at `token` is said of: the noun it modifies ("dumb routing", "stupid
    things"), the subject of the copula it completes ("I'm lazy", "X son unos vagos", or the
    copula itself when its person says who: "Soy un vago"), the object of its verb, else its
    subject ("I hate my life", "this sucks"); None when the parse says nothing."""
    if token.dep_ in ("amod", "compound", "appos"):
        return [token.head]
    head = token if any(c.dep_ == "cop" for c in token.children) else \
        token.head if token.dep_ in ("acomp", "attr", "oprd") else None
    if head is not None:  # with no subject written, the copula's person says who ("Soy un vago")
        return [c for c in head.children if c.dep_ in _SUBJECTS] or \
            [c for c in head.children if c.dep_ == "cop" and "Person=" in str(c.morph)] or None
    if token.pos_ == "VERB":
        return [c for c in token.children if c.dep_ in _OBJECTS] or \
            [c for c in token.children if c.dep_ in _SUBJECTS] or ([token] if "Person=" in str(token.morph) else None)
    return None


def _party(token: Token) -> Iterator[Token]:
    """A noun and the words that name who it belongs to or goes with ("one of them", "your boss")."""
    yield token
    for child in token.children:
        if child.dep_ in _SAME_PARTY:
            yield from _party(child)


def aims_at_someone(parsed: Doc, unit: Unit, nlp: Language) -> bool:
    """Whether a parsed unit a model reads as offensive speaks of someone it could hurt: the
    evidence DER-OFFENSIVE needs (`checks/classifier.py`). A hostile word counts when it is said
    of a person, a group or the reader ("you are pathetic", "@USER she is a lying hag"), not of a
    thing ("What about dumb routing?", "skip the stupid things") nor of the speaker ("I'm lazy");
    a unit without one counts when it speaks to or of someone, though not to the reader as one who
    might do or undergo something ("you may have been bullied", "then you can make your own"), nor
    through what the reader has ("the roof of your mouth")."""
    lex = lexicon(unit, nlp)
    for sent in parsed.sents:
        sentence = Sentence(sent, lex)
        sentence.repair()
        toks = sentence.toks
        people = {n for n in range(len(toks)) if _someone(sentence, sent, n)}
        if any(t.text.startswith("@") and len(t.text) > 1 for t in toks):
            return True  # a reply to someone's handle speaks to them
        hostile = [n for n, t in enumerate(toks) if t.names & _HARSH and t.pos not in _FUNCTION_WORDS
                   and not (sentence.negated(n, None) or sentence.quoted(n, n + 1))]
        if not hostile and people:
            return True
        for n in hostile:
            said_of = _said_of(sent[n])
            if said_of is None and people:
                return True
            if said_of and any(t.i - sent.start in people for s in said_of for t in _party(s)):
                return True
    return False


def _someone(sentence: Sentence, sent: Span, n: int) -> bool:
    """Whether the word at n names someone a remark may hurt: a group, people, a person,
    the reader (not as a possessor, nor in a sentence about what they might do or undergo)."""
    tok = sentence.toks[n]
    if "Person=2" in tok.morph or "addressee_pronouns" in tok.names:
        if "Poss=Yes" in tok.morph or sent[n].dep_ == "poss":
            return False  # "your mouth": the thing is spoken of
        return not any("possibility_words" in t.names for t in sentence.toks)
    return sentence.target_at(n) is not None
