"""Tokenizing in linear time, whatever the text: spaCy's tokenizer is quadratic on long runs
without whitespace (brackets, digits, emoji), which hostile or broken posts are made of."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy's tokenizer splits prefixes and suffixes off a whitespace-free chunk one at a time, each
# time searching the rest again: quadratic in the chunk's length ('[' * 10,000 took 31 s). Chunks
# longer than this are tokenized in slices of this length (exact text kept), so time stays linear.
TOKENIZER_SLICE = 100
_LONG_CHUNK = re.compile(rf"\S{{{TOKENIZER_SLICE + 1},}}")
_LETTERLESS = re.compile(r"(?:[^\s\w]|[\d_]){20,}")  # no letter in 20 characters


def tokenize(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, in linear time whatever the text: long whitespace-free chunks (never
    words) are cut into slices tokenized one by one (a stretch of 20 or more characters without a
    letter is one token per slice), and the tokens joined into one `Doc` of the exact same text."""
    if not _LONG_CHUNK.search(text):
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []

    def add(segment: str) -> None:
        for token in nlp.make_doc(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def add_sliced(start: int, end: int) -> None:
        for cut in range(start, end, TOKENIZER_SLICE):
            add(text[cut:min(cut + TOKENIZER_SLICE, end)])

    done = 0
    for chunk in _LONG_CHUNK.finditer(text):
        if chunk.start() > done:
            add(text[done:chunk.start()])
        pos = chunk.start()
        for run in _LETTERLESS.finditer(text, chunk.start(), chunk.end()):
            add_sliced(pos, run.start())
            for cut in range(run.start(), run.end(), TOKENIZER_SLICE):
                # a run of brackets, digits or emoji is no language: a token, not a hundred to tag
                words.append(text[cut:min(cut + TOKENIZER_SLICE, run.end())])
                spaces.append(False)
            pos = run.end()
        add_sliced(pos, chunk.end())
        done = chunk.end()
    if done < len(text):
        add(text[done:])
    return Doc(nlp.vocab, words=words, spaces=spaces)
