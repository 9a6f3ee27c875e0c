"""Checksums and validity tests, each on values that pass and values one digit away that fail."""

from __future__ import annotations

import pytest

from linter.checks._validators import VALIDATORS
from linter.checks.labelled.values import is_placeholder
from linter.languages import en, es


@pytest.mark.parametrize("name, good, bad", [
    ("luhn", "4111 1111 1111 1111", "4111 1111 1111 1112"),
    ("iban", "ES91 2100 0418 4502 0005 1332", "ES91 2100 0418 4502 0005 1333"),
    ("imei", "35-209900-176148-1", "35-209900-176148-2"),
    ("aba", "021000021", "021000022"),
    ("us_ssn", "219-09-9999", "666-09-9999"),
    ("us_ssn", "078-05-1120", "219-00-9999"),
    ("es_id", "48215731A", "48215731B"),
    ("es_id", "X1234567L", "X1234567B"),
    ("es_id", "Y2098761W", "Y209876W"),
    ("es_nss", "28/12345678/40", "28/12345678/41"),
    ("mac", "00:1B:63:84:45:E6", "00:1A:4W:7D:4C:4E"),
    ("mac", "001b.6384.45e6", "00:00:00:00:00:00"),
    ("bic", "BBVAESMMXXX", "BBVAQQMMXXX"),
    ("coordinates", "40.4168 N, 3.7038 W", "140.4168 N, 3.7038 W"),
    ("coordinates", "40°24′N 3°42′W", "0.0000, 0.0000"),
    ("date", "29 February 1992", "29 February 1991"),
    ("date", "14 de marzo de 1931", "31/02/1990"),
    ("date", "12/25/1985", "25/25/1985"),
    ("date", "1990-03-14", "03/14/31"),
])
def test_validator_tells_real_from_lookalike(name, good, bad):
    check = VALIDATORS[name]
    assert check(good) and not check(bad)


@pytest.mark.parametrize("value", ["XXX-XX-XXXX", "****1234", "•••• 4242", "<password>", "[redacted]", "{{token}}",
                                   "${DB_PASSWORD}", "%API_KEY%", "YOUR_API_KEY", "0000 0000 0000 0000", "1111",
                                   "...", "n/a", "changeme"])
def test_placeholders(value):
    assert is_placeholder(value, en.UNIT)


@pytest.mark.parametrize("unit, word", [(en.UNIT, "redacted"), (es.UNIT, "oculto"), (es.UNIT, "ejemplo")])
def test_each_language_names_its_hidden_values(unit, word):
    assert is_placeholder(word, unit)
    assert not is_placeholder(word, en.UNIT if unit is es.UNIT else es.UNIT)


@pytest.mark.parametrize("value", ["4111 1111 1111 1111", "Tagus#2026", "078-05-1120", "X1234567L", "1234"])
def test_real_values_are_not_placeholders(value):
    assert not is_placeholder(value, en.UNIT)
