"""The public edition's masking (linter/policy/public.py): every withheld value, in any disguise."""

from __future__ import annotations

import pytest

from linter.config import Config, load_config, parse_config
from linter.policy.en import TEXTS
from linter.policy.public import PublicEdition, withheld_values
from linter.yamlio import Mark

from conftest import CORPUS_CONFIG

CORPUS = load_config(CORPUS_CONFIG)


@pytest.fixture(scope="module")
def public() -> PublicEdition:
    return PublicEdition(CORPUS, TEXTS.withheld)


def test_withheld_values_are_every_codename_alias_private_customer_and_internal_domain():
    company = CORPUS.company
    expected = {n for c in company.codenames for n in c.names}
    expected |= {n for c in company.customers if not c.public for n in c.names}
    expected |= set(company.internal_domains)
    assert {v.text for v in withheld_values(CORPUS)} == expected
    assert "Initech" not in expected and "acme.example" not in expected  # public: may be printed


@pytest.mark.parametrize(("text", "kind"), [
    ("Falcon ships soon", "codename"),
    ("FALCON ships soon", "codename"),
    ("our Falcons", "codename"),
    ("So proud of #ProjectNightjar!", "codename"),
    ("project-nightjar is late", "codename"),
    ("Sneak peek of N i g h t j a r today", "codename"),
    ("Sneak peek of N-i-g-h-t-j-a-r today", "codename"),
    ("Night\u200bjar demo", "codename"),                 # a zero-width space inside
    ("F\u0430lcon demo", "codename"),                    # Cyrillic a
    ("Kestrel is out", "codename"),                      # launched, but the policy has no date
    ("the globex corporation deal", "customer"),
    ("#UmbrellaHealth moves to us", "customer"),
    ("see https://jenkins.CORP.acme.example/job/1", "internal_domain"),
    ("grafana.acme.internal shows it", "internal_domain"),
])
def test_every_disguise_is_replaced_by_its_description(public, text, kind):
    masked = public.mask(text)
    assert TEXTS.withheld[kind] in masked
    assert public.leaks(masked) == []
    assert public.leaks(text) == [kind]


@pytest.mark.parametrize("text", [
    "Initech shared how they cut build times in half.",
    "Visit acme.example for the release notes.",
    "A large logistics customer cut costs by a third.",
    "We shipped faster builds this week.",
])
def test_public_values_and_plain_text_stay_as_they_are(public, text):
    assert public.mask(text) == text
    assert not public.mentions(text)


def test_a_host_is_withheld_whole_and_the_rest_of_the_url_kept(public):
    assert public.mask("Grab it from https://jenkins.corp.acme.example/job/release.") == \
        "Grab it from https://[internal host]/job/release."


def test_overlapping_names_become_one_description(public):
    assert public.mask("Globex Corporation signed") == "[confidential customer] signed"
    assert public.mask("Project Nightjar and Nightjar") == "[unreleased product] and [unreleased product]"


def test_values_marked_confidential_are_withheld_with_any_spacing():
    public = PublicEdition(Config(confidential=("Write to #comms-review on chat.",)), TEXTS.withheld)
    masked = public.mask("Questions? Write  to #COMMS-review\non chat. Thanks.")
    assert masked == "Questions? [confidential] Thanks."


def test_a_description_that_holds_a_codename_is_not_a_leak():
    config = parse_config({"company": {"codenames": ["Product"]}}, None, Mark("<config>", 1, 1))
    public = PublicEdition(config, TEXTS.withheld)
    masked = public.mask("Product launch: the Product is ready.")
    assert "Product" not in masked.replace(TEXTS.withheld["codename"], "")
    assert public.leaks(masked) == []
