"""Shared fixtures: the real model, loaded once per session, and no network at all."""

from __future__ import annotations

import io
import os
import socket
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# `ci` (the default) runs a few hundred examples; `thorough` runs 10,000:
#   python -m pytest tests/test_properties.py --hypothesis-profile=thorough
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("thorough", max_examples=10_000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS_CONFIG = ROOT / "corpus" / "postlint.yaml"
AS_OF = "2026-11-25"  # the date the built-in examples and the corpus are judged at
# Public corpora (docs/contributing.md): beside the checkout, or wherever POSTLINT_CORPORA says.
CORPORA = Path(os.environ.get("POSTLINT_CORPORA") or ROOT.parent / "shared" / "corpora")
# A pack rule that reports what the multilingual judge scores at 0.5 or more (its tests, en and es).
JUDGE_RULE = """\
- code: DER-X
  category: derogatory
  severity: warning
  kind: classifier
  judge: offensive-multi
  threshold: 0.5
  message: "ofensivo ({score})"
  why: w
"""

NEEDS_CORPORA = "needs the public corpora in ../shared/corpora or $POSTLINT_CORPORA (docs/contributing.md)"


def pytest_collection_modifyitems(items):
    """Slow end-to-end tests first: with several processes (-n) they overlap the many quick ones
    instead of trailing them; each tier keeps its order."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


class NetworkBlocked(RuntimeError):
    pass


def _blocked(*args: object, **kwargs: object) -> None:
    raise NetworkBlocked(f"postlint tried to reach the network: {args!r}")


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """Every test runs with sockets blocked: postlint must never go online."""
    patched = {
        (socket.socket, "connect"): socket.socket.connect,
        (socket.socket, "connect_ex"): socket.socket.connect_ex,
        (socket, "create_connection"): socket.create_connection,
        (socket, "getaddrinfo"): socket.getaddrinfo,
    }
    for (owner, name) in patched:
        setattr(owner, name, _blocked)
    yield
    for (owner, name), original in patched.items():
        setattr(owner, name, original)


@pytest.fixture(autouse=True)
def own_cache_dir(tmp_path_factory, monkeypatch):
    """Each test gets an empty findings cache of its own: none reads another's or the user's."""
    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("postlint-cache")))


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the `postlint` command in this process: `run(*args, stdin=None)` -> (exit code, stdout, stderr)."""
    from linter.cli import main

    def invoke(*args: object, stdin: bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        out, err = capsys.readouterr()
        return int(exit_info.value.code or 0), out, err

    return invoke


@pytest.fixture(scope="session")
def linter():
    """The built-in packs with the fictional company of corpus/postlint.yaml (Acme Robotics)."""
    from linter import Linter

    return Linter(CORPUS_CONFIG)


@pytest.fixture(scope="session")
def plain_linter():
    """The built-in packs with no company configured."""
    from linter import Linter

    return Linter({})


@pytest.fixture
def pack_linter(tmp_path):
    """Build a Linter from one rule pack written inline (plus an optional company section)."""
    import textwrap

    from linter import Linter

    def build(rules_yaml: str, company: dict | None = None):
        pack = tmp_path / "pack.yaml"
        pack.write_text("rules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "), encoding="utf-8")
        return Linter({"packs": [str(pack)], "company": company or {}})

    return build


@pytest.fixture(scope="session")
def reviewer(linter):
    """The review server's `Reviewer` around the corpus `Linter` (`postlint serve`)."""
    from linter.serve.review import Reviewer

    reviewer = Reviewer(linter)
    yield reviewer
    reviewer.close()


@pytest.fixture
def client(reviewer):
    """`client(**create_app options)`: a Starlette TestClient of the review server, on loopback."""
    from starlette.testclient import TestClient

    from linter.serve.app import create_app

    opened = []

    def make(base_url: str = "http://127.0.0.1", **options):
        opened.append(TestClient(create_app(reviewer, **options), base_url=base_url))
        return opened[-1]

    yield make
    for test_client in opened:
        test_client.close()
