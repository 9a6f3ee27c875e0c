"""What the language server computes apart from the protocol: positions, quick fixes, config edits."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import AS_OF, CORPUS_CONFIG
from lsprotocol import types

from linter.config import Config, load_config
from linter.examples import company_values, examples_for
from linter.lsp.checking import checked_path
from linter.lsp.features import allow_in_config
from linter.lsp.positions import CHECKPOINT, Positions, _units
from linter.packs import load_rules
from linter.suppress import REASON_PLACEHOLDER, suppression_comment
from linter.yamlio import load_yaml_text

UTF8, UTF16, UTF32 = (types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16,
                      types.PositionEncodingKind.Utf32)


@pytest.mark.parametrize(("encoding", "column"), [(UTF16, 7), (UTF8, 11), (UTF32, 6)])
def test_columns_count_the_units_the_client_agreed_to(encoding: str, column: int) -> None:
    text = "x\r\nÉté 🎉 ok: mail"  # É and é: 1 UTF-16 unit, 2 UTF-8 bytes; 🎉: 2 units, 4 bytes
    offset = text.index("ok")
    positions = Positions(text, encoding)
    assert positions.position(offset) == types.Position(line=1, character=column)
    assert positions.offset(types.Position(line=1, character=column)) == offset


def test_lines_break_where_the_protocol_says_and_nowhere_else() -> None:
    text = "a\rb\r\nc\nd\u2028e\x0cf"  # LINE SEPARATOR and form feed are no line breaks in LSP
    positions = Positions(text)
    assert [positions.position(text.index(ch)).line for ch in "abcdef"] == [0, 1, 2, 3, 3, 3]
    assert positions.position(text.index("\r\n")) == types.Position(line=1, character=1)
    assert positions.position(text.index("\r\n") + 1) == types.Position(line=1, character=1)  # inside CRLF


def test_positions_past_the_end_and_inside_a_surrogate_pair_are_safe() -> None:
    text = "🎉x\n"
    positions = Positions(text)
    assert positions.offset(types.Position(line=0, character=1)) == 0  # half of the emoji: its start
    assert positions.offset(types.Position(line=0, character=99)) == 2
    assert positions.offset(types.Position(line=9, character=0)) == len(text)
    assert positions.position(99) == types.Position(line=1, character=0)


@pytest.mark.parametrize("encoding", [UTF16, UTF8, UTF32])
def test_columns_on_a_line_longer_than_a_checkpoint_are_exact(encoding: str) -> None:
    """Columns are counted from a checkpoint every CHECKPOINT characters (a one-line post of 1 MB
    with thousands of findings cost one whole-line count per finding): the same counts, any order."""
    line = ("Été 🎉 " * 3000)[:3 * CHECKPOINT + 5]
    text = "x\r\n" + line + "\nlast"
    positions = Positions(text, encoding)
    for column in (3 * CHECKPOINT, 0, CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, 2 * CHECKPOINT + 7, len(line)):
        offset = 3 + column
        assert positions.position(offset) == types.Position(line=1, character=_units(line[:column], encoding))
        assert positions.offset(positions.position(offset)) == offset


@pytest.mark.parametrize(("markup", "path", "written"), [
    ("markdown", "post.md", "<!-- postlint-disable-next-line PII-EMAIL -- <reason> -->"),
    ("html", "page.html", "<!-- postlint-disable-next-line PII-EMAIL -- <reason> -->"),
    ("mdx", "post.mdx", "{/* postlint-disable-next-line PII-EMAIL -- <reason> */}"),
    ("text", "notes.txt", "postlint-disable-next-line PII-EMAIL -- <reason>"),
    ("text", "guide.rst", ".. postlint-disable-next-line PII-EMAIL -- <reason>"),
])
def test_a_suppression_comment_is_written_in_the_posts_markup(markup: str, path: str, written: str,
                                                              plain_linter) -> None:
    comment = suppression_comment(["PII-EMAIL"], markup, path)
    assert comment == written
    post = f"{comment}\nMail jane.doe@gmail.com today.\n"
    assert sorted(f.code for f in plain_linter.lint(post, path=path)) == ["PII-DIRECTIVE", "PII-EMAIL"]
    reasoned = post.replace(REASON_PLACEHOLDER, "a made-up address for the tutorial")
    assert plain_linter.lint(reasoned, path=path) == []


def test_every_replacement_clears_its_rules_bad_examples(linter) -> None:
    rules = [r for r in load_rules(Config()) if r.replacement]
    assert {r.code for r in rules} >= {"CONF-INTERNAL-IP", "CONF-TOKEN", "PII-IP"}
    sample = company_values(load_config(CORPUS_CONFIG), dt.date.fromisoformat(AS_OF))  # the linter's company
    for rule in rules:
        for lang in rule.languages:
            replacement = rule.in_language(lang).replacement
            for bad in examples_for(rule.text(lang), sample).bad:
                found = [f for f in linter.lint(bad, lang=lang, as_of=AS_OF) if f.code == rule.code]
                assert found, (rule.code, bad)
                fixed = bad
                for finding in sorted(found, key=lambda f: -f.start):
                    fixed = fixed[:finding.start] + replacement + fixed[finding.end:]
                assert not [f.code for f in linter.lint(fixed, lang=lang, as_of=AS_OF) if f.code == rule.code], fixed


def _added(text: str, name: str, value: str) -> list[str]:
    insert = allow_in_config(text, name, value)
    assert insert is not None
    changed = text[:insert[0]] + insert[1] + text[insert[0]:]
    return [str(v) for v in load_yaml_text(changed, "config")["company"][name]]


@pytest.mark.parametrize("text", [
    "company:\n  public_numbers:\n    - '+1 800 555 0100'\n",
    "company:\n  public_numbers:\n  - '+1 800 555 0100'\n",
    "company:\n  public_numbers: ['+1 800 555 0100']\n",
    "company:\r\n  name: Acme\r\n  public_numbers: [ '+1 800 555 0100' ]\r\n",
])
def test_a_value_joins_the_list_however_the_list_is_written(text: str) -> None:
    assert sorted(_added(text, "public_numbers", "+44 20 7946 0000")) == ["+1 800 555 0100", "+44 20 7946 0000"]


def test_a_missing_list_or_company_is_added() -> None:
    assert _added("company:\n  name: Acme\n", "spokespeople", "Ana Ruiz") == ["Ana Ruiz"]
    assert _added("packs: [pii]", "spokespeople", "Ana Ruiz") == ["Ana Ruiz"]
    assert _added("", "public_numbers", "555 0100") == ["555 0100"]
    assert _added("company:\n  public_numbers: []\n", "public_numbers", 'say "hi" \\ 555') == ['say "hi" \\ 555']


@pytest.mark.parametrize("text", ["company: {name: Acme}\n", "company: [\n", "company: Acme\n"])
def test_a_config_it_cannot_edit_safely_gets_no_edit(text: str) -> None:
    assert allow_in_config(text, "public_numbers", "555 0100") is None


def test_a_document_is_checked_as_its_file_or_as_its_language(tmp_path) -> None:
    assert checked_path(str(tmp_path / "a.md"), "markdown", None) == str(tmp_path / "a.md")
    assert checked_path(str(tmp_path / "README"), "markdown", None) == str(tmp_path / "README.md")
    assert checked_path(None, "mdx", tmp_path) == str(tmp_path / "untitled.mdx")
    assert checked_path(str(tmp_path / "x.py"), "python", None) is None


_PACK = """
- code: CONF-SECRET-WORD
  category: confidential
  severity: error
  kind: terms
  terms: [bluebird, azulejo]
  message: "'{{match}}' is secret."
  why: It is secret.
  replacement: {replacement}
  es:
    replacement: el nuevo producto
