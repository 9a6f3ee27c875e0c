"""Property-based tests: for any text, linting never raises and every finding is exact.

Run more examples with `python -m pytest tests/test_properties.py --hypothesis-profile=thorough`
(10,000 examples); CI uses the `ci` profile (a few hundred).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

AS_OF = "2026-11-25"

# Pieces that make checks fire, so findings (not just silence) are exercised.
TRIGGERS = ["Falcon", "#ProjectNightjar", "N i g h t j a r", "Globex", "jane.doe@gmail.com",
            "212-555-0147", "4111 1111 1111 1111", "10.20.1.15", "wiki.corp.acme.example",
            "AKIA4QWERTYUIOPASDFG", "sh1t", "f*ck", "idiots", "lines of coke", "100% secure",
            "clinically proven", "Sarah Miller starts chemo", "password: hunter2", "<!-- x -->",
            "**bold**", "[link](http://x.example)", "`code`", "```\nfence\n```", "# Heading", "&amp;",
            "<p>para</p>", "---\ntitle: Falcon\n---\n"]
# Characters that break naive offset handling.
AWKWARD = ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u0301", "\u0430", "\uff26",
           "\r\n", "\r", "\n", "\t", "👍🏽", "👨‍👩‍👧", "ﬁ", "\ud800", "\udfff", "’", "\x00", "\x0b", "\u2028"]

pieces = st.one_of(
    st.sampled_from(TRIGGERS),
    st.sampled_from(AWKWARD),
    st.text(min_size=1, max_size=12),
    st.characters(blacklist_categories=()),  # anything, lone surrogates included
)
texts = st.lists(pieces, max_size=25).map("".join)
paths = st.sampled_from([None, "post.md", "page.html", "draft.txt", "notes.mdx"])


def line_col(text: str, offset: int) -> tuple[int, int]:
    """An independent reference: lines end at \\r\\n, \\r or \\n."""
    line, line_start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", text[:offset]):
        line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


@pytest.mark.slow
@given(text=texts, path=paths)
def test_findings_are_exact_and_deterministic(linter, text, path):
    findings = linter.lint(text, path=path, as_of=AS_OF)
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.match
        assert (f.line, f.col) == line_col(text, f.start)
        assert (f.end_line, f.end_col) == line_col(text, f.end)
        assert f.path == path
    assert linter.lint(text, path=path, as_of=AS_OF) == findings


@pytest.mark.slow
@given(batch=st.lists(texts, max_size=6))
def test_lint_many_agrees_with_lint(linter, batch):
    assert list(linter.lint_many(batch, as_of=AS_OF)) == [linter.lint(t, as_of=AS_OF) for t in batch]
