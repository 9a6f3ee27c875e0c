"""The `postlint` command: a thin click layer over the library, one module per group of commands.

Importing this package must not import spaCy: `--help`, `rules` and `explain` stay instant. Each
command's module is imported when that command runs (a check imports no scan, serve or lsp code).
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Sequence

import click

from .. import __version__
from ..config import Config
from ..errors import ConfigError, ExitCode, InternalError, PostlintError, Problem, where
from ..report.results import display
from .common import fail, say, setup_logging

# Each command: the module (in this package) and the name it is defined under there.
COMMANDS = {
    "check": ("check", "check"),
    "baseline": ("check", "baseline_command"),
    "scan": ("scan", "scan"),
    "serve": ("serving", "serve_command"),
    "lsp": ("serving", "lsp_command"),
    "rules": ("rules", "rules"),
    "explain": ("rules", "explain"),
    "eval": ("rules", "eval_command"),
    "policy": ("documents", "policy_command"),
    "train": ("documents", "train_command"),
    "strip-metadata": ("models", "strip_metadata_command"),
    "models": ("models", "models_group"),
}


class _Commands(click.Group):
    """The commands of `COMMANDS`, each imported from its module when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="postlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check posts against the company's social-media policy before they are published."""
    ctx.obj = {"debug": debug}
    setup_logging()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: user errors exit 2 with their message; anything unexpected exits 3."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="postlint", standalone_mode=False)
        sys.exit(ExitCode.OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        fail("aborted", ExitCode.USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except ConfigError as exc:
        say("postlint: error: invalid configuration or rule pack")
        for problem in sorted(_every_problem(exc), key=lambda p: (p.path, p.line, p.col)):
            say(f"  {display(str(problem))}")
        sys.exit(ExitCode.USAGE)
    except PostlintError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", ExitCode.USAGE)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 3
        if debug:
            traceback.print_exc()
        # never str(exc): it may quote a post (a KeyError of a matched word, a value in a message)
        detail = f": {exc}" if isinstance(exc, InternalError) else ""
        say(f"postlint: internal error: {type(exc).__name__} at {where(exc)}{detail} "
            "(rerun with --debug for the traceback, and please report it)")
        sys.exit(ExitCode.INTERNAL)


def _every_problem(exc: ConfigError) -> list[Problem]:
    """A config's problems and, when its valid part is known, those of its packs and overrides."""
    problems = list(exc.problems)
    if isinstance(exc.partial, Config):
        from ..packs import rule_problems

        try:
            problems += [p for p in rule_problems(exc.partial) if p not in problems]
        except ConfigError as more:
            problems += more.problems
    return problems
