"""The `hostility` kind: hostile statements read from lemma sets and the parse, both sides, en and es."""

from __future__ import annotations

import pytest

from linter import Linter
from linter.checks.hostility.lexicon import one_edit

HOSTILE_CODES = ("DER-HOSTILE-GROUP", "DER-HOSTILE-PEOPLE", "DER-THREAT-AIMED")


@pytest.fixture(scope="module")
def linters():
    return {"en": Linter({"rules": {"DER-OFFENSIVE": "off"}}),
            "es": Linter({"lang": "es", "rules": {"DER-OFFENSIVE": "off"}})}


def codes(linters, lang, text):
    return [f.code for f in linters[lang].lint(text) if f.code in HOSTILE_CODES]


@pytest.mark.parametrize("lang, text, code", [
    ("en", "I despise Muslims.", "DER-HOSTILE-GROUP"),                 # a verb no word list held
    ("en", "I can't stand immigrants.", "DER-HOSTILE-GROUP"),          # a tolerance verb, negated
    ("en", "Refugees? I can't stand them.", "DER-HOSTILE-GROUP"),      # a pronoun that points back
    ("en", "Women are never any good.", "DER-HOSTILE-GROUP"),          # a word of esteem, negated
    ("en", "Jews are no better than pigs.", "DER-HOSTILE-GROUP"),      # "no better than" denies nothing
    ("en", "Gay people are v3rmin.", "DER-HOSTILE-GROUP"),             # digits for letters
    ("en", "Immigrants are disugsting.", "DER-HOSTILE-GROUP"),         # two letters swapped
    ("en", "Lawyers are parasites.", "DER-HOSTILE-PEOPLE"),            # people the law does not protect
    ("en", "My landlord is a disgusting pig.", "DER-HOSTILE-PEOPLE"),
    ("en", "Refugees must be wiped out, every one of them.", "DER-THREAT-AIMED"),
    ("en", "I'm going to hurt the next immigrant I see.", "DER-THREAT-AIMED"),
    ("es", "Desprecio a los judíos.", "DER-HOSTILE-GROUP"),
    ("es", "No soporto a los gitanos como tú.", "DER-HOSTILE-GROUP"),
    ("es", "Aborrezco totalmente a las mujeres.", "DER-HOSTILE-GROUP"),
    ("es", "Estoy asqueado de todos los inmigrantes que hay por aquí.", "DER-HOSTILE-GROUP"),
    ("es", "¿Conoces a los gitanos? No los soporto.", "DER-HOSTILE-GROUP"),
    ("es", "Los musulmanes son e s c o r i a.", "DER-HOSTILE-GROUP"),
    ("es", "Los abogados son unos parásitos asquerosos.", "DER-HOSTILE-PEOPLE"),
    ("es", "Me das asco, Marcos.", "DER-HOSTILE-PEOPLE"),
    ("es", "Voy a matar a todos los musulmanes.", "DER-THREAT-AIMED"),
    ("es", "Queremos quemar las casas de los gitanos.", "DER-THREAT-AIMED"),
    ("en", "The rest of the immigrants are disgusting.", "DER-HOSTILE-GROUP"),  # a quantity of them
    ("en", "The children of immigrants are disgusting.", "DER-HOSTILE-GROUP"),  # people of them
    ("es", "El resto de los musulmanes son asquerosos.", "DER-HOSTILE-GROUP"),
])
def test_hostile_statements_are_found(linters, lang, text, code):
    assert code in codes(linters, lang, text)


@pytest.mark.parametrize("lang, text", [
    ("en", "I don't hate Muslims."),                      # negated hatred
    ("en", "Nobody should hate immigrants."),
    ("en", "Immigrants are tired of discrimination."),    # the group feels, it is not the object
    ("en", "Many black people can't stand racism."),
    ("en", "Saying women are animals is disgusting."),    # reported to counter it
    ("en", "\"Jews are parasites\" is a hateful lie."),   # quoted to counter it
    ("en", "Hate against refugees has no place here."),   # a hatred named, not stated
    ("en", "I hate this printer."),                       # abuse of an object
    ("en", "Kill the old worker thread and restart it."),  # a person noun modifying a thing
    ("en", "Trans people are welcome at our café."),
    ("es", "No odio a nadie."),
    ("es", "No odio a los inmigrantes."),
    ("es", "Las mujeres están hartas de la discriminación."),
    ("es", "Los gitanos odian que los insulten."),
    ("es", "Decir que los gitanos son animales es repugnante."),
    ("es", "Odio la nueva actualización."),
    ("es", "Mata el proceso hijo y vuelve a lanzarlo."),
    ("es", "Las personas trans son bienvenidas en nuestra cafetería."),
    ("en", "The documentation of the users was useless."),  # said of a thing the target only modifies
    ("es", "La interfaz de usuario era inútil en pantallas pequeñas, así que la rehicimos."),
])
def test_near_misses_stay_clean(linters, lang, text):
    assert codes(linters, lang, text) == []


@pytest.mark.parametrize("a, b, expected", [
    ("dsepise", "despise", True),    # swapped
    ("disgustng", "disgusting", True),  # dropped
    ("trans", "trash", False),       # two edits, though a deletion of each matches
    ("scmu", "scum", True),
    ("taste", "waste", True),        # one edit: why a real word is never read as a disguise
])
def test_one_edit(a, b, expected):
    assert one_edit(a, b) is expected


def test_a_real_word_is_never_read_as_a_disguise(linters):
    assert codes(linters, "en", "Tourists have good taste.") == []


def test_the_offensive_model_is_vetoed_where_the_parse_finds_no_statement():
    """DER-OFFENSIVE on: its reading of a denied or reported hostility is no finding."""
    linter = Linter({})
    for text in ("I don't hate immigrants, and nobody should.", "Saying Muslims are animals is disgusting."):
        assert [f.code for f in linter.lint(text) if f.category == "derogatory"] == [], text


# Words in their technical or everyday sense on published blogs, each beside the statement it is not.
@pytest.mark.parametrize("lang, hostile, everyday", [
    ("en", "You are lazy and useless.", "Can you do lazy loading of the images?"),            # said of a thing
    ("en", "You are lazy and useless.", "You must maintain backward compatibility for clients."),
    ("en", "I can't bear those people.", "Those changes don't have bearing on your users."),   # a gerund as a noun
    ("en", "We don't want immigrants here.", "We don't want to encourage everybody to write code in this style."),
    ("en", "I know where the immigrants live.", "She didn't know where he was living at the time."),      # not the speaker's
    ("en", "Women are never any good.", "If you skip the cache, it wasn't nearly as good."),   # a comparison
    ("en", "Immigrants are not any good.", "List the things they might not be so good at."),   # a possibility
    ("es", "No queremos gitanos aquí.", "No queremos animar a todos a escribir código así aquí."),
])
def test_everyday_sense_stays_clean_beside_its_statement(linters, lang, hostile, everyday):
    assert codes(linters, lang, hostile), hostile
    assert codes(linters, lang, everyday) == [], everyday
