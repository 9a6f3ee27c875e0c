"""`--redact`: mask what `pii` and `confidential` findings matched, in every output format.

CI logs are kept and shared; a report that quotes a customer's email spreads it further. Before any
reporter runs, the spans those findings cover are masked where they stand, and nowhere else:

- each such finding's `match` becomes `[redacted]`, and its message and suggestion are rebuilt
  from the rule's templates with every placeholder that may come from the post masked;
- the source excerpts and snippets are cut from are blanked over those spans (one `*` per
  character, so columns stay true), also over the spans of findings a baseline hid;
- another finding whose span overlaps a masked one shows its match with the masked part blanked,
  and values it quotes from a masked span are masked;
- a finding in the file name masks that part of the path, in every format;
- rules that describe themselves in the output (SARIF) drop the examples of pii and confidential
  rules (a company's pack may quote its codenames there).

Spans, not strings: the same letters elsewhere (`Git` inside `github.com`, a rule code in a
"did you mean" hint, another file) are left as they are.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..finding import Category, Finding
from ..rule import TEMPLATE
from .results import FileResult

if TYPE_CHECKING:
    from ..rule import Rule

MASK = "[redacted]"
BLANK = "*"  # fills masked spans of the source, one per character, so columns stay true
REDACTED_CATEGORIES = frozenset({Category.PII, Category.CONFIDENTIAL})
# Values that describe the rule, never the post (`template` names which of its messages was used).
SAFE_PLACEHOLDERS = frozenset({"entity", "public_on", "until", "score", "field", "a_field", TEMPLATE})


class _Masked(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return MASK


def redacted(finding: Finding) -> bool:
    return finding.category in REDACTED_CATEGORIES


def redact(results: Sequence[FileResult], rules: Mapping[str, Rule] | None = None
           ) -> tuple[list[FileResult], dict[str, Rule]]:
    """The results with every `pii`/`confidential` span masked, and the rules SARIF describes
    without the examples of those categories."""
    rules = dict(rules or {})
    masked_rules = {code: _without_examples(rule) for code, rule in rules.items()}
    return [_redact_file(result, rules) for result in results], masked_rules


def _redact_file(result: FileResult, rules: Mapping[str, Rule]) -> FileResult:
    every = [*result.findings, *result.hidden]
    spans = _merged((f.start, f.end) for f in every if redacted(f) and not f.in_path and f.end > f.start)
    if not spans and not any(f.in_path for f in every if redacted(f)):
        return result
    source = list(result.source)
    for start, end in spans:
        for i in range(start, min(end, len(source))):
            if not source[i].isspace():
                source[i] = BLANK
    masked_source = "".join(source)
    path = _mask_path(result.path, [f.in_path for f in every if redacted(f) and f.in_path])
    findings = [_redact_finding(f, rules.get(f.code), result.source, masked_source, spans, path)
                for f in result.findings]
    return replace(result, path=path, findings=findings, source=masked_source,
                   hidden=tuple(replace(f, path=path) for f in result.hidden))


def _mask_path(path: str, spans: Sequence[tuple[int, int]]) -> str:
    if not spans:
        return path
    chars = list(path)
    for start, end in spans:
        chars[start:end] = BLANK * (end - start)
    return "".join(chars)


def _without_examples(rule: Rule) -> Rule:
    """A pii/confidential rule without its examples, in every language (a company's own pack may
    quote its codenames there)."""
    if rule.category not in REDACTED_CATEGORIES:
        return rule
    none = {"examples_bad": (), "examples_good": (), "tests_bad": (), "tests_good": ()}
    return replace(rule, **none, local={lang: replace(block, text=replace(block.text, **none))
                                        for lang, block in rule.local.items()})


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(i - 1, 0):i + 1])


def _redact_finding(finding: Finding, rule: Rule | None, source: str, masked_source: str,
                    spans: list[tuple[int, int]], path: str) -> Finding:
    if redacted(finding):
        values = {key: value if key in SAFE_PLACEHOLDERS else MASK for key, value in finding.values.items()}
        return _rebuilt(finding, rule, MASK, values, path)
    if finding.in_path or not _overlaps(spans, finding.start, finding.end):
        return replace(finding, path=path) if finding.path is not None else finding
    # another category's finding over masked text: show what is left of it
    match = masked_source[finding.start:finding.end]
    values = {key: MASK if key not in SAFE_PLACEHOLDERS and _quotes_masked(value, source, spans) else value
              for key, value in finding.values.items()}
    return _rebuilt(finding, rule, match, values, path)


def _rebuilt(finding: Finding, rule: Rule | None, match: str, values: dict[str, str], path: str) -> Finding:
    """`finding` showing `match` and `values`, its message and suggestion filled again from the
    rule's templates in the finding's language (a directive's, written case by case, stay)."""
    message, suggestion = finding.message, finding.suggestion
    if rule is not None and rule.kind != "directive":
        local = rule.in_language(finding.lang) if finding.lang else rule
        message = _template(local.message_template(values), values, match)
        suggestion = _template(local.suggestion, values, match) if suggestion else ""
    return replace(finding, match=match, values=values, message=message, suggestion=suggestion, path=path)


def _quotes_masked(value: str, source: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `value` stands in the source where it overlaps a masked span."""
    at = source.find(value) if value else -1
    while at >= 0:
        if _overlaps(spans, at, at + len(value)):
            return True
        at = source.find(value, at + 1)
    return False


def _template(template: str, values: Mapping[str, str], match: str) -> str:
    """A rule's message or suggestion filled with `values` (what is missing is masked)."""
    try:
        return template.format_map(_Masked({**values, "match": match}))
    except (ValueError, IndexError, KeyError, AttributeError):
        return MASK
