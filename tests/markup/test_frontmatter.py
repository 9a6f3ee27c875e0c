"""Front matter (linter/markup/frontmatter.py): which fields are post text, at their true offsets."""

from __future__ import annotations

from markup_helpers import md, source_of, zone_texts

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


def test_a_lone_carriage_return_ends_a_front_matter_line_as_it_does_everywhere() -> None:
    source = "---\rtitle: Old Mac post\rdate: 2001-01-01\r---\r\rBody text.\r"
    extracted = md(source)
    assert zone_texts(extracted, "front_matter") == ["Old Mac post"]
    assert source_of(source, extracted, "Old Mac post") == "Old Mac post"
