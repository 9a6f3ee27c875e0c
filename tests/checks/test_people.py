AS_OF = "2026-11-25"


def test_named_coworker_with_private_context(linter):
    found = linter.lint("Get well soon to Priya Natarajan, who is on medical leave after surgery.", as_of=AS_OF)
    assert [(f.code, f.match) for f in found] == [("PII-PERSON", "Priya Natarajan")]
    assert "medical leave" in found[0].message or "surgery" in found[0].message


def test_spokesperson_and_plain_mentions_are_fine(linter):
    assert linter.lint("Our CEO Maria Chen announced a bonus scheme for all staff.", as_of=AS_OF) == []
    assert linter.lint("Thanks to Alex Rivera for the great talk on Rust.", as_of=AS_OF) == []


def test_parse_ties_name_to_matter_across_a_pronoun_and_through_pay(linter):
    found = linter.lint("Please keep Sarah Miller in your thoughts. She starts chemo on Monday.", as_of=AS_OF)
    assert [(f.code, f.match) for f in found] == [("PII-PERSON", "Sarah Miller")]
    found = linter.lint("Just found out Emma Lindqvist on the platform team makes $185k.", as_of=AS_OF)
    assert [f.match for f in found if f.code == "PII-PERSON"] == ["Emma Lindqvist"]


def test_public_roles_and_ner_slips_are_not_people(plain_linter):
    assert plain_linter.lint("Our CFO, Julia Brandt, presented the new parental leave policy.", as_of=AS_OF) == []
    assert plain_linter.lint("We are demoting the target to Tier 2 after the review.", as_of=AS_OF) == []
