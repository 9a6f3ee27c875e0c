"""`lang: auto`: each post's language from what it declares, else from its words."""

from __future__ import annotations

import pytest

from linter import Linter, languages
from linter.languages._detect import declared_language


@pytest.mark.parametrize("text", [
    "Mi teléfono: 612345678",
    "¡Gracias equipo!",
    "Van a cerrar la oficina de Sevilla a finales de marzo.",
    "Oigan, ¿quién se encarga del cliente de Monterrey?",
    "son unos inútiles",
    "Cállate, nadie te ha preguntado.",  # an accented word that starts a sentence still counts
    "Escríbenos a hola@acme.es: también respondemos en www.acme.es.",
    # a post of a few words with no English word needs only one Spanish one
    "@usuario cállate perra",
    "Callate zorra y no molestes 😂",
    "PUES CÁLLATE YA, PESADO",  # words in capitals are shouted, not names
])
def test_spanish_text_reads_as_spanish(text):
    assert languages.detect(text) == "es"


@pytest.mark.parametrize("text", [
    "We shipped the new release today.",
    "Meet José at the booth",  # one Spanish-looking name does not make a post Spanish
    "Ha ha yes",
    "Los Angeles and Las Vegas are on the tour this year, and the team will be there.",
    "",
    "12345 !!!",
    # names keep their own accents, and domains are no words (presidio_synth résumés)
    "Janka M. Szász\n\nNetwork and computer systems administrator\n\nE-mail:\nSzaszJanka@cuvox.de\n\n"
    "Website:\nhttps://www.UEarly.se/",
    "Silvia J Křenová, Airport tower controller. Phone: 780 6326, E-mail: SilviaKrenova@fleckens.hu",
    "Thanks to Zizi Kónya and Lóa Sigmundsdóttir for the review.",
    "Hell ya, shipped it",  # "ya" is English slang too, no Spanish evidence
    "Olé, the demo worked and the team is proud",  # a Spanish word in an English post of many words
])
def test_english_and_undecidable_text_reads_as_the_fallback(text):
    assert languages.detect(text) == "en"


def test_with_nothing_to_go_by_the_fallback_decides():
    assert languages.detect("OK 👍", fallback="es") == "es"
    assert languages.detect("OK 👍", fallback="en") == "en"


@pytest.mark.parametrize(("value", "code"), [("es", "es"), ("es-MX", "es"), ("es_AR", "es"), ("Español", "es"),
                                             ("EN-us", "en"), ("fr", None), ("", None), (None, None)])
def test_declarations_name_a_registered_language(value, code):
    assert declared_language(value, languages.REGISTRY) == code


def test_a_declared_language_wins_over_the_words():
    assert languages.resolve("auto", declared="es", text="We shipped it.") == "es"
    assert languages.resolve("auto", declared="fr", text="We shipped it.") == "en"  # unknown: the words decide
    assert languages.resolve("en", declared="es", text="Hola a todos") == "en"  # an explicit language wins


@pytest.mark.parametrize(("source", "path"), [
    ("---\ntitle: Launch day\nlang: es\n---\nWe shipped it. Mail jane.doe@gmail.com", "post.md"),
    ("+++\ntitle = \"Launch\"\nlanguage = \"es-ES\"\n+++\nWe shipped it. Mail jane.doe@gmail.com", "post.md"),
    ("<html lang=\"es\"><body><p>We shipped it. Mail jane.doe@gmail.com</p></body></html>", "post.html"),
])
def test_front_matter_and_html_lang_decide_the_language(linter, source, path):
    (finding,) = linter.lint(source, path=path)
    assert finding.code == "PII-EMAIL" and finding.lang == "es" and "dirección de correo" in finding.message


def test_one_run_mixes_languages(linter):
    english, spanish = linter.lint_many(["Reach Jane at jane.doe@gmail.com today.",
                                         "Escribid a Jane a jane.doe@gmail.com hoy mismo."])
    assert english[0].message == "'jane.doe@gmail.com' is an email address."
    assert spanish[0].message == "'jane.doe@gmail.com' es una dirección de correo electrónico."


def test_default_lang_is_what_auto_falls_back_to():
    linter = Linter({"lang": "auto", "default_lang": "es"})
    (finding,) = linter.lint("Mail: ana@gmail.com")
    assert finding.lang == "es"


def test_cli_lang_auto_and_explicit(run, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Escribid a Jane a jane.doe@gmail.com hoy mismo.\n", encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "--lang", "auto", str(post))
    assert code == 1 and "es una dirección de correo electrónico" in out
    code, out, _ = run("check", "--no-cache", "--lang", "en", str(post))
    assert code == 1 and "is an email address" in out


def test_a_post_nothing_tells_the_language_of_is_checked_in_every_language():
    # no word only one language writes: read in default_lang, and every language's rules check it
    auto, english = Linter({}), Linter({"lang": "en"})
    assert [(f.code, f.lang) for f in auto.lint("callate perra arrepentida")] == [("DER-SEXIST", "es")]
    assert english.lint("callate perra arrepentida") == []  # an explicit language is kept
    # what several languages find is one finding, in the post's own language; values and the words
    # that make them public are the post's own language's ("Contact:" is an English contact cue)
    assert [(f.code, f.lang) for f in auto.lint("Call Tom 212-555-0147")] == [("PII-PHONE", "en")]
    assert auto.lint("Contact: rlh@golang.org") == []
    assert languages.resolve_post("auto", declared=None, text="callate perra arrepentida") == ("en", True)
    assert languages.resolve_post("auto", declared="es", text="callate perra arrepentida") == ("es", False)
    assert languages.resolve_post("auto", declared=None, text="We shipped it.") == ("en", False)
    assert languages.resolve_post("en", declared=None, text="callate perra arrepentida") == ("en", False)
