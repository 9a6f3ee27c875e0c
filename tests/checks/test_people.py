import pytest

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


@pytest.mark.parametrize("text, match", [
    ("Before the offsite: I was diagnosed with diabetes last spring, so no dessert for me.",
     "was diagnosed with diabetes"),
    ("The device log has my diabetes history, please sync it.", "diabetes"),
    ("My medication list includes ibuprofen, from the app.", "medication"),
])
def test_the_authors_own_health_is_a_warning(linter, text, match):
    found = [(f.match, str(f.severity), f.message) for f in linter.lint(text, as_of="2026-11-25")
             if f.code == "PII-PERSON"]
    assert found == [(match, "warning", f"'{match}' is a private matter about yourself; once public, it stays public.")]


@pytest.mark.parametrize("text", [
    "We shipped a medication reminder for diabetic patients.",
    "Can I view my lists without adding prescriptions?",
    "I haven't mentioned exclusion based on race, gender, disability or other characteristics.",
    "She told me: \"my diabetes is worse this week\".",
    "I diagnosed the race condition with strace and fixed it.",
])
def test_health_words_the_author_does_not_claim_are_left_alone(linter, text):
    assert [f for f in linter.lint(text, as_of="2026-11-25") if f.code == "PII-PERSON"] == []
