"""`postlint lsp` driven over stdio as editors drive it (pytest-lsp), with the real model.

Three servers per module: one for a client that takes pushed diagnostics and counts columns in
UTF-16 (Neovim 0.9), one for a client that pulls them and counts in UTF-8 (Neovim 0.11, with
refresh support), one with an internal error planted (tests/lsp/launcher.py). Each
test opens its own documents, in folders of a workspace whose configs differ, so they do not
disturb each other; the network is cut off in the servers.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

LAUNCHER = str(Path(__file__).with_name("launcher.py"))
TIMEOUT = 300  # seconds: the first check waits for the models, on a busy 2-core machine
CRASH_MARKER = "trigger-internal-failure"
SECRET = "jane.doe@gmail.com"

pytestmark = pytest.mark.asyncio(loop_scope="module")

CONFIG = """\
company:
  name: Acme Robotics
  domains: [acme.example]
  codenames:
    - {name: Falcon}
  public_numbers:
    - "+1 800 555 0100"
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / "postlint.yaml").write_text(CONFIG, encoding="utf-8")
    return root


def _config(*extra: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=[sys.executable, LAUNCHER, *extra])


async def _start(client: LanguageClient, capabilities: str, root: Path, *, refresh: bool = False) -> None:
    declared = client_capabilities(capabilities)
    if refresh:  # as VS Code declares: the server may ask it to pull again
        assert declared.workspace is not None
        declared.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    await client.initialize_session(types.InitializeParams(
        capabilities=declared, root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="blog")]))


@pytest_lsp.fixture(config=_config(), scope="module")
async def push(lsp_client: LanguageClient, workspace: Path):
    await _start(lsp_client, "neovim@v0.9.1", workspace)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config(), scope="module")
async def pull(lsp_client: LanguageClient, workspace: Path):
    await _start(lsp_client, "neovim@v0.11.0", workspace, refresh=True)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config("--crash-on", CRASH_MARKER), scope="module")
async def crashing(lsp_client: LanguageClient, workspace: Path):
    await _start(lsp_client, "neovim@v0.9.1", workspace)
    yield
    await lsp_client.shutdown_session()


async def _published(client: LanguageClient, uri: str, version: int,
                     action: Callable[[], Any]) -> list[types.Diagnostic]:
    """Do `action`, then wait for the diagnostics of `uri` in `version`."""
    async def wait() -> list[types.Diagnostic]:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)

    waiting = asyncio.ensure_future(wait())
    await asyncio.sleep(0)
    result = action()
    if isinstance(result, Awaitable):
        await result
    return await asyncio.wait_for(waiting, TIMEOUT)


def _open(client: LanguageClient, path: Path, text: str, language_id: str = "markdown") -> Callable[[], None]:
    return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language_id, version=1, text=text)))


