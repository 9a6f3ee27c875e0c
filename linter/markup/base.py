"""What every markup reader shares: zones, directives, and the writer of text plus offset map.

The readers (`markdown`, `html`, `frontmatter`) walk a source file and tell a
`TextWriter` what a reader of the post would read and where in the source each piece stands; the
writer keeps the block separators, zones and the `OffsetMap` consistent.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.entities import html5 as HTML5_ENTITIES

from ..textmap import OffsetMap, TextBuilder

BLOCK_SEPARATOR = "\n\n"
ALIGN_WINDOW = 256  # how far ahead a character may be looked for when markup was dropped
ALIGN_MAX_SKIP = 8  # how many non-space source characters markup may account for


@dataclass(frozen=True, slots=True)
class Zone:
    """A stretch of the plain text with a role, e.g. `code` (start/end in plain-text offsets)."""

    kind: str  # code | front_matter | link | alt | heading | quote
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment: `<!-- postlint-disable CODE -- reason -->`."""

    action: str  # disable | enable | disable-next-line | disable-file | begin-quoted | end-quoted
    targets: tuple[str, ...]
    reason: str
    start: int  # offsets in the source
    end: int


# longest first: "disable" prefixes others
_ACTIONS = ("disable-next-line", "disable-file", "disable", "enable", "begin-quoted", "end-quoted")
_TARGET_SPLIT = re.compile(r"[,\s]+")
_REASON_SEPARATORS = ("--", "\u2014")  # `--` as documented; an em dash that an editor made of it
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_URL = re.compile(r"\b(?:https?://|ftp://|mailto:|www\.)[^\s<>\"'`{}|\\^]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\")]}*_"


def parse_directive(body: str, start: int, end: int) -> Directive | None:
    """The directive in a comment's text (`postlint-disable A,B -- why`), or None."""
    text = body.strip()
    if not text.lower().startswith("postlint-"):
        return None
    rest = text[len("postlint-"):]
    for action in _ACTIONS:
        after = rest[len(action):len(action) + 1]
        if rest.lower().startswith(action) and (not after or after.isspace()):
            break
    else:
        return None
    rest = rest[len(action):]
    reason = ""
    cut = min((i for i in (rest.find(s) for s in _REASON_SEPARATORS) if i >= 0), default=-1)
    if cut >= 0:
        rest, reason = rest[:cut], rest[cut:].lstrip("-\u2014").strip()
    targets = tuple(t for t in _TARGET_SPLIT.split(rest.strip()) if t)
    return Directive(action, targets, reason, start, end)


def decode_entity(raw: str) -> str | None:
    """The character(s) an HTML character reference stands for, or None if it is not one."""
    name = raw[1:]
    if not name.endswith(";") and not name.startswith("#") and name not in HTML5_ENTITIES:
        return None  # `&copyright` is not `©right`: only the legacy names work without `;`
    decoded = html.unescape(raw)
    return None if decoded == raw else decoded


class TextWriter:
    """Builds the plain text: verbatim copies, entity replacements, block breaks and zones.

    Separators are written lazily, just before the next piece of text, so empty blocks leave no
    trace and the text never starts or ends with one. A zone starts at its first written character.
    Link targets are deferred to the end of the block so they do not split the sentence they sit in.
    """

    __slots__ = ("_builder", "_deferred", "_depth", "_hidden", "_hidden_starts", "_separator",
                 "_space", "_start", "_waiting", "declared_lang", "warnings", "zones")

    def __init__(self) -> None:
        self.declared_lang: str | None = None  # front matter `lang:`/`language:`, `<html lang>`
        self._builder = TextBuilder()
        self.zones: list[Zone] = []
        self.warnings: list[str] = []  # what the reader could not read as the markup meant
        self._depth: dict[str, int] = {}
        self._start: dict[str, int] = {}
        self._waiting: list[str] = []
        self._separator = ""
        self._space: tuple[str, int] | None = None
        self._deferred: list[tuple[str, str, int]] = []
        self._hidden: list[tuple[int, int]] = []
        self._hidden_starts: list[int] = []

    def hide(self, ranges: list[tuple[int, int]]) -> None:
        """Source ranges (MDX comments) that no copy may show, whatever a parser made of them."""
        self._hidden = sorted(ranges)
        self._hidden_starts = [start for start, _ in self._hidden]

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(bisect.bisect_right(self._hidden_starts, start) - 1, 0)
        found = []
        while i < len(self._hidden) and self._hidden[i][0] < end:
            if self._hidden[i][1] > start:
                found.append(self._hidden[i])
            i += 1
        return found

    def __len__(self) -> int:
        return len(self._builder)

    @property
    def at_block_start(self) -> bool:
        return bool(self._separator) or not len(self._builder)

    def _flush(self, src_pos: int) -> None:
        if self._space:
            if not self._separator:
                self._builder.copy(*self._space)
            self._space = None
        if self._separator:
            if len(self._builder):
                self._builder.insert(self._separator, src_pos)
            self._separator = ""
        if self._waiting:
            for kind in self._waiting:
                self._start[kind] = len(self._builder)
            self._waiting.clear()

    def copy(self, text: str, src_start: int) -> None:
        """Text that stands verbatim at `src_start` in the source."""
        if not text:
            return
        if self._hidden:
            hidden = self._overlapping(src_start, src_start + len(text))
            if hidden:
                pos = src_start
                for start, end in hidden:
                    if start > pos:
                        self._copy_visible(text[pos - src_start:start - src_start], pos)
                    pos = max(pos, end)
                self._copy_visible(text[pos - src_start:], pos)
                return
        self._copy_visible(text, src_start)

    def _copy_visible(self, text: str, src_start: int) -> None:
        if text:
            self._flush(src_start)
            self._builder.copy(text, src_start)

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Text that stands for the source range `[src_start, src_end)` (an entity, say)."""
        hidden = self._hidden and self._overlapping(src_start, max(src_end, src_start + 1))
        if text and not hidden:
            self._flush(src_start)
            self._builder.replace(text, src_start, src_end)

    def space(self, text: str, src_start: int) -> None:
        """Whitespace that only counts between words: dropped at the start or end of a block."""
        if text and not self.at_block_start:
            self._flush(src_start)
            self._space = (text, src_start)

    def copy_decoded(self, raw: str, src_start: int) -> None:
        """Source text with HTML character references (`&amp;`, `&#39;`) turned into characters."""
        if "&" not in raw:
            self.copy(raw, src_start)
            return
        pos = 0
        for match in _ENTITY.finditer(raw):
            decoded = decode_entity(match.group())
            if decoded is None:
                continue
            self.copy(raw[pos:match.start()], src_start + pos)
            self.replace(decoded, src_start + match.start(), src_start + match.end())
            pos = match.end()
        self.copy(raw[pos:], src_start + pos)

    def align(self, value: str, source: str, start: int, limit: int) -> int:
        """Write `value`, which stands in `source[start:limit]` with some markup dropped.

        A parser's idea of a value (a YAML scalar without its quotes and escapes, a code span whose
        line breaks became spaces) is matched character by character against the source; runs that
        match are copied with exact offsets, whitespace is taken as the source spells it, and a
        character the source does not spell (an escape like `\\u00e9`) maps to where it stood.
        Returns the source position after the last matched character.
        """
        i, j, n = 0, start, len(value)
        while i < n:
            ch = value[i]
            if j < limit and source[j] == ch:
                first = i
                while i < n and j < limit and source[j] == value[i]:
                    i += 1
                    j += 1
                self.copy(value[first:i], j - (i - first))
                continue
            if ch.isspace():
                if j + 1 < limit and source[j] == "\r" and source[j + 1] == "\n":
                    self.copy("\n", j + 1)
                    j += 2
                elif j < limit and source[j].isspace():
                    self.copy(source[j], j)
                    j += 1
                i += 1  # whitespace the source does not spell (or spells as markup): drop it
                continue
            window = min(limit, j + ALIGN_WINDOW)
            found = source.find(ch, j, window)
            if found < 0 and ch == "\ufffd":
                found = source.find("\0", j, window)  # CommonMark's stand-in for NUL
            if found >= 0 and sum(not c.isspace() for c in source[j:found]) <= ALIGN_MAX_SKIP:
                if source[found] == ch:
                    j = found
                    continue
                self.replace(ch, found, found + 1)
                j = found + 1
            else:
                self.replace(ch, j, j)
            i += 1
        return j

    def break_block(self) -> None:
        """End the current block: deferred link targets follow, then a blank line."""
        self._space = None
        if self._deferred:
            deferred, self._deferred = self._deferred, []
            for kind, raw, src_start in deferred:
                self._separator = BLOCK_SEPARATOR
                if kind in ("link", "url_values"):
                    self.link(raw, src_start, target=kind == "link")
                    continue
                self.open(kind)
                self.copy_decoded(raw, src_start)
                self.close(kind)
        self._separator = BLOCK_SEPARATOR

    def link(self, raw: str, src_start: int, *, target: bool = True) -> None:
        """A link's target in a `link` zone (unless `target` is false: it is written already),
        then, in the same block, what it publishes in plain sight (`url_values`: the number of a
        `tel:` or messenger link, a `mailto:` address, query values that hold an address), decoded,
        each in a `url_value` zone."""
        if target:
            self.open("link")
            self.copy_decoded(raw, src_start)
            self.close("link")
        for start, end, prefix in url_values(raw):
            self.replace(" ", src_start + start, src_start + start)
            self.open("url_value")
            if prefix:
                self.replace(prefix, src_start + start, src_start + start)
            self.copy_percent_decoded(raw[start:end], src_start + start)
            self.close("url_value")

    def copy_percent_decoded(self, raw: str, src_start: int) -> None:
        """Text from a URL: each run of `%XX` escapes becomes the characters its bytes spell."""
        pos = 0
        for match in _PERCENT_RUN.finditer(raw):
            decoded = bytes.fromhex(match.group().replace("%", "")).decode("utf-8", "replace")
            self.copy(raw[pos:match.start()], src_start + pos)
            self.replace(decoded, src_start + match.start(), src_start + match.end())
            pos = match.end()
        self.copy(raw[pos:], src_start + pos)

    def break_line(self) -> None:
        """A line break the markup asks for (`<br>`) but the source does not spell."""
        if not self._separator and len(self._builder):
            self._separator = "\n"

    def defer(self, kind: str, raw: str, src_start: int) -> None:
        """Text for the end of the current block, e.g. a link's URL in a `link` zone."""
        if raw.strip():
            self._deferred.append((kind, raw, src_start))

    def open(self, kind: str) -> None:
        depth = self._depth.get(kind, 0)
        self._depth[kind] = depth + 1
        if not depth:
            self._waiting.append(kind)

    def close(self, kind: str) -> None:
        depth = self._depth.get(kind, 0)
        if not depth:
            return
        self._depth[kind] = depth - 1
        if depth > 1:
            return
        if kind in self._waiting:
            self._waiting.remove(kind)
        else:
            start = self._start.pop(kind)
            if len(self._builder) > start:
                self.zones.append(Zone(kind, start, len(self._builder)))

    def inside(self, kind: str) -> bool:
        return self._depth.get(kind, 0) > 0

    def finish(self) -> tuple[str, OffsetMap, list[Zone]]:
        """The text, its map to the source, and its zones (bare URLs get `link` zones too)."""
        self.break_block()
        for kind in list(self._depth):
            while self._depth[kind]:
                self.close(kind)
        text, offsets = self._builder.build()
        links = {(z.start, z.end) for z in self.zones if z.kind == "link"}
        zones = self.zones + url_zones(text, links)
        zones.sort(key=lambda z: (z.start, z.end, z.kind))
        return text, offsets, zones


