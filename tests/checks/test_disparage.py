"""`disparage`: a pejorative the dependency parse ties to a target, and the near misses it leaves alone."""

import pytest

RULE = """\
- code: DER-TEST
  category: derogatory
  severity: error
  kind: disparage
  terms: [garbage, junk, idiot, clueless, stupid, joke, suck, dumb]
  targets:
    - {name: customers, terms: [customer, user], company: customers}
    - {name: a competitor, terms: [competitor, "their product"], company: competitors}
  message: "'{match}' disparages {target}."
  why: w
"""
COMPANY = {"customers": ["Globex"], "competitors": [{"name": "Initrode", "aliases": ["Initrode Systems"]}]}


@pytest.fixture(scope="module")
def disparage_linter(tmp_path_factory):
    from linter import Linter

    pack = tmp_path_factory.mktemp("pack") / "pack.yaml"
    pack.write_text("rules:\n" + "\n".join("  " + line for line in RULE.splitlines()), encoding="utf-8")
    return Linter({"packs": [str(pack)], "company": COMPANY})


def messages(linter, text):
    return [f.message for f in linter.lint(text)]


@pytest.mark.parametrize(("text", "message"), [
    ("Their product is garbage.", "'Their product is garbage' disparages a competitor."),
    ("Our customers are idiots who never read the docs.", "'customers are idiots' disparages customers."),
    ("Honestly, most users are clueless.", "'users are clueless' disparages customers."),
    ("Initrode's robots are junk.", "'Initrode's robots are junk' disparages a competitor."),
    ("Their product is a total piece of garbage.",
     "'Their product is a total piece of garbage' disparages a competitor."),
    ("Our customers are lazy and stupid.", "'customers are lazy and stupid' disparages customers."),
    ("We call our customers idiots behind their backs.", "'customers idiots' disparages customers."),
    ("Their product sucks.", "'Their product sucks' disparages a competitor."),
    ("Globex is a joke.", "'Globex is a joke' disparages customers."),
])
def test_a_pejorative_said_of_a_target(disparage_linter, text, message):
    assert messages(disparage_linter, text) == [message]


@pytest.mark.parametrize("text", [
    "Their product's garbage collector pauses less than ours.",   # a modifier, not a verdict
    "The user interface was clueless about small screens, so we rebuilt it.",  # "user" modifies
    "Users felt stupid when the installer failed, so we fixed it.",  # a feeling, not a verdict
    "Their product is not garbage: it runs half the factories here.",  # negated
    "Customers wrote in. The garbage truck blocked the loading bay.",  # another sentence
    "Our competitors ship good arms too.",
    "Their product is a dumb pipe for sensor data.",  # a modifier: a kind of pipe, no verdict on it
])
def test_near_misses_stay_clean(disparage_linter, text):
    assert messages(disparage_linter, text) == []


def test_the_config_names_competitors_and_customers(pack_linter):
    linter = pack_linter(RULE)
    assert messages(linter, "Initrode's robots are junk.") == []  # no company configured: just a name
    assert messages(linter, "Initrode Systems is a joke.") == []


def test_competitors_in_the_config_are_validated(tmp_path):
    from linter.config import load_config
    from linter.errors import ConfigError

    path = tmp_path / "postlint.yaml"
    path.write_text("company:\n  competitors:\n    - {name: Initrode, alias: [I]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="alias"):
        load_config(path)
    path.write_text("company:\n  competitors: [Initrode, {name: Umbrella, aliases: [Umbrella Corp]}]\n",
                    encoding="utf-8")
    assert [c.names for c in load_config(path).company.competitors] == [("Initrode",), ("Umbrella", "Umbrella Corp")]


# Spanish posts: the built-in rules' Spanish blocks, read on the Spanish model's Universal
# Dependencies parse (the predicate heads its copula; "no" is an advmod).
def es_disparaged(linter, text):
    return [(f.code, f.match) for f in linter.lint(text, lang="es") if f.code.startswith("DER-DISPARAGE")]


@pytest.mark.parametrize(("text", "found"), [
    ("Su producto es basura y su soporte, peor.", ("DER-DISPARAGE-COMPETITOR", "Su producto es basura")),
    ("Los robots de Initrode son chatarra.", ("DER-DISPARAGE-COMPETITOR", "Initrode son chatarra")),
    ("Los usuarios son unos negados.", ("DER-DISPARAGE-CUSTOMER", "usuarios son unos negados")),
    ("Nuestros clientes son lentos y tontos.", ("DER-DISPARAGE-CUSTOMER", "clientes son lentos y tontos")),
])
def test_spanish_pejoratives_said_of_a_target(linter, text, found):
    assert es_disparaged(linter, text) == [found]


@pytest.mark.parametrize("text", [
    "Su app no es un juguete: funciona en la mitad de las fábricas de la región.",  # negated
    "Los usuarios no son tontos: si no encuentran un botón, el botón está mal puesto.",
    "La interfaz de usuario era inútil en pantallas pequeñas, así que la rehicimos.",  # a kind of interface
    "El recolector de basura de su producto hace pausas más cortas que el nuestro.",  # a modifier
    "Nuestros clientes pidieron el modo oscuro y hoy ya está disponible.",
])
def test_spanish_near_misses_are_left_alone(linter, text):
    assert es_disparaged(linter, text) == []
