"""OLID (../shared/corpora/olid_train): the labelled tweets, and how a predictor of OFF is scored.

Used by quality.py; the split into train, dev and test parts is training/offensive_data.py's.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OLID = ROOT.parent / "shared" / "corpora" / "olid_train" / "olid-training-v1.0.tsv"

from linter.evaluate import scores  # noqa: E402


def read_olid() -> tuple[list[str], list[int]]:
    """The tweets of OLID v1.0 subtask A, and 1 for each one labelled offensive (OFF)."""
    with OLID.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["tweet"] for r in rows], [1 if r["subtask_a"] == "OFF" else 0 for r in rows]


def flag_scores(predicted: list[bool], labels: list[int]) -> dict[str, Any]:
    """Precision, recall and F1 of OFF for one flag per tweet, macro-F1 over OFF and NOT, and the
    share of clean (NOT) tweets flagged."""
    tp = sum(1 for p, y in zip(predicted, labels) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels) if not p and y)
    tn = len(labels) - tp - fp - fn
    result = scores(tp, fp, fn)
    f1_not = 2 * tn / (2 * tn + fp + fn) if tn else 0.0  # F1 of the NOT class, for OffensEval's macro-F1
    return {**result, "macro_f1": round((result["f1"] + f1_not) / 2, 4),
            "clean_flagged": round(fp / (fp + tn), 4) if fp + tn else 0.0}
