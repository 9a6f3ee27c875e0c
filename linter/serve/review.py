"""What the server does with a draft, apart from HTTP: validate it, lint it, lay it out for the page.

One `Linter` is loaded when the server starts and is used by one worker thread, so requests that
arrive together are checked one after another while the event loop keeps answering (the `Linter`
is not thread-safe). Nothing here writes a draft anywhere: it lives in memory for one request.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import difflib
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import LANGUAGES, Config
from ..finding import Finding, Severity
from ..languages import AUTO  # the language the library decides (the config's, or detected per post)
from ..report import FileResult, Summary, reporter
from ..report.finish import known_rules
from ..report.results import shown_configs

if TYPE_CHECKING:
    from ..engine import Linter
    from ..rule import Rule

STDIN_PATH = "-"  # what `check -` reports, and what a draft without a path is reported as
MAX_WAITING = 32  # drafts queued behind the one being checked; more get "busy" (HTTP 503)
LINT_FIELDS = {"text", "path", "lang", "as_of", "redact"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadDraft(ValueError):
    """A request that cannot be checked as sent; the message says what to change."""

    def __init__(self, message: str, key: str = "error.form", **values: str) -> None:
        super().__init__(message)
        self.key = key  # the strings.py message the review page shows for it, with `values`
        self.values = values


class Busy(RuntimeError):
    """Too many drafts are waiting to be checked."""


@dataclass(frozen=True)
class Draft:
    """One text to check: `path` is reported and decides the markup; `lang` None means auto."""

    text: str
    as_of: dt.date
    path: str = STDIN_PATH
    lang: str | None = None
    redact: bool = False


@dataclass(frozen=True)
class Review:
    """A checked draft: its findings as reported (masked under redaction) and the language used."""

    draft: Draft
    result: FileResult
    lang: str
    config: Path | None = None  # the config it was checked under (None: the built-in defaults)

    @property
    def findings(self) -> Sequence[Finding]:
        return self.result.findings

    @property
    def summary(self) -> Summary:
        return Summary.of([self.result])

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def json(self) -> str:
        """Exactly what `postlint check --format json` prints for this draft."""
        return reporter("json")([self.result], configs=shown_configs([self.config]))


def parse_date(value: Any) -> dt.date:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise BadDraft("'as_of' must be a date written as YYYY-MM-DD", "error.date")


def parse_lang(value: Any) -> str | None:
    """None for auto (the library decides); else one of the supported languages."""
    if value in (None, "", AUTO):
        return None
    if value in LANGUAGES:
        return str(value)
    raise BadDraft(f"'lang' must be one of {', '.join((AUTO, *LANGUAGES))}", "error.lang")


def _plain_string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise BadDraft(f"'{what}' must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadDraft(f"'{what}' is not valid Unicode (a lone surrogate at offset {exc.start})") from None
    return value


def draft_from_json(data: Any) -> Draft:
    """The draft an `/api/lint` body describes: `{"text", "path"?, "lang"?, "as_of"?, "redact"?}`."""
    if not isinstance(data, dict):
        raise BadDraft('the body must be a JSON object such as {"text": "..."}')
    unknown = sorted(set(data) - LINT_FIELDS)
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), LINT_FIELDS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(LINT_FIELDS))})"
        raise BadDraft(f"unknown key '{str(unknown[0])[:40]}'{hint}")
    if "text" not in data:
        raise BadDraft("'text' is required: the draft to check")
    redact = data.get("redact", False)
    if not isinstance(redact, bool):
        raise BadDraft("'redact' must be true or false")
    path = _plain_string(data["path"], "path") if data.get("path") is not None else ""
    return Draft(
        text=_plain_string(data["text"], "text"),
        path=path or STDIN_PATH,
        lang=parse_lang(data.get("lang")),
        as_of=parse_date(data["as_of"]) if data.get("as_of") is not None else dt.date.today(),
        redact=redact,
    )


class Reviewer:
    """The server's one `Linter`, loaded at start and used by one worker thread at a time."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self.rules: dict[str, Rule] = known_rules(linter.rules)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postlint-lint")
        self._waiting = 0
        self._waiting_lock = threading.Lock()

    @classmethod
    def load(cls, config: Config, *, cache_dir: str | Path | None = None) -> Reviewer:
        """Load the policy's `Linter` now, with what it would load on the first draft (NER)."""
        from ..engine import Linter

        linter = Linter(config, cache_dir=cache_dir)
        linter.preload()
        return cls(linter)

    async def review(self, draft: Draft) -> Review:
        """Check `draft` on the worker thread; raise `Busy` when too many drafts are queued."""
        with self._waiting_lock:
            if self._waiting > MAX_WAITING:
                raise Busy("too many drafts are waiting to be checked; try again shortly")
            self._waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._worker, self.review_now, draft)
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def review_now(self, draft: Draft) -> Review:
        """Check `draft` in this thread (the worker's; tests call it directly, never concurrently)."""
        from ..engine import Post
        from ..runner import Run, RunOptions

        document = self.linter.document(Post(draft.text, path=draft.path, as_of=draft.as_of, lang=draft.lang))
        [(document, findings)] = self.linter.lint_documents([document])
        run = Run(rules=self.rules, redact=self.linter.config.redact,
                  options=RunOptions(self.linter.config.path, draft.as_of, draft.lang, redact=draft.redact))
        result = run.finish(FileResult(draft.path, findings, draft.text))
        return Review(draft, result, document.lang, self.linter.config.path)

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def rule_entry(rule: Rule) -> dict[str, Any]:
    """A rule as `/api/rules` lists it: what `postlint rules` and `postlint explain` show."""
    return {
        "code": rule.code, "category": str(rule.category), "severity": str(rule.severity),
        "enabled": rule.enabled, "summary": rule.summary, "message": rule.message, "why": rule.why,
        "suggestion": rule.suggestion, "kind": rule.kind, "languages": list(rule.languages),
        "examples": {"bad": list(rule.examples_bad), "good": list(rule.examples_good)},
    }


