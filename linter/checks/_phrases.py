"""Phrase matching on whole tokens, shared by the `terms` and `near` kinds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import languages
from ..languages import declare
from ..nlp import Needs
from ._phrase_cache import lemma_docs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ARTICLES = declare(
    "articles",
    'Articles and determiners, whatever their lemma: a rule phrase is in its base form when every '
    'other word is ("cerrar la oficina" matches "cierran la oficina" though "la" lemmatises to '
    '"el").',
    frozenset())


class PhraseSet:
    """Phrases matched token by token: case-insensitively, and by lemma when `lemma` is on.

    Matching whole tokens is what keeps "Scunthorpe", "assert" and "cocktail" clean. With
    `lemma`, a phrase written in its base form matches every form ("idiot" matches "idiots"),
    while a phrase written inflected matches only as written ("patched" does not match "patch").
    Articles count as base forms whatever their lemma (`ARTICLES`: Spanish "la" is "el").
    """

    def __init__(self, phrases: Sequence[str], *, lemma: bool = False, case_sensitive: bool = False) -> None:
        self.phrases = list(dict.fromkeys(phrases))
        self.lemma = lemma and not case_sensitive
        self.case_sensitive = case_sensitive
        self._matchers: list = []
        self._glued: dict[tuple[str, ...], tuple[int, ...]] = {}

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"lemma"})) if self.lemma else Needs()

    def prepare(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        attr = "ORTH" if self.case_sensitive else "LOWER"
        exact = PhraseMatcher(nlp.vocab, attr=attr)
        patterns = list(nlp.tokenizer.pipe(self.phrases))
        exact.add("P", patterns)
        # "#1" must not match "# 1": remember which phrases glue tokens without a space
        self._glued = {}
        for p in patterns:
            if any(not t.whitespace_ for t in p[:-1]):
                self._glued[tuple(t.lower_ for t in p)] = tuple(i for i, t in enumerate(p[:-1]) if not t.whitespace_)
        self._matchers = [exact]
        if self.lemma and nlp.has_pipe("lemmatizer"):
            parsed = lemma_docs(nlp, [p.lower() for p in self.phrases])  # parsed once per model
            articles = ARTICLES.of(languages.REGISTRY[nlp.lang]) if nlp.lang in languages.REGISTRY else frozenset()
            base_forms = [d for d in parsed if all(t.lemma_.lower() == t.lower_ or t.lower_ in articles for t in d)]
            if base_forms:
                by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
                by_lemma.add("P", base_forms)
                self._matchers.append(by_lemma)

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans `(start, end)` of every match, sorted, without duplicates."""
        found: set[tuple[int, int]] = set()
        for matcher in self._matchers:
            found.update((start, end) for _, start, end in matcher(doc))
        if self._glued:
            found = {(s, e) for s, e in found if not self._spaced_out(doc[s:e])}
        return sorted(found)

    def _spaced_out(self, span) -> bool:  # type: ignore[no-untyped-def]
        """A match of a glued phrase ("#1") written with spaces between its tokens ("# 1")."""
        glued = self._glued.get(tuple(t.lower_ for t in span), ())
        return any(span[i].whitespace_ for i in glued)
