"""Detection quality on text nobody on this project wrote, plus the project's own corpus.

    python benchmarks/quality.py                  # all four measures, table into docs/quality.md
    python benchmarks/quality.py --only corpus,blogs --no-write
    python benchmarks/quality.py --only blogs --blogs blog_go --no-write

Measures (issues 4 and 10):
- corpus: micro precision/recall of `postlint eval corpus/ --config corpus/postlint.yaml` (every
  corpus file: posts.jsonl and labelled-values.jsonl, each also on its own), and of the posts in
  labelled-values.jsonl whose id starts with `held-`: written before the labelled-value rules and never
  tuned on.
- dlp (only with `--dlp FILE`): sentence-level recall and false-alarm rate on a local copy of a public
  DLP benchmark CSV (columns Type = Positive/Negative, Subtype = Direct/Typo/Contextual/...,
  Example), e.g. Maison-Research/DLP-Public-Benchmarking-Dataset. Not shipped with the project.
- blogs: every finding on three published blogs, side by side (../shared/corpora/blog_rust_lang,
  blog_go, blog_18f; Markdown, built-in packs, no company config): errors per 20 posts, the share
  of posts with any finding, and each finding with the verdict kept in
  benchmarks/verdicts/<blog>.yaml. A finding without a verdict is "unreviewed" and makes the run
  exit 1.
- presidio: recall per entity type on ../shared/corpora/presidio_synth (a `pii` finding that
  overlaps the labelled span).
- olid: precision/recall/F1 of "any derogatory or profanity finding" against OFF on
  ../shared/corpora/olid_train. The trained classifier (DER-OFFENSIVE) is scored by nested
  cross-validation only: each tweet is judged by a model fitted on the other folds, with its
  hyper-parameters and threshold chosen on inner folds of those (benchmarks/train_offensive.py;
  needs its offline training packages), never by the shipped one. Also lists what enabling it
  adds on the Rust blog.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from olid import flag_scores, read_olid  # noqa: E402 - beside this script; shared with train_offensive.py

CORPORA = ROOT.parent / "shared" / "corpora"
BLOGS = ("blog_rust_lang", "blog_go", "blog_18f")
RUST_POSTS = CORPORA / "blog_rust_lang" / "posts"
PRESIDIO = CORPORA / "presidio_synth" / "synth_dataset_v2.json"
VERDICTS = Path(__file__).with_name("verdicts")
BLOG_TARGETS = {"errors_per_20": 0.5, "posts_with_findings": 0.05}
DOC = ROOT / "docs" / "quality.md"
PRESIDIO_TARGETS = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")
PRESIDIO_REPORTED = (*PRESIDIO_TARGETS, "PERSON", "STREET_ADDRESS")
CLASSIFIER_CODE = "DER-OFFENSIVE"
OLID_NOTES = (Path(__file__).with_name("olid_notes.md").read_text(encoding="utf-8").strip()
              if Path(__file__).with_name("olid_notes.md").exists() else "")


HELD_OUT = "held-"  # ids of labelled-value posts written before the rules and never tuned on


def measure_corpus() -> dict[str, Any]:
    from linter import Linter
    from linter.evaluate import evaluate, read_many

    linter = Linter(ROOT / "corpus" / "postlint.yaml")
    posts = read_many([ROOT / "corpus"])
    report = evaluate(linter, posts)
    held_out = evaluate(linter, [p for p in posts if p.id.startswith(HELD_OUT)])
    disagreements = [f"FP {p['id']}: {f['code']} {f['match']!r}" for p in report["posts"] for f in p["false_positives"]]
    disagreements += [f"FN {p['id']}: {e['category']} {e['match']!r}" for p in report["posts"]
                      for e in p["false_negatives"]]
    files = {str(Path(k).relative_to(ROOT)): v for k, v in report.get("files", {}).items()}
    return {"categories": report["categories"], "micro": report["micro"], "disagreements": disagreements,
            "posts": len(report["posts"]), "files": files,
            "held_out": {"posts": len(held_out["posts"]), "micro": held_out["micro"]},
            "command": "postlint eval corpus/ --config corpus/postlint.yaml"}


def measure_dlp(path: Path) -> dict[str, Any]:
    """Sentence-level: a positive counts as found when any `pii` or `confidential` finding is in it."""
    from linter import Linter

    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("Example")]
    linter = Linter({})
    flagged = [any(f.category in ("pii", "confidential") for f in found)
               for found in linter.lint_many(r["Example"] for r in rows)]
    groups: dict[str, list[bool]] = defaultdict(list)
    by_point: dict[str, list[bool]] = defaultdict(list)
    for row, hit in zip(rows, flagged):
        kind, subtype = row["Type"].strip().lower(), row["Subtype"].strip().lower()
        if kind == "positive":
            groups[f"positive {subtype}"].append(hit)
            groups["positive (all)"].append(hit)
            if subtype == "direct":
                by_point[row["Point"].split(":")[0]].append(hit)
        else:
            groups["negative (all)"].append(hit)

    def rate(hits: list[bool]) -> dict[str, Any]:
        return {"flagged": sum(hits), "total": len(hits), "rate": sum(hits) / len(hits) if hits else 0.0}

    return {"file": path.name, "groups": {k: rate(v) for k, v in sorted(groups.items())},
            "direct_missed_points": sorted(k for k, v in by_point.items() if not any(v))}


def measure_blogs(blogs: tuple[str, ...] = BLOGS) -> dict[str, Any]:
    """Every finding on each blog's posts (built-in packs, no company config), with its verdict."""
    from linter import Linter
    from linter.engine import Post

    linter = Linter({})
    results = {}
    for blog in blogs:
        paths = sorted((CORPORA / blog / "posts").glob("*.md"))
        posts = (Post(p.read_text(encoding="utf-8"), path=p.name) for p in paths)
        findings = []
        for path, found in zip(paths, linter.lint_many(posts)):
            findings += [{"file": path.name, "line": f.line, "col": f.col, "code": f.code,
                          "severity": str(f.severity), "match": f.match} for f in found]
        results[blog] = {"posts": len(paths), "findings": findings,
                         "command": f"postlint check ../shared/corpora/{blog}/posts --config <empty config>"}
    apply_verdicts(results)
    return results


