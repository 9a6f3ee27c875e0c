"""`--format text`: what a reviewer reads: place, severity, code, message, the line, why, fix."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..finding import Finding, Severity
from ..images import is_image
from .results import FileResult, Summary, display, source_line

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
EXCERPT = 100  # characters of a long source line shown around the match (Markdown paragraphs are one line)
CUT = "…"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _source_line(source: str, finding: Finding) -> tuple[str, int, int]:
    """The finding's first line of source (a window of it around the match when it is long), and
    where the underline starts in it and how long it is."""
    line = display(source_line(source, finding.line).expandtabs(1))
    if not line:
        return "", 0, 0
    width = (finding.end_col - finding.col) if finding.end_line == finding.line else len(line) - finding.col + 1
    return excerpt(line, finding.col - 1, max(width, 1))


def excerpt(line: str, start: int, width: int, size: int = EXCERPT) -> tuple[str, int, int]:
    """At most `size` characters of `line` around `[start, start + width)`, marked with … where cut,
    and where that span starts in the result and how much of it is shown."""
    if len(line) <= size:
        return line, start, width
    shown = min(width, size)
    lo = max(0, min(start - (size - shown) // 2, len(line) - size))
    hi = lo + size
    head, tail = (CUT if lo > 0 else ""), (CUT if hi < len(line) else "")
    return head + line[lo:hi] + tail, start - lo + len(head), min(width, hi - start)


def render_finding(path: str, finding: Finding, source: str, *, colour: bool = False, brief: bool = False,
                   verbose: bool = False) -> str:
    severity = _paint(f"{finding.severity}", _COLOURS[finding.severity], colour)
    where = f"{display(path)}:{finding.line}:{finding.col}"
    if finding.region is not None:  # in the words recognised in an image: where they stand in it
        where += f" (region x={finding.region.x} y={finding.region.y} w={finding.region.w} h={finding.region.h})"
    head = f"{where}: {severity} {_paint(finding.code, '1', colour)} {display(finding.message)}"
    if brief:
        return head
    out = [head]
    line, start, width = _source_line(source, finding)
    gutter = f"{finding.line:>5} | "
    if is_image(path):  # the text read from an image: its metadata, or the words seen in it
        gutter = "  ocr | " if finding.region is not None else " meta | "
    if finding.in_path:  # found in the file name: show it, not line 1
        line, start, width = excerpt(display(path), finding.in_path[0], finding.in_path[1] - finding.in_path[0])
        gutter = " name | "
    if line:
        out.append(gutter + line)
        out.append(" " * (len(gutter) - 2) + "| " + " " * start + _paint("^" * width, _COLOURS[finding.severity], colour))
    out.append(f"        why: {display(finding.why)}")
    if finding.suggestion:
        out.append(f"        fix: {display(finding.suggestion)}")
    if verbose:  # what decided the severity (`--verbose`): the reasons for and against the value
        out += [f"        {e.side}: {display(e.text)}" for e in finding.evidence]
    return "\n".join(out)


def summary_line(summary: Summary) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''} checked"
    parts = [f"{summary.counts.get(str(s), 0)} {s}{'s' if s != Severity.INFO and summary.counts.get(str(s), 0) != 1 else ''}"
             for s in Severity]
    baselined = f" ({summary.baselined} more in the baseline, not shown)" if summary.baselined else ""
    return f"{files}: " + ", ".join(parts) + baselined


def configs_line(configs: Sequence[str]) -> str:
    """Which policy the run applied: a config beside a post must never replace it unseen."""
    if not configs:
        return ""
    return f"{'config' if len(configs) == 1 else 'configs'}: {', '.join(display(c) for c in configs)}\n"


def render_file(result: FileResult, *, colour: bool = False, brief_below: Severity | None = None,
                verbose: bool = False) -> str:
    """One file's findings, each followed by a blank line (printed as soon as the file is done);
    those less severe than `brief_below` on one line each, together."""
    short = [brief_below is not None and f.severity.rank < brief_below.rank for f in result.findings]
    full = [f for f, is_short in zip(result.findings, short) if not is_short]
    brief = [f for f, is_short in zip(result.findings, short) if is_short]
    return ("".join(render_finding(result.path, f, result.source, colour=colour, verbose=verbose) + "\n\n"
                    for f in full)
            + "".join(render_finding(result.path, f, result.source, colour=colour, brief=True) + "\n" for f in brief)
            + ("\n" if brief else ""))


def render(results: Sequence[FileResult], *, colour: bool = False, configs: Sequence[str] = (),
           verbose: bool = False, **_: Any) -> str:
    return ("".join(render_file(r, colour=colour, verbose=verbose) for r in results) + configs_line(configs)
            + summary_line(Summary.of(results)) + "\n")


class TextWriter:
    """`--format text`: each file printed as soon as it is added, then the configs and the summary."""

    streams = True

    def __init__(self, write: Callable[[str], None], *, colour: bool = False, brief_below: Severity | None = None,
                 verbose: bool = False) -> None:
        self.write, self.colour, self.brief_below, self.verbose = write, colour, brief_below, verbose
        self.results: list[FileResult] = []

    def add(self, result: FileResult, record: object = None) -> None:
        self.results.append(result)
        self.write(render_file(result, colour=self.colour, brief_below=self.brief_below, verbose=self.verbose))

    def close(self, *, configs: Sequence[str] = (), **_: Any) -> None:
        self.write(configs_line(configs) + summary_line(Summary.of(self.results)) + "\n")
