"""`postlint serve` under load, each figure against a baseline timed in the same run.

    python benchmarks/serve.py            # 60 Rust blog posts, 4 clients
    python benchmarks/serve.py --quick    # 15 posts

Run from the project root with `postlint[serve]` installed. A real server process is started
(`postlint serve --port 0`, built-in packs) and driven over loopback HTTP. Figures:

- overhead: every post sent to `POST /api/lint` one after another, against `Linter.lint` of the
  same posts in this process (the same answers required);
- concurrency: the posts sent by 4 clients at once, against the same posts sent one at a time
  (the server checks one draft at a time, so about 1.0x is right; every answer must equal the
  sequential one);
- responsiveness: `GET /healthz` while a long draft is being checked, against the time that
  draft takes (the event loop must keep answering);
- memory: the server's RSS after the requests against its RSS once loaded, and its peak.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("../shared/corpora/blog_rust_lang/posts")
AS_OF = "2026-11-25"
CLIENTS = 4


class Server:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0",
                                         "--max-bytes", "8M"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for line in self.process.stderr:
            found = re.search(r"http://([\d.]+):(\d+)/", line)
            if found:
                self.host, self.port = found.group(1), int(found.group(2))
                break
        else:
            sys.exit("postlint serve did not start")
        threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True).start()

    def request(self, method: str, path: str, body: dict[str, object] | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=600)
        try:
            payload = json.dumps(body).encode() if body is not None else None
            connection.request(method, path, body=payload, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def lint(self, text: str, path: str) -> str:
        status, body = self.request("POST", "/api/lint", {"text": text, "path": path, "as_of": AS_OF})
        assert status == 200, (status, body[:200])
        return body.decode()

    def memory(self) -> tuple[float, float]:
        """(current RSS, peak RSS) in MB, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        value = {k: int(re.search(rf"{k}:\s+(\d+)", status).group(1)) / 1024 for k in ("VmRSS", "VmHWM")}
        return value["VmRSS"], value["VmHWM"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="15 posts instead of 60")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    os.chdir(ROOT)
    paths = sorted(args.corpus.rglob("*.md"))
    paths = paths[::max(1, len(paths) // (15 if args.quick else 60))][:15 if args.quick else 60]
    if not paths:
        sys.exit(f"no posts under {args.corpus}")
    posts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    words = sum(len(text.split()) for _, text in posts)
    started = time.time()
    print(f"postlint serve: {len(posts)} posts ({words:,} words), {CLIENTS} clients, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    from linter import Linter
    from linter.report import FileResult, reporter

    linter = Linter({})
    server = Server()
    rows = []
    try:
        server.lint("warm-up: jane.doe@gmail.com", "warm.md")
        loaded_rss, _ = server.memory()

        direct_started = time.perf_counter()
        direct = [reporter("json")([FileResult(name, linter.lint(text, path=name, as_of=AS_OF), text)])
                  for name, text in posts]
        direct_time = time.perf_counter() - direct_started
        served_started = time.perf_counter()
        served = [server.lint(text, name) for name, text in posts]
        served_time = time.perf_counter() - served_started
        assert served == direct, "the API answered differently from the library"
        first_rss, _ = server.memory()
        rows.append(("POST /api/lint, one post at a time", served_time, direct_time, "Linter.lint in-process",
                     "<= 1.15x, same answers"))

        together_started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as clients:
            together = list(clients.map(lambda item: server.lint(item[1], item[0]), posts * CLIENTS))
        together_time = time.perf_counter() - together_started
        assert together == served * CLIENTS, "concurrent answers differ from sequential ones"
        rows.append((f"{CLIENTS} clients at once ({len(posts) * CLIENTS} requests)", together_time,
                     served_time * CLIENTS, "the same requests one at a time", "<= 1.1x, same answers"))

        requests_rss, _ = server.memory()
        rows.append((f"server RSS after {len(posts) * (CLIENTS + 1) + 1} requests (MB)", requests_rss, first_rss,
                     f"RSS after {len(posts) + 1}; {loaded_rss:.0f} once loaded", "flat"))

        long_draft = "\n\n".join(text for _, text in posts)[:400_000]
        probes: list[float] = []
        done = threading.Event()

        def probe() -> None:
            while not done.is_set():
                probe_started = time.perf_counter()
                assert server.request("GET", "/healthz")[0] == 200
                probes.append(time.perf_counter() - probe_started)
                time.sleep(0.2)

        prober = threading.Thread(target=probe)
        long_started = time.perf_counter()
        prober.start()
        server.lint(long_draft, "long.md")
        long_time = time.perf_counter() - long_started
        done.set()
        prober.join()
        probe_name = f"GET /healthz while a {len(long_draft) // 1000} KB draft is checked (slowest of {len(probes)})"
        rows.append((probe_name, max(probes), long_time, "checking that draft", "< 0.05x"))

        _, peak_rss = server.memory()
        rows.append(("server peak RSS, with the long draft (MB)", peak_rss, loaded_rss, "RSS once loaded",
                     "(info)"))
    finally:
        server.stop()

    print()
    print("| figure | serve | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    for name, value, base, base_name, target in rows:
        unit = "" if "MB" in name else " s"
        print(f"| {name} | {value:,.2f}{unit} | {base:,.2f}{unit} ({base_name}) | {value / base:.2f}x | {target} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end; {time.time() - started:.0f} s in all.")
    print("command: python benchmarks/serve.py" + (" --quick" if args.quick else ""))


if __name__ == "__main__":
    main()
