"""Hostile exports III (issue 30): `scan` never passes in silence and never writes an injection.

The posts of a JSON export are the array of objects that hold text, wherever the object keeps
it; an X archive's escaped text is read as published; a record with a huge number or one larger
than `max_bytes` is a bad row and the records after it are still read; CSV cells are never
formulas and no field can forge a line of the summary.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from conftest import AS_OF, CORPUS_CONFIG

LEAK = "Reach Jane at jane.roe@gmail.com about the refund."
LEAK_ES = "Escribe a Jane a jane.roe@gmail.com por el reembolso."
CLEAN = "We shipped faster builds this week."
HUGE = "9" * 5000


def scan(run, *args: object) -> tuple[int, list[dict], str]:
    code, out, err = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, *args)
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the posts of a JSON export are the array of objects that hold text -----------------------------

@pytest.mark.parametrize("document", [
    {"errors": [], "data": [{"id": "1", "text": LEAK}, {"id": "2", "text": CLEAN}]},
    {"tags": ["launch", "news"], "posts": [{"id": "1", "text": LEAK}, {"id": "2", "text": CLEAN}]},
    {"meta": {"count": 2, "pages": [1]}, "items": [{"id": "1", "body": LEAK}, {"id": "2", "body": CLEAN}]},
    {"data": {"cursor": "x", "posts": [{"id": "1", "text": LEAK}, {"id": "2", "text": CLEAN}]}},
    {"users": [{"id": "u1", "name": "ana"}], "tweets": [{"id": "1", "full_text": LEAK}, {"id": "2", "full_text": CLEAN}]},
    {"errores": [], "publicaciones": [{"id": "1", "text": LEAK_ES}, {"id": "2", "text": CLEAN}]},
])
def test_the_array_of_posts_is_found_wherever_it_is(run, tmp_path, document):
    code, records, err = scan(run, write(tmp_path / "export.json", json.dumps(document, indent=1)))
    assert code == 1, err
    assert [r["id"] for r in records] == ["1", "2"] and records[0]["findings"][0]["code"] == "PII-EMAIL"


def test_every_array_of_posts_is_read_with_its_own_fields(run, tmp_path):
    document = {"users": [{"id": "u1", "name": "ana", "description": "Builds robots in Madrid."}],
                "meta": {"tweets": [{"id_str": "1", "full_text": LEAK}, {"id_str": "2", "full_text": CLEAN}]}}
    code, records, err = scan(run, write(tmp_path / "export.json", json.dumps(document)))
    assert code == 1 and [r["id"] for r in records] == ["u1", "1", "2"]
    assert [bool(r["findings"]) for r in records] == [False, True, False]


@pytest.mark.parametrize("document", [
    {"errors": [], "data": []},
    {"tags": ["launch", "news"], "count": 3},
    {"users": [{"id": "u1", "name": "ana", "age": 3}]},
    {"status": "ok"},
])
def test_an_export_without_posts_exits_two_saying_so(run, tmp_path, document):
    code, records, err = scan(run, write(tmp_path / "export.json", json.dumps(document)))
    assert code == 2 and records == [] and "no posts" in err


def test_a_top_level_array_is_still_the_posts(run, tmp_path):
    code, records, _ = scan(run, write(tmp_path / "export.json", json.dumps([{"id": "1", "text": LEAK}])))
    assert code == 1 and [r["id"] for r in records] == ["1"]
    code, records, _ = scan(run, write(tmp_path / "empty.json", "[]"))
    assert code == 0 and records == []


@pytest.mark.parametrize("document", [[1, 2, 3], [[{"id": "1", "text": LEAK}]], [None, [{"text": LEAK_ES}]]])
def test_a_top_level_array_holding_no_post_exits_two(run, tmp_path, document):
    """Each element was a bad row and the run exited 0: an array of arrays of posts passed unread."""
    code, records, err = scan(run, write(tmp_path / "export.json", json.dumps(document)))
    assert code == 2 and records == [] and "no posts found" in err


def test_a_top_level_array_with_one_stray_element_still_reads_its_posts(run, tmp_path):
    code, records, err = scan(run, write(tmp_path / "export.json", json.dumps([{"id": "1", "text": LEAK}, 7])))
    assert code == 1 and [r["id"] for r in records] == ["1"] and "no posts" not in err


def test_an_x_archive_is_read_as_published(run, tmp_path):
    tweets = [{"tweet": {"id_str": "1", "full_text": "Write to &lt;jane.roe@gmail.com&gt; &amp; get the beta"}},
              {"tweet": {"id_str": "2", "full_text": "Escribe a &lt;ana.ruiz@hotmail.es&gt; y te la mando"}},
              {"tweet": {"id_str": "3", "full_text": "Fish &amp; chips &lt;3"}}]
    archive = write(tmp_path / "tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))
    code, records, _ = scan(run, archive)
    assert code == 1
    assert [[f["code"] for f in r["findings"]] for r in records] == [["PII-EMAIL"], ["PII-EMAIL"], []]


# --- huge numbers and over-size records are bad rows ----------------------------------------------

@pytest.mark.parametrize("name, text", [
    ("export.jsonl", f'{{"id": "1", "text": "{CLEAN}", "views": {HUGE}}}\n{{"id": "2", "text": "{LEAK}"}}\n'),
    ("export.json", f'[{{"id": "1", "text": "{CLEAN}", "views": {HUGE}}}, {{"id": "2", "text": "{LEAK}"}}]'),
    ("export.jsonl", f'{{"id": {HUGE}, "text": "{CLEAN}"}}\n{{"id": "2", "text": "{LEAK}"}}\n'),
    ("export.json", f'{{"data": [{{"id": "1", "text": "{CLEAN}", "n": -{HUGE}}}, {{"id": "2", "text": "{LEAK}"}}]}}'),
])
def test_a_huge_number_is_a_bad_row(run, tmp_path, name, text):
    code, records, err = scan(run, write(tmp_path / name, text))
    assert code == 1 and "internal error" not in err
    assert [r["id"] for r in records] == ["2"] and ":1: " in err and "skipped" in err


@pytest.mark.parametrize("name, text", [
    ("export.jsonl", '{"id": "1", "text": "x", "n": ' + "[" * 100000 + "]" * 100000 + f'}}\n{{"id": "2", "text": "{LEAK}"}}\n'),
    ("export.json", '[{"id": "1", "text": "x", "n": ' + "[" * 100000 + "]" * 100000 + f'}}, {{"id": "2", "text": "{LEAK}"}}]'),
])
def test_a_record_nested_too_deeply_is_a_bad_row(run, tmp_path, name, text):
    code, records, err = scan(run, write(tmp_path / name, text))
    assert code == 1 and [r["id"] for r in records] == ["2"] and "nested too deeply" in err


def test_a_baseline_with_a_huge_version_is_a_clear_error(run, tmp_path):
    baseline = write(tmp_path / "baseline.json", f'{{"version": {HUGE}, "salt": "x", "findings": []}}')
    code, _, err = run("check", write(tmp_path / "p.md", "x\n"), "--baseline", baseline)
    assert code == 2 and "internal error" not in err and "baseline" in err


@pytest.mark.parametrize("name, make", [
    ("export.jsonl", lambda big: "".join(json.dumps(r) + "\n" for r in big)),
    ("export.json", lambda big: json.dumps(big, indent=1)),
    ("export.csv", lambda big: "id,text\n" + "".join(f'{r["id"]},"{r["text"]}"\n' for r in big)),
])
def test_a_record_over_max_bytes_is_a_bad_row_and_the_rest_is_read(run, tmp_path, name, make):
    (tmp_path / "postlint.yaml").write_text("max_bytes: 2048\n", encoding="utf-8")
    big = [{"id": "1", "text": LEAK}, {"id": "2", "text": "word " * 2000}, {"id": "3", "text": LEAK}]
    export = write(tmp_path / name, make(big))
    code, out, err = run("scan", "--config", tmp_path / "postlint.yaml", "--as-of", AS_OF, export)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["1", "3"] and code == 1
    assert "max_bytes" in err


def test_records_under_max_bytes_are_all_read(run, tmp_path):
    (tmp_path / "postlint.yaml").write_text("max_bytes: 4096\n", encoding="utf-8")
    rows = [{"id": str(i), "text": LEAK + " word" * 100} for i in range(3)]
    export = write(tmp_path / "export.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    code, out, err = run("scan", "--config", tmp_path / "postlint.yaml", "--as-of", AS_OF, export)
    assert code == 1 and [json.loads(line)["id"] for line in out.splitlines()] == ["0", "1", "2"]


# --- CSV output is data, never formulas; no field forges a line -------------------------------------

HOSTILE = [
    {"id": "=1+1", "author": "=HYPERLINK(\"http://evil.example\",\"x\")", "url": "@SUM(A1)", "text": LEAK},
    {"id": "+2", "author": "-cmd|' /C calc'!A0", "url": "\tx", "text": CLEAN},
    {"id": "3", "author": "ana\n::error::forged", "url": "https://x.example/\r\n=2", "text": LEAK},
]


@pytest.mark.parametrize("per", ["post", "finding"])
def test_csv_cells_are_never_formulas_nor_broken_lines(run, tmp_path, per):
    export = write(tmp_path / "export.jsonl", "".join(json.dumps(r) + "\n" for r in HOSTILE))
    code, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "csv", "--per", per, export)
    rows = list(csv.reader(io.StringIO(out)))
    assert len(out.splitlines()) == len(rows)  # one physical line per record
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert "\n" not in cell and "\r" not in cell
    ids = [row[0] for row in rows[1:]]
    assert ids[0] == "'=1+1" and (per == "finding" or ids[1] == "'+2")


def test_csv_keeps_ordinary_values_as_they_are(run, tmp_path):
    rows = [{"id": "p-1", "author": "ana", "url": "https://x.example/1", "text": LEAK}]
    export = write(tmp_path / "export.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    code, out, _ = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "csv", export)
    row = list(csv.reader(io.StringIO(out)))[1]
    assert row[:4] == ["p-1", "ana", "", "https://x.example/1"]


def test_no_field_forges_a_line_of_the_summary(run, tmp_path):
    export = write(tmp_path / "export.jsonl", "".join(json.dumps(r) + "\n" for r in HOSTILE))
    code, _, err = run("scan", "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "csv", export)
    assert not any(line.startswith("::") for line in err.splitlines())
    assert "ana\u240a::error::forged" in err  # shown, on the summary's own line


# --- exports reached through a link out of the folder given ------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX symbolic links")
def test_an_export_linked_out_of_the_folder_is_refused_unless_allowed(run, tmp_path):
    outside = write(tmp_path / "private.jsonl", json.dumps({"id": "1", "text": LEAK}) + "\n")
    folder = tmp_path / "exports"
    folder.mkdir()
    write(folder / "mine.jsonl", json.dumps({"id": "2", "text": CLEAN}) + "\n")
    os.symlink(outside, folder / "linked.jsonl")
    code, records, err = scan(run, folder)
    assert code == 2 and [r["id"] for r in records] == ["2"] and "outside the folder given" in err
    code, records, err = scan(run, folder, "--allow-outside-links")
    assert code == 1 and sorted(r["id"] for r in records) == ["1", "2"]


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX symbolic links")
def test_an_x_archive_s_account_file_is_read_only_from_its_folder(run, tmp_path):
    """The account name comes from account.js beside tweets.js; a link out of the archive's folder
    (a pull request could point it at a secret) is never read, and the posts are still checked."""
    account = "window.YTD.account.part0 = " + json.dumps([{"account": {"username": "{name}"}}])
    tweets = "window.YTD.tweets.part0 = " + json.dumps([{"tweet": {"id_str": "1", "full_text": LEAK}}])
    outside = write(tmp_path / "secret.js", account.replace("{name}", "s3cr3t-handle"))
    archive = tmp_path / "archive"
    archive.mkdir()
    os.symlink(outside, archive / "account.js")
    code, records, err = scan(run, write(archive / "tweets.js", tweets))
    assert code == 1 and records[0]["findings"] and "s3cr3t-handle" not in json.dumps(records) + err
    (archive / "account.js").unlink()
    write(archive / "account.js", account.replace("{name}", "acme_robotics"))
    code, records, _ = scan(run, archive / "tweets.js")
    assert code == 1 and records[0]["url"] == "https://x.com/acme_robotics/status/1"
