"""Reporters: pure functions from findings to text in one output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..finding import Finding, Severity


@dataclass(frozen=True)
class FileResult:
    """The findings of one checked file, with its source for showing context lines."""

    path: str
    findings: Sequence[Finding]
    source: str = ""


@dataclass(frozen=True)
class Summary:
    files: int
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        counts = {str(s): 0 for s in Severity}
        for result in results:
            for finding in result.findings:
                counts[str(finding.severity)] += 1
        return cls(len(results), counts)


Reporter = Callable[..., str]


def reporter(name: str) -> Reporter:
    from . import json as json_report
    from . import text as text_report

    return {"text": text_report.render, "json": json_report.render}[name]
