"""The review page and the HTTP API, as a Starlette application.

    GET  /            the review page (paste or upload a draft)
    POST /            the same page with the draft checked and every finding marked in place
    POST /api/lint    {"text", "path"?, "lang"?, "as_of"?, "redact"?} -> exactly `check --format json`
    GET  /api/rules   every rule of the loaded policy
    GET  /healthz     {"status": "ok", "version": ...}
    GET  /training    practice on posts built from the rules and the config (`training.py`)

`guard.Guard` wraps all of it (token, Host, size limit, headers, sizes-only log); `review.py` does
the checking; templates and the stylesheet ship inside the package, nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__, jsonio
from ..config import LANGUAGES
from ..finding import Severity
from ..markup import MARKUP_BY_SUFFIX
from ..sources import Unreadable, decode
from .guard import Guard, Scope, header
from .review import (
    AUTO,
    BadDraft,
    Busy,
    Draft,
    Review,
    Reviewer,
    draft_from_json,
    highlight,
    parse_date,
    parse_lang,
    rule_entry,
)
from .strings import UI_LANGUAGES, Strings, format_bytes, preferred_language, ui_language
from .training import training_context

DEFAULT_MAX_BYTES = 1 << 20
AUTONYMS = {"en": "English", "es": "Español"}  # each language's name for itself, for the switch
# what the "pasted text is" choice means, as the path whose suffix decides the markup
PASTED_AS = {"markdown": "draft.md", "html": "draft.html", "text": "draft.txt"}
API_PATHS = ("/api/", "/healthz")

TEMPLATES = Environment(loader=PackageLoader("linter.serve", "templates"),
                        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _markdown_text(value: str) -> str:
    """Text that reads the same in Markdown: characters that would format or link it are escaped."""
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#~" else c for c in str(value))
    return " ".join(escaped.split())


def _markdown_code(value: str) -> str:
    """An inline code span that holds `value` whatever backticks it contains."""
    text = " ".join(str(value).split())
    fence = "`"
    while fence in text:
        fence += "`"
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip() else text
    return f"{fence}{padded}{fence}"


TEMPLATES.filters["md"] = _markdown_text
TEMPLATES.filters["code"] = _markdown_code


@dataclass(frozen=True)
class FormState:
    """What the page's form holds, so a checked draft comes back ready to edit and check again."""

    text: str = ""
    markup: str = "markdown"
    lang: str = AUTO
    as_of: str = ""
    ui_keep: str = ""  # the page language the reader chose with the switch ("" follows the draft)


class _InMemoryMultiPart(MultiPartParser):
    """Starlette's multipart parser with uploads kept in memory: a draft never touches the disk."""

    def __init__(self, request: Request, max_bytes: int) -> None:
        super().__init__(request.headers, request.stream(), max_files=1, max_fields=16, max_part_size=max_bytes)
        self.spool_max_size = max_bytes + 1  # the whole body is at most max_bytes (the guard sees to it)


def create_app(reviewer: Reviewer, *, token: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               loopback_only: bool = True) -> Starlette:
    """The ASGI application around one loaded `Reviewer` (see `server.serve` to run it)."""
    site = _Site(reviewer, max_bytes)
    routes = [
        Route("/", site.page, methods=["GET"]),
        Route("/", site.review_page, methods=["POST"]),
        Route("/api/lint", site.api_lint, methods=["POST"]),
        Route("/api/rules", site.api_rules, methods=["GET"]),
        Route("/healthz", site.healthz, methods=["GET"]),
        Route("/training", site.training, methods=["GET"]),
    ]
    static = files("linter.serve") / "static"
    known_paths = frozenset([r.path for r in routes] + [f"/static/{f.name}" for f in static.iterdir()])
    return Starlette(
        routes=[*routes, Mount("/static", StaticFiles(packages=[("linter.serve", "static")]))],
        middleware=[Middleware(Guard, refuse=site.refusal, max_bytes=max_bytes, token=token,
                               loopback_only=loopback_only, known_paths=known_paths)],
        exception_handlers={HTTPException: site.http_error},
    )


