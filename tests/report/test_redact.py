"""`--redact` (linter/report/redact.py): masks pii and confidential matches wherever they could print."""

from __future__ import annotations

from conftest import AS_OF

from linter.report import FileResult
from linter.report.redact import MASK, redact
from linter.report.text import render

POST = "Nightjar ships soon. Mail jane.roe@gmail.com, you idiots.\n"


def results(linter, text=POST):
    return [FileResult("p.md", linter.lint(text, path="p.md", as_of=AS_OF), text)]


def test_matches_messages_and_source_are_masked_but_columns_stay(linter):
    original = results(linter)
    masked, _ = redact(original, {r.code: r for r in linter.rules})
    by_code = {f.code: f for f in masked[0].findings}
    assert by_code["PII-EMAIL"].match == MASK and by_code["CONF-CODENAME"].match == MASK
    assert "Nightjar" not in by_code["CONF-CODENAME"].message  # {name} is masked as well as {match}
    assert "Nightjar" not in str(by_code["CONF-CODENAME"].values)  # and so are the values kept for it
    assert by_code["DER-INSULT"].match == "idiots"  # other categories stay readable
    assert masked[0].source == "******** ships soon. Mail ******************, you idiots.\n"
    assert [(f.line, f.col, f.end_col) for f in masked[0].findings] == \
           [(f.line, f.col, f.end_col) for f in original[0].findings]
    text = render(masked)
    assert "Nightjar" not in text and "jane.roe" not in text and "^^^^^^^^" in text


def test_examples_of_pii_and_confidential_rules_are_left_out(linter):
    rules = {r.code: r for r in linter.rules}
    _, masked_rules = redact(results(linter), rules)
    assert any("Falcon" in e for e in rules["CONF-CODENAME"].tests_bad)  # the example quotes a codename
    assert masked_rules["CONF-CODENAME"].examples_bad == () and masked_rules["CONF-CODENAME"].examples_good == ()
    assert masked_rules["CONF-CODENAME"].tests_bad == () and masked_rules["CONF-CODENAME"].text("es").tests_bad == ()
    assert masked_rules["DER-INSULT"].examples_bad == rules["DER-INSULT"].examples_bad


def test_safe_placeholders_survive(linter):
    text = "SSN: 536-90-4399\n"
    masked, _ = redact(results(linter, text), {r.code: r for r in linter.rules})
    (finding,) = [f for f in masked[0].findings if f.code == "PII-NATIONAL-ID"]
    assert finding.message == f"'{MASK}' is a Social Security number."  # the field's name is the rule's


def test_a_rules_other_message_is_redacted_from_its_own_template(linter):
    text = "My SSN is 219-09-9999 and my PIN is 2580.\n"
    masked, _ = redact(results(linter, text), {r.code: r for r in linter.rules})
    messages = {f.code: f.message for f in masked[0].findings}
    assert messages["PII-NATIONAL-ID"].startswith(f"'{MASK}' looks like your own Social Security number")
    assert messages["CONF-PASSWORD"] == f"'{MASK}' looks like a PIN."
    assert "2580" not in str(masked) and "219-09-9999" not in str(masked)


def test_nothing_to_mask_leaves_results_alone(linter):
    clean = results(linter, "These idiots.\n")
    masked, _ = redact(clean, {})
    assert masked == clean
