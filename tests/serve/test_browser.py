"""The review page in a real headless Chromium, against a real `postlint serve` process.

Debian's `chromium` drives it through Playwright's pip package (never `playwright install`);
`.ci/run` installs it, and in CI (CI=true) a missing browser fails the test instead of skipping it.
The same process also proves what only a real server shows: the 413 through uvicorn, a log of
sizes and timings only, no draft in any file it wrote, and a clean exit on Ctrl+C.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from conftest import AS_OF, CORPUS_CONFIG, ROOT

from linter import __version__

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]  # one server, one browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--metrics-recording-only", "--no-default-browser-check"]
MARKERS = ("zq.marker7731@gmail.com", "Zqmarker Falcon")  # strings that must never leave the draft
DRAFT = (f"# Launch week\n\nThe Zqmarker Falcon demo went great! Questions? Write to {MARKERS[0]}.\n\n"
         "Our new vault is 100% unhackable.\n")
SPANISH = "Nuestros clientes son unos idiotas que no leen la documentación.\n"


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI runs this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


class Server:
    """`postlint serve --port 0` in its own process, with its own HOME, cache and temp folders."""

    def __init__(self, home: Path, *args: str) -> None:
        self.home = home
        for folder in ("home", "cache", "tmp"):
            (home / folder).mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HOME": str(home / "home"), "XDG_CACHE_HOME": str(home / "cache"),
               "TMPDIR": str(home / "tmp"), "POSTLINT_CACHE_DIR": str(home / "cache" / "postlint")}
        env.pop("POSTLINT_TOKEN", None)
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0", *args],
                                        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.url = self._wait_for_address()
        except BaseException:
            self.process.kill()
            raise

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line)

    def _wait_for_address(self) -> str:
        waited = 0
        while waited < 300:  # loading the model on a busy 2-core machine
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                waited += 1
                if self.process.poll() is not None:
                    break
                continue
            self.log.append(line)
            found = re.search(r"serving the review page on (http://\S+/)", line)
            if found:
                return found.group(1)
        raise AssertionError(f"postlint serve did not start: {''.join(self.log)}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        while not self.lines.empty():
            self.log.append(self.lines.get())
        return code


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve"), "--config", str(CORPUS_CONFIG))
    yield running
    running.stop()


@pytest.fixture
def page(chromium, server, tmp_path):
    context = chromium.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900}, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    tab = context.new_page()
    tab.problems = []  # console errors (a CSP violation is one) and requests to anywhere else
    tab.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    tab.on("request", lambda request: None if request.url.startswith(server.url) else
           tab.problems.append(f"request to {request.url}"))
    yield tab
    context.close()


def test_paste_submit_see_the_finding_in_place_with_its_suggestion(page, server, tmp_path):
    from playwright.sync_api import expect

    page.goto(server.url)
    page.get_by_label("Text of the post").fill(DRAFT)
    page.get_by_label("Check as of").fill(AS_OF)
    page.get_by_role("button", name="Check the post").click()
    page.wait_for_selector("#results")

    email = page.locator("mark.hl.sev-error", has_text=MARKERS[0])
    assert email.is_visible()
    finding = page.locator("li.finding", has_text="is an email address")
    assert finding.locator(".badge").inner_text().strip() == "✖ Must fix"
    assert "point readers to a public contact channel" in finding.locator("dd.suggestion").inner_text()
    assert "Not ready to publish" in page.locator(".verdict").inner_text()
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    assert (tmp_path / "review.png").stat().st_size > 10_000

    # keyboard: Tab reaches the numbered link after a marked finding; Enter jumps to its explanation
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ref')"):
            break
    else:
        raise AssertionError("no finding link is reachable with the keyboard")
    number = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#finding-{number}"

    page.get_by_role("button", name="Copy as Markdown report").click()
    expect(page.locator("#copy-status")).to_have_text("Copied to the clipboard.")  # (the CSP forbids eval)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("## postlint review of draft.md") and f"`{MARKERS[0]}`" in copied
    assert page.problems == []


def test_a_spanish_reviewer_checks_a_spanish_draft(page, server):
    page.goto(server.url)
    page.get_by_role("button", name="Español").click()
    page.wait_for_selector("html[lang=es]")
    page.get_by_label("Texto de la publicación").fill(SPANISH)
    page.get_by_label("Idioma de la publicación").select_option("es")
    page.get_by_role("button", name="Revisar la publicación").click()
    page.wait_for_selector("#results")
    assert page.locator("mark.hl").all_inner_texts() == ["idiotas"]
    assert "describe el problema, no a ellas" in page.locator("li.finding").inner_text()
    assert page.problems == []


def test_an_uploaded_html_file_is_checked(page, server, tmp_path):
    post = tmp_path / "announcement.html"
    post.write_text(f"<article><h1>News</h1><p>Reach me at <a href='mailto:{MARKERS[0]}'>{MARKERS[0]}</a></p></article>")
    page.goto(server.url)
    page.get_by_label("Or upload a file").set_input_files(str(post))
    page.get_by_role("button", name="Check the post").click()
    page.wait_for_selector("#results")
    assert "Checked announcement.html" in page.locator(".checked").inner_text()
    assert MARKERS[0] in page.locator("mark.hl").all_inner_texts()
    assert page.locator("#markup").input_value() == "html"


def http(url: str, body: bytes | None = None, content_type: str = "application/json") -> tuple[int, dict, bytes]:
    """One HTTP request from another process (this one has its sockets blocked): status, headers, body."""
    script = (
        "import http.client, json, sys, urllib.parse\n"
        "url = urllib.parse.urlsplit(sys.argv[1]); body = sys.stdin.buffer.read() if sys.argv[2] == 'POST' else None\n"
        "connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)\n"
        "try:\n"
        "    connection.request(sys.argv[2], url.path, body=body, headers={'Content-Type': sys.argv[3]})\n"
        "    response = connection.getresponse(); data = response.read()\n"
        "except (BrokenPipeError, ConnectionResetError) as exc:\n"
        "    print(json.dumps([0, {}, str(exc)])); sys.exit()\n"
        "print(json.dumps([response.status, dict(response.getheaders()), data.decode('utf-8', 'replace')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, url, "POST" if body is not None else "GET", content_type],
                            input=body or b"", capture_output=True, check=True, timeout=180)
    status, headers, text = json.loads(result.stdout)
    return status, {k.lower(): v for k, v in headers.items()}, text.encode()


def test_the_real_server_refuses_20_mb_and_answers_the_api(server):
    status, _, body = http(server.url + "api/lint", b'{"text": "' + b"a" * (20 << 20) + b'"}')
    assert status == 413 and b"larger than this server accepts (1 MiB)" in body
    status, headers, body = http(server.url + "api/lint", json.dumps({"text": DRAFT, "as_of": AS_OF}).encode())
    assert status == 200 and headers["cache-control"] == "no-store"
    assert {f["code"] for f in json.loads(body)["findings"]} >= {"PII-EMAIL", "CONF-CODENAME"}
    assert json.loads(http(server.url + "healthz")[2]) == {"status": "ok", "version": __version__}


def test_no_draft_reaches_the_log_or_the_disk_and_ctrl_c_stops_cleanly(tmp_path_factory):
    """Its own server, stopped at the end, so every log line and file it wrote can be read."""
    home = tmp_path_factory.mktemp("serve-private")
    server = Server(home, "--config", str(CORPUS_CONFIG))
    try:
        assert http(server.url + "api/lint", json.dumps({"text": DRAFT, "as_of": AS_OF}).encode())[0] == 200
        form = urllib.parse.urlencode({"draft": DRAFT, "as_of": AS_OF}).encode()
        assert http(server.url, form, "application/x-www-form-urlencoded")[0] == 200
    finally:
        code = server.stop()
    assert code == 0
    log = "".join(server.log)
    assert "POST /api/lint 200" in log and "POST / 200" in log and "bytes in" in log
    written = [p for p in home.rglob("*") if p.is_file()]
    for marker in MARKERS:
        assert marker not in log
        assert not [p for p in written if marker.encode() in p.read_bytes()]
