"""`postlint scan`: every post of social-media exports, linted as a stream, findings written as
they come, then a summary (posts, posts with findings, per category, author and month).

Records come from `exports/`, are linted in this process (`Linter.lint_many`) or on a Dask
cluster (`dask.py`), in order, and go to a writer (`report.WRITERS`) one post at a time: the
memory used does not grow with the number of posts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .config import DEFAULT_MAX_BYTES
from .exports import BadRow, Fields, Notice, Progress, Record, find_inputs, input_size, parse_date, read_all
from .fileio import format_size
from .finding import Category, Finding, Severity
from .report.results import FileResult, display
from .sources import Unreadable

if TYPE_CHECKING:
    from .config import Config
    from .engine import Post
    from .images.reader import ImageText, PostImages
    from .packs import Rule
    from .report import Writer
    from .runner import Run

BAD_ROWS_SHOWN = 100  # bad rows reported one by one per file; the rest are counted
NO_AUTHOR = "(none)"
NO_MONTH = "(no date)"


class Linting(Protocol):
    """What lints the posts: in this process, or on a cluster. Findings come back in order."""

    def lint(self, posts: Iterable[Post]) -> Iterator[list[Finding]]: ...


@dataclass
class ScanSettings:
    """How records become posts."""

    fields: Fields = field(default_factory=Fields)
    input_format: str | None = None
    markup: str = "text"
    as_of: dt.date | None = None  # None: each post as of its own date, else today
    lang: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # a larger record is a bad row (config `max_bytes`)
    allow_outside_links: bool = False  # read exports reached through links out of the folder given


@dataclass
class Tally:
    posts: int = 0
    flagged: int = 0  # posts with findings
    findings: int = 0

    def add(self, findings: int) -> None:
        self.posts += 1
        self.flagged += 1 if findings else 0
        self.findings += findings

    def to_dict(self) -> dict[str, int]:
        return {"posts": self.posts, "posts_with_findings": self.flagged, "findings": self.findings}


@dataclass
class Summary:
    """What a scan found, in counts: per severity, category, author and month."""

    files: int = 0
    bad_rows: int = 0
    unreadable: int = 0
    total: Tally = field(default_factory=Tally)
    severities: Counter[str] = field(default_factory=Counter)
    categories: dict[str, Tally] = field(default_factory=dict)
    authors: dict[str, Tally] = field(default_factory=dict)
    months: dict[str, Tally] = field(default_factory=dict)

    def add(self, record: Record, findings: Sequence[Finding]) -> None:
        self.total.add(len(findings))
        self.severities.update(str(f.severity) for f in findings)
        by_category = Counter(str(f.category) for f in findings)
        for category, count in by_category.items():
            self.categories.setdefault(category, Tally()).add(count)
        self.authors.setdefault(record.author or NO_AUTHOR, Tally()).add(len(findings))
        self.months.setdefault(month_of(record.date), Tally()).add(len(findings))

    @property
    def worst(self) -> int:
        return max((Severity(s).rank for s, n in self.severities.items() if n), default=0)

    def to_dict(self) -> dict[str, Any]:
        categories = {str(c): self.categories[str(c)].to_dict() for c in Category if str(c) in self.categories}
        authors = sorted(self.authors.items(), key=lambda kv: (-kv[1].flagged, -kv[1].posts, kv[0]))
        return {
            **self.total.to_dict(),
            **{str(s): self.severities.get(str(s), 0) for s in Severity},
            "files": self.files, "bad_rows": self.bad_rows, "unreadable_files": self.unreadable,
            "by_category": {c: {"findings": t["findings"], "posts": t["posts"]} for c, t in categories.items()},
            "by_author": {a: t.to_dict() for a, t in authors},
            "by_month": {m: self.months[m].to_dict() for m in sorted(self.months)},
        }

    def render(self, *, top: int = 10) -> str:
        """A few lines for people (stderr)."""
        total = self.total
        share = f" ({100 * total.flagged / total.posts:.1f}%)" if total.posts else ""
        severities = ", ".join(_count(self.severities.get(str(s), 0), str(s)) for s in Severity)
        extra = [_count(self.bad_rows, "bad row") + " skipped"] if self.bad_rows else []
        if self.unreadable:
            extra.append(_count(self.unreadable, "input") + " not read whole")
        lines = [f"scanned {_count(total.posts, 'post')} from {_count(self.files, 'file')}: "
                 f"{total.flagged:,} with findings{share}; {_count(total.findings, 'finding')} ({severities})"
                 + "".join(f"; {e}" for e in extra)]
        if self.categories:
            lines.append("  by category: " + ", ".join(
                f"{c} {self.categories[str(c)].findings:,} in {_count(self.categories[str(c)].posts, 'post')}"
                for c in Category if str(c) in self.categories))
        authors = sorted(((a, t) for a, t in self.authors.items() if t.flagged),
                         key=lambda kv: (-kv[1].flagged, -kv[1].posts, kv[0]))
        months = sorted((m, t) for m, t in self.months.items() if t.flagged)  # the latest `top` are shown
        for title, rows, named in (("author", authors, set(self.authors) != {NO_AUTHOR}),
                                   ("month", months[::-1], set(self.months) != {NO_MONTH})):
            if rows and named:
                more = len(rows) - top
                lines.append(f"  by {title} (posts with findings/posts): "  # a name cannot start a line of its own
                             + ", ".join(f"{display(k)} {t.flagged:,}/{t.posts:,}" for k, t in rows[:top])
                             + (f", and {more:,} more" if more > 0 else ""))
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 or noun == 'info' else 's'}"


def month_of(date: str | None) -> str:
    parsed = parse_date(date)
    return f"{parsed.year:04d}-{parsed.month:02d}" if parsed else NO_MONTH


@dataclass
class ScanRun:
    summary: Summary
    failed: bool = False  # an input could not be read (whole)


@dataclass
class Count:
    """How far a scan is, in posts: `read` from the inputs, and `expected` in all (exact once every
    input is read; until then estimated from the share of its bytes read; None: unknown, stdin)."""

    read: int = 0
    expected: int | None = None


def scan(paths: Sequence[str], settings: ScanSettings, linting: Linting, writer: Writer, *,
         notify: Callable[[str, str], None], progress: Callable[[Count, Summary], None] | None = None,
         transform: Callable[[Record, list[Finding]], list[Finding]] | None = None,
         stdin: IO[bytes] | None = None, images: PostImages | None = None) -> ScanRun:
    """Lint every post under `paths`, writing each post's findings as soon as they are known.

    `notify(level, message)` hears about bad rows, unreadable files and which fields were read;
    `progress(posts read and expected, summary so far)` is called after every post, whose count of
    posts written never reaches the expected count before the last post; `transform` may change a
    post's findings before they are written (redaction). With `images` (`--images`), the findings
    in the images a post shows are the post's too (each names its image and region).
    """
    from .engine import Post

    summary = Summary()
    run = ScanRun(summary)
    read = Progress()
    count = Count()
    pending: deque[tuple[Record, list[tuple[str, ImageText]]]] = deque()
    bad_by_file: Counter[str] = Counter()
    today = dt.date.today()

    def posts() -> Iterator[Post]:
        seen_files: set[str] = set()
        for item in read_all(paths, settings.fields, input_format=settings.input_format, progress=read, stdin=stdin,
                             max_bytes=settings.max_bytes, allow_outside_links=settings.allow_outside_links):
            if isinstance(item, Record):
                if item.source not in seen_files:
                    seen_files.add(item.source)
                    summary.files += 1
                shown = images(item.text, item.source, settings.markup) if images is not None else []
                pending.append((item, shown))
                count.read += 1
                if read.total and read.done:  # a pool reads ahead of what is written: bytes would say 100% early
                    count.expected = max(count.read, round(count.read * read.total / read.done))
                as_of = settings.as_of or parse_date(item.date) or today
                yield Post(item.text, path=item.source, as_of=as_of, lang=settings.lang, markup=settings.markup)
                for path, image in shown:
                    yield Post(image.text, path=path, as_of=as_of, lang=settings.lang, markup="text")
            elif isinstance(item, BadRow):
                summary.bad_rows += 1
                bad_by_file[item.source] += 1
                if bad_by_file[item.source] <= BAD_ROWS_SHOWN:
                    notify("warning", str(item))
            elif isinstance(item, Unreadable):
                summary.unreadable += 1
                run.failed = run.failed or not item.skip
                notify("warning" if item.skip else "error", str(item))
            elif isinstance(item, Notice):
                notify("note", str(item))
        for source, bad in bad_by_file.items():
            if bad > BAD_ROWS_SHOWN:
                notify("warning", f"{source}: {bad - BAD_ROWS_SHOWN:,} more bad rows skipped (not shown)")
        count.expected = count.read

    linted = iter(linting.lint(posts()))
    for findings in linted:
        record, shown = pending.popleft()
        if transform is not None:
            findings = transform(record, findings)
        for path, image in shown:  # each image's findings, redacted against the image's own text
            found = image.locate(next(linted))
            findings = findings + (transform(replace(record, text=image.text, source=path), found)
                                   if transform is not None and found else found)
        summary.add(record, findings)
        writer.add(FileResult(record.source, findings, record.text), record)
        if progress is not None:
            progress(count, summary)
    return run


class InProcess:
    """Lints in this process with one `Linter` (`lint_many`, batched)."""

    def __init__(self, linter: Any) -> None:
        self.linter = linter

    def lint(self, posts: Iterable[Post]) -> Iterator[list[Finding]]:
        return self.linter.lint_many(posts)  # type: ignore[no-any-return]


class Redactor:
    """`--redact` for a scan: each post's `pii` and `confidential` spans are masked in its
    findings by the scan's `Run`, and the rule descriptions written at the end (SARIF) leave out
    the examples of those categories (a company pack's examples may quote its codenames)."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def __call__(self, record: Record, findings: list[Finding]) -> list[Finding]:
        if not findings:
            return findings
        return list(self.run.finish(FileResult(record.source, findings, record.text)).findings)


# Input below which a local pool of workers cannot pay for its start (the cluster, and the model
# loaded in every worker): 1 MB is about 3,500 tweet-length posts, some 15 s of one process.
POOL_MIN_BYTES = 1 << 20


def in_process_because(workers: int, inputs: Sequence[str]) -> str | None:
    """Why `--workers` would make this scan slower than one process, or None when it would not."""
    if workers < 2 or (os.cpu_count() or 1) < 2:
        cpus = os.cpu_count() or 1
        return f"{workers} worker{'s' if workers != 1 else ''} on {cpus} CPU{'s' if cpus != 1 else ''} cannot " \
               "beat one process"
    size = input_bytes(inputs)
    if size is not None and size < POOL_MIN_BYTES:
        return f"{format_size(size)} of posts is too little for {workers} workers to pay for their start " \
               f"(from {format_size(POOL_MIN_BYTES)})"
    return None


def input_bytes(inputs: Sequence[str]) -> int | None:
    """The bytes of posts under `inputs` (a gzipped file counts what it holds); None for stdin."""
    total = 0
    for path in find_inputs(inputs):
        if not isinstance(path, str):
            continue
        size = input_size(path)
        if size is None:
            return None
        if path.lower().endswith(".gz") and size >= 18:  # gzip's trailer: the size it holds, modulo 4 GB
            with suppress(OSError), open(path, "rb") as raw:
                raw.seek(-4, os.SEEK_END)
                size = max(size, int.from_bytes(raw.read(4), "little"))
        total += size
    return total


@contextmanager
def linting_for(config: Config, config_key: Path | None, *, lang: str | None, workers: int | None,
                cluster: str | None) -> Iterator[tuple[Linting, dict[str, Rule]]]:
    """What lints the posts (this process, a local Dask cluster of `workers`, or the scheduler at
    `cluster`) and the rules it applies, by code."""
    from .cache import default_cache_dir
    from .report.finish import known_rules, rules_in_force

    if workers is None and cluster is None:
        from .engine import Linter

        linter = Linter(config, lang=lang, cache_dir=default_cache_dir())
        yield InProcess(linter), known_rules(linter.rules)
        return
    from .dask import LinterSpec, OnCluster, cluster_client

    spec = LinterSpec.of(config_key if config_key is not None else {}, lang)
    rules = rules_in_force(config, default_cache_dir())
    with cluster_client(workers=workers, address=cluster) as client:
        yield OnCluster(client, spec), rules
