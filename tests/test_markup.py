"""Markup to plain text: what a reader reads, zones, directives, and offsets that stay exact."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import markup
from linter.markup import Directive, Extracted, extract, markup_for, read_markup

RUST_POSTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "blog_rust_lang" / "posts"


def assert_maps_back(source: str, extracted: Extracted) -> None:
    """Every word of the text maps to a source span that spells it; where it does not as a
    whole, each character maps to itself or to the character reference it came from (or is the
    U+FFFD that CommonMark puts in place of a NUL)."""
    text, offsets = extracted.text, extracted.offsets
    for word in re.finditer(r"\S+", text):
        start, end = offsets.span(*word.span())
        if source[start:end] == word.group():
            continue
        for i in range(*word.span()):
            char_start, char_end = offsets.span(i, i + 1)
            piece, char = source[char_start:char_end], text[i]
            assert char_end > char_start, f"{char!r} at {i} has no source ({text[max(i - 30, 0):i + 30]!r})"
            assert (piece == char or unicodedata.normalize("NFC", piece) == char
                    or (piece.startswith("&") and html.unescape(piece) == char)
                    or (piece == "\0" and char == "\ufffd")), \
                f"{char!r} at {i} maps to {piece!r} ({text[max(i - 30, 0):i + 30]!r})"


def zone_texts(extracted: Extracted, kind: str) -> list[str]:
    return [extracted.text[z.start:z.end] for z in extracted.zones if z.kind == kind]


def source_of(source: str, extracted: Extracted, needle: str) -> str:
    """The source text that the first `needle` in the plain text came from."""
    index = extracted.text.index(needle)
    start, end = extracted.offsets.span(index, index + len(needle))
    return source[start:end]


def md(source: str) -> Extracted:
    extracted = read_markup(source, "markdown")
    assert_maps_back(source, extracted)
    return extracted


# --- front matter -------------------------------------------------------------------------------

YAML_POST = """\
---
title: "Launching the new dashboard"
description: >
  How we rebuilt the analytics dashboard
  in six weeks.
author: Jane Doe
date: 2026-03-01
layout: post
tags: [engineering, "data viz"]
categories:
  - product
  - release notes
draft: false
---

