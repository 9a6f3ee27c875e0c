"""Offsets in a text and the protocol's positions: a line and a column counted in code units.

The Language Server Protocol counts lines at `\\n`, `\\r\\n` and `\\r` only (not at the other
characters `str.splitlines` breaks at), and columns in UTF-16 code units unless the client agreed
to UTF-8 or UTF-32 ones: an emoji is one character here, two UTF-16 units and four UTF-8 ones.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
CHECKPOINT = 4096  # characters between two remembered column counts of a line (a 1 MB line, 40,000 findings)
_ENCODINGS = frozenset({types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf8,
                        types.PositionEncodingKind.Utf32})


def _units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Converts between offsets into `text` (characters) and protocol positions, both ways."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding if encoding in _ENCODINGS else types.PositionEncodingKind.Utf16
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._marks: dict[int, list[int]] = {}  # per line: code units before every CHECKPOINT-th character

    def line_of(self, offset: int) -> int:
        """The 0-based line holding `offset` (an offset inside `\\r\\n` belongs to its line)."""
        return bisect.bisect_right(self.starts, max(0, min(offset, len(self.text)))) - 1

    def line_end(self, line: int) -> int:
        """Where line `line`'s content ends (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        offset = min(offset, self.line_end(line))  # never inside a line break
        return types.Position(line=line, character=self._column(line, offset))

    def _column(self, line: int, offset: int) -> int:
        """The code units from line `line`'s start to `offset`, counted from the nearest checkpoint:
        each finding costs at most CHECKPOINT characters, not its whole line."""
        start = self.starts[line]
        marks = self._marks.setdefault(line, [0])
        k = (offset - start) // CHECKPOINT
        while len(marks) <= k:
            at = start + (len(marks) - 1) * CHECKPOINT
            marks.append(marks[-1] + _units(self.text[at:at + CHECKPOINT], self.encoding))
        at = start + k * CHECKPOINT
        return marks[k] + _units(self.text[at:offset], self.encoding)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of a client's position; past a line's end is its end, past the text its end.
        A column inside a character (half a surrogate pair) is the start of that character."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.line_end(position.line)
        units = 0
        for i in range(start, end):
            units += _units(self.text[i], self.encoding)
            if units > position.character:
                return i
        return end
