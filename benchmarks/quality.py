"""Detection quality on text nobody on this project wrote, plus the project's own corpus.

    python benchmarks/quality.py                  # every measure, table into docs/quality.md
    python benchmarks/quality.py --only corpus,blogs --no-write
    python benchmarks/quality.py --only blogs --blogs blog_go --no-write

Measures (issues 4, 10, 11 and 13):
- corpus: micro precision/recall of `postlint eval corpus/posts.jsonl corpus/labelled-values.jsonl
  --config corpus/postlint.yaml` (each file also on its own), and of the posts in
  labelled-values.jsonl whose id starts with `held-`: written before the labelled-value rules and never
  tuned on.
- spanish: the same on the Spanish corpus, the posts tuned on (corpus/es/posts.jsonl) and the
  held-out ones (corpus/es/holdout.jsonl) scored apart.
- language: what `lang: auto` reads each blog post (and each OLID tweet) as.
- dlp (only with `--dlp FILE`): sentence-level recall and false-alarm rate on a local copy of a public
  DLP benchmark CSV (columns Type = Positive/Negative, Subtype = Direct/Typo/Contextual/...,
  Example), e.g. Maison-Research/DLP-Public-Benchmarking-Dataset. Not shipped with the project.
- hateval (only with `--hateval FILE`): on a local copy of a labelled Spanish hate-speech set in
  HatEval 2019's format (CSV or TSV with columns `text` and `HS`, e.g. its Spanish dev set), the share
  of hateful tweets (HS=1) with any finding and with a `derogatory` one, and the same shares of the
  other tweets (false alarms: the clean class is full of profanity and insults that are not hate),
  every tweet read as Spanish. Not shipped with the project.
- blogs: every finding on three published blogs, side by side (../shared/corpora/blog_rust_lang,
  blog_go, blog_18f; Markdown, built-in packs, no company config): errors per 20 posts, the share
  of posts with any finding, and each finding with the verdict kept in
  benchmarks/verdicts/<blog>.yaml. A finding without a verdict is "unreviewed" and makes the run
  exit 1.
- presidio: recall per entity type on ../shared/corpora/presidio_synth (a `pii` finding that
  overlaps the labelled span).
- olid: precision/recall/F1 of "any derogatory or profanity finding" against OFF on
  ../shared/corpora/olid_train: the rules alone (DER-OFFENSIVE off) on every tweet, and the
  default packs with the model on, on the held-out `test` part (training/offensive_data.py: 20%
  of the tweets, by a hash of their id), which no training choice looked at; and the trade-off
  curve over the model's threshold. What the model adds on each blog is read from `blogs`
  (the Go blog was held out of the hard-negative mining and of the threshold choice).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))
import offensive_data as olid_data  # noqa: E402 - training/offensive_data.py: the OLID split
from olid import flag_scores, read_olid  # noqa: E402 - beside this script

CORPORA = ROOT.parent / "shared" / "corpora"
BLOGS = ("blog_rust_lang", "blog_go", "blog_18f", "blog_artsy", "blog_nodejs")
RUST_POSTS = CORPORA / "blog_rust_lang" / "posts"
PRESIDIO = CORPORA / "presidio_synth" / "synth_dataset_v2.json"
VERDICTS = Path(__file__).with_name("verdicts")
DOC = ROOT / "docs" / "quality.md"
PRESIDIO_TARGETS = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")
PRESIDIO_REPORTED = (*PRESIDIO_TARGETS, "PERSON", "STREET_ADDRESS")
CLASSIFIER_CODE = "DER-OFFENSIVE"


HELD_OUT = "held-"  # ids of labelled-value posts written before the rules and never tuned on


def measure_corpus() -> dict[str, Any]:
    from linter import Linter
    from linter.evaluate import evaluate, read_many

    linter = Linter(ROOT / "corpus" / "postlint.yaml")
    posts = read_many([ROOT / "corpus" / "posts.jsonl", ROOT / "corpus" / "labelled-values.jsonl"])
    report = evaluate(linter, posts)
    held_out = evaluate(linter, [p for p in posts if p.id.startswith(HELD_OUT)])
    disagreements = [f"FP {p['id']}: {f['code']} {f['match']!r}" for p in report["posts"] for f in p["false_positives"]]
    disagreements += [f"FN {p['id']}: {e['category']} {e['match']!r}" for p in report["posts"]
                      for e in p["false_negatives"]]
    files = {str(Path(k).relative_to(ROOT)): v for k, v in report.get("files", {}).items()}
    return {"categories": report["categories"], "micro": report["micro"], "disagreements": disagreements,
            "posts": len(report["posts"]), "files": files,
            "held_out": {"posts": len(held_out["posts"]), "micro": held_out["micro"]},
            "command": "postlint eval corpus/posts.jsonl corpus/labelled-values.jsonl --config corpus/postlint.yaml"}


# The benchmark's 100 kinds ("Point"), grouped for the report. A kind missing here is reported as "other".
DLP_GROUPS = {
    "identity": ("Full Names", "Maiden Names", "Places of Birth", "Dates of Birth", "Citizenship Status",
                 "Mother's Maiden Name"),
    "contact": ("Email Addresses", "Phone Numbers", "Physical Addresses", "Business Addresses", "Email Signatures",
                "Contact Lists", "Social Media Handles", "Gaming Usernames"),
    "family": ("Family Member Names", "Relative Contacts", "Spouse Names", "Children's Information",
               "Family Profiles", "Pet Names", "Recovery Contacts"),
    "identifiers": ("SSN", "Driver's License", "Passport Numbers", "National ID Numbers", "Visa Numbers",
                    "Tax ID Numbers", "Voter ID Numbers", "Professional License Numbers", "Employee IDs",
                    "Membership Numbers", "Account IDs"),
    "financial": ("Payment Details", "Bank Account Info", "Transaction IDs", "Credit Scores", "Loan Information",
                  "Income Details", "Insurance Policy Numbers", "Purchase Histories", "Warranty Claims",
                  "Crypto Addresses"),
    "credentials": ("Passwords", "PINs", "Security Codes", "Security Questions", "Digital Signatures",
                    "Certificate Numbers", "License Keys", "Firmware Keys", "API Keys", "Session Tokens",
                    "2FA Codes", "WiFi Passwords"),
    "health": ("Medical Records", "Biometric Data", "Health Metrics", "Allergies", "Medication Lists",
               "Genetic Data", "DNA Test Results", "Sleep Patterns", "Exercise Routines", "Dietary Preferences",
               "Psychological Profiles", "Mood Tracking"),
    "location and travel": ("GPS Coordinates", "Geolocation Data", "Geotags in Media", "EXIF Data",
                            "Travel Itineraries", "Hotel Bookings", "Flight Numbers", "Calendar Events"),
    "devices and network": ("IP Addresses", "WiFi SSIDs", "Device Serial Numbers", "IMEI Numbers", "MAC Addresses",
                            "Sensor Data", "Smart Home Commands", "Parental Control"),
    "records and content": ("Employer Names", "Employment History", "Education History", "Message Histories",
                            "Review Texts", "Survey Responses", "Feedback Forms", "App Usage Logs",
                            "Browsing History", "Forum Post Quotes", "Shared Document Links", "Error Logs with PII",
                            "Repair Histories", "Incident Reports", "File Paths", "Personal Narratives",
                            "Incident Descriptions", "URLs"),
}
DLP_GROUP_OF = {point: group for group, points in DLP_GROUPS.items() for point in points}
DLP_HALVES = ("tuning", "held-out")  # odd Example IDs (the first of each pair) / even ones


def dlp_half(example_id: str) -> str:
    """The benchmark comes in pairs (two examples per kind, type and subtype, odd id first): rules are
    tuned by reading the first of each pair only, and the second is scored apart as held out."""
    return DLP_HALVES[0] if int(example_id) % 2 else DLP_HALVES[1]


def measure_dlp(path: Path, show: str | None = None) -> dict[str, Any]:
    """Sentence-level: a positive counts as found when any `pii` or `confidential` finding is in it.
    Scored on the whole file, on each half (`dlp_half`) and per kind group; `show` names the one half
    whose missed positives and flagged negatives are listed (never the held-out one while tuning)."""
    from linter import Linter

    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("Example")]
    linter = Linter({})
    flagged = [any(f.category in ("pii", "confidential") for f in found)
               for found in linter.lint_many(r["Example"] for r in rows)]
    groups: dict[str, list[bool]] = defaultdict(list)
    halves: dict[str, dict[str, list[bool]]] = {h: defaultdict(list) for h in DLP_HALVES}
    by_group: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    by_point: dict[str, list[bool]] = defaultdict(list)
    listed: list[str] = []
    for row, hit in zip(rows, flagged):
        kind, subtype = row["Type"].strip().lower(), row["Subtype"].strip().lower()
        point = row["Point"].split(":")[0]
        half = dlp_half(row["Example ID"])
        names = [f"positive {subtype}", "positive (all)"] if kind == "positive" else ["negative (all)"]
        for name in names:
            groups[name].append(hit)
            halves[half][name].append(hit)
            by_group[DLP_GROUP_OF.get(point, "other")][f"{half} {name}"].append(hit)
        if kind == "positive" and subtype == "direct":
            by_point[point].append(hit)
        if show == half and hit != (kind == "positive"):
            listed.append(f"{'MISS' if kind == 'positive' else 'FLAG'} {row['Example ID']} {point} / "
                          f"{subtype}: {row['Example']}")

    def rate(hits: list[bool]) -> dict[str, Any]:
        return {"flagged": sum(hits), "total": len(hits), "rate": sum(hits) / len(hits) if hits else 0.0}

    return {"file": path.name, "groups": {k: rate(v) for k, v in sorted(groups.items())},
            "halves": {h: {k: rate(v) for k, v in sorted(g.items())} for h, g in halves.items()},
            "kind_groups": {g: {k: rate(v) for k, v in sorted(c.items())} for g, c in by_group.items()},
            "direct_missed_points": sorted(k for k, v in by_point.items() if not any(v)),
            "listed": listed}


def measure_hateval(path: Path) -> dict[str, Any]:
    """Tweet level: a tweet counts as flagged when it has any finding, and apart, a `derogatory` one;
    every tweet read as Spanish (`lang: es`), and as the default config reads it (`lang: auto`)."""
    from linter import Linter

    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ",")
                if r.get("text") and r.get("HS", "").strip()]
    out: dict[str, Any] = {"file": path.name}
    for lang in ("es", "auto"):
        found = list(Linter({"lang": lang}).lint_many(r["text"] for r in rows))
        for name, label in (("hateful", True), ("other", False)):
            part = [fs for r, fs in zip(rows, found) if (float(r["HS"]) == 1) == label]
            anything = sum(1 for fs in part if fs)
            derogatory = sum(1 for fs in part if any(f.category == "derogatory" for f in fs))
            out[f"{name} {lang}"] = {"total": len(part), "any": anything, "derogatory": derogatory}
    return out


def measure_spanish() -> dict[str, Any]:
    """The Spanish corpus: the posts the packs were tuned on, and the held-out ones, scored apart."""
    from linter import Linter
    from linter.evaluate import evaluate, read_posts

    linter = Linter(ROOT / "corpus" / "postlint.yaml")
    parts = {}
    for name in ("posts", "holdout"):
        report = evaluate(linter, read_posts(ROOT / "corpus" / "es" / f"{name}.jsonl"))
        parts[name] = {"micro": report["micro"], "posts": len(report["posts"]), "categories": report["categories"]}
    return {**parts, "command": "postlint eval corpus/es/posts.jsonl (or holdout.jsonl) --config corpus/postlint.yaml"}


def measure_language() -> dict[str, Any]:
    """How often `lang: auto` reads a post in the wrong language, on text nobody here wrote."""
    import csv

    from linter import languages
    from linter.markup import extract, markup_for

    found: dict[str, Any] = {}
    for blog in BLOGS:
        if not (CORPORA / blog / "posts").is_dir():
            continue
        counts: dict[str, int] = {}
        for path in blog_posts(blog):
            extracted = extract(path.read_text(encoding="utf-8"), markup_for(path.name))
            lang = languages.resolve("auto", declared=extracted.declared_lang, text=extracted.text)
            counts[lang] = counts.get(lang, 0) + 1
        found[blog] = counts
    olid = CORPORA / "olid_train" / "olid-training-v1.0.tsv"
    if olid.is_file():
        counts = {}
        with olid.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                lang = languages.detect(row["tweet"])
                counts[lang] = counts.get(lang, 0) + 1
        found["olid_train (tweets)"] = counts
    return found


def blog_posts(blog: str) -> list[Path]:
    """Every file of a blog's posts that `postlint check` reads (.md, .markdown, .mdx, .html, ...)."""
    from linter.sources import CHECKED_SUFFIXES

    folder = CORPORA / blog / "posts"
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in CHECKED_SUFFIXES)


