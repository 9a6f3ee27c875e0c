"""Choosing and running a reader (linter/markup/__init__.py): suffixes, line endings, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import markup
from linter.markup import extract, markup_for, read_markup

from conftest import CORPORA, NEEDS_CORPORA
from markup_helpers import assert_maps_back, md, source_of, zone_texts

RUST_POSTS = CORPORA / "blog_rust_lang" / "posts"


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


@pytest.mark.slow
@pytest.mark.skipif(not RUST_POSTS.is_dir(), reason=NEEDS_CORPORA)
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


@pytest.mark.slow
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
