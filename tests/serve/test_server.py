"""`postlint serve` refuses unsafe or impossible settings at once, before the model loads."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.parametrize("args, message", [
    (["--host", "0.0.0.0"], "--host 0.0.0.0 lets other machines send drafts here; give --token"),
    (["--host", "192.0.2.10"], "give --token (or set POSTLINT_TOKEN)"),
    (["--host", "reviews.corp.example"], "give --token"),
    (["--token", "two words"], "--token must be printable ASCII without spaces"),
    (["--token", ""], "--token must be printable ASCII without spaces"),
    (["--max-bytes", "0"], "--max-bytes must be at least 1"),
])
def test_unsafe_settings_are_refused(run, args, message):
    code, _, err = run("serve", *args)
    assert code == 2 and message in err


def test_max_bytes_takes_sizes_a_person_writes(run):
    code, _, err = run("serve", "--max-bytes", "five megabytes")
    assert code == 2 and "'five megabytes' is not a size" in err
    from linter.cli.serving import _ByteSize

    size = _ByteSize()
    assert [size.convert(v, None, None) for v in ("1048576", "512k", "5M", "5MiB", "2kb")] == \
           [1 << 20, 512 << 10, 5 << 20, 5 << 20, 2048]


def test_the_token_may_come_from_the_environment(run, monkeypatch):
    monkeypatch.setenv("POSTLINT_TOKEN", "bad token")
    code, _, err = run("serve", "--host", "0.0.0.0")
    assert code == 2 and "--token must be printable ASCII" in err


def test_a_port_in_use_is_a_clear_error(run):
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        code, _, err = run("serve", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert code == 2 and "cannot listen on 127.0.0.1:" in err and "choose another --port" in err


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("example.com", False), ("localhost.example", False),
])
def test_which_hosts_are_this_machine_only(host, loopback):
    from linter.serve.guard import is_loopback

    assert is_loopback(host) is loopback


def test_the_cli_does_not_import_the_web_stack():
    import subprocess
    import sys

    probe = ("import sys; from linter.cli import main\ntry: main(['serve', '--help'])\nexcept SystemExit: pass\n"
             "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'spacy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]")
    assert "--max-bytes" in result.stdout and "POSTLINT_TOKEN" in result.stdout
