"""`Language`: what postlint knows about one language, in one place.

Checks never hard-code words of a language: they ask the document's unit (`document.language`)
for them. Adding a language means adding one module beside `en.py` that defines `UNIT`, plus the
pack terms for it (rules with `lang: [xx]`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)  # eq=False: units are singletons, hashed by identity (memo keys)
class Language:
    """One language's model and words. Every field is read by the code named in its comment.

    Word lists are lower case. A field a language has nothing for may be empty; the checks that
    read it then simply find no cue there.
    """

    code: str
    """ISO 639-1 code, as written in config `lang:`, `--lang`, a rule's `lang:` and a post's `lang`."""
    name: str
    """The language's name in English, for messages."""
    model: str
    """The default spaCy pipeline (config `models:` overrides it): an installed package's name, or
    `blank:xx` for spaCy's bare tokenizer of language xx (no tags, lemmas or entities)."""
    install: str | None
    """What to pass to `pip install` for `model` (a requirement, with `--no-deps` where the model
    pins an older spaCy), named in the error or notice when it is missing (None for `blank:`)."""
    negators: frozenset[str]
    """Words that deny what follows in their clause: a rule with `skip_negated` leaves a match
    alone when one stands among the six words before it ("no system is 100% secure").
    `checks/_context.py`."""
    negating_suffix: str
    """A word ending that negates too (English "n't"), or "" for none. `checks/_context.py`."""
    clause_words: tuple[str, ...]
    """Words that start a new clause, so a negation before them does not reach past them ("we
    never slowed down, but this is guaranteed"). `checks/_context.py`."""
    pronouns: frozenset[str]
    """Personal pronouns that carry a name into the next sentence ("Keep Sarah in your thoughts.
    She starts chemo on Monday."). `checks/people.py`."""
    name_particles: tuple[str, ...]
    """Lower-case words that belong inside personal names (van, de, bin): a name with any other
    lower-case word is an NER slip, not a person. `checks/people.py`."""
    money_magnitudes: tuple[str, ...]
    """Words after an amount that scale it ("$185 thousand"). `checks/people.py` (pay_verbs)."""
    currency_words: tuple[str, ...]
    """Currency names written after an amount ("90,000 euros"). `checks/people.py` (pay_verbs)."""
    indefinite_articles: tuple[str, ...]
    """Articles that make a name a common noun: "a nightjar" is the bird, not the codename.
    `checks/codenames.py`."""
    phone_extensions: tuple[str, ...]
    """How a phone extension is written before its digits ("x204", "ext. 12"), each form in full.
    `checks/phones.py`."""
    articles: frozenset[str] = frozenset()
    """Articles and determiners, whatever their lemma: a rule phrase is in its base form when every
    other word is ("cerrar la oficina" matches "cierran la oficina" though "la" lemmatises to
    "el"). `checks/_phrases.py`."""
    not_names: frozenset[str] = frozenset()
    """Words the language's NER takes for names but that never are one (Spanish "Hola", "Está"):
    stripped from the front of a person entity, which is dropped when nothing else is left.
    `checks/people.py`."""
    fallback: str | None = None
    """A pipeline used, with one notice at load time, when `model` is not installed (None: a
    missing model is an error). Rules that need what the fallback lacks are named in the notice."""
    tested_models: Mapping[str, str] = field(default_factory=dict)
    """Model package -> the version tested with this spaCy release (tests/test_spanish_model.py):
    spaCy's warning W095 (a model trained with an older spaCy) is silenced for exactly these."""
    entity_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Presidio entity type -> the labels this language's NER gives it (PERSON: PER in Spanish
    models). `presidio.py`, `checks/people.py`."""
    presidio_context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Presidio entity type -> words that raise a recognizer's score when they stand close (its
    `context`), for recognizers whose own words are English. `presidio.py`."""
    phone_region: str | None = None
    """The region a number written without + is read in to tell a toll-free line (a business's
    public number, not a person's). `checks/phones.py`."""
    months: tuple[str, ...] = ()
    """The twelve month names, lower case, January first. `format_date`."""
    date_format: str = "{year}-{month:02d}-{day:02d}"
    """How a date reads in a message: `str.format` fields year, day, month (a number) and
    month_name. `format_date`."""
    messages: Mapping[str, str] = field(default_factory=dict)
    """Words checks put into findings' messages (`{until}`, `{entity}`), by key: `until`,
    `until_unset`, `not_set`, and `entity.<PRESIDIO_TYPE>`. `message()`."""
    stop_words: frozenset[str] = frozenset()
    """The language's most frequent short words (articles, prepositions, pronouns, auxiliaries),
    lower case: how `_detect.py` tells a post's language. Words common to several languages count
    for none of them."""
    marks: str = ""
    """Characters this language writes and the others registered rarely do (Spanish ¿ ¡ ñ and
    accented vowels): a word holding one counts as one of its stop words in `_detect.py`."""

    def message(self, key: str, **values: str) -> str:
        """The message words under `key`, filled with `values` (KeyError names a missing key)."""
        return self.messages[key].format(**values)

    def format_date(self, date: dt.date) -> str:
        """`date` as a reader of this language writes it ("1 de marzo de 2027")."""
        name = self.months[date.month - 1] if self.months else str(date.month)
        return self.date_format.format(year=date.year, month=date.month, day=date.day, month_name=name)
