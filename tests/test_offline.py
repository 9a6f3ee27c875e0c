"""The CLI makes no connection attempt in any command (not even DNS)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import CORPUS_CONFIG, ROOT

GUARD = textwrap.dedent("""\
    import os, socket
    _log = os.environ["POSTLINT_NET_LOG"]
    def _refuse(*args, **kwargs):
        with open(_log, "a") as handle:
            handle.write(repr(args[:2]) + "\\n")
        raise OSError("network disabled by the test")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
    """)


@pytest.fixture
def offline_env(tmp_path):
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "net.log"
    log.write_text("")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard_dir), str(ROOT)]),
           "POSTLINT_NET_LOG": str(log), "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", None)
    env.pop("TLDEXTRACT_CACHE", None)
    return env, log


@pytest.mark.slow
def test_no_command_tries_the_network(offline_env, tmp_path):
    env, log = offline_env
    post = tmp_path / "post.md"
    # the last line loads DER-OFFENSIVE's encoder (onnxruntime, tokenizers) from the installed package
    post.write_text("Mail jane@gmail.com or visit https://shop.example.org, Falcon ships.\n\n"
                    "@USER she is a lying hag and should shut her mouth.\n")
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "a", "text": "mail bob@gmail.com", "expect": [{"category": "pii", "match": "bob@gmail.com"}]}\n')
    commands = [
        ["--help"], ["rules"], ["explain", "PII-EMAIL"],
        ["check", str(post), "--config", str(CORPUS_CONFIG)],
        ["check", str(post), "--format", "json"],
        ["eval", str(posts)],
    ]
    for args in commands:
        result = subprocess.run([sys.executable, "-m", "linter", *args], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert log.read_text() == "", f"postlint {' '.join(args)} tried to connect: {log.read_text()}"
        if args[:2] == ["check", str(post)] and "--format" in args:
            assert "DER-OFFENSIVE" in result.stdout
    assert not (tmp_path / "cache" / "python-tldextract").exists()
