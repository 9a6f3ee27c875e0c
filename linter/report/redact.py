"""`--redact`: mask what `pii` and `confidential` findings matched, in every output format.

CI logs are kept and shared; a report that quotes a customer's email spreads it further. Before any
reporter runs, each such finding's `match` becomes `[redacted]`, its message and suggestion are
rebuilt from the rule's templates with every placeholder masked (a `{name}` or `{context}` can carry
the data too), the matched text is blanked out of the source that excerpts and snippets are cut
from, and any remaining copy of a matched string in any finding's text is masked as well.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..finding import Category, Finding
from ..rule import TEMPLATE
from .results import FileResult

if TYPE_CHECKING:
    from ..rule import Rule, RuleText

MASK = "[redacted]"
BLANK = "*"  # fills masked spans of the source, one per character, so columns stay true
REDACTED_CATEGORIES = frozenset({Category.PII, Category.CONFIDENTIAL})
# Values that describe the rule, never the post (`template` names which of its messages was used).
SAFE_PLACEHOLDERS = frozenset({"entity", "public_on", "until", "field", "a_field", TEMPLATE})


class _Masked(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return MASK


def redacted(finding: Finding) -> bool:
    return finding.category in REDACTED_CATEGORIES


def redact(results: Sequence[FileResult], rules: Mapping[str, Rule] | None = None, *,
           seen: set[str] | None = None) -> tuple[list[FileResult], dict[str, Rule]]:
    """The results, and the rules SARIF describes, with every `pii`/`confidential` match masked.

    A matched string is masked wherever it appears, in every file's findings and source and in the
    rules' texts and examples (a company's own pack may quote its codenames). `seen` carries the
    strings matched in files already reported, when files are redacted one at a time (it grows).
    """
    rules = dict(rules or {})
    found = {f.match for r in results for f in r.findings if redacted(f) and f.match.strip()}
    if seen is not None:
        seen |= found
        found = seen
    strings = sorted(found, key=len, reverse=True)
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

    def masked(text: RuleText) -> RuleText:
        return replace(text, summary=mask(text.summary), why=mask(text.why), message=mask(text.message),
                       suggestion=mask(text.suggestion), examples_bad=tuple(map(mask, text.examples_bad)),
                       examples_good=tuple(map(mask, text.examples_good)))

    own = masked(rule.text())
    return replace(rule, summary=own.summary, why=own.why, message=own.message, suggestion=own.suggestion,
                   examples_bad=own.examples_bad, examples_good=own.examples_good,
                   local={lang: replace(block, text=masked(block.text)) for lang, block in rule.local.items()})


def _redact_finding(finding: Finding, rule: Rule | None, strings: Sequence[str]) -> Finding:
    message, suggestion = finding.message, finding.suggestion
    if redacted(finding):
        if rule is not None and rule.kind != "directive":
            local = rule.in_language(finding.lang) if finding.lang else rule
            message = _template(local.message_template(finding.values), finding)
            suggestion = _template(local.suggestion, finding) if suggestion else ""
        values = {key: value if key in SAFE_PLACEHOLDERS else MASK for key, value in finding.values.items()}
        finding = replace(finding, match=MASK, values=values)
    return replace(finding, message=_mask_strings(message, strings), why=_mask_strings(finding.why, strings),
                   suggestion=_mask_strings(suggestion, strings),
                   values={key: _mask_strings(value, strings) for key, value in finding.values.items()})


def _template(template: str, finding: Finding) -> str:
    """A rule's message or suggestion with every value that may come from the post masked."""
    values = _Masked({key: value for key, value in finding.values.items() if key in SAFE_PLACEHOLDERS})
    try:
        return template.format_map(values)
    except (ValueError, IndexError):
        return MASK


def _mask_strings(text: str, strings: Sequence[str], *, blank: bool = False) -> str:
    """`text` with every copy of the strings masked, in any case (longest first)."""
    if not strings or not text:
        return text
    return _pattern(tuple(strings)).sub(lambda m: BLANK * len(m.group()) if blank else MASK, text)


@functools.lru_cache(maxsize=4)
def _pattern(strings: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(s) for s in strings), regex.IGNORECASE | regex.V1)
