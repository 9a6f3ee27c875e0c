AS_OF = "2026-11-25"


def test_named_coworker_with_private_context(linter):
    found = linter.lint("Get well soon to Priya Natarajan, who is on medical leave after surgery.", as_of=AS_OF)
    assert [(f.code, f.match) for f in found] == [("PII-PERSON", "Priya Natarajan")]
    assert "medical leave" in found[0].message or "surgery" in found[0].message


def test_spokesperson_and_plain_mentions_are_fine(linter):
    assert linter.lint("Our CEO Maria Chen announced a bonus scheme for all staff.", as_of=AS_OF) == []
    assert linter.lint("Thanks to Alex Rivera for the great talk on Rust.", as_of=AS_OF) == []
