"""Reporters: pure functions from findings to text in one output format.

Each `render(results, *, colour=False, rules=None)` takes the per-file results and, for formats
that describe rules (SARIF), the `Rule` of each code; `redact.redact()` runs before any of them
when `--redact` (or `report.redact`) asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from .results import FileResult, Summary, context_without_match, source_line

__all__ = ["FORMATS", "FileResult", "Reporter", "Summary", "context_without_match", "reporter", "source_line"]

FORMATS = ("text", "json", "sarif", "github")


Reporter = Callable[..., str]


def reporter(name: str) -> Reporter:
    from . import github, sarif
    from . import json as json_report
    from . import text as text_report

    return {"text": text_report.render, "json": json_report.render, "sarif": sarif.render,
            "github": github.render}[name]
