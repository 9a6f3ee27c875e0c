"""`postlint train` in a real pseudo-terminal: the questions, the answers, the summary, nothing kept.

The session runs as its own process on a pty (the standard library's `pty`, no extra package), the
way an employee runs it; the test builds the same session in-process (same config, language and
seed) to know which posts are fine, answers some wrong on purpose, and reads what the terminal says.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.config import load_config
from linter.packs import load_rules
from linter.training import TEXTS, build_session

from conftest import ROOT

OTHER_CONFIG = ROOT / "tests" / "policy" / "other-company.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal:
    """A process on a pseudo-terminal: `expect` what it prints, `send` what a person types."""

    def __init__(self, args: list[str], home: Path, env: dict[str, str] | None = None) -> None:
        primary, secondary = pty.openpty()
        folders = {name: home / name for name in ("home", "cache", "tmp", "cwd")}
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        environment = {**os.environ, "HOME": str(folders["home"]), "XDG_CACHE_HOME": str(folders["cache"]),
                       "TMPDIR": str(folders["tmp"]), "POSTLINT_CACHE_DIR": str(folders["cache"] / "postlint"),
                       "COLUMNS": "100", "TERM": "xterm", **(env or {})}
        self.process = subprocess.Popen([sys.executable, "-m", "linter", *args], stdin=secondary, stdout=secondary,
                                        stderr=secondary, cwd=folders["cwd"], env=environment, close_fds=True,
                                        start_new_session=True)
        os.close(secondary)
        self.fd = primary
        self.seen = ""  # everything printed so far (line ends as \n)
        self.cursor = 0

    def expect(self, pattern: str, timeout: float = 120) -> re.Match[str]:
        """Wait until `pattern` (a regex) appears after the last match; return the match."""
        deadline = time.monotonic() + timeout
        compiled = re.compile(pattern)
        while True:
            found = compiled.search(self.seen, self.cursor)
            if found:
                self.cursor = found.end()
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {pattern!r}; the terminal showed:\n{self.seen[-3000:]}")
            ready, _, _ = select.select([self.fd], [], [], min(left, 1))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the process ended and closed the terminal
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    raise AssertionError(f"the process ended waiting for {pattern!r}:\n{self.seen[-3000:]}")
                self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")

    def send(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def close(self) -> int:
        try:
            code = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            os.close(self.fd)
        return code


def session(lang: str, seed: int):
    config = load_config(OTHER_CONFIG)
    return build_session(config, load_rules(config), lang, seed=seed)


def enabled_categories(lang: str) -> set[str]:
    config = load_config(OTHER_CONFIG)
    return {str(r.category) for r in load_rules(config) if r.enabled and lang in r.languages}


@pytest.mark.parametrize(("lang", "yes", "no"), [("en", "y", "n"), ("es", "s", "no")])
def test_a_session_in_a_terminal_covers_every_category_and_says_what_to_review(tmp_path, lang, yes, no):
    texts = TEXTS[lang]
    expected = session(lang, seed=11)
    assert {str(c) for c in expected.categories} == enabled_categories(lang)  # every category in force
    # answer every post right, except those of two categories, which we get wrong on purpose
    wrong = {expected.questions[0].category, expected.questions[1].category}
    terminal = Terminal(["train", "--config", str(OTHER_CONFIG), "--lang", lang, "--seed", "11"], tmp_path,
                        {"NO_COLOR": "1"})
    try:
        terminal.expect(re.escape(texts.title.format(company="Borealis Labs")))
        terminal.expect(re.escape(texts.privacy))
        for number, question in enumerate(expected.questions, 1):
            terminal.expect(re.escape(texts.question.format(number=number, count=len(expected.questions))))
            shown = terminal.expect(r"\n  (.+?)\n(?:  .+\n)*?" + re.escape(texts.prompt.rstrip()))
            assert " ".join(shown.group(0).split()[:-len(texts.prompt.split())]).startswith(
                " ".join(expected.quoted(question.post).split())[:40])
            right = question.category not in wrong
            terminal.send(yes if question.publish == right else no)
            terminal.expect(re.escape("\u2713 " + texts.right if right else "\u2717 " + texts.wrong))
            if question.publish:
                terminal.expect(re.escape(texts.fine))
            else:
                terminal.expect(re.escape(texts.breaks.format(code=question.code, summary="")[:-2]))
                terminal.expect(re.escape(f"{texts.why}: ") + re.escape(question.why.split()[0]))
        terminal.expect(re.escape(texts.summary_heading))
        count = len(expected.questions)
        right_answers = sum(q.category not in wrong for q in expected.questions)
        terminal.expect(re.escape(texts.score.format(right=right_answers, count=count)))
        start = terminal.cursor
        terminal.expect(re.escape(texts.privacy.split()[0]))
        named = " ".join(terminal.seen[start:terminal.cursor].split())
        assert named.startswith(texts.review.split("{")[0].strip())
        for category in expected.categories:
            assert (expected.category_name(category) in named) == (category in wrong)
    finally:
        code = terminal.close()
    assert code == 0
    assert ANSI.search(terminal.seen) is None  # NO_COLOR is honoured
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []  # nothing about the person is stored: no file in home, cache, temp or here


def test_a_misunderstood_answer_is_asked_again_and_quitting_still_gives_the_summary(tmp_path):
    texts = TEXTS["en"]
    expected = session("en", seed=5)
    terminal = Terminal(["train", "--config", str(OTHER_CONFIG), "--lang", "en", "--seed", "5"], tmp_path)
    try:
        terminal.expect(re.escape(texts.prompt.rstrip()))
        terminal.send("maybe")
        terminal.expect(re.escape(texts.not_understood))
        terminal.send("y" if expected.questions[0].publish else "n")
        terminal.expect(re.escape(texts.right))
        terminal.expect(re.escape(texts.prompt.rstrip()))
        terminal.send("q")
        terminal.expect(re.escape(texts.stopped.format(answered=1, count=len(expected.questions))))
        terminal.expect(re.escape(texts.score.format(right=1, count=1)))
        terminal.expect(re.escape(texts.all_right))
    finally:
        code = terminal.close()
    assert code == 0
    assert "\x1b[" in terminal.seen  # colour on a terminal, unless NO_COLOR


def test_ctrl_d_ends_the_session_cleanly(tmp_path):
    texts = TEXTS["en"]
    terminal = Terminal(["train", "--config", str(OTHER_CONFIG), "--seed", "2"], tmp_path, {"NO_COLOR": "1"})
    try:
        terminal.expect(re.escape(texts.prompt.rstrip()))
        os.write(terminal.fd, b"\x04")
        terminal.expect(re.escape(texts.stopped.format(answered=0, count=12)))
    finally:
        code = terminal.close()
    assert code == 0 and "Traceback" not in terminal.seen
