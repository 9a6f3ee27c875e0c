"""Reading posts out of social-media exports, one record at a time, in bounded memory.

`postlint scan` reads JSON Lines (`.jsonl`, `.ndjson`), CSV (`.csv`, `.tsv`), JSON arrays
(`.json`: a top-level array, or every array of an object whose elements hold text), an X archive's
`tweets.js` (and `tweets-partN.js`), any of them gzipped (`.gz`), folders of them, and `-` for
JSON Lines on standard input. Every file is streamed: a million-post export is never held whole.

Which field holds the text, the id, the author, the date and the URL is given by the caller or
found among common names (`text`, `full_text`, `ShareCommentary`, `id_str`, `created_at`, ...),
chosen once per file from its first record (or CSV header). Dotted names reach into nested
objects (`user.screen_name`). A record that cannot be read (not JSON, no text field, text that is
not a string) is yielded as a `BadRow` with its line number; reading goes on with the next.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import gzip
import html
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import jsonio
from .config import DEFAULT_MAX_BYTES
from .fileio import format_size, read_file, resolved
from .sources import Unreadable, discover

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".json": "json"}
READABLE = (f"postlint scan reads UTF-8 exports: {' '.join(SUFFIXES)}, an X archive's tweets.js, any of "
            "them gzipped (.gz), and other files by their first character")
TWEETS_FILE = re.compile(r"tweets?(-part\d+)?\.js$", re.IGNORECASE)  # X archive: data/tweets.js
ACCOUNT_LIMIT = 1 << 20  # bytes of an X archive's account.js (a few hundred in a real one)
CHUNK = 1 << 20  # characters read at a time from a JSON array (more while one record is longer)
_REPLACED = [0]  # undecodable bytes replaced so far, by the "postlint-replace" error handler


def _replace_counted(exc: UnicodeError) -> tuple[str, int]:
    _REPLACED[0] += 1
    return "\ufffd", exc.end  # type: ignore[attr-defined]


codecs.register_error("postlint-replace", _replace_counted)

# Common names of each field, most specific first (compared without case, `_` or `-`).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("full_text", "text", "sharecommentary", "commentary", "body", "content", "message", "post",
             "caption", "tweet_text", "description"),
    "id": ("id_str", "id", "post_id", "tweet_id", "status_id", "uuid", "guid", "urn"),
    "author": ("author", "username", "screen_name", "user", "user_name", "by", "from", "author_name",
               "creator", "owner", "name"),
    "date": ("created_at", "date", "published", "published_at", "publishedat", "posted_at", "timestamp",
             "time", "datetime", "pubdate", "created"),
    "url": ("url", "permalink", "sharelink", "link", "post_url", "href"),
}
FIELDS = tuple(CANDIDATES)
# Inside an author object (`"user": {...}`), the name that identifies the account.
AUTHOR_KEYS = ("screen_name", "username", "login", "handle", "name", "id")


@dataclass(frozen=True, slots=True)
class Record:
    """One post of an export: its text and what identifies it."""

    id: str
    text: str
    source: str  # the file it came from (`-` for standard input)
    line: int  # 1-based line where its record starts in that file
    author: str | None = None
    date: str | None = None  # as written in the export
    url: str | None = None


@dataclass(frozen=True, slots=True)
class BadRow:
    """A record that could not be read, and why (never quoting its content)."""

    source: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}; skipped"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something about how a file is read that the user should know (which fields were chosen)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Record | BadRow | Notice | Unreadable


@dataclass
class Fields:
    """The field names asked for on the command line (None: find it among `CANDIDATES`)."""

    text: str | None = None
    id: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None

    def given(self, name: str) -> str | None:
        return getattr(self, name)  # type: ignore[no-any-return]


@dataclass
class Progress:
    """Bytes of input read so far, for a progress bar (`total` None when it cannot be known)."""

    done: int = 0
    total: int | None = 0
    _files: dict[str, int] = field(default_factory=dict)

    def at(self, source: str, position: int) -> None:
        self.done += position - self._files.get(source, 0)
        self._files[source] = position


def find_inputs(paths: Iterable[str], *, allow_outside_links: bool = False) -> Iterator[str | Unreadable]:
    """Every export file under `paths` (folders walked for the known suffixes), or `-`; links out
    of the repository (or the folder given) are refused unless `allow_outside_links`."""
    return discover(paths, wanted=lambda name: format_of(name) is not None, allow_outside_links=allow_outside_links)


def format_of(path: str) -> str | None:
    """The format a file name says (`None`: not an export postlint reads)."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    if TWEETS_FILE.search(name):
        return "tweets"
    return SUFFIXES.get(Path(name).suffix.lower())


