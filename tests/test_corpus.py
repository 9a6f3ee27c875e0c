"""The corpus doubles as a regression suite: every enabled rule is tripped by some post of
corpus/*.jsonl (posts.jsonl, labelled-values.jsonl)."""

from __future__ import annotations

from conftest import ROOT

from linter.engine import Post
from linter.evaluate import read_many


def test_every_enabled_rule_is_tripped_by_a_corpus_post(linter):
    posts = read_many([ROOT / "corpus"])
    found = {f.code for findings in linter.lint_many(Post(p.text, as_of=p.as_of, lang=p.lang) for p in posts)
             for f in findings}
    enabled = {r.code for r in linter.rules if r.enabled}
    assert len(enabled) >= 40
    assert sorted(enabled - found) == [], "add a post that trips each of these to a file of corpus/"
