"""A progress bar on stderr (rich), shown only when stderr is a terminal and `--quiet` is not given.

Output on stdout is never touched: when stdout is the same terminal, what is printed there goes
above the bar; when it is a file or a pipe, it is written to it as it is. Messages written to
stderr while the bar is shown go above it too.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any


class Bar:
    """`with Bar(...) as bar: bar.update(done, total, status)`; does nothing when not shown."""

    def __init__(self, description: str, *, quiet: bool = False, unit: str = "") -> None:
        self.shown = not quiet and _stderr_is_terminal()
        self.description, self.unit = description, unit
        self._progress: Any = None
        self._task: Any = None
        self._started = time.monotonic()

    def __enter__(self) -> Bar:
        if self.shown:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = Console(stderr=True, highlight=False)
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("eta"),
                TimeRemainingColumn(), console=console, transient=True, refresh_per_second=4,
                redirect_stdout=sys.stdout.isatty(), redirect_stderr=True)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=None, status="")
        return self

    def update(self, done: float, total: float | None = None, status: str = "") -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total, status=status)

    def rate(self, count: int) -> str:
        """`count` per second since the bar started, for the status text."""
        elapsed = time.monotonic() - self._started
        return f"{count / elapsed:,.0f}/s" if elapsed > 1 else ""

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False
