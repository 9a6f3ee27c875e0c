"""`disparage`: a pejorative said of a target ("their product is garbage", "our customers are idiots").

Word lists cannot tell "their product is garbage" from "their product's garbage collector", nor
"users are idiots" from "I felt like an idiot, users were right". This kind asks the dependency
parse: the pejorative must be predicated of the target (subject and complement of one clause,
"X is garbage", "we call X idiots", "X sucks") or stand in apposition ("our customers, those
idiots"); "a piece of garbage", "slow and useless" count as their head word. A pejorative that
merely modifies a noun ("garbage collector", "dumb pipe") is no verdict on it. The parse is made only for sentences that hold both words, and a negated
clause ("their app is not a toy") is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import schema as s
from ..languages import declare
from ..nlp import Needs, parse_on_demand
from . import Check, Hit, register
from ._context import MODIFIERS_FOLLOW, NEGATORS
from ._phrases import PhraseSet
from ._targets import TARGETS_FIELD, Targets, argument

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

    from ..document import Document
    from ..languages import Language as Unit

PREDICATING_VERBS = declare(
    "predicating_verbs",
    'Lemmas of the verbs that say what their subject or object is ("X is garbage", "we call X '
    'idiots"; ser, parecer, llamar): a pejorative as their complement is a verdict on the target.',
    frozenset())

PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd", "xcomp", "dobj", "ccomp", "advcl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "expl", "obj"})
# Verbs that predicate a complement of their subject or object ("X is garbage", "we call X idiots")
# are the language's `predicating_verbs`; others ("users felt stupid") describe the target's state.
_CLIMB = frozenset({"conj", "pobj", "prep", "appos"})  # "piece of garbage", "slow and useless"
# Where modifiers follow their noun (Spanish), "pedazo de basura" hangs the pejorative off its head as nmod.
_CLIMB_FOLLOWING = _CLIMB | {"nmod"}


@register
class DisparageCheck(Check):
    kind = "disparage"
    doc = ("Flags a pejorative (`terms`) that the dependency parse ties to a target: said of it "
           "or in apposition to it; negated clauses are left alone.")
    placeholders = frozenset({"target"})
    options = {
        "terms": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                         doc="the pejoratives, in their base form ('garbage', 'idiot', 'useless')"),
        "targets": TARGETS_FIELD,
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.terms = PhraseSet(self.opts["terms"], lemma=True)
        self.targets = Targets(self.opts["targets"], company)
        self.nlp: Language | None = None

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"sents"})) | self.terms.needs | self.targets.needs

    def prepare(self, nlp: Language) -> None:
        self.terms.prepare(nlp)
        self.targets.prepare(nlp)
        self.nlp = nlp

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        found = self.terms.find(doc)
        if not found or self.nlp is None:
            return
        sentences = {doc[start].sent.start: doc[start].sent for start, _ in found}
        for sent in sentences.values():
            if not self.targets.mentioned(sent):
                continue
            parsed = parse_on_demand(self.nlp, sent)
            terms = self.terms.find(parsed)
            for target in self.targets.find(parsed, document.language):
                holder = argument(parsed[target.start:target.end].root, document.language)
                for start, end in terms:
                    if holder is not None and said_of(parsed[start:end].root, holder, document.language):
                        lo, hi = min(start, target.start), max(end, target.end)
                        yield Hit(sent[lo].idx, sent[hi - 1].idx + len(sent[hi - 1].text), {"target": target.name})
                        break


def said_of(pejorative: Token, target: Token, language: Unit) -> bool:
    """Whether the parse predicates `pejorative` of `target` in a clause that is not negated.

    In English's labels a copula heads its clause ("X is garbage": both hang off "is"); in
    Universal Dependencies the predicate does ("X son basura": "X" hangs off "basura"), which
    the first test covers. Tokens are compared by index: spaCy makes a new Token object at every
    access."""
    word = pejorative
    climb = _CLIMB_FOLLOWING if MODIFIERS_FOLLOW.of(language) else _CLIMB
    for _ in range(4):
        if (word.head.i == target.i and word.dep_ == "appos") or target.head.i == word.i:
            return not _negated(word, language) and not _negated(target, language)  # "X sucks", "X, those clowns"
        if word.dep_ in PREDICATE_DEPS and target.dep_ in SUBJECT_DEPS and word.head.i == target.head.i \
                and word.i != target.i and word.head.lemma_ in PREDICATING_VERBS.of(language):
            return not _negated(word.head, language)
        if word.dep_ not in climb or word.head.i == word.i:
            return False
        word = word.head
    return False


def _negated(token: Token, language: Unit) -> bool:
    """A negation on the token or its head: English's `neg` label, or a negator of the language
    (Universal Dependencies label Spanish "no" advmod)."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS.of(language))
               for t in (token, token.head) for c in t.children)