We shipped it.
"""


def test_yaml_front_matter_keeps_post_fields_and_drops_metadata() -> None:
    extracted = md(YAML_POST)
    fields = zone_texts(extracted, "front_matter")
    assert fields == ["Launching the new dashboard",
                      "How we rebuilt the analytics dashboard\nin six weeks.",
                      "engineering", "data viz", "product", "release notes"]
    for metadata in ("Jane Doe", "2026-03-01", "post", "false", "author", "title"):
        assert metadata not in extracted.text
    assert extracted.text.endswith("We shipped it.")


def test_yaml_front_matter_values_keep_their_source_offsets() -> None:
    extracted = md(YAML_POST)
    title = extracted.text.index("Launching")
    start, _ = extracted.offsets.span(title, title + 9)
    assert YAML_POST[start:start + 9] == "Launching"
    assert YAML_POST[start - 1] == '"'  # the value as it stands, without its quotes
    assert source_of(YAML_POST, extracted, "data viz") == "data viz"
    assert source_of(YAML_POST, extracted, "release notes") == "release notes"
    assert source_of(YAML_POST, extracted, "six weeks.") == "six weeks."


def test_toml_front_matter_with_zola_taxonomies() -> None:
    source = (
        '+++\npath = "2026/03/01/launch"\ntitle = "Announcing \\"Falcon\\" 2.0"\n'
        'authors = ["The Release Team"]\ndescription = """\nFaster builds\nfor everyone."""\n'
        'aliases = ["2026/03/01/launch.html"]\n\n[taxonomies]\ntags = ["release", \'tooling\']\n\n'
        '[extra]\nsummary = "an extra field, not post text"\n+++\n\nBody text.\n'
    )
    extracted = md(source)
    assert zone_texts(extracted, "front_matter") == [
        'Announcing "Falcon" 2.0', "Faster builds\nfor everyone.", "release", "tooling"]
    assert source_of(source, extracted, "Falcon") == "Falcon"
    for metadata in ("2026/03/01", "Release Team", "extra field"):
        assert metadata not in extracted.text


def test_broken_front_matter_is_skipped_without_crashing() -> None:
    source = "---\ntitle: [unclosed\nauthor: x\n---\n\nThe body still counts.\n"
    extracted = md(source)
    assert extracted.text == "The body still counts."


def test_dashes_around_prose_are_markdown_not_front_matter() -> None:
    source = "---\n\nA paragraph between two rules.\n\n---\n"
    assert md(source).text == "A paragraph between two rules."


# --- Markdown body ------------------------------------------------------------------------------


def test_headings_drop_their_markers_and_get_a_zone() -> None:
    source = "# Release notes #\n\nIntro.\n\nSetext heading\n--------------\n\n### Small *print*\n"
    extracted = md(source)
    assert extracted.text == "Release notes\n\nIntro.\n\nSetext heading\n\nSmall print"
    assert zone_texts(extracted, "heading") == ["Release notes", "Setext heading", "Small print"]


def test_emphasis_and_strikethrough_markers_are_dropped() -> None:
    source = "This is **really** _very_ ***good*** and ~~bad~~ news.\n"
    extracted = md(source)
    assert extracted.text == "This is really very good and bad news."
    assert source_of(source, extracted, "really") == "really"


def test_inline_link_text_stays_in_the_sentence_and_url_goes_to_a_link_zone() -> None:
    source = 'Read [our launch post](https://corp.acme.internal/posts/1 "Launch") today.\n'
    extracted = md(source)
    assert extracted.text.startswith("Read our launch post today.")
    assert zone_texts(extracted, "link") == ["https://corp.acme.internal/posts/1"]
    assert source_of(source, extracted, "https://corp.acme.internal/posts/1") == "https://corp.acme.internal/posts/1"
    assert "Launch\"" not in extracted.text


def test_reference_links_and_their_definitions() -> None:
    source = ("Error messages are, um, [not great] and [async fn][aft] is [coming][].\n\n"
              "[not great]: https://github.com/rust-lang/rust/issues/64130\n"
              "[aft]: <https://github.com/dtolnay/async-trait> 'title'\n"
              "[coming]: https://example.com/roadmap\n")
    extracted = md(source)
    assert extracted.text.startswith("Error messages are, um, not great and async fn is coming.")
    assert zone_texts(extracted, "link") == [
        "https://github.com/rust-lang/rust/issues/64130", "https://github.com/dtolnay/async-trait",
        "https://example.com/roadmap"]
    assert "[aft]" not in extracted.text


def test_autolinks_are_link_zones_in_place() -> None:
    source = "Write to <mailto:press@acme.example> or see <https://acme.example/press>.\n"
    extracted = md(source)
    assert extracted.text == "Write to mailto:press@acme.example or see https://acme.example/press."
    assert zone_texts(extracted, "link") == ["mailto:press@acme.example", "https://acme.example/press"]


def test_images_give_alt_text_and_a_link_zone_for_the_source() -> None:
    source = "Our team: ![Jane *and* Omar at the offsite](/img/offsite.jpg \"photo\") in May.\n"
    extracted = md(source)
    assert extracted.text.startswith("Our team: Jane and Omar at the offsite in May.")
    assert zone_texts(extracted, "alt") == ["Jane and Omar at the offsite"]
    assert zone_texts(extracted, "link") == ["/img/offsite.jpg"]


def test_linked_image() -> None:
    source = "[![CI status](https://ci.example/badge.svg)](https://ci.example/job)\n"
    extracted = md(source)
    assert zone_texts(extracted, "alt") == ["CI status"]
    assert zone_texts(extracted, "link") == ["https://ci.example/badge.svg", "https://ci.example/job"]


def test_code_is_in_the_text_but_zoned() -> None:
    source = ("Set `API_KEY=sk_live_123` first:\n\n```bash\nexport TOKEN=abc123\ncurl https://x\n```\n\n"
              "    indented code\n    block\n\nDone.\n")
    extracted = md(source)
    assert zone_texts(extracted, "code") == [
        "API_KEY=sk_live_123", "export TOKEN=abc123\ncurl https://x", "indented code\nblock"]
    assert "bash" not in extracted.text  # the info string is not text
    assert "`" not in extracted.text
    assert source_of(source, extracted, "TOKEN=abc123") == "TOKEN=abc123"


def test_code_span_with_double_backticks_and_padding() -> None:
    source = "Use `` `x` `` or ``a`b`` here.\n"
    extracted = md(source)
    assert zone_texts(extracted, "code") == ["`x`", "a`b"]


def test_code_inside_lists_and_blockquotes() -> None:
    source = "- step one:\n\n  ```\n  make build\n  ```\n\n> ```\n> quoted code\n> ```\n"
    extracted = md(source)
    assert zone_texts(extracted, "code") == ["make build", "quoted code"]


def test_entities_and_escapes_become_characters_mapped_to_their_source() -> None:
    source = "AT&amp;T&#39;s \\*not\\* emphasis &copy; 2026 &nosuch; fish &amp chips\n"
    extracted = md(source)
    assert extracted.text == "AT&T's *not* emphasis © 2026 &nosuch; fish &amp chips"
    assert source_of(source, extracted, "&") == "&amp;"
    assert source_of(source, extracted, "'") == "&#39;"
    assert source_of(source, extracted, "*not*") == "*not\\*"


def test_soft_and_hard_line_breaks_keep_a_source_newline() -> None:
    source = "First line\nsecond line  \nthird line\\\nfourth\n"
    extracted = md(source)
    assert extracted.text == "First line\nsecond line\nthird line\nfourth"
    newline = extracted.text.index("\n")
    assert extracted.offsets.span(newline, newline + 1) == (10, 11)


def test_blocks_are_separated_by_blank_lines() -> None:
    source = ("Intro paragraph.\n\n- first item\n- second *item*\n  continued\n\n"
              "> A quote\n> > nested quote\n\n| Name | Role |\n|------|------|\n| Jane | CEO  |\n\n"
              "1. one\n2. two\n\n---\n\nEnd.\n")
    extracted = md(source)
    assert extracted.text == ("Intro paragraph.\n\nfirst item\n\nsecond item\ncontinued\n\nA quote\n\n"
                              "nested quote\n\nName\n\nRole\n\nJane\n\nCEO\n\none\n\ntwo\n\nEnd.")


def test_raw_html_in_markdown_is_stripped_but_its_text_kept() -> None:
    source = ('<div align="center">\n  <b>Bold</b> &amp; <a href="https://x.example/">centred</a>\n</div>\n\n'
              'Inline <span class="x">span</span>, <code>raw code</code>,<br>next and '
              '<img src="/a.png" alt="a chart"> done.\n\n<script>\nvar hidden = "not text";\n</script>\n')
    extracted = md(source)
    assert "Bold & centred" in extracted.text
    assert "Inline span, raw code," in extracted.text
    assert "not text" not in extracted.text and "<" not in extracted.text
    assert zone_texts(extracted, "code") == ["raw code"]
    assert zone_texts(extracted, "alt") == ["a chart"]
    assert zone_texts(extracted, "link") == ["https://x.example/", "/a.png"]


def test_bare_urls_in_prose_get_link_zones() -> None:
    extracted = md("See https://status.acme.example/incidents/42. Thanks!\n")
    assert zone_texts(extracted, "link") == ["https://status.acme.example/incidents/42"]


def test_nesting_deeper_than_the_parser_goes_is_still_text() -> None:
    source = "> " * 60 + "the hidden codename Nightjar\n"
    assert "Nightjar" in md(source).text


# --- HTML ---------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Q3 results &amp; outlook</title>
  <meta name="description" content="Record &quot;growth&quot; this quarter">
  <meta name="author" content="Not Text">
  <link rel="stylesheet" href="/style.css">
  <style>body { font-family: sans-serif; } .secret { display: none }</style>
  <script>window.analyticsKey = "should-not-appear";</script>
</head>
<body>
  <h1>Q3&nbsp;results</h1>
  <p>Revenue grew, says <a href="https://intranet.acme.internal/q3">the report</a>.<br>Second line.</p>
  <!-- postlint-disable CLAIM-ABSOLUTE -- audited figure -->
  <ul><li>First</li><li>Second</li></ul>
  <pre><code>deploy --token=abc123</code></pre>
  <img src="/chart.png" alt="Chart &amp; table">
  <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
</body>
</html>
"""


