"""`Rule`: one validated rule of a pack, what it reports and why, and its kind's options.

Plain data: `packs.py` makes rules from YAML, `checks/` run them, findings name them by code.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .finding import Category, Finding, Severity
from .languages import LANGUAGES

if TYPE_CHECKING:
    from .textmap import LineIndex
    from .yamlio import Mark


TEMPLATE = "template"  # the value naming which of a rule's messages a finding was written with


@dataclass(frozen=True)
class Rule:
    """One validated rule from a pack: what it reports, why, and its kind's options."""

    code: str
    category: Category
    severity: Severity
    kind: str
    message: str
    why: str
    summary: str
    suggestion: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    languages: tuple[str, ...] = LANGUAGES
    enabled: bool = True
    pack: str = ""
    mark: Mark | None = field(default=None, compare=False)

    def finding(self, source: str, lines: LineIndex, start: int, end: int, *,
                values: Mapping[str, str] | None = None, severity: Severity | None = None,
                path: str | None = None, message: str | None = None, suggestion: str | None = None,
                template: str | None = None) -> Finding:
        """The one way a `Finding` is made: this rule's report of `source[start:end]`.

        `values` fill the message and suggestion templates besides `{match}`; those the templates
        use stay on the finding (the cache stores them, `--redact` masks them). `severity` grades
        this one hit; `template` names another of the rule's messages (`own_message`: see
        `templates`), kept among the values as `TEMPLATE` so a rebuilt finding reads the same;
        `message` and `suggestion` replace the templates for reports written case by case
        (suppression directives).
        """
        match = source[start:end]
        given = values or {}
        template = template or given.get(TEMPLATE)
        values = {k: v for k, v in given.items() if k in self.template_fields}
        if template and template != "message" and template in self.templates:
            values[TEMPLATE] = template
        filled = {**values, "match": match}
        line, col = lines.position(start)
        end_line, end_col = lines.position(end)
        return Finding(
            code=self.code, category=self.category, severity=severity or self.severity,
            message=self.message_template(values).format_map(filled) if message is None else message, why=self.why,
            suggestion=(self.suggestion.format_map(filled) if self.suggestion else "") if suggestion is None
            else suggestion,
            start=start, end=end, line=line, col=col, end_line=end_line, end_col=end_col, match=match,
            path=path, values=values,
        )

    @functools.cached_property
    def templates(self) -> dict[str, str]:
        """`message` and the kind's other messages (its options named `*_message`: `own_message`
        for the author's own data, `unverified_message` for a value that fails its checksum)."""
        extra = {k: v for k, v in self.options.items() if k.endswith("_message") and isinstance(v, str)}
        return {"message": self.message, **extra}

    def message_template(self, values: Mapping[str, str]) -> str:
        """The message template a finding with these `values` was written with."""
        return self.templates.get(values.get(TEMPLATE, "message"), self.message)

    @functools.cached_property
    def template_fields(self) -> frozenset[str]:
        """The `{names}` its messages and suggestion use, besides `{match}` (checked at load)."""
        parsed = [part for text in (*self.templates.values(), self.suggestion) for part in string.Formatter().parse(text)]
        return frozenset(name for _, name, _, _ in parsed if name and name != "match")

    @property
    def location(self) -> str:
        return f"{self.mark.path}:{self.mark.line}" if self.mark else self.pack