def _change(client: LanguageClient, path: Path, version: int, text: str) -> Callable[[], None]:
    return lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits given in UTF-16 positions (the push client's) to `text`."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        units, chars = 0, 0
        while units < position.character and chars < len(line):
            units += 2 if ord(line[chars]) > 0xFFFF else 1
            chars += 1
        return sum(len(x) for x in lines[:position.line]) + chars

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


async def test_a_leaking_draft_gets_diagnostics_where_the_leak_stands_then_none_once_clean(
        push: LanguageClient, workspace: Path) -> None:
    draft = workspace / "posts" / "launch.md"
    draft.parent.mkdir(exist_ok=True)
    # line 2: an accent and an emoji (two UTF-16 units) before the address; CRLF line ends
    text = "# Our week\r\n\r\nCafé news 🎉 write to jane.doe@gmail.com about Falcon.\r\n"
    diagnostics = await _published(push, draft.as_uri(), 1, _open(push, draft, text))
    by_code = {d.code: d for d in diagnostics}
    assert set(by_code) == {"PII-EMAIL", "CONF-CODENAME"}
    email = by_code["PII-EMAIL"]
    # "Café news 🎉 write to " is 21 characters and 22 UTF-16 units; the address is 18 long
    assert (email.range.start.line, email.range.start.character) == (2, 22)
    assert (email.range.end.line, email.range.end.character) == (2, 40)
    codename = by_code["CONF-CODENAME"]
    assert (codename.range.start.line, codename.range.start.character) == (2, 47)
    assert (codename.range.end.line, codename.range.end.character) == (2, 53)
    assert email.severity == types.DiagnosticSeverity.Error and email.source == "postlint"
    assert email.code_description is not None and email.code_description.href.endswith("PII-EMAIL.md")

    clean = "# Our week\r\n\r\nCafé news 🎉 write to us through the contact page.\r\n"
    assert await _published(push, draft.as_uri(), 2, _change(push, draft, 2, clean)) == []
    assert not [m for m in push.messages if m.type == types.MessageType.Error]


async def test_plain_text_html_and_mdx_are_checked_and_other_languages_are_not(
        push: LanguageClient, workspace: Path) -> None:
    notes = workspace / "notes.txt"
    found = await _published(push, notes.as_uri(), 1,
                             _open(push, notes, f"Ping {SECRET} today.\n", "plaintext"))
    assert _codes(found) == ["PII-EMAIL"]
    assert (found[0].range.start.line, found[0].range.start.character) == (0, 5)
    page = workspace / "page.html"
    found = await _published(push, page.as_uri(), 1,
                             _open(push, page, f"<p>Ping <b>{SECRET}</b></p>\n", "html"))
    assert _codes(found) == ["PII-EMAIL"]
    assert found[0].range.start.character == len("<p>Ping <b>")
    component = workspace / "card.mdx"
    text = f"import Card from './card'\n\n<Card>Ping {SECRET}</Card>\n{{/* Falcon is an MDX comment */}}\n"
    found = await _published(push, component.as_uri(), 1, _open(push, component, text, "mdx"))
    assert _codes(found) == ["PII-EMAIL"]  # the comment is not published text
    assert (found[0].range.start.line, found[0].range.start.character) == (2, len("<Card>Ping "))
    saved = lambda: push.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=component.as_uri())))
    assert _codes(await _published(push, component.as_uri(), 1, saved)) == ["PII-EMAIL"]
    script = workspace / "deploy.py"
    push.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=script.as_uri(), language_id="python", version=1, text=f"ADMIN = '{SECRET}'\n")))
    found = await _published(push, notes.as_uri(), 2, _change(push, notes, 2, "Ping us today.\n"))
    assert found == [] and script.as_uri() not in push.diagnostics  # code is not a post


async def test_hover_says_why_and_what_to_write_instead(push: LanguageClient, workspace: Path) -> None:
    draft = workspace / "hover.md"
    await _published(push, draft.as_uri(), 1, _open(push, draft, "Servers at 10.2.3.4 are slow.\n"))
    hover = await push.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=draft.as_uri()), position=types.Position(line=0, character=13)))
    assert hover is not None
    text = hover.contents.value
    assert "CONF-INTERNAL-IP" in text and "**Why:**" in text and "192.0.2.10" in text
    nothing = await push.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=draft.as_uri()), position=types.Position(line=0, character=2)))
    assert nothing is None


async def _actions(client: LanguageClient, path: Path, line: int, character: int) -> list[types.CodeAction]:
    here = types.Position(line=line, character=character)
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), range=types.Range(start=here, end=here),
        context=types.CodeActionContext(diagnostics=[])))
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def test_a_spanish_draft_gets_spanish_words_and_the_spanish_placeholder(
        push: LanguageClient, workspace: Path) -> None:
    draft = workspace / "anuncio.md"
    token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
    text = f"Nuestro bot usa {token} para publicar las versiones de la aplicación.\n"
    [found] = await _published(push, draft.as_uri(), 1, _open(push, draft, text))
    assert found.code == "CONF-TOKEN" and "es un token de API" in found.message
    fix = next(a for a in await _actions(push, draft, 0, found.range.start.character) if a.is_preferred)
    assert _apply(text, fix.edit.changes[draft.as_uri()]) == text.replace(token, "<TU_TOKEN>")


