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
    ("Night\ufe0fjar", "Nightjar"),                 # a variation selector (Mn, not Cf)
    ("Nig\u034fht\u180bjar", "Nightjar"),           # grapheme joiner, Mongolian selector
    ("Nig\u0332ht\u0336jar", "Nightjar"),           # underline and strike-through marks
    ("café naïve", "café naïve"),                    # accents that compose stay
    ("Ni\u0261htj\u0585r", "Nightjor"),             # Latin script g, Armenian oh: Unicode's data
    ("\u0406nitech", "Initech"),                     # a capital I look-alike is an I, not an l
    ("x \u202eraJthgiN\u202c y", "x NightJar raJthgiN y"),    # read as shown (reversed) and as written
    ("212\u2013555\u20110147", "212-555-0147"),     # en dash, non-breaking hyphen
    ("4111  1111\t1111\n1111", "4111 1111 1111 1111"),  # spaced-out digit groups
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


def test_a_reversed_run_maps_to_the_whole_override():
    source = "Sneak peek: \u202eraJthgiN\u202c ships"
    text, offsets = normalise(source)
    start = text.index("NightJar")
    assert offsets.span(start, start + 8) == (12, 22)


def test_names_fold_accents_and_look_alikes_in_place():
    from linter.normalize import fold_for_names

    assert fold_for_names("N\u00ecghtj\u00e1r and \u0421\u043e\u0440") == "Nightjar and Cop"
    assert len(fold_for_names("\u00e9\u00e8\u0430")) == 3


def test_ascii_text_is_not_copied_through_the_slow_path():
    text, offsets = normalise("plain ascii")
    assert text == "plain ascii" and offsets.is_identity
