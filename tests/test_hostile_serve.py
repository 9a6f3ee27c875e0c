"""The review server under abuse (issue 30): cross-site posts, hostile bodies, Host tricks, slow and
half-open connections, and file-descriptor exhaustion.

In-process cases use Starlette's TestClient (`client` fixture); the connection cases drive a real
`postlint serve` process over loopback sockets.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
from conftest import AS_OF, ROOT

RTL = "\u202e" * 1000
HUGE = "9" * 5000


# --- cross-site form posts: Origin and Referer count too ---------------------------------------------

@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"origin": "http://127.0.0.1:9999"},                                   # another port is another origin
    {"referer": "https://evil.example/page.html"},
    {"origin": "http://127.0.0.1.evil.example"},
    {"sec-fetch-site": "same-site"},
    {"origin": "https://evil.example", "referer": "http://127.0.0.1:8000/"},
])
@pytest.mark.parametrize("path", ["/", "/api/lint"])
def test_posts_from_another_origin_are_refused(client, headers, path):
    api = client(base_url="http://127.0.0.1:8000")
    if path == "/":
        response = api.post(path, data={"draft": "hello", "as_of": AS_OF}, headers=headers)
    else:
        response = api.post(path, json={"text": "hello"}, headers=headers)
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [
    {},                                                                     # curl, scripts
    {"origin": "http://127.0.0.1:8000"},
    {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"},
    {"referer": "http://127.0.0.1:8000/?ui=es"},
    {"sec-fetch-site": "none"},                                             # typed by the user
])
def test_posts_from_the_page_itself_are_served(client, headers):
    api = client(base_url="http://127.0.0.1:8000")
    assert api.post("/", data={"draft": "hello", "as_of": AS_OF}, headers=headers).status_code == 200
    assert api.post("/api/lint", json={"text": "hello"}, headers=headers).status_code == 200


def test_the_page_asks_browsers_to_send_its_origin(client):
    assert client().get("/").headers["referrer-policy"] == "same-origin"


# --- hostile bodies: 200 or 400, never 500 -----------------------------------------------------------

@pytest.mark.parametrize("body", [
    {"text": RTL + "hello"},
    {"text": "Hola " + "\u202e\u202c" * 2000},
    {"text": "<div>" * 5000 + "x", "path": "p.html"},
    {"text": "|" + "a|" * 3000 + "\n|" + "-|" * 3000 + "\n", "path": "p.md"},
])
def test_hostile_drafts_are_checked(client, body):
    assert client().post("/api/lint", json={**body, "as_of": AS_OF}).status_code == 200


@pytest.mark.parametrize("raw", [
    f'{{"text": "x", "as_of": {HUGE}}}',
    f'{{"text": {HUGE}}}',
    '{"text": "harmless", "text": "jane.doe@gmail.com"}',
    '{"text": "x", "lang": "en", "lang": "es"}',
    '{"text": "x", "redact": 1e999}',
    '[' * 100000 + ']' * 100000,
])
def test_hostile_bodies_are_a_400(client, raw):
    response = client().post("/api/lint", content=raw.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 400 and "error" in response.json()
    assert "jane" not in response.text


def test_a_duplicate_key_is_named(client):
    response = client().post("/api/lint", content=b'{"text": "a", "text": "b"}',
                             headers={"content-type": "application/json"})
    assert response.status_code == 400 and "'text'" in response.json()["error"] and "twice" in response.json()["error"]


@pytest.mark.parametrize("form", [
    {"draft": RTL + "hello", "as_of": AS_OF},
    {"draft": "hello", "as_of": HUGE},
    {"draft": "hello", "lang": HUGE},
    {"draft": "hello", "markup": HUGE},
])
def test_hostile_forms_are_a_200_or_400(client, form):
    assert client().post("/", data=form).status_code in (200, 400)


# --- the Host header is read strictly ------------------------------------------------------------------

@pytest.mark.parametrize("host", [
    "localhost:80@evil.example", "[::1]evil.example", "127.0.0.1:8000:80", "localhost:abc", "localhost:80 evil",
    "127.0.0.1@evil.example", "[::1]:80@evil.example", "evil.example#127.0.0.1", "localhost\\@evil.example",
    "", "[::1", "127.0.0.1:99999",
])
def test_a_host_that_only_starts_like_loopback_is_refused(client, host):
    assert client().get("/healthz", headers={"host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000",
                                  "[::1]", "localhost.:8000"])
def test_loopback_hosts_are_served(client, host):
    assert client().get("/healthz", headers={"host": host}).status_code == 200


# --- a real server: header timeouts, a connection limit, descriptor exhaustion -----------------------
# The connections are made by a client in its own process (this one blocks sockets: conftest).

CLIENT = r"""
import http.client, json, socket, sys, time
host, port, action, count, wait = json.loads(sys.argv[1])

