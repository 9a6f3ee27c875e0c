"""Rule examples as templates filled from a company's config (linter/examples.py)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from linter.config import load_config
from linter.errors import ConfigError
from linter.examples import PLACEHOLDERS, company_values, examples_for, fill, template_problems
from linter.packs import load_pack
from linter.rule import RuleText

from conftest import CORPUS_CONFIG

TODAY = dt.date(2026, 11, 25)


def config(tmp_path, yaml_text: str):
    path = tmp_path / "postlint.yaml"
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return load_config(path)


def test_the_sample_company_fills_every_placeholder():
    values = company_values(load_config(CORPUS_CONFIG), TODAY)
    assert set(values) == set(PLACEHOLDERS)
    # the codename that never expires comes first; the launched one is Kestrel (2026-06-01), not
    # Falcon (2027-03-01), which is still a secret on this day
    assert values["codename"] == ("Project Nightjar", "Nightjar")
    assert values["launched_codename"] == ("Kestrel",)
    assert values["customer"][0] == "Globex" and values["reference_customer"] == ("Initech",)


def test_forms_disguise_a_value_as_people_do():
    values = {"codename": ("Project Nightjar", "Nightjar")}
    assert fill("#{codename:hashtag}!", values) == "#ProjectNightjar!"
    assert fill("Peek at {codename:spaced}.", values) == "Peek at N i g h t j a r."
    assert fill("{codename} ships", values) == "Project Nightjar ships"
    assert fill("Spelt {codename:spaced}", {"codename": ("Blue Heron",)}) == "Spelt B l u e H e r o n"


def test_a_missing_value_leaves_the_example_out_and_names_the_config_key():
    text = RuleText(None, "s", "m", "w", "", examples_bad=("{codename} ships soon", "A plain one"),
                    examples_good=("{reference_customer} says hi", "Also plain"),
                    tests_bad=("Falcon ships",), tests_good=("near miss",))
    shown = examples_for(text, {})
    assert shown.bad == ("A plain one",) and shown.good == ("Also plain",)
    assert shown.missing == ("codename", "reference_customer")
    everything = examples_for(text, {}, tests=True)
    assert everything.bad == ("A plain one", "Falcon ships") and everything.good == ("Also plain", "near miss")


def test_other_braces_are_text():
    assert fill('Send {"password": "x"} to {{ name }}', {}) == 'Send {"password": "x"} to {{ name }}'
    assert template_problems('{"a": 1}') == []


def test_a_launched_codename_is_no_secret_and_dates_choose_the_longest_kept(tmp_path):
    values = company_values(config(tmp_path, """\
        company:
          codenames:
            - {name: Soon, public_on: 2027-01-01}
            - {name: Later, public_on: 2030-01-01}
            - {name: Out, public_on: 2020-01-01}
            - {name: Older, public_on: 2019-01-01}
        """), TODAY)
    assert values["codename"] == ("Later",) and values["launched_codename"] == ("Older",)


def test_nothing_configured_gives_no_values(tmp_path):
    assert company_values(config(tmp_path, "packs: [claims]\n"), TODAY) == {}


PACK = """\
rules:
  - code: CONF-ACME-TERMS
    category: confidential
    severity: error
    kind: terms
    terms: [Roadrunner]
    message: "'{match}' is secret."
    why: Because.
    examples:
      bad: ["{codenme} ships"]
      good: ["Fine {codename:shouted}"]
      tests: {good: ["{customer}"]}
"""


def test_a_pack_example_with_an_unknown_placeholder_or_form_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    problems = sorted(info.value.problems, key=lambda p: p.line)
    assert [p.line for p in problems] == [10, 11]
    assert "unknown placeholder {codenme}" in problems[0].message and "{codename}" in problems[0].message
    assert "unknown form {codename:shouted}" in problems[1].message and "hashtag" in problems[1].message


def test_a_valid_pack_keeps_its_test_cases_apart(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("{codenme}", "{codename}").replace(":shouted", ""), encoding="utf-8")
    (rule,) = load_pack(path)
    assert rule.examples_bad == ("{codename} ships",) and rule.tests_good == ("{customer}",)
    assert rule.text().tests_good == ("{customer}",)
