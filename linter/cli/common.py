"""What every command shares: messages on stderr, the report on stdout (or `-o FILE`), and the
options several commands take."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

import click

from ..config import Config
from ..errors import ExitCode
from ..report.results import display
from ..schema import DATE_HINT, parse_date

log = logging.getLogger("postlint")


def say(message: str) -> None:
    """One line on stderr, written through `sys.stderr` as it is now (a progress bar, while it is
    shown, puts such lines above itself); a closed or broken stderr loses the line, not the run."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(message, file=sys.stderr, flush=True)


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        say(f"postlint: {record.levelname.lower()}: {display(record.getMessage())}")


def setup_logging() -> None:
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        log.addHandler(_StderrHandler())
    log.setLevel(logging.INFO)
    log.propagate = False


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    say(f"postlint: error: {message}")
    sys.exit(code)


def notify(level: str, message: str) -> None:
    say(f"postlint: {level}: {display(message)}")


def as_of_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; {DATE_HINT}") from None


def config_for(config_path: str | None, near: Path | None = None, allow_outside_packs: bool = False) -> Config:
    """The config `--config` names, else the one `check` finds for the files in `near` (a folder, or
    a file's folder; default: the working directory)."""
    from ..fileio import resolved
    from ..sources import Configs

    configs = Configs(allow_outside_packs=allow_outside_packs)
    if config_path:  # loaded as named, so its errors show the path as typed
        return configs.get(Path(config_path))
    start = near or Path.cwd()
    return configs.get(configs.config_in(resolved(start if start.is_dir() else start.parent)))


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


def stdin_bytes(paths: Sequence[str]) -> BinaryIO | None:
    """Standard input as bytes, read later up to the config's `max_bytes` (None when closed)."""
    if "-" not in paths or sys.stdin is None:
        return None
    return getattr(sys.stdin, "buffer", None)


_REPORT: list[list[str]] = []  # with -o FILE: the report so far, written whole when the command ends


def echo(text: str, *, colour: bool = False) -> None:
    """Write the report to standard output (or, with -o, to its file); a closed or full one is an
    error (exit 2), never a report lost in silence."""
    if _REPORT:
        _REPORT[-1].append(click.unstyle(text))
        return
    if sys.stdout is None:
        fail("cannot write the report: standard output is closed")
    try:
        click.echo(text, nl=False, color=colour)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        fail(f"cannot write the report: {getattr(exc, 'strerror', None) or exc}")


def output_option(command: Callable[..., None]) -> Callable[..., None]:
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
    from ..fileio import write_atomically

    if not report:
        return  # stopped before reporting anything (a usage error): leave FILE as it was
    try:
        write_atomically(Path(output), "".join(report), strict=True)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
