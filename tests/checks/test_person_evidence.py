"""PII-PERSON needs evidence that the model's PERSON is a person (class 4 of issue 10)."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def people(linter, text, path="post.md"):
    return [f.match for f in linter.lint(text, path=path, as_of=AS_OF) if f.code == "PII-PERSON"]


@pytest.mark.parametrize("text", [
    "Docker Compose complained about the missing volume, so we filed a complaint upstream.",
    "For a long time the index was a Git repo on GitHub, and then they complained to us.",
    "Salary Finder shows salary ranges for every role in the region.",
    "The Training Finder lists courses; Files keeps your salary slips in one place.",
    "Use `Makai` as the diagnosis label in the config file.",
])
def test_products_and_tools_are_not_people(plain_linter, text):
    assert people(plain_linter, text) == []


@pytest.mark.parametrize("text, name", [
    ("Big hugs to Sarah Miller, who starts chemo next week.", "Sarah Miller"),
    ("Dr. Okonkwo is on medical leave until March.", "Okonkwo"),
    ("Benno Lossin was diagnosed with cancer this spring.", "Benno Lossin"),
])
def test_people_with_evidence_are_reported(plain_linter, text, name):
    assert people(plain_linter, text) == [name]


def test_changelog_credits_are_attribution(plain_linter):
    post = "## 1.4.0\n\n- Fix the crash on salary export (Sarah Miller) #1234\n"
    assert people(plain_linter, post) == []
