"""JSON from users and exports, read strictly: a number too long to convert, nesting too deep to
decode or a repeated key is a `json.JSONDecodeError` with its place, never an internal error and
never a silent choice."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

# Python refuses to convert longer digit strings (CVE-2020-10735); such a number is no post's data.
MAX_DIGITS = sys.get_int_max_str_digits() or 4300
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")


class _Refused(ValueError):
    pass


def _int(digits: str) -> int:
    if len(digits) - digits.startswith("-") > MAX_DIGITS:
        raise _Refused(f"a number of more than {MAX_DIGITS:,} digits")
    return int(digits)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(f"the key '{key[:40]}' appears twice in one object")
        seen[key] = value
    return seen


def loads(text: str, *, unique_keys: bool = False) -> Any:
    """`json.loads(text)`; with `unique_keys`, an object that repeats a key is an error (which of two
    `"text"` values would be checked?). Raises `json.JSONDecodeError` (a `ValueError`) for all of it."""
    try:
        return json.loads(text, parse_int=_int, object_pairs_hook=_unique if unique_keys else None)
    except _Refused as exc:
        where = _LONG_NUMBER.search(text) if "digits" in str(exc) else None
        raise json.JSONDecodeError(str(exc), text, where.start() if where else 0) from None
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def flagging_decoder(flag: list[str]) -> json.JSONDecoder:
    """A decoder for streams (`raw_decode`) that reads a too-long number as 0 and appends why to
    `flag`, so the record holding it is reported as a bad row and the stream goes on."""
    def number(digits: str) -> int:
        try:
            return _int(digits)
        except _Refused as exc:
            flag.append(str(exc))
            return 0

    return json.JSONDecoder(parse_int=number)