def test_html_page_keeps_visible_text_and_drops_script_style_head() -> None:
    extracted = read_markup(HTML_PAGE, "html")
    assert_maps_back(HTML_PAGE, extracted)
    text = extracted.text
    for hidden in ("should-not-appear", "font-family", "Not Text", "stylesheet", "utf-8"):
        assert hidden not in text
    assert text.startswith("Q3 results & outlook\n\nRecord \"growth\" this quarter\n\nQ3\xa0results\n\n")
    assert "Revenue grew, says the report.\nSecond line.\n\nhttps://intranet.acme.internal/q3" in text
    assert "First\n\nSecond" in text and "Cell A\n\nCell B" in text
    assert zone_texts(extracted, "front_matter") == ["Q3 results & outlook", 'Record "growth" this quarter']
    assert zone_texts(extracted, "heading") == ["Q3\xa0results"]
    assert zone_texts(extracted, "code") == ["deploy --token=abc123"]
    assert zone_texts(extracted, "alt") == ["Chart & table"]
    assert zone_texts(extracted, "link") == ["https://intranet.acme.internal/q3", "/chart.png"]
    assert source_of(HTML_PAGE, extracted, "&") == "&amp;"
    assert extracted.directives == [Directive(
        "disable", ("CLAIM-ABSOLUTE",), "audited figure",
        HTML_PAGE.index("<!-- postlint"), HTML_PAGE.index("-->") + 3)]


