"""Baselines (linter/baseline.py): record today's findings, report only new ones later."""

from __future__ import annotations

import json

import pytest

from linter.baseline import Baseline
from linter.errors import PostlintError
from linter.report import FileResult

POST = "Intro line.\nReach Jane at jane.roe@gmail.com for details.\nThese idiots broke it.\n"


@pytest.fixture
def results_of(plain_linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths are recorded relative to the baseline's folder

    def lint(text: str, path: str = "content/post.md") -> list[FileResult]:
        return [FileResult(path, plain_linter.lint(text, path=path), text)]

    return lint


def new_codes(results) -> list[str]:
    return [f.code for r in results for f in r.findings]


def test_recorded_findings_are_not_reported_again(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    assert len(baseline.entries) == 2
    filtered = baseline.filter(results_of(POST))
    assert new_codes(filtered) == [] and filtered[0].baselined == 2


def test_fingerprints_survive_lines_moving_and_edits_elsewhere(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    moved = "A new first paragraph.\n\nAnd another.\n" + POST.replace("Intro line.", "Intro, edited.")
    assert new_codes(baseline.filter(results_of(moved))) == []


def test_a_new_finding_is_reported(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    grown = POST + "Or mail bob.smith@gmail.com.\n"
    (result,) = baseline.filter(results_of(grown))
    assert [(f.line, f.code, f.match) for f in result.findings] == [(4, "PII-EMAIL", "bob.smith@gmail.com")]


def test_a_second_copy_of_a_recorded_match_is_new(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    copied = POST + "Again: jane.roe@gmail.com\n"
    (result,) = baseline.filter(results_of(copied))
    assert [(f.line, f.code) for f in result.findings] == [(4, "PII-EMAIL")]


def test_a_recorded_line_that_was_edited_still_matches_by_its_match(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    edited = POST.replace("for details", "if you need anything at all")
    assert new_codes(baseline.filter(results_of(edited))) == []


def test_the_same_finding_in_another_file_is_new(results_of, tmp_path):
    baseline = Baseline.record(results_of(POST), root=tmp_path)
    assert new_codes(baseline.filter(results_of(POST, path="content/other.md"))) == ["PII-EMAIL", "DER-INSULT"]


def test_the_file_holds_no_matched_text_and_round_trips(results_of, tmp_path):
    path = tmp_path / ".postlint-baseline.json"
    Baseline.record(results_of(POST), root=tmp_path).write(path)
    text = path.read_text(encoding="utf-8")
    assert "jane" not in text.lower() and "idiots" not in text and "gmail" not in text
    data = json.loads(text)
    assert data["version"] == 1 and len(data["salt"]) == 32
    assert {e["path"] for e in data["findings"]} == {"content/post.md"}
    loaded = Baseline.load(path)
    assert new_codes(loaded.filter(results_of(POST))) == []


def test_each_baseline_has_its_own_salt(results_of, tmp_path):
    first = Baseline.record(results_of(POST), root=tmp_path)
    second = Baseline.record(results_of(POST), root=tmp_path)
    assert first.salt != second.salt
    assert {e.match for e in first.entries}.isdisjoint({e.match for e in second.entries})


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON"),
    ('{"version": 7, "salt": "00112233445566778899", "findings": []}', "version 7 is not supported"),
    ('{"version": 1, "salt": "zz", "findings": []}', "salt must be at least 16 hexadecimal digits"),
    ('{"version": 1, "salt": "00112233445566778899", "findings": [{"path": "a"}]}', "finding #1"),
    ('[]', "not a postlint baseline"),
])
def test_a_broken_baseline_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PostlintError, match=message):
        Baseline.load(path)


def test_a_missing_baseline_says_how_to_make_one(tmp_path):
    with pytest.raises(PostlintError, match="postlint baseline PATHS -o"):
        Baseline.load(tmp_path / "missing.json")
