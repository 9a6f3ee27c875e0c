"""The derogatory-language functional suites (issue 22): templates x fillers, en and es.

Each language must get at least 0.95 of all its cases right with the default packs; every
function's tuned templates must be right too, so a change that breaks one way of saying a hostile
thing (or starts flagging one kind of clean text) fails here even when the total holds. The
held-out templates are scored but only their total is asserted loosely: they measure how the
rules carry over, and were never tuned on (figures: docs/derogatory.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import suite  # noqa: E402

MIN_RIGHT = 0.95  # the target, per language, over all cases
MIN_FUNCTION_TUNED = 0.80  # each function's tuned templates: a whole template failing is a regression
MIN_HELD_OUT = 0.85  # held-out templates (measured 0.93 en, 0.90 es when they were first scored)


# a parametrised module fixture is set up again each time the order of tests switches language:
# each worker scores a suite once
_SCORED: dict[str, dict] = {}


@pytest.fixture(scope="module", params=suite.LANGS)
def scored(request):
    if request.param not in _SCORED:
        _SCORED[request.param] = suite.score(request.param)
    return request.param, _SCORED[request.param]


def test_each_suite_has_enough_functions_and_cases():
    for lang in suite.LANGS:
        cases = suite.cases(lang)
        per_function = {}
        for case in cases:
            per_function[case.function] = per_function.get(case.function, 0) + 1
        assert len(per_function) >= 25 and min(per_function.values()) >= 40, lang
        assert any(c.held_out for c in cases) and any(not c.held_out for c in cases)
        assert {c.hateful for c in cases} == {True, False}


def test_the_two_languages_cover_the_same_functions():
    names = [{c.function for c in suite.cases(lang)} for lang in suite.LANGS]
    assert names[0] == names[1]


def test_the_suite_is_right_often_enough(scored):
    lang, result = scored
    right, total = suite.totals(result)
    assert right / total >= MIN_RIGHT, (lang, right, total)


def test_every_function_is_right_on_its_tuned_templates(scored):
    lang, result = scored
    weak = {name: f"{row['right']}/{row['cases']}" for name, row in result["functions"].items()
            if row["right"] < MIN_FUNCTION_TUNED * row["cases"]}
    assert not weak, (lang, weak)


def test_the_held_out_templates_carry_over(scored):
    lang, result = scored
    right, total = suite.totals(result, held=True)
    assert right / total >= MIN_HELD_OUT, (lang, right, total)


def test_a_wrong_answer_is_counted_wrong():
    """The scorer can fail: a clean case with a hostile finding and a hateful one without count wrong."""
    result = suite.score("en", {"packs": ["pii"]})  # no derogatory rules: every hateful case is missed
    right, total = suite.totals(result)
    hateful = sum(1 for c in suite.cases("en") if c.hateful)
    assert right == total - hateful