# The one choice made from the verdicts (issue 31): what a value rule reports when nothing speaks for
# or against a value (its `unsupported` option: a warning, or nothing). The blogs are linted with every
# such value kept as a warning; the choice is then made per rule from the verdicts: on all five blogs
# for the pack's default, and, for each blog's leave-one-out figures, on the other four only.
FITTED = ("PII-EMAIL", "PII-PHONE")


def fitting_rules() -> list[Any]:
    """The built-in rules, with every value of the FITTED rules that has no evidence either way kept."""
    from dataclasses import replace

    from linter.config import Config
    from linter.packs import load_rules

    def keep(options: Any) -> dict[str, Any]:
        return {**options, "unsupported": "warning"}

    return [replace(r, options=keep(r.options), local={lang: replace(b, options=keep(b.options))
                                                       for lang, b in r.local.items()})
            if r.code in FITTED else r for r in load_rules(Config())]


def shipped_choice() -> dict[str, str]:
    """The `unsupported` choice of each FITTED rule as the built-in pack ships it."""
    from linter.config import Config
    from linter.packs import load_rules

    return {r.code: r.options["unsupported"] for r in load_rules(Config()) if r.code in FITTED}


def measure_blogs(blogs: tuple[str, ...] = BLOGS) -> dict[str, Any]:
    """Every finding on each blog's posts (built-in packs, no company config), with its evidence."""
    from linter import Linter
    from linter.config import Config
    from linter.engine import Post

    linter = Linter(Config(), rules=fitting_rules())
    results = {}
    for blog in blogs:
        paths = blog_posts(blog)
        posts = (Post(p.read_text(encoding="utf-8"), path=str(p)) for p in paths)
        findings = []
        for path, found in zip(paths, linter.lint_many(posts)):
            findings += [{"file": path.name, "line": f.line, "col": f.col, "code": f.code,
                          "severity": str(f.severity), "match": f.match, "evidence": [e.reason for e in f.evidence],
                          "unsupported": f.code in FITTED and not f.evidence} for f in found]
        results[blog] = {"posts": len(paths), "findings": findings,
                         "command": f"postlint check ../shared/corpora/{blog}/posts --config <empty config>"}
    return results  # `main` joins the verdicts, after keeping the raw findings (`--json`)


