"""`classifier`: offensive wording found by statistical models, run as a two-stage cascade.

Word lists miss most offensive posts: the insult is in the phrasing ("go back to your cave"), not
in one word; and they fire on technical English ("kill the thread", "the garbage collector").
This kind scores each unit of a post (a short paragraph whole, a long one sentence by sentence:
`linter.encoder.units`) with models fitted offline (`training/train_offensive.py`) and shipped
in `linter/data/`, with nothing downloaded:

1. `model`, the prefilter: an NB-SVM over hashed word 1-2-grams and character 3-5-grams, run
   with numpy on every unit (a few microseconds each). Units below its `prefilter` threshold,
   set at training time to keep 98% of offensive tweets, stop here: most prose does.
2. `encoder`: a fine-tuned sentence encoder (all-MiniLM-L6-v2, int8 ONNX, `linter.encoder`)
   reads the candidates in context. It is loaded on the first candidate, never for a post
   without one. Without `encoder`, the prefilter's score alone decides.

Thresholds default to the ones recorded in the models' metadata at training time. Code blocks
and link targets are never judged: the models were trained on prose. For a flagged unit, the
dependency parse names who it is aimed at (`targets`, or the person addressed as "you"); a
flagged unit aimed at nobody, with no personal pronoun and a `technical` noun, speaks harshly of
things, not people ("kill the process", "abort the dumb pipe"), and is left alone; so is a unit
whose hostile words the `hostility` kind reads as denied, reported to counter them, or said of no
one ("I don't hate X", "saying X are animals is wrong", "this printer is garbage").
"""

from __future__ import annotations

import functools
import json
import math
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..encoder import DATA_DIR, load_encoder, units
from ..multilingual import load_judge
from ..nlp import Needs, parse_on_demand
from . import Check, Hit, register
from ._phrases import PhraseSet
from ._targets import TARGETS_FIELD, Targets, describe, personal
from .hostility import aimed_at_people, defused

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

    from ..document import Document
    from ..errors import Problem
    from ..yamlio import Mark

_TOKEN = regex.compile(r"[\p{L}\p{N}*$@!']+|[^\s\p{L}\p{N}]")
_PLACEHOLDERS = regex.compile(r"@USER\b|\bURL\b")  # how OLID and similar corpora mask mentions and links
CHAR_NGRAMS = (3, 4, 5)
NOT_JUDGED_ZONES = frozenset({"code", "link"})


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
            return cls(data["weights"].astype(np.float32), float(data["bias"]), json.loads(str(data["meta"])))

    def save(self, path: Path) -> None:
        import numpy as np

        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=np.float64(self.bias),
                            meta=json.dumps(self.meta))

    def logit(self, text: str) -> float:
        return self.bias + float(self.weights[hashed_features(text, self.dim)].sum())

    def probability(self, text: str) -> float:
        return _sigmoid(self.logit(text))


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> LinearTextModel:
    return LinearTextModel.load(DATA_DIR / f"{name}.npz")


def _shipped(suffix: str, what: str) -> Callable[[Any, Mark, list[Problem]], Any]:
    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if not isinstance(value, str) or not (DATA_DIR / f"{value}{suffix}").is_file():
            known = sorted(p.name[:-len(suffix)] for p in DATA_DIR.glob(f"*{suffix}"))
            problems.append(mark.problem("E104", f"no {what} named {value!r}",
                                         "shipped: " + (", ".join(known) or "none")))
            return s.INVALID
        return value

    return check


