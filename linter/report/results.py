"""What reporters are given: each checked file's findings and source, and the summary counts."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..finding import Finding, Severity
from ..textmap import LINE_BREAK


@dataclass(frozen=True)
class FileResult:
    """The findings of one checked file, with its source for showing context lines."""

    path: str
    findings: Sequence[Finding]
    source: str = ""
    baselined: int = 0  # findings left out because the baseline already records them


@dataclass(frozen=True)
class Summary:
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    baselined: int = 0

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        counts = {str(s): 0 for s in Severity}
        for result in results:
            for finding in result.findings:
                counts[str(finding.severity)] += 1
        return cls(len(results), counts, sum(r.baselined for r in results))


@functools.lru_cache(maxsize=8)
def _lines(source: str) -> list[str]:
    return LINE_BREAK.split(source)


def source_line(source: str, line: int) -> str:
    """The 1-based `line` of `source` without its line break ("" past the end)."""
    lines = _lines(source)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def context_without_match(source: str, finding: Finding) -> str:
    """The finding's first source line with the matched span cut out (what surrounds the match)."""
    line = source_line(source, finding.line)
    end = finding.end_col - 1 if finding.end_line == finding.line else len(line)
    return line[:finding.col - 1] + " " + line[end:]
