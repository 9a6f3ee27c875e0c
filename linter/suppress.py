"""Inline suppressions: which findings a `<!-- postlint-disable ... -->` silences, and which cannot work.

The markup parser finds the directives (`markup.Directive`); this module applies them to a
document's findings, in source order:

- `postlint-disable CODE[,CODE] -- reason` silences those codes (or categories) from the end of the
  comment to the next `postlint-enable CODE` (or the end of the file);
- `postlint-disable-next-line CODE -- reason` silences them on the line after the comment;
- `postlint-disable-file CODE -- reason` silences them in the whole file, and
  `postlint-disable-file quoted -- reason` silences every finding inside the file's quoted blocks,
  `<!-- postlint-begin-quoted -->` ... `<!-- postlint-end-quoted -->`: text that quotes what the
  rules flag, such as the examples of the written policy (`postlint policy`), while the rest of
  the file is still checked.

A directive that cannot work is itself reported, so a reviewer sees it: one without a reason (it
silences nothing), one that names no rule or an unknown one, one that silenced nothing (like ruff's
unused `noqa`), an `enable` with no `disable` to end, and a quoted block that is not closed, nested
in another, or that no `disable-file quoted` lets through. Such a report is a finding with code
`<PREFIX>-DIRECTIVE` in the category of the rule it names (`PII-DIRECTIVE` for a directive about
`PII-EMAIL`), severity warning: see `DIRECTIVE_RULES`.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import regex

from .finding import Category, Finding, Severity
from .packs import retired_codes
from .rule import Rule

if TYPE_CHECKING:  # annotations only: `postlint rules` must not import the markup parsers
    from .document import Document
    from .markup import Directive

DISABLE, ENABLE, NEXT_LINE, DISABLE_FILE = "disable", "enable", "disable-next-line", "disable-file"
BEGIN_QUOTED, END_QUOTED, QUOTED = "begin-quoted", "end-quoted", "quoted"
DIRECTIVE_SEVERITY = Severity.WARNING
_EXAMPLE = "<!-- postlint-disable-next-line PII-EMAIL -- our public press address -->"
# What an editor writes where the reason goes: it silences nothing until the writer replaces it.
REASON_PLACEHOLDER = "<reason>"
_COMMENTS = {"markdown": "<!-- {} -->", "html": "<!-- {} -->", "mdx": "{{/* {} */}}", "text": "{}"}
_COMMENTS_BY_SUFFIX = {".rst": ".. {}"}


def suppression_comment(codes: Sequence[str], markup: str, path: str | None = None) -> str:
    """The comment (one line, no newline) that silences `codes` on the line after it, written in the
    post's markup, with `REASON_PLACEHOLDER` where the writer must say why."""
    suffix = path[path.rfind("."):].lower() if path and "." in path else ""
    template = _COMMENTS_BY_SUFFIX.get(suffix) or _COMMENTS.get(markup, _COMMENTS["text"])
    return template.format(f"postlint-{NEXT_LINE} {','.join(codes)} -- {REASON_PLACEHOLDER}")


def directive_code(category: Category) -> str:
    """The code that reports a directive about rules of `category`: `PII-DIRECTIVE`, `CONF-DIRECTIVE`, ..."""
    return f"{category.prefix}DIRECTIVE"


def _directive_rule(category: Category) -> Rule:
    return Rule(
        code=directive_code(category), category=category, severity=DIRECTIVE_SEVERITY,
        kind="directive", message=f"A postlint-disable/enable comment about {category} rules cannot work as written.",
        summary=f"A suppression comment for {category} rules that gives no reason, names an unknown rule, "
                "or silences nothing.",
        why="A suppression must say why the text is fine, so a reviewer can check the reasoning; one "
            "without a reason silences nothing. A suppression that names an unknown rule or silences "
            "nothing is a mistake or stale, and would hide the next real problem in that place.",
        suggestion="Name the rule codes or categories to silence and say why after two dashes: "
                   f"{_EXAMPLE}. Remove suppressions that silence nothing.",
        examples_bad=(f"<!-- postlint-disable-next-line {category} -->",),
        examples_good=(_EXAMPLE,),
        pack="built in (linter/suppress.py)",
    )


DIRECTIVE_RULES: dict[str, Rule] = {directive_code(c): _directive_rule(c) for c in Category}
_PREFIXES = {c.prefix: c for c in Category}


@functools.cache
def _builtin_codes() -> dict[str, Category]:
    from .packs import all_builtin_rules

    return {r.code: r.category for r in all_builtin_rules()}


@dataclass
class _Target:
    """One code or category named by a directive, and whether it silenced anything."""

    directive: Directive
    written: str
    key: str  # a rule code (upper case) or a category name (lower case)
    category: Category
    reasoned: bool
    used: bool = False
    start: int = 0  # the region it silences, in source offsets (disable) ...
    end: int = 0
    line: int = 0  # ... or the one line it silences (disable-next-line)

    def covers(self, finding: Finding) -> bool:
        if self.key not in (finding.code, str(finding.category)):
            return False
        if self.directive.action == NEXT_LINE:
            return finding.line == self.line
        return self.start <= finding.start < self.end


