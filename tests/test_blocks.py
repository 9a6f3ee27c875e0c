"""Block boundaries from the markup: no pattern, window or cue reaches from one block into the next."""

from __future__ import annotations

import regex

from linter.document import Document

AS_OF = "2026-11-25"


def test_blocks_of_markdown_are_paragraphs_items_headings_and_cells():
    source = "Intro line one\nline two\n\n- item one\n- item two\n\n## Heading\n\n| a | b |\n|---|---|\n| c | d |\n"
    doc = Document.create(source, path="post.md")
    pieces = sorted({doc.text[slice(*doc.block(i))] for i, ch in enumerate(doc.text) if not ch.isspace()})
    assert pieces == ["Heading", "Intro line one\nline two", "a", "b", "c", "d", "item one", "item two"]
    assert doc.same_block(0, doc.text.index("two"))
    assert not doc.same_block(0, doc.text.index("item"))


def test_block_matches_never_cross_a_boundary_but_find_what_is_inside():
    doc = Document.create("Step 11\n\n### The Repo\n\nRise at 12 Main Street today.", path="post.md")
    rx = regex.compile(r"\d+\s+(?:[A-Z][a-z]+\.?\s+){1,3}(?:Street|Rise)")
    assert [m.group() for m in rx.finditer(doc.text)][0].startswith("11\n\n")
    assert [m.group() for m in doc.block_matches(rx, timeout=1)] == ["12 Main Street"]


def test_address_pattern_stays_in_its_block(plain_linter):
    post = "1. Clone the repository (step 11)\n\n### The Repo\n\n![Rise of the robots](rise.png)\n"
    assert [f for f in plain_linter.lint(post, path="post.md", as_of=AS_OF) if f.code == "PII-ADDRESS"] == []
    found = plain_linter.lint("The customer lives at 1600 Maple Avenue, Apt 4B.", path="post.md", as_of=AS_OF)
    assert [f.code for f in found] == ["PII-ADDRESS"]


def test_a_name_and_a_cue_in_different_changelog_lines_are_not_tied(plain_linter):
    post = ("## Changes\n\n- Faster startup on Windows, thanks to Priya Natarajan\n"
            "- The ICU data is now loaded lazily\n")
    assert [f for f in plain_linter.lint(post, path="CHANGELOG.md", as_of=AS_OF) if f.code == "PII-PERSON"] == []
    post = "Get well soon to Priya Natarajan, who is in the ICU after the accident.\n"
    assert [f.match for f in plain_linter.lint(post, path="post.md", as_of=AS_OF)] == ["Priya Natarajan"]


def test_a_pronoun_in_the_next_paragraph_does_not_carry_a_name(plain_linter):
    joined = "Please keep Sarah Miller in your thoughts. She starts chemo on Monday."
    apart = "Please welcome Sarah Miller to the team.\n\nShe starts chemo on Monday, says the post we quote."
    assert [f.match for f in plain_linter.lint(joined, as_of=AS_OF)] == ["Sarah Miller"]
    assert [f for f in plain_linter.lint(apart, path="post.md", as_of=AS_OF) if f.code == "PII-PERSON"] == []


def test_near_window_stops_at_the_block(plain_linter):
    same = "Heard there will be layoffs in the sales team next month."
    apart = "## Layoffs at Initech in 2009: what we learned\n\nNext month we will publish the video."
    assert [f.code for f in plain_linter.lint(same, as_of=AS_OF)] == ["CONF-REORG"]
    assert [f for f in plain_linter.lint(apart, path="post.md", as_of=AS_OF) if f.code == "CONF-REORG"] == []


def test_phone_cue_in_another_block_does_not_count(plain_linter):
    post = "Call us any time.\n\n4155550147 requests were served last week.\n"
    assert [f for f in plain_linter.lint(post, path="post.md", as_of=AS_OF) if f.code == "PII-PHONE"] == []
    assert [f.code for f in plain_linter.lint("Call me on 4155550147 tonight.", as_of=AS_OF)] == ["PII-PHONE"]


def test_phone_cues_inside_code_are_identifiers(plain_linter):
    post = "```\nnumber[bb.Name] = unvisited\n409600 409600  288:  nonBackPreds[i] = make(map[int]bool)\n```\n"
    assert [f for f in plain_linter.lint(post, path="post.md", as_of=AS_OF) if f.code == "PII-PHONE"] == []
    # a number written like one in a code sample, with no evidence that it is anyone's, is example data
    post = "```\ncontact = \"+44 20 7123 4567\"\n```\n"
    assert [f.code for f in plain_linter.lint(post, path="post.md", as_of=AS_OF)] == []
    assert [f.code for f in plain_linter.lint("Contact: +44 20 7123 4567", path="post.md", as_of=AS_OF)] == ["PII-PHONE"]