def input_size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size if path != "-" else None
    except OSError:
        return None


def read_export(path: str, fields: Fields, *, input_format: str | None = None,
                progress: Progress | None = None, stdin: IO[bytes] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """The records of one export file (or `-`), in order, with bad rows and notices among them.

    The format comes from `input_format`, else the file name, else its first character. A record
    larger than `max_bytes` (config `max_bytes`, as for a file) is a bad row, skipped without
    holding it in memory; the records after it are read.
    """
    try:
        raw: IO[bytes] = (stdin or sys.stdin.buffer) if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield Unreadable(path, f"cannot read: {exc.strerror or exc}")
        return
    replaced = _REPLACED[0]
    try:
        counted: IO[bytes] = _Counted(raw, path, progress)  # type: ignore[assignment]
        if path.lower().endswith(".gz"):
            counted = gzip.GzipFile(fileobj=counted)  # type: ignore[assignment]
        stream = io.BufferedReader(counted)  # type: ignore[arg-type,type-var]
        kind = input_format or (None if path == "-" else format_of(path)) or _sniff(stream.peek(256))
        if b"\0" in stream.peek(256)[:256]:  # no text export holds NUL: a .docx, an image, UTF-16
            yield Unreadable(path, f"is not a text export (binary content, or UTF-16); not read. {READABLE}")
            return
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="postlint-replace", newline="")
        picker = _Picker(path, fields, tweets=kind == "tweets")
        reader = {"jsonl": _read_jsonl, "csv": _read_csv, "json": _read_json, "tweets": _read_json}[kind]
        yield from reader(text, path, picker, max_bytes)
        if _REPLACED[0] > replaced:
            yield Notice(path, f"invalid UTF-8 in {_REPLACED[0] - replaced} places was replaced with U+FFFD")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Unreadable(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    finally:
        if path != "-":
            raw.close()


def _sniff(head: bytes) -> str:
    """The format of a stream by its first character: `[` a JSON array, `window.YTD` an X archive
    file, `{` or `"` JSON Lines, anything else CSV."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"[": "json", b"w": "tweets", b"{": "jsonl", b'"': "jsonl"}.get(start, "csv")


class _Counted(io.RawIOBase):
    """A byte stream that reports how far it has been read."""

    def __init__(self, raw: IO[bytes], source: str, progress: Progress | None) -> None:
        self._raw, self._source, self._progress = raw, source, progress
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._position += n
        if self._progress is not None:
            self._progress.at(self._source, self._position)
        return n


class MissingField(Exception):
    """The text field is not among a file's fields: the whole file cannot be read."""


class _Picker:
    """Chooses, once per file, which field holds the text, id, author, date and URL."""

    def __init__(self, source: str, fields: Fields, *, tweets: bool = False) -> None:
        self.source, self.fields, self.tweets = source, fields, tweets
        self.chosen: dict[str, str | None] | None = None
        self.header = False  # the field names come from a CSV header (all rows have the same)
        self.username: str | None = _x_username(source) if tweets else None

    def choose(self, keys: Iterable[str]) -> Notice | None:
        """Fix the field names from a header or a first record; a notice says what was chosen.

        Raises `MissingField` when no text field is there (named or found): no record of the file
        could be read, so it is one error, not a bad row per record.
        """
        names = list(keys)
        folded = {_fold(k): k for k in reversed(names)}
        chosen: dict[str, str | None] = {}
        for name in FIELDS:
            given = self.fields.given(name)
            chosen[name] = given if given is not None else next(
                (folded[_fold(c)] for c in CANDIDATES[name] if _fold(c) in folded), None)
        self.chosen = chosen
        shown = ", ".join(f"'{n}'" for n in names[:12]) + (", ..." if len(names) > 12 else "")
        if chosen["text"] is None:
            raise MissingField(f"no text field among its fields ({shown or 'none'}); name it with --text-field")
        if self.fields.text is not None and self.header and self.fields.text not in names:
            raise MissingField(f"no column '{self.fields.text}' (columns: {shown})")
        if self.tweets or all(self.fields.given(n) for n in FIELDS):
            return None
        found = ", ".join(f"{n} from '{chosen[n]}'" for n in FIELDS if chosen[n] and not self.fields.given(n))
        return Notice(self.source, f"reading {found}" + ("; ids are line numbers" if chosen["id"] is None else ""))

    def holds_text(self, data: Any) -> bool:
        """Whether a decoded value is a post: an object with the text field (named, or one of the
        common names) holding a string. What tells the posts' array from the others of an export."""
        if not isinstance(data, dict):
            return False
        if self.tweets:
            data = _unwrap(data)
        if self.fields.text is not None:
            found, value = _lookup(data, self.fields.text)
            return found and isinstance(value, str)
        folded = {_fold(k): v for k, v in data.items()}
        return any(isinstance(folded.get(_fold(c)), str) for c in CANDIDATES["text"])

    def record(self, data: Any, line: int) -> Record | BadRow:
        """The record for one decoded object (or a bare string, which is the text itself)."""
        if isinstance(data, str):
            return Record(id=f"{self._name()}:{line}", text=data, source=self.source, line=line)
        if not isinstance(data, dict):
            return BadRow(self.source, line, f"{_json_kind(data)}, not an object or a string")
        if self.tweets:
            data = _unwrap(data)
        if self.chosen is None:
            self.choose(data)
        assert self.chosen is not None
        text_field = str(self.chosen["text"])
        found, text = _lookup(data, text_field)
        if not found:
            return BadRow(self.source, line, f"no field '{text_field}'")
        if not isinstance(text, str):
            return BadRow(self.source, line, f"field '{text_field}' is {_json_kind(text)}, not text")
        values = {name: _scalar(_lookup(data, key)[1], name) if key else None
                  for name, key in self.chosen.items() if name != "text"}
        if self.tweets:
            text = html.unescape(text)  # the archive escapes &, < and > in tweets
            values["author"] = values["author"] or self.username
            if values["id"] and not values["url"]:
                values["url"] = f"https://x.com/{self.username or 'i/web'}/status/{values['id']}"
        return Record(id=values["id"] or f"{self._name()}:{line}", text=text, source=self.source, line=line,
                      author=values["author"], date=values["date"], url=values["url"])

    def _name(self) -> str:
        return self.source if self.source == "-" else Path(self.source).name


def _fold(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).lower()


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def _lookup(data: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """The value of field `name`; a dotted name reaches into nested objects and lists."""
    if name in data:
        return True, data[name]
    value: Any = data
    for part in name.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return False, None
    return True, value


def _scalar(value: Any, name: str) -> str | None:
    """An id, author, date or URL as text (an author object gives its account name)."""
    if isinstance(value, dict) and name == "author":
        value = next((value[k] for k in AUTHOR_KEYS if isinstance(value.get(k), (str, int))), None)
    if value is None or isinstance(value, (dict, list)) or value == "":
        return None
    return str(value)


def _unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """X archive entries are `{"tweet": {...}}`: the object inside."""
    while len(data) == 1:
        (inner,) = data.values()
        if not isinstance(inner, dict):
            break
        data = inner
    return data


def _x_username(source: str) -> str | None:
    """The account name from `account.js` beside an X archive's `tweets.js`, if it is there."""
    if source == "-":
        return None
    account = Path(source).with_name("account.js")
    try:
        if resolved(account).parent != resolved(Path(source)).parent:
            return None  # a link out of the archive's folder (`-> /proc/self/environ`): never read
        text = read_file(account, ACCOUNT_LIMIT).decode("utf-8-sig")
        data = json.loads(text[text.index("["):])
        name = _unwrap(data[0]).get("username")
        return str(name) if name else None
    except (OSError, ValueError, IndexError, KeyError, AttributeError, TypeError):
        return None


# -- the formats: each yields (line, decoded record), a BadRow or a Notice --------------------------------------

Row = tuple[int, Any] | BadRow | Notice
NEXT_ARRAY = object()  # between two arrays of posts in one JSON export


class NoPosts(Exception):
    """A JSON export holds no array of objects with text: nothing in it is a post."""


class Broken(Exception):
    """The rest of a file cannot be told apart into records (reported with its line)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")


def _records(rows: Iterator[Row | object], source: str, picker: _Picker) -> Iterator[Item]:
    """Records from decoded rows; the fields are chosen from the first object."""
    try:
        for row in rows:
            if row is NEXT_ARRAY:
                picker.chosen = None  # another array of posts: its fields are chosen from its own first record
                continue
            if isinstance(row, (BadRow, Notice)):
                yield row
                continue
            line, data = row
            if picker.chosen is None and isinstance(data, dict):
                notice = picker.choose(_unwrap(data) if picker.tweets else data)
                if notice:
                    yield notice
            yield picker.record(data, line)
    except MissingField as exc:
        yield Unreadable(source, str(exc))
    except NoPosts:
        named = f"field '{picker.fields.text}'" if picker.fields.text else "text field"
        yield Unreadable(source, f"no posts found: no array of objects with a {named} (name the field with "
                                 "--text-field)")
    except Broken as exc:
        yield Unreadable(source, f"{exc}; the rest of the file was not read")


def _read_jsonl(text: IO[str], source: str, picker: _Picker, max_bytes: int) -> Iterator[Item]:
    def rows() -> Iterator[Row]:
        number = 0
        while True:
            line = text.readline(max_bytes + 1)  # characters: never more than max_bytes bytes of them
            if not line:
                return
            number += 1
            if _too_large(line, max_bytes):
                while line and not line.endswith(("\n", "\r")):
                    line = text.readline(CHUNK)  # the rest of the record, a piece at a time
                yield BadRow(source, number, _too_large_reason(max_bytes))
                continue
            if not line.strip():
                continue
            try:
                yield number, jsonio.loads(line)
            except ValueError as exc:
                yield BadRow(source, number, f"not valid JSON ({_json_error(exc)})")

    return _records(rows(), source, picker)


def _too_large(record: str, max_bytes: int) -> bool:
    return len(record) > max_bytes or (len(record) * 4 > max_bytes and len(record.encode("utf-8", "replace")) > max_bytes)


def _too_large_reason(max_bytes: int) -> str:
    return f"the record is larger than max_bytes ({format_size(max_bytes)})"


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)


def _read_csv(text: IO[str], source: str, picker: _Picker, max_bytes: int) -> Iterator[Item]:
    csv.field_size_limit(min(max_bytes, 2**31 - 1))  # a long post is one field; longer ones are bad rows
    delimiter = "\t" if source.lower().removesuffix(".gz").endswith(".tsv") else ","
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[Row]:
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Broken(1, f"not CSV ({exc})") from None
        picker.header = True
        notice = picker.choose(header)
        if notice:
            yield notice
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                too_large = "field larger than field limit" in str(exc)
                yield BadRow(source, start, _too_large_reason(max_bytes) if too_large else f"not valid CSV ({exc})")
            else:
                if len(row) > len(header) and any(row[len(header):]):
                    yield BadRow(source, start, f"{len(row)} fields where the header has {len(header)}")
                elif row:
                    yield start, dict(zip(header, row))
            start = reader.line_num + 1

    return _records(rows(), source, picker)


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
                             else _too_large_reason(self.max_chars))
                continue
            if self._refused:
                yield BadRow(self.source, line, f"{self._refused[0]}, which is no post's data")
            elif self._pos - start > self.max_chars // 4 and _too_large(self._buffer[start:self._pos], self.max_chars):
                yield BadRow(self.source, line, _too_large_reason(self.max_chars))
            else:
                yield line, data
        if self.peek() == "":
            raise Broken(self.line, "the array is not closed (a cut file?)")
        self._pos += 1

    source = "-"


class _TooLarge(Exception):
    """The value being decoded is longer than the limit a record may have."""


def _read_json(text: IO[str], source: str, picker: _Picker, max_bytes: int) -> Iterator[Item]:
    stream = _JsonStream(text, max_bytes)
    stream.source = source
    return _records(stream.records(picker.holds_text), source, picker)


# -- dates -----------------------------------------------------------------------------------------

_TWITTER_DATE = "%a %b %d %H:%M:%S %z %Y"


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of a timestamp as exports write them (ISO 8601, X's, RFC 2822, epoch)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", value):
        seconds = float(value) / (1000 if len(value.split(".")[0]) > 11 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for parse in (lambda v: dt.datetime.strptime(v, _TWITTER_DATE), email.utils.parsedate_to_datetime,
                  lambda v: dt.datetime.strptime(v, "%m/%d/%Y %H:%M"), lambda v: dt.datetime.strptime(v, "%m/%d/%Y")):
        try:
            return parse(value).date()  # type: ignore[no-untyped-call]
        except (ValueError, TypeError, IndexError):
            continue
    return None


def read_all(paths: Iterable[str], fields: Fields, *, input_format: str | None = None,
             progress: Progress | None = None, stdin: IO[bytes] | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES, allow_outside_links: bool = False) -> Iterator[Item]:
    """Every record of every export under `paths`, in order; folders are walked."""
    inputs = list(find_inputs(paths, allow_outside_links=allow_outside_links))
    if progress is not None:
        sizes = [input_size(p) for p in inputs if isinstance(p, str)]
        progress.total = None if any(s is None for s in sizes) else sum(s for s in sizes if s is not None)
    for item in inputs:
        if isinstance(item, Unreadable):
            yield item
        else:
            yield from read_export(item, fields, input_format=input_format, progress=progress, stdin=stdin,
                                   max_bytes=max_bytes)