def apply_verdicts(blogs: dict[str, Any]) -> None:
    """Join each finding with its verdict and count what the summary shows."""
    for blog, result in blogs.items():
        verdicts = _load_verdicts(blog)
        for f in result["findings"]:
            f.update(verdicts.get(f"{f['file']}|{f['code']}|{f['match']}", {"verdict": "unreviewed", "why": ""}))
        severities = Counter(f["severity"] for f in result["findings"])
        result.update(errors=severities["error"], warnings=severities["warning"], infos=severities["info"],
                      posts_with_findings=len({f["file"] for f in result["findings"]}),
                      wrong_errors=sum(1 for f in result["findings"] if f["severity"] == "error" and f["verdict"] != "right"),
                      unreviewed=sum(1 for f in result["findings"] if f["verdict"] == "unreviewed"))


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
    from linter import Linter
    from linter.packs import all_builtin_rules

    texts, labels = read_olid()
    has_classifier = any(r.code == CLASSIFIER_CODE for r in all_builtin_rules())
    # The rules alone, with the shipped classifier off: it was trained on these very tweets.
    linter = Linter({"packs": ["derogatory", "profanity"],
                     "rules": {CLASSIFIER_CODE: "off"} if has_classifier else {}})
    by_rules = [bool(f) for f in linter.lint_many(texts)]
    result: dict[str, Any] = {"tweets": len(texts), "off": sum(labels),
                              "rules_only": flag_scores(by_rules, labels)}
    if has_classifier:
        sys.path.insert(0, str(Path(__file__).parent))
        from train_offensive import nested_cv

        cv = nested_cv(texts, labels)
        by_model = cv["flags"]
        result["ngram_only_cv"] = flag_scores(cv["ngram"], labels)
        result["embed_only_cv"] = flag_scores(cv["embed"], labels)
        result["classifier_only_cv"] = flag_scores(by_model, labels)
        result["combined_cv"] = flag_scores([a or b for a, b in zip(by_rules, by_model)], labels)
        result["folds"], result["inner"], result["fold_log"] = cv["folds"], cv["inner"], cv["log"]
        result["rust_effect"] = classifier_on_rust_blog()
    result["headline"] = result.get("combined_cv", result["rules_only"])
    result["command"] = "python benchmarks/quality.py --only olid"
    return result


