"""The lemmas of rule phrases, parsed once per model and kept on disk between runs.

A phrase's lemmas depend only on its text and the model, and parsing the built-in packs' ~750
phrases costs about as much as loading the model. `PhraseSet` (`_phrases.py`) asks `lemma_docs`
for them; the engine wraps preparing the checks in `phrase_cache` so a run reads what earlier runs
parsed and saves what it parsed itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fileio import read_file, write_atomically
from ..signing import CacheKey

MAX_PHRASE_BYTES = 64 << 20

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Lemmas of rule phrases, parsed once per model: phrase -> (words, spaces, lemmas).
_PHRASES: weakref.WeakKeyDictionary[Any, dict[str, tuple[list[str], list[bool], list[str]]]] = (
    weakref.WeakKeyDictionary())
_phrase_files: weakref.WeakKeyDictionary[Any, Path] = weakref.WeakKeyDictionary()


def lemma_docs(nlp: Language, texts: list[str]) -> list[Doc]:
    """`texts` as parsed by `nlp` (without NER), for LEMMA phrase patterns.

    A phrase's lemmas depend only on its text and the model, and parsing the built-in packs'
    ~750 phrases costs about as much as loading the model, so each is parsed once per process,
    and once per model when `phrase_cache` names a folder to keep them in.
    """
    from spacy.tokens import Doc

    known = _PHRASES.setdefault(nlp, {})
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p != "ner"]):
            for text, doc in zip(missing, nlp.pipe(missing)):
                known[text] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc], [t.lemma_ for t in doc])
    return [Doc(nlp.vocab, words=known[t][0], spaces=known[t][1], lemmas=known[t][2]) for t in texts]


@contextlib.contextmanager
def phrase_cache(nlp: Language, directory: Path | None) -> Iterator[None]:
    """Read the phrases `nlp` parsed in earlier runs from `directory`; save new ones on exit."""
    if directory is None:
        yield
        return
    import spacy

    identity = json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), spacy.__version__, nlp.pipe_names])
    path = directory / "phrases" / f"{hashlib.sha256(identity.encode()).hexdigest()[:24]}.json"
    known = _PHRASES.setdefault(nlp, {})
    before = len(known)
    key = CacheKey(directory)
    if _phrase_files.get(nlp) != path:
        try:
            stored = json.loads(read_file(path, MAX_PHRASE_BYTES).decode("utf-8"))
            if key.verify(stored.get("mac"), identity, json.dumps(stored["phrases"], sort_keys=True)):
                for text, (words, spaces, lemmas) in stored["phrases"].items():
                    if _well_formed(words, spaces, lemmas):
                        known.setdefault(text, (words, spaces, lemmas))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # no file yet, a damaged or unsigned one: parse again and rewrite it
        _phrase_files[nlp] = path
    yield
    if len(known) > before or not path.exists():
        mac = key.sign(identity, json.dumps(known, sort_keys=True))
        if mac is not None:
            write_atomically(path, json.dumps({"phrases": known, "mac": mac}, ensure_ascii=False))


def _well_formed(words: object, spaces: object, lemmas: object) -> bool:
    return (isinstance(words, list) and isinstance(spaces, list) and isinstance(lemmas, list)
            and len(words) == len(spaces) == len(lemmas) and all(isinstance(w, str) and w for w in words)
            and all(isinstance(s, bool) for s in spaces) and all(isinstance(x, str) for x in lemmas))

