"""`labelled`: sensitive values a post states outright, found by what the post calls them."""

from __future__ import annotations

import pytest
from conftest import AS_OF

from linter.errors import ConfigError

# A small rule of our own: one field with a checksum, one that needs a companion.
CARD = """
- code: PII-TEST-CARD
  category: pii
  severity: error
  kind: labelled
  own_severity: warning
  message: "'{match}' is {a_field}."
  unverified_message: "'{match}' looks like {a_field}."
  own_message: "'{match}' is your own {field}."
  fields:
    - name: card number
      labels: {en: [card, card number], es: [tarjeta]}
      weak_labels: [paid with]
      value: '\\d(?:[ \\-]?\\d){11,18}'
      validate: luhn
      bare: '(?:\\d{4} ){3}\\d{4}'
    - name: expiry date
      labels: [exp, expiry]
      value: '\\d{2}/\\d{2}'
      alongside: true
  why: w
"""


def found(linter, text, lang="en"):
    return [(f.code, f.match, str(f.severity)) for f in linter.lint(text, as_of=AS_OF, lang=lang)]


def test_a_strong_label_reports_a_value_of_the_fields_shape(pack_linter):
    linter = pack_linter(CARD)
    assert found(linter, "Process with card 4111 1111 1111 1111 today.") == [
        ("PII-TEST-CARD", "4111 1111 1111 1111", "error")]
    assert found(linter, "The card number is: 4111-1111-1111-1111.") == [
        ("PII-TEST-CARD", "4111-1111-1111-1111", "error")]


def test_a_failed_checksum_after_a_strong_label_still_counts_and_says_so(pack_linter):
    (finding,) = pack_linter(CARD).lint("Process with card 4916 6418 5936 9085, thanks.")
    assert finding.message == "'4916 6418 5936 9085' looks like a card number."


def test_without_a_label_or_with_a_weak_one_the_checksum_must_pass(pack_linter):
    linter = pack_linter(CARD)
    assert found(linter, "Build 4916 6418 5936 9085 passed.") == []  # bare shape, bad checksum
    assert [m for _, m, _ in found(linter, "Build 4111 1111 1111 1111 passed.")] == ["4111 1111 1111 1111"]
    assert found(linter, "She paid with 4916641859369085 yesterday.") == []
    assert [m for _, m, _ in found(linter, "She paid with 4111111111111111 yesterday.")] == ["4111111111111111"]


def test_only_linking_words_may_stand_between_label_and_value(pack_linter):
    linter = pack_linter(CARD)
    assert found(linter, "The card that won in 4916 6418 5936 9085 shows.") == []
    assert found(linter, "Her card, not 4916 6418 5936 9085, was declined.") == []
    assert found(linter, "The card\n\n4916 6418 5936 9085 is another paragraph.") == []


def test_a_companion_field_needs_its_companion_and_shares_its_owner(pack_linter):
    linter = pack_linter(CARD)
    assert found(linter, "The coupon is valid until exp 03/28.") == []
    assert found(linter, "My card 4111 1111 1111 1111, exp 03/28.") == [
        ("PII-TEST-CARD", "4111 1111 1111 1111", "warning"), ("PII-TEST-CARD", "03/28", "warning")]


def test_labels_are_per_language(pack_linter):
    linter = pack_linter(CARD)
    assert found(linter, "Pagó con la tarjeta 4916 6418 5936 9085.", lang="es") == [
        ("PII-TEST-CARD", "4916 6418 5936 9085", "error")]
    assert found(linter, "Pagó con la tarjeta 4916 6418 5936 9085.", lang="en") == []


def test_labels_match_in_any_case_and_number(pack_linter):
    linter = pack_linter(CARD.replace("[card, card number]", "[card number]"))
    assert [m for _, m, _ in found(linter, "CARD NUMBERS: 4916 6418 5936 9085")] == ["4916 6418 5936 9085"]


@pytest.mark.parametrize("text", [
    "Your card is stored as ****-****-****-1111.",
    "Use card XXXX XXXX XXXX 1111 in the form.",
    "The card number is <card-number> in the template.",
    "The test card 4111 1111 1111 1111 always works in the sandbox.",
    "Card 4111 1111 1111 1111 for demo purposes only.",
    "Card 0000 0000 0000 0000 is rejected.",
])
def test_placeholders_masks_and_dummies_are_not_values(pack_linter, text):
    assert found(pack_linter(CARD), text) == []


