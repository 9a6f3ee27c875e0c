"""Evidence before error (`linter/checks/_evidence.py`): every reason for and against a value, on
both sides (the post where it decides the severity, and its near miss without it), in English and
Spanish. Built-in packs, no company config, as a published blog is checked."""

from __future__ import annotations

import pytest

from linter.checks import _evidence as ev
from linter.finding import Severity

ERROR, WARNING, NOTHING = "error", "warning", None


def verdict(linter, text, code, lang):
    """The severity of the `code` finding on `text` (None: none), and its evidence's reasons."""
    found = [f for f in linter.lint(text, path="post.md", lang=lang, as_of="2026-11-25") if f.code == code]
    assert len(found) <= 1, found
    if not found:
        return None, []
    return str(found[0].severity), [e.reason for e in found[0].evidence]


# (reason, language, code, the post where the reason decides, its severity, the near miss, its severity)
CASES = [
    # for: a personal webmail domain
    (ev.WEBMAIL, "en", "PII-EMAIL", "Dana Ruiz, dana.ruiz@gmail.com, asked for the full report.", ERROR,
     "Dana Ruiz, dana.ruiz@northwind-traders.com, asked for the full report.", WARNING),
    (ev.WEBMAIL, "es", "PII-EMAIL", "Lucía Pérez, lucia.perez@gmail.com, pidió el informe completo.", ERROR,
     "Lucía Pérez, lucia.perez@northwind.es, pidió el informe completo.", WARNING),
    # for: a word that makes an address private
    (ev.PRIVATE, "en", "PII-EMAIL", "Got an angry email from dana.ruiz@northwind-traders.com about the outage.", ERROR,
     "Dana Ruiz (dana.ruiz@northwind-traders.com) will host the workshop.", WARNING),
    (ev.PRIVATE, "es", "PII-EMAIL", "Nos escribió un cliente desde pablo.gil@northwind.es quejándose del robot.", ERROR,
     "Pablo Gil (pablo.gil@northwind.es) presentará el taller.", WARNING),
    # against: an organisation's address offered to readers as a contact (a webmail one stays a person's)
    (ev.CONTACT, "en", "PII-EMAIL", "Questions? Write to ana.ruiz@northwind.com before Friday.", NOTHING,
     "Ana Ruiz: ana.ruiz@northwind.com", WARNING),
    (ev.CONTACT, "es", "PII-EMAIL", "¿Dudas? Escríbenos a ana.ruiz@northwind.es antes del viernes.", NOTHING,
     "Ana Ruiz: ana.ruiz@northwind.es", WARNING),
    (ev.WEBMAIL, "en", "PII-EMAIL", "Questions? Write to ana.ruiz@gmail.com before Friday.", ERROR,
     "Questions? Write to ana.ruiz@northwind.com before Friday.", NOTHING),
    (ev.WEBMAIL, "es", "PII-EMAIL", "¿Dudas? Escríbenos a ana.ruiz@gmail.com antes del viernes.", ERROR,
     "¿Dudas? Escríbenos a ana.ruiz@northwind.es antes del viernes.", NOTHING),
    # against: a code or config sample holds example data
    (ev.CODE, "en", "PII-EMAIL", "Set it up like this:\n\n```yaml\nowner: pablo.gil@gmail.com\n```\n", WARNING,
     "Set it up like this: the owner is pablo.gil@gmail.com.", ERROR),
    (ev.CODE, "es", "PII-EMAIL", "Configura así el fichero:\n\n```yaml\ncorreo: pablo.gil@gmail.com\n```\n", WARNING,
     "Configura así el fichero: el dueño es pablo.gil@gmail.com.", ERROR),
    (ev.CODE, "en", "PII-DOB", 'The record:\n\n```json\n{"date of birth": "03/12/1985"}\n```\n', WARNING,
     "Her date of birth is 03/12/1985, she told us.", ERROR),
    (ev.CODE, "es", "PII-DOB", 'Así queda el registro:\n\n```json\n{"fecha de nacimiento": "12/03/1985"}\n```\n', WARNING,
     "Su fecha de nacimiento es el 12/03/1985, nos dijo.", ERROR),
    # against: a social-media handle
    (ev.HANDLE, "en", "PII-EMAIL", "You can find me on Mastodon as @ana@hachyderm.io these days.", NOTHING,
     "You can find me these days: ana@hachyderm.io", WARNING),
    (ev.HANDLE, "es", "PII-EMAIL", "Búscame en Mastodon como @ana@mastodon.social estos días.", NOTHING,
     "Búscame estos días: ana@mastodon.social", WARNING),
    # against: a public contact block
    (ev.CONTACT_BLOCK, "en", "PII-EMAIL", "### Media Contact\n\nZoe Keaton\nNorthwind Foundation\nzkeaton@northwind.org\n",
     NOTHING, "Zoe Keaton\nNorthwind Foundation\nzkeaton@northwind.org\n", WARNING),
    (ev.CONTACT_BLOCK, "es", "PII-PHONE", "Contacto de prensa\nMaría López\nNorthwind\n+34 612 345 678\n", NOTHING,
     "María López\nNorthwind\n+34 612 345 678\n", ERROR),
    # against: a role mailbox named by the initials of a body the post names (a person's initials are not)
    (ev.ROLE, "en", "PII-EMAIL", "The Technical Steering Committee (tsc@northwind.org) reviews every report.", NOTHING,
     "Tim Scott Carter (tsc@northwind.org) reviews every report.", WARNING),
    (ev.ROLE, "es", "PII-EMAIL", "El Comité Técnico de Dirección (ctd@northwind.es) revisará la propuesta.", NOTHING,
     "Carlos Torres Díaz (ctd@northwind.es) revisará la propuesta.", WARNING),
    # for: someone else's number; against, capping: the author's own
    (ev.OWNER, "en", "PII-PHONE", "His cell is 212-867-0147.", ERROR, "My cell is 212-867-0147.", WARNING),
    (ev.OWNER, "es", "PII-PHONE", "Su móvil es el 612 345 678.", ERROR, "Mi móvil es el 612 345 678.", WARNING),
    # for: a person named before the number
    (ev.PERSON, "en", "PII-PHONE", "Tom Reyes, +1 212 867 0147", ERROR, "Front desk, +1 212 867 0147", WARNING),
    (ev.PERSON, "es", "PII-PHONE", "Tomás Reyes, +34 612 345 678", ERROR, "Recepción, +34 612 345 678", WARNING),
    # against, capping: the company's line offered to readers
    (ev.CONTACT, "en", "PII-PHONE", "Call us at 212-867-0147.", WARNING, "Call Tom at 212-867-0147.", ERROR),
    (ev.CONTACT, "es", "PII-PHONE", "Llámanos al 612 345 678.", WARNING, "Llama a Tomás al 612 345 678.", ERROR),
    # against, capping: a number reserved for fiction
    (ev.FICTIONAL, "en", "PII-PHONE", "Call Tom at 212-555-0147.", WARNING, "Call Tom at 212-867-0147.", ERROR),
    (ev.FICTIONAL, "es", "PII-PHONE", "Llama a Tomás al +44 7700 900456.", WARNING,
     "Llama a Tomás al +44 7700 812345.", ERROR),
    # against: the post says it is an example
    (ev.EXAMPLE, "en", "PII-PHONE", "For example, call Tom at 212-867-0147.", NOTHING, "Call Tom at 212-867-0147.", ERROR),
    (ev.EXAMPLE, "es", "PII-PHONE", "Por ejemplo, llama a Tomás al 612 345 678.", NOTHING,
     "Llama a Tomás al 612 345 678.", ERROR),
    (ev.EXAMPLE, "en", "CONF-PRIVATE-KEY",
     "```yaml\n# Sample RSA key, do not use it\nkey: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEAxIL9\n```\n",
     NOTHING, "```yaml\nkey: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEAxIL9\n```\n", ERROR),
    (ev.EXAMPLE, "es", "CONF-PRIVATE-KEY",
     "```yaml\n# Clave RSA de prueba: no la uséis\nclave: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEAxIL9\n```\n",
     NOTHING, "Nuestra clave:\n\n```yaml\nclave: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEAxIL9\n```\n",
     ERROR),
    (ev.EXAMPLE, "en", "PII-EMAIL", 'For example, "Donald.Duck@gmail.com" and "donaldduck@gmail.com" are one account.',
     NOTHING, '"Donald.Duck@gmail.com" wrote to us about his account.', ERROR),
    (ev.EXAMPLE, "en", "PII-IP", "As another example, Go's parser read\nthe IP address 18.032.4.011 as 18.32.4.11.",
     NOTHING, "Go's parser read the IP address 18.032.4.011 as 18.32.4.11.", WARNING),
    (ev.EXAMPLE, "es", "PII-IP", "Otro ejemplo: el analizador leía\nla dirección IP 18.032.4.011 como 18.32.4.11.",
     NOTHING, "El analizador leía la dirección IP 18.032.4.011 como 18.32.4.11.", WARNING),
    # for: a network word makes a dotted quad a host's address
    (ev.NETWORK, "en", "CONF-INTERNAL-IP", "The staging server is at 10.20.4.17.", ERROR,
     "We reached milestone 10.20.4.17 today.", NOTHING),
    (ev.NETWORK, "es", "CONF-INTERNAL-IP", "El servidor de staging está en 10.20.4.17.", ERROR,
     "Llegamos al hito 10.20.4.17 hoy.", NOTHING),
    (ev.NETWORK, "en", "PII-IP", "The attack came from 84.17.52.9 last night.", WARNING,
     "Roll the engine back to 84.17.52.9 tonight.", NOTHING),
    (ev.NETWORK, "es", "PII-IP", "El ataque vino de 84.17.52.9 anoche.", WARNING,
     "Volvemos al motor 84.17.52.9 esta noche.", NOTHING),
    # against: a version number
    (ev.VERSION, "en", "CONF-INTERNAL-IP", "The server now runs V8 version 10.1.124.8.", NOTHING,
     "The server now runs at 10.1.124.8.", ERROR),
    (ev.VERSION, "es", "CONF-INTERNAL-IP", "El servidor usa la versión 10.1.124.8 de V8.", NOTHING,
     "El servidor está en 10.1.124.8.", ERROR),
    # against: a section number
    (ev.SECTION, "en", "CONF-INTERNAL-IP", "See section 10.4.1.2 on the server rules.", NOTHING,
     "See the server 10.4.1.2 for the rules.", ERROR),
    (ev.SECTION, "es", "CONF-INTERNAL-IP", "Consulta la sección 10.4.1.2 sobre el servidor.", NOTHING,
     "Consulta el servidor 10.4.1.2 ahora.", ERROR),
    # against: an entry of a changelog (a commit title)
    (ev.CHANGELOG, "en", "CONF-INTERNAL-IP",
     "- **net**: bind the test server to 10.1.124.8 (Ana Ruiz) [#4273](https://github.com/acme/robots/pull/4273)",
     NOTHING, "- **net**: bind the test server to 10.1.124.8 on every box", ERROR),
    (ev.CHANGELOG, "es", "CONF-INTERNAL-IP",
     "- **red**: el servidor de pruebas escucha en 10.1.124.8 (Ana Ruiz) [#4273](https://github.com/acme/robots/pull/4273)",
     NOTHING, "- **red**: el servidor de pruebas escucha en 10.1.124.8 en cada máquina", ERROR),
    # against: a private address in a code sample is an example
    (ev.CODE, "en", "CONF-INTERNAL-IP", "```objc\nstatic const char *hosts[] = {\"10.12.1.67\"};\n```\n", NOTHING,
     "Our build host is 10.12.1.67.", ERROR),
    (ev.CODE, "es", "CONF-INTERNAL-IP", "Así:\n\n```objc\nstatic const char *hosts[] = {\"10.12.1.67\"};\n```\n", NOTHING,
     "Nuestra máquina de compilación es 10.12.1.67.", ERROR),
    # against: a host under a generic internal suffix in a code sample is an example
    (ev.CODE, "en", "CONF-INTERNAL-HOST", "```yaml\nurl: http://jenkins.build.corp/job/release\n```\n", NOTHING,
     "Grab the build from https://jenkins.build.corp/job/release today.", ERROR),
    (ev.CODE, "es", "CONF-INTERNAL-HOST", "Así:\n\n```yaml\nurl: http://jenkins.build.corp/job/release\n```\n", NOTHING,
     "Descarga la compilación de https://jenkins.build.corp/job/release hoy.", ERROR),
    # against: a published identifier is no secret
    (ev.IDENTIFIER, "en", "CONF-PASSWORD", "Resource leakage when decoding certificates and keys (CVE-2022-1473).", NOTHING,
     "The key: Zk82hd72Jsd9f0ss82", ERROR),
    (ev.IDENTIFIER, "es", "CONF-PASSWORD", "Las claves (CVE-2022-1473) están afectadas.", NOTHING,
     "La clave: Zk82hd72Jsd9f0ss82", ERROR),
    # against: a template filled in when the code runs
    (ev.TEMPLATE, "en", "CONF-PASSWORD", '```yaml\nkey: v1-deps-{{ checksum "Gemfile.lock" }}\n```\n', NOTHING,
     "```yaml\nkey: v1-deps-8f2a9c31d4\n```\n", ERROR),
    (ev.TEMPLATE, "es", "CONF-PASSWORD", "Así:\n\n```yaml\nclave: v1-deps-{{ checksum }}\n```\n", NOTHING,
     "Así:\n\n```yaml\nclave: v1-deps-8f2a9c31d4\n```\n", ERROR),
    # for: a marking written on the text; against: words about a marking, a changelog entry, a negation
    (ev.MARKING, "en", "CONF-MARKING", "Sharing the roadmap slide (internal only) because it's exciting!", ERROR,
     "We have dozens of applications, some outward-facing, some internal only.", NOTHING),
    (ev.MARKING, "es", "CONF-MARKING", "Os paso la hoja de ruta (solo uso interno) porque me hace ilusión.", ERROR,
     "Tenemos muchas aplicaciones: unas públicas, otras de solo uso interno en la intranet.", NOTHING),
    (ev.DESCRIBED, "en", "CONF-MARKING", "Full details are embargoed until new releases are available.", NOTHING,
     "EMBARGOED until new releases are available: full details below.", ERROR),
    (ev.DESCRIBED, "es", "CONF-MARKING", "Los detalles completos están bajo embargo hasta que salgan las versiones.",
     NOTHING, "Esto sigue bajo embargo hasta que salgan las versiones.", ERROR),
    (ev.CHANGELOG, "en", "CONF-MARKING",
     "- **dgram**: make _createSocketHandle() internal only, sharing it (cjihrig) [#21923](https://x.org/pull/21923)",
     NOTHING, "- **dgram**: sharing the socket slides (internal only)", ERROR),
    (ev.CHANGELOG, "es", "CONF-MARKING",
     "- **dgram**: comparto la función (solo uso interno) (cjihrig) [#21923](https://x.org/pull/21923)",
     NOTHING, "- **dgram**: comparto la presentación (solo uso interno)", ERROR),
    (ev.NEGATED, "en", "CONF-MARKING", "We never share our internal roadmap with partners.", NOTHING,
     "We share our internal roadmap with partners.", ERROR),
    (ev.NEGATED, "es", "CONF-MARKING", "Nunca compartimos nuestra hoja de ruta interna con socios.", NOTHING,
     "Compartimos nuestra hoja de ruta interna con socios.", ERROR),
]


