"""`check --images` on real, public photos and screenshots found on this machine, and what it costs.

    python benchmarks/images.py                 # every section (about 10 minutes on 2 busy cores)
    python benchmarks/images.py --only real     # findings and notices on the real images only
    python benchmarks/images.py --list          # which images, from which packages, under which licence

Nothing is downloaded and no image enters the repository: the images are the ones Debian packages
install (`PACKAGES`: wallpaper photos, documentation screenshots and figures), found with `dpkg -L`;
install them first (as root):

    apt-get install --no-install-recommends gnome-backgrounds mate-backgrounds desktop-base \\
        debian-handbook gnome-user-docs tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa

Sections (every time is a ratio to a baseline timed in the same run, with the absolute figure for
context: the machines are shared and noisy):

- real: `postlint check --images --no-cache --format json` on every image found: the findings by code and severity, the notices, and whether the run failed
  (exit 2 or 3, or a traceback). These images hold nothing private: an error finding is a false alarm.
- ocr: per image, reading it with Tesseract (`ImageReader.read`, no cache) against reading its
  metadata only, and against linting one blog post of the Rust blog with a warm `Linter`.
- cold: `postlint check --no-cache` on a few blog posts without `--images`, this checkout against
  the code of `--before` (default: the merge base with main), interleaved, so `check` without
  `--images` is shown as fast as before.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from linter.images import IMAGE_SUFFIXES  # noqa: E402 - the checkout being measured

# Debian packages with public images: (package, what its images are, which of its files, how many).
# The handbook and the GNOME help ship one copy per language: the English ones are taken.
PACKAGES = (
    ("mate-backgrounds", "photo", r"/nature/", 12),
    ("debian-handbook", "screenshot", r"/en-US/images/", 24),
    ("gnome-user-docs", "screenshot", r"/help/C/", 16),
    ("gnome-backgrounds", "artwork", r"", 6),
    ("desktop-base", "artwork", r"", 6),
    ("valgrind", "figure", r"", 2),
    ("nodejs", "figure", r"", 5),
    ("python3-pip", "figure", r"", 1),
)
SECTIONS = ("real", "ocr", "cold")
RUST_POSTS = ROOT.parent / "shared" / "corpora" / "blog_rust_lang" / "posts"
MIN_BYTES = 20_000  # icons and bullets are not photos or screenshots


def package_images(package: str) -> list[Path]:
    try:
        listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False)
    except OSError:
        return []
    files = [Path(line) for line in listing.stdout.splitlines() if Path(line).suffix.lower() in IMAGE_SUFFIXES]
    return sorted(f for f in files if f.is_file() and not f.is_symlink() and f.stat().st_size >= MIN_BYTES)


def licence(package: str) -> str:
    """The licences the package's copyright file names (machine-readable `License:` lines)."""
    try:
        text = Path(f"/usr/share/doc/{package}/copyright").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "?"
    names = [m.strip() for m in re.findall(r"^License:\s*(\S[^\n]*)", text, re.MULTILINE)]
    return ", ".join(dict.fromkeys(names)) or "see /usr/share/doc/" + package + "/copyright"


def find_images() -> list[tuple[str, str, Path]]:
    """(package, kind, path) of the images `PACKAGES` names, spread over each package's list."""
    found = []
    for package, kind, wanted, count in PACKAGES:
        images = [p for p in package_images(package) if re.search(wanted, str(p))]
        step = max(1, len(images) // count) if images else 1
        found += [(package, kind, path) for path in images[::step][:count]]
    return found


def real(images: list[tuple[str, str, Path]]) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "linter", "check", "--images", "--no-cache", "--format", "json",
                               "--fail-on", "error", *(str(p) for _, _, p in images)],
                              capture_output=True, text=True, env={**os.environ, "POSTLINT_CACHE_DIR": cache},
                              cwd=ROOT, check=False)
        seconds = time.perf_counter() - started
    report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {"findings": []}
    by_code = collections.Counter(f"{f['code']} ({f['severity']})" for f in report["findings"])
    notices = [line for line in done.stderr.splitlines() if line.startswith("postlint:")]
    return {"images": len(images), "exit": done.returncode, "seconds": round(seconds, 1),
            "traceback": "Traceback" in done.stderr or "internal error" in done.stderr,
            "findings": dict(by_code), "errors": sum(f["severity"] == "error" for f in report["findings"]),
            "notices": notices, "with_findings": sorted({f["path"] for f in report["findings"]})}


