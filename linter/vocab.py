"""Word lists read from text files, and the dictionary a pipeline brings.

A list is a text file, one entry a line, lower-case, with `#` comments. The lists of a language
(first names, technical vocabulary, cue words) live under `linter/languages/words/<code>/` and are
read through the word sets the checks declare (`languages/unit.py`); the lists here, under `linter/data/`, hold
for every language (mail providers' domains, documentation domains, machine accounts). Lists are
read once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def read_list(path: Path) -> frozenset[str]:
    """The entries of the list at `path`; empty when there is no such file."""
    if not path.is_file():
        return frozenset()
    entries = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(e for e in entries if e)


@functools.cache
def read_sets(path: Path) -> Mapping[str, frozenset[str]]:
    """The named sets of the YAML file at `path` (name -> list of entries), lower case; empty when
    there is no such file."""
    if not path.is_file():
        return {}
    from .yamlio import load_yaml_text

    data = load_yaml_text(path.read_text(encoding="utf-8"), str(path)) or {}
    return {name: frozenset(str(e).strip().lower() for e in entries) for name, entries in data.items()}


def shared_words(name: str) -> frozenset[str]:
    """The entries of `linter/data/<name>.txt`, a list that holds for every language."""
    return read_list(DATA / f"{name}.txt")


def dictionary(nlp: Language) -> frozenset[str]:
    """Base forms of the language's common words, from the pipeline's lemmatizer tables
    (WordNet's nouns, verbs, adjectives and adverbs for the English model, the Spanish model's
    lemma index); empty without them."""
    return _dictionary(nlp)


@functools.lru_cache(maxsize=4)
def _dictionary(nlp: Language) -> frozenset[str]:
    if not nlp.has_pipe("lemmatizer"):
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    found: set[str] = set()
    for entries in lookups.get_table("lemma_index").values():
        found.update(w for w in entries if "_" not in w)
    return frozenset(found)