@pytest.mark.parametrize("reason, lang, code, post, severity, near_miss, near_severity", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_reason_decides_on_both_sides(plain_linter, reason, lang, code, post, severity, near_miss,
                                           near_severity):
    got, reasons = verdict(plain_linter, post, code, lang)
    assert got == severity, (post, got, reasons)
    if severity is not None:
        assert reason in reasons  # the finding says why it was reported
    other, other_reasons = verdict(plain_linter, near_miss, code, lang)
    assert other == near_severity, (near_miss, other, other_reasons)
    assert reason not in other_reasons


@pytest.mark.parametrize("lang, post", [
    ("en", "The build host is 10.12.1.67.\n\n```\nserver 10.12.1.67\n```\n"),
    ("es", "La máquina de compilación es 10.12.1.67.\n\n```\nservidor 10.12.1.67\n```\n"),
])
def test_an_address_in_the_companys_networks_is_an_error_anywhere(lang, post):
    from linter import Linter

    configured = Linter({"company": {"networks": ["10.12.0.0/16"]}})
    found = [(f.match, str(f.severity), [e.reason for e in f.evidence])
             for f in configured.lint(post, path="post.md", lang=lang) if f.code == "CONF-INTERNAL-IP"]
    assert found == [("10.12.1.67", "error", [ev.COMPANY])] * 2  # in prose and in the code sample
    elsewhere = Linter({"company": {"networks": ["10.99.0.0/16"]}})
    assert [f.match for f in elsewhere.lint(post, path="post.md", lang=lang) if f.code == "CONF-INTERNAL-IP"] \
        == ["10.12.1.67"]  # the sample's private address is an example again


@pytest.mark.parametrize("lang, post", [
    ("en", "```yaml\nurl: https://wiki.corp.acme.example/page\n```\n"),
    ("es", "Así:\n\n```yaml\nurl: https://wiki.corp.acme.example/page\n```\n"),
])
def test_a_host_under_the_companys_internal_domains_is_an_error_anywhere(linter, lang, post):
    found = [(f.match, str(f.severity), [e.reason for e in f.evidence])
             for f in linter.lint(post, path="post.md", lang=lang) if f.code == "CONF-INTERNAL-HOST"]
    assert found == [("wiki.corp.acme.example", "error", [ev.COMPANY])]


def test_a_public_address_in_the_companys_networks_is_internal_not_someones():
    from linter import Linter

    configured = Linter({"company": {"networks": ["84.17.52.0/24"]}})
    found = {(f.code, f.match) for f in configured.lint("The VPN gateway is 84.17.52.9.", path="post.md")}
    assert found == {("CONF-INTERNAL-IP", "84.17.52.9")}


def test_decide_weighs_the_reasons():
    error = Severity.ERROR
    assert ev.decide(error, []) == Severity.WARNING  # nothing either way: a second look
    assert ev.decide(error, [], unsupported=None) is None
    assert ev.decide(error, [ev.LABEL]) == error
    assert ev.decide(Severity.WARNING, [ev.LABEL]) == Severity.WARNING  # never above the rule's
    assert ev.decide(error, [ev.LABEL, ev.OWN]) == Severity.WARNING  # capped
    assert ev.decide(error, [ev.LABEL, ev.CODE]) is None  # outweighed
    assert ev.decide(error, [ev.WEBMAIL, ev.CODE]) == Severity.WARNING  # strong evidence survives
    assert ev.decide(error, [ev.WEBMAIL, ev.VERSION]) is None  # ruled out
    assert ev.decide(error, [ev.COMPANY, ev.VERSION, ev.CODE]) == error  # the company's own values win
    assert ev.decide(error, [ev.CODE]) is None  # only against: nothing


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_reason_is_worded_in_every_language_without_the_post(lang):
    from linter import languages

    unit = languages.get(lang)
    worded = ev.worded(list(ev.REASONS), unit)
    assert [e.reason for e in worded] == list(ev.REASONS)
    assert all(e.text and e.side in (ev.FOR, ev.AGAINST) for e in worded)
    assert len({e.text for e in worded}) == len(worded)


def test_the_precision_page_describes_every_reason():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "precision.md").read_text(encoding="utf-8")
    assert [r for r in ev.REASONS if f"| `{r}` | {ev.REASONS[r].side} |" not in page] == []


