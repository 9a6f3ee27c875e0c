"""Disguises are undone once, and every normalised character maps back to its source."""

from __future__ import annotations

import pytest

from linter.normalize import normalise


@pytest.mark.parametrize("source, expected", [
    ("Fаlcon ships", "Falcon ships"),             # Cyrillic а
    ("N\u200bight\u200bjar", "Nightjar"),          # zero-width spaces
    ("Ｆａｌｃｏｎ", "Falcon"),                      # full-width letters
    ("don\u2019t", "don't"),                        # curly apostrophe
    ("soft\u00adhyphen", "softhyphen"),
    ("ﬁle", "file"),                                # ligature
])
def test_disguises_are_undone(source, expected):
    assert normalise(source)[0] == expected


def test_real_greek_and_cyrillic_words_are_left_alone():
    for word in ("Ελληνικά", "Москва"):
        assert normalise(word)[0] == word


def test_spans_map_back_to_the_original_characters():
    source = "Launch of F\u0430lcon\u200b today"
    text, offsets = normalise(source)
    start = text.index("Falcon")
    s, e = offsets.span(start, start + len("Falcon"))
    assert source[s:e] == "F\u0430lcon"


def test_ascii_text_is_not_copied_through_the_slow_path():
    text, offsets = normalise("plain ascii")
    assert text == "plain ascii" and offsets.is_identity
