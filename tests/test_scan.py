"""`postlint scan`: exports in, one record per post (or finding) out, a summary, check's exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import AS_OF, CORPUS_CONFIG

from linter.engine import Post

POSTS = [
    {"id": "p1", "text": "Reach Jane at jane.roe@gmail.com about the refund.", "author": "ana",
     "created_at": "2026-01-05T09:00:00Z"},
    {"id": "p2", "text": "We shipped faster builds this week.", "author": "ana", "created_at": "2026-01-20T09:00:00Z"},
    {"id": "p3", "text": "Damn, these idiots broke prod again. Falcon ships in March!", "author": "ben",
     "created_at": "2026-02-02T09:00:00Z"},
    {"id": "p4", "text": "Thanks to everyone who came to the meetup.", "author": "cleo",
     "created_at": "2026-02-10T09:00:00Z"},
]


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in POSTS), encoding="utf-8")
    return path


def expected(linter, posts=POSTS, as_of=AS_OF):
    """What `lint_many` finds in each post, as scan writes it (no `path`)."""
    found = linter.lint_many([Post(p["text"], as_of=as_of) for p in posts])
    return [[{k: v for k, v in f.to_dict().items() if k != "path"} for f in findings] for findings in found]


def test_one_record_per_post_with_the_findings_of_lint_many(run, linter, export):
    code, out, err = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, export)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["p1", "p2", "p3", "p4"]
    assert [r["findings"] for r in records] == expected(linter)
    assert records[0] | {"findings": []} == {"id": "p1", "author": "ana", "date": "2026-01-05T09:00:00Z",
                                             "source": str(export), "source_line": 1, "findings": []}
    assert "url" not in records[0]  # only what the export has
    assert code == 1  # errors: an email, a codename
    assert "scanned 4 posts from 1 file: 2 with findings" in err


def test_each_post_is_judged_as_of_its_own_date_unless_told(run, tmp_path):
    export = tmp_path / "launch.jsonl"
    rows = [{"id": "before", "text": "Falcon is coming.", "date": "2027-01-10"},
            {"id": "after", "text": "Falcon is here.", "date": "2027-04-01"}]
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, export)
    assert {r["id"]: [f["code"] for f in r["findings"]] for r in map(json.loads, out.splitlines())} == {
        "before": ["CONF-CODENAME"], "after": []}  # Falcon went public on 2027-03-01
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", "2026-11-25", export)
    assert all(r["findings"] for r in map(json.loads, out.splitlines()))


def test_each_post_of_a_mixed_export_is_read_in_its_own_language(run, tmp_path):
    posts = [{"id": "es", "text": "Escríbele a Lucía a lucia.fernandez@gmail.com, está de baja por una depresión."},
             {"id": "en", "text": "Email jane.doe@gmail.com for details."}]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    code, out, _ = run("scan", "--as-of", AS_OF, "--quiet", path)
    found = {r["id"]: [(f["code"], f["message"]) for f in r["findings"]] for r in map(json.loads, out.splitlines())}
    assert code == 1
    assert ("PII-EMAIL", "'lucia.fernandez@gmail.com' es una dirección de correo electrónico.") in found["es"]
    assert "PII-PERSON" in [c for c, _ in found["es"]]
    assert found["en"] == [("PII-EMAIL", "'jane.doe@gmail.com' is an email address.")]
    code, out, _ = run("scan", "--as-of", AS_OF, "--quiet", "--lang", "en", path)
    english = [f["code"] for r in map(json.loads, out.splitlines()) if r["id"] == "es" for f in r["findings"]]
    assert english == ["PII-EMAIL"]  # read as English: no Spanish name tied to "baja"


def test_per_finding_records_in_jsonl_and_csv(run, linter, export):
    flat = [f for findings in expected(linter) for f in findings]
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--per", "finding", export)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [{k: r[k] for k in flat[0]} for r in rows] == flat
    assert [r["id"] for r in rows] == [p["id"] for p, fs in zip(POSTS, expected(linter)) for _ in fs]
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--per", "finding", "--format", "csv", export)
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["code"], r["match"], int(r["line"]), int(r["col"])) for r in table] == [
        (r["id"], r["code"], r["match"], r["line"], r["col"]) for r in rows]


def test_csv_per_post_counts_and_codes(run, linter, export):
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "csv", export)
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in table] == ["p1", "p2", "p3", "p4"]
    for row, findings in zip(table, expected(linter)):
        assert int(row["findings"]) == len(findings)
        assert int(row["error"]) == sum(f["severity"] == "error" for f in findings)
        assert row["codes"].split() == list(dict.fromkeys(f["code"] for f in findings))


def test_json_document_with_the_summary_per_category_author_and_month(run, linter, export, tmp_path):
    summary_file = tmp_path / "summary.json"
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "json", "--skip-clean",
                    "--summary", summary_file, export)
    document = json.loads(out)
    found = expected(linter)
    assert [p["id"] for p in document["posts"]] == [p["id"] for p, f in zip(POSTS, found) if f]
    summary = document["summary"]
    assert summary == json.loads(summary_file.read_text(encoding="utf-8"))
    flat = [f for findings in found for f in findings]
    assert (summary["posts"], summary["posts_with_findings"], summary["findings"]) == (4, 2, len(flat))
    assert summary["error"] == sum(f["severity"] == "error" for f in flat)
    assert summary["by_category"]["pii"] == {"findings": sum(f["category"] == "pii" for f in flat), "posts": 1}
    assert summary["by_author"]["ana"] == {"posts": 2, "posts_with_findings": 1, "findings": len(found[0])}
    assert summary["by_author"]["cleo"] == {"posts": 1, "posts_with_findings": 0, "findings": 0}
    assert list(summary["by_month"]) == ["2026-01", "2026-02"]
    assert summary["by_month"]["2026-02"] == {"posts": 2, "posts_with_findings": 1, "findings": len(found[2])}


def test_sarif_validates_and_points_at_the_post(run, linter, export, monkeypatch):
    from report.test_sarif import validate

    monkeypatch.chdir(export.parent)
    _, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "sarif", export.name)
    log = json.loads(out)
    validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(f) for f in expected(linter))
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts.jsonl"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert first["locations"][0]["logicalLocations"][0]["name"] == "p1"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(dict.fromkeys(r["ruleId"] for r in results))
    assert log["runs"][0]["properties"]["summary"]["posts"] == 4


def test_bad_rows_are_reported_with_their_line_and_skipped(run, tmp_path):
    export = tmp_path / "mixed.jsonl"
    export.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": null}\nnot json\n{"id": 4, "text": "also fine"}\n',
                      encoding="utf-8")
    code, out, err = run("scan", "--quiet", export)
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["1", "4"]
    assert f"{export}:2: field 'text' is null, not text; skipped" in err
    assert f"{export}:3: not valid JSON" in err
    assert code == 0
    assert "scanned" not in err  # --quiet: no summary, but warnings


def test_many_bad_rows_are_counted_not_all_printed(run, tmp_path, monkeypatch):
    from linter import scan

    monkeypatch.setattr(scan, "BAD_ROWS_SHOWN", 3)
    export = tmp_path / "bad.jsonl"
    export.write_text('{"text": "ok"}\n' + "oops\n" * 10, encoding="utf-8")
    _, _, err = run("scan", "--format", "json", export)
    assert err.count("not valid JSON") == 3
    assert "7 more bad rows skipped" in err and "10 bad rows skipped" in err


def test_exit_status_as_check(run, tmp_path, export):
    clean = tmp_path / "clean.csv"
    clean.write_text("id,text\n1,We shipped faster builds.\n", encoding="utf-8")
    assert run("scan", clean)[0] == 0
    mild = tmp_path / "mild.csv"
    mild.write_text("id,text\n1,What the fuck was that.\n", encoding="utf-8")
    assert run("scan", mild)[0] == 0
    assert run("scan", "--fail-on", "warning", mild)[0] == 1
    code, out, err = run("scan", clean, tmp_path / "missing.jsonl")
    assert code == 2 and "missing.jsonl: no such file" in err and json.loads(out)["id"] == "1"
    assert run("scan", "--workers", "2", "--cluster", "tcp://127.0.0.1:1", clean)[0] == 2


def test_output_file_stdin_and_redaction(run, tmp_path, export):
    target = tmp_path / "out.jsonl"
    code, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--redact", "-o", target, "-",
                       stdin=export.read_bytes())
    assert out == "" and code == 1
    written = target.read_text(encoding="utf-8")
    assert "jane.roe@gmail.com" not in written and "Falcon" not in written
    records = [json.loads(line) for line in written.splitlines()]
    assert records[0]["source"] == "-" and records[0]["findings"][0]["match"] == "[redacted]"
    assert any(f["match"] == "idiots" for f in records[2]["findings"])  # other categories stay readable


class _ReadsEverythingFirst:
    """A linting engine that reads every post before it writes one, as a pool that reads ahead does."""

    def lint(self, posts):
        return iter([[] for _ in list(posts)])


def test_progress_counts_posts_and_never_says_done_before_the_last(tmp_path):
    """A pool reads ahead of what it writes: by bytes read, the bar said 100% long before the end."""
    from linter.report import scan_writer as writer
    from linter.scan import ScanSettings, scan

    export = tmp_path / "posts.jsonl"
    export.write_text("".join(json.dumps({"id": i, "text": f"post number {i}"}) + "\n" for i in range(40)),
                      encoding="utf-8")
    seen = []
    scan([str(export)], ScanSettings(), _ReadsEverythingFirst(), writer("jsonl", io.StringIO()),
         notify=lambda level, message: None,
         progress=lambda count, summary: seen.append((summary.total.posts, count.expected)))
    assert [done for done, _ in seen] == list(range(1, 41))
    assert all(expected == 40 for _, expected in seen)  # every post read before the first was written
    assert all(done < expected for done, expected in seen[:-1]) and seen[-1] == (40, 40)


def test_progress_while_reading_estimates_from_the_bytes_read(tmp_path):
    """Reading along with writing (one process), the expected count is known before the end of the
    input, never below what was read, and exact at the end."""
    from linter.report import scan_writer as writer
    from linter.scan import InProcess, ScanSettings, scan

    class Echo:  # findings as soon as each post is read
        def lint_many(self, posts):
            return ([] for _ in posts)

    export = tmp_path / "posts.jsonl"
    export.write_text("".join(json.dumps({"id": i, "text": "x" * (i % 7 + 1)}) + "\n" for i in range(2000)),
                      encoding="utf-8")
    seen = []
    scan([str(export)], ScanSettings(), InProcess(Echo()), writer("jsonl", io.StringIO()),
         notify=lambda level, message: None, progress=lambda count, summary: seen.append(
             (summary.total.posts, count.read, count.expected)))
    assert all(expected is None or done <= read <= expected for done, read, expected in seen)
    assert any(expected is not None and read < 2000 for _, read, expected in seen)
    assert seen[-1] == (2000, 2000, 2000)


def test_workers_pay_only_for_a_large_enough_input(tmp_path, monkeypatch):
    """A pool of workers runs only where it can beat one process: two CPUs or more, and at least
    POOL_MIN_BYTES of posts (a gzipped export counts what it holds)."""
    import gzip

    from linter import scan as scan_module

    monkeypatch.setattr(scan_module.os, "cpu_count", lambda: 2)
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"text": "hello"}) + "\n", encoding="utf-8")
    assert "too little for 2 workers" in scan_module.in_process_because(2, [str(small)])
    assert "1 worker on 2 CPUs" in scan_module.in_process_because(1, [str(small)])
    big = tmp_path / "big.jsonl.gz"
    row = json.dumps({"text": "We shipped faster builds this week. " * 5}) + "\n"
    big.write_bytes(gzip.compress((row * (scan_module.POOL_MIN_BYTES // len(row) + 1)).encode()))
    assert big.stat().st_size < scan_module.POOL_MIN_BYTES // 10  # small on disk, large to lint
    assert scan_module.input_bytes([str(big)]) > scan_module.POOL_MIN_BYTES
    assert scan_module.in_process_because(2, [str(big)]) is None
    assert scan_module.in_process_because(2, [str(tmp_path)]) is None  # the folder holds both
    assert scan_module.in_process_because(2, ["-"]) is None  # stdin: its size cannot be known
    monkeypatch.setattr(scan_module.os, "cpu_count", lambda: 1)
    assert "on 1 CPU" in scan_module.in_process_because(2, [str(big)])