def test_the_authors_own_value_is_a_warning_with_its_own_message(pack_linter):
    (finding,) = pack_linter(CARD).lint("Oops, my card 4111 1111 1111 1111 is on the slide.")
    assert (str(finding.severity), finding.message) == ("warning", "'4111 1111 1111 1111' is your own card number.")


@pytest.mark.parametrize("text", [
    "His card 4111 1111 1111 1111 was charged twice.",
    "The customer's card 4111 1111 1111 1111 was charged twice.",
    "She wrote: \"my card 4111 1111 1111 1111 was charged twice\".",
    "Customer: my card 4111 1111 1111 1111 was charged twice.",
    "The customer pasted my card 4111 1111 1111 1111 in the chat, she says.",
])
def test_someone_elses_value_or_quoted_words_are_errors(pack_linter, text):
    assert [s for _, _, s in found(pack_linter(CARD), text)] == ["error"]


def test_own_severity_never_exceeds_the_rules(pack_linter):
    linter = pack_linter(CARD.replace("severity: error", "severity: info"))
    assert [s for _, _, s in found(linter, "my card 4111 1111 1111 1111")] == ["info"]


def test_company_public_numbers_are_never_reported(linter, plain_linter):
    """corpus/postlint.yaml publishes a switchboard and a donations IBAN; without it they are findings."""
    donations = "Donations go to our account ES76 2077 0024 0031 0257 5766. Thanks!"
    switchboard = "Call the Madrid office on 910 555 123 for anything urgent."
    assert found(linter, donations) == [] and found(linter, switchboard) == []
    assert [c for c, _, _ in found(plain_linter, donations)] == ["PII-IBAN"]
    assert [c for c, _, _ in found(plain_linter, switchboard)] == ["PII-PHONE"]


@pytest.mark.parametrize("rule, problem", [
    (CARD.replace("    - name: expiry date", "    - nmae: x\n      name: expiry date"), "unknown key 'nmae'"),
    (CARD.replace("value: '\\d{2}/\\d{2}'", "value: '(\\d'"), "invalid regular expression"),
    (CARD.replace("      validate: luhn\n", ""), "weak labels but no checksum"),
    (CARD.replace("validate: luhn", "validate: date"), "weak labels but no checksum"),
    (CARD.replace("      labels: [exp, expiry]\n", "      labels: [exp, expiry]\n      group: year\n"),
     "has no group"),
    (CARD.replace("{en: [card, card number], es: [tarjeta]}", "{en: [card], fr: [carte]}"), "unknown key 'fr'"),
    (CARD.replace("message: \"'{match}' is your own {field}.\"", "message: \"{who}\""), "unknown placeholder"),
])
def test_rule_options_are_validated_at_load(pack_linter, rule, problem):
    with pytest.raises(ConfigError) as info:
        pack_linter(rule)
    assert problem in str(info.value)


# The shipped rules, on sentences people really write.

@pytest.mark.parametrize("text, code, match", [
    ("For verification, my SSN is 078-05-1120, please process it.", "PII-NATIONAL-ID", "078-05-1120"),
    ("Her driver's license is CA1234567, on file with HR.", "PII-NATIONAL-ID", "CA1234567"),
    ("Tom's passport number is 563219874.", "PII-NATIONAL-ID", "563219874"),
    ("La clienta nos dio su DNI 71234567W ayer.", "PII-NATIONAL-ID", "71234567W"),
    ("My bank account is 09884624524, routing 021000021.", "PII-BANK-ACCOUNT", "021000021"),
    ("Refund to sort code 40-47-84, account 70872490.", "PII-BANK-ACCOUNT", "40-47-84"),
    ("The PIN for locker 12 is 7403.", "CONF-PASSWORD", "7403"),
    ("The login pass is Summer2025! for now.", "CONF-PASSWORD", "Summer2025"),
    ("The verification code 731904 was on screen.", "CONF-PASSWORD", "731904"),
    ("Phone IMEI 352099001761481 keeps rebooting.", "PII-DEVICE-ID", "352099001761481"),
    ("Add MAC address 00:1B:63:84:45:E6 to the allowlist.", "PII-DEVICE-ID", "00:1B:63:84:45:E6"),
    ("The tracker put the bike at 41.3851 N, 2.1734 E last night.", "PII-COORDINATES", "41.3851 N, 2.1734 E"),
    ("Customer story: Henry Okafor, born June 2, 1948, runs a bakery.", "PII-DOB", "June 2, 1948"),
])
def test_shipped_rules_find_stated_values(linter, text, code, match):
    assert (code, match) in [(c, m) for c, m, _ in found(linter, text, lang="es" if "DNI" in text else "en")]


