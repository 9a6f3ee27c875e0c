"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=post.md,line=3,col=14,endLine=3,endColumn=30,title=PII-EMAIL::message` per finding
(`warning` and `notice` for the other severities). Columns are only sent for a one-line span, as
GitHub ignores them otherwise. Values are escaped as the Actions toolkit does: `%`, CR and LF in
the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..finding import Finding, Severity
from .results import FileResult, Rendered, Summary, display, printable
from .text import configs_line, summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    properties = {"file": printable(path), "line": str(finding.line)}
    if finding.end_line == finding.line:
        properties["col"] = str(finding.col)
    properties["endLine"] = str(finding.end_line)
    if finding.end_line == finding.line:
        properties["endColumn"] = str(finding.end_col)
    properties["title"] = finding.code
    body = [finding.message, f"Why: {finding.why}"]
    if finding.region is not None:  # words recognised in an image: lines mean nothing to a reader of it
        box = finding.region
        body.append(f"Where: the region x={box.x} y={box.y} w={box.w} h={box.h} of the image")
    if finding.suggestion:
        body.append(f"Instead: {finding.suggestion}")
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(printable(chr(10).join(body)))}"


def render(results: Sequence[FileResult], *, configs: Sequence[str] = (), **_: Any) -> str:
    lines = [annotation(r.path, f) for r in results for f in r.findings]
    if configs:
        lines.append(configs_line(configs).rstrip("\n"))
    lines.append(summary_line(Summary.of(results)))
    return "\n".join(lines) + "\n"


class GithubReport(Rendered):
    render = staticmethod(render)