def fit_unsupported(blogs: dict[str, Any], names: list[str]) -> dict[str, str]:
    """Per FITTED rule, the `unsupported` choice the verdicts on the blogs `names` make: nothing when
    more of its values with no evidence were judged wrong than right, else a warning."""
    choice = {}
    for code in FITTED:
        judged = Counter(f["verdict"] for name in names for f in blogs[name]["findings"]
                         if f["code"] == code and f.get("unsupported"))
        choice[code] = "none" if judged["wrong"] > judged["right"] else "warning"
    return choice


def reported(findings: list[dict[str, Any]], choice: dict[str, str]) -> list[dict[str, Any]]:
    """The findings a run with the `unsupported` choice `choice` reports."""
    return [f for f in findings if not (f.get("unsupported") and choice.get(f["code"]) == "none")]


def figures(posts: int, findings: list[dict[str, Any]]) -> dict[str, Any]:
    severities = Counter(f["severity"] for f in findings)
    return {"posts": posts, "errors": severities["error"], "warnings": severities["warning"],
            "infos": severities["info"], "posts_with_findings": len({f["file"] for f in findings}),
            "wrong_errors": sum(1 for f in findings if f["severity"] == "error" and f["verdict"] != "right"),
            "wrong": sum(1 for f in findings if f["verdict"] != "right")}


