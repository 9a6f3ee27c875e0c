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
