"""`Language`: what postlint knows about one language, and the word sets its parts read in it.

A unit holds what every part needs (its code and name, its spaCy model and how to install it, the
fallback, the words that tell a post's language, dates, the words of messages, the NER labels) and
`vocabulary`: the word sets that the rule kinds declare. A kind (or one of its helpers) declares
each set it reads where it reads it, with what it is for, and reads it in the post's language:

    NEGATORS = declare("negators", "Words that deny what follows in their clause ...", frozenset())
    ...
    if word in NEGATORS.of(document.language): ...

Each unit fills every declared set, in `vocabulary` for short closed lists and flags, or in its
word files (`words/<code>/<name>.txt` for a list, `<name>.yaml` for named sets); a set a language
has nothing for is filled empty on purpose (`checks.load_kinds` and the tests check that every
registered unit fills every declared set). Adding a language is one module beside `en.py` that
defines `UNIT`, its word files, and the rules' text blocks for it (`xx:` in each rule).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..vocab import read_list, read_sets

WORDS = Path(__file__).resolve().parent / "words"
"""One folder per language code, holding its word files."""

T = TypeVar("T")
SOURCES = {"unit": "", "list": ".txt", "sets": ".yaml"}  # where a unit fills a set: vocabulary, or a word file


@dataclass(frozen=True, eq=False)
class Words(Generic[T]):
    """A word set a part of postlint reads in a post's language, declared by that part (`declare`)."""

    name: str
    doc: str
    """What it is for, in one or two sentences."""
    owner: str
    """The module that declared it (and reads it)."""
    empty: T
    """Its value in a language that has none: also what type a unit's value must be."""
    source: str = "unit"
    """"unit": a value in `Language.vocabulary`; "list": the file `<name>.txt` of the language's
    word folder (one entry a line); "sets": `<name>.yaml` (set name -> list of lemmas)."""

    def of(self, language: Language) -> T:
        """This set in `language`."""
        if self.source == "unit":
            return language.vocabulary.get(self.name, self.empty)  # type: ignore[no-any-return]
        return _from_file(self, language)  # type: ignore[no-any-return]

    def problem(self, language: Language) -> str | None:
        """What is wrong with how `language` fills this set, or None."""
        if self.source != "unit":
            path = language.folder / f"{self.name}{SOURCES[self.source]}"
            return None if path.is_file() or language.other_words_empty else f"has no word file {path.name}"
        if self.name not in language.vocabulary:
            return None if language.other_words_empty else "does not fill it (an empty value says it has none)"
        value = language.vocabulary[self.name]
        wanted = Mapping if isinstance(self.empty, Mapping) else type(self.empty)
        return None if isinstance(value, wanted) else f"fills it with a {type(value).__name__}, not a {wanted.__name__}"


@functools.cache  # units and declarations are singletons: hashed by identity, read once per process
def _from_file(words: Words[Any], language: Language) -> Any:
    path = language.folder / f"{words.name}{SOURCES[words.source]}"
    return read_list(path) if words.source == "list" else read_sets(path)


DECLARED: dict[str, Words[Any]] = {}
"""Every declared word set by name, as the modules that read them are imported."""


def declare(name: str, doc: str, empty: T, *, source: str = "unit") -> Words[T]:
    """Declare the word set `name` that the calling module reads in every language."""
    owner = str(sys._getframe(1).f_globals.get("__name__", "?"))  # the declaring module, named in errors and docs
    known = DECLARED.get(name)
    if known is not None and known.owner != owner:
        raise RuntimeError(f"word set '{name}' declared twice ({known.owner} and {owner}): one part owns it")
    if source not in SOURCES:
        raise ValueError(f"word set '{name}': source '{source}' is none of {', '.join(SOURCES)}")
    DECLARED[name] = words = Words(name, doc, owner, empty, source)
    return words


