"""`classifier`: the shipped linear model, its units, and the opt-in DER-OFFENSIVE rule."""

from linter.checks.classifier import LinearTextModel, hashed_features, load_model, units

AS_OF = "2026-11-25"


def test_short_paragraphs_are_judged_whole_and_long_ones_by_sentence():
    short = "You are wrong. Totally wrong."
    assert list(units(short)) == [(0, len(short))]
    long = ("This sentence is fine and says nothing at all about anyone here. " * 6).strip()
    assert len(list(units(long))) == 6


def test_features_ignore_masked_mentions_and_case():
    dim = 1 << 18
    assert hashed_features("@USER You IDIOT URL", dim) == hashed_features("you idiot", dim)


def test_shipped_model_separates_attacks_from_plain_posts():
    model = load_model("offensive-en")
    assert model.probability("You are a disgusting liar and everyone knows it, shut up.") > 0.9
    assert model.probability("Thanks to everyone who came to the meetup last night.") < 0.3
    assert "liar" in model.strongest_words("You are a disgusting liar, shut up.")


def test_saved_weights_round_trip(tmp_path):
    import numpy as np

    model = LinearTextModel(np.linspace(-1, 1, 1 << 18, dtype=np.float32), 0.25, {"note": "test"})
    model.save(tmp_path / "m.npz")
    again = LinearTextModel.load(tmp_path / "m.npz")
    assert again.meta == {"note": "test"} and abs(again.bias - 0.25) < 1e-9
    assert abs(again.probability("hello there") - model.probability("hello there")) < 1e-2


def test_rule_is_opt_in(plain_linter):
    from linter import Linter

    text = "Nobody cares about your opinion, you liar."
    assert not [f for f in plain_linter.lint(text, as_of=AS_OF) if f.code == "DER-OFFENSIVE"]
    opted = Linter({"packs": ["derogatory"], "rules": {"DER-OFFENSIVE": "on"}})
    found = [f for f in opted.lint(text, as_of=AS_OF) if f.code == "DER-OFFENSIVE"]
    assert found and "liar" in found[0].message


def test_unknown_model_is_a_load_error(pack_linter):
    import pytest

    from linter.errors import ConfigError

    with pytest.raises(ConfigError, match="no classifier model named 'nope'"):
        pack_linter("""
        - code: DER-X
          category: derogatory
          severity: info
          kind: classifier
          model: nope
          message: m
          why: w
        """)
