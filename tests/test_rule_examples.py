"""Every built-in rule documents itself with examples, and the examples are true.

Examples are templates (`linter/examples.py`): here they are filled from the sample company of
corpus/postlint.yaml, and the test cases readers never see (`examples.tests`) run as well.
tests/policy/test_examples_true.py runs the shown ones for a company that shares no name with it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import AS_OF, CORPUS_CONFIG
from linter.config import load_config
from linter.examples import company_values, examples_for
from linter.packs import all_builtin_rules

RULES = all_builtin_rules()
SAMPLE = company_values(load_config(CORPUS_CONFIG), dt.date.fromisoformat(AS_OF))
OPT_IN = [r for r in RULES if not r.enabled]
# Each rule's examples in each language it has its own text for (its own text: its first language).
CASES = [(rule, lang) for rule in RULES for lang in rule.languages if lang == rule.languages[0] or rule.translated(lang)]


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
    assert sum("es" in r.languages for r in RULES) >= 40


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.summary and rule.why and rule.message
    assert rule.examples_bad, f"{rule.code} has no bad example"
    assert rule.examples_good, f"{rule.code} has no good example"


@pytest.mark.parametrize("rule", [r for r in RULES if "es" in r.languages], ids=lambda r: r.code)
def test_every_rule_for_spanish_posts_speaks_spanish(rule):
    text = rule.text("es")
    assert text.lang == "es", f"{rule.code} applies to Spanish posts but has no Spanish text"
    assert text.summary and text.why and text.message and text.examples_bad and text.examples_good
    assert text.message != rule.message and text.why != rule.why
    assert not rule.suggestion or text.suggestion != rule.suggestion


@pytest.mark.parametrize(("rule", "lang"), CASES, ids=lambda c: c.code if hasattr(c, "code") else c)
def test_bad_examples_fire_the_rule(linter, every_rule_linter, rule, lang):
    linter = _linter_for(rule, linter, every_rule_linter)
    examples = examples_for(rule.text(lang), SAMPLE, tests=True)
    assert not examples.missing, f"the sample company gives no {examples.missing} for {rule.code}'s examples"
    for example in examples.bad:
        found = [f for f in linter.lint(example, as_of=AS_OF, lang=lang)]
        assert rule.code in [f.code for f in found], f"{rule.code} missed its bad example {example!r} (got {found})"
        mine = next(f for f in found if f.code == rule.code)
        assert mine.lang == lang and mine.why == rule.text(lang).why  # the finding speaks the post's language


@pytest.mark.parametrize(("rule", "lang"), CASES, ids=lambda c: c.code if hasattr(c, "code") else c)
def test_good_examples_stay_clean_of_the_rule(linter, every_rule_linter, rule, lang):
    linter = _linter_for(rule, linter, every_rule_linter)
    for example in examples_for(rule.text(lang), SAMPLE, tests=True).good:
        found = [f for f in linter.lint(example, as_of=AS_OF, lang=lang) if f.code == rule.code]
        assert not found, f"{rule.code} fired on its good example {example!r}: {found[0].match!r}"