@pytest.mark.parametrize("text, lang", [
    ("Rust 1.0 shipped on May 15, 2015 after years of work.", "en"),
    ("The company was born on 1 April 2016 in Leeds.", "en"),
    ("Pin serde to =1.0.197 and rebuild.", "en"),
    ("Your password must be at least 12 characters long.", "en"),
    ("The app sends a six-digit one-time code by SMS.", "en"),
    ("We hiked to the summit of Teide at 28.2724 N, 16.6425 W.", "en"),
    ("Port 8443, commit 9f3c2a1e, build 20260311 and version 2.4.1 are in the notes.", "en"),
    ("Log in to AWS account 123456789012 in this tutorial.", "en"),
    ("El proyecto nació el 5 de mayo de 2021 como prueba.", "es"),
    ("La contraseña debe tener al menos 12 caracteres.", "es"),
    ("Nuestro teléfono de atención es el 900 100 200, gratuito.", "es"),
])
def test_shipped_rules_leave_near_misses_alone(linter, text, lang):
    assert [f for f in linter.lint(text, as_of=AS_OF, lang=lang) if f.category in ("pii", "confidential")] == []


def test_a_date_of_birth_needs_a_person_who_was_born(linter):
    assert found(linter, "Priya was born on March 3, 1990 in Pune.") == [("PII-DOB", "March 3, 1990", "error")]
    assert found(linter, "I was born on 29 February 1992, a leap day.") == [("PII-DOB", "29 February 1992", "warning")]
    assert found(linter, "My daughter was born on 3 May 2019.") == [("PII-DOB", "3 May 2019", "error")]
    assert found(linter, "Nací el 5 de mayo de 1991 en Cádiz.", lang="es") == [
        ("PII-DOB", "5 de mayo de 1991", "warning")]


def test_credentials_are_errors_whoever_owns_them(linter):
    assert found(linter, "My PIN is 2580, for the device unlock.") == [("CONF-PASSWORD", "2580", "error")]


def test_spanish_phones_with_spanish_cue_words(linter):
    assert [m for _, m, _ in found(linter, "Mi teléfono: 612345678, gracias.", lang="es")] == ["612345678"]
    assert [m for _, m, _ in found(linter, "Si falla, llamadla al 612 345 678.", lang="es")] == ["612 345 678"]
    assert found(linter, "Su pasaporte es el 612345678.", lang="es") == [
        ("PII-NATIONAL-ID", "612345678", "error")]


def test_one_value_is_reported_once(linter):
    """A Presidio-valid SSN after its label is one finding, and the labelled one (the owner known)."""
    assert found(linter, "My SSN is 219-09-9999.") == [("PII-NATIONAL-ID", "219-09-9999", "warning")]
    assert found(linter, "My IMEI is 490154203237518.") == [("PII-DEVICE-ID", "490154203237518", "warning")]


def test_a_vendor_token_after_a_label_is_the_token_rules(linter):
    """"Token: ghp_..." is CONF-TOKEN's (it names the kind), not a second finding of CONF-PASSWORD."""
    token = "ghp_R8kq2ZtL0vYw5NbX3mHc7JdF1sGp9aEuT6oQ"
    assert found(linter, f"Token for the curious: {token}") == [("CONF-TOKEN", token, "error")]
    assert found(linter, "The API key is sk-short1234abcd for now.") == [
        ("CONF-PASSWORD", "sk-short1234abcd", "error")]


def test_a_sentence_break_inside_a_number_is_not_a_sentence_end(linter):
    text = ('Thread #4471: "card 4526 0181 5908 3012 keeps getting declined at checkout, exp 03/28". Escalating.')
    assert [m for _, m, _ in found(linter, text)] == ["4526 0181 5908 3012", "03/28"]


