"""Scoring follows DESIGN section 2, and the project's own corpus meets its bar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from linter.errors import ConfigError
from linter.evaluate import Expected, LabelledPost, evaluate, read_many, read_posts, score_post
from linter.finding import Category, Finding, Severity


def finding(category: str, start: int, end: int) -> Finding:
    return Finding("X-Y", Category(category), Severity.ERROR, "", "", "", start, end, 1, 1, 1, 1, "")


def test_each_expected_entry_matches_at_most_once():
    post = LabelledPost("p", "aaa bbb", (Expected("pii", "aaa", 0, 3),))
    score = score_post(post, [finding("pii", 0, 2), finding("pii", 1, 3), finding("claims", 0, 3)])
    assert (len(score.true_positives), len(score.false_positives), len(score.false_negatives)) == (1, 2, 0)


def test_unmatched_entries_are_false_negatives():
    post = LabelledPost("p", "aaa bbb", (Expected("pii", "bbb", 4, 7),))
    score = score_post(post, [finding("pii", 0, 3)])
    assert (len(score.false_positives), len(score.false_negatives)) == (1, 1)


def test_bad_eval_lines_are_reported_with_their_numbers(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": "a", "text": "x", "expect": []}\nnot json\n'
                    '{"id": "b", "text": "abc", "expect": [{"category": "pii", "match": "zzz"}]}\n')
    with pytest.raises(ConfigError) as info:
        read_posts(path)
    assert [p.line for p in info.value.problems] == [2, 3]


def test_project_corpus_scores(linter):
    posts = read_posts(ROOT / "corpus" / "posts.jsonl")
    assert len(posts) >= 80
    clean = [p for p in posts if not p.expect]
    assert len(clean) >= len(posts) / 3
    report = evaluate(linter, posts)
    micro = report["micro"]
    print(json.dumps(micro))
    assert micro["precision"] >= 0.95 and micro["recall"] >= 0.95


def test_several_files_or_a_folder_are_scored_together_and_each_on_its_own(tmp_path, run):
    folder = tmp_path / "eval"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "a1", "text": "Mail jane.doe@gmail.com today.", '
                                    '"expect": [{"category": "pii", "match": "jane.doe@gmail.com"}]}\n')
    (folder / "b.jsonl").write_text('{"id": "b1", "text": "We shipped version 2.4.1.", "expect": []}\n'
                                    '{"id": "b2", "text": "My PIN is 2580.", '
                                    '"expect": [{"category": "confidential", "match": "2580"}]}\n')
    (folder / "notes.txt").write_text("not an evaluation file\n")
    code, out, _ = run("eval", folder, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["micro"]["tp"] == 2 and len(report["posts"]) == 3
    assert {Path(k).name: v["tp"] for k, v in report["files"].items()} == {"a.jsonl": 1, "b.jsonl": 1}
    code, out, _ = run("eval", folder / "a.jsonl", folder / "b.jsonl")
    assert code == 0 and "a.jsonl" in out and "b.jsonl" in out
    code, out, _ = run("eval", folder / "a.jsonl", "--format", "json")
    assert "files" not in json.loads(out)  # one file: the report of DESIGN section 2, unchanged


def test_ids_must_be_unique_across_files(tmp_path):
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text('{"id": "same", "text": "x", "expect": []}\n')
    with pytest.raises(ConfigError) as info:
        read_many([tmp_path])
    assert "duplicate id 'same'" in str(info.value) and "a.jsonl:1" in str(info.value)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ConfigError):
        read_many([tmp_path])


def test_labelled_values_corpus_scores(linter):
    posts = read_posts(ROOT / "corpus" / "labelled-values.jsonl")
    assert len(posts) >= 150
    assert len([p for p in posts if not p.expect]) >= len(posts) / 3
    assert {p.lang for p in posts} == {"en", "es"}
    micro = evaluate(linter, posts)["micro"]
    assert micro["precision"] >= 0.95 and micro["recall"] >= 0.95
