"""Front matter (linter/markup/frontmatter.py): every string value, at its true offset."""

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


def test_yaml_front_matter_reads_every_string_value_and_no_key() -> None:
    extracted = md(YAML_POST)
    fields = zone_texts(extracted, "front_matter")
    assert fields == ["Launching the new dashboard",
                      "How we rebuilt the analytics dashboard\nin six weeks.",
                      "Jane Doe", "post", "engineering", "data viz", "product", "release notes"]
    for not_text in ("2026-03-01", "false", "author", "title"):  # dates, booleans and keys
        assert not_text not in extracted.text
    assert extracted.text.endswith("We shipped it.")


def test_nested_values_are_read_too() -> None:
    source = ("---\nseo:\n  description: Nightjar is here\nimage: {alt: Nightjar photo, width: 640}\n"
              "author_email: jane.doe@gmail.com\nslug: nightjar-launch\nlinks: [{label: Docs}]\n---\nBody.\n")
    extracted = md(source)
    assert zone_texts(extracted, "front_matter") == [
        "Nightjar is here", "Nightjar photo", "jane.doe@gmail.com", "nightjar-launch", "Docs"]
    assert source_of(source, extracted, "Nightjar photo") == "Nightjar photo"


def test_yaml_front_matter_values_keep_their_source_offsets() -> None:
    extracted = md(YAML_POST)
    title = extracted.text.index("Launching")
    start, _ = extracted.offsets.span(title, title + 9)
    assert YAML_POST[start:start + 9] == "Launching"
    assert YAML_POST[start - 1] == '"'  # the value as it stands, without its quotes
    assert source_of(YAML_POST, extracted, "data viz") == "data viz"
    assert source_of(YAML_POST, extracted, "release notes") == "release notes"
    assert source_of(YAML_POST, extracted, "six weeks.") == "six weeks."


def test_toml_front_matter_every_table_and_dotted_key() -> None:
    source = (
        '+++\npath = "2026/03/01/launch"\ntitle = "Announcing \\"Falcon\\" 2.0"\n'
        'authors = ["The Release Team"]\ndescription = """\nFaster builds\nfor everyone."""\n'
        'weight = 3\n\n[taxonomies]\ntags = ["release", \'tooling\']\n\n'
        '[extra]\nsummary = "an extra field"\nseo.image = {alt = "Falcon photo"}\n+++\n\nBody text.\n'
    )
    extracted = md(source)
    assert zone_texts(extracted, "front_matter") == [
        "2026/03/01/launch", 'Announcing \\"Falcon\\" 2.0', "The Release Team", "Faster builds\nfor everyone.",
        "release", "tooling", "an extra field", "Falcon photo"]
    assert source_of(source, extracted, "Falcon photo") == "Falcon photo"
    assert "weight" not in extracted.text  # keys and numbers are not text


def test_broken_front_matter_is_read_as_text_with_a_warning() -> None:
    source = "---\ntitle: [unclosed\nauthor: x\n---\n\nThe body still counts.\n"
    extracted = md(source)
    assert extracted.text == "title: [unclosed\nauthor: x\n\nThe body still counts."
    assert zone_texts(extracted, "front_matter") == ["title: [unclosed\nauthor: x"]
    (warning,) = extracted.warnings
    assert "not valid YAML" in warning and "unclosed" not in warning


def test_dashes_around_prose_are_markdown_not_front_matter() -> None:
    source = "---\n\nA paragraph between two rules.\n\n---\n"
    assert md(source).text == "A paragraph between two rules."


def test_a_lone_carriage_return_ends_a_front_matter_line_as_it_does_everywhere() -> None:
    source = "---\rtitle: Old Mac post\rdate: 2001-01-01\r---\r\rBody text.\r"
    extracted = md(source)
    assert zone_texts(extracted, "front_matter") == ["Old Mac post"]
    assert source_of(source, extracted, "Old Mac post") == "Old Mac post"
