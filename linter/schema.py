"""Tiny strict validators for YAML data: every problem is collected with its file:line:col.

A validator is a callable `(value, mark, problems) -> converted value` that appends a `Problem`
and returns `INVALID` when the value is wrong. Mappings are strict: unknown keys are errors with a
"did you mean" hint, the way Vale and spaCy report them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .yamlio import Mark, MarkedDict, MarkedList, mark_of

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()

Validator = Callable[[Any, Mark, list[Problem]], Any]


@dataclass(frozen=True)
class Field:
    """One key of a mapping: how to validate it, whether it must be there, and its doc line."""

    validator: Validator
    required: bool = False
    default: Any = None
    doc: str = ""
    default_factory: Callable[[], Any] | None = field(default=None, compare=False)

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory else self.default


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", MarkedDict: "a mapping", list: "a list", MarkedList: "a list",
            str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


SHOWN_CHARS = 40  # how much of a user's value an error message quotes


def shown(value: Any) -> str:
    """A value quoted in an error message: at most SHOWN_CHARS characters, control characters
    escaped, so an error never echoes a file's content (`packs: [/etc/shadow]`) beyond a name."""
    text = str(value)
    cut = text[:SHOWN_CHARS]
    quoted = repr(cut)[1:-1] if not cut.isprintable() else cut
    return f"'{quoted}{'…' if len(text) > SHOWN_CHARS else ''}'"


def wrong_type(value: Any, expected: str, mark: Mark, problems: list[Problem]) -> Any:
    problems.append(mark.problem("E102", f"expected {expected}, got {_type_name(value)}"))
    return INVALID


def string(*, nonempty: bool = True) -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # `terms: [101]` means the text "101"
        if not isinstance(value, str):
            return wrong_type(value, "a string", mark, problems)
        if nonempty and not value.strip():
            problems.append(mark.problem("E104", "must not be empty"))
            return INVALID
        return value

    return check


def boolean() -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if not isinstance(value, bool):
            return wrong_type(value, "true or false", mark, problems)
        return value

    return check


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return wrong_type(value, "a whole number", mark, problems)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            problems.append(mark.problem("E104", f"must be between {minimum} and {maximum}, got {value}"))
            return INVALID
        return value

    return check


def number(*, minimum: float, maximum: float) -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return wrong_type(value, "a number", mark, problems)
        if not minimum <= value <= maximum:
            problems.append(mark.problem("E104", f"must be between {minimum} and {maximum}, got {value}"))
            return INVALID
        return float(value)

    return check


def choice(*choices: str) -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if value in choices:
            return value
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(choices)
        problems.append(mark.problem("E104", f"{shown(value)} is not allowed here", hint))
        return INVALID

    return check


DATE_HINT = "write it as YYYY-MM-DD"


