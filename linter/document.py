"""A `Document`: one post as the checks see it, with every offset traceable to the source."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import regex

from . import languages
from .markup import Directive, Zone, extract, markup_for
from .normalize import normalise
from .publisher import Publisher, publisher_of
from .textmap import LineIndex, OffsetMap, ShiftedMap, SpanMap

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger("postlint")


@dataclass(frozen=True, eq=False)
class Document:
    """The source, its plain text, the normalised text the checks read, and the one parse of it.

    `text` is the normalised plain text: markup stripped (`markup.py`), disguises undone
    (`normalize.py`). `source_span()` maps a span of `text` back to `source`. A document never
    changes: the engine makes a parsed copy of it (`parsed`), and the linted document it yields
    carries what its checks said (`noticed`).
    """

    source: str
    text: str
    path: str | None
    markup: str
    lang: str
    as_of: dt.date
    plain: str
    zones: list[Zone]
    directives: list[Directive]
    _to_plain: SpanMap
    _to_source: OffsetMap
    spacy_doc: Doc | None = None
    pii: Sequence[Any] = ()  # Presidio results for `text`, made once
    warnings: tuple[str, ...] = ()  # what the user was told about it: its reading, its checks (not cached)
    _lines: LineIndex | None = None  # the source's, when made before the document was cut into pieces
    also_langs: tuple[str, ...] = ()
    """Languages whose rules also check this post: under `lang: auto`, every other one when nothing
    tells the post's language (`languages.undecided`)."""

    @classmethod
    def create(cls, source: str, *, path: str | None = None, markup: str | None = None,
               lang: str = "en", as_of: dt.date | None = None, default_lang: str = "en") -> Document:
        """Read `source`; `lang` "auto" takes the language the post declares (front matter
        `lang:`/`language:`, `<html lang>`), else the one its words show, else `default_lang`."""
        extracted = extract(source, markup or markup_for(path))
        text, to_plain = normalise(extracted.text)
        lang, undecided = languages.resolve_post(lang, declared=extracted.declared_lang, text=text,
                                                 fallback=default_lang)
        also = tuple(code for code in languages.LANGUAGES if code != lang) if undecided else ()
        document = cls(source=source, text=text, path=path, markup=markup or markup_for(path), lang=lang,
                       as_of=as_of or dt.date.today(), plain=extracted.text, zones=extracted.zones,
                       directives=extracted.directives, _to_plain=to_plain, _to_source=extracted.offsets,
                       warnings=tuple(extracted.warnings), also_langs=also)
        for warning in document.warnings:
            document.tell(warning)
        return document

    def parsed(self, doc: Doc, pii: Sequence[Any] = ()) -> Document:
        """This document with its parse (`Doc`) and Presidio's results: the engine's, made once."""
        return replace(self, spacy_doc=doc, pii=pii)

    def noticed(self, notices: Sequence[str]) -> Document:
        """This document with `notices` (what its checks told the user) added to its warnings."""
        return replace(self, warnings=(*self.warnings, *notices)) if notices else self

    def tell(self, message: str) -> str:
        """Tell the user `message` about this document now (a warning, not a finding); return it."""
        log.warning("%s: %s", self.path or "-", message)
        return message

    @property
    def language(self) -> languages.Language:
        """The unit of the post's language: its model and the words the checks read."""
        return languages.get(self.lang)

    @property
    def publisher(self) -> Publisher:
        """Who publishes the post, derived from the site files of its repository (`publisher.py`):
        the company's own domains stand in for it when the config names them."""
        return publisher_of(self.path)

    @property
    def doc(self) -> Doc:
        if self.spacy_doc is None:
            raise RuntimeError("the document has not been parsed yet")
        return self.spacy_doc

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        return self._to_plain.span(start, end)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self._to_source.span(*self._to_plain.span(start, end))

    @functools.cached_property
    def lines(self) -> LineIndex:
        """Line starts of `source`, made once (and shared by every piece of the document)."""
        return self._lines if self._lines is not None else LineIndex(self.source)

    def position(self, source_offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        return self.lines.position(source_offset)

    def pieces(self, limit: int) -> Iterator[Document]:
        """This document, or views of consecutive slices of at most `limit` characters.

        spaCy refuses texts over `nlp.max_length` and needs about 1 GB per 100,000 characters
        to parse, so long texts are checked piece by piece, cut at paragraph or sentence ends.
        Each view's spans still map to the whole source; a check sees one piece at a time.
        """
        if len(self.text) <= limit:
            yield self
            return
        lines = self.lines  # built once and shared by every piece
        start = 0
        while start < len(self.text):
            end = _cut(self.text, start, start + limit)
            yield replace(self, text=self.text[start:end], _to_plain=ShiftedMap(self._to_plain, start),
                          spacy_doc=None, pii=(), _lines=lines)
            start = end

    # --- blocks -----------------------------------------------------------------------------
    # The markup readers end every block (paragraph, list item, heading, table cell, code block,
    # link target) with a blank line, and plain text separates paragraphs the same way: a blank
    # line in `text` is a block boundary. Context windows and patterns never reach across one.

    @functools.cached_property
    def _block_starts(self) -> list[int]:
        return [0] + [m.end() for m in _BLOCK_BREAK.finditer(self.text)]

    def block(self, offset: int) -> tuple[int, int]:
        """The `(start, end)` in `text` of the block that holds `offset` (its blank-line gap excluded)."""
        starts = self._block_starts
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        while end > starts[i] and self.text[end - 1] in "\r\n \t":
            end -= 1
        return starts[i], max(end, min(offset, len(self.text)))

    def same_block(self, a: int, b: int) -> bool:
        """Whether text offsets `a` and `b` stand in one block."""
        starts = self._block_starts
        return bisect.bisect_right(starts, a) == bisect.bisect_right(starts, b)

    def block_matches(self, rx: regex.Pattern[str], *, timeout: float) -> Iterator[regex.Match[str]]:
        """`rx.finditer` over `text`, except that no match reaches from one block into the next.

        The whole text is searched once; only where a match crosses a block boundary is the block
        it starts in searched again on its own, so the usual cost is a single scan. Raises
        `TimeoutError` when the searches together take longer than `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        text, starts = self.text, self._block_starts
        pos = 0
        while pos <= len(text):
            m = rx.search(text, pos, timeout=max(deadline - time.monotonic(), 0.001))
            if m is None:
                return
            if self.same_block(m.start(), max(m.end() - 1, m.start())):
                yield m
                pos = m.end() + (m.end() == m.start())
                continue
            _, block_end = self.block(m.start())
            inner = m.start()
            while inner <= block_end:
                n = rx.search(text, inner, block_end, timeout=max(deadline - time.monotonic(), 0.001))
                if n is None:
                    break
                yield n
                inner = n.end() + (n.end() == n.start())
            following = bisect.bisect_right(starts, m.start())
            pos = starts[following] if following < len(starts) else len(text) + 1

    def zones_at(self, start: int, end: int) -> set[str]:
        """Kinds of the zones a span of `text` lies in."""
        if not self.zones:
            return set()
        p_start, p_end = self.plain_span(start, end)
        return {z.kind for z in self.zones if z.start <= p_start and p_end <= z.end}


_BLOCK_BREAK = regex.compile(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*")
_BREAKS = (regex.compile(r"\n[ \t]*\n"), regex.compile(r"[.!?][\"')\]]*\s|\n"), regex.compile(r"\s"))


def _cut(text: str, start: int, limit: int) -> int:
    """Where a piece starting at `start` ends: the last paragraph break, else sentence end, else
    space in the second half of the window; a hard cut only in a text with no spaces at all."""
    if limit >= len(text):
        return len(text)
    floor = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, floor, limit):
            pass
        if last is not None:
            return last.end()
    return limit
