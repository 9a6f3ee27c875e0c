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
import datetime as dt
import email.utils
import gzip
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..config import DEFAULT_MAX_BYTES
from ..sources import Unreadable, discover
from .csv_rows import read_csv
from .json_array import read_json, read_tweets
from .jsonl import read_jsonl
from .records import BadRow, Fields, Item, Notice, Progress, Record

__all__ = ["READERS", "BadRow", "Fields", "Item", "Notice", "Progress", "Reader", "Record", "find_inputs",
           "format_of", "input_size", "parse_date", "read_all", "read_export"]


@dataclass(frozen=True)
class Reader:
    """One input format of `postlint scan`: how a file says it is in it, and what reads it."""

    name: str
    read: Callable[[IO[str], str, Fields, int], Iterator[Item]]  # (text, source, fields, max_bytes)
    suffixes: tuple[str, ...] = ()  # the file name endings that say it (before a .gz)
    file_name: re.Pattern[str] | None = None  # or a file name that says it
    known_as: str = ""  # how people know such a file, for messages and help
    starts: bytes = b""  # the first characters (after a BOM and spaces) that say it

    @property
    def label(self) -> str:
        return f"{self.name} ({self.known_as})" if self.known_as else self.name


# The formats, in the order messages and help list them; a new format is one entry here.
READERS: dict[str, Reader] = {reader.name: reader for reader in (
    Reader("jsonl", read_jsonl, suffixes=(".jsonl", ".ndjson"), starts=b'{"'),
    Reader("csv", read_csv, suffixes=(".csv", ".tsv")),
    Reader("json", read_json, suffixes=(".json",), starts=b"["),
    Reader("tweets", read_tweets, file_name=re.compile(r"tweets?(-part\d+)?\.js$", re.IGNORECASE),
           known_as="an X archive's tweets.js", starts=b"w"),  # X archive: data/tweets.js
)}
SNIFFED_OTHERWISE = "csv"  # a stream whose first character says no other format
READABLE = ("postlint scan reads UTF-8 exports: "
            + ", ".join([" ".join(s for r in READERS.values() for s in r.suffixes),
                         *(r.known_as for r in READERS.values() if r.known_as)])
            + ", any of them gzipped (.gz), and other files by their first character")
_REPLACED = [0]  # undecodable bytes replaced so far, by the "postlint-replace" error handler


def _replace_counted(exc: UnicodeError) -> tuple[str, int]:
    _REPLACED[0] += 1
    return "\ufffd", exc.end  # type: ignore[attr-defined]


codecs.register_error("postlint-replace", _replace_counted)


def find_inputs(paths: Iterable[str], *, allow_outside_links: bool = False) -> Iterator[str | Unreadable]:
    """Every export file under `paths` (folders walked for the known suffixes), or `-`; links out
    of the repository (or the folder given) are refused unless `allow_outside_links`."""
    return discover(paths, wanted=lambda name: format_of(name) is not None, allow_outside_links=allow_outside_links)


def format_of(path: str) -> str | None:
    """The format a file name says (`None`: not an export postlint reads)."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix.lower()
    for reader in READERS.values():
        if (reader.file_name is not None and reader.file_name.search(name)) or suffix in reader.suffixes:
            return reader.name
    return None


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
        yield from READERS[kind].read(text, path, fields, max_bytes)
        if _REPLACED[0] > replaced:
            yield Notice(path, f"invalid UTF-8 in {_REPLACED[0] - replaced} places was replaced with U+FFFD")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Unreadable(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    finally:
        if path != "-":
            raw.close()


def _sniff(head: bytes) -> str:
    """The format of a stream by its first character: `[` a JSON array, `window.YTD` an X archive
    file, `{` or `"` JSON Lines, anything else CSV (each reader's `starts`)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return next((r.name for r in READERS.values() if start and start in r.starts), SNIFFED_OTHERWISE)


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