def parse_date(value: Any) -> dt.date:
    """The one date reader (config dates, `--as-of`, a post's `as_of`): a `date`, a `datetime`
    (its day) or an ISO string `YYYY-MM-DD` (spaces around it ignored); ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"not a date: {value!r}")


def iso_date() -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        try:
            return parse_date(value)
        except ValueError:
            problems.append(mark.problem("E112", f"{shown(value)} is not a date", DATE_HINT))
            return INVALID

    return check


def list_of(item: Validator, *, allow_single: bool = False, nonempty: bool = False,
            partial: bool = False) -> Validator:
    """A list whose items pass `item`; `allow_single` also accepts one bare item; with `partial`,
    a bad item stays INVALID in the list instead of the whole list becoming INVALID."""

    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if allow_single and not isinstance(value, list) and value is not None:
            value = [value]
        if not isinstance(value, list):
            return wrong_type(value, "a list", mark, problems)
        if nonempty and not value:
            problems.append(mark.problem("E104", "the list must not be empty"))
            return INVALID
        out = [item(v, mark_of(value, i, mark), problems) for i, v in enumerate(value)]
        return INVALID if not partial and any(v is INVALID for v in out) else out

    return check


USER_REGEX_TIMEOUT = 1.0  # seconds any one search with a regex from a pack or config may take


class BoundedPattern:
    """A user's compiled regex whose every search gives up after `USER_REGEX_TIMEOUT` seconds
    (raising `TimeoutError`) unless the caller passes its own `timeout=`: a pattern that backtracks
    catastrophically can never hang a run, whichever rule kind uses it."""

    __slots__ = ("_rx",)
    _SEARCHES = frozenset({"match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
                           "splititer"})

    def __init__(self, rx: regex.Pattern[str]) -> None:
        self._rx = rx

    def __getattr__(self, name: str) -> Any:
        if name == "_rx":
            raise AttributeError(name)
        attribute = getattr(self._rx, name)
        if name not in self._SEARCHES:
            return attribute

        def bounded(*args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("timeout", USER_REGEX_TIMEOUT)
            return attribute(*args, **kwargs)

        return bounded

    def __reduce__(self) -> tuple[Any, ...]:
        return BoundedPattern, (self._rx,)

    def __eq__(self, other: object) -> bool:  # by what it matches: a pattern read back from the prepared rules is equal
        return isinstance(other, BoundedPattern) and (self._rx.pattern, self._rx.flags) == (other._rx.pattern, other._rx.flags)

    def __hash__(self) -> int:
        return hash((self._rx.pattern, self._rx.flags))

    def __repr__(self) -> str:
        return f"BoundedPattern({self._rx.pattern!r})"


def regex_pattern(*, flags: int = 0, lists: Mapping[str, list[str]] | None = None) -> Validator:
    """A regular expression for the `regex` module, compiled now so a bad one fails at load
    (`lists`: the named lists its `\\L<name>` entries stand for), bounded in time when it runs."""

    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        import regex  # when a pack is validated, not when prepared rules are read

        if not isinstance(value, str) or not value:
            return wrong_type(value, "a regular expression", mark, problems)
        try:
            return BoundedPattern(regex.compile(value, flags | regex.VERSION1, **(lists or {})))
        except regex.error as exc:
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            problems.append(mark.problem("E105", f"invalid regular expression: {exc.msg}{where}",
                                         "check brackets and escape special characters with \\"))
            return INVALID

    return check


def mapping_of(fields: Mapping[str, Field], *, what: str = "mapping") -> Validator:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        return check_mapping(value, mark, fields, problems, what=what)

    return check


def check_mapping(value: Any, mark: Mark, fields: Mapping[str, Field], problems: list[Problem],
                  *, what: str = "mapping", extra_keys: frozenset[str] = frozenset(),
                  partial: bool = False) -> Any:
    """Validate a mapping strictly; returns {key: converted} with defaults filled, or INVALID.

    `extra_keys` are keys the caller validates itself (they are passed through unchanged). With
    `partial`, a mapping with bad values comes back with INVALID in their place (so the caller
    can go on checking what depends on the good ones).
    """
    if not isinstance(value, dict):
        return wrong_type(value, f"a {what} (key: value pairs)", mark, problems)
    before = len(problems)
    out: dict[str, Any] = {}
    for key in value:
        if key in fields or key in extra_keys:
            continue
        key_mark = value.key_mark(key) if isinstance(value, MarkedDict) else mark
        close = difflib.get_close_matches(str(key), [*fields, *extra_keys], n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(sorted(fields))
        problems.append(key_mark.problem("E101", f"unknown key {shown(key)} in {what}", hint))
    for name, spec in fields.items():
        if name not in value or value[name] is None and spec.required:
            if spec.required:
                problems.append(mark.problem("E103", f"{what} is missing the required key '{name}'"))
            else:
                out[name] = spec.default_value()
            continue
        if value[name] is None:
            out[name] = spec.default_value()
            continue
        out[name] = spec.validator(value[name], mark_of(value, name, mark), problems)
    for key in extra_keys:
        if key in value:
            out[key] = value[key]
    return INVALID if len(problems) > before and not partial else out
