"""Finishing results before they are reported, the same for `check`, `scan`, `serve` and `lsp`:
the rules in force, the findings a baseline records left out, `pii`/`confidential` spans masked
under redaction, and the exit status by `--fail-on`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from ..errors import ExitCode
from ..finding import Severity
from .results import FileResult

if TYPE_CHECKING:
    from pathlib import Path

    from ..config import Config
    from ..rule import Rule


def known_rules(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Every rule a finding may name, by code: the packs' rules in their order, then the built-in
    directive rules. A pack's rule keeps its code: the policy in force decides what a code means."""
    from ..suppress import DIRECTIVE_RULES

    known = {rule.code: rule for rule in rules}
    return {**known, **{code: rule for code, rule in DIRECTIVE_RULES.items() if code not in known}}


def rules_in_force(config: Config, cache_dir: Path | None = None) -> dict[str, Rule]:
    """The rules of `config`'s packs (enabled or not) and the directive rules, by code."""
    from ..packs import load_rules

    return known_rules(load_rules(config, cache_dir))


def finish(result: FileResult, rules: Mapping[str, Rule], *, redact: bool,
           keep_new: Callable[[FileResult], FileResult] | None = None) -> FileResult:
    """A result as reported: without the findings a baseline records (`keep_new`), its `pii` and
    `confidential` spans masked when `redact` (the rules' templates rebuild masked messages)."""
    if keep_new is not None:
        result = keep_new(result)
    if redact:
        from .redact import redact as redact_results

        (result,), _ = redact_results([result], rules)
    return result


def reported_rules(rules: Mapping[str, Rule], *, redact: bool) -> dict[str, Rule]:
    """The rules an output describes (SARIF): under redaction, without the examples of `pii` and
    `confidential` rules (a company's pack may quote its codenames there)."""
    if not redact:
        return dict(rules)
    from .redact import redact as redact_results

    return redact_results([], rules)[1]


def exit_status(worst: int, fail_on: Severity, *, failed: bool = False) -> ExitCode:
    """2 when an input could not be read, else 1 when the worst finding's rank reaches `fail_on`."""
    if failed:
        return ExitCode.USAGE
    return ExitCode.FINDINGS if worst >= fail_on.rank else ExitCode.OK


def worst_rank(results: Iterable[FileResult]) -> int:
    return max((f.severity.rank for r in results for f in r.findings), default=0)