@dataclass(frozen=True)
class Segment:
    """A stretch of the draft as the page shows it.

    `numbers` are the (1-based) findings that cover it, `severity` the worst of them (None for
    plain text), and `refs` the findings that end right after it, whose numbered links follow it.
    """

    text: str
    numbers: tuple[int, ...] = ()
    severity: str | None = None
    refs: tuple[int, ...] = ()


def highlight(source: str, findings: Sequence[Finding]) -> list[Segment]:
    """`source` cut where findings start and end, so each finding is marked in place.

    Findings of different categories may overlap; a stretch covered by several carries all their
    numbers and the colour of the most severe. One sweep over the boundaries: linear in the text.
    """
    spans = [(min(max(f.start, 0), len(source)), min(max(f.end, f.start, 0), len(source))) for f in findings]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(spans, start=1):
        starts.setdefault(start, []).append(number)
        ends.setdefault(end, []).append(number)
    cuts = sorted({0, len(source), *starts, *ends})
    active: dict[int, Severity] = {}
    segments: list[Segment] = []
    for i, here in enumerate(cuts):
        closing = tuple(ends.get(here, ()))  # an empty finding starts and ends here: link only
        for number in closing:
            active.pop(number, None)
        if closing:
            _attach_refs(segments, closing)
        for number in starts.get(here, ()):
            if spans[number - 1][1] > here:
                active[number] = findings[number - 1].severity
        if i + 1 < len(cuts):
            worst = max(active.values(), key=lambda s: s.rank) if active else None
            segments.append(Segment(source[here:cuts[i + 1]], tuple(sorted(active)),
                                    str(worst) if worst else None))
    return segments


def _attach_refs(segments: list[Segment], numbers: tuple[int, ...]) -> None:
    if segments:
        last = segments[-1]
        segments[-1] = Segment(last.text, last.numbers, last.severity, last.refs + numbers)
    else:
        segments.append(Segment("", refs=numbers))