async def test_the_replacement_fix_removes_the_finding(push: LanguageClient, workspace: Path) -> None:
    draft = workspace / "fix.md"
    text = "Our staging box 🚀 10.2.3.4 is up.\n"
    found = await _published(push, draft.as_uri(), 1, _open(push, draft, text))
    assert _codes(found) == ["CONF-INTERNAL-IP"]
    actions = await _actions(push, draft, 0, found[0].range.start.character + 1)
    fix = next(a for a in actions if a.is_preferred)
    assert fix.title == "Write 192.0.2.10 instead"
    assert not any("company." in a.title for a in actions)  # no allowed list takes an address
    fixed = _apply(text, fix.edit.changes[draft.as_uri()])
    assert fixed == "Our staging box 🚀 192.0.2.10 is up.\n"
    assert await _actions(push, draft, 0, 3) == []  # nothing to fix where nothing was found
    assert await _published(push, draft.as_uri(), 2, _change(push, draft, 2, fixed)) == []


async def test_a_suppression_silences_nothing_until_its_reason_is_written(
        push: LanguageClient, workspace: Path) -> None:
    draft = workspace / "quiet.md"
    text = f"Intro.\n\n  Mail {SECRET} for the press kit.\n"
    found = await _published(push, draft.as_uri(), 1, _open(push, draft, text))
    assert _codes(found) == ["PII-EMAIL"]
    actions = await _actions(push, draft, 2, 9)
    assert not any(a.is_preferred for a in actions)  # PII-EMAIL has no placeholder to write instead
    silence = next(a for a in actions if a.title.startswith("Silence PII-EMAIL"))
    commented = _apply(text, silence.edit.changes[draft.as_uri()])
    assert commented == (f"Intro.\n\n  <!-- postlint-disable-next-line PII-EMAIL -- <reason> -->\n"
                         f"  Mail {SECRET} for the press kit.\n")
    found = await _published(push, draft.as_uri(), 2, _change(push, draft, 2, commented))
    assert _codes(found) == ["PII-DIRECTIVE", "PII-EMAIL"]  # the placeholder is no reason
    reasoned = commented.replace("<reason>", "the press office's shared address")
    assert await _published(push, draft.as_uri(), 3, _change(push, draft, 3, reasoned)) == []


async def test_allowing_a_value_in_the_config_changes_the_result(push: LanguageClient, workspace: Path) -> None:
    team = workspace / "team"
    team.mkdir()
    config = team / "postlint.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    draft = team / "support.md"
    text = "Call our new support line on +1 415 555 0199 any time.\n"
    found = await _published(push, draft.as_uri(), 1, _open(push, draft, text))
    assert _codes(found) == ["PII-PHONE"]
    actions = await _actions(push, draft, 0, found[0].range.start.character)
    allow = next(a for a in actions if "company.public_numbers" in a.title)
    [edit] = allow.edit.changes[config.as_uri()]
    config.write_text(_apply(config.read_text(encoding="utf-8"), [edit]), encoding="utf-8")
    assert '- "+1 415 555 0199"\n    - "+1 800 555 0100"' in config.read_text(encoding="utf-8")
    changed = types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=config.as_uri(), type=types.FileChangeType.Changed)])
    assert await _published(push, draft.as_uri(), 1,
                            lambda: push.workspace_did_change_watched_files(changed)) == []


