"""`Language`: what postlint knows about one language, in one place.

Checks never hard-code words of a language: they ask the document's unit (`document.language`)
for them. Adding a language means adding one module beside `en.py` that defines `UNIT`, plus the
pack terms for it (rules with `lang: [xx]`).
"""

from __future__ import annotations

from dataclasses import dataclass


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
    """The pip requirement that installs `model`, named in the error when it is missing (None for
    `blank:` models, which need nothing)."""
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
    value_links: frozenset[str] = frozenset()
    """Words and signs that may stand between a label and the value it names: copulas, "number",
    ":", "#" ("my SSN is 078-05-1120", "su DNI es el 48215731A"). `checks/labelled.py`."""
    copulas: frozenset[str] = frozenset()
    """The links that state a value, and close a qualifier ("the PIN for locker 12 *is* 7403").
    `checks/labelled.py`."""
    qualifiers: frozenset[str] = frozenset()
    """Words that open a short phrase between a label and its copula (for, of, de, para, que).
    `checks/labelled.py`."""
    id_words: frozenset[str] = frozenset()
    """Words that name a value after a comma ("driver's licence, *number* K5512-..."). `checks/labelled.py`."""
    own_possessives: frozenset[str] = frozenset()
    """Possessives of the author (my, our, mi): their value is the author's own. `checks/labelled.py`."""
    other_possessives: frozenset[str] = frozenset()
    """Possessives and pronouns of someone else (his, your, su): their value is not the author's.
    `checks/labelled.py`."""
    first_person: frozenset[str] = frozenset()
    """Subjects that are the author (I, we, yo; Spanish "nací" says it alone): "I was born on ...".
    `checks/labelled.py`."""
    myself: frozenset[str] = frozenset()
    """The author alone, never "we" (I, my, me, yo, mi): "I was diagnosed with ...". `checks/people.py`."""
    person_nouns: frozenset[str] = frozenset()
    """Words that show a person is meant (customer, daughter, Mrs, cliente): "my daughter was born
    on ...", "Customer: my card is ...". `checks/labelled.py`."""
    reported_speech: frozenset[str] = frozenset()
    """Verbs after which the words are someone else's (wrote, said, dijo). `checks/labelled.py`."""
    dummy_words: frozenset[str] = frozenset()
    """Words that mark a label or value as not real (test, demo, sample, prueba): "the test card",
    "... for demo". `checks/labelled.py`."""
    dummy_preps: frozenset[str] = frozenset()
    """Prepositions that put a dummy word after a value ("for demo", "de prueba"). `checks/labelled.py`."""
    format_units: frozenset[str] = frozenset()
    """Words after a number that make it a format, not a value ("8 characters", "6 dígitos").
    `checks/labelled.py`."""
