"""The `Linter`: documents in, findings out, through one shared NLP pass per batch."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import functools
import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import languages
from .checks import KINDS, Check, Hit, load_kinds
from .checks._phrase_cache import phrase_cache
from .config import Config, find_config, load_config, resolve_config
from .document import Document
from .errors import ModelNotInstalled, PostlintError
from .finding import Finding
from .languages import AUTO, LANGUAGES
from .markup import MARKUPS
from .nlp import NLP_LOCK, ON_DEMAND, Needs, deferred, load_lazy_parts, load_spacy, provides, run_deferred
from .tokenizer import tokenize
from .packs import load_rules
from .presidio import NER_ENTITIES, PiiAnalyzer
from .rule import Rule
from .schema import DATE_HINT, USER_REGEX_TIMEOUT, parse_date, shown
from .suppress import Suppressor

log = logging.getLogger("postlint")
BATCH_SIZE = 32
# Code and link targets are published too, so pii and confidential rules read them; language
# rules (config `code_blocks` decides which categories) do not: `kill -9`, /blog/killer-feature.
NOT_PROSE_ZONES = frozenset({"code", "link"})
PIECE_CHARS = 100_000  # longer texts are parsed in pieces (spaCy: ~1 GB per 100k characters)
# A batch holds at most BATCH_SIZE posts and, past its first, BATCH_CHARS characters: spaCy's
# working memory grows with the text parsed at once (32 pieces of a huge file took 2.8 GB; on a
# blog, 50,000 characters peak 45 MB lower than 200,000, at the same speed).
BATCH_CHARS = 50_000
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
    """The date embargoes are judged at: `value`, or today when it is None."""
    if value is None:
        return dt.date.today()
    if not isinstance(value, (dt.date, str)):
        raise TypeError(f"as_of must be a datetime.date or an ISO date string, not {type(value).__name__}")
    try:
        return parse_date(value)
    except ValueError:
        raise ValueError(f"as_of {shown(value)} is not a date; {DATE_HINT}") from None


def _checked_post(item: object, default_as_of: dt.date | None = None) -> Post:
    """A `Post` from what `lint`/`lint_many` were given; a clear TypeError for anything else."""
    post = item if isinstance(item, Post) else Post(item)  # type: ignore[arg-type]
    if not isinstance(post.text, str):
        raise TypeError(f"a post's text must be a str, not {type(post.text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(post.text, bytes) else ""))
    for name in ("path", "lang", "markup"):
        value = getattr(post, name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"a post's {name} must be a str or None, not {type(value).__name__}")
    _check_lang(post.lang)
    if post.markup is not None and post.markup not in MARKUPS:
        raise ValueError(f"markup {shown(post.markup)} is not one of {', '.join(MARKUPS)}")
    as_of = parse_as_of(post.as_of) if post.as_of is not None else default_as_of
    return post if as_of is None or as_of == post.as_of else replace(post, as_of=as_of)


def _check_lang(lang: str | None) -> None:
    """A clear ValueError for a language setting that is none of the languages, nor `auto`."""
    if lang is not None and lang not in (AUTO, *LANGUAGES):
        raise ValueError(f"lang {shown(lang)} is not one of {', '.join((AUTO, *LANGUAGES))}")


class _Runtime:
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

    def parse(self, documents: list[Document], batch_size: int) -> None:
        """Give each document its `Doc`: one `nlp.pipe`, then the deferred parts where needed."""
        docs = (tokenize(self.nlp, d.text) for d in documents)  # linear time on hostile text
        for document, parsed in zip(documents, self.nlp.pipe(docs, batch_size=batch_size)):
            document.spacy_doc = _sentences_within_blocks(parsed)
        for capability, (everywhere, asking) in self.deferred.items():
            wanted = [(d.doc, None if everywhere else _deferred_spans(d, capability, asking)) for d in documents]
            targets = [(doc, spans) for doc, spans in wanted if spans is None or spans]
            if targets:
                run_deferred(self.nlp, capability, targets)  # in groups within the token budget


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


# What a post's other languages may not add to it: values (an address, a number) are found alike in
# every language, but the words that make one public ("Contact:", "toll-free") are the post's own.
_VALUE_CATEGORIES = frozenset({"pii", "confidential"})


def _in_every_language(piece: Document) -> Iterator[Document]:
    """`piece`, and a copy of it for each of its `also_langs` (a post whose language nothing tells
    is checked by every language's word rules as well; `_finish` keeps their insults, profanity,
    substances and claims, and dedupes what several find)."""
    yield piece
    for lang in piece.also_langs:
        yield dataclasses.replace(piece, lang=lang, spacy_doc=None, pii=[], also_langs=())


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

    `config` is a `Config`, a path to a postlint.yaml, a dict of the same keys, or None: then, as
    the CLI does, a post with a `path` is checked under the postlint.yaml found upward from that
    path, and a post without one under the config found upward from the working directory (which
    `config` and `rules` describe). The spaCy pipeline and Presidio are loaded once per process and
    model, when the first post in their language arrives (`preload` loads the default language's
    now). `cache_dir` is a folder where work that outlives a run is kept (the prepared rules, the
    rule phrases' lemmas); None keeps nothing on disk.

    Thread-safe: any number of threads may share one Linter (or several). The NLP pass of each
    batch holds a process-wide lock (`nlp.NLP_LOCK`, since loaded pipelines and their memory zones
    are shared), so threads take turns batch by batch, and a `lint_many` generator holds it only
    while it works on a batch, never while its caller reads. Threads give no speed-up within one
    process; use `--jobs` (processes) for that.
    """

    def __init__(self, config: Config | str | Path | Mapping[str, Any] | None = None, *,
                 lang: str | None = None, cache_dir: str | Path | None = None,
                 rules: list[Rule] | None = None) -> None:
        if config is not None and not isinstance(config, (Config, str, Path, Mapping)):
            raise TypeError(f"config must be a path, a mapping of config keys, a Config or None, "
                            f"not {type(config).__name__}")
        _check_lang(lang)
        load_kinds()
        self.config = resolve_config(config)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.rules = rules if rules is not None else load_rules(self.config, self.cache_dir)  # `rules`: from it
        self.lang = lang or self.config.lang
        self._suppressor = Suppressor(self.rules)
        self._generic = frozenset(r.code for r in self.rules if r.kind == "classifier")  # models' findings
        self._readers = frozenset(r.code for r in self.rules if r.kind == "hostility")  # statements read whole
        self._runtimes: dict[str, _Runtime] = {}  # a language's pipeline and checks: made for its first post
        for rule in self.rules:
            if rule.enabled:
                for rule_lang in rule.languages:
                    KINDS[rule.kind].verify(rule.in_language(rule_lang))
        self._follows_paths = config is None
        self._requested_lang = lang
        self._config_of_folder: dict[Path, Path | None] = {}
        self._by_config: dict[Path | None, Linter] = {}

    def _linter_for(self, path: str | None) -> Linter:
        """The linter for a post at `path`: this one, or with `config=None` the one of the config
        found upward from the path (made once per config)."""
        if not self._follows_paths or not path or path == "-":
            return self
        folder = Path(path).resolve().parent
        with NLP_LOCK:
            if folder not in self._config_of_folder:
                self._config_of_folder[folder] = find_config(folder)
            found = self._config_of_folder[folder]
            if found == self.config.path:
                return self
            if found not in self._by_config:
                self._by_config[found] = Linter(load_config(found) if found else Config(),
                                                lang=self._requested_lang, cache_dir=self.cache_dir)
            return self._by_config[found]

    def _runtime(self, lang: str) -> _Runtime:
        with NLP_LOCK:
            if lang not in self._runtimes:
                self._runtimes[lang] = _Runtime(self.rules, self.config, lang, self.cache_dir)
            return self._runtimes[lang]

    def preload(self) -> None:
        """Load now what the first posts would load lazily (the default language's pipeline and
        checks, NER), e.g. before forking workers or serving."""
        self._runtime(self.config.default_lang if self.lang == AUTO else self.lang)
        for runtime in self._runtimes.values():
            load_lazy_parts(runtime.nlp)

    def document(self, post: Post | str) -> Document:
        post = _checked_post(post)
        linter = self._linter_for(post.path)
        return Document.create(post.text, path=post.path, markup=post.markup, lang=post.lang or linter.lang,
                               as_of=parse_as_of(post.as_of), default_lang=linter.config.default_lang)

    def lint(self, text: str, *, path: str | None = None, as_of: dt.date | str | None = None,
             lang: str | None = None) -> list[Finding]:
        """Findings for one text; `path` decides the markup (.md, .html, ...) and is reported."""
        post = _checked_post(Post(text, path=path, as_of=as_of, lang=lang))  # raise here, not in a generator
        return next(self.lint_many([post]))

    def lint_many(self, texts: Iterable[str | Post], *, as_of: dt.date | str | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[list[Finding]]:
        """One list of findings per text, in order, streaming texts through `nlp.pipe` in batches."""
        if isinstance(texts, (str, bytes, Post)):
            raise TypeError("lint_many takes an iterable of texts (a list of str or Post), not one "
                            f"{type(texts).__name__}; use lint(text) for a single post")
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError("batch_size must be a whole number of at least 1")
        default_as_of = parse_as_of(as_of)
        return self._lint_many(iter(texts), default_as_of, batch_size)

    def _lint_many(self, texts: Iterator[str | Post], default_as_of: dt.date,
                   batch_size: int) -> Iterator[list[Finding]]:
        documents = (self.document(_checked_post(item, default_as_of)) for item in texts)
        for _, findings in self.lint_documents(documents, batch_size=batch_size):
            yield findings

    def lint_documents(self, documents: Iterable[Document], *,
                       batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, list[Finding]]]:
        """Lint prepared documents in order; each batch shares one `nlp.pipe` per language."""
        if not self._follows_paths:
            yield from self._lint_documents(documents, batch_size)
            return
        for linter, group in itertools.groupby(documents, key=lambda d: self._linter_for(d.path)):
            yield from linter._lint_documents(group, batch_size)

    def _lint_documents(self, documents: Iterable[Document],
                        batch_size: int) -> Iterator[tuple[Document, list[Finding]]]:
        pieces = ((document, read) for document in documents
                  for piece in document.pieces(min(PIECE_CHARS, self._runtime(document.lang).nlp.max_length))
                  for read in _in_every_language(piece))
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
        """Findings of each piece. After a language's first batch (in this Linter's life, not per
        call), each batch runs in a spaCy memory zone: the words it brings into the vocabulary are
        dropped after it, so neither a long stream nor one post per call (a server) grows the
        process."""
        for batch in _batches(pieces, batch_size, BATCH_CHARS):
            with NLP_LOCK:  # one batch at a time per process: the pipelines and their memory zones are shared
                runtimes = [self._runtime(lang) for lang in dict.fromkeys(piece.lang for _, piece in batch)]
                done = []
                with contextlib.ExitStack() as zones:
                    for runtime in runtimes:
                        if runtime.warm:
                            zones.enter_context(runtime.memory_zone())
                    for runtime in runtimes:
                        runtime.parse([piece for _, piece in batch if piece.lang == runtime.lang], batch_size)
                    for document, piece in batch:
                        done.append((document, self._check(piece, self._runtimes[piece.lang])))
                        piece.spacy_doc = None  # the parse may not outlive its zone; findings are plain data
                for runtime in runtimes:
                    runtime.warm = True
            yield from done  # outside the lock: other threads go on while the caller reads

    def _finish(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """A whole document's findings, its inline suppressions applied (`suppress.py`), deduped,
        and those in its file name."""
        if document.also_langs:  # values and their exemptions ("Contact: ...") are read in the post's own language
            findings = [f for f in findings if f.lang == document.lang or str(f.category) not in _VALUE_CATEGORIES]
        found = self._suppressor.apply(document, findings,
                                       functools.partial(dedupe, source=document.source, generic=self._generic,
                                                         readers=self._readers))
        return self._in_file_name(document) + found

    def _in_file_name(self, document: Document) -> list[Finding]:
        """Codenames and customers in the post's file name: it becomes the page's URL."""
        span = slug_span(document.path)
        if span is None:
            return []
        assert document.path is not None
        findings = []
        for check in self._runtime(document.lang).checks:
            for hit in check.run_on_name(document.path[span[0]:span[1]], document):
                findings.append(check.rule.finding(document.source, document.lines, 0, 0, values=hit.values,
                                                   severity=hit.severity, path=document.path,
                                                   in_path=(span[0] + hit.start, span[0] + hit.end),
                                                   evidence=hit.evidence))
        return findings

    def _check(self, document: Document, runtime: _Runtime) -> list[Finding]:
        if runtime.pii is not None:
            document.pii = runtime.pii.analyze(document.doc)
        findings: list[Finding] = []
        for check in runtime.checks:
            try:
                for hit in check.run(document):
                    finding = self._finding(check.rule, hit, document)
                    if finding is not None:
                        findings.append(finding)
            except TimeoutError:  # a user's regex backtracked past its bound: say so, the other rules run
                document.warn(f"rule {check.rule.code} gave up after {USER_REGEX_TIMEOUT}s on this text "
                              "(a regular expression backtracks too much); other rules still ran")
        return findings

    def _finding(self, rule: Rule, hit: Hit, document: Document) -> Finding | None:
        if str(rule.category) not in self.config.code_categories and \
                document.zones_at(hit.start, hit.end) & NOT_PROSE_ZONES:
            return None
        start, end = document.source_span(hit.start, hit.end)
        if end <= start:
            return None
        return rule.finding(document.source, document.lines, start, end, values=hit.values, severity=hit.severity,
                            path=document.path, template=hit.template, evidence=hit.evidence)


_PAGE_BUNDLE = frozenset({"index", "_index", "readme"})  # Hugo and others: the folder is the slug


def slug_span(path: str | None) -> tuple[int, int] | None:
    """Where in `path` the part that becomes a post's URL stands: its file name without the
    suffix, or the folder's name for an `index.md`. None for standard input."""
    if not path or path == "-":
        return None
    name_start = max(path.rfind("/"), path.rfind("\\")) + 1
    stem_end = path.rfind(".", name_start + 1)
    stem_end = stem_end if stem_end > name_start else len(path)
    if path[name_start:stem_end].lower() in _PAGE_BUNDLE and name_start > 1:
        folder_start = max(path.rfind("/", 0, name_start - 1), path.rfind("\\", 0, name_start - 1)) + 1
        return folder_start, name_start - 1
    return name_start, stem_end


def dedupe(findings: list[Finding], source: str | None = None,
           generic: frozenset[str] = frozenset(), readers: frozenset[str] = frozenset()) -> list[Finding]:
    """Keep one finding per overlapping stretch of a category: the most severe, then the longest.

    With the `source`, one fact reported twice is also reported once (`same_fact`). A `generic`
    finding (a model's: "this sentence reads as offensive") is dropped where a derogatory or
    profanity rule reports words inside it: the rule says what is wrong and why ("'shit' is
    profanity"), and the same words are not reported twice. A `readers` finding (a statement read
    whole: "X are vermin") likewise gives way to a word rule of at least its severity that reports
    words inside it ("'vermin' compares people to ...").
    """
    specific = sorted((f.start, f.end) for f in findings
                      if f.code not in generic and f.category in ("derogatory", "profanity"))
    if generic and specific:
        findings = [f for f in findings if f.code not in generic or not _overlaps(specific, f.start, f.end)]
    if readers:
        words = [f for f in findings if f.code not in generic | readers and f.category in ("derogatory", "profanity")]
        findings = [f for f in findings if f.code not in readers or not any(
            w.severity.rank >= f.severity.rank and w.start < f.end and f.start < w.end for w in words)]
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
    if source is not None:
        kept = same_fact(kept, source)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted `spans` overlaps [start, end)."""
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[:i])


VALUE_CATEGORIES = frozenset({"pii", "confidential"})  # findings about a value: an address, a number, a name
LINK_SCHEMES = ("mailto:", "tel:", "callto:", "sms:")
LINK_SCHEME_LENGTH = max(map(len, LINK_SCHEMES))
LINK_REACH = 2000  # source characters between a link's visible text and its target


def same_fact(findings: list[Finding], source: str) -> list[Finding]:
    """One fact, one finding: a `mailto:` or `tel:` link's target when its visible text says the
    same value nearby, and a value inside another value (a customer's name in an address's
    domain) are dropped in favour of the finding that holds them. `findings` are `dedupe`'s: no two
    of one category overlap, so a value can only sit inside its nearest neighbour before it of each
    category (linear in the findings, however many a hostile post holds)."""
    values = [f for f in findings if str(f.category) in VALUE_CATEGORIES]
    by_category: dict[str, list[Finding]] = {}
    for f in sorted(values, key=lambda f: (f.start, -f.end)):
        by_category.setdefault(str(f.category), []).append(f)
    starts = {category: [f.start for f in group] for category, group in by_category.items()}
    unlinked: dict[tuple[str, str], list[int]] = {}  # (code, value) -> starts of its findings outside a link
    for f in sorted(values, key=lambda f: f.start):
        if not _in_link(source, f.start):
            unlinked.setdefault((f.code, _fact_key(f.match)), []).append(f.start)
    dropped: set[int] = set()
    for f in values:
        for category, group in by_category.items():
            i = bisect.bisect_right(starts[category], f.start) - 1
            while i >= 0 and group[i] is f:
                i -= 1
            outer = group[i] if i >= 0 else None
            if outer is not None and outer.start <= f.start and f.end <= outer.end and \
                    (outer.end - outer.start) > (f.end - f.start) and outer.severity.rank >= f.severity.rank:
                dropped.add(id(f))
                break
        if id(f) in dropped or not _in_link(source, f.start):
            continue
        near = unlinked.get((f.code, _fact_key(f.match)), [])
        i = bisect.bisect_left(near, f.start - LINK_REACH)
        if i < len(near) and near[i] <= f.start + LINK_REACH:
            dropped.add(id(f))
    return [f for f in findings if id(f) not in dropped]


def _in_link(source: str, start: int) -> bool:
    """Whether the value at `start` is a link's target (`mailto:jane@...`)."""
    return source[max(0, start - LINK_SCHEME_LENGTH):start].lower().endswith(LINK_SCHEMES)


def _fact_key(value: str) -> str:
    """What makes two spellings one value: case for addresses, the last ten digits for numbers."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) >= 7 and len(digits) * 2 > len(value.replace(" ", "")):
        return digits[-10:]
    return value.strip().lower()
