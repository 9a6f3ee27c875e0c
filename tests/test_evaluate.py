"""Scoring follows DESIGN section 2, and the project's own corpus meets its bar."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from linter.errors import ConfigError
from linter.evaluate import Expected, LabelledPost, evaluate, read_posts, score_post
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
