"""Word lists that belong to a language: first names, technical vocabulary, cue words.

Each list is a text file, `linter/data/<lang>/<name>.txt` (or `linter/data/<name>.txt` for lists
that hold for every language, such as mail providers' domains), one entry a line, lower-case,
with `#` comments. A language without a list gets an empty one, so a check degrades to its
other evidence instead of failing. Lists are read once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def words(name: str, lang: str | None = None) -> frozenset[str]:
    """The entries of list `name` for `lang` (None: the language-independent list)."""
    path = DATA / lang / f"{name}.txt" if lang else DATA / f"{name}.txt"
    if not path.is_file():
        return frozenset()
    entries = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(e for e in entries if e)


def dictionary(nlp: Language) -> frozenset[str]:
    """Base forms of the language's common words, from the pipeline's lemmatizer tables
    (WordNet's nouns, verbs, adjectives and adverbs for the English model); empty without them."""
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
