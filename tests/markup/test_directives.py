"""Suppression directives in comments (linter/markup/base.py), found by every reader."""

from __future__ import annotations

from linter.markup import markup_for, read_markup

from markup_helpers import assert_maps_back, md, zone_texts


def test_markdown_directives_with_targets_and_reasons() -> None:
    source = ("<!-- postlint-disable PII-EMAIL,PII-PHONE -- sample data in a tutorial -->\n\n"
              "Mail jane@example.com.\n\n<!-- postlint-enable PII-EMAIL, PII-PHONE -->\n\n"
              "Text <!-- postlint-disable-next-line profanity -- a quoted song title --> inline.\n\n"
              "<!-- postlint-disable confidential -->\n\n<!-- just a comment -->\n")
    extracted = md(source)
    assert [(d.action, d.targets, d.reason) for d in extracted.directives] == [
        ("disable", ("PII-EMAIL", "PII-PHONE"), "sample data in a tutorial"),
        ("enable", ("PII-EMAIL", "PII-PHONE"), ""),
        ("disable-next-line", ("profanity",), "a quoted song title"),
        ("disable", ("confidential",), ""),
    ]
    for directive in extracted.directives:
        assert source[directive.start:directive.start + 4] == "<!--"
        assert source[directive.end - 3:directive.end] == "-->"
    assert "postlint" not in extracted.text  # directives are not text
    assert zone_texts(extracted, "comment") == [" just a comment "]  # a comment ships in the page


def test_a_directive_shown_in_a_code_block_is_not_a_directive() -> None:
    source = "How to silence a rule:\n\n```markdown\n<!-- postlint-disable PROF-WORD -- quoting -->\n```\n"
    extracted = md(source)
    assert extracted.directives == []
    assert zone_texts(extracted, "code") == ["<!-- postlint-disable PROF-WORD -- quoting -->"]


def test_mdx_comments_imports_and_jsx() -> None:
    source = ("---\ntitle: Shipping MDX\n---\nimport { Callout } from '../components/callout'\n"
              "export const meta = { hidden: true }\n\n{/* postlint-disable-next-line CONF-CODENAME -- launched */}\n"
              "Falcon is out {/* an aside */} today.\n\n<Callout type=\"warning\">\nMind the gap.\n</Callout>\n")
    extracted = read_markup(source, markup_for("post.mdx"))
    assert_maps_back(source, extracted)
    assert extracted.text == "Shipping MDX\n\nFalcon is out  today.\n\nMind the gap."
    (directive,) = extracted.directives
    assert (directive.action, directive.targets, directive.reason) == (
        "disable-next-line", ("CONF-CODENAME",), "launched")
    assert source[directive.start:directive.end].startswith("{/*")
    assert source[directive.start:directive.end].endswith("*/}")


def test_plain_text_and_rst_directives() -> None:
    source = ("Hello.\n.. postlint-disable-next-line PII-EMAIL -- test address\njane@example.com\n"
              "# postlint-enable PII-EMAIL\nYou can write postlint-disable in docs without effect.\n")
    extracted = read_markup(source, "text")
    assert extracted.text == source
    assert [(d.action, d.targets, d.reason) for d in extracted.directives] == [
        ("disable-next-line", ("PII-EMAIL",), "test address"), ("enable", ("PII-EMAIL",), "")]
    first = extracted.directives[0]
    assert source[first.start:first.end] == ".. postlint-disable-next-line PII-EMAIL -- test address"
