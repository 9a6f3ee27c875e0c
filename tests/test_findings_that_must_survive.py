"""The precision work of issue 10 must not cost the findings people agree with (its four examples)."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


@pytest.mark.parametrize("text, code, match", [
    ("Support story: the customer wrote in from maria.lopez@gmail.com after the arm stalled twice.",
     "PII-EMAIL", "maria.lopez@gmail.com"),
    ("Please send good vibes to Tom Hughes, who was diagnosed with diabetes last week.", "PII-PERSON", "Tom Hughes"),
    ("Heard the reorg will merge the sales and support teams next month, before it's announced.",
     "CONF-REORG", "reorg"),
    ("Our platform is guaranteed to double your revenue.", "CLAIM-GUARANTEE", "guaranteed to double"),
])
def test_findings_people_agree_with_survive(plain_linter, text, code, match):
    for path in ("post.md", "post.txt", None):
        found = [(f.code, f.match) for f in plain_linter.lint(text, path=path, as_of=AS_OF)]
        assert any(c == code and match in m for c, m in found), (path, found)
