"""The Spanish side of the precision failure classes (issue 10): each with the finding and its near miss."""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def codes(linter, text, path=None):  # every post here is Spanish
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


@pytest.mark.parametrize("text", [
    "¿Dudas sobre el taller? Escribe a Carmen a carmen@golang.org.",
    "Si quieres participar, ponte en contacto con Ana en ana@initech.com.",
    "Escrito por Pablo Ruiz (pablo@ruiz-consultores.es) #1234",
    "Configura git config user.email tu.nombre@tuempresa.com antes del primer commit.",
])
def test_spanish_contact_credit_and_placeholder_addresses_are_public(plain_linter, text):
    """The Spanish lists of the language unit: contact cues, credit cues, placeholders."""
    assert [c for c in codes(plain_linter, text) if c[0] == "PII-EMAIL"] == []


@pytest.mark.parametrize("text, address", [
    # the same company address told as a customer's, or as an email's sender, is private
    ("Nuestra cliente ana@initech.com se quejó de la factura; escríbele tú.", "ana@initech.com"),
    ("Nos llegó un correo enfadado de dana.ruiz@initech.com por la caída.", "dana.ruiz@initech.com"),
    # webmail is a person's even when offered as a contact
    ("¿Dudas? Escríbeme a sam.okafor@gmail.com.", "sam.okafor@gmail.com"),
])
def test_spanish_private_cues_keep_an_address_personal(plain_linter, text, address):
    assert [m for c, m in codes(plain_linter, text) if c == "PII-EMAIL"] == [address]


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
])
def test_innocent_senses_stay_clean(linter, text):
    assert codes(linter, text) == []


def test_an_order_number_is_no_phone_number(linter):
    # a customer's order number: a small lead to them (PII-ACCOUNT-REF, a warning), never a phone
    assert codes(linter, "Tu número de pedido es 612345678.") == [("PII-ACCOUNT-REF", "612345678")]


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


@pytest.mark.parametrize("post", [
    "## Lucía Fernández\n\nBaja médica: los formularios están en la intranet.",
    "### Entrevista con Lucía Fernández\n\nBaja médica y permisos: qué cambia en 2027.",
    "- Ponentes: Lucía Fernández\n- Baja médica: cómo pedirla\n",
    "- Habla Lucía Fernández\n- Está de baja médica el servidor\n",
])
def test_a_name_is_not_tied_to_a_private_matter_in_the_next_block(linter, post):
    """A heading or list item with a name, and "baja" in the next block: two blocks, no tie."""
    assert [c for c in codes(linter, post, "post.md") if c[0] == "PII-PERSON"] == []


def test_only_the_block_boundaries_keep_them_apart(linter, monkeypatch):
    """Sentences cut at blocks and ties kept in a block are what part them: without both, the
    heading's name is tied to the next paragraph's "baja médica"."""
    from linter.checks import people
    from linter.engine import runtime

    post = "### Entrevista con Lucía Fernández\n\nBaja médica y permisos: qué cambia en 2027."
    monkeypatch.setattr(runtime, "_sentences_within_blocks", lambda doc: doc)
    monkeypatch.setattr(people, "block_tokens", lambda document, token: (0, len(document.doc)))
    from linter import Linter

    assert [c for c in codes(Linter({}), post, "post.md") if c[0] == "PII-PERSON"] == \
        [("PII-PERSON", "Lucía Fernández")]


@pytest.mark.parametrize("post, name", [
    ("## Equipo\n\nLucía Fernández está de baja médica desde ayer.", "Lucía Fernández"),
    ("- Ponentes: Lucía Fernández, de baja médica desde marzo\n- Pablo Ruiz\n", "Lucía Fernández"),
])
def test_a_name_and_a_private_matter_in_one_block_are_still_tied(linter, post, name):
    assert [c for c in codes(linter, post, "post.md") if c[0] == "PII-PERSON"] == [("PII-PERSON", name)]