def apply_verdicts(blogs: dict[str, Any]) -> None:
    """Join each finding with its verdict, and count what the summary shows: each blog as the packs
    ship (`shipped_choice`), and as if never seen (the choice fitted on the other blogs)."""
    for blog, result in blogs.items():
        verdicts = _load_verdicts(blog)
        for f in result["findings"]:
            f.update(verdicts.get(f"{f['file']}|{f['code']}|{f['match']}", {"verdict": "unreviewed", "why": ""}))
    shipped = shipped_choice()
    names = list(blogs)
    for blog, result in blogs.items():
        result.update(figures(result["posts"], reported(result["findings"], shipped)),
                      unreviewed=sum(1 for f in result["findings"] if f["verdict"] == "unreviewed"))
        others = [b for b in names if b != blog]
        choice = fit_unsupported(blogs, others) if others else shipped
        result["held_out"] = {"choice": choice, **figures(result["posts"], reported(result["findings"], choice))}
    blogs_fit = fit_unsupported(blogs, names)
    for result in blogs.values():
        result["fit_on_all"] = blogs_fit


def _load_verdicts(blog: str) -> dict[str, dict[str, str]]:
    path = VERDICTS / f"{blog}.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {f"{v['file']}|{v['code']}|{v['match']}": {"verdict": v["verdict"], "why": v["why"]} for v in data}


def measure_presidio() -> dict[str, Any]:
    from linter import Linter

    data = json.loads(PRESIDIO.read_text(encoding="utf-8"))
    linter = Linter({})
    found = Counter()
    total = Counter()
    missed: dict[str, list[str]] = defaultdict(list)
    false_alarms = 0
    for item, findings in zip(data, linter.lint_many(d["full_text"] for d in data)):
        pii = [f for f in findings if f.category == "pii"]
        spans = item["spans"]
        for span in spans:
            kind = span["entity_type"]
            total[kind] += 1
            if any(f.start < span["end_position"] and span["start_position"] < f.end for f in pii):
                found[kind] += 1
            elif len(missed[kind]) < 8:
                missed[kind].append(span["entity_value"])
        false_alarms += sum(1 for f in pii if not any(
            f.start < s["end_position"] and s["start_position"] < f.end for s in spans))
    recall = {k: {"found": found[k], "total": total[k], "recall": found[k] / total[k] if total[k] else 1.0}
              for k in PRESIDIO_REPORTED}
    return {"sentences": len(data), "recall": recall, "missed": {k: missed[k] for k in PRESIDIO_REPORTED},
            "pii_findings_outside_any_span": false_alarms,
            "command": "python benchmarks/quality.py --only presidio"}


def measure_olid() -> dict[str, Any]:
    """The default packs on OLID: the rules alone on every tweet, and with DER-OFFENSIVE on the
    held-out `test` part of training/offensive_data.py (the shipped model never saw it; nothing was tuned on it)."""
    from linter import Linter

    texts, labels = read_olid()
    rules_linter = Linter({"rules": {CLASSIFIER_CODE: "off"}})
    by_rules = [_offensive(f) for f in rules_linter.lint_many(texts)]
    test = [i for i, (tid, _, _) in enumerate(olid_data.read_olid()) if olid_data.olid_part(tid) == "test"]
    test_texts, test_labels = [texts[i] for i in test], [labels[i] for i in test]
    with_model = [_offensive(f) for f in Linter({}).lint_many(test_texts)]
    scores = model_scores(test_texts)
    rules_test = [by_rules[i] for i in test]
    curve = [{"threshold": t, **flag_scores([r or s >= t for r, s in zip(rules_test, scores)], test_labels)}
             for t in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)]
    return {"tweets": len(texts), "off": sum(labels), "rules_only": flag_scores(by_rules, labels),
            "test_tweets": len(test), "test_off": sum(test_labels),
            "rules_only_test": flag_scores(rules_test, test_labels),
            "default_test": flag_scores(with_model, test_labels), "curve": curve,
            "model": _encoder_meta(),
            "command": "python benchmarks/quality.py --only olid"}


