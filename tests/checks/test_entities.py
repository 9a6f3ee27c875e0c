def test_presidio_entities_share_our_parse(linter):
    text = "Mail jane.doe@gmail.com or call 212-555-0147. Card 4111 1111 1111 1111."
    found = {(f.code, f.match) for f in linter.lint(text, as_of="2026-11-25")}
    assert found == {("PII-EMAIL", "jane.doe@gmail.com"), ("PII-PHONE", "212-555-0147"),
                     ("PII-CARD", "4111 1111 1111 1111")}


def test_documentation_addresses_are_not_personal_data(linter):
    text = "Log in as admin@example.com or user@test.example, then ping 192.0.2.7 and 127.0.0.1."
    assert linter.lint(text, as_of="2026-11-25") == []


def test_unlabelled_card_numbers_must_pass_the_checksum(linter):
    assert [f.code for f in linter.lint("Build 4111 1111 1111 1112 passed.", as_of="2026-11-25")] == []
    assert [f.code for f in linter.lint("Build 4111 1111 1111 1111 passed.", as_of="2026-11-25")] == ["PII-CARD"]
