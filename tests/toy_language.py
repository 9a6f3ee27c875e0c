"""A toy language in one module: what adding a language takes (docs/languages.md, "Adding a language").

Dutch, as far as the test needs it: spaCy's bare Dutch tokenizer (`blank:nl`: nothing to
install), the words that tell a Dutch post, month names, message words, negators; one word file
(`tests/data/toy_language/groups.txt`); every other word set the kinds declare is left empty on
purpose (`other_words_empty`). Importing this module registers it, so import it before the rest of
postlint (tests/test_languages.py runs it in a process of its own).
"""

from __future__ import annotations

from pathlib import Path

from linter.languages import Language, register

UNIT = register(Language(
    code="nl",
    name="Dutch",
    model="blank:nl",
    install=None,
    stop_words=frozenset("de het een en van is niet dat op te ik je we ze met voor zijn maar ook geen er".split()),
    months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december"),
    date_format="{day} {month_name} {year}",
    messages={"until": "tot {date}", "until_unset": "tot het is aangekondigd", "not_set": "niet vastgesteld"},
    vocabulary={"negators": frozenset({"niet", "geen", "nooit"}), "negating_suffix": "", "clause_words": ("maar",)},
    other_words_empty=True,
    words_folder=Path(__file__).resolve().parent / "data" / "toy_language",
))
