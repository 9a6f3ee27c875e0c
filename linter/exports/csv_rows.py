"""CSV exports (`.csv`, `.tsv`): a header naming the fields, then a row per post."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from .records import BadRow, Broken, Fields, Item, Picker, Row, read_rows, too_large_reason


def read_csv(text: IO[str], source: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    picker = Picker(source, fields)
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
                yield BadRow(source, start, too_large_reason(max_bytes) if too_large else f"not valid CSV ({exc})")
            else:
                if len(row) > len(header) and any(row[len(header):]):
                    yield BadRow(source, start, f"{len(row)} fields where the header has {len(header)}")
                elif row:
                    yield start, dict(zip(header, row))
            start = reader.line_num + 1

    return read_rows(rows(), source, picker)
