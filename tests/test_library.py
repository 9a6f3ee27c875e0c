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
    swearing = Linter({"rules": {"profanity": "off"}}).lint("Damn, mail bob@gmail.com")
    assert [f.code for f in swearing] == ["DER-OFFENSIVE", "PII-EMAIL"]


def test_bad_as_of_is_a_clear_error(linter):
    from linter.errors import PostlintError

    with pytest.raises(PostlintError, match="is not a date"):
        linter.lint("x", as_of="soon")
