"""A language's hostility words, looked up by any form a post writes them in, disguised or not.

The word sets come from the language unit (`linter/languages/words/<lang>/hostility.yaml`, and its
`groups`). A written word is looked up by its forms: unaccented, digits read as letters ("d1sgusting"),
singular and masculine, a Spanish verb's infinitive; a word that is no word of the language and lies
one edit away from a pejorative, a hostile verb or a threat (letters swapped, dropped or added) is
read as that word in disguise. One lexicon per language unit and pipeline, built once.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ...languages import declare
from ...vocab import dictionary
from .._targets import GROUPS

if TYPE_CHECKING:
    from spacy.language import Language

    from ...languages import Language as Unit

HOSTILITY = declare(
    "hostility",
    "Lemma sets of hostility (verbs, pejoratives, threats, negated esteem, curses), of reported "
    "speech and of the people a remark may target, by name: one set serves every derogatory rule.",
    {}, source="sets")


LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"})
FUZZY_SETS = ("pejoratives", "hostile_verbs", "threat_verbs")
HOSTILE = frozenset({"hostile_verbs", "tolerance_verbs", "aversion_words", "disgust_verbs", "pejoratives",
                      "esteem_words", "threat_verbs", "exclusion_verbs", "curse_words", "harm_verbs", "know_words"})
FUZZY_MIN = 5  # a disguised word needs this many letters: shorter ones have too many neighbours


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one edit: a letter swapped with the next, dropped, added or replaced."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class Lexicon:
    """A language's hostility sets, ready for look-ups by any form of a word."""

    def __init__(self, unit: Unit, nlp: Language) -> None:
        self.unit = unit
        self.sets = dict(HOSTILITY.of(unit))
        self.sets["groups"] = GROUPS.of(unit)
        self.single: dict[str, set[str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, entries in self.sets.items():
            for entry in entries:
                words = tuple(entry.split())
                if len(words) == 1:
                    self.single.setdefault(entry, set()).add(name)
                    if len(entry) >= 4:  # tweets drop accents; short words would collide ("sé", "se")
                        self.single.setdefault(_strip_accents(entry), set()).add(name)
                else:
                    self.multi.setdefault(words[0], []).append((words, name))
        self.fuzzy: dict[str, set[tuple[str, str]]] = {}
        for name in FUZZY_SETS:
            for entry in self.sets.get(name, ()):
                if " " not in entry and len(entry) >= FUZZY_MIN - 1:
                    for key in {entry} | _deletions(entry):
                        self.fuzzy.setdefault(key, set()).add((entry, name))
        self.endings = sorted(self.sets.get("verb_endings", ()), key=len, reverse=True)
        self.known = dictionary(nlp)

    def forms(self, word: str) -> set[str]:
        """The keys a written word may stand for: itself, unaccented, digits read as letters, and
        its singular and masculine (Spanish adjectives and nouns are listed in that form)."""
        word = word.lower().replace("\u2019", "'")
        found = {word, _strip_accents(word)} if len(word) >= 4 else {word}
        if any(c in word for c in "4@310$57!") and any(c.isalpha() for c in word):
            found.add(word.translate(LEET))
        for w in list(found):
            if len(w) > 3 and w.endswith("ies"):
                found.add(w[:-3] + "y")
            if len(w) > 3 and w.endswith("es") and w[-3] in "sxzhlrndjy":  # "boxes", "animales"; not "rates"
                found.add(w[:-2])
            if len(w) > 2 and w.endswith("s"):
                found.add(w[:-1])
        for w in list(found):
            if len(w) > 2 and w.endswith("a"):
                found.add(w[:-1] + "o")
        for ending in self.endings:  # a regular verb's person and tense: "tolero", "echad" (tolerar, echar)
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                found.update(stem + infinitive for infinitive in ("ar", "er", "ir"))
        return found

    def names(self, keys: set[str]) -> set[str]:
        out: set[str] = set()
        for key in keys:
            out |= self.single.get(key, set())
        return out

    def disguised(self, keys: set[str]) -> set[str]:
        """Sets a word one edit away belongs to (swapped, dropped or added letter), if it is no word."""
        if keys & self.known:
            return set()
        out: set[str] = set()
        for key in keys:
            if len(key) >= FUZZY_MIN - 1 and key.isalpha():
                for variant in {key} | _deletions(key):
                    for entry, name in self.fuzzy.get(variant, ()):
                        # four letters: only two swapped ("scmu"); else any one edit ("disgustng")
                        if (len(key) >= FUZZY_MIN and len(entry) >= FUZZY_MIN and one_edit(key, entry)) or (
                                len(key) == len(entry) and sorted(key) == sorted(entry) and one_edit(key, entry)):
                            out.add(name)
        return out


_LEXICONS: dict[tuple[str, int], Lexicon] = {}


def lexicon(unit: Unit, nlp: Language | None) -> Lexicon:
    """The lexicon of `unit` for pipeline `nlp` (built once per pair)."""
    key = (unit.code, id(nlp))
    if key not in _LEXICONS:
        _LEXICONS[key] = Lexicon(unit, nlp)  # type: ignore[arg-type]
    return _LEXICONS[key]
