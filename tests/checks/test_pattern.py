import logging

RULE = """\
- code: CONF-TEST
  category: confidential
  severity: error
  kind: pattern
  pattern: 'ticket-(?P<id>\\d+)'
  group: id
  allow: ["0000"]
  message: "'{match}'"
  why: w
"""


def test_group_is_reported_and_allow_list_respected(pack_linter):
    linter = pack_linter(RULE)
    assert [f.match for f in linter.lint("TICKET-42 and ticket-0000")] == ["42"]


def test_checksum_validation(pack_linter):
    linter = pack_linter(RULE.replace("'ticket-(?P<id>\\d+)'", "'\\d{4}(?: ?\\d{4}){3}'")
                         .replace("group: id", "validate: luhn"))
    assert [f.match for f in linter.lint("4111 1111 1111 1111 vs 4111 1111 1111 1112")] == ["4111 1111 1111 1111"]


def test_catastrophic_pattern_times_out_and_other_rules_still_run(pack_linter, caplog):
    linter = pack_linter(RULE.replace("'ticket-(?P<id>\\d+)'", "'(a|a)+$'").replace("group: id", "timeout: 0.2")
                         + RULE.replace("CONF-TEST", "CONF-OTHER"))
    with caplog.at_level(logging.WARNING, logger="postlint"):
        findings = linter.lint("ticket-7 " + "a" * 5000 + "!")
    assert [f.code for f in findings] == ["CONF-OTHER"]
    assert "CONF-TEST gave up" in caplog.text


def test_cue_words_strong_shapes_and_negation(pack_linter):
    linter = pack_linter("""
    - code: CLAIM-X
      category: claims
      severity: warning
      kind: pattern
      pattern: '100% secure|\\d{6}'
      strong: '100% secure'
      context: [card]
      skip_negated: true
      message: m
      why: w
    """)
    codes = lambda text: [f.match for f in linter.lint(text)]  # noqa: E731
    assert codes("Our vault is 100% secure.") == ["100% secure"]
    assert codes("No system is 100% secure.") == []
    assert codes("Ticket 123456 closed.") == []
    assert codes("My card 123456 expired.") == ["123456"]


def test_a_negated_unless_cue_cancels_nothing(pack_linter):
    linter = pack_linter("""
        - code: CONF-CUTS
          category: confidential
          severity: error
          kind: pattern
          pattern: 'lay off \\d+ people'
          unless: [announced]
          unless_before: 120
          unless_after: 0
          message: "'{match}'"
          why: test
    """)
    assert linter.lint("Acme announced in May that it will lay off 40 people.") == []
    assert [f.match for f in linter.lint("It has not been announced yet, but they will lay off 40 people.")] == \
        ["lay off 40 people"]
