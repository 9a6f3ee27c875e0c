"""Offsets that survive rewriting: map spans of a derived text back to the text it came from.

Markup stripping and Unicode normalisation both rewrite text. Each rewrite is described by an
`OffsetMap` made with a `TextBuilder`: pieces copied verbatim map character for character, a
replacement maps every character it produced to the whole source range it stands for, and
synthetic text (a newline between blocks) maps to an empty range at its position.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence


class OffsetMap:
    """Maps `[start, end)` spans of a derived text to spans of its source."""

    __slots__ = ("_dst", "_dst_len", "_src", "_src_len", "_length")

    def __init__(self, segments: Sequence[tuple[int, int, int, int]], length: int) -> None:
        # segment: (dst_start, dst_len, src_start, src_len); copied when dst_len == src_len
        self._dst = [s[0] for s in segments]
        self._dst_len = [s[1] for s in segments]
        self._src = [s[2] for s in segments]
        self._src_len = [s[3] for s in segments]
        self._length = length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, length, 0, length)] if length else [], length)

    @property
    def is_identity(self) -> bool:
        return len(self._dst) <= 1 and (not self._dst or (self._src[0] == 0 and self._dst_len[0] == self._src_len[0]))

    def _segment(self, index: int) -> int:
        return max(bisect.bisect_right(self._dst, index) - 1, 0)

    def source_start(self, index: int) -> int:
        """Where the derived character at `index` begins in the source."""
        if not self._dst:
            return 0
        seg = self._segment(index)
        offset = index - self._dst[seg]
        if self._dst_len[seg] == self._src_len[seg]:
            return self._src[seg] + min(offset, self._src_len[seg])
        return self._src[seg]

    def source_end(self, index: int) -> int:
        """Where the derived character at `index` ends in the source (exclusive)."""
        if not self._dst:
            return 0
        seg = self._segment(index)
        offset = index - self._dst[seg]
        if self._dst_len[seg] == self._src_len[seg]:
            return self._src[seg] + min(offset + 1, self._src_len[seg])
        return self._src[seg] + self._src_len[seg]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the derived span `[start, end)`."""
        if end <= start:
            pos = self.source_start(start)
            return pos, pos
        return self.source_start(start), max(self.source_end(end - 1), self.source_start(start))


class ShiftedMap:
    """The map of a slice `[offset:]` of a derived text: spans are shifted, then mapped."""

    __slots__ = ("_base", "_offset")

    def __init__(self, base: SpanMap, offset: int) -> None:
        self._base, self._offset = base, offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self._base.span(start + self._offset, end + self._offset)


class ChainedMap:
    """The map of a text derived in two steps: spans go through `inner` (to the middle text), then
    through `outer` (to the source)."""

    __slots__ = ("_inner", "_outer")

    def __init__(self, outer: SpanMap, inner: SpanMap) -> None:
        self._outer, self._inner = outer, inner

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self._outer.span(*self._inner.span(start, end))


SpanMap = OffsetMap | ShiftedMap | ChainedMap  # what maps spans of a derived text back to its source


class TextBuilder:
    """Builds a derived text piece by piece together with its `OffsetMap`."""

    __slots__ = ("_parts", "_segments", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[list[int]] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, text: str, src_start: int) -> None:
        """Append `text`, which stands verbatim at `src_start` in the source."""
        if not text:
            return
        n = len(text)
        last = self._segments[-1] if self._segments else None
        if last and last[1] == last[3] and last[0] + last[1] == self._length and last[2] + last[3] == src_start:
            last[1] += n
            last[3] += n
        else:
            self._segments.append([self._length, n, src_start, n])
        self._parts.append(text)
        self._length += n

    def replace(self, text: str, src_start: int, src_end: int, *, whole: bool = False) -> None:
        """Append `text`, which stands for the source range `[src_start, src_end)`; with `whole`,
        each of its characters maps to all of that range even when the lengths agree (reversed
        text)."""
        if not text:
            return
        n = len(text)
        if n == src_end - src_start and not whole:
            # same length: still map character for character (e.g. a folded look-alike letter)
            self.copy(text, src_start)
            return
        self._segments.append([self._length, n, src_start, src_end - src_start])
        self._parts.append(text)
        self._length += n

    def insert(self, text: str, src_pos: int) -> None:
        """Append synthetic `text` that has no source of its own (it maps to `src_pos`)."""
        self.replace(text, src_pos, src_pos)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap([tuple(s) for s in self._segments], self._length)  # type: ignore[misc]


LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what ends a line, everywhere in postlint


def line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends, before its line break (\\r\\n, \\r or \\n)."""
    found = LINE_BREAK.search(text, pos)
    return found.start() if found else len(text)


class LineIndex:
    """1-based line and column of character offsets in one text (\\n, \\r\\n and \\r all end lines)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]  # one scan: linear in its length

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