def _offensive(findings: list[Any]) -> bool:
    return any(f.category in ("derogatory", "profanity") for f in findings)


def _cascade() -> Any:
    """DER-OFFENSIVE's check, built as the engine builds it (no company)."""
    from linter.checks.classifier import ClassifierCheck
    from linter.config import Company
    from linter.packs import all_builtin_rules

    return ClassifierCheck(next(r for r in all_builtin_rules() if r.code == CLASSIFIER_CODE), Company())


def _encoder_meta() -> dict[str, Any]:
    check = _cascade()
    meta = check.encoder.meta
    return {"threshold": check.threshold, "prefilter": check.prefilter, "combine": meta.get("combine"),
            "training": meta["training"], "dev": meta["dev"], "base_model": meta["base_model"]}


def model_scores(texts: list[str]) -> list[float]:
    """Each text's highest unit probability through the cascade (0 where the prefilter stops every unit)."""
    from linter.document import Document

    check = _cascade()
    return [max((p for _, _, p in check.candidates(Document.create(t))), default=0.0) for t in texts]

MEASURES = {"corpus": measure_corpus, "spanish": measure_spanish, "language": measure_language,
            "blogs": measure_blogs, "presidio": measure_presidio, "olid": measure_olid}
OPTIONAL = {"dlp", "hateval"}  # measured only when their data is given (`--dlp FILE`, `--hateval FILE`)