_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_DIAL = re.compile(r"(?:tel|sms|callto|facetime|facetime-audio|whatsapp|viber|skype):(?://)?"
                   r"(?:send\?phone=|chat\?number=|add\?number=)?([^?#;,&\s]+)", re.IGNORECASE)
# A messenger link that carries a phone number: WhatsApp, Signal, Telegram.
_MESSENGER = re.compile(r"(?:^|//|\.)(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?(?:[^#]*&)?phone=|signal\.me/#p/"
                        r"|(?:t|telegram)\.me/(?=\+|%2[bB]))(\+?\d[\d%\-.]{5,20}|%2[bB]\d[\d%\-.]{5,20})",
                        re.IGNORECASE)
_MAILTO = re.compile(r"\s*mailto:([^?#\s]*%[0-9A-Fa-f]{2}[^?#\s]*)", re.IGNORECASE)
_QUERY_VALUE = re.compile(r"[?&;][^=&#;]*=([^&#;]+)")


def url_values(url: str) -> list[tuple[int, int, str]]:
    """What a URL publishes in plain sight: `(start, end, prefix)` spans of `url` (its number for
    `tel:`, WhatsApp, Signal and Telegram links, prefixed with `+` where the link drops it; a
    percent-encoded `mailto:` address; query values holding an address)."""
    found: list[tuple[int, int, str]] = []
    dial = _DIAL.match(url.strip())
    if dial:
        offset = len(url) - len(url.lstrip())
        found.append((offset + dial.start(1), offset + dial.end(1), ""))
    messenger = _MESSENGER.search(url)
    if messenger:
        number = messenger.group(1)
        found.append((messenger.start(1), messenger.end(1), "" if number.startswith(("+", "%2B", "%2b")) else "+"))
    mailto = _MAILTO.match(url)
    if mailto:  # a percent-encoded address hides from readers of the link, not from a mail client
        found.append((mailto.start(1), mailto.end(1), ""))
    for value in _QUERY_VALUE.finditer(url):
        text = value.group(1)
        if "@" in text or "%40" in text.lower():
            found.append((value.start(1), value.end(1), ""))
    return sorted(set(found))


def url_zones(text: str, known: set[tuple[int, int]] | None = None) -> list[Zone]:
    """`link` zones for the URLs written out in running text."""
    zones = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
                break
            end -= 1
        if end - start > 4 and (start, end) not in (known or ()):
            zones.append(Zone("link", start, end))
    return zones
