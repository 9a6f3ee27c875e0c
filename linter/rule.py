"""`Rule`: one validated rule of a pack, what it reports and why, and its kind's options.

Plain data: `packs.py` makes rules from YAML, `checks/` run them, findings name them by code.

A rule is one concept in every language: one code, and per language (a block keyed by the
language's code in the pack, e.g. `es:`) its own text and, where words differ, its own options
(terms, cue words, a pattern). `Rule.text(lang)` is what a rule says in a language (for `explain`,
the written policy, the review page); `Rule.in_language(lang)` is the rule as it runs on posts in
that language, and the findings it makes speak that language.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .finding import Category, Finding, Severity
from .languages import LANGUAGES

if TYPE_CHECKING:
    from .textmap import LineIndex
    from .yamlio import Mark


TEMPLATE = "template"  # the value naming which of a rule's messages a finding was written with


@dataclass(frozen=True)
class RuleText:
    """What a rule says in one language: its summary, reason, message template, fix and examples."""

    lang: str | None
    """The language this text is written in; None for the rule's own text, used in every language
    that has no block of its own (English, for the built-in packs)."""
    summary: str
    message: str
    why: str
    suggestion: str
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    replacement: str = ""
    tests_bad: tuple[str, ...] = ()
    """Further posts the rule must flag, run by the test suite with the sample company and never
    shown to readers (disguises, edge cases); `tests_good` the same for near misses."""
    tests_good: tuple[str, ...] = ()


@dataclass(frozen=True)
class Localized:
    """A rule's block for one language: its text there and its kind's options there (the rule's
    own options with the block's replacing theirs, validated as a whole)."""

    text: RuleText
    options: Mapping[str, Any]


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
    replacement: str = ""
    """What an editor's quick fix writes in place of a match (a documentation placeholder), or ""."""
    options: Mapping[str, Any] = field(default_factory=dict)
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    tests_bad: tuple[str, ...] = ()
    tests_good: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    languages: tuple[str, ...] = LANGUAGES
    enabled: bool = True
    pack: str = ""
    mark: Mark | None = field(default=None, compare=False)
    local: Mapping[str, Localized] = field(default_factory=dict)
    """Per language code, the rule's block for that language (text and options)."""
    lang: str | None = None
    """The post language this rule runs for (set by `in_language`); None for the rule as loaded."""

    def text(self, lang: str | None = None) -> RuleText:
        """What the rule says to readers of `lang`: its block for that language, else its own text.

        The one call for anything that shows a rule (`explain --lang`, the policy, the review page).
        """
        if lang is not None and lang in self.local:
            return self.local[lang].text
        return RuleText(None, self.summary, self.message, self.why, self.suggestion,
                        self.examples_bad, self.examples_good, self.replacement, self.tests_bad, self.tests_good)

    def in_language(self, lang: str) -> Rule:
        """The rule as it runs on posts in `lang`: that language's text and options (made once)."""
        variants: dict[str, Rule] = self.__dict__.setdefault("_variants", {})
        if lang not in variants:
            block = self.local.get(lang)
            text = self.text(lang)
            variants[lang] = replace(
                self, summary=text.summary, message=text.message, why=text.why, suggestion=text.suggestion,
                examples_bad=text.examples_bad, examples_good=text.examples_good, replacement=text.replacement,
                tests_bad=text.tests_bad, tests_good=text.tests_good,
                options=block.options if block else self.options, local={}, lang=lang)
        return variants[lang]

    def translated(self, lang: str) -> bool:
        """Whether the rule has its own text for `lang`."""
        return lang in self.local

    def finding(self, source: str, lines: LineIndex, start: int, end: int, *,
                values: Mapping[str, str] | None = None, severity: Severity | None = None,
                path: str | None = None, message: str | None = None, suggestion: str | None = None,
                template: str | None = None, in_path: tuple[int, int] | None = None) -> Finding:
        """The one way a `Finding` is made: this rule's report of `source[start:end]`.

        `values` fill the message and suggestion templates besides `{match}`; those the templates
        use stay on the finding (the cache stores them, `--redact` masks them). `severity` grades
        this one hit; `template` names another of the rule's messages (`own_message`: see
        `templates`), kept among the values as `TEMPLATE` so a rebuilt finding reads the same;
        `message` and `suggestion` replace the templates for reports written case by case
        (suppression directives). `in_path` reports `path[a:b]` (the file name) instead.
        """
        match = path[in_path[0]:in_path[1]] if in_path and path else source[start:end]
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
            path=path, values=values, in_path=in_path, lang=self.lang,
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
