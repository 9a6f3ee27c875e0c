"""Rule packs load strictly: every problem is reported with its file:line:col."""

from __future__ import annotations

import textwrap

import pytest

from linter.config import Config, PackRef
from linter.errors import ConfigError
from linter.packs import load_pack, load_rules

GOOD_RULE = """\
rules:
  - code: CONF-ACME-TERMS
    category: confidential
    severity: error
    kind: terms
    terms: [Roadrunner]
    message: "'{match}' is secret."
    why: Because.
"""


def write(tmp_path, text, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path):
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    return info.value.problems


def test_a_valid_pack_loads(tmp_path):
    (rule,) = load_pack(write(tmp_path, GOOD_RULE))
    assert rule.code == "CONF-ACME-TERMS" and rule.category == "confidential"
    assert rule.options["terms"] == ["Roadrunner"]
    assert rule.summary == "… is secret."


def test_misspelt_key_cites_line_and_column_with_a_hint(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("severity:", "sevrity:"))
    messages = [str(p) for p in problems_of(path)]
    assert any(":4:5: E101 unknown key 'sevrity' in rule (did you mean 'severity'?)" in m for m in messages)
    assert any("missing the required key 'severity'" in m for m in messages)


def test_all_errors_of_a_file_are_collected(tmp_path):
    path = write(tmp_path, GOOD_RULE + """\
  - code: CONF-SECOND
    category: secrets
    severity: fatal
    kind: pattern
    pattern: "(unclosed"
    message: m
    why: w
""")
    codes = sorted(p.code for p in problems_of(path))
    assert codes == ["E104", "E104", "E105"]


def test_invalid_regex_names_its_line(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("kind: terms\n    terms: [Roadrunner]",
                                             'kind: pattern\n    pattern: "[a-"'))
    (problem,) = problems_of(path)
    assert problem.code == "E105" and problem.line == 6 and "invalid regular expression" in problem.message


def test_unknown_kind_suggests_the_closest(tmp_path):
    (problem, *_) = problems_of(write(tmp_path, GOOD_RULE.replace("kind: terms", "kind: term")))
    assert problem.code == "E111" and "did you mean 'terms'" in str(problem)


def test_code_must_carry_its_category_prefix(tmp_path):
    (problem,) = problems_of(write(tmp_path, GOOD_RULE.replace("CONF-ACME-TERMS", "PII-ACME")))
    assert "must start with 'CONF-'" in problem.message


def test_unknown_placeholder_in_message(tmp_path):
    (problem,) = problems_of(write(tmp_path, GOOD_RULE.replace("'{match}' is secret.", "{name} is secret.")))
    assert "unknown placeholder '{name}'" in problem.message


def test_broken_yaml_is_a_config_error_with_position(tmp_path):
    (problem,) = problems_of(write(tmp_path, "rules:\n  - code: [unclosed\n"))
    assert problem.code == "E100" and problem.line >= 2


def test_duplicate_yaml_keys_are_errors(tmp_path):
    (problem,) = problems_of(write(tmp_path, GOOD_RULE + "    why: again\n"))
    assert problem.code == "E108" and "duplicate key 'why'" in problem.message


def test_yaml_is_loaded_safely(tmp_path):
    path = write(tmp_path, "rules: !!python/object/apply:os.system ['echo pwned']\n")
    (problem,) = problems_of(path)
    assert problem.code == "E100"


def test_yes_and_no_stay_strings(tmp_path):
    (rule,) = load_pack(write(tmp_path, GOOD_RULE.replace("[Roadrunner]", "[no, off, NO]")))
    assert rule.options["terms"] == ["no", "off", "NO"]


def test_duplicate_codes_across_packs(tmp_path):
    first = write(tmp_path, GOOD_RULE, "a.yaml")
    second = write(tmp_path, GOOD_RULE, "b.yaml")
    config = Config(packs=(PackRef("a.yaml", first), PackRef("b.yaml", second)))
    with pytest.raises(ConfigError) as info:
        load_rules(config)
    (problem,) = info.value.problems
    assert problem.code == "E106" and "b.yaml" in problem.path and "a.yaml:2" in problem.hint


def test_bad_token_pattern_is_reported_when_the_pack_loads(tmp_path):
    """With the pack's other problems, at once (spaCy's own validator, imported for a company's packs only)."""
    from linter import Linter

    pack = write(tmp_path, GOOD_RULE.replace("kind: terms\n    terms: [Roadrunner]",
                                             "kind: tokens\n    patterns: [[{LOWER: x, OP: '%'}]]"))
    with pytest.raises(ConfigError) as info:
        Linter({"packs": [str(pack)]})
    assert "E104 invalid token pattern" in str(info.value) and "'+', '*', '?' or '!'" in str(info.value)


# --- retired codes (rules/retired.yaml) --------------------------------------------------------


def test_the_registry_of_retired_codes_loads_and_no_builtin_rule_reuses_one():
    from linter.packs import all_builtin_rules, retired_codes

    registry = retired_codes()
    assert all(entry.code == code and entry.reason for code, entry in registry.items())
    assert not {r.code for r in all_builtin_rules()} & registry.keys()


@pytest.fixture
def retired_terms(monkeypatch):
    """CONF-ACME-TERMS (the code of GOOD_RULE) as if it had been shipped once and retired."""
    import datetime as dt

    from linter import packs

    entry = packs.Retired("CONF-ACME-TERMS", dt.date(2026, 1, 5), "split by product", "CONF-ACME-NEW")
    monkeypatch.setattr(packs, "retired_codes", lambda: {entry.code: entry})
    return entry


def test_a_retired_code_may_not_name_a_new_rule(tmp_path, retired_terms):
    pack = write(tmp_path, GOOD_RULE)
    with pytest.raises(ConfigError) as info:
        load_rules(Config(packs=(PackRef("acme", pack),)))
    (problem,) = info.value.problems
    assert problem.code == "E113" and problem.line == 2
    assert "retired on 2026-01-05 (split by product); use CONF-ACME-NEW" in str(problem)


def test_explain_and_overrides_name_what_replaced_a_retired_code(tmp_path, run, retired_terms):
    code, _, err = run("explain", "conf-acme-terms")
    assert code == 2 and "CONF-ACME-TERMS was retired on 2026-01-05" in err and "use CONF-ACME-NEW" in err
    config = write(tmp_path, "rules:\n  CONF-ACME-TERMS: off\n", name="postlint.yaml")
    code, _, err = run("rules", "--config", config)
    assert code == 2 and "E107" in err and "use CONF-ACME-NEW" in err


def test_a_bad_token_pattern_in_another_language_is_reported_when_the_linter_is_built(tmp_path):
    """A language's pipeline and checks are made for its first post; its broken rule is told at once
    (a company pack's patterns are validated at load, every language block, with the line)."""
    from linter import Linter

    good = GOOD_RULE.replace("kind: terms\n    terms: [Roadrunner]", "kind: tokens\n    patterns: [[{LOWER: x}]]")
    pack = write(tmp_path, good + "    es:\n      patterns: [[{LOWER: x, OP: '%'}]]\n")
    with pytest.raises(ConfigError, match="invalid token pattern"):
        Linter({"packs": [str(pack)], "lang": "en"})
    fixed = write(tmp_path, good + "    es:\n      patterns: [[{LOWER: x, OP: '?'}]]\n")
    linter = Linter({"packs": [str(fixed)], "lang": "en"})
    assert linter._runtimes == {}  # nothing loaded until a post arrives
