"""`postlint eval`: score the linter on labelled posts (JSONL, DESIGN section 2).

A finding is a true positive when its category equals an expected entry's and its span overlaps
the first occurrence of that entry's `match` in the text (each entry matched at most once); every
other finding is a false positive; every unmatched entry is a false negative.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import jsonio
from .errors import ConfigError, Problem
from .fileio import MAX_BASELINE_BYTES, read_file
from .finding import Category, Finding
from .languages import LANGUAGES
from .schema import DATE_HINT, parse_date, shown

if TYPE_CHECKING:
    from .engine import Linter


@dataclass(frozen=True)
class Expected:
    category: str
    match: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledPost:
    id: str
    text: str
    expect: tuple[Expected, ...]
    lang: str | None = None
    as_of: str | None = None
    line: int = 0
    source: str = ""  # the file it was read from


def scores(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Counts with precision, recall and F1 (to 4 places); an empty denominator scores 1.0."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, Any]:
        return scores(self.tp, self.fp, self.fn)


@dataclass
class PostScore:
    id: str
    true_positives: list[Finding] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)
    false_negatives: list[Expected] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        brief = lambda f: {"code": f.code, "category": str(f.category), "match": f.match, "start": f.start}  # noqa: E731
        return {"id": self.id, "tp": len(self.true_positives), "fp": len(self.false_positives),
                "fn": len(self.false_negatives),
                "false_positives": [brief(f) for f in self.false_positives],
                "false_negatives": [{"category": e.category, "match": e.match} for e in self.false_negatives]}


def read_posts(path: Path) -> list[LabelledPost]:
    """Parse and validate an evaluation file; every bad line is reported with its number."""
    problems: list[Problem] = []
    posts: list[LabelledPost] = []
    try:
        lines = read_file(path, MAX_BASELINE_BYTES).decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8"
        raise ConfigError([Problem(str(path), 1, 1, "E110", f"cannot read: {reason}")]) from None
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        bad = lambda msg: problems.append(Problem(str(path), number, 1, "E120", msg))  # noqa: E731
        try:
            item = jsonio.loads(line)
        except json.JSONDecodeError as exc:
            bad(f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            bad("each line must be an object with a string 'text'")
            continue
        post_id = str(item.get("id", number))[:80]
        if post_id in seen:
            bad(f"duplicate id '{post_id}'")
        if item.get("lang") is not None and item["lang"] not in LANGUAGES:
            bad(f"post '{post_id}': lang must be one of {', '.join(LANGUAGES)}")
            continue
        if item.get("as_of") is not None:
            try:
                parse_date(item["as_of"])
            except ValueError:
                bad(f"post '{post_id}': as_of is not a date ({DATE_HINT})")
                continue
        seen.add(post_id)
        expected = []
        for entry in item.get("expect", []) or []:
            if not isinstance(entry, dict) or entry.get("category") not in [str(c) for c in Category] \
                    or not isinstance(entry.get("match"), str) or not entry["match"]:
                bad(f"post '{post_id}': each expect entry needs a known 'category' and a non-empty 'match'")
                continue
            start = item["text"].find(entry["match"])
            if start < 0:
                bad(f"post '{post_id}': expected match {shown(entry['match'])} is not in the text")
                continue
            expected.append(Expected(entry["category"], entry["match"], start, start + len(entry["match"])))
        posts.append(LabelledPost(post_id, item["text"], tuple(expected), item.get("lang"),
                                  item.get("as_of"), number, str(path)))
    if problems:
        raise ConfigError(problems)
    return posts


def labelled_files(paths: Iterable[Path]) -> list[Path]:
    """The evaluation files `paths` name: files as given, folders as their `*.jsonl` files (sorted,
    recursively); a path that is neither is a problem naming it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.jsonl"))
            if not found:
                raise ConfigError([Problem(str(path), 1, 1, "E110", "the folder holds no .jsonl file")])
            files.extend(found)
        else:
            files.append(path)
    return files


def read_many(paths: Iterable[Path]) -> list[LabelledPost]:
    """The posts of several evaluation files or folders, in order; every bad line of every file is
    reported at once, and an id may name one post across all of them."""
    problems: list[Problem] = []
    posts: list[LabelledPost] = []
    first: dict[str, str] = {}
    for path in labelled_files(paths):
        try:
            found = read_posts(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        for post in found:
            if post.id in first:
                problems.append(Problem(str(path), post.line, 1, "E120",
                                        f"duplicate id '{post.id}' (first in {first[post.id]})"))
            first.setdefault(post.id, f"{path}:{post.line}")
        posts.extend(found)
    if problems:
        raise ConfigError(problems)
    return posts


def score_post(post: LabelledPost, findings: Sequence[Finding]) -> PostScore:
    result = PostScore(post.id)
    open_entries = list(post.expect)
    for finding in findings:
        hit = next((e for e in open_entries if e.category == finding.category
                    and finding.start < e.end and e.start < finding.end), None)
        if hit is None:
            result.false_positives.append(finding)
        else:
            open_entries.remove(hit)
            result.true_positives.append(finding)
    result.false_negatives = open_entries
    return result


def evaluate(linter: Linter, posts: Iterable[LabelledPost]) -> dict[str, Any]:
    from .engine import Post

    posts = list(posts)
    items = (Post(p.text, as_of=p.as_of, lang=p.lang) for p in posts)
    scores = [score_post(p, f) for p, f in zip(posts, linter.lint_many(items))]
    per_category = {str(c): Counts() for c in Category}
    for score in scores:
        for f in score.true_positives:
            per_category[str(f.category)].tp += 1
        for f in score.false_positives:
            per_category[str(f.category)].fp += 1
        for e in score.false_negatives:
            per_category[e.category].fn += 1
    micro = Counts(sum(c.tp for c in per_category.values()), sum(c.fp for c in per_category.values()),
                   sum(c.fn for c in per_category.values()))
    report = {"categories": {k: v.scores() for k, v in per_category.items()}, "micro": micro.scores(),
              "posts": [s.to_dict() for s in scores]}
    sources = list(dict.fromkeys(p.source for p in posts))
    if len(sources) > 1:  # several files: each one's micro figures too
        per_file = {source: Counts() for source in sources}
        for post, score in zip(posts, scores):
            counts = per_file[post.source]
            counts.tp += len(score.true_positives)
            counts.fp += len(score.false_positives)
            counts.fn += len(score.false_negatives)
        report["files"] = {source: counts.scores() for source, counts in per_file.items()}
        for entry, post in zip(report["posts"], posts):
            entry["file"] = post.source
    return report


def render_text(report: dict[str, Any], *, details: bool = True) -> str:
    rows = [("category", "tp", "fp", "fn", "precision", "recall", "f1")]
    for name, c in [*report["categories"].items(), ("micro", report["micro"]), *report.get("files", {}).items()]:
        rows.append((name, str(c["tp"]), str(c["fp"]), str(c["fn"]),
                     f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if "files" in report:
        lines.insert(len(report["categories"]) + 3, "  ".join("-" * w for w in widths))
    if details:
        for post in report["posts"]:
            for f in post["false_positives"]:
                lines.append(f"FP {post['id']}: {f['code']} {f['match']!r}")
            for e in post["false_negatives"]:
                lines.append(f"FN {post['id']}: {e['category']} {e['match']!r}")
    return "\n".join(lines) + "\n"
