"""`postlint scan` output: one record per post (or per finding), written as each post is done.

Every writer streams: `add()` writes what it can at once and `close()` ends the document with
the run's summary (JSON and SARIF, in `sarif.py`, carry it inside; JSON Lines and CSV leave it to
stderr or `--summary FILE`). A post record is `{"id", "author"?, "date"?, "url"?, "source", "source_line",
"findings": [...]}`; a finding record is the finding's fields after the post's.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from ..finding import Finding, Severity
from .results import FileResult, display

if TYPE_CHECKING:
    from ..exports import Record

FLUSH_SECONDS = 0.5
POST_FIELDS = ("id", "author", "date", "url", "source", "source_line")
FINDING_FIELDS = ("code", "category", "severity", "line", "col", "end_line", "end_col", "start", "end", "match",
                  "message", "why", "suggestion")
IMAGE_FIELDS = ("image", "region")  # a finding in an image the post shows: its path, and x,y,w,h in it


def post_fields(record: Record) -> dict[str, Any]:
    """The post's identity: id, then author, date and URL when the export has them."""
    data: dict[str, Any] = {"id": record.id}
    for name in ("author", "date", "url"):
        value = getattr(record, name)
        if value is not None:
            data[name] = value
    data["source"], data["source_line"] = record.source, record.line
    return data


def finding_fields(finding: Finding, source: str | None = None) -> dict[str, Any]:
    data = finding.to_dict()
    if data.get("path") in (None, source):
        data.pop("path", None)  # the post's `source` says where it is; an image's path stays
    return data


class Writer:
    """Writes records to `out` as posts come (`add`); `close(summary=...)` finishes the output."""

    streams = True

    def __init__(self, out: IO[str], *, per: str = "post", skip_clean: bool = False) -> None:
        self.out, self.per, self.skip_clean = out, per, skip_clean
        self._flushed = time.monotonic()

    def add(self, result: FileResult, record: Record | None = None) -> None:
        assert record is not None  # a scan's result is a post of an export
        findings = result.findings
        if self.per == "finding":
            for finding in findings:
                self.finding_record({**post_fields(record), **finding_fields(finding, record.source)}, record, finding)
        elif findings or not self.skip_clean:
            self.post_record({**post_fields(record),
                              "findings": [finding_fields(f, record.source) for f in findings]})
        if time.monotonic() - self._flushed > FLUSH_SECONDS:  # a reader of a pipe sees findings as they come
            self.out.flush()
            self._flushed = time.monotonic()

    def post_record(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def finding_record(self, data: dict[str, Any], record: Record, finding: Finding) -> None:
        raise NotImplementedError

    def close(self, **_: Any) -> None:
        self.out.flush()


class JsonlWriter(Writer):
    """`--format jsonl`: one JSON object a line."""

    def post_record(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")

    def finding_record(self, data: dict[str, Any], record: Record, finding: Finding) -> None:
        self.post_record(data)


# A cell a spreadsheet would run as a formula (OWASP's list): written after a quote, as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell that is data in any spreadsheet: line breaks and other control
    characters shown as symbols (one record, one line), a formula's first sign escaped with `'`."""
    if not isinstance(value, str):
        return value
    value = display(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class CsvWriter(Writer):
    """`--format csv`: a header, then a row per post (finding counts and codes) or per finding."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.csv = csv.writer(out, lineterminator="\n")
        counts = ("findings", *(str(s) for s in Severity), "codes")
        self.csv.writerow([*POST_FIELDS, *((*FINDING_FIELDS, *IMAGE_FIELDS) if self.per == "finding" else counts)])

    def post_record(self, data: dict[str, Any]) -> None:
        findings = data["findings"]
        counts = [sum(1 for f in findings if f["severity"] == str(s)) for s in Severity]
        codes = " ".join(dict.fromkeys(f["code"] for f in findings))
        self.csv.writerow([*(csv_cell(data.get(k, "")) for k in POST_FIELDS), len(findings), *counts, codes])

    def finding_record(self, data: dict[str, Any], record: Record, finding: Finding) -> None:
        box = finding.region
        self.csv.writerow([*(csv_cell(data.get(k, "")) for k in (*POST_FIELDS, *FINDING_FIELDS)),
                           csv_cell(data.get("path", "")), f"{box.x},{box.y},{box.w},{box.h}" if box else ""])


class JsonWriter(Writer):
    """`--format json`: `{"version": 1, "posts" (or "findings"): [...], "summary": {...}}`."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self.count = 0
        self.out.write('{\n  "version": 1,\n  "%s": [' % ("findings" if self.per == "finding" else "posts"))

    def post_record(self, data: dict[str, Any]) -> None:
        self.out.write(("," if self.count else "") + "\n    " + json.dumps(data, ensure_ascii=False))
        self.count += 1

    def finding_record(self, data: dict[str, Any], record: Record, finding: Finding) -> None:
        self.post_record(data)

    def close(self, *, summary: Mapping[str, Any] | None = None, **_: Any) -> None:
        self.out.write(("\n  " if self.count else "") + '],\n  "summary": '
                       + json.dumps(summary or {}, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n")
        super().close()
