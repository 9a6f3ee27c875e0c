"""Cue words read in their sense (rule option `sense`): the same word is a private matter or
harmless depending on case, part of speech, technical neighbours and what it is of."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def codes(linter, text, path="post.md"):
    return [(f.code, f.match) for f in linter.lint(text, path=path, as_of=AS_OF)]


@pytest.mark.parametrize("text", [
    "Priya Natarajan updated the ICU library to version 74.1 for the release.",
    "Tom Hughes fixed `pip install` on Windows; pip now resolves faster.",
    "Sarah Miller was fired up about the new compiler and shipped three patches.",
    "As a bonus, Ryan Levick contributed several fixes to the crate.",
    "Bonus tip from Jane Doe: run the tests twice.",
])
def test_technical_and_idiomatic_senses_are_not_private(plain_linter, text):
    assert [c for c in codes(plain_linter, text) if c[0] == "PII-PERSON"] == []


@pytest.mark.parametrize("text, name", [
    ("Get well soon to Priya Natarajan, who is in the ICU since Friday.", "Priya Natarajan"),
    ("Tom Hughes was put on a PIP after the review.", "Tom Hughes"),
    ("Sarah Miller was fired on Friday after the audit.", "Sarah Miller"),
    ("Our coworker Dana Ruiz, who was diagnosed with cancer last month, will work part-time.", "Dana Ruiz"),
])
def test_private_senses_are_still_found(plain_linter, text, name):
    assert [c for c in codes(plain_linter, text) if c[0] == "PII-PERSON"] == [("PII-PERSON", name)]


@pytest.mark.parametrize("text", [
    "Next week's release brings a reorganization of cached widgets in the dashboard.",
    "The planned restructuring of the compiler's query system will land soon.",
    "Our upcoming acquisition process for cloud software will be faster.",
    "The agency will modernise its software acquisition next quarter.",
])
def test_reorg_words_about_things_are_not_reorgs(plain_linter, text):
    assert [c for c in codes(plain_linter, text) if c[0] == "CONF-REORG"] == []


@pytest.mark.parametrize("text", [
    "Heard the reorganization of the sales team is planned for next month.",
    "The Initech acquisition will close next quarter, not announced yet.",
    "Rumour is the acquisition of Globex will be signed next week.",
    "A real reorg is coming: the reorg will merge both support teams next month.",
    "Heard there will be a RIF in sales next month.",  # an acronym alone is no part of a name
])
def test_real_reorgs_and_deals_are_found(plain_linter, text):
    assert [c[0] for c in codes(plain_linter, text) if c[0] == "CONF-REORG"]


def test_internal_only_next_to_technical_nouns_is_a_kind_of_software(plain_linter):
    assert codes(plain_linter, "We rebuilt our internal only apps on the new API.") == []
    assert [c[0] for c in codes(plain_linter, "Sharing the roadmap slide (internal only) because it's exciting!")] == \
        ["CONF-MARKING"]


def test_brand_names_are_not_drugs(plain_linter):
    assert codes(plain_linter, "Grabbed a Coke and did a few lines of review on the new Rails app.") == []
    assert [c[0] for c in codes(plain_linter, "Did a few lines of coke before the all-hands.")] == ["SUB-HARD-DRUGS"]


def test_a_superlative_in_the_subject_describes_data(plain_linter):
    described = ["The number one cause of pages for our on-call team is slow downloads.",
                 "The #1 use of Go is now writing API services (65%).",
                 "The number one way that I engage with the language is through its tooling."]
    for text in described:
        assert [c for c in codes(plain_linter, text) if c[0] == "CLAIM-SUPERLATIVE"] == [], text
    assert [c[0] for c in codes(plain_linter, "Acme is the number one robotics platform.")] == ["CLAIM-SUPERLATIVE"]


def test_no_risk_of_a_specific_thing_is_not_a_guarantee(plain_linter):
    assert codes(plain_linter, "With explicit types there is no risk of ambiguity in the grammar.") == []
    assert [c[0] for c in codes(plain_linter, "A no-risk way to grow your savings.")] == ["CLAIM-GUARANTEE"]


def test_acronym_terms_match_only_in_capitals(pack_linter):
    linter = pack_linter("""
        - code: CONF-RIF
          category: confidential
          severity: error
          kind: terms
          terms: [RIF]
          sense: {tech: false}
          message: "'{match}'"
          why: test
    """)
    assert [f.match for f in linter.lint("The RIF is next week. A rif of notes.", as_of=AS_OF)] == ["RIF"]


# The same tests on Spanish posts: the words come from the Spanish unit, the parse tests read
# Universal Dependencies (cop, case, acl) and modifiers that follow their noun ("gestión de quejas").
def es_codes(linter, text, code):
    return [f.match for f in linter.lint(text, path="post.md", as_of=AS_OF, lang="es") if f.code == code]


@pytest.mark.parametrize("text, code", [
    ("El uso número uno de Go hoy son los servicios en la nube.", "CLAIM-SUPERLATIVE"),  # predicate
    ("¿Cuál es el obstáculo número uno para adoptar Rust?", "CLAIM-SUPERLATIVE"),
    ("El despliegue inicial del panel fue solo para uso interno.", "CONF-MARKING"),  # label: said of a thing
    ("Os pedimos no compartir datos personales en el foro.", "CONF-MARKING"),  # label: a verb with an object
    ("Compartimos el foro y os pedimos no compartir datos personales.", "CONF-MARKING"),
    ("Reconstruimos las apps de solo uso interno sobre la nueva API.", "CONF-MARKING"),  # tech, through "de"
    ("La semana que viene llega una reorganización de las tablas del panel.", "CONF-REORG"),  # organisation
    ("La empresa en secreto planea una adquisición de software el mes que viene.", "CONF-REORG"),  # no party
    ("Beatriz Gómez: he dirigido la gestión de quejas durante veinte años.", "PII-PERSON"),  # modifier
])
def test_spanish_cue_words_in_another_sense_are_left_alone(plain_linter, text, code):
    assert es_codes(plain_linter, text, code) == []


@pytest.mark.parametrize("text, code", [
    ("Acme es la plataforma de robótica número uno.", "CLAIM-SUPERLATIVE"),
    ("Comparto la diapositiva del roadmap (solo uso interno) porque me hace ilusión.", "CONF-MARKING"),
    ("El mes que viene habrá una reorganización del equipo de soporte.", "CONF-REORG"),
    ("Dicen que la adquisición de Globex se firmará la semana que viene.", "CONF-REORG"),
    ("Me han dicho que preparan un ERE para después de verano en la planta de Zaragoza.", "CONF-REORG"),
    ("Beatriz Gómez presentó una queja formal contra su jefe.", "PII-PERSON"),
])
def test_spanish_cue_words_in_their_sense_are_found(plain_linter, text, code):
    assert es_codes(plain_linter, text, code)


def test_spanish_sense_is_what_leaves_them_alone(plain_linter, monkeypatch):
    """Without the sense tests every near miss above would be reported: the tests can fail."""
    from linter.checks._sense import Sense

    monkeypatch.setattr(Sense, "accepts", lambda self, *args: True)
    assert es_codes(plain_linter, "El uso número uno de Go hoy son los servicios en la nube.", "CLAIM-SUPERLATIVE")
    # a sentence that passes something on (markings.py): only the sense says "no compartir datos" is a verb
    assert es_codes(plain_linter, "Compartimos el foro y os pedimos no compartir datos personales.", "CONF-MARKING")
    assert es_codes(plain_linter, "La semana que viene llega una reorganización de las tablas del panel.",
                    "CONF-REORG")
    assert es_codes(plain_linter, "Beatriz Gómez: he dirigido la gestión de quejas durante veinte años.",
                    "PII-PERSON")
