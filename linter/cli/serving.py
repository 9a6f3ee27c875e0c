"""`postlint serve` (the review page and HTTP API) and `postlint lsp` (the language server)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import click

from .common import config_for, config_option, fail, notify


class _ByteSize(click.ParamType):
    """A size in bytes: `1048576`, `512k`, `5M` (k and M count in 1024s)."""

    name = "size"
    _SCALES: ClassVar[dict[str, int]] = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b").removesuffix("i")
        number, scale = (text[:-1], text[-1]) if text[-1:] in self._SCALES else (text, "")
        if not number.isdigit():
            self.fail(f"'{value}' is not a size; write it as bytes, or with k or M (512k, 5M)", param, ctx)
        return int(number) * self._SCALES[scale]


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; one other than this machine's own (loopback) needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed at start).")
@config_option
@click.option("--token", envvar="POSTLINT_TOKEN", show_envvar=True, metavar="T",
              help="Secret every request must carry: 'Authorization: Bearer T', or T as the password "
                   "when the browser asks. Required with a --host other than loopback.")
@click.option("--max-bytes", type=_ByteSize(), default="1M", show_default=True, metavar="N",
              help="Largest request body accepted; larger ones get HTTP 413 (512k, 5M, ...).")
def serve_command(host: str, port: int, config_path: str | None, token: str | None, max_bytes: int) -> None:
    """Serve the review page and the HTTP API; drafts stay in memory, never on disk or in logs."""
    from ..cache import default_cache_dir

    try:
        from ..serve.server import serve
    except ImportError as exc:
        from ..serve import SERVE_EXTRA_MISSING

        fail(f"{SERVE_EXTRA_MISSING} ({exc.name} is missing)")
    serve(config_for(config_path), host=host, port=port, token=token, max_bytes=max_bytes,
          cache_dir=default_cache_dir(), announce=lambda message: notify("info", message))


@click.command(name="lsp")
@config_option
@click.option("--rule-docs", metavar="URL", help="Link of each rule's page in diagnostics, with {code} for "
              "the rule's code (default: the project's docs; a client's ruleDocs option also sets it).")
@click.option("--debounce", type=click.IntRange(min=0), default=50, show_default=True, metavar="MS",
              help="Milliseconds of quiet after an edit before the draft is checked again.")
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the only way; accepted "
              "because many clients pass it).")
def lsp_command(config_path: str | None, rule_docs: str | None, debounce: int, stdio: bool) -> None:
    """Run the language server: findings in the editor as you type (Language Server Protocol over stdio)."""
    from ..cache import default_cache_dir

    try:
        from ..lsp import RULE_DOCS_URL
        from ..lsp.server import serve_stdio
    except ImportError as exc:
        from ..lsp import LSP_EXTRA_MISSING

        fail(f"{LSP_EXTRA_MISSING} ({exc.name} is missing)")
    serve_stdio(Path(config_path) if config_path else None, rule_docs=rule_docs or RULE_DOCS_URL,
                debounce=debounce / 1000, cache_dir=default_cache_dir())