@register
class ClassifierCheck(Check):
    kind = "classifier"
    doc = ("Flags units of prose (short paragraphs whole, long ones by sentence) that a shipped "
           "model scores at or above `threshold`: the prefilter `model` on every unit, then the "
           "`encoder` on the units the prefilter passes; the message names the target when the "
           "parse shows one.")
    placeholders = frozenset({"score", "aimed"})
    options = {
        "model": s.Field(_shipped(".npz", "classifier model"),
                         doc="the prefilter: a model shipped in linter/data/ (name without .npz)"),
        "judge": s.Field(_shipped(".npz", "multilingual judge"),
                         doc="instead of `model` and `encoder`: a head over multilingual sentence embeddings "
                             "(linter/multilingual.py) that judges the units aimed at people (a group, people "
                             "named by role, the reader), for languages without a model of their own"),
        "encoder": s.Field(_shipped(".onnx", "encoder"),
                           doc="an encoder shipped in linter/data/ (name without .onnx) that judges "
                               "the units the prefilter passes (default: none, the prefilter decides)"),
        "threshold": s.Field(s.number(minimum=0.0, maximum=1.0),
                             doc="the probability a unit needs to be reported (default: the one "
                                 "recorded in the deciding model's metadata)"),
        "prefilter": s.Field(s.number(minimum=0.0, maximum=1.0),
                             doc="the prefilter score a unit needs to reach the encoder (default: "
                                 "the one recorded in the encoder's metadata)"),
        "targets": TARGETS_FIELD,
        "min_words": s.Field(s.integer(minimum=1, maximum=50), default=3,
                             doc="units with fewer words are left to the word lists: a name in a list "
                                 "of contributors carries no phrasing to judge"),
        "technical": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                             doc="nouns (base form) that make a sentence technical: a flagged sentence "
                                 "with one, aimed at no target and with no personal pronoun, is left "
                                 "alone ('kill the process', 'abort the dumb pipe')"),
    }

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        if not (options["model"] or options["judge"]):
            problems.append(where("kind").problem("E103", "a 'classifier' rule needs 'model' or 'judge'",
                                                  "name a model shipped in linter/data/"))

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.judge = load_judge(self.opts["judge"]) if self.opts["judge"] else None
        self.model = None if self.judge else load_model(self.opts["model"])
        self.encoder = load_encoder(self.opts["encoder"]) if self.opts["encoder"] and not self.judge else None
        decider = self.judge.meta if self.judge else self.encoder.meta if self.encoder else self.model.meta
        self.threshold = self.opts["threshold"] if self.opts["threshold"] is not None else \
            float(decider.get("threshold", 0.5))
        self.prefilter = self.opts["prefilter"] if self.opts["prefilter"] is not None else \
            float(self.encoder.meta["prefilter"]["threshold"]) if self.encoder else self.threshold
        self.targets = Targets(self.opts["targets"], company)
        self.technical = PhraseSet(self.opts["technical"], lemma=True)
        self.nlp: Language | None = None

    @property
    def needs(self) -> Needs:  # lemmas and tags: the `hostility` reading that vetoes or gates a unit
        return self.targets.needs | self.technical.needs | Needs(frozenset({"sents", "lemma", "pos"}))

    def prepare(self, nlp: Language) -> None:
        self.targets.prepare(nlp)
        self.technical.prepare(nlp)
        self.nlp = nlp

    def candidates(self, document: Document) -> Iterator[tuple[int, int, float]]:
        """(start, end, probability) of every unit the prefilter passes, scored by the cascade."""
        text = document.text
        passed = []
        judged = []
        for start, end in units(text):
            if document.zones_at(start, end) & NOT_JUDGED_ZONES or \
                    len(text[start:end].split()) < self.opts["min_words"]:
                continue
            if self.judge is not None:
                if self.nlp is not None and aimed_at_people(document, start, end, self.nlp):
                    judged.append((start, end))
                continue
            assert self.model is not None
            z = self.model.logit(text[start:end])
            if _sigmoid(z) >= self.prefilter:
                passed.append((start, end, z))
        if self.judge is not None:
            logits = self.judge.logits([text[a:b] for a, b in judged])
            yield from ((a, b, _sigmoid(z)) for (a, b), z in zip(judged, logits))
        elif self.encoder is None:
            yield from ((a, b, _sigmoid(z)) for a, b, z in passed)
        elif passed:
            logits = self.encoder.logits([text[a:b] for a, b, _ in passed])
            yield from ((a, b, self.encoder.probability(e, z)) for (a, b, z), e in zip(passed, logits))

    def run(self, document: Document) -> Iterator[Hit]:
        for start, end, p in self.candidates(document):
            if p < self.threshold:
                continue
            span = document.doc.char_span(start, end, alignment_mode="expand")
            if span is None or self.nlp is None:
                yield Hit(start, end, {"score": f"{p:.2f}", "aimed": ""})
                continue
            parsed = parse_on_demand(self.nlp, span)
            target = describe(parsed, self.targets, document.language)
            if not target and not personal(parsed, document.language) and self.technical.find(parsed):
                continue  # harsh words about things, not people: "kill the process"
            if defused(document, start, end, self.nlp):
                continue  # hostile words denied, reported to counter them, or said of things
            yield Hit(start, end, {"score": f"{p:.2f}", "aimed": f", aimed at {target}" if target else ""})
