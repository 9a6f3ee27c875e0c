"""The `Linter`: documents in, findings out, through one shared NLP pass per batch."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .checks import KINDS, Check, Hit, load_kinds
from .config import Config, resolve_config
from .document import Document
from .errors import PostlintError
from .finding import Finding
from .nlp import (DEFAULT_MODELS, NER_ENTITIES, Needs, PiiAnalyzer, deferred, lazy, load_deferred, load_spacy,
                  phrase_cache, run_deferred)
from .packs import Rule, load_rules
from .suppress import Suppressor

log = logging.getLogger("postlint")
BATCH_SIZE = 32
# Code and link targets are published too, so pii and confidential rules read them; language
# rules (config `code_blocks` decides which categories) do not: `kill -9`, /blog/killer-feature.
NOT_PROSE_ZONES = frozenset({"code", "link"})
PIECE_CHARS = 100_000  # longer texts are parsed in pieces (spaCy: ~1 GB per 100k characters)
# A batch holds at most BATCH_SIZE posts and, past its first, BATCH_CHARS characters: spaCy's
# working memory grows with the text parsed at once (32 pieces of a huge file took 2.8 GB).
BATCH_CHARS = 200_000
LEMMA_CACHE_LIMIT = 10_000  # words whose lemmas spaCy's lemmatizer remembers between batches


@dataclass(frozen=True, slots=True)
class Post:
    """One text to lint with its own settings (what `lint_many` accepts besides plain strings)."""

    text: str
    path: str | None = None
    as_of: dt.date | str | None = None
    lang: str | None = None
    markup: str | None = None


def parse_as_of(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise PostlintError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


class _Runtime:
    """The checks of one language, prepared against that language's loaded pipeline."""

    def __init__(self, rules: list[Rule], config: Config, lang: str, cache_dir: Path | None = None) -> None:
        self.lang = lang
        self.checks: list[Check] = [KINDS[r.kind](r, config.company) for r in rules
                                    if r.enabled and lang in r.languages]
        needs = functools.reduce(lambda a, b: a | b, (c.needs for c in self.checks), Needs())
        model = config.models.get(lang) or DEFAULT_MODELS[lang]
        self.nlp = load_spacy(model, lang, needs)
        with phrase_cache(self.nlp, cache_dir):
            for check in self.checks:
                check.prepare(self.nlp)
        self.pii = (PiiAnalyzer(self.nlp, lang, needs.entities, phone_regions=config.phone_regions)
                    if needs.entities else None)
        # Deferred parts of the parse (NER) run where the checks that read them say they need them,
        # or on every whole document when Presidio reads spaCy's entities.
        self.deferred: dict[str, tuple[bool, list[Check]]] = {}
        for capability in deferred(self.nlp):
            everywhere = capability == "ner" and bool(needs.entities & NER_ENTITIES.keys())
            asking = [c for c in self.checks if capability in c.needs.capabilities]
            if everywhere or asking:
                self.deferred[capability] = (everywhere, asking)

    def memory_zone(self) -> contextlib.AbstractContextManager[Any]:
        """spaCy's memory zone around one batch, with every lazily loaded component loaded first."""
        for capability in lazy(self.nlp):
            load_deferred(self.nlp, capability)  # its strings must not be dropped with the zone's
        lemmatizer = self.nlp.get_pipe("lemmatizer") if self.nlp.has_pipe("lemmatizer") else None
        if len(getattr(lemmatizer, "cache", ())) > LEMMA_CACHE_LIMIT:
            lemmatizer.cache.clear()  # type: ignore[union-attr]  # a memo of lemmas by word: keep it bounded
        return self.nlp.memory_zone() if hasattr(self.nlp, "memory_zone") else contextlib.nullcontext()

    def parse(self, documents: list[Document], batch_size: int) -> None:
        """Give each document its `Doc`: one `nlp.pipe`, then the deferred parts where needed."""
        for document, parsed in zip(documents, self.nlp.pipe((d.text for d in documents), batch_size=batch_size)):
            document.spacy_doc = parsed
        for capability, (everywhere, asking) in self.deferred.items():
            wanted = [(d.doc, None if everywhere else _deferred_spans(d, capability, asking)) for d in documents]
            targets = [(doc, spans) for doc, spans in wanted if spans is None or spans]
            if targets:
                run_deferred(self.nlp, capability, targets, batch_size)


def _deferred_spans(document: Document, capability: str, asking: list[Check]) -> list[tuple[int, int]] | None:
    """Where the checks in `asking` need `capability` in `document`: None anywhere, [] nowhere."""
    spans: list[tuple[int, int]] = []
    for check in asking:
        wanted = check.deferred_spans(document, capability)
        if wanted is None:
            return None
        spans.extend(wanted)
    return spans


