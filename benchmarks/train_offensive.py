"""Fit the offensive-language model that DER-OFFENSIVE ships (linter/data/offensive-en.npz).

    pip install scikit-learn      # offline fitting only; postlint itself reads the weights with numpy
    python benchmarks/train_offensive.py

Data: ../shared/corpora/olid_train (OLID v1.0, CC BY 4.0), subtask A (OFF vs NOT). Features are
`linter.checks.classifier.hashed_features` (the very function the check runs), weighted by their
naive-Bayes log-count ratio and fitted with an L2 logistic regression (NB-SVM, Wang & Manning
2012). The weight folded into each feature is `coef * ratio`, so scoring is one sum.

`cross_validated_flags` is what benchmarks/quality.py reports: every tweet is judged by a model
fitted on the other folds, through the same `LinearTextModel.flagged` the check uses, never by
the shipped model (which has seen every tweet).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.checks.classifier import DATA_DIR, LinearTextModel, hashed_features  # noqa: E402

DIM = 1 << 18
C = 0.03  # chosen by 5-fold CV F1 on OLID (see docs/quality.md)
ALPHA = 1.0
SEED = 0
MODEL_NAME = "offensive-en"


def _matrix(texts: list[str]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    rows = [hashed_features(t, DIM) for t in texts]
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    return csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr), shape=(len(rows), DIM))


def fit(X, y: np.ndarray) -> LinearTextModel:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    pos = ALPHA + np.asarray(X[y == 1].sum(0)).ravel()
    neg = ALPHA + np.asarray(X[y == 0].sum(0)).ravel()
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    model.fit(X.multiply(ratio).tocsr(), y)
    weights = (model.coef_.ravel() * ratio).astype(np.float32)
    meta = {"data": "OLID v1.0 subtask A (CC BY 4.0)", "features": "hashed word 1-2grams + char 3-5grams",
            "dim": DIM, "C": C, "examples": int(X.shape[0])}
    return LinearTextModel(weights, float(model.intercept_[0]), meta)


def threshold() -> float:
    from linter.packs import all_builtin_rules

    rule = next(r for r in all_builtin_rules() if r.code == "DER-OFFENSIVE")
    return float(rule.options["threshold"])


def cross_validated_flags(texts: list[str], labels: list[int], folds: int = 5) -> list[bool]:
    from sklearn.model_selection import StratifiedKFold

    X, y = _matrix(texts), np.asarray(labels)
    cut = threshold()
    flags = [False] * len(texts)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(X, y):
        model = fit(X[train], y[train])
        for i in test:
            flags[i] = any(True for _ in model.flagged(texts[i], cut))
    return flags


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from quality import read_olid

    texts, labels = read_olid()
    model = fit(_matrix(texts), np.asarray(labels))
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"{MODEL_NAME}.npz"
    model.save(path)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB) from {len(texts)} tweets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
