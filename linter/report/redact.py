"""`--redact`: mask what `pii` and `confidential` findings matched, in every output format.

CI logs are kept and shared; a report that quotes a customer's email spreads it further. Before any
reporter runs, each such finding's `match` becomes `[redacted]`, its message and suggestion are
rebuilt from the rule's templates with every placeholder masked (a `{name}` or `{context}` can carry
the data too), the matched text is blanked out of the source that excerpts and snippets are cut
from, and any remaining copy of a matched string in any finding's text is masked as well.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..finding import Category, Finding
from . import FileResult

if TYPE_CHECKING:
    from ..packs import Rule

MASK = "[redacted]"
BLANK = "*"  # fills masked spans of the source, one per character, so columns stay true
REDACTED_CATEGORIES = frozenset({Category.PII, Category.CONFIDENTIAL})
SAFE_PLACEHOLDERS = frozenset({"entity", "public_on"})  # describe the rule, never the post


class _Masked(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return MASK


def redacted(finding: Finding) -> bool:
    return finding.category in REDACTED_CATEGORIES


def redact(results: Sequence[FileResult], rules: Mapping[str, Rule] | None = None) -> list[FileResult]:
    """The results with every `pii`/`confidential` match masked wherever it could be printed."""
    return [_redact_file(result, rules or {}) for result in results]


def _redact_file(result: FileResult, rules: Mapping[str, Rule]) -> FileResult:
    secret = [f for f in result.findings if redacted(f)]
    if not secret:
        return result
    strings = sorted({f.match for f in secret if f.match.strip()}, key=len, reverse=True)
    source = list(result.source)
    for finding in secret:
        for i in range(finding.start, min(finding.end, len(source))):
            if not source[i].isspace():
                source[i] = BLANK
    masked_source = _mask_strings("".join(source), strings, blank=True)
    findings = [_redact_finding(f, rules.get(f.code), strings) for f in result.findings]
    return replace(result, findings=findings, source=masked_source)


def _redact_finding(finding: Finding, rule: Rule | None, strings: Sequence[str]) -> Finding:
    message, suggestion = finding.message, finding.suggestion
    if redacted(finding):
        if rule is not None and rule.kind != "directive":
            message = _template(rule.message, message)
            suggestion = _template(rule.suggestion, suggestion) if suggestion else ""
        finding = replace(finding, match=MASK)
    return replace(finding, message=_mask_strings(message, strings), why=_mask_strings(finding.why, strings),
                   suggestion=_mask_strings(suggestion, strings))


def _template(template: str, rendered: str) -> str:
    """A rule's message or suggestion with every value that may come from the post masked."""
    values = _Masked()
    for key in SAFE_PLACEHOLDERS:
        value = _value_of(template, rendered, key)
        if value is not None:
            values[key] = value
    try:
        return template.format_map(values)
    except (ValueError, IndexError):
        return MASK


def _value_of(template: str, rendered: str, key: str) -> str | None:
    """Recover a safe placeholder's value from the text the template rendered, if it has one."""
    pattern, names = "", []
    for literal, name, _, _ in string.Formatter().parse(template):
        pattern += regex.escape(literal)
        if name is not None:
            pattern += "(.*?)"
            names.append(name)
    found = regex.fullmatch(pattern, rendered, regex.DOTALL) if key in names else None
    return found.group(names.index(key) + 1) if found else None


def _mask_strings(text: str, strings: Sequence[str], *, blank: bool = False) -> str:
    for secret in strings:
        if secret in text:
            text = text.replace(secret, BLANK * len(secret) if blank else MASK)
    return text