def get():
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except OSError as exc:
        return str(exc)
    finally:
        connection.close()

def half_open(n):
    opened = []
    for _ in range(n):
        try:
            sock = socket.create_connection((host, port), timeout=10)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        except OSError:
            break
        opened.append(sock)
    return opened

def closed_by_server(sock, within):
    sock.settimeout(within)
    try:
        while sock.recv(4096):
            pass
        return True
    except socket.timeout:
        return False
    except OSError:
        return True

result = {}
if action == "slow":
    socks = half_open(count)
    for sock in socks[:5]:
        time.sleep(0.5)
        sock.sendall(b"x")  # a trickle of bytes does not keep a head open
    deadline = time.monotonic() + wait
    result["opened"] = len(socks)
    result["closed"] = sum(closed_by_server(s, max(deadline - time.monotonic(), 0.1)) for s in socks)
    result["status"] = get()
elif action == "starve":
    socks = half_open(count)
    result["opened"] = len(socks)
    result["statuses"] = [get() for _ in range(3)]
elif action == "exhaust":
    socks = []
    for _ in range(count):
        try:
            socks.append(socket.create_connection((host, port), timeout=5))
        except OSError:
            break
    result["opened"] = len(socks)
    time.sleep(wait)
    for sock in socks:
        sock.close()
print(json.dumps(result))
"""


class Server:
    """`postlint serve --port 0` in its own process, its stderr collected."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0"], cwd=ROOT,
                                        stderr=subprocess.PIPE, text=True,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.lines: list[str] = []
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            found = re.search(r"http://([\d.]+):(\d+)/", line)
            if found:
                self.host, self.port = found.group(1), int(found.group(2))
                break
        else:
            raise AssertionError("postlint serve did not start: " + "".join(self.lines))
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def client(self, action: str, count: int = 0, wait: float = 0) -> dict:
        done = subprocess.run([sys.executable, "-c", CLIENT, json.dumps([self.host, self.port, action, count, wait])],
                              capture_output=True, text=True, timeout=300, check=True)
        return json.loads(done.stdout)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server():
    started = Server()
    yield started
    started.close()


def _setting(name: str, default: float) -> float:
    import linter.serve.server as module

    return getattr(module, name, default)


@pytest.mark.slow
def test_connections_that_never_finish_their_headers_are_closed(server):
    result = server.client("slow", 50, wait=_setting("HEADER_TIMEOUT", 10) * 3)
    assert result == {"opened": 50, "closed": 50, "status": 200}


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prlimit and /proc are Linux's")
def test_half_open_connections_do_not_starve_a_real_client(server):
    """270 half-open connections against a server that may hold its own descriptors and 140 more."""
    import resource

    most = int(_setting("MAX_CONNECTIONS", 100))
    soft, hard = resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE)
    held = len(os.listdir(f"/proc/{server.process.pid}/fd"))
    resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE, (held + most + 40, hard))
    try:
        result = server.client("starve", most + 170)
    finally:
        resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE, (soft, hard))
    assert result["opened"] == most + 170 and result["statuses"] == [200, 200, 200]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prlimit on a running process is Linux's")
def test_descriptor_exhaustion_logs_a_line_not_a_traceback_flood(server):
    import resource

    soft, hard = resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE)
    resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE, (64, hard))
    try:
        assert server.client("exhaust", 200, wait=3)["opened"] > 64  # the server ran out, again and again
    finally:
        resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE, (soft, hard))
    time.sleep(1)
    assert server.client("starve", 0)["statuses"] == [200, 200, 200]
    log = "".join(server.lines)
    assert "Traceback" not in log and len(server.lines) < 30, log[-2000:]
