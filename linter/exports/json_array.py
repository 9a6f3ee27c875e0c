"""JSON exports (`.json`): a top-level array of posts, or the arrays of posts an object holds
wherever they stand; and an X archive's `tweets.js`, a JSON array after `window.YTD... =`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from .. import jsonio
from ..config import DEFAULT_MAX_BYTES
from .records import (CHUNK, NEXT_ARRAY, BadRow, Broken, Fields, Item, NoPosts, Picker, Row, read_rows, too_large,
                      too_large_reason)

_SPACE = re.compile(r"\s*")
_SPACE_AND_COMMAS = re.compile(r"[\s,]*")


class _JsonStream:
    """Decodes the elements of a JSON array one at a time from a text stream, counting lines."""

    def __init__(self, text: IO[str], max_chars: int = DEFAULT_MAX_BYTES) -> None:
        self._text = text
        self._buffer = ""
        self._pos = 0
        self._line = 1  # the line `_buffer[0]` is on
        self._eof = False
        self._refused: list[str] = []  # why the last value held a number too long to convert
        self._decoder = jsonio.flagging_decoder(self._refused)
        self.max_chars = max_chars

    def _fill(self) -> bool:
        """Read more (as much again as is left, so one long record is read in few steps)."""
        if self._eof:
            return False
        chunk = self._text.read(max(CHUNK, len(self._buffer) - self._pos))
        if not chunk:
            self._eof = True
            return False
        self._line += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos:] + chunk
        self._pos = 0
        return True

    @property
    def line(self) -> int:
        return self._line + self._buffer.count("\n", 0, self._pos)

    def peek(self, skipping: re.Pattern[str] = _SPACE_AND_COMMAS) -> str:
        """Skip whitespace (by default, commas too); the next character, or "" at the end."""
        while True:
            self._pos = skipping.match(self._buffer, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        if self.peek(_SPACE) != char:
            raise Broken(self.line, f"expected '{char}'")
        self._pos += 1

    def records(self, holds_text: Callable[[Any], bool]) -> Iterator[Row | object]:
        """Each record: the elements of a top-level array (or of the one after an X archive's
        `window.YTD.tweets.part0 =`), or, in an object, of every array whose first element holds
        text, wherever it stands (`{"errors": [], "data": [...]}`, `{"users": [...], "tweets":
        [...]}`, nested objects), `NEXT_ARRAY` between two of them (their fields may differ).
        Raises `NoPosts` when an object holds no such array, or an array's elements are none of them
        posts (numbers, arrays). No recursion, however deep it nests."""
        first = self.peek(_SPACE)
        if first == "w":
            while "=" not in self._buffer[self._pos:]:
                if not self._fill():
                    raise Broken(self.line, "expected an X archive file (window.YTD... = [...])")
            self._pos = self._buffer.index("=", self._pos) + 1
            first = self.peek(_SPACE)
        if first == "[":
            self._pos += 1
            elements = posts = 0
            for row in self._rest_of_array():
                elements += 1
                posts += isinstance(row, BadRow) or isinstance(row[1], (dict, str))
                yield row
            if elements and not posts:
                raise NoPosts()  # `[1, 2]`, `[[{...}]]`: no element is a post, nothing was read
            return
        if first != "{":
            raise Broken(self.line, "expected a JSON array of posts, or an object holding one")
        self._pos += 1
        depth, arrays = 1, 0
        while depth:
            char = self.peek()
            if char == "}":
                self._pos += 1
                depth -= 1
            elif char == '"':
                self.value()  # a key
                self.take(":")
                opening = self.peek(_SPACE)
                if opening == "[":
                    self._pos += 1
                    found = self._first_post(holds_text)
                    if found is not None:
                        if arrays:
                            yield NEXT_ARRAY
                        arrays += 1
                        yield BadRow(self.source, found[0], f"{self._refused[0]}, which is no post's data") \
                            if self._refused else found
                        yield from self._rest_of_array()
                elif opening == "{":
                    self._pos += 1
                    depth += 1
                else:
                    self.value()
            else:
                raise Broken(self.line, "expected a key or the end of the object" if char else "the file ends early")
        if not arrays:
            raise NoPosts()

    def _first_post(self, holds_text: Callable[[Any], bool]) -> tuple[int, Any] | None:
        """Just inside an array: its first element if that holds text, else None, the array skipped."""
        if self.peek() == "]":
            self._pos += 1
            return None
        line = self.line
        first = self.value()
        if holds_text(first):
            return line, first
        while self.peek() not in ("]", ""):
            self.value()
        self.take("]")
        return None

    def value(self) -> Any:
        """The next JSON value; a decode that fails only because the buffer ended reads more."""
        self._refused.clear()
        while True:
            try:
                data, end = self._decoder.raw_decode(self._buffer, self._pos)
            except RecursionError:
                raise _TooLarge() from None  # nested too deeply to decode: stepped over like a huge record
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self._buffer) - 1 or exc.msg.startswith("Unterminated")
                if cut and len(self._buffer) - self._pos > self.max_chars:
                    raise _TooLarge() from None
                if cut and self._fill():
                    continue
                raise Broken(self.line, f"not valid JSON ({exc.msg})") from None
            if end == len(self._buffer) and isinstance(data, (int, float)) and self._fill():
                continue  # a number may go on in the next chunk
            self._pos = end
            return data

    def skip_value(self) -> None:
        """Step over the value that starts here without decoding or holding it (a record larger
        than max_bytes): strings, objects and arrays are followed by their brackets and quotes."""
        depth, in_string, pos = 0, False, self._pos
        while True:
            buffer = self._buffer
            while pos < len(buffer):
                char = buffer[pos]
                if in_string:
                    if char == "\\":
                        pos += 1
                    elif char == '"':
                        in_string = False
                        if not depth:
                            self._pos = pos + 1
                            return
                elif char == '"':
                    in_string = True
                elif char in "[{":
                    depth += 1
                elif char in "]}":
                    if not depth:  # the end of the array around it: not part of the value
                        self._pos = pos
                        return
                    depth -= 1
                    if not depth:
                        self._pos = pos + 1
                        return
                elif char == "," and not depth:
                    self._pos = pos
                    return
                pos += 1
            self._pos = min(pos, len(buffer))
            if not self._fill():
                raise Broken(self.line, "the file ends inside a record")
            pos = self._pos

    def _rest_of_array(self) -> Iterator[Row]:
        """The elements up to the array's `]` (read past it): each decoded, or a bad row."""
        while self.peek() not in ("]", ""):
            line = self.line
            start = self._pos
            try:
                data = self.value()
            except _TooLarge:
                deep = len(self._buffer) - self._pos <= self.max_chars
                self.skip_value()
                yield BadRow(self.source, line, "the record is nested too deeply to read" if deep
                             else too_large_reason(self.max_chars))
                continue
            if self._refused:
                yield BadRow(self.source, line, f"{self._refused[0]}, which is no post's data")
            elif self._pos - start > self.max_chars // 4 and too_large(self._buffer[start:self._pos], self.max_chars):
                yield BadRow(self.source, line, too_large_reason(self.max_chars))
            else:
                yield line, data
        if self.peek() == "":
            raise Broken(self.line, "the array is not closed (a cut file?)")
        self._pos += 1

    source = "-"


class _TooLarge(Exception):
    """The value being decoded is longer than the limit a record may have."""


def read_json(text: IO[str], source: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    return _read_array(text, source, Picker(source, fields), max_bytes)


def read_tweets(text: IO[str], source: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    """An X archive's `tweets.js`: each `{"tweet": {...}}` entry, its author from `account.js`."""
    return _read_array(text, source, Picker(source, fields, tweets=True), max_bytes)


def _read_array(text: IO[str], source: str, picker: Picker, max_bytes: int) -> Iterator[Item]:
    stream = _JsonStream(text, max_bytes)
    stream.source = source
    return read_rows(stream.records(picker.holds_text), source, picker)
