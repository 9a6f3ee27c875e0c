"""JSON Lines exports (`.jsonl`, `.ndjson`): one JSON object (or string) a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from .. import jsonio
from .records import CHUNK, BadRow, Fields, Item, Picker, Row, read_rows, too_large, too_large_reason


def read_jsonl(text: IO[str], source: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    picker = Picker(source, fields)

    def rows() -> Iterator[Row]:
        number = 0
        while True:
            line = text.readline(max_bytes + 1)  # characters: never more than max_bytes bytes of them
            if not line:
                return
            number += 1
            if too_large(line, max_bytes):
                while line and not line.endswith(("\n", "\r")):
                    line = text.readline(CHUNK)  # the rest of the record, a piece at a time
                yield BadRow(source, number, too_large_reason(max_bytes))
                continue
            if not line.strip():
                continue
            try:
                yield number, jsonio.loads(line)
            except ValueError as exc:
                yield BadRow(source, number, f"not valid JSON ({json_error(exc)})")

    return read_rows(rows(), source, picker)


def json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)
