"""Texts longer than spaCy's max_length are checked whole, in pieces, with exact offsets."""

from __future__ import annotations

import pytest

from linter.engine import linting as engine


@pytest.fixture
def short_max_length(linter):
    """spaCy refuses texts over nlp.max_length (1,000,000); a small limit keeps the test quick."""
    nlp = linter._runtime("en").nlp
    original = nlp.max_length
    nlp.max_length = 2_000
    yield
    nlp.max_length = original


def test_text_over_max_length_is_checked_whole(linter, short_max_length):
    paragraph = "We shipped faster builds this week and the team is proud of it. " * 5 + "\n\n"
    parts = [paragraph] * 40
    parts[3] = paragraph + "Mail jane.doe@gmail.com today.\n\n"
    parts[-2] = paragraph + "Falcon ships soon.\n\n"
    text = "".join(parts)
    assert len(text) > 5 * 2_000
    findings = linter.lint(text, as_of="2026-11-25")
    assert [(f.code, f.match) for f in findings] == [("PII-EMAIL", "jane.doe@gmail.com"),
                                                     ("CONF-CODENAME", "Falcon")]
    for f in findings:
        assert text[f.start:f.end] == f.match
        assert f.line == text.count("\n", 0, f.start) + 1


def test_pieces_are_cut_between_words(linter, monkeypatch):
    monkeypatch.setattr(engine, "PIECE_CHARS", 50)
    text = "Our customers keep asking. " * 10 + "Reach Jane at jane.doe@gmail.com for details. " * 3
    findings = linter.lint(text, as_of="2026-11-25")
    assert [f.match for f in findings] == ["jane.doe@gmail.com"] * 3
    assert all(text[f.start:f.end] == f.match for f in findings)


def test_a_text_without_spaces_is_cut_hard_and_still_checked(linter, monkeypatch):
    monkeypatch.setattr(engine, "PIECE_CHARS", 100)
    text = "x" * 1_000 + " bob@gmail.com"
    assert [f.match for f in linter.lint(text)] == ["bob@gmail.com"]


def test_pieces_share_one_line_index(linter, monkeypatch):
    """A 100 MB post has a million lines: indexing them once per piece that has a finding made
    a long file take hours. The pieces share the whole document's index, built once."""
    from linter import document as document_module

    built = []
    original = document_module.LineIndex

    class Counting(original):  # type: ignore[misc, valid-type]
        def __init__(self, text: str) -> None:
            built.append(len(text))
            super().__init__(text)

    monkeypatch.setattr(document_module, "LineIndex", Counting)
    monkeypatch.setattr(engine, "PIECE_CHARS", 200)
    text = "Reach Jane at jane.doe@gmail.com for details.\n" * 40
    findings = linter.lint(text)
    assert len(findings) == 40
    assert [f.line for f in findings] == list(range(1, 41))
    assert len(built) == 1


def test_batches_are_bounded_by_characters_too():
    """spaCy's working memory grows with the text parsed at once: a batch of 32 pieces of a
    huge file took 2.8 GB. Past its first piece, a batch holds at most BATCH_CHARS characters."""
    from types import SimpleNamespace

    from linter.engine.linting import _batches

    pieces = [(None, SimpleNamespace(text="x" * n)) for n in (150, 60, 30, 500, 10, 1, 1)]
    sizes = [[len(piece.text) for _, piece in batch] for batch in _batches(pieces, 3, 200)]
    assert sizes == [[150], [60, 30], [500], [10, 1, 1]]