def classifier_on_rust_blog() -> list[dict[str, Any]]:
    """What enabling DER-OFFENSIVE adds on the Rust blog (built-in packs, no company config)."""
    from linter import Linter
    from linter.engine import Post

    paths = sorted(RUST_POSTS.glob("*.md"))
    linter = Linter({"rules": {CLASSIFIER_CODE: "on"}})
    found = []
    for path, findings in zip(paths, linter.lint_many(Post(p.read_text(encoding="utf-8"), path=p.name) for p in paths)):
        found += [{"file": path.name, "line": f.line, "match": f.match, "message": f.message}
                  for f in findings if f.code == CLASSIFIER_CODE]
    return found


MEASURES = {"corpus": measure_corpus, "blogs": measure_blogs, "presidio": measure_presidio, "olid": measure_olid}
OPTIONAL = {"dlp"}  # measured only when its data is given (`--dlp FILE`)


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
    for blog, r in results.get("blogs", {}).items():
        out.append(f"| {blog}: errors per 20 posts / posts with any finding | <= 0.5 / <= 5% | "
                   f"{20 * r['errors'] / r['posts']:.2f} / {100 * r['posts_with_findings'] / r['posts']:.1f}% "
                   f"| `python benchmarks/quality.py --only blogs --blogs {blog}` |")
    if "presidio" in results:
        rec = results["presidio"]["recall"]
        worst = min(rec[k]["recall"] for k in PRESIDIO_TARGETS)
        out.append(f"| presidio_synth: lowest recall of {', '.join(PRESIDIO_TARGETS)} | >= 0.95 | {worst:.3f} "
                   f"| `python benchmarks/quality.py --only presidio` |")
    if "olid" in results:
        o = results["olid"]
        rows = [("default packs", o["rules_only"])]
        if "combined_cv" in o:
            rows.append((f"with opt-in DER-OFFENSIVE, nested {o['folds']}x{o.get('inner', '?')}-fold CV",
                         o["combined_cv"]))
        for how, h in rows:
            out.append(f"| olid_train: F1(OFF), {how} | >= 0.70 | {h['f1']:.3f} (P {h['precision']:.3f}, "
                       f"R {h['recall']:.3f}) | `python benchmarks/quality.py --only olid` |")
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
        o = results["olid"]
        out += ["", f"## olid_train ({o['tweets']} tweets, {o['off']} OFF)", "",
                "Predicted OFF = any `derogatory` or `profanity` finding (packs derogatory + profanity).", "",
                "| predictor | tp | fp | fn | precision | recall | F1(OFF) |", "|---|---|---|---|---|---|---|"]
        rows = [("rules only (classifier off)", o["rules_only"])]
        if "combined_cv" in o:
            cv = f"nested {o['folds']}x{o.get('inner', '?')}-fold CV"
            if "ngram_only_cv" in o:
                rows += [(f"n-gram NB-SVM part alone (p >= 0.5), {cv}", o["ngram_only_cv"]),
                         (f"word-piece embedding part alone (p >= 0.5), {cv}", o["embed_only_cv"])]
            rows += [(f"classifier alone, {cv}", o["classifier_only_cv"]),
                     (f"rules + classifier, {cv}", o["combined_cv"])]
        for name, s in rows:
            out.append(f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | "
                       f"{s['recall']:.3f} | {s['f1']:.3f} |")
        if "rust_effect" in o:
            out += ["", f"Enabling DER-OFFENSIVE on the 387 Rust blog posts (built-in packs, no company config) adds "
                    f"{len(o['rust_effect'])} findings:", ""]
            scored = sorted(o["rust_effect"], key=lambda f: -float(f["message"].split("score ")[1].split(";")[0]))
            by_cut = ", ".join(f"{sum(float(f['message'].split('score ')[1].split(';')[0]) >= t for f in scored)} "
                               f"at >= {t}" for t in (0.5, 0.6, 0.7, 0.8, 0.9))
            out[-2] = out[-2].rstrip(":") + f" ({by_cut}). The twelve highest-scoring ones:"
            out += [f"- {f['file']}:{f['line']}: `{' '.join(f['match'][:120].split()).replace('|', '/')}` "
                    f"({f['message'].split('(')[1].rstrip(').')})" for f in scored[:12]]
            out += ["", "Verdict: all twelve are wrong (technical English: garbage collector, kill the thread, "
                    "corrupt, fat-lto, dirty hands; or sober reporting: a tragic death, a shame). So are the "
                    "lower-scoring ones sampled (garbage collection, dummy feature, annoying bugs, survey "
                    "demographics). DER-OFFENSIVE therefore stays opt-in: no threshold keeps OLID F1 near its "
                    "best and the Rust blog near clean (at >= 0.8 only 2 remain, but the rule then misses most "
                    "offensive tweets)."]
        if "fold_log" in o:
            out += ["", "Every tweet is judged by a model fitted without it: in each outer fold, the stacker, the "
                    "NB-SVM's C and the threshold are chosen on inner folds of the outer training set only "
                    "(`python benchmarks/train_offensive.py --cv-only`). Choices per outer fold:", ""]
            out += [f"- {line}" for line in o["fold_log"]]
            out += ["", OLID_NOTES]
    if "blogs" in results:
        out += blog_tables(results["blogs"])
    return "\n".join(out) + "\n"


