"""What reporters are given: each checked file's findings and source, and the summary counts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..finding import Finding, Severity
from ..textmap import LINE_BREAK

if TYPE_CHECKING:
    from ..rule import Rule


@dataclass(frozen=True)
class FileResult:
    """The findings of one checked file, with its source for showing context lines."""

    path: str
    findings: Sequence[Finding]
    source: str = ""
    baselined: int = 0  # findings left out because the baseline already records them
    hidden: tuple[Finding, ...] = ()  # those findings: not reported, but `--redact` masks their spans too


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


_SURROGATE_BYTE = re.compile(r"[\udc80-\udcff]")
# What a terminal would act on instead of showing: C0/C1 controls but tab, bidi controls, line and
# paragraph separators, lone surrogates.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` that any UTF-8 output can carry: a byte a file name held that is not UTF-8 (decoded by
    Python as a lone surrogate) is written `\\xNN`."""
    if not _SURROGATE_BYTE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def display(text: str) -> str:
    """`text` as a terminal should show it: `printable`, and control characters as their visible
    pictures (a newline in a file name cannot start a line of its own, an escape cannot recolour
    the screen); one character each, so columns stay true."""
    text = printable(text)
    return _UNSHOWABLE.sub(_picture, text) if _UNSHOWABLE.search(text) else text


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def shown_configs(configs: Sequence[Path | None]) -> list[str]:
    """The configs a run applied, as reports name them: relative to the working folder when below
    it; None (no config found) as the built-in defaults."""
    here = Path.cwd().resolve()
    shown = []
    for config in configs:
        if config is None:
            shown.append("none (built-in rules, no company policy)")
        elif config.is_relative_to(here):
            shown.append(str(config.relative_to(here)))
        else:
            shown.append(str(config))
    return shown


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


class Rendered:
    """A `check` output written whole when the run ends (the results in path order), by the
    format's `render` function."""

    streams = False

    def __init__(self, write: Callable[[str], None], **_: Any) -> None:
        self.write = write
        self.results: list[FileResult] = []

    @staticmethod
    def render(results: Sequence[FileResult], **options: Any) -> str:
        raise NotImplementedError

    def add(self, result: FileResult, record: object = None) -> None:
        self.results.append(result)

    def close(self, *, rules: Mapping[str, Rule], configs: Sequence[str] = (), **_: Any) -> None:
        self.write(self.render(self.results, rules=rules, configs=configs))