async def test_a_changed_config_is_read_again(push: LanguageClient, workspace: Path) -> None:
    club = workspace / "club"
    club.mkdir()
    config = club / "postlint.yaml"
    config.write_text("company:\n  name: Acme Robotics\n", encoding="utf-8")
    draft = club / "news.md"
    text = "Nightjar ships in spring.\n"
    assert await _published(push, draft.as_uri(), 1, _open(push, draft, text)) == []
    config.write_text("company:\n  name: Acme Robotics\n  codenames: [Nightjar]\n", encoding="utf-8")
    changed = types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=config.as_uri(), type=types.FileChangeType.Changed)])
    found = await _published(push, draft.as_uri(), 1, lambda: push.workspace_did_change_watched_files(changed))
    assert _codes(found) == ["CONF-CODENAME"]


async def test_a_client_that_pulls_gets_the_same_findings_in_its_own_units(
        pull: LanguageClient, workspace: Path) -> None:
    draft = workspace / "pulled.md"
    uri = draft.as_uri()
    pull.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=f"Olé 🎉 {SECRET}\n")))
    report = await asyncio.wait_for(pull.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri))), TIMEOUT)
    assert _codes(report.items) == ["PII-EMAIL"]
    # UTF-8: "Olé " is 5 bytes, the emoji 4, the space 1
    assert report.items[0].range.start.character == 10
    again = await pull.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged"
    assert uri not in pull.diagnostics  # nothing pushed to a client that pulls


async def test_an_internal_error_names_no_draft_text_and_the_server_goes_on(
        crashing: LanguageClient, workspace: Path, capfd: pytest.CaptureFixture[str]) -> None:
    broken = workspace / "broken.md"
    found = await _published(crashing, broken.as_uri(), 1,
                             _open(crashing, broken, f"{CRASH_MARKER}: mail {SECRET}\n"))
    assert found == []
    [message] = crashing.messages
    assert message.type == types.MessageType.Error
    assert "internal error KeyError at " in message.message and "broken.md" in message.message
    assert SECRET not in message.message and CRASH_MARKER not in message.message
    fine = workspace / "fine.md"
    found = await _published(crashing, fine.as_uri(), 1, _open(crashing, fine, f"Mail {SECRET}.\n"))
    assert _codes(found) == ["PII-EMAIL"]
    await asyncio.sleep(0.5)  # what the server wrote on stderr (its log) has been forwarded here
    logged = capfd.readouterr()
    assert SECRET not in logged.err + logged.out and CRASH_MARKER not in logged.err + logged.out


async def test_a_broken_config_is_told_with_its_place_and_other_folders_still_work(
        push: LanguageClient, workspace: Path) -> None:
    broken = workspace / "broken-config"
    broken.mkdir()
    (broken / "postlint.yaml").write_text("company:\n  nmae: Acme\n", encoding="utf-8")
    draft = broken / "post.md"
    assert await _published(push, draft.as_uri(), 1, _open(push, draft, f"Mail {SECRET}\n")) == []
    told = [m.message for m in push.messages if "postlint.yaml:2:3" in m.message]
    assert told and "nmae" in told[0] and SECRET not in told[0]
    fine = workspace / "elsewhere.md"
    assert _codes(await _published(push, fine.as_uri(), 1, _open(push, fine, f"Mail {SECRET}\n"))) == ["PII-EMAIL"]
    push.messages.clear()


async def test_a_client_that_pulls_is_asked_to_pull_again_when_a_config_changes(
        pull: LanguageClient, workspace: Path) -> None:
    shop = workspace / "shop"
    shop.mkdir()
    config = shop / "postlint.yaml"
    config.write_text("company:\n  name: Acme Robotics\n", encoding="utf-8")
    uri = (shop / "teaser.md").as_uri()
    pull.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="Kestrel ships in spring.\n")))
    asked = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    before = await asyncio.wait_for(pull.text_document_diagnostic_async(asked), TIMEOUT)
    assert list(before.items) == []
    config.write_text("company:\n  name: Acme Robotics\n  codenames: [Kestrel]\n", encoding="utf-8")
    refreshes = pull.diagnostic_refresh_count
    pull.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    for _ in range(600):
        if pull.diagnostic_refresh_count > refreshes:
            break
        await asyncio.sleep(0.1)
    assert pull.diagnostic_refresh_count > refreshes
    after = await asyncio.wait_for(pull.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=before.result_id)), TIMEOUT)
    assert _codes(after.items) == ["CONF-CODENAME"]


