"""Every built-in rule documents itself with examples, and the examples are true."""

from __future__ import annotations

import pytest

from conftest import AS_OF
from linter.packs import all_builtin_rules

RULES = all_builtin_rules()
OPT_IN = [r for r in RULES if not r.enabled]


@pytest.fixture(scope="module")
def every_rule_linter():
    """The corpus company with the opt-in rules (enabled: false) turned on, so their examples run too."""
    from conftest import CORPUS_CONFIG
    from linter import Linter
    from linter.config import load_config

    if not OPT_IN:
        return None
    config = load_config(CORPUS_CONFIG)
    from dataclasses import replace

    from linter.config import RuleOverride

    overrides = {**config.overrides, **{r.code: RuleOverride(enabled=True) for r in OPT_IN}}
    return Linter(replace(config, overrides=overrides))


def _linter_for(rule, linter, every_rule_linter):
    return linter if rule.enabled else every_rule_linter


def test_there_are_at_least_40_builtin_rules():
    assert len(RULES) >= 40


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.summary and rule.why and rule.message
    assert rule.examples_bad, f"{rule.code} has no bad example"
    assert rule.examples_good, f"{rule.code} has no good example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_fire_the_rule(linter, every_rule_linter, rule):
    linter = _linter_for(rule, linter, every_rule_linter)
    for example in rule.examples_bad:
        codes = [f.code for f in linter.lint(example, as_of=AS_OF, lang=rule.languages[0])]
        assert rule.code in codes, f"{rule.code} missed its bad example {example!r} (got {codes})"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_stay_clean_of_the_rule(linter, every_rule_linter, rule):
    linter = _linter_for(rule, linter, every_rule_linter)
    for example in rule.examples_good:
        found = [f for f in linter.lint(example, as_of=AS_OF, lang=rule.languages[0]) if f.code == rule.code]
        assert not found, f"{rule.code} fired on its good example {example!r}: {found[0].match!r}"