@pytest.mark.slow
def test_a_huge_post_does_not_make_the_check_quadratic(linter):
    text = "Line with nothing to report, version 1.2.3 and port 80.\n" * 4000 + "My PIN is 2580.\n"
    assert [m for _, m, _ in found(linter, text)] == ["2580"]


def test_a_list_after_one_label_is_every_value(linter):
    assert [m for _, m, _ in found(linter, "Their dates of birth are 01/02/1980 and 03/04/1985.")] == [
        "01/02/1980", "03/04/1985"]
    assert [m for _, m, _ in found(linter, "The PINs are 1234, 5678 and 9012.")] == ["1234", "5678", "9012"]


def test_values_of_one_record_share_their_owner(linter):
    assert [s for _, _, s in found(linter, "My card 4111 1111 1111 1111, exp 03/28, CVV 123.")] == ["warning"] * 3
    assert [s for _, _, s in found(linter, "His card 4111 1111 1111 1111, exp 03/28, CVV 123.")] == ["error"] * 3


def test_a_birthday_is_a_persons(linter):
    assert found(linter, "Rust's second birthday is on May 15th, 2017.") == []
    assert found(linter, "My birthday is 22 August 1989, cake on Friday.") == [("PII-DOB", "22 August 1989", "warning")]
    assert found(linter, "His birthday is 3 May 1990.") == [("PII-DOB", "3 May 1990", "error")]


# Round 2: health, whereabouts, family, home networks, sharing links, and values typed in a hurry.

@pytest.mark.parametrize("text, lang, code, match, severity", [
    ("His blood pressure is 150/95 since the new job.", "en", "PII-SENSITIVE-FACT", "150/95", "error"),
    ("My sleep score averaged 62 this month, per the watch.", "en", "PII-SENSITIVE-FACT", "62", "warning"),
    ("Dana is allergic to penicillin, keep it off the team page.", "en", "PII-SENSITIVE-FACT", "penicillin", "error"),
    ("Tom's medication list includes Lisinopril 10mg and metformin.", "en", "PII-SENSITIVE-FACT",
     "Lisinopril 10mg", "error"),
    ("Her psychological profile shows severe social anxiety, per HR.", "en", "PII-SENSITIVE-FACT",
     "severe social anxiety", "error"),
    ("My DNA test shows 31% Iberian, fun fact.", "en", "PII-SENSITIVE-FACT", "31% Iberian", "warning"),
    ("El colesterol de Marta es de 260 mg/dL, según la analítica.", "es", "PII-SENSITIVE-FACT", "260 mg/dL",
     "error"),
    ("Dana's flight is BA 2490 on Friday, landing at 18:05.", "en", "PII-WHEREABOUTS", "BA 2490", "error"),
    ("My hotel booking is at Casa Fuster, room 412, until Sunday.", "en", "PII-WHEREABOUTS",
     "Casa Fuster, room 412", "warning"),
    ("His travel itinerary is to Porto next Tuesday, back Friday.", "en", "PII-WHEREABOUTS", "Porto", "error"),
    ("Add my wife, Ingrid Solberg, as the second contact.", "en", "PII-WHEREABOUTS", "Ingrid Solberg", "warning"),
    ("Mi vuelo es el IB 3166 del lunes, llego a las diez.", "es", "PII-WHEREABOUTS", "IB 3166", "warning"),
    ("El contacto de emergencia de Pablo es su hermana, Irene Gil.", "es", "PII-WHEREABOUTS", "Irene Gil",
     "warning"),
    ("My home network is Lindqvist_5G, and the router sits in the hall.", "en", "PII-DEVICE-ID", "Lindqvist_5G",
     "warning"),
    ("Here is the shared link: https://drive.google.com/file/d/1xY7zQ_k9LmN3pR5tV/view", "en", "CONF-PASSWORD",
     "https://drive.google.com/file/d/1xY7zQ_k9LmN3pR5tV/view", "warning"),
    ("Report: https://files.acme.example/q3.pdf?X-Amz-Signature=9c1f0e7a6b5d4c3b2a19f8e7d6c5b4a3 (expires Friday)",
     "en", "CONF-PASSWORD", "https://files.acme.example/q3.pdf?X-Amz-Signature=9c1f0e7a6b5d4c3b2a19f8e7d6c5b4a3",
     "error"),
    ("My certificate number is CRT-88412, for the audit.", "en", "PII-ACCOUNT-REF", "CRT-88412", "warning"),
])
def test_round_two_kinds_are_found_with_whose_they_are(linter, text, lang, code, match, severity):
    assert (code, match, severity) in found(linter, text, lang=lang)