def ocr_cost(images: list[tuple[str, str, Path]]) -> dict:
    from linter import Linter
    from linter.images.reader import ImageReader

    quiet = lambda *_: None  # noqa: E731
    with_ocr, metadata_only = ImageReader(notify=quiet), ImageReader(notify=quiet, ocr=False)
    linter = Linter({})
    post = sorted(RUST_POSTS.glob("*.md"))[len(list(RUST_POSTS.glob("*.md"))) // 2].read_text(encoding="utf-8")
    linter.lint(post, path="post.md")  # warm
    rows = []
    for _, kind, path in images:
        timings = {}
        for name, work in (("post", lambda: linter.lint(post, path="post.md")),
                           ("metadata", lambda: metadata_only.read(path, path.name)),
                           ("ocr", lambda: with_ocr.read(path, path.name))):
            started = time.perf_counter()
            work()
            timings[name] = time.perf_counter() - started
        from PIL import Image

        with Image.open(path) as image:
            pixels = image.size[0] * image.size[1]
        rows.append({"kind": kind, "megapixels": pixels / 1e6, **timings})
    summary = {}
    for kind in sorted({r["kind"] for r in rows}) + ["all"]:
        chosen = [r for r in rows if kind in ("all", r["kind"])]
        summary[kind] = {
            "images": len(chosen),
            "median_megapixels": round(statistics.median(r["megapixels"] for r in chosen), 2),
            "ocr_seconds_median": round(statistics.median(r["ocr"] for r in chosen), 3),
            "ocr_seconds_mean": round(statistics.fmean(r["ocr"] for r in chosen), 3),
            "metadata_seconds_median": round(statistics.median(r["metadata"] for r in chosen), 4),
            "ocr_over_one_post_lint": round(statistics.median(r["ocr"] / r["post"] for r in chosen), 2),
            "ocr_over_metadata_only": round(statistics.median(r["ocr"] / r["metadata"] for r in chosen), 1),
        }
    words = len(post.split())
    return {"post_words": words, "post_lint_seconds_median": round(statistics.median(r["post"] for r in rows), 3),
            "by_kind": summary}


_MODULES = ("import sys, json\nfrom linter.cli import main\ntry:\n    main(sys.argv[2:])\nexcept SystemExit:\n"
            "    pass\nopen(sys.argv[1], 'w').write(json.dumps(sorted(sys.modules)))\n")


def cold(before: str, repeat: int) -> dict:
    posts = sorted(RUST_POSTS.glob("*.md"))[:3]
    args = ["check", "--no-cache", "-q", *(str(p) for p in posts)]
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(["git", "archive", before, "linter", "rules"], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", old], input=archive, check=True)
        codes = {"before": old, "after": str(ROOT)}  # the old code runs from its own copy, rules beside it
        times: dict[str, list[float]] = {"before": [], "after": []}
        for round_ in range(repeat):
            for name in (("before", "after") if round_ % 2 == 0 else ("after", "before")):  # no order bias
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "linter", *args], cwd=codes[name], capture_output=True,
                                      check=False, env={**os.environ, "PYTHONPATH": codes[name]})
                times[name].append(time.perf_counter() - started)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"{name}: check failed: {done.stderr.decode()[-500:]}")
        modules = {}
        for name, path in codes.items():  # what the same command imports with each code
            listing = Path(old) / f"modules-{name}.json"
            subprocess.run([sys.executable, "-c", _MODULES, str(listing), *args], cwd=path, capture_output=True,
                           check=False, env={**os.environ, "PYTHONPATH": path})
            modules[name] = set(json.loads(listing.read_text()))
    after, prior = statistics.median(times["after"]), statistics.median(times["before"])
    return {"before": before, "posts": len(posts), "runs": repeat, "before_seconds_median": round(prior, 2),
            "after_seconds_median": round(after, 2), "after_over_before": round(after / prior, 3),
            "before_seconds": [round(t, 2) for t in times["before"]],
            "after_seconds": [round(t, 2) for t in times["after"]],
            "modules_only_after": sorted(modules["after"] - modules["before"]),
            "modules_only_before": sorted(modules["before"] - modules["after"]),
            "pillow_imported_after": "PIL" in modules["after"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--repeat", type=int, default=8, help="cold runs of each code (default 8)")
    parser.add_argument("--before", default=None, help="the code `cold` compares with (default: merge base with main)")
    parser.add_argument("--list", action="store_true", help="list the images and their packages' licences, and stop")
    args = parser.parse_args()
    images = find_images()
    packages = collections.Counter(package for package, _, _ in images)
    out: dict = {"packages": {p: {"images": n, "licence": licence(p)} for p, n in packages.items()}}
    if args.list:
        for package, kind, path in images:
            print(f"{package}\t{kind}\t{path}")
        print(json.dumps(out, indent=2))
        return
    sections = args.only.split(",")
    if "real" in sections:
        out["real"] = real(images)
    if "ocr" in sections:
        out["ocr"] = ocr_cost(images)
    if "cold" in sections:
        before = args.before or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True,
                                               text=True, check=True).stdout.strip()
        out["cold"] = cold(before, args.repeat)
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
