"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, ...).

One run; `tool.driver.rules` describes every rule that has a result (summary, the policy reason,
the better wording and the rule's examples as help text); each result points at its region with
1-based lines and columns counted in Unicode code points (`columnKind`), `endColumn` exclusive.
`partialFingerprints` identify a result by rule, file and the text around it without the match,
so it survives lines moving and never carries the matched data.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from ..finding import Finding, Region, Severity
from .records import Writer
from .results import FileResult, Rendered, context_without_match, printable

if TYPE_CHECKING:
    from ..exports import Record
    from ..rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "postlintContext/v1"


def render(results: Sequence[FileResult], *, rules: Mapping[str, Rule] | None = None, **_: Any) -> str:
    rules = rules or {}
    descriptors: dict[str, dict[str, Any]] = {}
    indices: dict[str, int] = {}
    sarif_results = []
    for result in results:
        seen: dict[str, int] = {}
        for finding in result.findings:
            if finding.code not in descriptors:
                descriptors[finding.code] = descriptor(finding, rules.get(finding.code))
                indices[finding.code] = len(indices)
            fingerprint = _fingerprint(result, finding, seen)
            sarif_results.append(_result(result, finding, indices[finding.code], fingerprint))
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [_run(list(descriptors.values()), results=sarif_results)]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


class SarifReport(Rendered):
    render = staticmethod(render)


def _run(descriptors: list[dict[str, Any]], *, results: list[dict[str, Any]] | None = None,
         summary: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A SARIF run: the tool and the rules that have results, where relative paths start, the
    results (unless they are streamed before it) and a scan's summary."""
    from .. import __version__

    run: dict[str, Any] = {
        "tool": {"driver": {"name": "postlint", "version": __version__, "semanticVersion": __version__,
                            "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(os.getcwd()).rstrip("/") + "/"}},
    }
    if results is not None:
        run["results"] = results
    run["invocations"] = [{"executionSuccessful": True}]
    if summary is not None:
        run["properties"] = {"summary": summary}
    return run


def _message(finding: Finding) -> str:
    return finding.message + (f" Instead: {finding.suggestion}" if finding.suggestion else "")


def _occurrence(key: str, seen: dict[str, int]) -> str:
    """A fingerprint of `key` and which occurrence of it this is (counted in `seen`)."""
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def descriptor(finding: Finding, rule: Rule | None) -> dict[str, Any]:
    summary = rule.summary if rule else finding.message
    why = rule.why if rule else finding.why
    suggestion = rule.suggestion if rule else finding.suggestion
    bad = rule.examples_bad if rule else ()
    good = rule.examples_good if rule else ()
    text = [why]
    markdown = [why]
    if suggestion:
        text.append(f"Instead: {suggestion}")
        markdown.append(f"**Instead:** {suggestion}")
    if bad or good:
        text.append("Examples:\n" + "\n".join([*(f"  bad:  {e}" for e in bad), *(f"  good: {e}" for e in good)]))
        markdown.append("**Examples**\n\n" + "\n".join([*(f"- bad: `{e}`" for e in bad),
                                                        *(f"- good: `{e}`" for e in good)]))
    severity = rule.severity if rule else finding.severity
    descriptor: dict[str, Any] = {
        "id": finding.code,
        "name": _name(finding.code),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": why},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[severity], "enabled": rule.enabled if rule else True},
        "properties": {"category": str(finding.category), "tags": ["postlint", str(finding.category)]},
    }
    if rule and rule.references:
        descriptor["helpUri"] = rule.references[0]
    return descriptor


def _name(code: str) -> str:
    """A PascalCase name for a code, as SARIF viewers show it: PII-EMAIL -> PiiEmail."""
    return "".join(part.capitalize() for part in code.split("-"))


def _result(result: FileResult, finding: Finding, index: int, fingerprint: str) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.col,
        "endLine": finding.end_line,
        "endColumn": finding.end_col,
        "snippet": {"text": finding.match},
    }
    sarif: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(result.path), "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"category": str(finding.category), "why": finding.why,
                       **({"evidence": [asdict(e) for e in finding.evidence]} if finding.evidence else {})},
    }
    if finding.region is not None:
        add_image_region(sarif, result.path, finding.region)
    return sarif


def add_image_region(result: dict[str, Any], image: str, box: Region) -> None:
    """Where in an image a result's words stand: SARIF's own way to point into a picture (an
    attachment's `rectangles`), and the same box as `properties.region` ({x, y, w, h}) for tools
    that read only properties. The result's text region points into the text read from the image."""
    rectangle = {"top": box.y, "left": box.x, "bottom": box.y + box.h, "right": box.x + box.w,
                 "message": {"text": "where the text stands in the image"}}
    result["attachments"] = [{"description": {"text": "the image the text was read from"},
                              "artifactLocation": artifact(image), "rectangles": [rectangle]}]
    result.setdefault("properties", {})["region"] = {"x": box.x, "y": box.y, "w": box.w, "h": box.h}


def artifact(path: str) -> dict[str, Any]:
    """A relative path stays relative to %SRCROOT% (the working directory); others become file URIs."""
    absolute = os.path.abspath(path)
    try:
        relative = PurePath(os.path.relpath(absolute, Path.cwd()))
    except ValueError:  # another drive
        return {"uri": _file_uri(absolute)}
    if relative.parts and relative.parts[0] == "..":
        return {"uri": _file_uri(absolute)}
    return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": "%SRCROOT%"}


def _file_uri(absolute: str) -> str:
    """A file URI, percent-encoding the bytes of a name that is not UTF-8."""
    if printable(absolute) == absolute:
        return Path(absolute).as_uri()
    return "file://" + quote(os.fsencode(Path(absolute).as_posix()))


def _fingerprint(result: FileResult, finding: Finding, seen: dict[str, int]) -> str:
    """Rule, file, the finding's line with the match cut out, and which such occurrence it is."""
    context = " ".join(context_without_match(result.source, finding).split()).casefold()
    return _occurrence("\0".join([finding.code, printable(PurePath(result.path).as_posix()), context]), seen)



class SarifWriter(Writer):
    """`scan --format sarif`: SARIF 2.1.0; each finding is a result located at its post's line in the
    export (`region.startLine`), with the post as a logical location and the place in the post's
    text in `properties`. The rules that have results are described after the results."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        super().__init__(out, **{**kwargs, "per": "finding"})
        self.indices: dict[str, int] = {}
        self.first_findings: dict[str, Finding] = {}
        self.seen: dict[str, int] = {}
        self.seen_in: Record | None = None
        self.count = 0
        self.out.write('{\n  "$schema": %s,\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": ['
                       % json.dumps(SCHEMA))

    def finding_record(self, data: dict[str, Any], record: Record, finding: Finding) -> None:
        if finding.code not in self.indices:
            self.indices[finding.code] = len(self.indices)
            self.first_findings[finding.code] = finding
        properties: dict[str, Any] = {k: data[k] for k in ("id", "author", "date", "url") if k in data}
        properties.update(category=str(finding.category), why=finding.why, line=finding.line, col=finding.col,
                          endLine=finding.end_line, endColumn=finding.end_col)
        result = {
            "ruleId": finding.code,
            "ruleIndex": self.indices[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": f"Post {record.id}: {_message(finding)}"},
            "locations": [{
                "physicalLocation": {"artifactLocation": _export_artifact(record.source),
                                     "region": {"startLine": max(record.line, 1), "snippet": {"text": finding.match}}},
                "logicalLocations": [{"name": record.id, "kind": "object"}],
            }],
            "partialFingerprints": {FINGERPRINT: self._fingerprint(record, finding)},
            "properties": properties,
        }
        if finding.path not in (None, record.source):  # in an image the post shows
            properties["image"] = finding.path
        if finding.region is not None and finding.path is not None:
            add_image_region(result, finding.path, finding.region)
        self.out.write(("," if self.count else "") + "\n        " + json.dumps(result, ensure_ascii=False))
        self.count += 1

    def _fingerprint(self, record: Record, finding: Finding) -> str:
        """Rule, post and the post's text around the match (never the match itself)."""
        if self.seen_in is not record:
            self.seen, self.seen_in = {}, record  # occurrences are counted within one post
        context = " ".join(context_without_match(record.text, finding).split()).casefold()
        return _occurrence("\0".join([finding.code, record.source, record.id, context]), self.seen)

    def close(self, *, rules: Mapping[str, Rule] | None = None, summary: Mapping[str, Any] | None = None,
              **_: Any) -> None:
        rules = rules or {}
        descriptors = [descriptor(finding, rules.get(code)) for code, finding in self.first_findings.items()]
        body = json.dumps(_run(descriptors, summary=summary or {}), ensure_ascii=False, indent=2)[1:-1]
        self.out.write(("\n      " if self.count else "") + "]," + body.replace("\n", "\n    ").rstrip()
                       + "\n    }\n  ]\n}\n")
        super().close()


def _export_artifact(path: str) -> dict[str, Any]:
    return artifact(path) if path != "-" else {"uri": "stdin"}
