"""Reporters and writers: findings to text in one output format.

Each `render(results, *, colour=False, rules=None)` takes the per-file results and, for formats
that describe rules (SARIF), the `Rule` of each code; results are finished (`finish.py`: baseline,
redaction) before any of them. A command writes through a `Writer` of `WRITERS`: `add` each file's
(check) or post's (scan) result as it is done, then `close`; the CLI's `--format` choices come
from the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import IO, TYPE_CHECKING, Any, Protocol

from .results import FileResult, Summary, context_without_match, source_line

if TYPE_CHECKING:
    from ..exports import Record
    from ..rule import Rule

__all__ = ["FORMATS", "WRITERS", "FileResult", "Reporter", "Summary", "Writer", "check_writer",
           "context_without_match", "reporter", "scan_writer", "source_line"]


class Writer(Protocol):
    """One output, written as results come: `add` each file's result (and, for a scan, the post's
    record), then `close` with the rules in force, and the configs (check) or summary (scan).
    `streams`: it writes each result as it is added (else it writes them all when it closes)."""

    streams: bool

    def add(self, result: FileResult, record: Record | None = None) -> None: ...

    def close(self, *, rules: Mapping[str, Rule], configs: Sequence[str] = (),
              summary: Mapping[str, Any] | None = None) -> None: ...


@dataclass(frozen=True)
class Format:
    """One output format of a command: what it is for, and its `Writer` (class `writer` of the
    module `linter.report.<module>`, imported when the format is used)."""

    name: str
    doc: str
    module: str
    writer: str


WRITERS: dict[str, dict[str, Format]] = {command: {f.name: f for f in formats} for command, formats in {
    "check": (Format("text", "people", "text", "TextWriter"), Format("json", "tools", "json", "JsonReport"),
              Format("sarif", "code scanning", "sarif", "SarifReport"),
              Format("github", "Actions annotations", "github", "GithubReport")),
    "scan": (Format("jsonl", "JSON Lines", "records", "JsonlWriter"), Format("csv", "CSV", "records", "CsvWriter"),
             Format("json", "one JSON document", "records", "JsonWriter"),
             Format("sarif", "SARIF 2.1.0", "sarif", "SarifWriter")),
}.items()}
FORMATS = tuple(WRITERS["check"])


def check_writer(name: str, write: Callable[[str], None], **options: Any) -> Writer:
    """`check --format name`, writing through `write` (text: `colour`, `brief_below`, `verbose`)."""
    return _writer("check", name)(write, **options)  # type: ignore[no-any-return]


def scan_writer(name: str, out: IO[str], **options: Any) -> Writer:
    """`scan --format name`, writing to `out` (`per` post or finding, `skip_clean`)."""
    return _writer("scan", name)(out, **options)  # type: ignore[no-any-return]


def _writer(command: str, name: str) -> Any:
    entry = WRITERS[command][name]
    return getattr(import_module(f"{__name__}.{entry.module}"), entry.writer)


Reporter = Callable[..., str]


def reporter(name: str) -> Reporter:
    from . import github, sarif
    from . import json as json_report
    from . import text as text_report

    return {"text": text_report.render, "json": json_report.render, "sarif": sarif.render,
            "github": github.render}[name]
