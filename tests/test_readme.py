"""The README's first example is what the command really prints."""

from __future__ import annotations

import re

from conftest import ROOT


def test_the_first_example_shows_every_finding_the_command_prints(run, monkeypatch):
    monkeypatch.chdir(ROOT)  # the command names the draft relative to the checkout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"pip install \. && postlint (check [^\n`]+)", readme).group(1).split()
    shown = re.search(r"```text\n(.*?)```", readme, re.DOTALL).group(1)
    code, out, _ = run(*command, "--no-cache")
    assert code == 1
    assert out == shown
