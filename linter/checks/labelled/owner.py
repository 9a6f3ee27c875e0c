"""Whose a labelled value is, as the post says it: the author's own, someone else's, or not said.

"my SSN", "our IBAN" and "I was born on" make it the author's; "his", "Tom's", "la nacionalidad de
Oksana", words quoted or reported ("the customer wrote: my card is ...") and a named person before
"born" make it someone else's. The `labelled` check weighs the answer as evidence (`_evidence.py`);
a field that needs an owner, or a person for subject, counts only when the post says one. The
possessives, copulas and person nouns come from the post's language unit.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from ...languages import declare
from .._context import OF_WORDS, alternatives, is_quoted
from .._evidence import FIRST_PERSON, OTHER_POSSESSIVES, OWN_POSSESSIVES, PERSON_NOUNS
from .._phrases import ARTICLES
from .values import VALUE_COPULAS, WORD, words_before

if TYPE_CHECKING:
    from ...document import Document
    from ...languages import Language as LanguageUnit

REPORTED_SPEECH = declare(
    "reported_speech",
    "Verbs after which the words are someone else's (wrote, said, dijo).",
    frozenset())

_SPEAKER = regex.compile(r"\s*(\p{L}[\p{L}.]*(?: \p{L}[\p{L}.]*){0,2})\s*:\s")


def _quoted_or_reported(text: str, pos: int, s_start: int, g: LanguageUnit) -> bool:
    """The words at `pos` are someone else's: inside quotes, after "the customer wrote", or in a
    transcript line such as "Customer: my card is ..."."""
    if is_quoted(text, pos, s_start):
        return True
    words = [w.lower() for w in WORD.findall(text[s_start:pos])]
    for i, word in enumerate(words):
        if word in REPORTED_SPEECH.of(g) and not (i and words[i - 1] in FIRST_PERSON.of(g)):
            return True
    line_start = text.rfind("\n", 0, pos) + 1
    speaker = _SPEAKER.match(text, line_start, pos)
    if speaker is None:
        return False
    name = speaker.group(1).split()
    return name[-1].lower() in PERSON_NOUNS.of(g) or (len(name) >= 2 and all(w[:1].isupper() for w in name))


def owner_before(text: str, label_at: int, s_start: int, g: LanguageUnit) -> bool | None:
    """Whose the labelled value is: True for the author's own (the nearest possessive before the
    label is "my" or "our"), False for someone else's ("his", "Tom's", "your", or words quoted or
    reported from someone else), None when the post does not say."""
    if _quoted_or_reported(text, label_at, s_start, g):
        return False
    for word in reversed(words_before(text, label_at, s_start, 4, g)):
        if word in OWN_POSSESSIVES.of(g):
            return True
        if word in OTHER_POSSESSIVES.of(g) or word.endswith(("'s", "’s", "s'")):
            return False
    return None


@functools.cache
def _possessor_after(g: LanguageUnit) -> regex.Pattern[str]:
    """"of the customer", "de Lucía", "de mi hija": a possessor right after a label, in `g`'s words."""
    dets = alternatives(ARTICLES.of(g) | OWN_POSSESSIVES.of(g) | OTHER_POSSESSIVES.of(g))
    return regex.compile(rf"\s+(?:{alternatives(OF_WORDS.of(g))})\s+(?:(?P<det>{dets})\s+)?(?P<who>[\p{{L}}'’\-]+)",
                         regex.IGNORECASE)


def owner_after(text: str, label_end: int, s_end: int, g: LanguageUnit) -> bool | None:
    """Whose the value is, said after the label: "la nacionalidad de Oksana", "the PIN of my
    locker"; None when nothing like that follows."""
    m = _possessor_after(g).match(text, label_end, s_end)
    if m is None:
        return None
    det, who = (m.group("det") or "").lower(), m.group("who")
    if det in OWN_POSSESSIVES.of(g):
        return True
    if det in OTHER_POSSESSIVES.of(g) or who[:1].isupper() or who.lower() in PERSON_NOUNS.of(g):
        return False
    return None


@functools.cache
def _name_subject(g: LanguageUnit) -> regex.Pattern[str]:
    """A capitalised name right before one of `g`'s copulas, at the end: "Priya was ", "Ana fue "."""
    verbs = alternatives(w for w in VALUE_COPULAS.of(g) if w.isalpha())
    return regex.compile(rf"(\p{{Lu}}[\p{{Ll}}'’\-]+(?:\s+\p{{Lu}}[\p{{Ll}}'’\-]+)*)\s+(?:{verbs})\s+$")


def names_a_person(document: Document, start: int, end: int) -> bool:
    """A person's name stands between `start` and `end`: a PERSON entity, or a capitalised name right
    before "was"/"is" that the entity recogniser did not call anything else ("Priya was born")."""
    ents = list(document.doc.ents)
    person = document.language.entity_labels.get("PERSON", ("PERSON",))
    if any(e.label_ in person and start <= e.start_char and e.end_char <= end for e in ents):
        return True
    m = _name_subject(document.language).search(document.text, start, end)
    return m is not None and not any(e.start_char < m.end(1) and m.start(1) < e.end_char for e in ents)


def person_owner(text: str, label_at: int, s_start: int, label: str, g: LanguageUnit, named: bool) -> bool | None:
    """For what only a person has ("born", "birthday"): True when it is the author's ("I was born",
    "my birthday"), False for someone else ("my daughter was born", "Margaret Ellis, born", "his
    birthday"; `named`: a person's name stands before it), None when no person is ("the company was
    born on ...", "Rust's first birthday")."""
    if label.lower() in FIRST_PERSON.of(g):
        return not _quoted_or_reported(text, label_at, s_start, g)
    for word in reversed(words_before(text, label_at, s_start, 6, g)):  # the nearest says whose
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if base in PERSON_NOUNS.of(g) or word in OTHER_POSSESSIVES.of(g):
            return False
        if word in FIRST_PERSON.of(g) or word in OWN_POSSESSIVES.of(g):
            return not _quoted_or_reported(text, label_at, s_start, g)
    if named or regex.search(r"\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+)*\s*,\s*$", text[s_start:label_at]):
        return False  # "our oldest customer, Margaret Ellis, born ..."
    return None
