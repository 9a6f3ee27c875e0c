"""Progress on stderr when it is a terminal, never on stdout, never when --quiet or not a terminal;
text findings are printed per file, in path order (or as each is done with --no-sort)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from conftest import AS_OF, CORPUS_CONFIG, ROOT

POSTS = {
    "a.md": "Reach Jane at jane.roe@gmail.com today.\n",
    "b.md": "We shipped faster builds this week.\n",
    "c.md": "Falcon ships soon, and these idiots will love it.\n",
}


def on_a_terminal(args, cwd, tmp_path):
    """Run postlint with stderr on a pseudo-terminal: (exit status, stdout, what the terminal got)."""
    main, secondary = pty.openpty()
    out_file = tmp_path / "stdout.txt"
    with out_file.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "linter", *map(str, args)], stdout=out, stderr=secondary,
                                   stdin=subprocess.DEVNULL, cwd=cwd,
                                   env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "120"})
        os.close(secondary)
        screen = b""
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not data:
                break
            screen += data
        status = process.wait(timeout=300)
    os.close(main)
    return status, out_file.read_text(encoding="utf-8"), screen.decode("utf-8", "replace")


def folder(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    for name, text in POSTS.items():
        (posts / name).write_text(text, encoding="utf-8")
    return posts


@pytest.mark.slow
def test_check_shows_progress_on_a_terminal_and_keeps_stdout_clean(tmp_path):
    posts = folder(tmp_path)
    status, out, screen = on_a_terminal(["check", "--no-cache", "--config", CORPUS_CONFIG, "--as-of", AS_OF, posts],
                                        tmp_path, tmp_path)
    assert status == 1
    assert "Checking" in screen and "3/3" in screen
    assert "Checking" not in out and "\x1b[" not in out
    assert "PII-EMAIL" in out and out.rstrip().endswith("3 files checked: 2 errors, 1 warning, 0 info")


@pytest.mark.slow
def test_scan_progress_and_quiet(tmp_path):
    export = tmp_path / "posts.csv"
    export.write_text("id,text\n" + "".join(f'{i},"{t.strip()}"\n' for i, t in enumerate(POSTS.values())),
                      encoding="utf-8")
    status, out, screen = on_a_terminal(["scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, export], tmp_path,
                                        tmp_path)
    assert status == 1 and "Scanning" in screen and "scanned 3 posts" in screen
    assert len(out.splitlines()) == 3
    status, out, screen = on_a_terminal(["scan", "--quiet", "--config", CORPUS_CONFIG, "--as-of", AS_OF, export],
                                        tmp_path, tmp_path)
    assert status == 1 and "Scanning" not in screen and "scanned" not in screen and len(out.splitlines()) == 3


def test_no_progress_when_stderr_is_not_a_terminal(run, tmp_path):
    code, out, err = run("check", "--no-cache", "--config", CORPUS_CONFIG, "--as-of", AS_OF, folder(tmp_path))
    assert code == 1 and "Checking" not in err and "Checking" not in out


def test_text_output_per_file_and_sorted(run, tmp_path):
    posts = folder(tmp_path)
    args = ["check", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--jobs", "2", posts]
    _, streamed, _ = run(*args, "--no-sort")
    _, ordered, _ = run(*args)  # from the cache this time: same findings
    _, json_out, _ = run("check", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "json", posts)

    def blocks(text):
        return sorted(b for b in text.split("\n\n") if b.strip())

    assert blocks(streamed) == blocks(ordered)
    heads = [line.split(":")[0] for line in ordered.splitlines() if line.startswith(str(posts))]
    assert heads == sorted(heads)  # path order
    import json

    assert [f["path"] for f in json.loads(json_out)["findings"]] == heads
    assert ordered.splitlines()[-1] == streamed.splitlines()[-1] == "3 files checked: 2 errors, 1 warning, 0 info"
