"""Reading exports: every format streamed, fields found or named, bad rows reported with lines."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json

import pytest

from linter import exports
from linter.exports import READERS, BadRow, Fields, Notice, Reader, Record, json_array, parse_date, read_all, read_export
from linter.exports.records import Picker, read_rows
from linter.sources import Unreadable


def items(path, fields=None, **kwargs):
    return list(read_export(str(path), fields or Fields(), **kwargs))


def records(found):
    return [i for i in found if isinstance(i, Record)]


def test_jsonl_common_fields_are_found_and_bad_rows_carry_their_line(tmp_path):
    export = tmp_path / "posts.jsonl"
    export.write_text("\n".join([
        json.dumps({"id_str": "1", "full_text": "first", "user": {"screen_name": "ana"},
                    "created_at": "2025-03-01T10:00:00Z", "permalink": "https://x.example/1"}),
        json.dumps({"id_str": "2", "full_text": 7}),
        "{not json",
        "",
        json.dumps({"id_str": "3"}),
        json.dumps(["a", "list"]),
        json.dumps("a bare string is a post"),
        json.dumps({"id_str": "4", "full_text": "last", "user": None}),
    ]) + "\n", encoding="utf-8")
    found = items(export)
    assert [(r.id, r.text, r.line, r.author, r.date, r.url) for r in records(found)] == [
        ("1", "first", 1, "ana", "2025-03-01T10:00:00Z", "https://x.example/1"),
        ("posts.jsonl:7", "a bare string is a post", 7, None, None, None),
        ("4", "last", 8, None, None, None),
    ]
    bad = [(b.line, b.reason) for b in found if isinstance(b, BadRow)]
    assert bad == [(2, "field 'full_text' is a number, not text"),
                   (3, "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
                   (5, "no field 'full_text'"), (6, "an array, not an object or a string")]
    notice = next(i for i in found if isinstance(i, Notice))
    assert "text from 'full_text'" in str(notice) and "author from 'user'" in str(notice)


def test_named_fields_win_and_dotted_names_reach_inside(tmp_path):
    export = tmp_path / "dump.jsonl"
    export.write_text(json.dumps({"text": "not this", "post": {"body": "this one", "by": ["x", "zoe"]},
                                  "ref": 99}) + "\n", encoding="utf-8")
    (record,) = records(items(export, Fields(text="post.body", id="ref", author="post.by.1")))
    assert (record.text, record.id, record.author) == ("this one", "99", "zoe")


def test_a_file_without_a_text_field_is_one_error_not_a_bad_row_per_record(tmp_path):
    export = tmp_path / "stats.jsonl"
    export.write_text('{"likes": 3, "shares": 1}\n' * 50, encoding="utf-8")
    (only,) = items(export)
    assert isinstance(only, Unreadable) and "no text field" in str(only) and "--text-field" in str(only)


def test_csv_multiline_fields_keep_the_line_their_record_starts_on(tmp_path):
    export = tmp_path / "Shares.csv"
    export.write_text('\ufeffDate,ShareLink,ShareCommentary,SharedUrl\n'
                      '2024-05-01 10:00:00,https://lnkd.example/1,"two\nlines, with a comma",\n'
                      '2024-06-01 10:00:00,https://lnkd.example/2,"next",,,surplus\n'
                      '2024-07-01 10:00:00,https://lnkd.example/3,"last",\n', encoding="utf-8")
    found = items(export)
    assert [(r.id, r.line, r.text, r.date, r.url) for r in records(found)] == [
        ("Shares.csv:2", 2, "two\nlines, with a comma", "2024-05-01 10:00:00", "https://lnkd.example/1"),
        ("Shares.csv:5", 5, "last", "2024-07-01 10:00:00", "https://lnkd.example/3"),
    ]
    assert [(b.line, b.reason) for b in found if isinstance(b, BadRow)] == [(4, "6 fields where the header has 4")]


def test_csv_named_column_that_is_not_there_is_an_error(tmp_path):
    export = tmp_path / "a.csv"
    export.write_text("id,body\n1,hello\n", encoding="utf-8")
    (only,) = items(export, Fields(text="message"))
    assert isinstance(only, Unreadable) and "no column 'message'" in str(only)


@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_json_arrays_stream_element_by_element(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(json_array, "CHUNK", chunk)  # elements cut across reads must come out whole
    posts = [{"id": i, "text": f"post {i} " + "word " * (i * 5), "score": 1.25 * i} for i in range(30)]
    export = tmp_path / "posts.json"
    export.write_text("[\n" + ",\n".join(json.dumps(p) for p in posts) + "\n]\n", encoding="utf-8")
    found = records(items(export))
    assert [(r.id, r.text, r.line) for r in found] == [(str(p["id"]), p["text"], i + 2) for i, p in enumerate(posts)]


def test_a_json_object_holding_the_posts_and_a_broken_array(tmp_path):
    api = tmp_path / "api.json"
    api.write_text('{"meta": {"count": 2}, "data": [{"id": "a", "text": "one"},\n {"id": "b", "text": "two"}]}',
                   encoding="utf-8")
    assert [(r.id, r.line) for r in records(items(api))] == [("a", 1), ("b", 2)]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1, "text": "a"},\n{"id": 2 "text": "b"},\n{"id": 3, "text": "c"}]', encoding="utf-8")
    found = items(broken)
    assert [r.id for r in records(found)] == ["1"]
    assert isinstance(found[-1], Unreadable) and "line 2" in str(found[-1]) and "not read" in str(found[-1])
    cut = tmp_path / "cut.json"
    cut.write_text('[{"id": 1, "text": "a"}, {"id": 2, "te', encoding="utf-8")
    assert isinstance(items(cut)[-1], Unreadable)


def test_an_x_archive_gives_ids_urls_the_account_and_unescaped_text(tmp_path):
    data = tmp_path / "twitter-2025" / "data"
    data.mkdir(parents=True)
    (data / "account.js").write_text('window.YTD.account.part0 = [{"account": {"username": "acme_rob"}}]',
                                     encoding="utf-8")
    tweets = [{"tweet": {"id_str": "100", "full_text": "Tom &amp; Jerry &lt;3", "created_at":
                         "Wed Oct 10 20:19:24 +0000 2018"}},
              {"tweet": {"id_str": "101", "full_text": "second"}}]
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2), encoding="utf-8")
    (data / "direct-messages.js").write_text("window.YTD.direct_messages.part0 = []", encoding="utf-8")
    (data / "like.js").write_text("window.YTD.like.part0 = []", encoding="utf-8")
    found = list(read_all([str(tmp_path)], Fields()))
    assert [(r.id, r.text, r.author, r.url, r.line, r.date) for r in records(found)] == [
        ("100", "Tom & Jerry <3", "acme_rob", "https://x.com/acme_rob/status/100", 2,
         "Wed Oct 10 20:19:24 +0000 2018"),
        ("101", "second", "acme_rob", "https://x.com/acme_rob/status/101", 9, None),
    ]
    assert {r.source for r in records(found)} == {str(data / "tweets.js")}  # private messages are not posts


def test_gzip_stdin_sniffing_and_invalid_utf8(tmp_path):
    lines = b'{"id": "g1", "text": "zipped"}\n{"id": "g2", "text": "caf\xe9"}\n'
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(lines))
    found = items(tmp_path / "dump.jsonl.gz")
    assert [(r.id, r.text) for r in records(found)] == [("g1", "zipped"), ("g2", "caf\ufffd")]
    assert any(isinstance(i, Notice) and "invalid UTF-8" in str(i) for i in found)
    stdin = io.BytesIO(b'[{"id": "s1", "text": "from a pipe"}]')
    assert [(r.id, r.source) for r in records(items("-", stdin=stdin))] == [("s1", "-")]
    unknown = tmp_path / "export.data"
    unknown.write_text("text,id\nhello,7\n", encoding="utf-8")
    assert [(r.id, r.text) for r in records(items(unknown))] == [("7", "hello")]


def test_folders_are_walked_for_exports_only(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("text\nb\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an export", encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log(1)", encoding="utf-8")
    texts = [r.text for r in records(read_all([str(tmp_path)], Fields()))]
    assert texts == ["a", "b"]
    missing = list(read_all([str(tmp_path / "nope.jsonl")], Fields()))
    assert isinstance(missing[0], Unreadable)


@pytest.mark.parametrize("value, date", [
    ("2025-03-01T10:00:00Z", dt.date(2025, 3, 1)),
    ("2025-03-01 23:59:59", dt.date(2025, 3, 1)),
    ("Wed Oct 10 20:19:24 +0000 2018", dt.date(2018, 10, 10)),
    ("Tue, 01 Aug 2023 10:00:00 GMT", dt.date(2023, 8, 1)),
    ("1700000000", dt.date(2023, 11, 14)),
    ("1700000000000", dt.date(2023, 11, 14)),
    ("08/01/2023", dt.date(2023, 8, 1)),
    ("last tuesday", None),
    (None, None),
])
def test_dates_as_exports_write_them(value, date):
    assert parse_date(value) == date


def _read_pipes(text, source, fields, max_bytes):
    """A toy format: `id|text` a line."""
    rows = ((number, dict(zip(("id", "text"), line.rstrip("\n").split("|", 1))))
            for number, line in enumerate(text, 1) if line.strip())
    return read_rows(rows, source, Picker(source, fields))


def test_a_new_input_format_is_one_entry_in_readers(tmp_path, monkeypatch):
    """By its suffix in a folder, by its first character on stdin, and by name as --input-format."""
    monkeypatch.setitem(READERS, "pipes", Reader("pipes", _read_pipes, suffixes=(".pipes",), starts=b"#"))
    (tmp_path / "a.pipes").write_text("1|Mail jane@example.com\n2|Nothing here\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("1|not an export\n", encoding="utf-8")
    found = records(list(read_all([str(tmp_path)], Fields())))
    assert [(r.id, r.text, r.source, r.line) for r in found] == [
        ("1", "Mail jane@example.com", str(tmp_path / "a.pipes"), 1), ("2", "Nothing here", str(tmp_path / "a.pipes"), 2)]
    assert exports.format_of("x.pipes.gz") == "pipes" and exports.format_of("x.txt") is None
    sniffed = records(list(read_export("-", Fields(), stdin=io.BytesIO(b"#|a comment line\n3|hi\n"))))
    assert [r.id for r in sniffed] == ["#", "3"]
    named = records(list(read_export(str(tmp_path / "a.txt"), Fields(), input_format="pipes")))
    assert [r.text for r in named] == ["not an export"]


def test_without_the_entry_the_toy_format_is_not_read(tmp_path):
    (tmp_path / "a.pipes").write_text("1|Mail jane@example.com\n", encoding="utf-8")
    assert list(read_all([str(tmp_path)], Fields())) == []
    (only,) = items(tmp_path / "a.pipes")  # named on its own: sniffed as CSV, whose header has no text field
    assert isinstance(only, Unreadable) and "no text field" in str(only)


def test_the_readers_say_what_scan_reads():
    assert list(READERS) == ["jsonl", "csv", "json", "tweets"]
    assert exports.READABLE.startswith("postlint scan reads UTF-8 exports: .jsonl .ndjson .csv .tsv .json, "
                                       "an X archive's tweets.js, any of them gzipped")