def render(results: dict[str, Any]) -> str:
    out = ["# Detection quality", "",
           "Written by `python benchmarks/quality.py` (do not edit the tables by hand; verdicts on the",
           "blogs' findings live in `benchmarks/verdicts/<blog>.yaml`). Data: `../shared/corpora/`",
           "(read-only, see its README for sources and licences).", "",
           "## Summary", "", "| measure | target | result | command |", "|---|---|---|---|"]
    if "corpus" in results:
        c = results["corpus"]
        rows = [("corpus/ micro P / R", c["micro"]), *((f"{k} P / R", v) for k, v in c.get("files", {}).items())]
        if "held_out" in c:
            rows.append((f"corpus/labelled-values.jsonl held-out ({c['held_out']['posts']} posts, never tuned on) "
                         "P / R", c["held_out"]["micro"]))
        for name, m in rows:
            out.append(f"| {name} | >= 0.95 / >= 0.95 | {m['precision']:.3f} / {m['recall']:.3f} | `{c['command']}` |")
    if "dlp" in results:
        g = results["dlp"]["groups"]
        for name, target, kind in (("direct statements found", ">= 0.85", "positive direct"),
                                   ("all positives found", ">= 0.60", "positive (all)"),
                                   ("negatives flagged", "<= 0.05", "negative (all)")):
            if kind in g:
                out.append(f"| DLP benchmark ({results['dlp']['file']}): {name} | {target} | {g[kind]['rate']:.3f} "
                           f"({g[kind]['flagged']}/{g[kind]['total']}) | "
                           "`python benchmarks/quality.py --only dlp --dlp FILE` |")
    if "hateval" in results:
        h = results["hateval"]
        parts = (("hateful tweets with any finding / a derogatory one", ">= 0.75", "hateful"),
                 ("other tweets with any finding / a derogatory one", "as low as it goes", "other"))
        for (name, target, part), lang in itertools.product(parts, ("es", "auto")):
            g = h[f"{part} {lang}"]
            out.append(f"| HatEval ({h['file']}, {g['total']} {part}, lang: {lang}): {name} | {target} | "
                       f"{g['any'] / g['total']:.3f} / {g['derogatory'] / g['total']:.3f} | "
                       "`python benchmarks/quality.py --only hateval --hateval FILE` |")
    if "spanish" in results:
        for name, label in (("posts", "tuned on"), ("holdout", "held out")):
            m = results["spanish"][name]["micro"]
            out.append(f"| corpus/es/{name}.jsonl ({results['spanish'][name]['posts']} Spanish posts, {label}) "
                       f"micro P / R | >= 0.95 / >= 0.95 | {m['precision']:.3f} / {m['recall']:.3f} "
                       f"| `{results['spanish']['command']}` |")
    if "language" in results:
        for source, counts in results["language"].items():
            total = sum(counts.values())
            out.append(f"| {source}: posts `lang: auto` reads as English | all of {total} | "
                       f"{counts.get('en', 0)} ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))}) "
                       "| `python benchmarks/quality.py --only language` |")
    for blog, r in results.get("blogs", {}).items():
        h = r["held_out"]
        out.append(f"| {blog}: errors per 20 posts / posts with any finding (as shipped; as if never seen) | "
                   f"<= 0.3 / <= 3% | {20 * r['errors'] / r['posts']:.2f} / "
                   f"{100 * r['posts_with_findings'] / r['posts']:.1f}%; {20 * h['errors'] / h['posts']:.2f} / "
                   f"{100 * h['posts_with_findings'] / h['posts']:.1f}% | `{LOO_COMMAND}` |")
    if "presidio" in results:
        rec = results["presidio"]["recall"]
        worst = min(rec[k]["recall"] for k in PRESIDIO_TARGETS)
        out.append(f"| presidio_synth: lowest recall of {', '.join(PRESIDIO_TARGETS)} | >= 0.95 | {worst:.3f} "
                   f"| `python benchmarks/quality.py --only presidio` |")
    if "olid" in results:
        o = results["olid"]
        h = o["default_test"]
        out.append(f"| olid_train held-out test ({o['test_tweets']} tweets): macro-F1 / F1(OFF), default packs "
                   f"with DER-OFFENSIVE | >= 0.80 / >= 0.72 | {h['macro_f1']:.3f} / {h['f1']:.3f} (P "
                   f"{h['precision']:.3f}, R {h['recall']:.3f}) | `python benchmarks/quality.py --only olid` |")
    for blog, r in results.get("blogs", {}).items():
        added = sum(1 for f in r["findings"] if f["code"] == CLASSIFIER_CODE)
        held_out = " (held out of the model's mining)" if blog == olid_data.HELD_OUT_BLOG else ""
        out.append(f"| {blog}{held_out}: DER-OFFENSIVE findings per 100 posts | <= 1 | "
                   f"{100 * added / r['posts']:.2f} ({added}) | `python benchmarks/quality.py --only blogs` |")
    if "corpus" in results:
        c = results["corpus"]
        out += ["", f"## Project corpus ({c['posts']} posts)", "", f"`{c['command']}`", "",
                "| category | tp | fp | fn | precision | recall | f1 |", "|---|---|---|---|---|---|---|"]
        for name, s in [*c["categories"].items(), ("micro", c["micro"]), *c.get("files", {}).items(),
                        *([("held-out posts of labelled-values.jsonl", c["held_out"]["micro"])]
                          if "held_out" in c else [])]:
            out.append(f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | "
                       f"{s['recall']:.3f} | {s['f1']:.3f} |")
        if c["disagreements"]:
            out += ["", "Remaining disagreements with the labels:", ""]
            out += [f"- {d}" for d in c["disagreements"]]
    if "dlp" in results:
        d = results["dlp"]
        out += ["", f"## DLP benchmark ({d['file']}, built-in packs, no company config)", "",
                "Sentence level: a sentence counts as flagged when any `pii` or `confidential` finding is in it.", "",
                "| sentences | flagged | total | rate |", "|---|---|---|---|"]
        out += [f"| {k} | {v['flagged']} | {v['total']} | {v['rate']:.3f} |" for k, v in d["groups"].items()]
        if "halves" in d:
            out += ["", "The same by half: rules were tuned by reading the first example of each pair (odd Example "
                    "ID) only; the second (even ID) is held out.", "",
                    "| half | direct found | all positives found | negatives flagged |", "|---|---|---|---|"]
            for half, g in d["halves"].items():
                out.append(f"| {half} | " + " | ".join(
                    f"{g[k]['rate']:.3f} ({g[k]['flagged']}/{g[k]['total']})"
                    for k in ("positive direct", "positive (all)", "negative (all)")) + " |")
            out += ["", "Per kind group (direct statements found / all positives found / negatives flagged), each half:",
                    "", "| kind group | tuning | held-out |", "|---|---|---|"]
            for group, g in d["kind_groups"].items():
                out.append(f"| {group} | " + " | ".join(
                    " / ".join(f"{g[f'{h} {k}']['flagged']}/{g[f'{h} {k}']['total']}"
                               for k in ("positive direct", "positive (all)", "negative (all)"))
                    for h in DLP_HALVES) + " |")
        if d["direct_missed_points"]:
            out += ["", "Kinds of data none of whose direct statements is flagged: "
                    + ", ".join(d["direct_missed_points"]) + "."]
    if "presidio" in results:
        p = results["presidio"]
        out += ["", f"## presidio_synth ({p['sentences']} sentences, no company config)", "",
                "A span counts as found when any `pii` finding overlaps it. PERSON and STREET_ADDRESS are",
                "reported but not targets: a name alone is not a leak (PII-PERSON needs a private matter",
                "next to it), and the synthetic addresses are mostly non-US formats.", "",
                "| entity | found | total | recall |", "|---|---|---|---|"]
        for k in PRESIDIO_REPORTED:
            r = p["recall"][k]
            out.append(f"| {k} | {r['found']} | {r['total']} | {r['recall']:.3f} |")
        out += ["", f"`pii` findings that overlap no labelled span: {p['pii_findings_outside_any_span']}.", "",
                "Examples of missed spans:", ""]
        for k in PRESIDIO_REPORTED:
            if p["missed"][k]:
                out.append(f"- {k}: " + "; ".join(f"`{v!r}`" for v in p["missed"][k][:4]))
    if "olid" in results:
        out += render_olid(results["olid"])
    if "blogs" in results:
        out += blog_tables(results["blogs"])
    return "\n".join(out) + "\n"


