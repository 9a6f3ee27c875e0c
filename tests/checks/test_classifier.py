"""`classifier`: the shipped stacked model, its numpy parts, its units, and the opt-in DER-OFFENSIVE rule."""

import pytest

from linter.checks.classifier import (
    LinearTextModel, StackedTextModel, WordPieces, basic_words, embed_logit, hashed_features, load_model, units,
)

AS_OF = "2026-11-25"


def test_short_paragraphs_are_judged_whole_and_long_ones_by_sentence():
    short = "You are wrong. Totally wrong."
    assert list(units(short)) == [(0, len(short))]
    long = ("This sentence is fine and says nothing at all about anyone here. " * 6).strip()
    assert len(list(units(long))) == 6


def test_features_ignore_masked_mentions_and_case():
    dim = 1 << 18
    assert hashed_features("@USER You IDIOT URL", dim) == hashed_features("you idiot", dim)


def test_word_pieces_follow_bert_uncased_rules():
    assert basic_words("Héllo, WORLD!! don't") == ["hello", ",", "world", "!", "!", "don", "'", "t"]
    pieces = WordPieces(["[PAD]", "[UNK]", "un", "##believ", "##able", "hello"])
    assert pieces("Hello unbelievable xyz") == [5, 2, 3, 4, 1]


def test_shipped_model_is_the_stacked_one_and_small():
    model = load_model("offensive-en")
    assert isinstance(model, StackedTextModel)
    assert len(model.features("hello")) == len(StackedTextModel.FEATURES)
    assert model.table.shape[1] <= 64 and str(model.table.dtype) == "float16"


def test_numpy_embedding_pass_agrees_with_the_torch_one():
    """The torch scores of held-out sentences were stored at training time; no torch needed here."""
    model = load_model("offensive-en")
    expected = model.meta["torch_embed_logits"]
    assert len(expected) >= 4
    for text, torch_logit in expected.items():
        ours = embed_logit(model.pieces(text), model.table, model.embed_w, model.embed_b)
        assert ours == pytest.approx(torch_logit, abs=0.02), text


def test_shipped_model_separates_attacks_from_plain_posts():
    model = load_model("offensive-en")
    assert model.probability("You are a disgusting liar and everyone knows it, shut up.") > 0.8
    assert model.probability("Thanks to everyone who came to the meetup last night.") < 0.3
    assert "liar" in model.strongest_words("You are a disgusting liar, shut up.")


def test_saved_weights_round_trip(tmp_path):
    import numpy as np

    model = LinearTextModel(np.linspace(-1, 1, 1 << 18, dtype=np.float32), 0.25, {"note": "test"})
    model.save(tmp_path / "m.npz")
    again = LinearTextModel.load(tmp_path / "m.npz")
    assert again.meta == {"note": "test"} and abs(again.bias - 0.25) < 1e-9
    assert abs(again.probability("hello there") - model.probability("hello there")) < 1e-2


def test_stacked_model_round_trips(tmp_path):
    import numpy as np

    model = load_model("offensive-en")
    np.savez_compressed(tmp_path / "m.npz", **model.arrays(), meta=__import__("json").dumps(model.meta))
    again = LinearTextModel.load(tmp_path / "m.npz")
    text = "Nobody cares about your opinion, you liar."
    assert again.probability(text) == pytest.approx(model.probability(text))


def test_rule_is_opt_in(plain_linter):
    from linter import Linter

    text = "Nobody cares about your opinion, you liar."
    assert not [f for f in plain_linter.lint(text, as_of=AS_OF) if f.code == "DER-OFFENSIVE"]
    opted = Linter({"packs": ["derogatory"], "rules": {"DER-OFFENSIVE": "on"}})
    found = [f for f in opted.lint(text, as_of=AS_OF) if f.code == "DER-OFFENSIVE"]
    assert found and "liar" in found[0].message


def test_unknown_model_is_a_load_error(pack_linter):
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
