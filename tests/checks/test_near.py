RULE = """\
- code: SUB-TEST
  category: substances
  severity: error
  kind: near
  terms: [coke]
  near: [line, lines, snort]
  unless: [diet]
  window: 4
  message: "'{match}' near {near}"
  why: w
"""


def hits(linter, text):
    return [(f.match, f.message) for f in linter.lint(text)]


def test_a_within_n_tokens_of_b(pack_linter):
    assert hits(pack_linter(RULE), "Did two lines of coke.") == [("coke", "'coke' near lines")]


def test_too_far_or_other_sentence_does_not_count(pack_linter):
    linter = pack_linter(RULE)
    assert hits(linter, "A coke with ice and lemon and a slice of pie and then a line.") == []
    assert hits(linter, "I had a coke. Lines at the DMV were long.") == []


def test_unless_cancels_even_when_it_overlaps(pack_linter):
    assert hits(pack_linter(RULE), "A diet coke and a line of code.") == []


def test_a_without_b_in_the_post(pack_linter):
    rule = RULE.replace("  near: [line, lines, snort]\n  unless: [diet]\n", "  unless_in_post: [cola, drink]\n")
    linter = pack_linter(rule)
    assert hits(linter, "Coke on the table.") == [("Coke", "'Coke' near ")]
    assert hits(linter, "Coke on the table. What a drink.") == []


def test_near_rule_needs_context(tmp_path):
    import pytest

    from linter.errors import ConfigError
    from linter.packs import load_pack

    path = tmp_path / "p.yaml"
    path.write_text("rules:\n" + "\n".join("  " + l for l in RULE.replace("  near: [line, lines, snort]\n  unless: [diet]\n", "").splitlines()))
    with pytest.raises(ConfigError, match="needs 'near', 'unless' or 'unless_in_post'"):
        load_pack(path)


def test_max_path_ties_the_partner_to_the_term(pack_linter):
    rule = """
        - code: CONF-CHANGE
          category: confidential
          severity: error
          kind: near
          terms: [reorg]
          near: [will]
          window: 15
          {extra}
          message: "'{{match}}'"
          why: test
    """
    loose = pack_linter(rule.format(extra=""))
    tied = pack_linter(rule.format(extra="max_path: 3"))
    apart = "An engineer who lands on a team after a reorg wants material that they will reach for."
    together = "The reorg will move both teams under one director."
    assert [f.match for f in loose.lint(apart)] == ["reorg"]
    assert tied.lint(apart) == []
    assert [f.match for f in tied.lint(together)] == ["reorg"]
