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
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..finding import Finding, Region, Severity
from .results import FileResult, context_without_match, printable

if TYPE_CHECKING:
    from ..rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "postlintContext/v1"


def render(results: Sequence[FileResult], *, rules: Mapping[str, Rule] | None = None, **_: Any) -> str:
    from .. import __version__

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
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "postlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": list(descriptors.values()),
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(os.getcwd()).rstrip("/") + "/"}},
            "results": sarif_results,
            "invocations": [{"executionSuccessful": True}],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


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
    message = finding.message + (f" Instead: {finding.suggestion}" if finding.suggestion else "")
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
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(result.path), "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"category": str(finding.category), "why": finding.why},
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
    key = "\0".join([finding.code, printable(PurePath(result.path).as_posix()), context])
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]

