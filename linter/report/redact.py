"""`--redact`: mask what `pii` and `confidential` findings matched, in every output format.

CI logs are kept and shared; a report that quotes a customer's email spreads it further. Before any
reporter runs, each such finding's `match` becomes `[redacted]`, its message and suggestion are
rebuilt from the rule's templates with every placeholder masked (a `{name}` or `{context}` can carry
the data too), the matched text is blanked out of the source that excerpts and snippets are cut
from, and any remaining copy of a matched string in any finding's text is masked as well.
"""

from __future__ import annotations

import functools
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
SAFE_PLACEHOLDERS = frozenset({"entity", "public_on", "field", "a_field"})  # describe the rule, never the post


class _Masked(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return MASK


def redacted(finding: Finding) -> bool:
    return finding.category in REDACTED_CATEGORIES


def redact(results: Sequence[FileResult], rules: Mapping[str, Rule] | None = None
           ) -> tuple[list[FileResult], dict[str, Rule]]:
    """The results, and the rules SARIF describes, with every `pii`/`confidential` match masked.

    A matched string is masked wherever it appears, in every file's findings and source and in the
    rules' texts and examples (a company's own pack may quote its codenames).
    """
    rules = dict(rules or {})
    strings = sorted({f.match for r in results for f in r.findings if redacted(f) and f.match.strip()},
                     key=len, reverse=True)
    masked_rules = {code: _redact_rule(rule, strings) for code, rule in rules.items()}
    return [_redact_file(result, rules, strings) for result in results], masked_rules


def _redact_file(result: FileResult, rules: Mapping[str, Rule], strings: Sequence[str]) -> FileResult:
    source = list(result.source)
    for finding in result.findings:
        if redacted(finding):
            for i in range(finding.start, min(finding.end, len(source))):
                if not source[i].isspace():
                    source[i] = BLANK
    masked_source = _mask_strings("".join(source), strings, blank=True)
    findings = [_redact_finding(f, rules.get(f.code), strings) for f in result.findings]
    return replace(result, findings=findings, source=masked_source)


def _redact_rule(rule: Rule, strings: Sequence[str]) -> Rule:
    if not strings:
        return rule
    mask = functools.partial(_mask_strings, strings=strings)
    return replace(rule, summary=mask(rule.summary), why=mask(rule.why), message=mask(rule.message),
                   suggestion=mask(rule.suggestion), examples_bad=tuple(map(mask, rule.examples_bad)),
                   examples_good=tuple(map(mask, rule.examples_good)))


def _redact_finding(finding: Finding, rule: Rule | None, strings: Sequence[str]) -> Finding:
    message, suggestion = finding.message, finding.suggestion
    if redacted(finding):
        if rule is not None and rule.kind != "directive":
            message = _template(_template_of(rule, message), message)
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


def _template_of(rule: Rule, rendered: str) -> str:
    """Which of the rule's messages (`message`, `own_message`, ...) rendered this text."""
    for template in rule.templates.values():
        if _pattern_of(template)[0].fullmatch(rendered):
            return template
    return rule.message


@functools.lru_cache(maxsize=256)
def _pattern_of(template: str) -> tuple[regex.Pattern[str], tuple[str, ...]]:
    pattern, names = "", []
    for literal, name, _, _ in string.Formatter().parse(template):
        pattern += regex.escape(literal)
        if name is not None:
            pattern += "(.*?)"
            names.append(name)
    return regex.compile(pattern, regex.DOTALL), tuple(names)


def _value_of(template: str, rendered: str, key: str) -> str | None:
    """Recover a safe placeholder's value from the text the template rendered, if it has one."""
    pattern, names = _pattern_of(template)
    found = pattern.fullmatch(rendered) if key in names else None
    return found.group(names.index(key) + 1) if found else None


def _mask_strings(text: str, strings: Sequence[str], *, blank: bool = False) -> str:
    """`text` with every copy of the strings masked, in any case (longest first)."""
    if not strings or not text:
        return text
    return _pattern(tuple(strings)).sub(lambda m: BLANK * len(m.group()) if blank else MASK, text)


@functools.lru_cache(maxsize=4)
def _pattern(strings: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(s) for s in strings), regex.IGNORECASE | regex.V1)
