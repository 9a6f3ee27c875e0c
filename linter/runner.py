"""Checking many paths at once: discover the files, one `Linter` per config, findings per file.

Both `postlint check` and `postlint baseline` run through `lint_paths`; the models load once per
distinct config (and are shared between linters of one process).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .report import FileResult
from .sources import Configs, Unreadable, discover, read
from .suppress import DIRECTIVE_RULES

if TYPE_CHECKING:
    from .engine import Linter
    from .packs import Rule

# Called with ("warning" | "error", message) for what the user should know that is not a finding.
Notify = Callable[[str, str], None]


@dataclass
class Run:
    """What checking a set of paths produced."""

    results: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=lambda: dict(DIRECTIVE_RULES))
    redact: bool = False  # some config in play asks for `report.redact`
    failed: bool = False  # an input could not be read


def lint_paths(paths: Sequence[str], *, notify: Notify, config_path: Path | None = None,
               as_of: dt.date | None = None, lang: str | None = None, stdin: bytes | None = None,
               stdin_filename: str | None = None) -> Run:
    """Lint every file under `paths` (`-` reads `stdin`, parsed and reported as `stdin_filename`)."""
    from .engine import Linter

    configs = Configs(config_path)
    linters: dict[Path | None, Linter] = {}
    run = Run()
    for item in discover(paths, excluded=configs.excluded):
        if isinstance(item, Unreadable):
            notify("warning" if item.skip else "error", str(item))
            run.failed = run.failed or not item.skip
            continue
        try:
            source = read(item, stdin)
        except Unreadable as exc:
            notify("warning" if exc.skip else "error", str(exc))
            run.failed = run.failed or not exc.skip
            continue
        for warning in source.warnings:
            notify("warning", f"{item}: {warning}")
        shown = stdin_filename if item == "-" and stdin_filename else item
        key = configs.key_for(shown)
        if key not in linters:
            linters[key] = linter = Linter(configs.get(key), lang=lang)
            run.rules.update({r.code: r for r in linter.rules})
            run.redact = run.redact or linter.config.redact
        findings = linters[key].lint(source.text, path=shown, as_of=as_of)
        run.results.append(FileResult(shown, findings, source.text))
    return run
