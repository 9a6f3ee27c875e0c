"""Markdown to plain text (linter/markup/markdown.py): what a reader reads, zones, exact offsets."""

from __future__ import annotations

from markup_helpers import md, source_of, zone_texts


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
    assert "<" not in extracted.text
    # a script's text, an element's class: published in the page's source, read as code, never as prose
    assert zone_texts(extracted, "code") == ["raw code", "x", 'var hidden = "not text";']
    assert zone_texts(extracted, "alt") == ["a chart"]
    assert zone_texts(extracted, "link") == ["https://x.example/", "/a.png"]


def test_bare_urls_in_prose_get_link_zones() -> None:
    extracted = md("See https://status.acme.example/incidents/42. Thanks!\n")
    assert zone_texts(extracted, "link") == ["https://status.acme.example/incidents/42"]


def test_nesting_deeper_than_the_parser_goes_is_still_text() -> None:
    source = "> " * 60 + "the hidden codename Nightjar\n"
    assert "Nightjar" in md(source).text