def _batches(pieces: Iterable[tuple[Document, Document]], size: int,
             chars: int) -> Iterator[list[tuple[Document, Document]]]:
    """Consecutive batches of at most `size` pieces and, beyond their first, `chars` characters."""
    batch: list[tuple[Document, Document]] = []
    length = 0
    for item in pieces:
        if batch and (len(batch) >= size or length + len(item[1].text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(item)
        length += len(item[1].text)
    if batch:
        yield batch


class Linter:
    """Checks posts against the company's policy.

    `config` is a `Config`, a path to a postlint.yaml, a dict of the same keys, or None (search
    upward from the working directory). The spaCy pipeline and Presidio are loaded once here.
    `cache_dir` is a folder where work that outlives a run is kept (the rule phrases' lemmas);
    None keeps nothing on disk.
    """

    def __init__(self, config: Config | str | Path | Mapping[str, Any] | None = None, *,
                 lang: str | None = None, cache_dir: str | Path | None = None,
                 rules: list[Rule] | None = None) -> None:
        load_kinds()
        self.config = resolve_config(config)
        self.rules = rules if rules is not None else load_rules(self.config)  # `rules`: already loaded from it
        self.lang = lang or self.config.lang
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._suppressor = Suppressor(self.rules)
        self._runtimes: dict[str, _Runtime] = {}
        self._runtime(self.lang)

    def _runtime(self, lang: str) -> _Runtime:
        if lang not in self._runtimes:
            if lang not in DEFAULT_MODELS and lang not in self.config.models:
                raise PostlintError(f"language '{lang}' is not supported (supported: {', '.join(DEFAULT_MODELS)})")
            self._runtimes[lang] = _Runtime(self.rules, self.config, lang, self.cache_dir)
        return self._runtimes[lang]

    def preload(self) -> None:
        """Load now what the first posts would load lazily (NER), e.g. before forking workers."""
        for runtime in self._runtimes.values():
            for capability in lazy(runtime.nlp):
                load_deferred(runtime.nlp, capability)

    @property
    def enabled_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def document(self, post: Post | str) -> Document:
        if isinstance(post, str):
            post = Post(post)
        return Document.create(post.text, path=post.path, markup=post.markup,
                               lang=post.lang or self.lang, as_of=parse_as_of(post.as_of))

    def lint(self, text: str, *, path: str | None = None, as_of: dt.date | str | None = None,
             lang: str | None = None) -> list[Finding]:
        """Findings for one text; `path` decides the markup (.md, .html, ...) and is reported."""
        return next(self.lint_many([Post(text, path=path, as_of=as_of, lang=lang)]))

    def lint_many(self, texts: Iterable[str | Post], *, as_of: dt.date | str | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[list[Finding]]:
        """One list of findings per text, in order, streaming texts through `nlp.pipe` in batches."""
        default_as_of = parse_as_of(as_of)
        posts = (item if isinstance(item, Post) else Post(item) for item in texts)
        documents = (self.document(post if post.as_of else replace(post, as_of=default_as_of))
                     for post in posts)
        for _, findings in self.lint_documents(documents, batch_size=batch_size):
            yield findings

    def lint_documents(self, documents: Iterable[Document], *,
                       batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, list[Finding]]]:
        """Lint prepared documents in order; each batch shares one `nlp.pipe` per language."""
        pieces = ((document, piece) for document in documents
                  for piece in document.pieces(min(PIECE_CHARS, self._runtime(document.lang).nlp.max_length)))
        current: Document | None = None
        found: list[Finding] = []
        for document, findings in self._lint_pieces(pieces, batch_size):
            if document is not current:
                if current is not None:
                    yield current, self._finish(current, found)
                current, found = document, []
            found.extend(findings)
        if current is not None:
            yield current, self._finish(current, found)

    def _lint_pieces(self, pieces: Iterable[tuple[Document, Document]],
                     batch_size: int) -> Iterator[tuple[Document, list[Finding]]]:
        """Findings of each piece. From the second batch on, each batch runs in a spaCy memory zone:
        the words it brings into the vocabulary are dropped after it, so a long stream does not
        grow the process."""
        first = True
        for batch in _batches(pieces, batch_size, BATCH_CHARS):
            runtimes = [self._runtime(lang) for lang in dict.fromkeys(piece.lang for _, piece in batch)]
            with contextlib.ExitStack() as zones:
                if not first:
                    for runtime in runtimes:
                        zones.enter_context(runtime.memory_zone())
                for runtime in runtimes:
                    runtime.parse([piece for _, piece in batch if piece.lang == runtime.lang], batch_size)
                for document, piece in batch:
                    findings = self._check(piece, self._runtimes[piece.lang])
                    piece.spacy_doc = None  # the parse may not outlive its zone; findings are plain data
                    yield document, findings
            first = False

    def _finish(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """A whole document's findings, its inline suppressions applied (`suppress.py`), deduped."""
        return self._suppressor.apply(document, findings, dedupe)

    def _check(self, document: Document, runtime: _Runtime) -> list[Finding]:
        if runtime.pii is not None:
            document.pii = runtime.pii.analyze(document.doc)
        findings: list[Finding] = []
        for check in runtime.checks:
            for hit in check.run(document):
                finding = self._finding(check.rule, hit, document)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _finding(self, rule: Rule, hit: Hit, document: Document) -> Finding | None:
        if str(rule.category) not in self.config.code_categories and \
                document.zones_at(hit.start, hit.end) & NOT_PROSE_ZONES:
            return None
        start, end = document.source_span(hit.start, hit.end)
        if end <= start:
            return None
        match = document.source[start:end]
        line, col = document.position(start)
        end_line, end_col = document.position(end)
        return Finding(
            code=rule.code, category=rule.category, severity=hit.severity or rule.severity,
            message=rule.format_message(match, hit.values, hit.template), why=rule.why,
            suggestion=rule.suggestion.format_map({**hit.values, "match": match}) if rule.suggestion else "",
            start=start, end=end, line=line, col=col, end_line=end_line, end_col=end_col,
            match=match, path=document.path,
        )


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per overlapping stretch of a category: the most severe, then the longest."""
    by_priority = sorted(findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start, f.code))
    taken: dict[str, list[tuple[int, int]]] = {}
    kept = []
    for finding in by_priority:
        spans = taken.setdefault(finding.category, [])
        i = bisect.bisect_left(spans, (finding.start, finding.end))
        neighbours = spans[max(i - 1, 0):i + 1]
        if any(s < finding.end and finding.start < e for s, e in neighbours):
            continue
        spans.insert(i, (finding.start, finding.end))
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))
