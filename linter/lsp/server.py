"""The language server: documents in, diagnostics out, over stdio (pygls).

Every check runs on one worker thread, so the event loop keeps reading the client while a draft is
checked, and the models are loaded there right after `initialized` (the first draft waits for them
at most once). Edits are debounced; each result is published only if the document has not
changed since (else the newer check publishes). Clients that pull diagnostics
(`textDocument/diagnostic`) get them by pull, the others by push.

Drafts never leave the process: nothing is written or logged, pygls' own logger (which would
print every message, text and all) is silenced, and an internal error is reported to the client
by its type and place in postlint's code only, never its message (which could quote the draft).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES
from ..errors import PostlintError, where
from .checking import Checked, Drafts, checked_path
from .features import ConfigText, at, code_actions, diagnostic, hover
from .positions import Positions

DEBOUNCE = 0.05  # seconds of quiet after an edit before the draft is checked again
WATCHED = "**/*.{yaml,yml}"  # configs (postlint.yaml, .postlint.yaml) and the rule packs they name


@dataclass
class _Result:
    """One version of a document as checked, ready for the protocol."""

    version: int | None
    generation: int  # which reading of the configs it was checked under
    text: str
    path: str | None  # as what it is checked; None: not a post, never checked nor published
    checked: Checked | None  # None: not checked (not a post, or it failed)
    positions: Positions
    diagnostics: list[types.Diagnostic] = field(default_factory=list)

    @property
    def result_id(self) -> str:
        return f"{self.generation}:{self.version}"


class Session:
    """The server's state: the drafts' checker, the open documents' last results, pending checks."""

    def __init__(self, server: LanguageServer, drafts: Callable[[], Drafts], rule_docs: str,
                 debounce: float) -> None:
        self.server = server
        self.make_drafts = drafts
        self.drafts: Drafts | None = None
        self.rule_docs = rule_docs
        self.debounce = debounce
        self.pull = False  # the client pulls diagnostics: do not push them too
        self.root: Path | None = None
        self.generation = 0
        self.results: dict[str, _Result] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.changed_at: dict[str, float] = {}  # loop time of each document's last edit
        self.waiting = 0  # checks of documents waiting for the worker, or under way
        self.told: set[str] = set()  # messages shown since the configs were read (not repeated per keystroke)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postlint-lsp")

    # --- start ----------------------------------------------------------------------------------

    def initialize(self, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("ruleDocs"), str):
            self.rule_docs = options["ruleDocs"]
        if isinstance(options.get("debounce"), (int, float)) and not isinstance(options["debounce"], bool):
            self.debounce = max(0.0, float(options["debounce"]) / 1000)
        capabilities = params.capabilities.text_document
        self.pull = capabilities is not None and capabilities.diagnostic is not None
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        path = to_fs_path(root) if root else None
        self.root = Path(path) if path else None

    async def initialized(self) -> None:
        """Watch the configs (when the client can), and load the models now, in the background."""
        watch = self.server.client_capabilities.workspace
        if watch and watch.did_change_watched_files and watch.did_change_watched_files.dynamic_registration:
            self.server.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="postlint-configs", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=WATCHED)]))]))
        loop = asyncio.get_running_loop()
        probe = str((self.root or Path.cwd()) / "untitled.md")
        try:
            await loop.run_in_executor(self.worker, self._warm, probe)
        except Exception as exc:  # noqa: BLE001 - told to the client; the first draft says it again
            self._report(probe, exc)

    def _warm(self, probe: str) -> None:
        drafts = self._drafts()
        languages = drafts.languages_to_warm(probe)
        drafts.warm_up(probe, languages[:1])
        if not self.waiting:  # the other languages only while no draft waits for the worker
            drafts.warm_up(probe, languages[1:])

    def _drafts(self) -> Drafts:
        if self.drafts is None:
            self.drafts = self.make_drafts()
        return self.drafts

    # --- checking -------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds of quiet, then publish; a client that pulls asks itself."""
        if self.pull:
            return
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_and_publish(uri, delay))

    async def _check_and_publish(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            result = await self.result(uri)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if result is not None and result.path is not None and self._current(uri, result):
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=result.version, diagnostics=result.diagnostics))

    def _current(self, uri: str, result: _Result) -> bool:
        document = self.server.workspace.text_documents.get(uri)
        return document is not None and document.version == result.version and result.generation == self.generation

    async def result(self, uri: str) -> _Result | None:
        """The document's findings in its current version (checked now unless known)."""
        document = self.server.workspace.text_documents.get(uri)
        if document is None:
            return None
        known = self.results.get(uri)
        if known is not None and known.version == document.version and known.generation == self.generation \
                and known.text == document.source:
            return known  # a failure too: told once, not again at each hover
        text, version, generation = document.source, document.version, self.generation
        positions = Positions(text, self.server.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        path = checked_path(to_fs_path(uri), document.language_id, self.root)
        result = _Result(version, generation, text, path, None, positions)
        if path is not None:
            self.waiting += 1
            try:
                checked = await asyncio.get_running_loop().run_in_executor(self.worker, self._check, path, text)
            except Exception as exc:  # noqa: BLE001 - one document's failure is told, the server goes on
                self._report(path, exc)
            else:
                result.checked = checked
                result.diagnostics = [diagnostic(f, positions, self.rule_docs) for f in checked.findings]
                if checked.skipped:
                    self._tell(types.MessageType.Info, f"postlint: {Path(path).name} is {checked.skipped}")
            finally:
                self.waiting -= 1
        if generation == self.generation:
            self.results[uri] = result
        return result

    def _check(self, path: str, text: str) -> Checked:
        return self._drafts().check(path, text)

    def _report(self, path: str, exc: Exception) -> None:
        """Tell the client why a document could not be checked; never the exception's message
        unless it is a user's error (a config problem), which names files and lines only."""
        if isinstance(exc, PostlintError):
            self._tell(types.MessageType.Error, f"postlint: {exc}")
            return
        self._tell(types.MessageType.Error,
                   f"{_internal(exc)} while checking {Path(path).name}; other documents are still checked")

    def _tell(self, kind: types.MessageType, message: str) -> None:
        if message not in self.told:
            self.told.add(message)
            self.server.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self.changed_at.pop(uri, None)
        if not self.pull:
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def configs_changed(self, params: types.DidChangeWatchedFilesParams) -> None:
        """A config or rule pack changed: read them again and check every open document again."""
        if not params.changes:
            return
        self.generation += 1
        self.told.clear()
        if self.drafts is not None:
            self.worker.submit(self.drafts.reload)  # after the checks under way: they used the old configs
        if self.pull:
            refresh = self.server.client_capabilities.workspace
            if refresh and refresh.diagnostics and refresh.diagnostics.refresh_support:
                self.server.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.server.workspace.text_documents):
            self.schedule(uri, 0)

    # --- features -------------------------------------------------------------------------------

    def changed(self, uri: str) -> None:
        self.changed_at[uri] = asyncio.get_running_loop().time()
        self.schedule(uri, self.debounce)

    async def pull_diagnostics(self, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        uri = params.text_document.uri
        quiet = self.changed_at.get(uri, 0.0) + self.debounce - asyncio.get_running_loop().time()
        if quiet > 0:  # a client that pulls at every keystroke: the debounce applies to it too
            await asyncio.sleep(quiet)
        result = await self.result(uri)
        if result is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id == result.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=result.diagnostics, result_id=result.result_id)

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        result = await self.result(params.text_document.uri)
        if result is None or result.checked is None:
            return None
        offset = result.positions.offset(params.position)
        under = at(result.checked.findings, offset, offset)
        if not under:
            return None
        declared = self.server.client_capabilities.text_document
        formats = declared.hover.content_format if declared and declared.hover else None
        markdown = not formats or types.MarkupKind.Markdown in formats
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value=hover(under, result.checked.rules, self.rule_docs, markdown=markdown)))

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        result = await self.result(uri)
        if result is None or result.checked is None:
            return None
        positions = result.positions
        under = at(result.checked.findings, positions.offset(params.range.start), positions.offset(params.range.end))
        config = self._config_text(result.checked)
        return list(code_actions(result.checked, under, uri, positions, config)) or None

    def _config_text(self, checked: Checked) -> ConfigText | None:
        """The config that governs the document, as the editor has it if open, else from disk."""
        path = checked.config.path if checked.config is not None else None
        if path is None or path.name not in CONFIG_NAMES:
            return None
        uri = from_fs_path(str(path)) or path.as_uri()
        open_document = self.server.workspace.text_documents.get(uri)
        if open_document is not None:
            return ConfigText(path, uri, open_document.source)
        try:
            return ConfigText(path, uri, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def close(self) -> None:
        for task in self.pending.values():
            task.cancel()
        self.worker.shutdown(wait=False, cancel_futures=True)


def make_server(drafts: Callable[[], Drafts], *, rule_docs: str, debounce: float = DEBOUNCE) -> LanguageServer:
    """The pygls server with postlint's features; `drafts` makes the checker on the worker thread."""
    server = LanguageServer("postlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    session = Session(server, drafts, rule_docs, debounce)

    @server.feature(types.INITIALIZE)
    @_guarded
    def _initialize(params: types.InitializeParams) -> None:
        session.initialize(params)

    @server.feature(types.INITIALIZED)
    @_guarded
    async def _initialized(params: types.InitializedParams) -> None:
        await session.initialized()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded
    def _open(params: types.DidOpenTextDocumentParams) -> None:
        session.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded
    def _change(params: types.DidChangeTextDocumentParams) -> None:
        session.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @_guarded
    def _save(params: types.DidSaveTextDocumentParams) -> None:
        session.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded
    def _close(params: types.DidCloseTextDocumentParams) -> None:
        session.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded
    def _watched(params: types.DidChangeWatchedFilesParams) -> None:
        session.configs_changed(params)

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                    types.DiagnosticOptions(identifier="postlint", inter_file_dependencies=False,
                                            workspace_diagnostics=False))
    @_guarded
    async def _pull(params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        return await session.pull_diagnostics(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded
    async def _hover(params: types.HoverParams) -> types.Hover | None:
        return await session.hover(params)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @_guarded
    async def _actions(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return await session.code_actions(params)

    @server.feature(types.SHUTDOWN)
    @_guarded
    def _shutdown(params: Any) -> None:
        session.close()

    return server


INTERNAL = "postlint: internal error"


def _internal(exc: BaseException) -> str:
    """An internal error as the client may see it: its type and place in postlint, never its text."""
    return f"{INTERNAL} {type(exc).__name__} at {where(exc)} (please report it)"


def _guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A handler whose unexpected errors reach the client as `_internal` says, not as pygls would
    (the exception's text and traceback)."""
    if asyncio.iscoroutinefunction(handler):
        @functools.wraps(handler)
        async def run_async(params: Any) -> Any:
            try:
                return await handler(params)
            except Exception as exc:  # noqa: BLE001
                raise JsonRpcInternalError(message=_internal(exc)) from None
        return run_async

    @functools.wraps(handler)
    def run(params: Any) -> Any:
        try:
            return handler(params)
        except Exception as exc:  # noqa: BLE001
            raise JsonRpcInternalError(message=_internal(exc)) from None
    return run


def _quiet_pygls() -> None:
    """pygls logs each message it sends and receives (draft text included) and tracebacks: never."""
    pygls_log = logging.getLogger("pygls")
    pygls_log.handlers = [logging.NullHandler()]
    pygls_log.propagate = False
    pygls_log.setLevel(logging.CRITICAL + 1)


def serve_stdio(config_path: Path | None, *, rule_docs: str, debounce: float = DEBOUNCE,
                cache_dir: Path | None = None) -> None:
    """Speak the protocol on stdin/stdout until the client says exit."""
    _quiet_pygls()
    server = make_server(lambda: Drafts(config_path, cache_dir), rule_docs=rule_docs, debounce=debounce)
    _guard_errors(server)
    # The protocol gets its own copy of stdout; whatever else writes to stdout (a library's print,
    # a native library's message) goes to stderr and cannot corrupt the protocol's stream.
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server.start_io(sys.stdin.buffer, protocol_out)


def _guard_errors(server: LanguageServer) -> None:
    """pygls tells the client of errors outside requests with the exception's text: name it only."""
    def report(error: Exception, source: Any) -> None:
        if source is FeatureRequestError:
            return  # the request's answer carries it
        said = str(getattr(error, "message", ""))
        message = said[said.index(INTERNAL):] if INTERNAL in said else _internal(error)
        server.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    server.report_server_error = report  # type: ignore[method-assign]