"""


def test_a_pack_gives_a_replacement_in_each_language(pack_linter) -> None:
    linter = pack_linter(_PACK.format(replacement="the new product"))
    rule = next(r for r in linter.rules if r.code == "CONF-SECRET-WORD")
    assert rule.in_language("en").replacement == "the new product"
    assert rule.in_language("es").replacement == "el nuevo producto"
    assert rule.text("es").replacement == "el nuevo producto"


def test_a_replacement_must_be_text(pack_linter) -> None:
    from linter.errors import ConfigError

    with pytest.raises(ConfigError, match="replacement"):
        pack_linter(_PACK.format(replacement="[one, two]"))


def test_explain_names_the_quick_fix_where_a_rule_has_one(run) -> None:
    code, out, _ = run("explain", "CONF-INTERNAL-IP")
    assert code == 0 and "write 192.0.2.10 in its place" in out
    code, out, _ = run("explain", "PII-EMAIL")
    assert code == 0 and "Quick fix" not in out


def test_hover_text_is_markdown_or_plain_as_the_client_reads(plain_linter) -> None:
    from linter.lsp.features import hover

    findings = plain_linter.lint("Our box at 10.2.3.4 *is* up.", path="post.md")
    rules = {r.code: r for r in plain_linter.rules}
    shown = hover(findings, rules, "https://docs.example/{code}")
    assert shown.startswith("**CONF-INTERNAL-IP** (error, confidential)")
    assert "[CONF-INTERNAL-IP documentation](https://docs.example/CONF-INTERNAL-IP)" in shown
    plain = hover(findings, rules, "https://docs.example/{code}", markdown=False)
    assert plain.startswith("CONF-INTERNAL-IP (error, confidential)") and "**" not in plain
    assert "write 192.0.2.10 in its place" in plain and "Documentation: https://docs.example/CONF-INTERNAL-IP" in plain
