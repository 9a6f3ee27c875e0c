"""The server's safety rules: token, Host, size limit, cross-site posts, headers, errors, logs."""

from __future__ import annotations

import asyncio
import base64
import logging

import pytest

TOKEN = "s3cret-token-for-tests-0123456789"
TWENTY_MB = 20 * 1024 * 1024


def basic(password: str, user: str = "reviewer") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_a_20_mb_body_gets_413_on_the_api_and_the_page(client):
    api = client()
    body = b'{"text": "' + b"a" * TWENTY_MB + b'"}'
    refused = api.post("/api/lint", content=body, headers={"content-type": "application/json"})
    assert refused.status_code == 413
    assert refused.json() == {"error": "The draft is larger than this server accepts (1 MiB). Check a shorter "
                                       "part, or ask whoever runs postlint to raise --max-bytes."}
    page = api.post("/", files={"file": ("big.md", b"x" * TWENTY_MB, "text/markdown")},
                    headers={"accept-language": "es"})
    assert page.status_code == 413 and '<html lang="es">' in page.text and "1 MiB" in page.text


def test_the_limit_is_configurable_and_inclusive(client):
    api = client(max_bytes=2000)
    text = "Our new robot vacuums the office at night. " * 100
    fits = ('{"text": "' + text[:2000 - len('{"text": ""}')] + '"}').encode()
    assert len(fits) == 2000
    assert api.post("/api/lint", content=fits, headers={"content-type": "application/json"}).status_code == 200
    over = fits[:-2] + b' "}'
    assert api.post("/api/lint", content=over, headers={"content-type": "application/json"}).status_code == 413


def test_a_body_without_a_length_is_cut_off_at_the_limit(reviewer):
    """A chunked upload is refused once the limit is passed, without reading the rest."""
    from linter.serve.app import create_app

    app = create_app(reviewer, max_bytes=64 * 1024)
    chunk = b"x" * 16 * 1024
    sent, messages = [], []

    async def receive():
        sent.append(len(chunk))
        return {"type": "http.request", "body": chunk, "more_body": len(sent) < TWENTY_MB // len(chunk)}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/lint", "raw_path": b"/api/lint", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                         (b"transfer-encoding", b"chunked")],
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5555),
             "root_path": ""}
    asyncio.run(app(scope, receive, send))
    assert messages[0]["status"] == 413
    assert sum(sent) <= 64 * 1024 + len(chunk)  # stopped reading at the limit, not at 20 MB


def test_the_token_is_required_on_every_path(client):
    api = client(token=TOKEN)
    for path in ("/", "/api/rules", "/healthz", "/static/style.css"):
        refused = api.get(path)
        assert refused.status_code == 401, path
    assert api.get("/").headers["www-authenticate"].startswith("Basic realm=")  # the browser asks
    assert api.get("/healthz").headers["www-authenticate"].startswith("Bearer realm=")
    assert api.post("/api/lint", json={"text": "jane.doe@gmail.com"}).status_code == 401


@pytest.mark.parametrize("authorization, status", [
    (f"Bearer {TOKEN}", 200),
    (f"bearer  {TOKEN} ", 200),
    (basic(TOKEN), 200),
    (basic(TOKEN, user=""), 200),
    (f"Bearer {TOKEN[:-1]}", 401),
    (f"Bearer {TOKEN}x", 401),
    (basic("wrong"), 401),
    ("Basic not-base64!", 401),
    (TOKEN, 401),
    ("", 401),
])
def test_the_token_travels_as_bearer_or_as_the_login_password(client, authorization, status):
    response = client(token=TOKEN).get("/healthz", headers={"authorization": authorization})
    assert response.status_code == status


def test_with_a_token_any_host_name_is_served(client):
    api = client(base_url="http://postlint.corp.example:8000", token=TOKEN, loopback_only=False)
    assert api.get("/healthz", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize("base_url, status", [
    ("http://127.0.0.1:8000", 200), ("http://localhost:8000", 200), ("http://[::1]:8000", 200),
    ("http://127.0.0.2", 200), ("http://attacker.example", 400), ("http://127.0.0.1.attacker.example:8000", 400),
])
def test_without_a_token_only_requests_addressed_to_this_machine_are_served(client, base_url, status):
    """A web page cannot reach the local server by pointing its own name at 127.0.0.1."""
    assert client(base_url=base_url).get("/healthz").status_code == status


def test_cross_site_form_posts_are_refused(client):
    api = client()
    refused = api.post("/", data={"draft": "hello"}, headers={"sec-fetch-site": "cross-site"})
    assert refused.status_code == 403
    allowed = api.post("/", data={"draft": "hello", "as_of": "2026-11-25"}, headers={"sec-fetch-site": "same-origin"})
    assert allowed.status_code == 200


def test_security_headers_on_every_response(client):
    api = client()
    for response in (api.get("/"), api.post("/api/lint", json={"text": "hi"}), api.get("/api/nothing"),
                     api.get("/static/style.css"), api.get("/healthz")):
        headers = response.headers
        assert headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == ("private, max-age=3600" if "static" in str(response.url) else "no-store")


def test_an_internal_error_is_a_bare_500_and_its_log_line_quotes_nothing(client, reviewer, monkeypatch, caplog):
    def explode(documents, **kwargs):
        raise ValueError(f"cannot handle {[d.source for d in documents]}")  # a message that quotes the draft

    monkeypatch.setattr(reviewer.linter, "lint_documents", explode)
    api = client()
    with caplog.at_level(logging.INFO, logger="postlint"):
        failed = api.post("/api/lint", json={"text": "secret draft jane.doe@gmail.com"})
        page = api.post("/", data={"draft": "secret draft jane.doe@gmail.com", "as_of": "2026-11-25"})
    assert failed.status_code == 500 and failed.json() == {"error": "Something went wrong inside postlint. Nothing "
                                                                    "was stored; please try again and report it if "
                                                                    "it happens again."}
    assert page.status_code == 500 and "secret" not in page.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "internal error: ValueError at test_guard.py:" in logged
    assert "secret" not in logged and "jane" not in logged
    assert not any(r.exc_info for r in caplog.records)


def test_the_log_has_sizes_and_timings_only(client, caplog):
    api = client(token=TOKEN)
    draft = "Confidential: jane.doe@gmail.com joins Globex"
    with caplog.at_level(logging.INFO, logger="postlint"):
        api.post("/api/lint?draft=leak", json={"text": draft}, headers={"authorization": f"Bearer {TOKEN}"})
        api.post("/", data={"draft": draft}, headers={"authorization": basic(TOKEN)})
        api.get("/jane.doe@gmail.com", headers={"authorization": f"Bearer {TOKEN}"})
        api.get("/static/jane.doe@gmail.com", headers={"authorization": f"Bearer {TOKEN}"})
        api.get("/static/style.css", headers={"authorization": f"Bearer {TOKEN}"})
    lines = [r.getMessage() for r in caplog.records if r.name == "postlint.serve"]
    assert len(lines) == 5
    assert lines[0].startswith("POST /api/lint 200, ") and "bytes in" in lines[0] and lines[0].endswith(" ms")
    assert lines[1].startswith("POST / 200, ")
    assert lines[2].startswith("GET (other path) 404") and lines[3].startswith("GET (other path) 404")
    assert lines[4].startswith("GET /static/style.css 200")
    for line in lines:
        assert "jane" not in line and "Globex" not in line and "leak" not in line and TOKEN not in line
