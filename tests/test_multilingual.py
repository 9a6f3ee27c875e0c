"""DER-OFFENSIVE's multilingual judge (linter/multilingual.py): offline, the training-time scores, Spanish."""

from __future__ import annotations

import itertools

import pytest
from conftest import JUDGE_RULE

from linter import Linter
from linter.multilingual import load_judge

JUDGE = "offensive-multi"
# The encoder runs in float32 numpy: another BLAS or CPU sums a 512-term product in another order,
# which moves a score by about 1e-6. The tolerance is the encoder test's (0.02, see
# tests/checks/test_classifier.py), far above that and far below the gaps between the check texts'
# decisions: labels and ranks are compared exactly wherever the recorded scores are further apart.
SCORE_TOLERANCE = 0.02


def test_the_judge_gives_its_training_time_scores():
    judge = load_judge(JUDGE)
    checks = judge.meta["checks"]
    got = [judge.probability(z) for z in judge.logits([c["text"] for c in checks])]
    recorded = [c["score"] for c in checks]
    for score, expected in zip(got, recorded, strict=True):
        assert score == pytest.approx(expected, abs=SCORE_TOLERANCE)
        if abs(expected - judge.threshold) > SCORE_TOLERANCE:
            assert (score >= judge.threshold) == (expected >= judge.threshold)
    for i, j in itertools.combinations(range(len(recorded)), 2):
        if abs(recorded[i] - recorded[j]) > 2 * SCORE_TOLERANCE:
            assert (got[i] > got[j]) == (recorded[i] > recorded[j])


def test_the_comparison_can_fail():
    judge = load_judge(JUDGE)
    first = judge.meta["checks"][0]
    assert judge.probability(judge.logits([first["text"]])[0]) != pytest.approx(first["score"] - 0.1,
                                                                                 abs=SCORE_TOLERANCE)


def test_the_judge_records_where_it_came_from():
    meta = load_judge(JUDGE).meta
    assert meta["encoder"]["licence"] == "Apache-2.0" and meta["data"]["olid_sha256"]
    assert meta["dev"]["clean_flagged"] <= 0.05  # its threshold rule: quiet on informal clean text


@pytest.fixture(scope="module")
def spanish():
    return Linter({"lang": "es"})


def test_the_judge_reads_only_units_aimed_at_people(pack_linter):
    linter = pack_linter(JUDGE_RULE)
    found = linter.lint("Tú no tienes ni idea de nada, cállate ya y vete.", lang="es")
    assert [f.code for f in found] == ["DER-X"]
    # scored 0.23 in English by the same head, but aimed at no one: never judged
    assert linter.lint("Kill the thread, then restart the garbage collector.", lang="es") == []


@pytest.mark.parametrize("text", [
    "Los inmigrantes de nuestro equipo organizan la fiesta de fin de año.",
    "Hoy hemos publicado el nuevo panel de control.",
    "No odio a nadie, y menos a mis vecinos.",
])
def test_clean_spanish_posts_stay_clean(spanish, text):
    assert [f.code for f in spanish.lint(text) if f.category == "derogatory"] == []