def render_olid(o: dict[str, Any]) -> list[str]:
    m = o["model"]
    out = ["", f"## olid_train ({o['tweets']} tweets, {o['off']} OFF)", "",
           "Predicted OFF = any `derogatory` or `profanity` finding of the default packs (no config).",
           (f"The held-out test part is {o['test_tweets']} tweets ({o['test_off']} OFF), 20% of OLID chosen by a "
           "hash of the tweet id (`training/offensive_data.py`); the shipped models were trained on 70% and "
           "their thresholds chosen on another 10%, so no choice looked at these tweets."), "",
           "| predictor | tweets | tp | fp | fn | precision | recall | F1(OFF) | macro-F1 | clean flagged |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for name, n, r in (("rules only (DER-OFFENSIVE off), all tweets", o["tweets"], o["rules_only"]),
                       ("rules only (DER-OFFENSIVE off), test part", o["test_tweets"], o["rules_only_test"]),
                       ("default packs with DER-OFFENSIVE, test part", o["test_tweets"], o["default_test"])):
        out.append(f"| {name} | {n} | {r['tp']} | {r['fp']} | {r['fn']} | {r['precision']:.3f} | "
                   f"{r['recall']:.3f} | {r['f1']:.3f} | {r['macro_f1']:.3f} | {r['clean_flagged']:.3f} |")
    out += ["", (f"The model: {m['training']['method']}, from {m['base_model']['package']} "
            f"({m['base_model']['model']}, {m['base_model']['licence']}); prefilter threshold {m['prefilter']}, "
            f"encoder threshold {m['threshold']} (chosen on the dev part: F1(OFF) {m['dev']['f1_off']:.3f}). "
            "Trade-off on the test part, default packs, as the encoder's threshold moves (the rules' "
            "findings always count):"), "",
            "| threshold | precision | recall | F1(OFF) | macro-F1 | clean tweets flagged |", "|---|---|---|---|---|---|"]
    out += [f"| {c['threshold']} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | {c['macro_f1']:.3f} | "
            f"{c['clean_flagged']:.3f} |" for c in o["curve"]]
    return out


LOO_COMMAND = "python benchmarks/quality.py --only blogs"


def _rate_cells(r: dict[str, Any]) -> str:
    return (f"{r['errors']} | {20 * r['errors'] / r['posts']:.2f} | {r['warnings']} | {r['infos']} | "
            f"{r['posts_with_findings']} ({100 * r['posts_with_findings'] / r['posts']:.1f}%) | {r['wrong_errors']}")


def _choice(choice: dict[str, str]) -> str:
    return ", ".join(f"{code} {value}" for code, value in sorted(choice.items()))


def blog_tables(blogs: dict[str, Any]) -> list[str]:
    """The blogs side by side, as shipped and as if never seen, then every finding with its verdict."""
    head = "| errors | errors / 20 posts | warnings | info | posts with any finding | errors judged wrong |"
    out = ["", "## Published blogs (built-in packs, no company config)", "",
           f"`{LOO_COMMAND}` lints every post of each blog (every file `postlint check` reads: .md,",
           ".markdown, .mdx, ...) with `lint_many`; a finding's verdict says whether a careful communications",
           "reviewer would ask the author to change it before publishing (`benchmarks/verdicts/<blog>.yaml`).",
           "Targets per blog: <= 0.3 error per 20 posts, every error right, <= 3% of posts with any finding.", "",
           "| blog | posts " + head + " unreviewed |", "|---|---|---|---|---|---|---|---|---|"]
    for blog, r in blogs.items():
        out.append(f"| {blog} | {r['posts']} | {_rate_cells(r)} | {r['unreviewed']} |")
    total = {k: sum(r[k] for r in blogs.values()) for k in ("posts", "errors", "warnings", "infos",
                                                            "posts_with_findings", "wrong_errors", "unreviewed")}
    out.append(f"| all {len(blogs)} blogs | {total['posts']} | {_rate_cells(total)} | {total['unreviewed']} |")
    first = next(iter(blogs.values()), None)
    if first is not None:
        held = {k: sum(r["held_out"][k] for r in blogs.values()) for k in ("posts", "errors", "warnings", "infos",
                                                                           "posts_with_findings", "wrong_errors")}
        out += ["", "### Each blog as if never seen (leave-one-blog-out)", "",
                "One choice is made from the verdicts: what PII-EMAIL and PII-PHONE report for a value with no",
                "evidence for or against it (their `unsupported` option: a warning, or nothing; a value whose",
                "verdicts are more often wrong than right is left out). Every other part of the evidence is fixed",
                "by design, not fitted. Here each blog gets the choice fitted on the other four, so its figures",
                "are what a blog nobody had judged would get; the total adds them up.",
                f"Fitted on all {len(blogs)}: {_choice(first['fit_on_all'])}; shipped: {_choice(shipped_choice())}.", "",
                f"`{LOO_COMMAND}`", "",
                "| held-out blog | choice fitted on the other blogs " + head, "|---|---|---|---|---|---|---|---|"]
        for blog, r in blogs.items():
            out.append(f"| {blog} | {_choice(r['held_out']['choice'])} | {_rate_cells(r['held_out'])} |")
        out.append(f"| total | | {_rate_cells(held)} |")
    for blog, r in blogs.items():
        out += ["", f"### {blog} ({r['posts']} posts)", "",
                f"{r['errors']} errors, {r['warnings']} warnings, {r['infos']} info. Every finding, with its evidence "
                "and a verdict (a value with no evidence either way is marked *unsupported*):", ""]
        if not r["findings"]:
            out.append("(no findings)")
            continue
        out += ["| file:line | code | severity | match | evidence | verdict | why |", "|---|---|---|---|---|---|---|"]
        for f in r["findings"]:
            match = f["match"].replace("|", "\\|").replace("\n", " ")
            evidence = "*unsupported*" if f.get("unsupported") else ", ".join(f.get("evidence", []))
            out.append(f"| {f['file']}:{f['line']} | {f['code']} | {f['severity']} | `{match}` | {evidence} | "
                       f"{f['verdict']} | {f['why']} |")
    return out


