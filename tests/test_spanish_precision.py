"""The Spanish side of the precision failure classes (issue 10): each with the finding and its near miss."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def codes(linter, text, path=None):
    return [(f.code, f.match) for f in linter.lint(text, path=path, as_of=AS_OF, lang="es")]


# 1. Things that look like emails but are not a person's address.
@pytest.mark.parametrize("text", [
    "Escribe a soporte@acme.es o a prensa@acme.es para cualquier duda.",
    "En este tutorial, envía las preguntas a usuario@example.com.",
    "Clona el repositorio con git@github.com:acme/robot.git y compila.",
    "autor: Pablo Ruiz <pablo.ruiz@gmail.com>",
])
def test_role_reserved_and_credit_addresses_are_not_personal(linter, text):
    assert not [c for c in codes(linter, text) if c[0] == "PII-EMAIL"]


def test_a_personal_address_in_spanish_is_still_found(linter):
    assert codes(linter, "Escríbele a Lucía a lucia.fernandez@gmail.com.") == [("PII-EMAIL", "lucia.fernandez@gmail.com")]


# 2. Ambiguous cue words, read in their sense.
@pytest.mark.parametrize("text", [
    "La latencia es muy baja y Lucía Fernández lo midió con su equipo.",
    "Lucía Fernández se dio de baja de la newsletter.",
    "Nos tomamos una Coca-Cola y una coca zero tras el lanzamiento.",
    "La seguridad es nuestra prioridad número uno.",
    "Sin embargo, el lanzamiento fue un éxito.",
    "La clave del éxito fue escuchar a los clientes.",
    "El cura de la parroquia bendijo la nave.",
    "El servidor peta cada vez que subimos una imagen grande.",
    "El proyecto va retrasado una semana.",
    "El nuevo sensor quedó colocado en la línea 3 esta mañana.",
    "La heroína de la película salva la ciudad.",
    "Vamos a arrancar las malas hierbas del huerto del equipo.",
    "Estamos 100% seguros de que os va a gustar.",
    "Cerramos la oficina por vacaciones del 1 al 15 de agosto.",
    "Mata el proceso con Ctrl+C y vuelve a lanzarlo.",
    "Fue un esfuerzo inútil, pero aprendimos mucho.",
    "Tu número de pedido es 612345678.",
])
def test_innocent_senses_stay_clean(linter, text):
    assert codes(linter, text) == []


@pytest.mark.parametrize(("text", "code"), [
    ("Lucía Fernández está de baja por una depresión.", "PII-PERSON"),
    ("Nos metimos unos tiros de perico antes de la reunión.", "SUB-COKE"),
    ("Somos la plataforma número uno del sector.", "CLAIM-SUPERLATIVE"),
    ("Sin duda, tenemos el mejor producto del mercado.", "CLAIM-SUPERLATIVE"),
    ("La contraseña de la demo es Demo1234.", "CONF-PASSWORD"),
    ("Esa basura de proyecto va retrasado y el retrasado de turno no hace nada.", "DER-SLUR"),
    ("Van a cerrar la oficina de Sevilla el mes que viene.", "CONF-REORG"),
    ("Nuestra nube es 100% segura.", "CLAIM-SECURITY"),
    ("Mi teléfono: 612345678.", "PII-PHONE"),
])
def test_the_same_words_in_their_other_sense_are_found(linter, text, code):
    assert code in [c for c, _ in codes(linter, text)]


# 3. Windows and patterns that cross block boundaries.
def test_an_address_does_not_run_from_a_heading_into_the_next_paragraph(linter):
    assert codes(linter, "## Calle Mayor\n\n12 personas vinieron a la charla.", "post.md") == []
    assert codes(linter, "Su casa: calle Mayor 12, 3º B.", "post.md") == [("PII-ADDRESS", "calle Mayor 12, 3º B")]


# 4. PII-PERSON on things that are not people: greetings the Spanish model takes for names.
def test_greetings_are_not_part_of_a_name(linter):
    assert codes(linter, "Hola Lucía, mucho ánimo con la quimioterapia.") == [("PII-PERSON", "Lucía")]
    assert codes(linter, "Hola, ánimo con la quimioterapia.") == []


def test_a_private_matter_goes_to_the_name_closest_to_it(linter):
    found = codes(linter, "Lucía Fernández está de baja por una depresión, así que Pablo cubre sus clientes.")
    assert found == [("PII-PERSON", "Lucía Fernández")]


# 5. One fact reported once: the Spanish message, once per address.
def test_one_address_one_finding(linter):
    found = codes(linter, "Escribe a ana.gomez@gmail.com o llama al 612 345 678.")
    assert found == [("PII-EMAIL", "ana.gomez@gmail.com"), ("PII-PHONE", "612 345 678")]
