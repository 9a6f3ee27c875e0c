"""`--format json`: `{"version": 1, "findings": [...], "summary": {...}}`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .results import FileResult, Summary


def render(results: Sequence[FileResult], **_: Any) -> str:
    findings = []
    for result in results:
        for finding in result.findings:
            findings.append({**finding.to_dict(), "path": result.path})
    summary = Summary.of(results)
    return json.dumps({"version": 1, "findings": findings,
                       "summary": {"files": summary.files, "findings": len(findings), **summary.counts,
                                   "baselined": summary.baselined}},
                      indent=2, ensure_ascii=False) + "\n"