SECTION_OF = {"corpus": "## Project corpus", "blogs": "## Published blogs", "presidio": "## presidio_synth",
              "olid": "## olid_train", "dlp": "## DLP benchmark", "hateval": "## HatEval"}
SUMMARY_ROW_OF = {"corpus": "| corpus/", "blogs": "| blog_", "presidio": "| presidio_synth", "olid": "| olid_train",
                  "dlp": "| DLP benchmark", "hateval": "| HatEval"}


def keep_unmeasured(text: str, old: str, measured: set[str]) -> str:
    """`text` plus, for each measure not run this time, its summary rows and section from the
    `old` docs/quality.md (a partial run must not erase what it did not measure)."""
    keep = [name for name in SECTION_OF if name not in measured]
    if not keep or not old:
        return text
    old_sections = ["## " + part for part in old.split("\n## ")[1:]]
    old_summary = next((sec for sec in old_sections if sec.startswith("## Summary")), "")
    # rows of the old summary only: the sections' own tables have rows that start alike ("| corpus/")
    rows = [line for line in old_summary.splitlines() if any(line.startswith(SUMMARY_ROW_OF[n]) for n in keep)]
    head, _, rest = text.partition("\n## ")
    sections = ["## " + part for part in rest.split("\n## ")] if rest else []
    summary = sections[0].rstrip("\n") + "\n" + "\n".join(rows) if rows and sections else ""
    body = [sec for sec in sections[1:]]
    for name in keep:
        body += [sec for sec in old_sections if sec.startswith(SECTION_OF[name])]
    return "\n".join([head.rstrip("\n"), "", summary.rstrip("\n") if summary else sections[0].rstrip("\n"),
                      *[b.rstrip("\n") + "\n" for b in body]]).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(MEASURES),
                        help="comma-separated: " + ", ".join([*MEASURES, *OPTIONAL]))
    parser.add_argument("--dlp", type=Path, help="a local copy of a public DLP benchmark CSV (adds the dlp measure)")
    parser.add_argument("--dlp-show", choices=DLP_HALVES,
                        help="list that half's missed positives and flagged negatives on stderr (read the tuning half only)")
    parser.add_argument("--hateval", type=Path,
                        help="a local copy of a HatEval-format Spanish hate-speech CSV/TSV (adds the hateval measure)")
    parser.add_argument("--blogs", default=",".join(BLOGS), help="comma-separated blogs for `blogs`: " + ", ".join(BLOGS))
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs/quality.md")
    parser.add_argument("--json", type=Path, help="also dump the raw results here")
    parser.add_argument("--from-json", type=Path, action="append", default=[],
                        help="reuse results dumped by an earlier --json run (verdicts are re-read)")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for cached in args.from_json:
        results.update(json.loads(cached.read_text(encoding="utf-8")))
    if "blogs" in results:
        apply_verdicts(results["blogs"])
    names = [] if args.from_json else args.only.split(",")
    for name, given in (("dlp", args.dlp), ("hateval", args.hateval)):
        if given and name not in names:
            names.append(name)
    for name in names:
        started = time.perf_counter()
        if name in OPTIONAL:
            given = getattr(args, name)
            if given is None:
                parser.error(f"the {name} measure needs --{name} FILE")
            if name == "dlp":
                results[name] = measure_dlp(given, args.dlp_show)
                print("\n".join(results[name].pop("listed")), file=sys.stderr)
            else:
                results[name] = measure_hateval(given)
        else:
            results[name] = measure_blogs(tuple(args.blogs.split(","))) if name == "blogs" else MEASURES[name]()
        print(f"{name}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if "blogs" in results and not args.from_json:
        apply_verdicts(results["blogs"])
    text = render(results)
    if args.no_write:
        print(text)
    else:
        DOC.parent.mkdir(exist_ok=True)
        old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        text = keep_unmeasured(text, old, set(results))
        DOC.write_text(text, encoding="utf-8")
        print(text.split("\n## ", 2)[0] + "\n" if "## " in text else text)
    unreviewed = sum(r["unreviewed"] for r in results.get("blogs", {}).values())
    if unreviewed:
        print(f"{unreviewed} blog findings have no verdict: add them to benchmarks/verdicts/<blog>.yaml",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