def blog_tables(blogs: dict[str, Any]) -> list[str]:
    """The blogs side by side, then every finding of each with its verdict."""
    out = ["", "## Published blogs (built-in packs, no company config)", "",
           "`python benchmarks/quality.py --only blogs` lints every post of each blog with `lint_many`; a",
           "finding's verdict says whether a careful communications reviewer would ask the author to change",
           "it before publishing (`benchmarks/verdicts/<blog>.yaml`). Targets per blog: <= 0.5 error per 20",
           "posts, every error right, <= 5% of posts with any finding.", "",
           "| blog | posts | errors | errors / 20 posts | warnings | info | posts with any finding | errors judged wrong | unreviewed |",
           "|---|---|---|---|---|---|---|---|---|"]
    for blog, r in blogs.items():
        out.append(f"| {blog} | {r['posts']} | {r['errors']} | {20 * r['errors'] / r['posts']:.2f} | {r['warnings']} | "
                   f"{r['infos']} | {r['posts_with_findings']} ({100 * r['posts_with_findings'] / r['posts']:.1f}%) | "
                   f"{r['wrong_errors']} | {r['unreviewed']} |")
    for blog, r in blogs.items():
        out += ["", f"### {blog} ({r['posts']} posts)", "",
                f"{r['errors']} errors, {r['warnings']} warnings, {r['infos']} info. Every finding, with a verdict:", ""]
        if not r["findings"]:
            out.append("(no findings)")
            continue
        out += ["| file:line | code | severity | match | verdict | why |", "|---|---|---|---|---|---|"]
        for f in r["findings"]:
            match = f["match"].replace("|", "\\|").replace("\n", " ")
            out.append(f"| {f['file']}:{f['line']} | {f['code']} | {f['severity']} | `{match}` | "
                       f"{f['verdict']} | {f['why']} |")
    return out


SECTION_OF = {"corpus": "## Project corpus", "blogs": "## Published blogs", "presidio": "## presidio_synth",
              "olid": "## olid_train", "dlp": "## DLP benchmark"}
SUMMARY_ROW_OF = {"corpus": "| corpus/", "blogs": "| blog_", "presidio": "| presidio_synth", "olid": "| olid_train",
                  "dlp": "| DLP benchmark"}


def keep_unmeasured(text: str, old: str, measured: set[str]) -> str:
    """`text` plus, for each measure not run this time, its summary rows and section from the
    `old` docs/quality.md (a partial run must not erase what it did not measure)."""
    keep = [name for name in SECTION_OF if name not in measured]
    if not keep or not old:
        return text
    old_sections = ["## " + part for part in old.split("\n## ")[1:]]
    rows = [line for line in old.splitlines() if any(line.startswith(SUMMARY_ROW_OF[n]) for n in keep)]
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
    if args.dlp and "dlp" not in names:
        names.append("dlp")
    for name in names:
        started = time.perf_counter()
        if name == "dlp":
            if args.dlp is None:
                parser.error("the dlp measure needs --dlp FILE")
            results[name] = measure_dlp(args.dlp)
        else:
            results[name] = measure_blogs(tuple(args.blogs.split(","))) if name == "blogs" else MEASURES[name]()
        print(f"{name}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    text = render(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
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
