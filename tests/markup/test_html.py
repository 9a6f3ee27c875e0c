"""HTML to plain text (linter/markup/html.py): visible text only, read like a browser reads it."""

from __future__ import annotations

import pytest

from linter.markup import Directive, read_markup

from markup_helpers import assert_maps_back, source_of, zone_texts

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


def test_html_page_keeps_visible_text_and_reads_its_source_as_code() -> None:
    extracted = read_markup(HTML_PAGE, "html")
    assert_maps_back(HTML_PAGE, extracted)
    text = extracted.text
    for hidden in ("stylesheet", "utf-8"):
        assert hidden not in text
    assert zone_texts(extracted, "metadata") == ["Not Text"]  # a meta tag's content ships in the page
    assert text.startswith("Q3 results & outlook\n\nRecord \"growth\" this quarter\n\nNot Text\n\n/style.css\n\n")
    assert "Q3\xa0results\n\n" in text
    assert "Revenue grew, says the report.\nSecond line.\n\nhttps://intranet.acme.internal/q3" in text
    assert "First\n\nSecond" in text and "Cell A\n\nCell B" in text
    assert zone_texts(extracted, "front_matter") == ["Q3 results & outlook", 'Record "growth" this quarter']
    assert zone_texts(extracted, "heading") == ["Q3\xa0results"]
    # what a browser hides but the page's source publishes (style, script) is read as code, never as prose
    assert zone_texts(extracted, "code") == ["body { font-family: sans-serif; } .secret { display: none }",
                                              'window.analyticsKey = "should-not-appear";', "deploy --token=abc123"]
    assert zone_texts(extracted, "alt") == ["Chart & table"]
    assert zone_texts(extracted, "link") == ["/style.css", "https://intranet.acme.internal/q3", "/chart.png"]
    assert source_of(HTML_PAGE, extracted, "&") == "&amp;"
    assert extracted.directives == [Directive(
        "disable", ("CLAIM-ABSOLUTE",), "audited figure",
        HTML_PAGE.index("<!-- postlint"), HTML_PAGE.index("-->") + 3)]


def test_sloppy_html_is_read_like_a_browser_would() -> None:
    source = "<head><title>T</title><p>Body without a body tag <b>bold <i>both</b> after</p></div></span>"
    extracted = read_markup(source, "html")
    assert_maps_back(source, extracted)
    assert extracted.text == "T\n\nBody without a body tag bold both after"


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
