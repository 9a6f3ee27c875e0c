"""`import linter` as other tools use it (DESIGN section 2, Library)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from linter import Finding, Linter


def test_lint_returns_frozen_findings_with_contract_fields(linter):
    text = "Hi all,\nReach Jane at jane.doe@gmail.com for details."
    (finding,) = linter.lint(text, as_of=dt.date(2026, 11, 25))
    assert isinstance(finding, Finding)
    assert finding.category == "pii" and finding.code == "PII-EMAIL" and finding.severity == "error"
    assert (finding.line, finding.col) == (2, 15)
    assert text[finding.start:finding.end] == finding.match == "jane.doe@gmail.com"
    assert finding.why and finding.suggestion
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "X"  # type: ignore[misc]


def test_lint_many_keeps_order_and_length(linter):
    texts = ["clean text", "Falcon ships", "", "sh1t happens", "Email bob@gmail.com"]
    results = list(linter.lint_many(texts, as_of="2026-11-25"))
    assert [[f.code for f in r] for r in results] == [[], ["CONF-CODENAME"], [], ["PROF-STRONG"], ["PII-EMAIL"]]


def test_config_as_dict_with_overrides():
    # DER-OFFENSIVE's model reads swearing as offensive (OLID does), so it is turned off by code here
    quiet = Linter({"rules": {"profanity": "off", "DER-OFFENSIVE": "off", "PII-EMAIL": {"severity": "warning"}}})
    findings = quiet.lint("Damn, mail bob@gmail.com")
    assert [(f.code, f.severity) for f in findings] == [("PII-EMAIL", "warning")]
    # the model's reading of a bare "Damn" is vetoed (said of no one): a remark at someone keeps it
    swearing = Linter({"rules": {"profanity": "off"}}).lint("@USER she is a lying hag and should shut her mouth. "
                                                            "Mail bob@gmail.com")
    assert [f.code for f in swearing] == ["DER-OFFENSIVE", "PII-EMAIL"]


def test_bad_as_of_is_a_clear_error(linter):
    with pytest.raises(ValueError, match="is not a date"):
        linter.lint("x", as_of="soon")


def test_without_a_config_each_post_follows_the_config_above_its_path(tmp_path, monkeypatch):
    """`Linter()` finds a post's postlint.yaml upward from the post's path, as the CLI does."""
    from linter.engine import Post

    acme, other, elsewhere = tmp_path / "acme", tmp_path / "other", tmp_path / "elsewhere"
    for folder in (acme / "posts", other, elsewhere):
        folder.mkdir(parents=True)
    (acme / "postlint.yaml").write_text("company:\n  codenames: [Roadrunner]\nlang: en\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    text = "Roadrunner ships next week."
    linter = Linter()
    assert linter.config.path is None
    assert [f.code for f in linter.lint(text, path=str(acme / "posts" / "launch.md"), as_of="2026-11-25")] == \
        ["CONF-CODENAME"]
    assert linter.lint(text, path=str(other / "launch.md"), as_of="2026-11-25") == []
    assert linter.lint(text, as_of="2026-11-25") == []  # no path: the working directory's config
    posts = [Post(text, path=str(other / "a.md")), Post(text, path=str(acme / "b.md")), Post(text),
             Post(text, path=str(acme / "posts" / "c.md"))]
    assert [[f.code for f in found] for found in linter.lint_many(posts, as_of="2026-11-25")] == \
        [[], ["CONF-CODENAME"], [], ["CONF-CODENAME"]]


def test_a_given_config_applies_whatever_the_path(tmp_path):
    (tmp_path / "postlint.yaml").write_text("company:\n  codenames: [Roadrunner]\n", encoding="utf-8")
    linter = Linter({})
    assert linter.lint("Roadrunner ships.", path=str(tmp_path / "post.md"), as_of="2026-11-25") == []


def test_one_post_per_call_does_not_grow_the_vocabulary(plain_linter):
    """A server lints one post per call: after the first, each call's new words are dropped again."""
    plain_linter.lint("A first post warms the pipeline up.")
    strings = plain_linter._runtime("en").nlp.vocab.strings
    before = len(strings)
    for i in range(40):
        plain_linter.lint(f"Post {i}: zqx{i}unique and qzy{i}other arrived with ref-{i * 7919}.")
    assert len(strings) - before < 40  # at least 80 new words went through
