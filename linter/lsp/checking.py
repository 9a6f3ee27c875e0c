"""What the language server does with a draft, apart from the protocol: check it as `check` would.

One `runner.Checker` holds every config met so far (found upward from each document, exactly as
`postlint check` finds it) and the `Linter` of each (`engine.Linters`), so the models load once per
server. Drafts are checked in memory: nothing is written for them, no findings cache, nothing
logged. A changed config or rule pack (`reload`) drops the configs; the models stay loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..markup import MARKUP_BY_SUFFIX, markup_for
from ..runner import Checker, Job, Run, RunOptions
from ..sources import Configs

if TYPE_CHECKING:
    from ..config import Config
    from ..finding import Finding
    from ..rule import Rule

# The client's language ids this server checks, as the suffix that gives their markup (a
# document whose file name has no suffix `check` reads, such as an untitled draft).
SUFFIX_BY_LANGUAGE_ID = {"markdown": ".md", "mdx": ".mdx", "html": ".html", "plaintext": ".txt",
                         "text": ".txt", "restructuredtext": ".rst"}
# Warm-up posts: read once per language right after start, so the first draft finds everything loaded.
WARM_UP = {"en": "Thanks to everyone who came to the meetup last week.",
           "es": "Gracias a todos los que vinieron al encuentro de la semana pasada."}


@dataclass(frozen=True)
class Checked:
    """One version of a document as checked: its findings (as reported) and the policy they follow."""

    text: str
    path: str  # the path the findings report, which decided the markup and the config
    findings: list[Finding]
    rules: Mapping[str, Rule] = field(default_factory=dict)  # every rule a finding may name
    config: Config | None = None
    skipped: str = ""  # why the document was not checked (excluded, too large), else ""

    @property
    def markup(self) -> str:
        return markup_for(self.path)


def checked_path(fs_path: str | None, language_id: str | None, root: Path | None) -> str | None:
    """The path a document is checked as: its own when `check` reads its suffix, else one named by
    its language id (in its folder, or the workspace's for an untitled draft); None: not a post."""
    suffix = SUFFIX_BY_LANGUAGE_ID.get(language_id or "")
    if fs_path and Path(fs_path).suffix.lower() in MARKUP_BY_SUFFIX:
        return fs_path
    if suffix is None:
        return None
    folder = Path(fs_path).parent if fs_path else (root or Path.cwd())
    name = Path(fs_path).stem if fs_path else "untitled"
    return str(folder / f"{name or 'untitled'}{suffix}")


class Drafts:
    """Checks documents under the policy `check` would apply to them, models loaded once."""

    def __init__(self, config_path: Path | None = None, cache_dir: Path | None = None) -> None:
        self.config_path = config_path
        self.cache_dir = cache_dir  # the rules' own work (phrase lemmas); never findings of drafts
        self.checker = self._checker()

    def _checker(self) -> Checker:
        return Checker(Configs(self.config_path), cache_dir=self.cache_dir, keep_findings=False)

    def reload(self) -> None:
        """Read the configs and rule packs again (the loaded models are kept)."""
        self.checker = self._checker()

    def config_for(self, path: str) -> Config:
        return self.checker.policy(path).config

    def check(self, path: str, text: str) -> Checked:
        """The findings of `text` as if it were the file at `path`; config errors raise."""
        from ..fileio import format_size
        from ..report import FileResult

        checker = self.checker
        policy = checker.policy(path)
        reason = checker.configs.excluded(Path(path), False)
        if reason:
            return Checked(text, path, [], policy.known_rules, policy.config, skipped=f"{reason}; not checked")
        if len(text.encode("utf-8", "surrogatepass")) > policy.config.max_bytes:
            return Checked(text, path, [], policy.known_rules, policy.config, skipped=(
                f"larger than max_bytes ({format_size(policy.config.max_bytes)}); not checked"))
        checker.as_of = dt.date.today()  # a server outlives a day: embargoes end at midnight
        [findings] = checker.check([Job(path, text)])
        run = Run(rules=policy.known_rules, redact=policy.config.redact, options=RunOptions(self.config_path))
        findings = list(run.finish(FileResult(path, findings, text)).findings)
        return Checked(text, path, findings, policy.known_rules, policy.config)

    def warm_up(self, path: str, languages: tuple[str, ...]) -> None:
        """Load what checking a post at `path` in each of `languages` needs (models, rules, NER)."""
        from ..engine import Post

        linter = self.checker.linter(self.checker.policy(path))
        for lang in languages:
            if lang in WARM_UP:
                list(linter.lint_documents([linter.document(Post(WARM_UP[lang], path=path, lang=lang))]))
        linter.preload()

    def languages_to_warm(self, path: str) -> tuple[str, ...]:
        """The config's default language first, then the others `lang: auto` may meet."""
        config = self.config_for(path)
        first = config.lang if config.lang in WARM_UP else config.default_lang
        return (first, *(lang for lang in WARM_UP if lang != first and config.lang not in WARM_UP))
