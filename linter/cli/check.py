"""`postlint check` and `postlint baseline`: the posts of files and folders, under their policy."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode, PostlintError
from ..finding import Severity
from ..languages import AUTO, LANGUAGES
from ..report import WRITERS
from ..report.results import shown_configs
from ..runner import RunOptions
from .common import (as_of_date, config_option, echo, fail, images_option, log, notify, outside_links_option,
                     outside_packs_option, output_option, quiet_option, stdin_bytes)

if TYPE_CHECKING:
    from ..report import FileResult
    from ..runner import Run


def post_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `baseline` share (which posts, under which policy, as of when),
    given to the command as one `RunOptions` (`options`)."""
    @functools.wraps(command)
    def with_options(*args: Any, config_path: str | None, as_of: dt.date | None, lang: str | None,
                     stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None,
                     allow_outside_packs: bool, allow_outside_links: bool, images: bool, **kwargs: Any) -> None:
        from ..cache import default_cache_dir

        options = RunOptions(
            config_path=Path(config_path) if config_path else None, as_of=as_of, lang=lang,
            stdin_filename=stdin_filename, jobs=jobs or os.cpu_count() or 1,
            cache_dir=None if no_cache else Path(cache_dir) if cache_dir else default_cache_dir(),
            allow_outside_packs=allow_outside_packs, allow_outside_links=allow_outside_links, images=images)
        command(*args, options=options, **kwargs)

    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        config_option,
        click.option("--as-of", callback=as_of_date, metavar="YYYY-MM-DD",
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
        with_options = option(with_options)
    return with_options


def run_checks(paths: Sequence[str], options: RunOptions, *, quiet: bool,
               on_result: Callable[[int, FileResult, Run], None] | None = None) -> Run:
    """`run_paths` with a progress bar on stderr (a terminal) while more than one file is checked."""
    from ..progress import Bar
    from ..runner import run_paths

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

        return run_paths(paths, options, notify=notify, stdin=stdin_bytes(paths), on_start=started,
                         on_result=finished)


@click.command()
@post_options
@output_option
@click.option("--format", "fmt", type=click.Choice(list(WRITERS["check"])), default="text", show_default=True,
              help=", ".join(f"{f.name} for {f.doc}" for f in WRITERS["check"].values()) + ".")
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
def check(paths: Sequence[str], options: RunOptions, quiet: bool, fmt: str, fail_on: str, baseline_path: str | None,
          redact: bool, color: bool | None, sort_files: bool, show_config: bool, brief: bool, verbose: bool) -> None:
    """Check files, folders (recursively) or '-' (stdin) and report every violation."""
    from ..report import check_writer

    if show_config:
        from ..showconfig import show_config as describe

        echo(describe(paths, config_path=options.config_path, stdin_filename=options.stdin_filename,
                      allow_outside_packs=options.allow_outside_packs))
        sys.exit(ExitCode.OK)
    options = replace(options, fail_on=Severity(fail_on), redact=redact,
                      baseline=Path(baseline_path) if baseline_path else None)
    colour = color if color is not None else (sys.stdout is not None and sys.stdout.isatty()
                                               and not os.environ.get("NO_COLOR"))
    writer = check_writer(fmt, functools.partial(echo, colour=colour), colour=colour, verbose=verbose,
                          brief_below=Severity(fail_on) if brief else None)
    in_order = sort_files or not writer.streams
    done: dict[int, FileResult] = {}  # by discovery index, until the files before them are written
    ready = [0]  # the next index to write, in path order

    def write_file(index: int, result: FileResult, _: Run) -> None:
        if not in_order:
            writer.add(result)
            return
        done[index] = result
        while ready[0] in done:
            writer.add(done.pop(ready[0]))
            ready[0] += 1

    run = run_checks(paths, options, quiet=quiet, on_result=write_file)
    writer.close(rules=run.reported_rules, configs=shown_configs(run.configs))
    sys.exit(run.exit_status)


@click.command(name="baseline")
@post_options
@click.option("-o", "--output", default=".postlint-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
def baseline_command(paths: Sequence[str], options: RunOptions, quiet: bool, output: str) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from ..baseline import Baseline

    target = Path(output)
    if target.exists() and not target.is_file() and not target.is_char_device():
        fail(f"cannot write {output}: not a regular file")
    run = run_checks(paths, options, quiet=quiet)
    if run.failed:
        fail(f"some inputs could not be read, so {output} was not written")
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
        fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"postlint: recorded {len(recorded.entries)} finding{'s' if len(recorded.entries) != 1 else ''} "
               f"in {len(run.results)} file{'s' if len(run.results) != 1 else ''} to {output}", err=True)
