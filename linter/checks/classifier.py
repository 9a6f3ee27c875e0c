"""`classifier`: a small text classifier shipped inside the package as data, run with numpy alone.

Word lists miss most offensive posts: the insult is in the phrasing ("go back to your cave"), not
in one word. This kind scores each paragraph (or, in a long paragraph, each sentence) with a
stacked model whose parts were all fitted offline (benchmarks/train_offensive.py) and are read
here from one .npz file, with no download and no extra runtime dependency:

- `ngram`: an NB-SVM (Wang & Manning, 2012) over hashed word 1-2-grams and character 3-5-grams;
- `embed`: a bag of word-piece embeddings: the static token embeddings of a small pretrained
  sentence encoder (all-MiniLM-L6-v2), projected to a few dimensions by a layer fitted on the
  labelled data, ReLU, mean- and max-pooled, and a logistic output (trained with PyTorch; the
  projection is folded into the table, so the forward pass here is a lookup and two poolings);
- `prior`: a linear model fitted by someone else on other data (alt-profanity-check's TF-IDF
  linear SVM), its score and the strongest of its per-word weights;
- `valence`: counts from a sentiment lexicon (VADER's).

A logistic regression over those scores gives the probability. A file holding only `weights`
and `bias` is the plain n-gram model.
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
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
_PRIOR_TOKEN = regex.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default, as the prior was fitted with
_VALENCE_TOKEN = regex.compile(r"[a-z']+|[^\sa-z']+")
UNIT_CHARS = 300  # a post or paragraph up to this long is judged whole; longer ones by sentence
CHAR_NGRAMS = (3, 4, 5)
MAX_PIECES = 128


def unmask(text: str) -> str:
    return _PLACEHOLDERS.sub(" ", text)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(unmask(text).lower()) if t.strip()]


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


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or \
        unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text: str) -> list[str]:
    """BERT's uncased pre-tokenisation: clean, lower-case, strip accents, split off punctuation."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if cp == 0 or cp == 0xFFFD or cat == "Mn" or (cat.startswith("C") and ch not in "\t\n\r"):
            continue
        out.append(f" {ch} " if _is_punct(ch) or _is_cjk(cp) else " " if ch.isspace() else ch)
    return "".join(out).split()