class _Site:
    """The routes, around the server's one `Reviewer`."""

    def __init__(self, reviewer: Reviewer, max_bytes: int) -> None:
        self.reviewer = reviewer
        self.max_bytes = max_bytes

    # --- the page -------------------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        explicit = request.query_params.get("ui", "")
        return self._render(request, FormState(as_of=dt.date.today().isoformat(),
                                               ui_keep=explicit if explicit in UI_LANGUAGES else ""))

    async def review_page(self, request: Request) -> Response:
        try:
            form = await self._read_form(request)
        except MultiPartException:
            return self._render(request, FormState(as_of=dt.date.today().isoformat()), status=400,
                                error=BadDraft("malformed form", "error.form"))
        try:
            return await self._review_form(request, form)
        finally:
            await form.close()

    async def _read_form(self, request: Request) -> FormData:
        if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            return await _InMemoryMultiPart(request, self.max_bytes).parse()
        return await request.form(max_files=0, max_fields=16, max_part_size=self.max_bytes)

    async def _review_form(self, request: Request, form: FormData) -> Response:
        state, upload = _form_state(form)
        if not state.text.strip() and upload is None:
            switching = form.get("ui") in UI_LANGUAGES  # the language switch, pressed before any draft
            return self._render(request, state, error=None if switching else BadDraft("empty", "error.empty"),
                                status=200 if switching else 400)
        try:
            draft, state, warnings = await _draft(state, upload)
        except BadDraft as exc:
            return self._render(request, state, error=exc, status=400)
        try:
            review = await self.reviewer.review(draft)
        except Busy:
            return self._render(request, state, error=BadDraft("busy", "error.busy"), status=503)
        return self._render(request, state, review=review, decoded_with_warnings=bool(warnings))

    def _render(self, request: Request, state: FormState, *, review: Review | None = None,
                error: BadDraft | None = None, status: int = 200, decoded_with_warnings: bool = False
                ) -> HTMLResponse:
        ui = ui_language(state.ui_keep, review.lang if review else None, request.headers.get("accept-language"))
        t = Strings(ui)
        context: dict[str, Any] = {
            "t": t, "ui": ui, "autonyms": AUTONYMS, "form": state, "review": review,
            "error": t(error.key, limit=format_bytes(self.max_bytes), **error.values) if error else None,
            "decoded_with_warnings": decoded_with_warnings, "languages": [AUTO, *LANGUAGES],
            "markups": list(PASTED_AS), "accept": ",".join(MARKUP_BY_SUFFIX),
        }
        if review is not None:
            context.update(_results(review, t))
        return HTMLResponse(TEMPLATES.get_template("index.html").render(context), status_code=status)

    # --- the API --------------------------------------------------------------------------------

    async def api_lint(self, request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _json_error(415, Strings("en")("error.media_type"))
        body = await request.body()
        try:
            data = jsonio.loads(body.decode("utf-8"), unique_keys=True)  # which of two "text" keys would be checked?
        except UnicodeDecodeError:
            return _json_error(400, "the body is not UTF-8")
        except json.JSONDecodeError as exc:
            return _json_error(400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        except RecursionError:
            return _json_error(400, "the body is not valid JSON: nested too deeply")
        try:
            review = await self.reviewer.review(draft_from_json(data))
        except BadDraft as exc:
            return _json_error(400, str(exc))
        except Busy as exc:
            return _json_error(503, str(exc), headers={"Retry-After": "5"})
        return Response(review.json(), media_type="application/json")

    async def api_rules(self, request: Request) -> Response:
        return JSONResponse({"version": 1, "rules": [rule_entry(r) for r in self.reviewer.rules.values()]})

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def training(self, request: Request) -> Response:
        context = {**training_context(self.reviewer, request), "autonyms": AUTONYMS}
        return HTMLResponse(TEMPLATES.get_template("training.html").render(context))

    # --- refusals and errors --------------------------------------------------------------------

    def refusal(self, scope: Scope, status: int, key: str) -> Response:
        """What a refused request (or an internal error) gets: JSON under /api, a page elsewhere."""
        api = scope["path"].startswith(API_PATHS)
        headers = {}
        if status == 401:
            headers["WWW-Authenticate"] = ('Bearer realm="postlint"' if api
                                           else 'Basic realm="postlint", charset="UTF-8"')
        if status == 503:
            headers["Retry-After"] = "5"
        t = Strings("en" if api else preferred_language(header(scope, b"accept-language")))
        message = t(key, limit=format_bytes(self.max_bytes))
        return _json_error(status, message, headers) if api else _error_page(t, status, message, headers)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return self.refusal(request.scope, 404, "error.not_found")
        if request.url.path.startswith(API_PATHS):
            return _json_error(exc.status_code, str(exc.detail), exc.headers)
        t = Strings(preferred_language(request.headers.get("accept-language")))
        return _error_page(t, exc.status_code, str(exc.detail), exc.headers or {})


def _form_state(form: FormData) -> tuple[FormState, UploadFile | None]:
    """The form's fields as sent (checked later, so a bad value comes back to be corrected)."""
    def text(name: str, default: str = "") -> str:
        value = form.get(name)
        return value if isinstance(value, str) and value else default

    choice = text("ui") or text("ui_keep")
    state = FormState(
        text=text("draft").replace("\r\n", "\n"),  # browsers send a textarea's lines with CRLF
        markup=text("markup", "markdown"),
        lang=text("lang", AUTO),
        as_of=text("as_of", dt.date.today().isoformat()),
        ui_keep=choice if choice in UI_LANGUAGES else "",
    )
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename and upload.size:
        return state, upload
    return state, None


async def _draft(state: FormState, upload: UploadFile | None) -> tuple[Draft, FormState, list[str]]:
    """The draft the form describes (the uploaded file if any, else the pasted text), and the
    form as it should come back: holding the file's text, ready to edit."""
    as_of, lang = parse_date(state.as_of), parse_lang(state.lang)
    if state.markup not in PASTED_AS:
        raise BadDraft("unknown markup", "error.markup")
    if upload is None:
        return Draft(state.text, as_of=as_of, path=PASTED_AS[state.markup], lang=lang), state, []
    name = _file_name(upload.filename or "")
    markup = MARKUP_BY_SUFFIX.get(PurePosixPath(name).suffix.lower())
    if markup is None:
        raise BadDraft("unsupported file", "error.suffix", name=name)
    try:
        source = decode(await upload.read(), name)
    except Unreadable:
        raise BadDraft("not text", "error.binary", name=name) from None
    state = replace(state, text=source.text, markup=markup if markup in PASTED_AS else "markdown")
    return Draft(source.text, as_of=as_of, path=name, lang=lang), state, source.warnings


def _results(review: Review, t: Strings) -> dict[str, Any]:
    """What the page and its Markdown report show about a checked draft."""
    counts = review.summary.counts
    worst = review.worst
    context: dict[str, Any] = {
        "segments": highlight(review.draft.text, review.findings),
        "counts": [(str(s), counts[str(s)]) for s in Severity if counts[str(s)]],
        "verdict": f"verdict.{worst}" if worst else "verdict.clean",
        "worst": str(worst) if worst else "clean",
        "name": review.draft.path,
        "linted_lang": t.get(f"lang.{review.lang}", review.lang),
        "as_of": review.draft.as_of.isoformat(),
    }
    context["report"] = TEMPLATES.get_template("report.md").render({**context, "t": t, "review": review})
    return context


def _file_name(name: str) -> str:
    """An uploaded file's own name, without any folders a browser or client sent with it."""
    return PureWindowsPath(PurePosixPath(name).name).name.strip() or "upload"


def _json_error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=dict(headers or {}))


def _error_page(t: Strings, status: int, message: str, headers: Mapping[str, str]) -> HTMLResponse:
    html = TEMPLATES.get_template("error.html").render({"t": t, "ui": t.lang, "autonyms": AUTONYMS,
                                                         "message": message, "status": status})
    return HTMLResponse(html, status_code=status, headers=dict(headers))
