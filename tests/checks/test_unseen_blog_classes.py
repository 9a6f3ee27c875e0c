"""Finding classes met on published blogs nobody here had read (issue 10, round 2), each on both
sides: the published sentence that must stay clean, and the leak or claim next to it that must not."""

import pytest


def found(linter, text):
    return {(f.code, f.match) for f in linter.lint(text, path="post.md", as_of="2026-11-25")}


@pytest.mark.parametrize("text", [
    "We have released the uri gem version 0.12.1, 0.11.1, 0.10.2 and 0.10.0.1 that has a security fix.",
    "* For Ruby 2.7: Update to `uri` 0.10.0.1\n* For Ruby 3.0: Update to `uri` 0.10.2",
    "```\n$ host 18f.gsa.gov\nd42vcigf8s480.cloudfront.net has address 52.85.89.103\n```",
    "example.org.  3600  IN  A  93.184.216.34",
])
def test_versions_and_published_dns_records_are_no_ones_address(linter, text):
    assert not {c for c, _ in found(linter, text)} & {"PII-IP"}


@pytest.mark.parametrize("text", [
    "The attack came from 84.17.52.9, the customer's office router.",
    "Upgrade to 2.3 after you block 84.17.52.9 at the firewall.",
    "The login came from 84.17.52.9 at 10.30 on Monday.",
    "Her home IP address: 84.17.52.9",
])
def test_an_address_beside_a_number_that_is_no_version_is_still_reported(linter, text):
    assert ("PII-IP", "84.17.52.9") in found(linter, text)


def test_a_thanked_person_address_is_a_credit(linter):
    text = "## Credits\n\nThanks to Christian Hofstaedtler <zeha@debian.org> for reporting this issue!\n"
    assert found(linter, text) == set()


@pytest.mark.parametrize("text", [
    "Thanks to our customer. Reach Jane at jane.doe@gmail.com for a preview.",
    "Thanks! Email jane.doe@gmail.com for the slides.",
    "thanks to christian hofstaedtler jane.doe@gmail.com",
])
def test_an_address_after_a_thanks_that_credits_no_name_is_reported(linter, text):
    assert ("PII-EMAIL", "jane.doe@gmail.com") in found(linter, text)


@pytest.mark.parametrize("text", [
    "Broadly supported software is practically risk-free and very convenient.",
    "Discount the cash flows at the risk-free rate plus a premium.",
    "Commodity hosting almost never fails these days.",
])
def test_hedged_or_technical_risk_words_are_no_guarantee(linter, text):
    assert not {c for c, _ in found(linter, text)} & {"CLAIM-GUARANTEE"}


@pytest.mark.parametrize("text", [
    "A risk-free way to grow your savings.",
    "Our backup service never fails.",
])
def test_unhedged_guarantees_are_reported(linter, text):
    assert "CLAIM-GUARANTEE" in {c for c, _ in found(linter, text)}


@pytest.mark.parametrize("text", [
    "- **A few hours**: the fastest time it took to turn around a winning auction",
    "Manual reviews should be completed at the fastest pace possible.",
])
def test_a_superlative_that_reports_a_measurement_is_no_ranking(linter, text):
    assert not {c for c, _ in found(linter, text)} & {"CLAIM-SUPERLATIVE"}


def test_a_superlative_said_of_a_product_is_reported(linter):
    assert ("CLAIM-SUPERLATIVE", "the fastest") in found(linter, "Acme Vault is the fastest database on the market.")


def test_a_quoted_word_advised_against_is_mentioned_not_used(linter):
    text = "Don\u2019t refer to \u201chandicapped people,\u201d but \u201cpeople living with a disability\u201d or similar."
    assert found(linter, text) == set()


@pytest.mark.parametrize("text", [
    "The handicapped guy in accounting slows us all down.",
    "Our new intern is a total \"psycho\" and everyone knows it.",
    "Don't hire that psycho, he's the people's worst pick.",
])
def test_a_word_used_of_someone_is_still_reported(linter, text):
    assert "DER-ABLEIST" in {c for c, _ in found(linter, text)}
