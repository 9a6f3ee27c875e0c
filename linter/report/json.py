"""`--format json`: `{"version": 1, "findings": [...], "summary": {...}}`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .results import FileResult, Rendered, Summary, printable


def render(results: Sequence[FileResult], *, configs: Sequence[str] = (), **_: Any) -> str:
    findings = []
    for result in results:
        for finding in result.findings:
            findings.append({**finding.to_dict(), "path": printable(result.path)})
    summary = Summary.of(results)
    return json.dumps({"version": 1, "findings": findings,
                       "summary": {"files": summary.files, "findings": len(findings), **summary.counts,
                                   "baselined": summary.baselined, "configs": [printable(c) for c in configs]}},
                      indent=2, ensure_ascii=False) + "\n"


class JsonReport(Rendered):
    render = staticmethod(render)
