"""Codenames, customers and internal hosts come from the company's own config."""

import pytest

AS_OF = "2026-11-25"


@pytest.mark.parametrize("text, match", [
    ("falcon is coming", "falcon"),
    ("FALCON is coming", "FALCON"),
    ("Loving #ProjectNightjar", "ProjectNightjar"),
    ("Project-Nightjar is near", "Project-Nightjar"),
    ("N i g h t j a r soon", "N i g h t j a r"),
    ("N-i-g-h-t-j-a-r soon", "N-i-g-h-t-j-a-r"),
    ("Night\u200bjar soon", "Night\u200bjar"),
    ("F\u0430lcon soon", "F\u0430lcon"),        # Cyrillic а
    ("Ｆａｌｃｏｎ soon", "Ｆａｌｃｏｎ"),
])
def test_codenames_in_their_disguises(linter, text, match):
    found = [f for f in linter.lint(text, as_of=AS_OF) if f.code == "CONF-CODENAME"]
    assert [f.match for f in found] == [match]
    assert text[found[0].start:found[0].end] == match


def test_codename_is_fine_after_its_public_date(linter):
    assert linter.lint("Falcon is out!", as_of="2027-03-01") == []
    assert [f.code for f in linter.lint("Falcon is out!", as_of="2027-02-28")] == ["CONF-CODENAME"]


def test_public_customer_may_be_named_but_not_a_confidential_one(linter):
    codes = [(f.code, f.match) for f in linter.lint("Initech and Globex both signed.", as_of=AS_OF)]
    assert codes == [("CONF-CUSTOMER", "Globex")]


def test_internal_hosts_and_private_ips(linter):
    text = "See https://wiki.corp.acme.example/page and the host 10.1.2.3, not www.acme.example or 203.0.113.5."
    found = [(f.code, f.match) for f in linter.lint(text, as_of=AS_OF)]
    assert found == [("CONF-INTERNAL-HOST", "wiki.corp.acme.example"), ("CONF-INTERNAL-IP", "10.1.2.3")]


def test_without_a_company_nothing_company_specific_fires(plain_linter):
    assert plain_linter.lint("Falcon and Globex on wiki.corp.acme.example") == []