@pytest.mark.parametrize("lang, text, code, found", [
    ("en", "    Session-ID: A746CC85733F16630CA9\n    Master-Key: 09EBFF52D4F673FA0FA5B6BD1151722CF9619771\n",
     "CONF-PASSWORD", False),  # a TLS session dump's field: "Master-Key" names another thing than a key
    ("en", "X-API-Key: Zk82hd72Jsd9f0ss82", "CONF-PASSWORD", True),  # "API key" is a label of the field
    ("en", "Secret key: 09EBFF52D4F673FA0FA5B6BD1151722CF9619771", "CONF-PASSWORD", True),
    ("en", "My own self-diagnosis at age 34 changed my life.", "PII-SENSITIVE-FACT", True),  # no field name
    ("es", "Pasa el límite como argumento de palabra clave: timeout=30s.", "CONF-PASSWORD", False),
    ("es", "La clave: timeout=30s.", "CONF-PASSWORD", True),
])
def test_a_label_inside_another_name_is_no_label(plain_linter, lang, text, code, found):
    assert (verdict(plain_linter, text, code, lang)[0] is not None) == found


JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lLW9wcyIsImlhdCI6MTczMjUzOTIwMH0."
       "kq3Vb7sXgR0n1mN9tYpL2wQzA8cE4uH6jKoF5dS1aB0")


