"""The company policy file: the keys of DESIGN section 2, validated strictly."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from linter.config import find_config, load_config, resolve_config
from linter.errors import ConfigError
from linter.finding import Severity
from linter.packs import load_rules

DESIGN_EXAMPLE = """\
packs: [pii, confidential, derogatory, profanity, substances, claims]   # default: all built-in
company:
  name: Acme Robotics
  domains: [acme.example]                       # the company's public domains
  internal_domains: [corp.acme.example, acme.internal]
  codenames:                                    # unreleased products / projects
    - {name: Falcon, public_on: 2027-03-01}     # confidential until that date (as-of aware)
    - {name: Project Nightjar, aliases: [Nightjar]}
  customers:
    - {name: Globex}                            # a confidential relationship
    - {name: Initech, public: true}             # a public reference customer: fine to name
rules:                                          # per-rule overrides by code or category
  PII-PERSON: {severity: warning}
  profanity: off
"""


def test_the_design_example_loads_as_written(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text(DESIGN_EXAMPLE)
    config = load_config(path)
    assert config.company.codenames[0].public_on == dt.date(2027, 3, 1)
    assert config.company.codenames[1].aliases == ("Nightjar",)
    assert [c.public for c in config.company.customers] == [False, True]
    rules = {r.code: r for r in load_rules(config)}
    assert rules["PII-PERSON"].severity == Severity.WARNING
    assert not any(r.enabled for r in rules.values() if r.category == "profanity")
    assert all(r.enabled for r in rules.values() if r.category == "pii")


def test_config_is_found_upward(tmp_path):
    (tmp_path / ".postlint.yaml").write_text("company: {name: X}\n")
    nested = tmp_path / "blog" / "posts"
    nested.mkdir(parents=True)
    assert find_config(nested / "post.md") == tmp_path / ".postlint.yaml"


def test_unknown_override_key_suggests_a_code(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text("rules:\n  PII-EMIAL: off\n")
    with pytest.raises(ConfigError) as info:
        load_rules(load_config(path))
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (2, 3) and "did you mean 'PII-EMAIL'" in problem.hint


def test_bad_date_and_unknown_key_are_both_reported(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text(textwrap.dedent("""\
        company:
          codenames:
            - {name: Falcon, public_on: next spring}
          custmers: [Globex]
        """))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["E101", "E112"]
    assert any(p.line == 3 for p in info.value.problems)


def test_missing_pack_file_is_reported_at_its_line(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text("packs:\n  - pii\n  - ./acme-rules.yaml\n")
    with pytest.raises(ConfigError) as info:
        load_rules(load_config(path))
    (problem,) = info.value.problems
    assert problem.code == "E110" and problem.line == 3


def test_a_company_pack_is_resolved_relative_to_the_config(tmp_path):
    (tmp_path / "acme.yaml").write_text(textwrap.dedent("""\
        rules:
          - code: CONF-ACME-BUDGET
            category: confidential
            severity: warning
            kind: terms
            terms: [budget spreadsheet]
            message: "'{match}' is internal."
            why: Budgets are internal.
        """))
    (tmp_path / "postlint.yaml").write_text("packs: [pii, ./acme.yaml]\n")
    codes = {r.code for r in load_rules(load_config(tmp_path / "postlint.yaml"))}
    assert "CONF-ACME-BUDGET" in codes and "PII-EMAIL" in codes and "PROF-STRONG" not in codes


def test_a_dict_config_works_like_a_file():
    config = resolve_config({"company": {"codenames": ["Falcon"]}})
    assert config.company.codenames[0].name == "Falcon"


def test_public_numbers_are_a_list_of_strings(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text('company:\n  public_numbers: "+34 910 555 123"\n')
    assert load_config(path).company.public_numbers == ("+34 910 555 123",)
    path.write_text("company:\n  public_numbers: [{number: 1}]\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "postlint.yaml:2" in str(info.value)


def test_policy_paragraphs_load_as_text_or_one_per_language(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text("policy:\n  position: We post in the open.\n"
                    "  contact:\n    en: Ask comms.\n    es: Pregunta a comunicación.\n")
    policy = load_config(path).policy
    assert policy["position"].in_language("es") == "We post in the open."
    assert policy["contact"].in_language("es") == "Pregunta a comunicación."
    assert "training" not in policy


@pytest.mark.parametrize(("yaml_text", "where", "message"), [
    ("policy:\n  postion: x\n", (2, 3), "unknown key 'postion' in policy"),
    ("policy:\n  contact: {en: x, fr: y}\n", (2, 20), "unknown key 'fr'"),
    ("policy:\n  training: [a, b]\n", (2, 13), "expected a string, got a list"),
    ("policy:\n  monitoring: '  '\n", (2, 15), "must not be empty"),
    ("policy: just text\n", (1, 9), "expected a policy"),
])
def test_policy_keys_are_strict_with_their_place(tmp_path, yaml_text, where, message):
    path = tmp_path / "postlint.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == where and message in problem.message


def test_values_marked_confidential_are_collected_and_read_as_plain_values(tmp_path):
    path = tmp_path / "postlint.yaml"
    path.write_text(textwrap.dedent("""\
        company:
          spokespeople:
            - !confidential {name: Jo Park, role: Investor relations}
          codenames:
            - {name: Osprey, public_on: !confidential 2027-01-01, aliases: [!confidential "1999"]}
        policy:
          contact: !confidential "Write to #comms-review on chat.\\n"
        """))
    config = load_config(path)
    assert config.confidential == ("1999", "Investor relations", "Jo Park", "Write to #comms-review on chat.")
    assert config.company.codenames[0].aliases == ("1999",)  # quoted: a string, not the number 1999
    assert config.company.spokespeople[0].name == "Jo Park"
    assert config.company.codenames[0].public_on == dt.date(2027, 1, 1)  # a date stays a date