@pytest.mark.parametrize("text, lang", [
    ("The average adult heart rate is 60 to 100 bpm at rest.", "en"),
    ("Blood pressure is a common problem after forty.", "en"),
    ("My medication routine is simple: water first.", "en"),
    ("Flight A380 parts are made in Toulouse.", "en"),
    ("The hotel is a short walk from the venue.", "en"),
    ("Our partner agency, Digital Service, shipped it.", "en"),
    ("My daughter loved the new app.", "en"),
    ("The conference wifi network is GopherCon-2024, password on the badge.", "en"),
    ("Read the [design doc](https://docs.google.com/document/d/1yRFBmfRk/edit) for details.", "en"),
    ("See http://archive.example.org/x?sid=3793757 for the old thread.", "en"),
    ("La búsqueda de vuelos carga el doble de rápido.", "es"),
    ("El hotel está a cinco minutos del evento.", "es"),
])
def test_round_two_near_misses_stay_clean(linter, text, lang):
    """No stated value (PII-PERSON may still ask about "my medication": a private matter, not a value)."""
    assert [f for f in linter.lint(text, as_of=AS_OF, lang=lang)
            if f.category in ("pii", "confidential") and f.code != "PII-PERSON"] == []


@pytest.mark.parametrize("text, code, match", [
    ("Verfy, my S SN is 0 7 8 -0 5 -1 1 2 0, prcss clm.", "PII-NATIONAL-ID", "0 7 8 -0 5 -1 1 2 0"),
    ("My P I N is 2 5 8 0, fr dvce unlck.", "CONF-PASSWORD", "2 5 8 0"),
    ("I M E I is 4 9 0 1 5 4 2 0 3 2 3 7 5 1 8, fr mbl iss.", "PII-DEVICE-ID", "4 9 0 1 5 4 2 0 3 2 3 7 5 1 8"),
    ("Her passprt nmbr is 5 63219 8, for the visa.", "PII-NATIONAL-ID", "5 63219 8"),
    ("My slry is $ 9 2 , 0 0 0 pr yr.", "PII-SENSITIVE-FACT", "$ 9 2 , 0 0 0"),
])
def test_labels_typed_in_a_hurry_and_values_spelled_out(linter, text, code, match):
    assert (code, match) in [(c, m) for c, m, _ in found(linter, text)]


@pytest.mark.parametrize("text", [
    "The cord is 4 5 3 9 1 4 8 8 0 3 4 3 6 4 6 7 cm long.",  # a word the language knows is no abbreviation
    "Version 1 2 3 of the tool is out.",
    "My P I N is 0 0 0 0 in the demo build.",
])
def test_hurried_typing_keeps_the_same_guards(linter, text):
    assert [f for f in linter.lint(text, as_of=AS_OF) if f.category in ("pii", "confidential")] == []


def test_a_typed_label_at_the_end_of_a_text_is_no_crash(linter):
    assert [f.code for f in linter.lint("Here is my crdt", as_of=AS_OF)] == []


@pytest.mark.parametrize(("text", "lang", "iban"), [
    ("La nómina se ingresa en ES91 2100 0418 4502 0005 1332 desde este mes.", "es", "ES91 2100 0418 4502 0005 1332"),
    ("Refunds went to ES91 2100 0418 4502 0005 1332 this morning.", "en", "ES91 2100 0418 4502 0005 1332"),
    ("My IBAN is GB29 NWBK 6016 1331 9268 19 since May.", "en", "GB29 NWBK 6016 1331 9268 19"),
])
def test_an_iban_ends_where_its_digits_end(linter, text, lang, iban):
    # the word after an IBAN is never one of its groups: with it the checksum fails, and the value
    # is missed (no label) or reported with the wrong span
    assert [m for c, m, _ in found(linter, text, lang=lang) if c == "PII-IBAN"] == [iban]
