"""Exit statuses and the errors a user can fix (config, rule packs, usage)."""

from __future__ import annotations

import enum
import os
import traceback
from dataclasses import dataclass


class ExitCode(enum.IntEnum):
    """The process exit statuses of `postlint` (documented in docs/cli.md)."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a user's file, with the place it stands and a hint to fix it."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InternalError(RuntimeError):
    """A bug in postlint whose message never quotes a post or a config value (it names kinds of
    things only): the one-line report of an internal error prints it, unlike any other message."""


class PostlintError(Exception):
    """An error the user can fix; the CLI prints it and exits with `exit_code`."""

    exit_code = ExitCode.USAGE


class ConfigError(PostlintError):
    """A config file or rule pack is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], *, partial: object = None) -> None:
        self.problems = problems
        self.partial = partial  # a config's valid part, when its own problems were found first
        super().__init__("\n".join(str(p) for p in problems))


class ModelNotInstalled(PostlintError):
    def __init__(self, model: str, command: str | None) -> None:
        install = command or f"install the spaCy package '{model}'"
        super().__init__(
            f"the spaCy model '{model}' is not installed; postlint never downloads models. "
            f"Fix: {install}"
        )


def where(exc: BaseException) -> str:
    """The innermost place in postlint's own code an exception passed: `module.py:LINE` (what an
    internal error may name: never its message, which could quote a post)."""
    place = "?"
    for frame, line in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if f"{os.sep}linter{os.sep}" in filename:
            place = f"{filename.rsplit(os.sep + 'linter' + os.sep, 1)[1]}:{line}"
    return place
