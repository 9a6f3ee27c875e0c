"""A fine-tuned sentence encoder shipped as an int8 ONNX file, run with onnxruntime and tokenizers.

A model is three files in `linter/data/`: `NAME.onnx` (the network: word pieces in, one logit
out), `NAME.tokenizer.json` (its word-piece tokenizer) and `NAME.json` (its metadata: provenance,
decision threshold, and the scores it gave a fixed list of sentences when it was trained, which
the tests compare against). Nothing is loaded until the first text is scored, so a post with no
candidate sentence never pays for onnxruntime.

`prepare()` is the one text preparation shared by training (`training/train_offensive.py`) and
the check: tweets in the training data have their mentions and links masked as `@USER` and
`URL`, so a post's real handles and links are masked the same way before scoring.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import regex

from .fileio import file_sha256  # noqa: F401 - where training and the tests look for it

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_PIECES = 128  # word pieces per text, [CLS] and [SEP] included (a long sentence is cut)

_HANDLE = regex.compile(r"(?<![\w@.])@\w{1,30}\b")
_LINK = regex.compile(r"\b(?:https?://|www\.)\S+", regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")
UNIT_CHARS = 300  # a paragraph up to this long is judged whole (a tweet), a longer one by sentence
SENTENCE_CHARS = 600  # a "sentence" longer than this (a table, a list without stops) is cut up
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
# a sentence ends at a stop before a space, or at a line break before a list item or a heading
_SENTENCE_END = regex.compile(r"[.!?]+[\"')\]]*(?=\s)|\n(?=[ \t]*(?:[-*+>#|]|\d+[.)])\s)")


def prepare(text: str) -> str:
    """The text as the model was trained to read it: handles and links masked, spaces collapsed."""
    return _SPACE.sub(" ", _LINK.sub("URL", _HANDLE.sub("@USER", text))).strip()


def units(text: str) -> Iterator[tuple[int, int]]:
    """The spans judged on their own: a short paragraph whole, a long one sentence by sentence.

    Hard-wrapped lines inside a paragraph are one sentence (Markdown wraps prose at 80 columns).
    Spans are trimmed of surrounding spaces; empty ones are skipped.
    """
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if end - start <= UNIT_CHARS:
            yield from _trimmed(text, start, end)
        else:
            piece = start
            for stop in _SENTENCE_END.finditer(text, start, end):
                yield from _cut(text, piece, stop.end())
                piece = stop.end()
            yield from _cut(text, piece, end)
        start = brk.end() if brk else end


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > SENTENCE_CHARS:
        cut = text.rfind(" ", start + SENTENCE_CHARS // 2, start + SENTENCE_CHARS)
        cut = cut if cut > start else start + SENTENCE_CHARS
        yield from _trimmed(text, start, cut)
        start = cut
    yield from _trimmed(text, start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


class EncoderModel:
    """One shipped encoder: `scores(texts)` gives a probability per text, in order."""

    def __init__(self, name: str, directory: Path = DATA_DIR) -> None:
        self.name = name
        self.path = directory / f"{name}.onnx"
        self.tokenizer_path = directory / f"{name}.tokenizer.json"
        self.meta: dict[str, Any] = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                import onnxruntime
                from tokenizers import Tokenizer

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1  # candidates are few; one thread keeps --jobs workers apart
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = onnxruntime.InferenceSession(str(self.path), options,
                                                       providers=["CPUExecutionProvider"])
                tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
                tokenizer.enable_truncation(max_length=MAX_PIECES)
                tokenizer.no_padding()
                self._loaded = (session, tokenizer)
            return self._loaded

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def logits(self, texts: Sequence[str]) -> list[float]:
        import numpy as np

        if not texts:
            return []
        session, tokenizer = self._load()
        out = []
        # One text per run: int8 activations are quantised over the whole input, so a text's score
        # would otherwise depend on the texts batched with it.
        for encoding in tokenizer.encode_batch([prepare(t) for t in texts]):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            (logit,) = session.run(["logit"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            out.append(float(logit[0]))
        return out

    def scores(self, texts: Sequence[str]) -> list[float]:
        return [_sigmoid(z) for z in self.logits(texts)]

    def probability(self, logit: float, prefilter_logit: float) -> float:
        """The cascade's probability: the encoder's logit, combined with the prefilter's when the
        metadata says so (`combine`: weights fitted on the dev tweets at training time)."""
        combine = self.meta.get("combine")
        if not combine:
            return _sigmoid(logit)
        return _sigmoid(combine["encoder"] * logit + combine["prefilter"] * prefilter_logit + combine["bias"])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@functools.lru_cache(maxsize=4)
def load_encoder(name: str) -> EncoderModel:
    return EncoderModel(name)
