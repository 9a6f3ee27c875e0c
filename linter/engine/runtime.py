"""The per-language runtime: a language's pipeline loaded for what its enabled rules need (with the
fallback and the notices when a model or a capability is missing), its checks prepared against it,
and the parse of a batch of documents (sentences within blocks, deferred NER, Presidio)."""

from __future__ import annotations

import contextlib
import functools
import logging
from pathlib import Path
from typing import Any

from .. import languages
from ..checks import KINDS, Check
from ..checks._phrase_cache import phrase_cache
from ..config import Config
from ..document import Document
from ..errors import ModelNotInstalled
from ..nlp import ON_DEMAND, Needs, deferred, load_lazy_parts, load_spacy, provides, run_deferred
from ..presidio import NER_ENTITIES, PiiAnalyzer
from ..rule import Rule
from ..tokenizer import tokenize

log = logging.getLogger("postlint")
LEMMA_CACHE_LIMIT = 10_000  # words whose lemmas spaCy's lemmatizer remembers between batches


class Runtime:
    """The checks of one language, prepared against that language's loaded pipeline."""

    def __init__(self, rules: list[Rule], config: Config, lang: str, cache_dir: Path | None = None) -> None:
        self.lang = lang
        self.warm = False  # a first batch has been parsed: later ones run in memory zones
        self.checks: list[Check] = [KINDS[r.kind](r.in_language(lang), config.company) for r in rules
                                    if r.enabled and lang in r.languages]
        needs = functools.reduce(lambda a, b: a | b, (c.needs for c in self.checks), Needs())
        self.nlp = _load_pipeline(config.model_for(lang), lang, needs)
        _say_what_is_missing(self.nlp, lang, self.checks)
        with phrase_cache(self.nlp, cache_dir):
            for check in self.checks:
                check.prepare(self.nlp)
        self.pii = (PiiAnalyzer(self.nlp, lang, needs.entities, phone_regions=config.phone_regions)
                    if needs.entities else None)
        # Deferred parts of the parse (NER) run where the checks that read them say they need them,
        # or on every whole document when Presidio reads spaCy's entities.
        self.deferred: dict[str, tuple[bool, list[Check]]] = {}
        for capability in deferred(self.nlp):
            everywhere = capability == "ner" and bool(needs.entities & NER_ENTITIES)
            asking = [c for c in self.checks if capability in c.needs.capabilities]
            if everywhere or asking:
                self.deferred[capability] = (everywhere, asking)

    def memory_zone(self) -> contextlib.AbstractContextManager[Any]:
        """spaCy's memory zone around one batch, with every lazily loaded component loaded first."""
        load_lazy_parts(self.nlp)  # the strings they add must not be dropped with the zone's
        lemmatizer = self.nlp.get_pipe("lemmatizer") if self.nlp.has_pipe("lemmatizer") else None
        if len(getattr(lemmatizer, "cache", ())) > LEMMA_CACHE_LIMIT:
            lemmatizer.cache.clear()  # type: ignore[union-attr]  # a memo of lemmas by word: keep it bounded
        return self.nlp.memory_zone() if hasattr(self.nlp, "memory_zone") else contextlib.nullcontext()

    def parse(self, documents: list[Document], batch_size: int) -> list[Document]:
        """Each document as parsed: one `nlp.pipe`, the deferred parts where needed, then Presidio."""
        docs = (tokenize(self.nlp, d.text) for d in documents)  # linear time on hostile text
        parsed = [document.parsed(_sentences_within_blocks(doc))
                  for document, doc in zip(documents, self.nlp.pipe(docs, batch_size=batch_size))]
        for capability, (everywhere, asking) in self.deferred.items():
            wanted = [(d.doc, None if everywhere else _deferred_spans(d, capability, asking)) for d in parsed]
            targets = [(doc, spans) for doc, spans in wanted if spans is None or spans]
            if targets:
                run_deferred(self.nlp, capability, targets)  # in groups within the token budget
        if self.pii is None:
            return parsed
        return [d.parsed(d.doc, self.pii.analyze(d.doc)) for d in parsed]


def _load_pipeline(model: str, lang: str, needs: Needs) -> Any:
    """The language's pipeline, or, when its default model is not installed and the language has a
    fallback (Spanish: spaCy's bare tokenizer), the fallback, with one notice naming the fix."""
    unit = languages.get(lang)
    try:
        return load_spacy(model, lang, needs)
    except ModelNotInstalled:
        if model != unit.model or unit.fallback is None:
            raise
    _notice_once(("missing", model), f"{unit.name} posts: the spaCy model '{model}' is not installed, so they "
                                      f"are read with '{unit.fallback}'. Fix: {unit.install}")
    return load_spacy(unit.fallback, lang, needs)


_NOTICES: set[Any] = set()


def _notice_once(key: Any, message: str) -> None:
    if key not in _NOTICES:
        _NOTICES.add(key)
        log.warning("%s", message)


_LOST = {"lemma": "match their words only as written (no lemmas)", "ner": "cannot see names (no entities)",
         "deps": "have no dependency parse", ON_DEMAND: "have no dependency parse",
         "pos": "have no part-of-speech tags"}


def _say_what_is_missing(nlp: Any, lang: str, checks: list[Check]) -> None:
    """Once per pipeline and language: the enabled rules that need what the pipeline cannot give."""
    have = provides(nlp)
    lost: dict[str, list[str]] = {}
    for check in checks:
        for capability in sorted(check.needs.capabilities - have):
            lost.setdefault(_LOST.get(capability, f"lack {capability}"), []).append(check.rule.code)
    if lost:
        unit = languages.get(lang)
        parts = "; ".join(f"{', '.join(sorted(set(codes)))} {what}" for what, codes in sorted(lost.items()))
        fix = f" ({unit.install})" if unit.install else ""
        _notice_once(("capability", id(nlp), lang),
                     f"{unit.name} posts, pipeline '{nlp.meta.get('lang', lang)}_{nlp.meta.get('name', '')}': {parts}; "
                     f"install the language's full model to use them{fix}")


def _sentences_within_blocks(doc: Any) -> Any:
    """A blank line (a block boundary of the markup: paragraph, heading, list item, cell) always
    starts a sentence, whatever the sentence recogniser made of it: "### A heading?" and the
    paragraph under it are two sentences."""
    if not doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return doc  # a full parse fixes its own sentences; writing them would fail (spaCy E043)
    starts = [token.i for token in doc[1:] if not token.is_space and not token.is_sent_start
              and doc[token.i - 1].is_space and doc[token.i - 1].text.count("\n") >= 2]
    if starts:
        # one write for all of them: each `token.is_sent_start = True` rescans the whole Doc (quadratic)
        from spacy.attrs import SENT_START

        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


def _deferred_spans(document: Document, capability: str, asking: list[Check]) -> list[tuple[int, int]] | None:
    """Where the checks in `asking` need `capability` in `document`: None anywhere, [] nowhere."""
    spans: list[tuple[int, int]] = []
    for check in asking:
        wanted = check.deferred_spans(document, capability)
        if wanted is None:
            return None
        spans.extend(wanted)
    return spans