@pytest.mark.parametrize("lang, given, sample", [
    ("en", f"Paste the session token into the decoder, e.g. {JWT} and read it.",
     f"Paste this sample token: {JWT} and read it."),
    ("es", f"Pega el token de sesión en el decodificador, por ejemplo {JWT} y léelo.",
     f"Pega este token de prueba: {JWT} y léelo."),
])
def test_a_secret_given_for_example_still_works_but_a_sample_is_none(plain_linter, lang, given, sample):
    assert verdict(plain_linter, given, "CONF-JWT", lang) == (ERROR, [ev.SHAPE])
    assert verdict(plain_linter, sample, "CONF-JWT", lang) == (None, [])


@pytest.mark.parametrize(("lang", "directive", "prose"), [
    ("en", "# postlint-disable-file quoted -- examples", "For example:"),
    ("es", "# postlint-disable-file quoted -- ejemplos", "Por ejemplo:"),
])
def test_a_directives_reason_is_not_the_posts_words(plain_linter, lang, directive, prose):
    line = "Dana Ruiz, dana.ruiz@gmail.com" if lang == "en" else "Lucía Pérez, lucia.perez@gmail.com"
    found = plain_linter.lint(f"{directive}\n{line}\n", path="post.txt", lang=lang, as_of="2026-11-25")
    assert [(f.line, str(f.severity)) for f in found if f.code == "PII-EMAIL"] == [(2, "error")]
    # near miss: the same word in the post's own opening line makes the address an example
    assert [f for f in plain_linter.lint(f"{prose}\n{line}\n", path="post.txt", lang=lang, as_of="2026-11-25")
            if f.code == "PII-EMAIL"] == []
