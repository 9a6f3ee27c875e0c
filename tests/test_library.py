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
    quiet = Linter({"rules": {"profanity": "off", "PII-EMAIL": {"severity": "warning"}}})
    findings = quiet.lint("Damn, mail bob@gmail.com")
    assert [(f.code, f.severity) for f in findings] == [("PII-EMAIL", "warning")]


def test_bad_as_of_is_a_clear_error(linter):
    from linter.errors import PostlintError

    with pytest.raises(PostlintError, match="is not a date"):
        linter.lint("x", as_of="soon")


def test_one_post_per_call_does_not_grow_the_vocabulary(plain_linter):
    """A server lints one post per call: after the first, each call's new words are dropped again."""
    plain_linter.lint("A first post warms the pipeline up.")
    strings = plain_linter._runtime("en").nlp.vocab.strings
    before = len(strings)
    for i in range(40):
        plain_linter.lint(f"Post {i}: zqx{i}unique and qzy{i}other arrived with ref-{i * 7919}.")
    assert len(strings) - before < 40  # at least 80 new words went through