def test_sloppy_html_is_read_like_a_browser_would() -> None:
    source = "<head><title>T</title><p>Body without a body tag <b>bold <i>both</b> after</p></div></span>"
    extracted = read_markup(source, "html")
    assert_maps_back(source, extracted)
    assert extracted.text == "T\n\nBody without a body tag bold both after"


# --- directives ---------------------------------------------------------------------------------


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
    assert "postlint" not in extracted.text and "just a comment" not in extracted.text


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


# --- line endings, suffixes ---------------------------------------------------------------------


def test_crlf_line_endings() -> None:
    source = ("---\r\ntitle: Windows post\r\ntags:\r\n  - one\r\n---\r\n\r\n# Heading\r\n\r\n"
              "Line one\r\nline two `code\r\nspan`\r\n\r\n```\r\nfn main() {}\r\n\r\nlet x = 1;\r\n```\r\n")
    extracted = md(source)
    assert extracted.text == ("Windows post\n\none\n\nHeading\n\nLine one\nline two code\nspan\n\n"
                              "fn main() {}\n\nlet x = 1;")
    assert zone_texts(extracted, "code") == ["code\nspan", "fn main() {}\n\nlet x = 1;"]
    assert source_of(source, extracted, "let x = 1;") == "let x = 1;"


@pytest.mark.parametrize(("path", "markup"), [
    ("a.md", "markdown"), ("b.MARKDOWN", "markdown"), ("c.mdx", "mdx"), ("d.html", "html"),
    ("e.htm", "html"), ("f.txt", "text"), ("g.rst", "text"), ("h.yaml", "text"), (None, "text")])
def test_markup_for(path: str | None, markup: str) -> None:
    assert markup_for(path) == markup


def test_text_is_identity() -> None:
    source = "Plain *text* with <tags> &amp; all.\r\n"
    extracted = read_markup(source, "text")
    assert extracted.text == source and extracted.offsets.span(0, len(source)) == (0, len(source))


# --- the real corpus ----------------------------------------------------------------------------


@pytest.mark.skipif(not RUST_POSTS.is_dir(), reason="shared corpus not present")
def test_offsets_hold_on_every_rust_blog_post() -> None:
    posts = sorted(RUST_POSTS.glob("*.md"))
    assert len(posts) == 387
    for post in posts:
        source = post.read_text(encoding="utf-8")
        extracted = read_markup(source, "markdown")
        assert_maps_back(source, extracted)
        assert "+++" not in extracted.text[:3]
        for zone in extracted.zones:
            assert 0 <= zone.start < zone.end <= len(extracted.text)


# --- never raises -------------------------------------------------------------------------------

NASTY = {
    "unclosed fence": "```rust\nfn main() {\n" + "let x = 1;\n" * 50,
    "unclosed comment": "text <!-- postlint-disable X -- r\nmore\n",
    "deep blockquote": "> " * 2000 + "deep\n",
    "deep list": "".join("  " * i + "- item\n" for i in range(500)),
    "brackets": "[" * 20000 + "x" + "]" * 20000 + "(" * 5000,
    "emphasis": "*" * 50000 + "a" + "_" * 50000,
    "backticks": "`" * 5000 + "a" + "``" * 3000,
    "angle brackets": "<" * 20000 + "a>" * 100,
    "broken html": "<html><p><b><i></p></b><<>><!-- <!-- --> &#99999999; &#xD800; &bogus; "
                   "<a href=>x</a><![CDATA[x]]><?php ?><img alt='unterminated",
    "deep html": "<div>" * 50000 + "text" + "</span>" * 1000,
    "binaryish": "".join(chr(i) for i in range(0, 0xD800, 7)),
    "nul and controls": "a\0b *c\0* `\0` [\0](\0)\x1b[31m\x7f\n",
    "lone surrogates": "a \ud800 b [x](y) \udfff",
    "bad yaml": "---\ntitle: " + "[" * 3000 + "\n---\nbody\n",
    "yaml alias bomb": "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n"
                       "tags: [*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: t\n---\nbody\n",
    "bad toml": "+++\ntitle = \n[[[\n+++\nbody\n",
    "front matter never closed": "---\ntitle: x\n" * 100,
    "mixed line endings": "a\r\rb\r\n\n\rc *d*\r\n```\r\nx\r```\r",
    "mdx unclosed": "{/* " * 1000 + "*/" * 10,
    "table soup": "|" * 5000 + "\n" + "|-" * 2500 + "\n" + "| a " * 2500,
    "empty": "",
}


