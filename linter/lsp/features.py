"""Findings as the protocol shows them: diagnostics, hovers, and the code actions that fix them.

Code actions: write the rule's `replacement` in place of the match (when the rule has one), put a
suppression comment above the line (in the post's markup, with a reason placeholder that silences
nothing until the writer replaces it), and add the value to the company's allowed list in the
config (`company.public_numbers`, `company.spokespeople`: the list the rule's kind honours).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..checks import KINDS, load_kinds
from ..errors import ConfigError
from ..finding import Severity
from ..policy.writer import md_escape
from ..suppress import suppression_comment
from ..yamlio import MarkedDict, load_yaml_text
from .positions import Positions

if TYPE_CHECKING:
    from ..finding import Finding
    from ..rule import Rule
    from .checking import Checked

SOURCE = "postlint"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}


def span(finding: Finding) -> tuple[int, int]:
    """Where a finding stands in the document; one in the file name stands at its start."""
    return (0, 0) if finding.in_path else (finding.start, finding.end)


def diagnostic(finding: Finding, positions: Positions, rule_docs: str) -> types.Diagnostic:
    start, end = span(finding)
    return types.Diagnostic(
        range=positions.range(start, end), severity=SEVERITIES[finding.severity], code=finding.code,
        code_description=types.CodeDescription(href=rule_docs.format(code=finding.code)) if rule_docs else None,
        source=SOURCE, message=finding.message)


def hover(findings: Iterable[Finding], rules: Mapping[str, Rule], rule_docs: str, *,
          markdown: bool = True) -> str:
    """The findings under the cursor, in Markdown (or plain text): what, why, what to write instead."""
    bold, text = (lambda s: f"**{s}**", md_escape) if markdown else (lambda s: s, lambda s: " ".join(s.split()))
    parts = []
    for finding in findings:
        lines = [f"{bold(finding.code)} ({finding.severity}, {finding.category}): {text(finding.message)}",
                 f"{bold('Why:')} {text(finding.why)}"]
        if finding.suggestion:
            lines.append(f"{bold('Instead:')} {text(finding.suggestion)}")
        rule = rules.get(finding.code)
        replacement = replacement_of(rule, finding) if rule else ""
        if replacement:
            lines.append(f"{bold('Quick fix:')} write {text(replacement)} in its place.")
        if rule_docs:
            url = rule_docs.format(code=finding.code)
            lines.append(f"[{finding.code} documentation]({url})" if markdown else f"Documentation: {url}")
        parts.append("\n\n".join(lines))
    return ("\n\n---\n\n" if markdown else "\n\n").join(parts)


def replacement_of(rule: Rule, finding: Finding) -> str:
    """What the rule writes in place of the match, in the finding's language ("" when nothing)."""
    return (rule.in_language(finding.lang) if finding.lang else rule).replacement


def at(findings: Iterable[Finding], start: int, end: int) -> list[Finding]:
    """The findings a cursor at `start` (or a selection up to `end`) touches."""
    return [f for f in findings if span(f)[0] <= end and start <= span(f)[1]]


@dataclass(frozen=True)
class ConfigText:
    """A config file as the editor has it (open and maybe unsaved) or as it is on disk."""

    path: Path
    uri: str
    text: str


def code_actions(checked: Checked, findings: Iterable[Finding], uri: str, positions: Positions,
                 config: ConfigText | None) -> Iterator[types.CodeAction]:
    """The quick fixes for `findings` of a checked document."""
    load_kinds()
    for finding in findings:
        rule = checked.rules.get(finding.code)
        if rule is None or finding.in_path:
            continue
        fixed = [_diagnostic_for(finding, positions)]
        replacement = replacement_of(rule, finding)
        if replacement and replacement != finding.match:
            yield types.CodeAction(
                title=f"Write {replacement} instead", kind=types.CodeActionKind.QuickFix, diagnostics=fixed,
                is_preferred=True, edit=_edit(uri, [types.TextEdit(positions.range(finding.start, finding.end),
                                                                     replacement)]))
        if rule.kind != "directive":
            yield types.CodeAction(
                title=f"Silence {finding.code} on this line (say why in the comment)",
                kind=types.CodeActionKind.QuickFix, diagnostics=fixed,
                edit=_edit(uri, [_suppression(finding, checked, positions)]))
        kind = KINDS.get(rule.kind)
        if config is not None and kind is not None and kind.allow_list and kind.allows(finding.match):
            insert = allow_in_config(config.text, kind.allow_list, finding.match)
            if insert is not None:
                where = Positions(config.text).position(insert[0])
                yield types.CodeAction(
                    title=f"Allow '{finding.match}': add it to company.{kind.allow_list} in {config.path.name}",
                    kind=types.CodeActionKind.QuickFix, diagnostics=fixed,
                    edit=_edit(config.uri, [types.TextEdit(types.Range(where, where), insert[1])]))


def _diagnostic_for(finding: Finding, positions: Positions) -> types.Diagnostic:
    start, end = span(finding)
    return types.Diagnostic(range=positions.range(start, end), severity=SEVERITIES[finding.severity],
                            code=finding.code, source=SOURCE, message=finding.message)


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _suppression(finding: Finding, checked: Checked, positions: Positions) -> types.TextEdit:
    """The suppression comment on a line of its own above the finding's line, indented as it is."""
    line = positions.line_of(finding.start)
    start = positions.starts[line]
    content = checked.text[start:positions.line_end(line)]
    indent = content[:len(content) - len(content.lstrip(" \t"))]
    newline = checked.text[positions.line_end(line):positions.starts[line + 1]] \
        if line + 1 < len(positions.starts) else "\n"
    comment = suppression_comment([finding.code], checked.markup, checked.path)
    at_start = positions.position(start)
    return types.TextEdit(types.Range(at_start, at_start), f"{indent}{comment}{newline or chr(10)}")


def allow_in_config(text: str, list_name: str, value: str) -> tuple[int, str] | None:
    """Where to insert what, in a config's text, to add `value` to `company.<list_name>`; None when
    the config cannot take it as it is written (invalid YAML, `company` written inline, ...)."""
    try:
        data = load_yaml_text(text, "config")
    except ConfigError:
        return None
    entry = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    if data is None or (isinstance(data, MarkedDict) and "company" not in data):
        lead = "" if not text or text.endswith(("\n", "\r")) else "\n"
        return len(text), f"{lead}company:\n  {list_name}: [{entry}]\n"
    company = data.get("company") if isinstance(data, MarkedDict) else None
    if not isinstance(company, MarkedDict):
        return None
    lines = Positions(text)

    def offset(mark: Any) -> int:
        return lines.starts[mark.line - 1] + mark.col - 1 if mark.line - 1 < len(lines.starts) else len(text)

    if list_name in company:
        items = company[list_name]
        at_list = offset(company.mark_of(list_name))
        if not isinstance(items, list) or at_list >= len(text):
            return None
        if text[at_list] == "[":
            return at_list + 1, entry + (", " if items else "")
        start = lines.starts[lines.line_of(at_list)]
        return start, f"{' ' * (at_list - start)}- {entry}\n"
    keys = list(company)
    if not keys or text[offset(company.mark)] == "{":
        return None
    first = offset(company.key_mark(keys[0]))
    start = lines.starts[lines.line_of(first)]
    return start, f"{' ' * (first - start)}{list_name}: [{entry}]\n"
