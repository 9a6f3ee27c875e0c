"""A rule is one concept in every language: per-language text and options, one code."""

from __future__ import annotations

import textwrap

import pytest

from linter import Linter
from linter.errors import ConfigError
from linter.packs import load_pack

PACK = """\
rules:
  - code: CONF-ACME-SECRET
    category: confidential
    severity: error
    kind: terms
    terms: [top secret]
    message: "'{match}' is secret."
    why: Because it is.
    suggestion: Leave it out.
    examples: {bad: ["This is top secret"], good: ["Nothing here"]}
    es:
      message: "'{match}' es secreto."
      why: Porque lo es.
      terms: [alto secreto]
      examples: {bad: ["Esto es alto secreto"], good: ["Nada por aquí"]}
"""


def write(tmp_path, text):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path):
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    return [str(p) for p in info.value.problems]


def test_text_in_a_language_falls_back_field_by_field(tmp_path):
    (rule,) = load_pack(write(tmp_path, PACK))
    es = rule.text("es")
    assert (es.lang, es.message, es.why) == ("es", "'{match}' es secreto.", "Porque lo es.")
    assert es.suggestion == "Leave it out."  # not translated: the rule's own
    assert es.examples_bad == ("Esto es alto secreto",)
    own = rule.text("en")
    assert own.lang is None and own.message == "'{match}' is secret." and own.examples_bad == ("This is top secret",)
    assert rule.translated("es") and not rule.translated("en")


def test_in_language_carries_that_languages_options(tmp_path):
    (rule,) = load_pack(write(tmp_path, PACK))
    es = rule.in_language("es")
    assert es.options["terms"] == ["alto secreto"] and es.lang == "es" and es.code == rule.code
    assert rule.in_language("en").options["terms"] == ["top secret"]
    assert rule.in_language("es") is es  # made once


def test_a_spanish_post_gets_the_spanish_terms_and_message(tmp_path):
    linter = Linter({"packs": [str(write(tmp_path, PACK))]})
    (es,) = linter.lint("Esto es alto secreto, top secret.", lang="es")
    assert es.match == "alto secreto" and es.message == "'alto secreto' es secreto." and es.why == "Porque lo es."
    (en,) = linter.lint("Esto es alto secreto, top secret.", lang="en")
    assert en.match == "top secret" and en.message == "'top secret' is secret."


def test_a_block_for_a_language_the_rule_skips_is_an_error(tmp_path):
    messages = problems_of(write(tmp_path, PACK.replace("    es:\n", "    lang: [en]\n    es:\n")))
    assert any("E104 a 'es' block in a rule that does not apply to 'es'" in m for m in messages)


def test_unknown_keys_and_bad_options_in_a_block_cite_their_line(tmp_path):
    text = PACK.replace("      why: Porque lo es.\n", "      wy: Porque lo es.\n      lemma: maybe\n")
    messages = problems_of(write(tmp_path, text))
    assert any(":13:7: E101 unknown key 'wy' in 'es' block (did you mean 'why'?)" in m for m in messages)
    assert any(":14:" in m and "E102 expected true or false" in m for m in messages)


def test_a_bad_pattern_in_a_block_is_reported_at_load(tmp_path):
    text = """\
    rules:
      - code: PII-ACME-ID
        category: pii
        severity: error
        kind: pattern
        pattern: 'ID-\\d+'
        message: m
        why: w
        es:
          pattern: '(sin cerrar'
    """
    messages = problems_of(write(tmp_path, text))
    assert any(":10:" in m and "E105 invalid regular expression" in m for m in messages)


def test_a_block_placeholder_must_exist(tmp_path):
    messages = problems_of(write(tmp_path, PACK.replace("es secreto.", "es {secreto}.")))
    assert any("E104 es.message uses the unknown placeholder '{secreto}'" in m for m in messages)
