RULE = """\
- code: DER-TEST
  category: derogatory
  severity: error
  kind: tokens
  patterns:
    - [{lower: kill}, {lower: {in: [yourself, urself]}}]
    - [{lemma: threaten}, {pos: PRON}]
  message: "'{match}'"
  why: w
"""


def test_matcher_patterns_with_lemmas_and_parts_of_speech(pack_linter):
    linter = pack_linter(RULE)
    assert [f.match for f in linter.lint("Just kill yourself. He threatened me. Kill the process.")] == [
        "kill yourself", "threatened me"]
