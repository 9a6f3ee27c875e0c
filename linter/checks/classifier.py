"""`classifier`: a small linear text classifier shipped inside the package as data.

Word lists miss most offensive posts: the insult is in the phrasing ("go back to your cave"), not
in one word. This kind scores each paragraph (or, in a long paragraph, each sentence) with a
logistic regression over hashed word unigrams, bigrams and character 3-5-grams, weighted the
NB-SVM way (Wang & Manning, 2012). The weights were fitted offline (benchmarks/train_offensive.py,
scikit-learn) and are read here with numpy alone: no download, no extra runtime dependency.
"""

from __future__ import annotations

import functools
import json
import math
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from . import Check, Hit, register

if TYPE_CHECKING:
    import numpy as np

    from ..document import Document
    from ..errors import Problem
    from ..yamlio import Mark

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_TOKEN = regex.compile(r"[\p{L}\p{N}*$@!']+|[^\s\p{L}\p{N}]")
_PLACEHOLDERS = regex.compile(r"@USER\b|\bURL\b")  # how OLID and similar corpora mask mentions and links
_SENTENCE = regex.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_PARAGRAPH = regex.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
UNIT_CHARS = 300  # a post or paragraph up to this long is judged whole; longer ones by sentence
CHAR_NGRAMS = (3, 4, 5)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(_PLACEHOLDERS.sub(" ", text).lower()) if t.strip()]


@functools.lru_cache(maxsize=65536)
def _word_features(word: str, dim: int) -> tuple[int, ...]:
    """Hashes of a word and of its character n-grams (cached: words repeat, n-grams cost)."""
    keys = ["w:" + word]
    if len(word) > 1 and word[0].isalnum():
        padded = f"<{word}>"
        keys += ["c:" + padded[i:i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]
    return tuple(zlib.crc32(k.encode()) & (dim - 1) for k in keys)


def hashed_features(text: str, dim: int) -> list[int]:
    """The sorted, distinct feature indices of a text; the training script uses this same function."""
    words = tokens(text)
    found: set[int] = set()
    for word in words:
        found.update(_word_features(word, dim))
    found.update(zlib.crc32(f"b:{a} {b}".encode()) & (dim - 1) for a, b in zip(words, words[1:]))
    return sorted(found)


def units(text: str) -> Iterator[tuple[int, int]]:
    """Spans judged on their own: short paragraphs whole, long ones sentence by sentence."""
    for para in _PARAGRAPH.finditer(text):
        if para.end() - para.start() <= UNIT_CHARS:
            yield para.span()
            continue
        for sent in _SENTENCE.finditer(text, para.start(), para.end()):
            if sent.group().strip():
                yield sent.span()


class LinearTextModel:
    """Weights over hashed features plus a bias; `probability(text)` is the logistic score."""

    def __init__(self, weights: np.ndarray, bias: float, meta: dict[str, Any] | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.dim = len(weights)
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        import numpy as np

        with np.load(path, allow_pickle=False) as data:
            return cls(data["weights"].astype(np.float32), float(data["bias"]), json.loads(str(data["meta"])))

    def save(self, path: Path) -> None:
        import numpy as np

        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=np.float64(self.bias),
                            meta=json.dumps(self.meta))

    def probability(self, text: str) -> float:
        idx = hashed_features(text, self.dim)
        if not idx:
            return 0.0
        z = self.bias + float(self.weights[idx].sum())
        return 1.0 / (1.0 + math.exp(-z))

    def strongest_words(self, text: str, k: int = 3) -> list[str]:
        scored = {w: float(self.weights[list(_word_features(w, self.dim))].sum()) for w in tokens(text) if w.isalpha()}
        return [w for w, v in sorted(scored.items(), key=lambda kv: -kv[1])[:k] if v > 0]

    def flagged(self, text: str, threshold: float) -> Iterator[tuple[int, int, float]]:
        """(start, end, probability) of every unit of `text` at or above `threshold`."""
        for start, end in units(text):
            p = self.probability(text[start:end])
            if p >= threshold:
                yield start, end, p


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> LinearTextModel:
    return LinearTextModel.load(DATA_DIR / f"{name}.npz")


def _model_name(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    if not isinstance(value, str) or not (DATA_DIR / f"{value}.npz").is_file():
        known = sorted(p.stem for p in DATA_DIR.glob("*.npz"))
        problems.append(mark.problem("E104", f"no classifier model named {value!r}",
                                     "shipped models: " + (", ".join(known) or "none")))
        return s.INVALID
    return value


@register
class ClassifierCheck(Check):
    kind = "classifier"
    doc = ("Flags paragraphs (long ones sentence by sentence) that a shipped linear model scores at "
           "or above `threshold`; the message names the words that weighed most.")
    placeholders = frozenset({"score", "words"})
    options = {
        "model": s.Field(_model_name, required=True, doc="a model shipped in linter/data/ (name without .npz)"),
        "threshold": s.Field(s.number(minimum=0.0, maximum=1.0), default=0.5,
                             doc="the probability a unit needs to be reported"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.model = load_model(self.opts["model"])

    def run(self, document: Document) -> Iterator[Hit]:
        text = document.text
        for start, end, p in self.model.flagged(text, self.opts["threshold"]):
            while end > start and text[end - 1].isspace():
                end -= 1
            words = ", ".join(self.model.strongest_words(text[start:end])) or "the wording as a whole"
            yield Hit(start, end, {"score": f"{p:.2f}", "words": words})
