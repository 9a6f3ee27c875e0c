"""The server's safety rules, applied to every request before any route sees it.

`Guard` is one small ASGI layer: it checks the token and the Host (read strictly), refuses bodies
over the limit (by their declared length, and by counting what arrives when no length is declared),
refuses posts a browser sends from another site or origin (`Sec-Fetch-Site`, `Origin`, `Referer`),
adds the security headers, turns any internal error into a bare 500, and logs one line per request
with sizes and timings only: never a header value, a query string or a byte of the body.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import logging
import re
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("postlint.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (scope, HTTP status, strings.py key) -> an ASGI response that explains the refusal
ErrorResponder = Callable[[Scope, int, str], ASGIApp]

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin: the page's own form posts carry its Origin (no-referrer makes it "null", which a
    # sandboxed cross-site frame sends too); other sites never learn the page's address
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
NO_STORE = (b"cache-control", b"no-store")  # results (and every page that may hold a draft)
STATIC_CACHE = (b"cache-control", b"private, max-age=3600")  # the stylesheet, script and icon
LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


class _TooLarge(Exception):
    pass


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or name, IPv6 with or without brackets) is this machine only."""
    name = host.strip().lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


# A Host header as RFC 9110 spells it: a name or IPv4 address, or an IPv6 one in brackets, then an
# optional port. Anything else (`localhost:80@evil.example`, `[::1]evil.example`) is no host.
_HOST = re.compile(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._\-]+))(?::(?P<port>\d{1,5}))?")


def parse_host(header: str) -> tuple[str, int | None] | None:
    """`(name, port)` of a Host header (`[::1]:8000` -> `("[::1]", 8000)`), or None when it is malformed."""
    found = _HOST.fullmatch(header.strip())
    if found is None:
        return None
    port = int(found.group("port")) if found.group("port") else None
    if port is not None and not 0 < port <= 65535:
        return None
    return (f"[{found.group('v6')}]" if found.group("v6") else found.group("name")), port


def host_name(header: str) -> str:
    """The name in a Host header, without its port: `[::1]:8000` -> `[::1]`, `a:80` -> `a`; "" when
    the header is malformed (so it names no host, loopback or other)."""
    parsed = parse_host(header)
    return parsed[0] if parsed else ""


def same_origin(url: str, host: str) -> bool:
    """Whether `url` (an Origin or Referer header) is on the server the request was sent to (`host`,
    its Host header): the same name and port, whatever the scheme a proxy in front may have added."""
    parts = urlsplit(url.strip())
    parsed = parse_host(host)
    if parts.scheme not in ("http", "https") or not parts.hostname or parsed is None:
        return False
    try:
        port = parts.port
    except ValueError:
        return False
    default = 443 if parts.scheme == "https" else 80
    name, host_port = parsed
    return parts.hostname.lower() == name.strip("[]").lower() and (port or default) == (host_port or default)


def cross_site(scope: Scope) -> bool:
    """Whether a browser says the request comes from another site or origin: `Sec-Fetch-Site`, else
    `Origin` (`null` from a sandboxed frame or a file), else `Referer`. A request without any of
    them comes from no browser page (curl, a script) and has nothing to forge."""
    fetch_site = header(scope, b"sec-fetch-site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return True
    host = header(scope, b"host")
    for name in (b"origin", b"referer"):
        value = header(scope, name)
        if value:
            return not same_origin(value, host)
    return False


def token_matches(authorization: str, token: str) -> bool:
    """`Authorization: Bearer TOKEN`, or `Basic` with TOKEN as the password (a browser's login box)."""
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "basic":
        try:
            credentials = base64.b64decode(credentials, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(credentials.encode("utf-8"), token.encode("utf-8"))


def header(scope: Scope, name: bytes) -> str:
    """A request header's value ("" when absent); `name` in lower case."""
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return ""


def where(exc: BaseException) -> str:
    """`file.py:123` of the innermost frame: enough to find a bug, nothing of the request."""
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


class Guard:
    """Token, Host, size and cross-site checks, security headers, safe errors, a sizes-only log."""

    def __init__(self, app: ASGIApp, *, refuse: ErrorResponder, max_bytes: int, token: str | None = None,
                 loopback_only: bool = True, known_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.refuse = refuse
        self.known_paths = known_paths  # logged as they are; any other path could carry anything
        self.max_bytes = max_bytes
        self.token = token
        self.loopback_only = loopback_only  # no token: answer only requests addressed to this machine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = {"status": 0, "in": 0, "out": 0}
        static = scope["path"].startswith("/static/")

        async def counted_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message["headers"] = headers + SECURITY_HEADERS + [STATIC_CACHE if static else NO_STORE]
            elif message["type"] == "http.response.body":
                state["out"] += len(message.get("body", b""))
            await send(message)

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["in"] += len(message.get("body", b""))
                if state["in"] > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            refusal = self._refusal(scope)
            if refusal:
                await self.refuse(scope, *refusal)(scope, receive, counted_send)
            else:
                await self.app(scope, counted_receive, counted_send)
        except _TooLarge:
            if not state["status"]:
                await self.refuse(scope, 413, "error.too_large")(scope, receive, counted_send)
        except Exception as exc:  # noqa: BLE001 - never a traceback or a message that may quote the draft
            log.error("internal error: %s at %s", type(exc).__name__, where(exc))
            if not state["status"]:
                await self.refuse(scope, 500, "error.internal")(scope, receive, counted_send)
        finally:
            path = scope["path"] if scope["path"] in self.known_paths else "(other path)"
            log.info("%s %s %d, %d bytes in, %d bytes out, %.0f ms", scope["method"], path, state["status"],
                     state["in"], state["out"], (time.perf_counter() - started) * 1000)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Why the request is refused before its body is read: (status, strings.py key), or None."""
        if self.loopback_only and not is_loopback(host_name(header(scope, b"host"))):
            return 400, "error.host"
        if self.token is not None and not token_matches(header(scope, b"authorization"), self.token):
            return 401, "error.token"
        if scope["method"] == "POST" and cross_site(scope):
            return 403, "error.cross_site"
        declared = header(scope, b"content-length")
        if declared.strip().isdigit() and int(declared) > self.max_bytes:
            return 413, "error.too_large"
        return None