class WordPieces:
    """Greedy longest-match-first word-piece ids over a BERT vocabulary (ids as in the vocabulary)."""

    def __init__(self, vocab: list[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per shipped model
    def word(self, word: str) -> tuple[int, ...]:
        if len(word) > 100:
            return (self.unk,)
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            else:
                return (self.unk,)
            start = end
        return tuple(pieces)

    def __call__(self, text: str) -> list[int]:
        return [i for w in basic_words(unmask(text)) for i in self.word(w)][:MAX_PIECES]


def units(text: str) -> Iterator[tuple[int, int]]:
    """Spans judged on their own: short paragraphs whole, long ones sentence by sentence."""
    for para in _PARAGRAPH.finditer(text):
        if para.end() - para.start() <= UNIT_CHARS:
            yield para.span()
            continue
        for sent in _SENTENCE.finditer(text, para.start(), para.end()):
            if sent.group().strip():
                yield sent.span()


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


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
            if "stack_weights" in data:
                return StackedTextModel({k: data[k] for k in data.files})
            return cls(data["weights"].astype(np.float32), float(data["bias"]), json.loads(str(data["meta"])))

    def arrays(self) -> dict[str, Any]:
        import numpy as np

        return {"weights": self.weights.astype(np.float16), "bias": np.float64(self.bias)}

    def save(self, path: Path) -> None:
        import numpy as np

        np.savez_compressed(path, **self.arrays(), meta=json.dumps(self.meta))

    def logit(self, text: str) -> float:
        return self.bias + float(self.weights[hashed_features(text, self.dim)].sum())

    def probability(self, text: str) -> float:
        return _sigmoid(self.logit(text))

    def strongest_words(self, text: str, k: int = 3) -> list[str]:
        scored = {w: float(self.weights[list(_word_features(w, self.dim))].sum()) for w in tokens(text) if w.isalpha()}
        return [w for w, v in sorted(scored.items(), key=lambda kv: -kv[1])[:k] if v > 0]

    def flagged(self, text: str, threshold: float) -> Iterator[tuple[int, int, float]]:
        """(start, end, probability) of every unit of `text` at or above `threshold`."""
        for start, end in units(text):
            p = self.probability(text[start:end])
            if p >= threshold:
                yield start, end, p


def embed_logit(pieces: list[int], table: np.ndarray, out_w: np.ndarray, out_b: float) -> float:
    """The bag-of-embeddings part: ReLU(projected rows), mean and max pooled, then a logistic output."""
    import numpy as np

    if not pieces:
        return out_b
    h = np.maximum(table[pieces].astype(np.float32), 0.0)
    return float(np.concatenate([h.mean(0), h.max(0)]) @ out_w) + out_b


class StackedTextModel(LinearTextModel):
    """The four parts of the module docstring, combined by a logistic regression (`stack_*`)."""

    FEATURES = ("ngram", "embed", "prior", "prior_max", "prior_pos", "prior_n2", "prior_n4",
                "neg", "pos", "min", "neg_share")

    def __init__(self, arrays: dict[str, Any]) -> None:
        import numpy as np

        self.data = arrays
        super().__init__(arrays["weights"].astype(np.float32), float(arrays["bias"]), json.loads(str(arrays["meta"])))
        self.pieces = WordPieces(str(arrays["piece_vocab"]).split("\n"))
        self.table = arrays["embed_table"]
        self.embed_w = arrays["embed_w"].astype(np.float32)
        self.embed_b = float(arrays["embed_b"])
        self.prior_ids = {w: i for i, w in enumerate(str(arrays["prior_vocab"]).split("\n"))}
        self.prior_idf = arrays["prior_idf"].astype(np.float64)
        self.prior_coef = arrays["prior_coef"].astype(np.float64)
        self.prior_bias = float(arrays["prior_bias"])
        self.valence = dict(zip(str(arrays["valence_words"]).split("\n"), arrays["valence"].astype(float).tolist()))
        self.stack_w = arrays["stack_weights"].astype(np.float64)
        self.stack_b = float(arrays["stack_bias"])

    def arrays(self) -> dict[str, Any]:
        return {k: v for k, v in self.data.items() if k != "meta"}

    def features(self, text: str) -> list[float]:
        plain = unmask(text)
        counts: dict[int, int] = {}
        for tok in _PRIOR_TOKEN.findall(plain.lower()):
            if (i := self.prior_ids.get(tok)) is not None:
                counts[i] = counts.get(i, 0) + 1
        prior = [self.prior_bias, 0.0, 0.0, 0.0, 0.0]
        if counts:
            ids = list(counts)
            tfidf = [counts[i] * self.prior_idf[i] for i in ids]
            norm = math.sqrt(sum(v * v for v in tfidf))
            per_word = self.prior_coef[ids] * self.prior_idf[ids]  # a word's weight before normalising
            prior = [self.prior_bias + sum(c * v for c, v in zip(self.prior_coef[ids], tfidf)) / norm,
                     float(per_word.max()), float(per_word.clip(0).sum()), float((per_word > 2).sum()),
                     float((per_word > 4).sum())]
        vals = [self.valence[w] for w in _VALENCE_TOKEN.findall(plain.lower()) if w in self.valence]
        neg = -sum(v for v in vals if v < 0)
        valence = [math.log1p(neg), math.log1p(sum(v for v in vals if v > 0)), min(vals, default=0.0),
                   sum(1 for v in vals if v < 0) / max(1, len(vals))]
        embed = embed_logit(self.pieces(plain), self.table, self.embed_w, self.embed_b)
        return [super().logit(text), embed, *prior, *valence]

    def logit(self, text: str) -> float:
        return self.stack_b + float(self.stack_w @ self.features(text))


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
    doc = ("Flags paragraphs (long ones sentence by sentence) that a shipped model scores at "
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
