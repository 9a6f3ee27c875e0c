"""What every export format shares: the records it yields, and which of a record's fields hold
the post's text, id, author, date and URL (chosen once per file, or named by the caller).

A format's reader decodes rows, `(line, value)` pairs, and `read_rows` turns them into `Record`s
(or `BadRow`s, `Notice`s and `Unreadable`s) with a `Picker`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fileio import format_size, read_file, resolved
from ..sources import Unreadable

ACCOUNT_LIMIT = 1 << 20  # bytes of an X archive's account.js (a few hundred in a real one)
CHUNK = 1 << 20  # characters read at a time from a JSON array (more while one record is longer)

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


class MissingField(Exception):
    """The text field is not among a file's fields: the whole file cannot be read."""


class Picker:
    """Chooses, once per file, which field holds the text, id, author, date and URL."""

    def __init__(self, source: str, fields: Fields, *, tweets: bool = False) -> None:
        self.source, self.fields, self.tweets = source, fields, tweets
        self.chosen: dict[str, str | None] | None = None
        self.header = False  # the field names come from a CSV header (all rows have the same)
        self.username: str | None = x_username(source) if tweets else None

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
            data = unwrap(data)
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
            data = unwrap(data)
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


def unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """X archive entries are `{"tweet": {...}}`: the object inside."""
    while len(data) == 1:
        (inner,) = data.values()
        if not isinstance(inner, dict):
            break
        data = inner
    return data


def x_username(source: str) -> str | None:
    """The account name from `account.js` beside an X archive's `tweets.js`, if it is there."""
    if source == "-":
        return None
    account = Path(source).with_name("account.js")
    try:
        if resolved(account).parent != resolved(Path(source)).parent:
            return None  # a link out of the archive's folder (`-> /proc/self/environ`): never read
        text = read_file(account, ACCOUNT_LIMIT).decode("utf-8-sig")
        data = json.loads(text[text.index("["):])
        name = unwrap(data[0]).get("username")
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


def read_rows(rows: Iterator[Row | object], source: str, picker: Picker) -> Iterator[Item]:
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
                notice = picker.choose(unwrap(data) if picker.tweets else data)
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


def too_large(record: str, max_bytes: int) -> bool:
    return len(record) > max_bytes or (len(record) * 4 > max_bytes and len(record.encode("utf-8", "replace")) > max_bytes)


def too_large_reason(max_bytes: int) -> str:
    return f"the record is larger than max_bytes ({format_size(max_bytes)})"
