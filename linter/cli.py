"""The `postlint` command: a thin click layer over the library.

Importing this module must not import spaCy: `--help`, `rules` and `explain` stay instant.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NoReturn

import click

from . import __version__
from .config import Config, load_config, resolve_config
from .errors import ConfigError, ExitCode, PostlintError
from .finding import Severity
from .languages import LANGUAGES
from .report import FORMATS
from .schema import DATE_HINT, parse_date

if TYPE_CHECKING:
    from .runner import Run

log = logging.getLogger("postlint")


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"postlint: {record.levelname.lower()}: {record.getMessage()}", err=True)


def _setup_logging() -> None:
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        log.addHandler(_StderrHandler())
    log.setLevel(logging.INFO)
    log.propagate = False


def _fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    click.echo(f"postlint: error: {message}", err=True)
    sys.exit(code)


def _as_of(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; {DATE_HINT}") from None


def _config_for(config_path: str | None, near: Path | None = None) -> Config:
    if config_path:
        return load_config(Path(config_path))
    return resolve_config(None, near)


config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="Policy file (default: postlint.yaml or .postlint.yaml found upward).")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="postlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check posts against the company's social-media policy before they are published."""
    ctx.obj = {"debug": debug}
    _setup_logging()


def _notify(level: str, message: str) -> None:
    click.echo(f"postlint: {level}: {message}", err=True)


def _read_stdin(paths: Sequence[str]) -> bytes | None:
    return sys.stdin.buffer.read() if "-" in paths else None


def _post_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `baseline` share: which posts, under which policy, as of when."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        config_option,
        click.option("--as-of", callback=_as_of, metavar="YYYY-MM-DD",
                     help="Date embargoes and codename launch dates are judged at (default: today)."),
        click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the posts (default: from config, en)."),
        click.option("--stdin-filename", metavar="NAME",
                     help="Name to use for '-' (decides markup and config, e.g. post.md)."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
                     help="Check files in N processes (0: one per CPU)."),
        click.option("--no-cache", is_flag=True, help="Check every file again; read and write no cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="Where findings of unchanged files are kept "
                          "(default: $POSTLINT_CACHE_DIR, else the user cache folder)."),
    ]):
        command = option(command)
    return command


def _lint(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
          stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None) -> Run:
    """`lint_paths` with the shared options as given on the command line."""
    from .cache import default_cache_dir
    from .runner import lint_paths

    return lint_paths(paths, notify=_notify, config_path=Path(config_path) if config_path else None,
                      as_of=as_of, lang=lang, stdin=_read_stdin(paths), stdin_filename=stdin_filename,
                      jobs=jobs or os.cpu_count() or 1,
                      cache_dir=None if no_cache else Path(cache_dir) if cache_dir else default_cache_dir())