def vocabulary_problems(units: Mapping[str, Language]) -> list[str]:
    """How `units` fail the declared word sets: a set a unit neither fills nor leaves empty on
    purpose, a value of the wrong type, a name no part declares (a typo). Meaningful once every
    declaring module is imported (`checks.load_kinds`)."""
    problems = []
    for unit in units.values():
        problems += [f"language '{unit.code}' {trouble} (word set '{words.name}' of {words.owner})"
                     for words in DECLARED.values() if (trouble := words.problem(unit))]
        problems += [f"language '{unit.code}' fills '{name}', which no part declares"
                     for name in unit.vocabulary if name not in DECLARED]
    return problems


@dataclass(frozen=True, eq=False)  # eq=False: units are singletons, hashed by identity (memo keys)
class Language:
    """One language: what every part reads (fields, each with the code that reads it) and the
    word sets the kinds declare (`vocabulary` and the word files). Words are lower case.
    """

    code: str
    """ISO 639-1 code, as written in config `lang:`, `--lang`, a rule's `lang:` and a post's `lang`."""
    name: str
    """The language's name in English, for messages."""
    model: str
    """The default spaCy pipeline (config `models:` overrides it): an installed package's name, or
    `blank:xx` for spaCy's bare tokenizer of language xx (no tags, lemmas or entities)."""
    install: str | None
    """The command that installs `model` (`pip install REQUIREMENT`, or for a model whose pip
    metadata clashes with our spaCy, `pip download` and `postlint models install`: `linter/models.py`),
    named in the error or notice when it is missing (None for `blank:`)."""
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
    months: tuple[str, ...] = ()
    """The twelve month names, lower case, January first. `format_date`, `checks/_validators.py`."""
    month_variants: Mapping[str, int] = field(default_factory=dict)
    """Other spellings of month names (Spanish "setiembre") -> the month's number: with `months`,
    how a written date names its month (`checks/_validators.py`)."""
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
    symbol_words: Mapping[str, str] = field(default_factory=dict)
    """How an address is spelled out to dodge scrapers: the word for each sign ("at" -> "@", "dot" ->
    "."; "arroba", "punto"). `reading.py`: "jane (at) gmail (dot) com" is read as the address."""
    digit_words: Mapping[str, str] = field(default_factory=dict)
    """The words for the ten digits ("two" -> "2"; "dos"): seven or more in a row that do not count up
    or down are read as the number they spell. `reading.py`."""
    mail_words: frozenset[str] = frozenset()
    """Words that announce an address (email, mail, write; correo, escríbeme): an address spelled out
    with bare words ("jane at acme dot com") counts only after one. `reading.py`."""

    vocabulary: Mapping[str, Any] = field(default_factory=dict)
    """The word sets the kinds declare (`declare`) that a unit holds itself, by name: short closed
    lists and flags. The long lists are its word files."""
    other_words_empty: bool = False
    """True: every declared word set this unit leaves out is empty in it (a language starting
    small); False: leaving one out is an error when the kinds load."""
    words_folder: Path | None = None
    """Where its word files are (None: `linter/languages/words/<code>/`)."""

    @property
    def folder(self) -> Path:
        return self.words_folder or WORDS / self.code

    def words(self, name: str) -> frozenset[str]:
        """The entries of the declared word list `name`: for a rule that names a list itself
        (`\\L<name>` in a pattern); code reads its own declaration (`Words.of`)."""
        declared = DECLARED.get(name)
        if declared is None or declared.source != "list":
            lists = ", ".join(sorted(n for n, w in DECLARED.items() if w.source == "list"))
            raise KeyError(f"no word list '{name}' (lists: {lists})")
        return declared.of(self)  # type: ignore[no-any-return]

    def message(self, key: str, **values: str) -> str:
        """The message words under `key`, filled with `values` (KeyError names a missing key)."""
        return self.messages[key].format(**values)

    def format_date(self, date: dt.date) -> str:
        """`date` as a reader of this language writes it ("1 de marzo de 2027")."""
        name = self.months[date.month - 1] if self.months else str(date.month)
        return self.date_format.format(year=date.year, month=date.month, day=date.day, month_name=name)
