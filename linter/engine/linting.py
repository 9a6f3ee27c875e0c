"""The `Linter` (documents in, findings out, through one shared NLP pass per batch) and `Linters`,
the one cache of Linters by config that the library, `check`, `baseline` and the language server share."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..checks import KINDS, Hit, Notice, load_kinds
from ..config import Config, resolve_config
from ..document import Document
from ..finding import Finding
from ..languages import AUTO
from ..nlp import NLP_LOCK, load_lazy_parts
from ..packs import load_rules
from ..rule import Rule
from ..schema import USER_REGEX_TIMEOUT
from ..sources import Configs
from ..suppress import Suppressor
from .deduping import VALUE_CATEGORIES, dedupe
from .names import in_file_name
from .post import Post, check_lang, checked_post, parse_as_of
from .runtime import Runtime

BATCH_SIZE = 32
# Code and link targets are published too, so pii and confidential rules read them; language
# rules (config `code_blocks` decides which categories) do not: `kill -9`, /blog/killer-feature.
NOT_PROSE_ZONES = frozenset({"code", "link"})
PIECE_CHARS = 100_000  # longer texts are parsed in pieces (spaCy: ~1 GB per 100k characters)
# A batch holds at most BATCH_SIZE posts and, past its first, BATCH_CHARS characters: spaCy's
# working memory grows with the text parsed at once (32 pieces of a huge file took 2.8 GB; on a
# blog, 50,000 characters peak 45 MB lower than 200,000, at the same speed).
BATCH_CHARS = 50_000


def _in_every_language(piece: Document) -> Iterator[Document]:
    """`piece`, and a copy of it for each of its `also_langs` (a post whose language nothing tells
    is checked by every language's word rules as well; `_finish` keeps their insults, profanity,
    substances and claims, and dedupes what several find)."""
    yield piece
    for lang in piece.also_langs:
        yield replace(piece, lang=lang, also_langs=())


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
        check_lang(lang)
        load_kinds()
        configs = Configs() if config is None else None  # then each post's config is found upward from it
        self._home = configs.key_for("-") if configs is not None else None  # the working directory's config
        self.config = configs.get(self._home) if configs is not None else resolve_config(config)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.rules = rules if rules is not None else load_rules(self.config, self.cache_dir)  # `rules`: from it
        self.lang = lang or self.config.lang
        self._suppressor = Suppressor(self.rules)
        self._generic = frozenset(r.code for r in self.rules if r.kind == "classifier")  # models' findings
        self._readers = frozenset(r.code for r in self.rules if r.kind == "hostility")  # statements read whole
        self._runtimes: dict[str, Runtime] = {}  # a language's pipeline and checks: made for its first post
        for rule in self.rules:
            if rule.enabled:
                for rule_lang in rule.languages:
                    KINDS[rule.kind].verify(rule.in_language(rule_lang))
        self._linters = Linters(configs, lang=lang, cache_dir=self.cache_dir) if configs is not None else None

    def _linter_for(self, path: str | None) -> Linter:
        """The linter for a post at `path`: this one, or with `config=None` the one of the config
        found upward from the path (made once per config)."""
        if self._linters is None or not path or path == "-":
            return self
        with NLP_LOCK:  # the resolver's memo of folders is shared by the threads
            key = self._linters.configs.key_for(path)
        return self if key == self._home else self._linters.get(key)

    def _runtime(self, lang: str) -> Runtime:
        with NLP_LOCK:
            if lang not in self._runtimes:
                self._runtimes[lang] = Runtime(self.rules, self.config, lang, self.cache_dir)
            return self._runtimes[lang]

    def preload(self) -> None:
        """Load now what the first posts would load lazily (the default language's pipeline and
        checks, NER), e.g. before forking workers or serving."""
        self._runtime(self.config.default_lang if self.lang == AUTO else self.lang)
        for runtime in self._runtimes.values():
            load_lazy_parts(runtime.nlp)

    def document(self, post: Post | str) -> Document:
        post = checked_post(post)
        linter = self._linter_for(post.path)
        return Document.create(post.text, path=post.path, markup=post.markup, lang=post.lang or linter.lang,
                               as_of=parse_as_of(post.as_of), default_lang=linter.config.default_lang)

    def lint(self, text: str, *, path: str | None = None, as_of: dt.date | str | None = None,
             lang: str | None = None) -> list[Finding]:
        """Findings for one text; `path` decides the markup (.md, .html, ...) and is reported."""
        post = checked_post(Post(text, path=path, as_of=as_of, lang=lang))  # raise here, not in a generator
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
        documents = (self.document(checked_post(item, default_as_of)) for item in texts)
        for _, findings in self.lint_documents(documents, batch_size=batch_size):
            yield findings

    def lint_documents(self, documents: Iterable[Document], *,
                       batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, list[Finding]]]:
        """Lint prepared documents in order; each batch shares one `nlp.pipe` per language. Each is
        yielded as linted: what its checks said that is not a finding added to its `warnings`."""
        if self._linters is None:
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
        said: list[str] = []
        for document, findings, notices in self._lint_pieces(pieces, batch_size):
            if document is not current:
                if current is not None:
                    yield current.noticed(said), self._finish(current, found)
                current, found, said = document, [], []
            found.extend(findings)
            said.extend(notices)
        if current is not None:
            yield current.noticed(said), self._finish(current, found)

    def _lint_pieces(self, pieces: Iterable[tuple[Document, Document]],
                     batch_size: int) -> Iterator[tuple[Document, list[Finding], list[str]]]:
        """Findings and notices of each piece. After a language's first batch (in this Linter's
        life, not per call), each batch runs in a spaCy memory zone: the words it brings into the
        vocabulary are dropped after it, so neither a long stream nor one post per call (a server)
        grows the process."""
        for batch in _batches(pieces, batch_size, BATCH_CHARS):
            with NLP_LOCK:  # one batch at a time per process: the pipelines and their memory zones are shared
                runtimes = [self._runtime(lang) for lang in dict.fromkeys(piece.lang for _, piece in batch)]
                with contextlib.ExitStack() as zones:
                    for runtime in runtimes:
                        if runtime.warm:
                            zones.enter_context(runtime.memory_zone())
                    done = self._check_batch(batch, runtimes, batch_size)
                for runtime in runtimes:
                    runtime.warm = True
            yield from done  # outside the lock: other threads go on while the caller reads

    def _check_batch(self, batch: list[tuple[Document, Document]], runtimes: list[Runtime],
                     batch_size: int) -> list[tuple[Document, list[Finding], list[str]]]:
        """Each piece parsed and checked; the parses are dropped on return (they may not outlive
        the memory zone), the findings and notices are plain data."""
        parsed = {runtime.lang: iter(runtime.parse([piece for _, piece in batch if piece.lang == runtime.lang],
                                                   batch_size)) for runtime in runtimes}
        return [(document, *self._check(next(parsed[piece.lang]), self._runtimes[piece.lang]))
                for document, piece in batch]

    def _finish(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """A whole document's findings, its inline suppressions applied (`suppress.py`), deduped,
        and those in its file name."""
        if document.also_langs:  # values and their exemptions ("Contact: ...") are read in the post's own language
            findings = [f for f in findings if f.lang == document.lang or str(f.category) not in VALUE_CATEGORIES]
        found = self._suppressor.apply(document, findings,
                                       functools.partial(dedupe, source=document.source, generic=self._generic,
                                                         readers=self._readers))
        return in_file_name(document, self._runtime(document.lang).checks) + found

    def _check(self, document: Document, runtime: Runtime) -> tuple[list[Finding], list[str]]:
        """A parsed piece's findings, and what its checks told the user that is not a finding."""
        findings: list[Finding] = []
        notices: list[str] = []
        for check in runtime.checks:
            try:
                for found in check.run(document):
                    if isinstance(found, Notice):
                        notices.append(document.tell(found.message))
                    elif (finding := self._finding(check.rule, found, document)) is not None:
                        findings.append(finding)
            except TimeoutError:  # a user's regex backtracked past its bound: say so, the other rules run
                notices.append(document.tell(f"rule {check.rule.code} gave up after {USER_REGEX_TIMEOUT}s on this "
                                             "text (a regular expression backtracks too much); other rules still ran"))
        return findings, notices

    def _finding(self, rule: Rule, hit: Hit, document: Document) -> Finding | None:
        if str(rule.category) not in self.config.code_categories and \
                document.zones_at(hit.start, hit.end) & NOT_PROSE_ZONES:
            return None
        start, end = document.source_span(hit.start, hit.end)
        if end <= start:
            return None
        return rule.finding(document.source, document.lines, start, end, values=hit.values, severity=hit.severity,
                            path=document.path, template=hit.template, evidence=hit.evidence)


class Linters:
    """One Linter per config, each made on first use and shared: the config that governs a path is
    the resolver's (`sources.Configs`: `--config`, else the nearest postlint.yaml upward), so every
    caller applies the same config to the same file and loads its rules and checks once."""

    def __init__(self, configs: Configs, *, lang: str | None = None, cache_dir: Path | None = None) -> None:
        self.configs = configs
        self.lang = lang
        self.cache_dir = cache_dir
        self._made: dict[Path | None, Linter] = {}

    def get(self, key: Path | None, rules: list[Rule] | None = None) -> Linter:
        """The Linter of the config file `key` (None: the built-in defaults); `rules`, when the
        caller has loaded that config's rules already."""
        with NLP_LOCK:  # threads sharing a Linter with config=None make each config's Linter once
            if key not in self._made:
                self._made[key] = Linter(self.configs.get(key), lang=self.lang, cache_dir=self.cache_dir, rules=rules)
            return self._made[key]