@pytest.mark.parametrize("markup", ["markdown", "mdx", "html", "text"])
@pytest.mark.parametrize("name", list(NASTY))
def test_never_raises_and_offsets_stay_valid(name: str, markup: str) -> None:
    source = NASTY[name]
    extracted = read_markup(source, markup)  # no safety net here
    assert isinstance(extracted.text, str)
    assert_maps_back(source, extracted)


def test_a_failing_reader_falls_back_to_plain_text(monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    def broken(source: str, *, mdx: bool = False) -> None:
        raise RecursionError("simulated reader bug")

    monkeypatch.setattr(markup, "extract_markdown", broken)
    extracted = extract("Still *checked*.", "markdown")
    assert extracted.text == "Still *checked*."
    assert "checking the file as plain text" in caplog.text


def test_five_megabytes_of_markdown() -> None:
    prose = ("We rebuilt the *release pipeline* this quarter, and the [notes](https://example.com/notes) "
             "explain how. " + "Builds are faster, reviews are shorter, and on-call is quieter. " * 8)
    chunk = f"## Section\n\n{prose}\nSee `make release` &amp; friends.\n\n```\nlet x = 1;\n```\n\n"
    source = chunk * (5_000_000 // len(chunk))
    extracted = read_markup(source, "markdown")
    assert extracted.text.count("release pipeline") == source.count("release pipeline")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "    ", "```", "~~~", "\n", "\r\n", "\n\n", "*", "**", "_", "`", "[", "]",
    "(", ")", "![", "](", "<", ">", "<!--", "-->", "<b>", "</b>", "<br>", "&amp;", "&#39;", "&", "\\",
    "|", "---", "+++", "title: ", "{/*", "*/}", "postlint-disable X -- y", "http://a.b/c", "word", " ",
    "\t", "é", "\0",
]), max_size=60).map("".join), st.sampled_from(["markdown", "mdx", "html", "text"]))
def test_random_markup_soup(source: str, markup: str) -> None:
    assert_maps_back(source, read_markup(source, markup))


def test_document_maps_a_word_in_the_post_back_to_its_line_and_column() -> None:
    from linter.document import Document

    source = "---\ntitle: Launch day\n---\n\nThe **Nightjar** demo.\n\n```\nexport NIGHTJAR_KEY=1\n```\n"
    document = Document.create(source, path="post.md")
    index = document.text.index("Nightjar")
    start, end = document.source_span(index, index + len("Nightjar"))
    assert source[start:end] == "Nightjar"
    assert document.position(start) == (5, 7)
    key = document.text.index("NIGHTJAR_KEY")
    assert "code" in document.zones_at(key, key + 12)
    assert "code" not in document.zones_at(index, index + 8)


@pytest.mark.parametrize("source", ["<![# ", "a <![CDATA x", "<!x", "<![if !IE]> b"])
def test_malformed_declarations_are_text_not_a_crash(source: str) -> None:
    for kind in ("html", "markdown"):
        extracted = read_markup(source + " tail words", kind)  # html.parser raised AssertionError
        assert "tail words" in extracted.text


def test_malformed_declaration_keeps_offsets() -> None:
    source = "x\n<![# y\nmail bob@gmail.com"
    extracted = read_markup(source, "html")
    start = extracted.text.index("bob@gmail.com")
    s, e = extracted.offsets.span(start, start + len("bob@gmail.com"))
    assert source[s:e] == "bob@gmail.com"
    assert source[slice(*extracted.offsets.span(extracted.text.index("<!"), extracted.text.index("<!") + 2))] == "<!"
