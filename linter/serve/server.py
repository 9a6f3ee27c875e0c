"""Running the review server: checks before anything loads, the model loaded once, then uvicorn.

The socket is bound here (not by uvicorn), before the model loads, so a port in use is a clear
error at once (exit 2); requests that arrive while the model loads wait in the listen queue, and
the address is announced once it is ready.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..errors import PostlintError
from .app import DEFAULT_MAX_BYTES, create_app
from .guard import is_loopback
from .review import Reviewer

log = logging.getLogger("postlint.serve")
SHORT_TOKEN = 16  # below this many characters a token is easy to guess: say so
# Slow and half-open connections (uvicorn closes an idle keep-alive connection, but waits forever for
# a request head that never ends): a connection has HEADER_TIMEOUT seconds to send its whole head,
# however it trickles in, then BODY_TIMEOUT for its body, and at most MAX_CONNECTIONS stay open;
# past that the oldest one still waiting for its head is closed, so connections that send nothing
# never lock a reviewer out.
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 60.0  # seconds, once the head is in, for the whole body (--max-bytes at most) to arrive
KEEP_ALIVE_TIMEOUT = 5  # uvicorn's timeout_keep_alive: an idle connection after a response
MAX_CONNECTIONS = 100
LOOP_ERROR_EVERY = 60.0  # seconds between two log lines for the same event-loop error


class _Relay(logging.Handler):
    """uvicorn's own messages, passed on to postlint's log without tracebacks (which could quote
    a request)."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, "%s", record.getMessage())


def check_settings(host: str, token: str | None, max_bytes: int) -> list[str]:
    """Refuse unsafe settings before anything loads; return warnings worth printing."""
    warnings = []
    if token is not None:
        if not token or any(not 33 <= ord(c) <= 126 for c in token):
            raise PostlintError("--token must be printable ASCII without spaces (e.g. the output of "
                                "`python -c 'import secrets; print(secrets.token_urlsafe())'`)")
        if len(token) < SHORT_TOKEN:
            warnings.append(f"the token has fewer than {SHORT_TOKEN} characters and is easy to guess")
    elif not is_loopback(host):
        raise PostlintError(f"--host {host} lets other machines send drafts here; give --token (or set "
                            "POSTLINT_TOKEN) so that only those who have it can, or keep the default "
                            "127.0.0.1")
    if max_bytes < 1:
        raise PostlintError("--max-bytes must be at least 1")
    return warnings


def serve(config: Config, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES, cache_dir: str | Path | None = None,
          announce: Callable[[str], None] = print) -> None:
    """Load the policy's `Linter` once and serve the review page and API until interrupted."""
    import uvicorn

    for warning in check_settings(host, token, max_bytes):
        log.warning("%s", warning)
    listener = _bind(host, port)  # a port in use is an error now, not after the model has loaded
    try:
        reviewer = Reviewer.load(config, cache_dir=cache_dir)
    except BaseException:
        listener.close()
        raise
    app = create_app(reviewer, token=token, max_bytes=max_bytes, loopback_only=token is None)
    uvicorn_log = logging.getLogger("uvicorn")
    uvicorn_log.handlers, uvicorn_log.propagate = [_Relay()], False
    uvicorn_log.setLevel(logging.WARNING)
    server = _server_class()(uvicorn.Config(app, log_config=None, access_log=False, server_header=False,
                                            lifespan="off", ws="none", http=_guarded_protocol(),
                                            timeout_keep_alive=KEEP_ALIVE_TIMEOUT))
    bound_host, bound_port = listener.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    announce(f"serving the review page on http://{shown}:{bound_port}/ (Ctrl+C to stop)")
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down cleanly and passes the Ctrl+C on
    finally:
        reviewer.close()
        listener.close()


def _guarded_protocol() -> type:
    """uvicorn's h11 protocol with a deadline for each request head and a cap on open connections."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedProtocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None
        _body_timer: asyncio.TimerHandle | None = None
        _waiting_since = 0.0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._await_head()
            if len(self.connections) > MAX_CONNECTIONS:
                waiting = [c for c in self.connections if isinstance(c, GuardedProtocol) and c._awaiting_head()]
                oldest = min(waiting, key=lambda c: c._waiting_since, default=self)
                oldest.transport.close()

        def _await_head(self) -> None:
            self._waiting_since = self.loop.time()
            self._head_timer = self.loop.call_later(HEADER_TIMEOUT, self._head_too_late)

        def _awaiting_head(self) -> bool:
            return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

        def _head_too_late(self) -> None:
            self._head_timer = None
            if self._awaiting_head() and not self.transport.is_closing():
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._head_timer is not None and self.conn.their_state is not h11.IDLE:
                self._head_timer.cancel()  # the whole head is in: now the body has its own deadline
                self._head_timer = None
                if self.conn.their_state is h11.SEND_BODY:
                    self._body_timer = self.loop.call_later(BODY_TIMEOUT, self._body_too_late)

        def _body_too_late(self) -> None:
            self._body_timer = None
            if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
                self.transport.close()  # a body that trickles in forever holds a connection no less

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._head_timer is None and not self.transport.is_closing():
                self._await_head()  # the next request on this connection has its own deadline

        def connection_lost(self, exc: Exception | None) -> None:
            for timer in (self._head_timer, self._body_timer):
                if timer is not None:
                    timer.cancel()
            self._head_timer = self._body_timer = None
            super().connection_lost(exc)

    return GuardedProtocol


def _server_class() -> type:
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server whose event loop reports its own errors (a failed `accept()` when file
        descriptors run out, again and again) as one line each, at most once a minute, never a
        traceback."""

        async def serve(self, sockets: list[socket.socket] | None = None) -> None:
            asyncio.get_running_loop().set_exception_handler(_LoopErrors())
            await super().serve(sockets)

    return Server


class _LoopErrors:
    """An event loop's exception handler: one line per kind of error and minute, no traceback."""

    def __init__(self) -> None:
        self._last: dict[str, float] = {}

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        exc = context.get("exception")
        what = str(context.get("message") or "event loop error")
        if isinstance(exc, BaseException):
            what += f" ({type(exc).__name__}" + (f": {exc.strerror}" if isinstance(exc, OSError) and exc.strerror
                                                 else "") + ")"
        now = time.monotonic()
        if now - self._last.get(what, -LOOP_ERROR_EVERY) >= LOOP_ERROR_EVERY:
            self._last[what] = now
            log.warning("%s; the server goes on (repeats of this are not logged for a minute)", what)


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port` (0: any free port), or a PostlintError saying why not."""
    name = host.strip().strip("[]")
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(name).version == 6 else socket.AF_INET
        address: tuple[object, ...] = (name, port)
    except ValueError:  # a host name such as localhost: ask the resolver
        try:
            family, _, _, _, address = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM,
                                                          flags=socket.AI_PASSIVE)[0]
        except OSError as exc:
            raise PostlintError(f"cannot listen on {host}: {exc.strerror or exc}") from None
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise PostlintError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                            + (" (choose another --port, or 0 for any free one)"
                               if exc.errno == errno.EADDRINUSE else "")) from None
    return listener