# 4. PII-PERSON on things that are not people: greetings the Spanish model takes for names.
def test_greetings_are_not_part_of_a_name(linter):
    assert codes(linter, "Hola Lucía, mucho ánimo con la quimioterapia.") == [("PII-PERSON", "Lucía")]
    assert codes(linter, "Hola, ánimo con la quimioterapia.") == []


@pytest.mark.parametrize("text", [
    "Telefónica se quejó del nuevo impuesto.",  # the model tags the company PER
    "Telefónica se quejó del nuevo impuesto; su queja llegó al ministerio.",
])
def test_a_single_company_name_tagged_as_a_person_is_not_one(linter, text):
    """No evidence of a person: not a first name, no title, one word, no pronoun that refers back."""
    assert [c for c in codes(linter, text) if c[0] == "PII-PERSON"] == []


def test_only_the_evidence_test_tells_the_company_from_a_person(linter, monkeypatch):
    from linter.checks.people import PeopleCheck

    monkeypatch.setattr(PeopleCheck, "_is_a_person", lambda self, document, ent: True)
    assert codes(linter, "Telefónica se quejó del nuevo impuesto.") == [("PII-PERSON", "Telefónica")]


@pytest.mark.parametrize("text, name", [
    ("Ana se quejó del nuevo horario.", "Ana"),  # a first name (Spanish list)
    ("La Dra. Ruiz está de baja por una depresión.", "Dra. Ruiz"),  # a title, inside the entity
    ("Ana Ruiz se quejó del nuevo impuesto.", "Ana Ruiz"),
])
def test_evidence_of_a_person_in_spanish(linter, text, name):
    assert [c for c in codes(linter, text) if c[0] == "PII-PERSON"] == [("PII-PERSON", name)]


def test_a_private_matter_goes_to_the_name_closest_to_it(linter):
    found = codes(linter, "Lucía Fernández está de baja por una depresión, así que Pablo cubre sus clientes.")
    assert found == [("PII-PERSON", "Lucía Fernández")]


# 5. One fact reported once: the Spanish message, once per address.
def test_one_address_one_finding(linter):
    found = codes(linter, "Escribe a ana.gomez@gmail.com o llama al 612 345 678.")
    assert found == [("PII-EMAIL", "ana.gomez@gmail.com"), ("PII-PHONE", "612 345 678")]


@pytest.mark.parametrize("post", [
    "Si tienes dudas, [escríbele a Lucía](mailto:lucia.fernandez@gmail.com).",
    "Escríbele a [lucia.fernandez@gmail.com](mailto:lucia.fernandez@gmail.com) y te pasa los detalles.",
    '<p>Escríbele a <a href="mailto:lucia.fernandez@gmail.com">lucia.fernandez@gmail.com</a>.</p>',
])
def test_a_mailto_link_and_its_text_are_one_finding(linter, post):
    path = "post.html" if post.startswith("<") else "post.md"
    assert [m for c, m in codes(linter, post, path) if c == "PII-EMAIL"] == ["lucia.fernandez@gmail.com"]


def test_only_one_fact_one_finding_joins_them(linter, monkeypatch):
    from linter.engine import deduping

    monkeypatch.setattr(deduping, "same_fact", lambda findings, source: findings)
    post = "Escríbele a [lucia.fernandez@gmail.com](mailto:lucia.fernandez@gmail.com) y te pasa los detalles."
    assert [m for c, m in codes(linter, post, "post.md") if c == "PII-EMAIL"] == ["lucia.fernandez@gmail.com"] * 2


def test_two_addresses_in_links_are_two_findings(linter):
    post = "Escribe a [Lucía](mailto:lucia.fernandez@gmail.com) o a [Jorge](mailto:jorge.ramos@hotmail.com)."
    assert [m for c, m in codes(linter, post, "post.md") if c == "PII-EMAIL"] == \
        ["lucia.fernandez@gmail.com", "jorge.ramos@hotmail.com"]
