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


def test_every_rule_for_spanish_posts_is_tripped_by_a_spanish_corpus_post(linter):
    from linter.evaluate import read_many

    posts = read_many([ROOT / "corpus" / "es"])
    assert len(posts) >= 120
    found = {f.code for findings in linter.lint_many(Post(p.text, as_of=p.as_of, lang=p.lang) for p in posts)
             for f in findings if f.lang == "es"}
    spanish = {r.code for r in linter.rules if r.enabled and "es" in r.languages}
    assert sorted(spanish - found) == [], "add a Spanish post that trips each of these to corpus/es/posts.jsonl"
