"""Spanish: spaCy's bare Spanish tokenizer, and so far the English cue words.

Until Spanish cue words are written (issue 13: a real Spanish pipeline, Spanish negators,
pronouns and articles, message templates), Spanish posts are read with the English lists, as
postlint has always done: each field below says so where it borrows from `en`.
"""

from __future__ import annotations

from . import en
from .unit import Language

UNIT = Language(
    code="es",
    name="Spanish",
    model="blank:es",  # no tags, lemmas or entities: pattern rules and Presidio's recognizers only
    install=None,
    negators=en.UNIT.negators,  # English, for now ("no" serves both)
    negating_suffix=en.UNIT.negating_suffix,
    clause_words=en.UNIT.clause_words,
    pronouns=en.UNIT.pronouns,
    name_particles=en.UNIT.name_particles,  # already holds de, del, la
    money_magnitudes=en.UNIT.money_magnitudes,
    currency_words=en.UNIT.currency_words,
    indefinite_articles=en.UNIT.indefinite_articles,
    phone_extensions=en.UNIT.phone_extensions,
)