@cli.command()
@_post_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, sarif for code scanning, github for Actions annotations.")
@click.option("--fail-on", type=click.Choice([str(s) for s in Severity]), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings this baseline does not record (see `postlint baseline`).")
@click.option("--redact", is_flag=True, default=False,
              help="Mask what pii and confidential findings matched, in every format (also config report.redact).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR).")
def check(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
          stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None, fmt: str, fail_on: str,
          baseline_path: str | None, redact: bool, color: bool | None) -> None:
    """Check files, folders (recursively) or '-' (stdin) and report every violation."""
    from .baseline import Baseline
    from .report import reporter
    from .report.redact import redact as redact_results

    baseline = Baseline.load(Path(baseline_path)) if baseline_path else None
    run = _lint(paths, config_path, as_of, lang, stdin_filename, jobs, no_cache, cache_dir)
    results, rules = baseline.filter(run.results) if baseline else run.results, run.rules
    if redact or run.redact:
        results, rules = redact_results(results, rules)
    colour = color if color is not None else (sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    click.echo(reporter(fmt)(results, colour=colour, rules=rules), nl=False, color=colour)
    if run.failed:
        sys.exit(ExitCode.USAGE)
    worst = max((f.severity.rank for r in results for f in r.findings), default=0)
    sys.exit(ExitCode.FINDINGS if worst >= Severity(fail_on).rank else ExitCode.OK)


@cli.command(name="baseline")
@_post_options
@click.option("-o", "--output", default=".postlint-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
def baseline_command(paths: Sequence[str], config_path: str | None, as_of: dt.date | None, lang: str | None,
                     stdin_filename: str | None, jobs: int, no_cache: bool, cache_dir: str | None,
                     output: str) -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""
    from .baseline import Baseline

    run = _lint(paths, config_path, as_of, lang, stdin_filename, jobs, no_cache, cache_dir)
    if run.failed:
        _fail(f"some inputs could not be read, so {output} was not written")
    target = Path(output)
    salt = None
    if target.exists():
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


@cli.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_command(files: tuple[str, ...], config_path: str | None, fmt: str) -> None:
    """Score the linter on labelled posts (JSONL: id, text, expect, as_of, lang).

    FILES are evaluation files or folders of them (every *.jsonl inside); with several, each file's
    figures are shown too. Post ids must be unique across all of them.
    """
    import json

    from .engine import Linter
    from .evaluate import evaluate, read_many, render_text

    posts = read_many(Path(f) for f in files)
    report = evaluate(Linter(_config_for(config_path, Path(files[0]).resolve())), posts)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(report), nl=False)


@cli.command()
@config_option
@click.option("--all", "show_all", is_flag=True, help="Also list rules the config turns off.")
def rules(config_path: str | None, show_all: bool) -> None:
    """List every rule: code, category, severity and summary."""
    from .packs import load_rules
    from .suppress import DIRECTIVE_RULES

    listed = [r for r in [*load_rules(_config_for(config_path)), *DIRECTIVE_RULES.values()] if r.enabled or show_all]
    width = max((len(r.code) for r in listed), default=10)
    for rule in listed:
        state = "" if rule.enabled else "  (off)"
        click.echo(f"{rule.code:<{width}}  {rule.category:<12}  {rule.severity:<7}  {rule.summary}{state}")


@cli.command()
@click.argument("code")
@config_option
def explain(code: str, config_path: str | None) -> None:
    """Print a rule's full documentation: why, message, suggestion, examples."""
    from .checks import KINDS
    from .packs import load_rules, retired_codes
    from .suppress import DIRECTIVE_RULES

    known = {**{r.code: r for r in load_rules(_config_for(config_path))}, **DIRECTIVE_RULES}
    rule = known.get(code.upper())
    if rule is None and code.upper() in retired_codes():
        _fail(retired_codes()[code.upper()].describe())
    if rule is None:
        close = difflib.get_close_matches(code.upper(), known, n=3)
        _fail(f"no rule '{code}'" + (f"; did you mean {', '.join(close)}?" if close else "; see `postlint rules`"))
    wrap = lambda text: "\n".join("  " + line for line in click.wrap_text(text, 96).splitlines())  # noqa: E731
    out = [f"{rule.code} ({rule.category}, {rule.severity}){'' if rule.enabled else ' [off]'}",
           f"  {rule.summary}", "", "Why", wrap(rule.why), "", "Message", f"  {rule.message}"]
    for name, template in rule.templates.items():
        if name != "message":
            out += [f"  {name.replace('_message', '').replace('_', ' ')}: {template}"]
    if rule.suggestion:
        out += ["", "Instead", wrap(rule.suggestion)]
    if rule.kind in KINDS:
        out += ["", "How it is found", wrap(f"{rule.kind}: {KINDS[rule.kind].doc}")]
        out += [wrap(line) for line in KINDS[rule.kind].describe(rule.options)]
    if rule.examples_bad or rule.examples_good:
        out += ["", "Examples"]
        out += [f"  bad:  {e}" for e in rule.examples_bad] + [f"  good: {e}" for e in rule.examples_good]
    if rule.references:
        out += ["", "References"] + [f"  {r}" for r in rule.references]
    out += ["", f"Defined in {rule.location}"]
    click.echo("\n".join(out))


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
        click.echo("postlint: error: invalid configuration or rule pack", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
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
        click.echo(f"postlint: internal error: {type(exc).__name__}: {exc} "
                   "(rerun with --debug for the traceback, and please report it)", err=True)
        sys.exit(ExitCode.INTERNAL)