@dataclass
class _Quoted:
    """The file's quoted blocks and the `disable-file quoted` directives that let them through."""

    blocks: list[tuple[Directive, int, int]] = field(default_factory=list)  # (begin, start, end)
    begin: Directive | None = None  # the block open now
    allowed_by: list[Directive] = field(default_factory=list)  # reasoned `disable-file quoted`
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return bool(self.allowed_by) and any(start <= finding.start < end for _, start, end in self.blocks)


@dataclass
class _Pass:
    """The work of applying one document's directives: open regions and what to report."""

    document: Document
    targets: list[_Target] = field(default_factory=list)
    open: dict[str, list[_Target]] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    quoted: _Quoted = field(default_factory=_Quoted)


class Suppressor:
    """Applies a document's suppression directives to its findings, knowing the linter's rules."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        rules = list(rules)
        self._codes = {r.code: r.category for r in rules}
        self._active = {r.code for r in rules if r.enabled} | {str(r.category) for r in rules if r.enabled}

    def apply(self, document: Document, findings: Sequence[Finding],
              dedupe: Callable[[list[Finding]], list[Finding]]) -> list[Finding]:
        """The findings no directive silences, deduped by `dedupe`, plus reports of broken directives."""
        if not document.directives:
            return dedupe(list(findings))
        work = _Pass(document)
        for directive in sorted(document.directives, key=lambda d: d.start):
            self._read(work, directive)
        for targets in work.open.values():
            for target in targets:
                target.end = len(document.source)
        self._close_quoted(work)
        kept = []
        for finding in findings:
            covering = [t for t in work.targets if t.reasoned and t.covers(finding)]
            for target in covering:
                target.used = True
            if work.quoted.covers(finding):
                work.quoted.used = True
            elif not covering:
                kept.append(finding)
        for target in work.targets:
            if target.reasoned and not target.used and target.key in self._active:
                verb = f"postlint-{target.directive.action}"
                where = {NEXT_LINE: "on the next line", DISABLE_FILE: "in the file"}.get(
                    target.directive.action, "before its postlint-enable")
                self._report(work, target.directive, target.category,
                             f"{verb} {target.written} silenced nothing: there is no {target.written} finding {where}.",
                             "Remove the comment, or move it to the finding it was meant for.", target.written)
        for directive in work.quoted.allowed_by if not work.quoted.used else ():
            self._report(work, directive, Category.PII,
                         "postlint-disable-file quoted silenced nothing: no finding is inside a quoted block "
                         "(<!-- postlint-begin-quoted --> ... <!-- postlint-end-quoted -->).",
                         "Remove the comment, or mark the quoted text with those two comments.", QUOTED)
        return sorted(dedupe(kept) + work.problems, key=lambda f: (f.start, f.end, f.code))

    def _quoted_marker(self, work: _Pass, directive: Directive) -> None:
        """A `begin-quoted` or `end-quoted` comment: open or close a quoted block."""
        quoted = work.quoted
        if directive.action == BEGIN_QUOTED and quoted.begin is not None:
            self._report(work, directive, Category.PII,
                         "postlint-begin-quoted inside a quoted block that is still open: it is ignored.",
                         "End the first block with <!-- postlint-end-quoted --> before beginning another.")
        elif directive.action == BEGIN_QUOTED:
            quoted.begin = directive
        elif quoted.begin is None:
            self._report(work, directive, Category.PII,
                         "postlint-end-quoted ends nothing: no postlint-begin-quoted is open before it.",
                         "Remove it, or add <!-- postlint-begin-quoted --> before the quoted text.")
        else:
            quoted.blocks.append((quoted.begin, quoted.begin.end, directive.start))
            quoted.begin = None

    def _close_quoted(self, work: _Pass) -> None:
        """Report a block never closed (it silences nothing: the rest of the file stays checked),
        and blocks no reasoned `disable-file quoted` lets through."""
        quoted = work.quoted
        if quoted.begin is not None:
            self._report(work, quoted.begin, Category.PII,
                         "postlint-begin-quoted has no postlint-end-quoted after it, so it silences nothing.",
                         "End the quoted text with <!-- postlint-end-quoted -->.")
        if quoted.blocks and not quoted.allowed_by:
            self._report(work, quoted.blocks[0][0], Category.PII,
                         "postlint-begin-quoted silences nothing: no postlint-disable-file quoted in the file "
                         "says why its quoted blocks may hold what the rules flag.",
                         "Add <!-- postlint-disable-file quoted -- reason --> at the top of the file.")

    def _read(self, work: _Pass, directive: Directive) -> None:
        name = f"postlint-{directive.action}"
        placeholder = directive.reason.strip() == REASON_PLACEHOLDER
        reasoned = bool(directive.reason.strip()) and not placeholder
        if directive.action in (BEGIN_QUOTED, END_QUOTED):
            self._quoted_marker(work, directive)
            return
        if directive.action == DISABLE_FILE and any(t.strip().lower() == QUOTED for t in directive.targets):
            if reasoned:
                work.quoted.allowed_by.append(directive)
            else:
                self._report(work, directive, Category.PII, f"{name} {QUOTED} gives no reason, so it silences nothing.",
                             f"Say why the quoted text may hold what the rules flag: <!-- {name} {QUOTED} -- reason -->.")
            directive = replace(directive, targets=tuple(t for t in directive.targets if t.strip().lower() != QUOTED))
            if not any(t.strip() for t in directive.targets):
                return
        if not any(t.strip() for t in directive.targets):
            if directive.action == ENABLE:  # a bare enable ends every open region
                for targets in work.open.values():
                    for target in targets:
                        target.end = directive.start
                work.open.clear()
                return
            self._report(work, directive, Category.PII,
                         f"{name} names no rule, so it silences nothing.",
                         f"Name the codes or categories it silences: {_EXAMPLE}.")
            return
        resolved = []
        for written in (t.strip() for t in directive.targets if t.strip()):
            found = self._resolve(written)
            if isinstance(found, str):
                category = self._nearest_category(written)
                self._report(work, directive, category,
                             f"{name} names '{written}', which is no rule code or category{found}.",
                             "Use a code from `postlint rules` or a category: " + ", ".join(map(str, Category)) + ".",
                             written)
            else:
                resolved.append((written, *found))
        if directive.action == ENABLE:
            for written, key, category in resolved:
                if work.open.get(key):
                    for target in work.open.pop(key):
                        target.end = directive.start
                else:
                    self._report(work, directive, category,
                                 f"{name} {written} ends nothing: no postlint-disable {written} is open before it.",
                                 f"Remove it, or add <!-- postlint-disable {written} -- reason --> above the text.",
                                 written)
            return
        if not reasoned:
            categories = dict.fromkeys(category for _, _, category in resolved)
            for category in categories:
                codes = ",".join(w for w, _, c in resolved if c == category)
                self._report(work, directive, category,
                             f"{name} {codes} still says {REASON_PLACEHOLDER} where its reason goes, so it "
                             "silences nothing." if placeholder else f"{name} {codes} gives no reason, so it silences nothing.",
                             f"Say why the text is fine after two dashes: <!-- {name} {codes} -- reason -->.")
        line = self._line_after(work.document, directive)
        for written, key, category in resolved:
            start, end = (0, len(work.document.source)) if directive.action == DISABLE_FILE else (directive.end, 0)
            target = _Target(directive, written, key, category, reasoned, start=start, end=end, line=line)
            work.targets.append(target)
            if directive.action == DISABLE:
                work.open.setdefault(key, []).append(target)

    def _resolve(self, written: str) -> tuple[str, Category] | str:
        """(key, category) of a code or category name, or a hint why it is unknown."""
        name = written.strip()
        if name.lower() in {str(c) for c in Category}:
            return name.lower(), Category(name.lower())
        code = name.upper()
        if code in self._codes:
            return code, self._codes[code]
        if code in DIRECTIVE_RULES:
            return " (directive reports cannot be silenced)"
        if name.lower() == QUOTED:
            return f" (quoted blocks are let through by postlint-{DISABLE_FILE} {QUOTED})"
        if code in _builtin_codes():
            return code, _builtin_codes()[code]
        if code in retired_codes():
            return f" ({retired_codes()[code].describe()})"
        close = difflib.get_close_matches(code, [*self._codes, *_builtin_codes()], n=1)
        return f" (did you mean {close[0]}?)" if close else ""

    def _nearest_category(self, written: str) -> Category:
        """The category an unknown name most likely meant: by its prefix, else by the closest code."""
        code = written.strip().upper()
        for prefix, category in _PREFIXES.items():
            if code.startswith(prefix):
                return category
        known = {**_builtin_codes(), **self._codes}
        close = difflib.get_close_matches(code, list(known), n=1, cutoff=0.0)
        return known[close[0]] if close else Category.PII

    @staticmethod
    def _line_after(document: Document, directive: Directive) -> int:
        last = max(directive.end - 1, directive.start)
        return document.position(last)[0] + 1

    @staticmethod
    def _report(work: _Pass, directive: Directive, category: Category, message: str, suggestion: str,
                written: str | None = None) -> None:
        """A finding at the directive (at the name it is about, when given)."""
        document = work.document
        start, end = directive.start, directive.end
        if written:
            comment = document.source[directive.start:directive.end]
            found = regex.search(rf"(?<![\w-]){regex.escape(written.strip())}(?![\w-])", comment, regex.IGNORECASE)
            if found:
                start, end = directive.start + found.start(), directive.start + found.end()
        rule = DIRECTIVE_RULES[directive_code(category)]
        work.problems.append(rule.finding(document.source, document.lines, start, end, path=document.path,
                                          message=message, suggestion=suggestion))
