"""`postlint scan`: every post of social-media exports, findings written as posts are done."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..exports import READERS
from ..finding import Severity
from ..report import WRITERS
from ..languages import AUTO, LANGUAGES
from .common import (as_of_date, config_option, fail, images_option, notify, outside_links_option, quiet_option,
                     say)

if TYPE_CHECKING:
    from ..config import Config
    from ..images.reader import PostImages


def _one_of(names: list[str], last: str = " or ") -> str:
    return f"{', '.join(names[:-1])}{last}{names[-1]}"


def _workers(_: click.Context, __: click.Parameter, value: int | None) -> int | None:
    return (os.cpu_count() or 1) if value == 0 else value


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--text-field", metavar="F", help="Field holding the post's text (default: the first of text, "
              "full_text, ShareCommentary, body, content, message, ...). Dotted names reach into objects.")
@click.option("--id-field", metavar="F", help="Field holding the post's id (default: id_str, id, post_id, ...; "
              "else FILE:LINE).")
@click.option("--author-field", metavar="F", help="Field holding the author (default: author, username, "
              "screen_name, user, ...).")
@click.option("--date-field", metavar="F", help="Field holding the date (default: created_at, date, published, "
              "timestamp, ...).")
@click.option("--url-field", metavar="F", help="Field holding the post's URL (default: url, permalink, ShareLink, ...).")
@click.option("--input-format", type=click.Choice(list(READERS)), metavar="FORMAT",
              help=f"Read every input as {_one_of([r.label for r in READERS.values()])}; "
                   "default: by file name, else by its first character.")
@click.option("--markup", type=click.Choice(["text", "markdown", "html"]), default="text", show_default=True,
              help="How the posts' text is written.")
@click.option("--format", "fmt", type=click.Choice(list(WRITERS["scan"])), default="jsonl", show_default=True,
              help=f"Output: {_one_of([f.doc for f in WRITERS['scan'].values()], ', or ')}.")
@click.option("--per", type=click.Choice(["post", "finding"]), default="post", show_default=True,
              help="One record per post (with its findings) or one per finding (sarif: always per finding).")
@click.option("--skip-clean", is_flag=True, help="Leave out posts that have no findings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the records to FILE (default: standard output).")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Also write the summary (counts per severity, category, author and month) to FILE as JSON.")
@click.option("--workers", type=click.IntRange(min=0), callback=_workers, metavar="N",
              help="Lint on a local Dask cluster of N processes (0: one per CPU; needs postlint[dask]).")
@click.option("--cluster", metavar="tcp://HOST:PORT",
              help="Lint on the running Dask scheduler at this address (its workers need the same postlint, "
                   "model and config).")
@config_option
@click.option("--as-of", callback=as_of_date, metavar="YYYY-MM-DD",
              help="Judge every post's embargoes at this date (default: each post at its own date, else today).")
@click.option("--lang", type=click.Choice([AUTO, *LANGUAGES]),
              help="Language of the posts: auto reads each post's own (default: the config's lang, auto).")
@click.option("--fail-on", type=click.Choice([str(s) for s in Severity]), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--redact", is_flag=True, default=False,
              help="Mask what pii and confidential findings matched (also config report.redact).")
@images_option
@quiet_option
@outside_links_option
def scan(inputs: Sequence[str], text_field: str | None, id_field: str | None, author_field: str | None,
         date_field: str | None, url_field: str | None, input_format: str | None, markup: str, fmt: str, per: str,
         skip_clean: bool, output: str | None, summary_path: str | None, workers: int | None, cluster: str | None,
         config_path: str | None, as_of: dt.date | None, lang: str | None, fail_on: str, redact: bool,
         images: bool, quiet: bool, allow_outside_links: bool) -> None:
    """Check every post of social-media exports: JSONL, CSV, JSON arrays, X archives (tweets.js),
    folders of them, or '-' (JSON Lines on stdin). Findings are written as posts are done; a
    summary follows on stderr."""
    import json

    from ..exports import Fields
    from ..progress import Bar
    from ..report import scan_writer
    from ..runner import Run, RunOptions
    from ..scan import Redactor, ScanSettings, in_process_because, linting_for
    from ..scan import scan as run_scan
    from ..sources import Configs

    if workers is not None and cluster is not None:
        raise click.UsageError("give --workers or --cluster, not both")
    if workers is not None and (because := in_process_because(workers, inputs)):
        _notify_unless(quiet)("note", f"{because}: linting in this process")
        workers = None
    options = RunOptions(config_path=Path(config_path) if config_path else None, as_of=as_of, lang=lang,
                         images=images, allow_outside_links=allow_outside_links, fail_on=Severity(fail_on),
                         redact=redact)
    configs = Configs(options.config_path)
    key = configs.key_for("-")
    config = configs.get(key)
    settings = ScanSettings(Fields(text_field, id_field, author_field, date_field, url_field), input_format,
                            markup, as_of, lang, config.max_bytes, allow_outside_links)
    with _Output(output) as out, Bar("Scanning", quiet=quiet) as bar:
        bar.update(0, None, "loading the model" if cluster is None else f"connecting to {cluster}")
        with linting_for(config, key, lang=lang, workers=workers, cluster=cluster) as (linting, rules):
            run = Run(rules=rules, redact=config.redact, options=options)
            redactor = Redactor(run) if run.redacting else None
            records = scan_writer(fmt, out.stream, per=per, skip_clean=skip_clean)

            def progress(count: Any, summary: Any) -> None:
                total, rate = summary.total, bar.rate(summary.total.posts)
                bar.update(total.posts, count.expected, f"{total.posts:,} posts{f' ({rate})' if rate else ''}, "
                                                        f"{total.findings:,} finding{'s' if total.findings != 1 else ''}")

            result = run_scan(inputs, settings, linting, records, notify=_notify_unless(quiet), progress=progress,
                              transform=redactor, images=_post_images(config, lang, notify) if images else None)
        summary = result.summary.to_dict()
        records.close(rules=run.reported_rules, summary=summary)
    if summary_path:
        try:
            Path(summary_path).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {summary_path}: {exc.strerror or exc}")
    if not quiet:
        say(result.summary.render())
    run.failed = result.failed
    sys.exit(run.status(result.summary.worst))


def _post_images(config: Config, lang: str | None, notify: Callable[[str, str], None]) -> PostImages:
    """What reads the images scanned posts show (`--images`), under the scan's one config."""
    from ..cache import default_cache_dir
    from ..images.reader import ImageReader, PostImages

    lang = lang or config.lang
    return PostImages(ImageReader(notify=notify, cache_dir=default_cache_dir()),
                      languages=[lang] if lang in LANGUAGES else list(LANGUAGES),
                      public_places=config.company.public_places)


def _notify_unless(quiet: bool) -> Callable[[str, str], None]:
    """Warnings and errors always; notes (which fields were read) only when not quiet."""
    def notify_(level: str, message: str) -> None:
        if level != "note" or not quiet:
            notify(level, message)
    return notify_


class _Output:
    """Where scan writes: a file (opened at once, so a bad path fails before any work), or stdout
    looked up at each write (so a progress bar on the same terminal stays below it)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.stream: Any = self
        if path is not None:
            try:
                self.stream = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                fail(f"cannot write {path}: {exc.strerror or exc}")

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, *_: object) -> None:
        if self.stream is not self:
            self.stream.close()
