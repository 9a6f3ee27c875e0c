"""`check --jobs N`: the same findings, in the same order, from N worker processes."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS_CONFIG
from linter.cli import main
from linter.runner import Checker, Job
from linter.sources import Configs

POSTS = {
    "a-launch.md": "So proud of #ProjectNightjar! Reach Jane at jane.doe@gmail.com.\n",
    "b-clean.md": "We shipped faster builds this week.\n",
    "c-rude.txt": "What a bunch of idiots. F*ck this.\n",
    "d-health.md": "Our colleague Sarah Miller is on sick leave after her cancer diagnosis.\n",
    "e-claim.html": "<p>Our vault is 100% secure and guaranteed to double your revenue.</p>\n",
    "nested/f-card.md": "Card 4111 1111 1111 1111, call +1 212 555 0143.\n",
}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "posts"
    for name, text in POSTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # repeat each post so the workers get several tasks each
        path.write_text(text * 3, encoding="utf-8")
    return root


def run_check(capsys, *args: object) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    return int(exit_info.value.code or 0), capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_two_jobs_print_what_one_job_prints(capsys, tree, fmt):
    common = ["check", "--no-cache", "--format", fmt, "--config", CORPUS_CONFIG, "--as-of", "2026-11-25", tree]
    one = run_check(capsys, *common, "--jobs", "1")
    two = run_check(capsys, *common, "--jobs", "2")
    assert one == two and one[0] == 1
    if fmt == "json":
        assert len({f["path"] for f in json.loads(one[1])["findings"]}) == 5


def test_checker_in_processes_matches_checker_in_one(tree):
    jobs = [Job(str(p), p.read_text(encoding="utf-8")) for p in sorted(tree.rglob("*")) if p.is_file()]
    serial = Checker(Configs(CORPUS_CONFIG), jobs=1).check(jobs)
    parallel = Checker(Configs(CORPUS_CONFIG), jobs=2).check(jobs)
    assert parallel == serial
    assert sum(map(len, serial)) >= 8


def test_jobs_zero_means_one_per_cpu(capsys, tree, monkeypatch):
    import os

    import linter.runner

    asked: list[int] = []
    real = linter.runner.lint_paths

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs["jobs"])
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    monkeypatch.setattr(linter.runner, "lint_paths", recording)
    code, out = run_check(capsys, "check", "--no-cache", "--jobs", "0", "--config", CORPUS_CONFIG, tree)
    assert asked == [3]
    assert code == 1 and "PII-EMAIL" in out