async def test_a_post_the_config_excludes_is_left_alone_as_check_leaves_it(
        push: LanguageClient, workspace: Path) -> None:
    site = workspace / "site"
    (site / "vendor").mkdir(parents=True)
    (site / "postlint.yaml").write_text("exclude: [vendor/]\n", encoding="utf-8")
    vendored, own = site / "vendor" / "theme.md", site / "about.md"
    assert await _published(push, vendored.as_uri(), 1, _open(push, vendored, f"Mail {SECRET}\n")) == []
    assert any("theme.md is excluded by postlint.yaml" in m.message for m in push.messages)
    assert _codes(await _published(push, own.as_uri(), 1, _open(push, own, f"Mail {SECRET}\n"))) == ["PII-EMAIL"]


# --- hostile drafts (issue 30): read as `check` reads them, no internal error, nothing read outside --

@pytest.mark.parametrize(("name", "leaking", "fine"), [
    ("rtl.md", "\u202e" * 5000 + f"Mail {SECRET}\n", "\u202e" * 5000 + "Mail the team\n"),
    ("nested.html", "<div>" * 20000 + "Mail jane.doe<b>@</b>gmail.com" + "</div>" * 20000,
     "<div>" * 20000 + "Mail the team" + "</div>" * 20000),
    ("digits.md", "Order " + "9" * 5000 + " from jane.doe**@**gmail.com\n", "Order " + "9" * 5000 + " from the shop\n"),
    ("spelled.md", "Escribid a jane (arroba) gmail (punto) com para más detalles.\n",
     "Nos vemos en la oficina, punto y aparte.\n"),
])
async def test_hostile_drafts_get_the_findings_check_gives(push: LanguageClient, workspace: Path, name: str,
                                                           leaking: str, fine: str) -> None:
    folder = workspace / "hostile"
    folder.mkdir(exist_ok=True)
    push.messages.clear()
    for stem, text, codes in (("leaking", leaking, ["PII-EMAIL"]), ("fine", fine, [])):
        draft = folder / f"{stem}-{name}"
        language = "html" if name.endswith(".html") else "markdown"
        assert _codes(await _published(push, draft.as_uri(), 1, _open(push, draft, text, language))) == codes
    assert not [m.message for m in push.messages if "internal error" in m.message]


async def test_a_draft_over_max_bytes_and_a_config_linked_out_are_not_read(
        push: LanguageClient, workspace: Path, tmp_path: Path) -> None:
    small = workspace / "small"
    small.mkdir()
    (small / "postlint.yaml").write_text("max_bytes: 1000\n", encoding="utf-8")
    draft = small / "long.md"
    assert await _published(push, draft.as_uri(), 1, _open(push, draft, "word " * 300 + SECRET)) == []
    assert any("long.md is larger than max_bytes (1,000 bytes); not checked" in m.message for m in push.messages)
    outside = tmp_path / "postlint.yaml"  # not in the workspace, nor in any repository holding it
    outside.write_text("company:\n  name: Someone Else\n", encoding="utf-8")
    linked = workspace / "linked"
    linked.mkdir()
    (linked / "postlint.yaml").symlink_to(outside)
    draft = linked / "post.md"
    assert await _published(push, draft.as_uri(), 1, _open(push, draft, f"Mail {SECRET}\n")) == []
    told = [m.message for m in push.messages if "E115" in m.message]
    assert told and "symbolic link" in told[0] and SECRET not in told[0]
    elsewhere = tmp_path / "draft.md"  # outside the workspace: under the config found from it, as check does
    assert _codes(await _published(push, elsewhere.as_uri(), 1, _open(push, elsewhere, f"Mail {SECRET}\n"))) == \
        ["PII-EMAIL"]
    push.messages.clear()
