"""Dask: findings identical to `lint_many` whatever the partitioning, on a real two-worker cluster
started from the command line, and with `scan --workers`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import AS_OF, CORPUS_CONFIG, ROOT

dask_bag = pytest.importorskip("dask.bag")
dask_dataframe = pytest.importorskip("dask.dataframe")

from linter.dask import LinterSpec, lint_bag, lint_dataframe
from linter.engine import Post

POSTS = [json.loads(line)["text"] for line in (ROOT / "corpus" / "posts.jsonl").open(encoding="utf-8")][:60]
SCRIPTS = Path(sys.executable).parent


def as_dicts(found):
    return [[f.to_dict() for f in findings] for findings in found]


@pytest.fixture(scope="module")
def expected(linter):
    return as_dicts(linter.lint_many(POSTS, as_of=AS_OF))


@pytest.mark.parametrize("partitions", [1, 4, 13])
def test_lint_bag_gives_lint_many_findings_however_partitioned(expected, partitions):
    bag = dask_bag.from_sequence(POSTS, npartitions=partitions)
    got = lint_bag(bag, CORPUS_CONFIG, as_of=AS_OF).compute(scheduler="synchronous")
    assert as_dicts(got) == expected
    assert any(expected)  # the corpus has findings to compare


def test_lint_bag_takes_posts_and_dicts_with_their_own_dates(linter):
    posts = [Post("Falcon is coming.", as_of="2027-01-10"), {"text": "Falcon is here.", "as_of": "2027-04-01"}]
    got = lint_bag(dask_bag.from_sequence(posts, npartitions=2), str(CORPUS_CONFIG)).compute(scheduler="synchronous")
    assert [[f.code for f in findings] for findings in got] == [["CONF-CODENAME"], []]


def test_lint_dataframe_one_row_per_finding_with_the_post_id(expected):
    import pandas as pd

    frame = pd.DataFrame({"post": [f"p{i}" for i in range(len(POSTS))], "body": POSTS})
    ddf = dask_dataframe.from_pandas(frame, npartitions=5)
    rows = lint_dataframe(ddf, text="body", id="post", config=CORPUS_CONFIG, as_of=AS_OF).compute(scheduler="synchronous")
    flat = [(f"p{i}", f["code"], f["start"], f["match"]) for i, findings in enumerate(expected) for f in findings]
    assert list(zip(rows["post"], rows["code"], rows["start"], rows["match"])) == flat
    by_index = lint_dataframe(ddf, text="body", config=CORPUS_CONFIG, as_of=AS_OF).compute(scheduler="synchronous")
    assert list(by_index["id"]) == [int(p[1:]) for p, *_ in flat]


def test_a_worker_with_another_config_refuses(tmp_path):
    from linter.dask import worker_linter
    from linter.errors import PostlintError

    config = tmp_path / "postlint.yaml"
    config.write_text("company: {name: Acme}\n", encoding="utf-8")
    spec = LinterSpec.of(str(config))
    config.write_text("company: {name: Globex}\n", encoding="utf-8")  # changed after the client read it
    with pytest.raises(PostlintError, match="differs from the client"):
        worker_linter(spec)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": t}) + "\n" for i, t in enumerate(POSTS)),
                    encoding="utf-8")
    return path


def scan(*args, cwd):
    """`postlint scan` in a process of its own (this one blocks sockets; a cluster needs loopback)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "linter", "scan", "--config", str(CORPUS_CONFIG), "--as-of", AS_OF,
                           *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
                          check=False)


def from_scan(stdout):
    return [r["findings"] for r in map(json.loads, stdout.splitlines())]


def without_path(expected):
    return [[{k: v for k, v in f.items() if k != "path"} for f in findings] for findings in expected]


@pytest.mark.slow
def test_scan_on_a_local_cluster_of_two_workers(export, expected, tmp_path):
    done = scan("--workers", "2", export, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert from_scan(done.stdout) == without_path(expected)


@pytest.mark.slow
def test_a_cluster_started_from_the_command_line_gives_lint_many_findings(export, expected, tmp_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, then `scan --cluster`."""
    scheduler_file = tmp_path / "scheduler.json"
    processes = []
    logs = [tmp_path / name for name in ("scheduler.log", "worker1.log", "worker2.log")]
    try:
        processes.append(subprocess.Popen(
            [str(SCRIPTS / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(scheduler_file)], stdout=subprocess.DEVNULL, stderr=logs[0].open("w")))
        _wait(lambda: scheduler_file.exists() and scheduler_file.stat().st_size > 0, "the scheduler")
        for i, log in enumerate(logs[1:], 1):
            processes.append(subprocess.Popen(
                [str(SCRIPTS / "dask"), "worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                 "--host", "127.0.0.1", "--no-dashboard", "--name", f"w{i}"],
                stdout=subprocess.DEVNULL, stderr=log.open("w"), env={**os.environ, "PYTHONPATH": str(ROOT)}))
        _wait(lambda: all("Registered to" in log.read_text() for log in logs[1:]), "two workers")
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        done = scan("--cluster", address, export, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert from_scan(done.stdout) == without_path(expected)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait(ready, what, timeout=300.0):  # a hang guard, not a stopwatch: slow, busy machines too
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"{what} did not start in {timeout:.0f} s"
        time.sleep(0.2)
