"""Inline suppressions (linter/suppress.py) against the parser's `Directive` interface.

The directives are given as the markup parser hands them over (action, targets, reason, source
offsets), so these tests pin the suppression rules themselves; tests/test_workflows.py runs the
same through real Markdown comments.
"""

from __future__ import annotations

import dataclasses

from linter.engine import Post
from linter.markup import Directive
from linter.suppress import DIRECTIVE_RULES, directive_code

EMAIL_POST = """Press: press.team@gmail.com
Customer: jane.roe@gmail.com
Call 212-555-0147 today.
"""


def lint(linter, text: str, *directives: tuple[str, str, tuple[str, ...], str]):
    """Lint `text` with directives given as (comment text in `text`, action, targets, reason)."""
    given = []
    for comment, action, targets, reason in directives:
        start = text.index(comment)
        given.append(Directive(action, targets, reason, start, start + len(comment)))
    document = dataclasses.replace(linter.document(Post(text)), directives=given)  # a Document never changes
    (_, findings), = linter.lint_documents([document])
    return findings


def codes(findings):
    return [(f.line, f.code) for f in findings]


def test_without_directives_every_finding_is_reported(plain_linter):
    assert codes(lint(plain_linter, "<!-- c1 -->\n" + EMAIL_POST)) == [(2, "PII-EMAIL"), (3, "PII-EMAIL"),
                                                                       (4, "PII-PHONE")]


def test_next_line_with_a_reason_silences_exactly_that_finding(plain_linter):
    text = "<!-- c1 -->\n" + EMAIL_POST
    found = lint(plain_linter, text, ("<!-- c1 -->", "disable-next-line", ("PII-EMAIL",), "our public press alias"))
    assert codes(found) == [(3, "PII-EMAIL"), (4, "PII-PHONE")]


def test_a_category_name_works_where_a_code_does(plain_linter):
    text = "<!-- c1 -->\n" + EMAIL_POST
    found = lint(plain_linter, text, ("<!-- c1 -->", "disable-next-line", ("pii",), "public alias"))
    assert codes(found) == [(3, "PII-EMAIL"), (4, "PII-PHONE")]


def test_disable_until_enable_covers_the_lines_between(plain_linter):
    text = "<!-- off -->\n" + EMAIL_POST.replace("Call", "<!-- on -->\nCall")
    found = lint(plain_linter, text,
                 ("<!-- off -->", "disable", ("PII-EMAIL", "PII-PHONE"), "a fictional example"),
                 ("<!-- on -->", "enable", ("PII-EMAIL", "PII-PHONE"), ""))
    # both emails silenced; the phone is after the enable, so that half of the disable was unused
    assert codes(found) == [(1, "PII-DIRECTIVE"), (5, "PII-PHONE")]
    assert "silenced nothing" in found[0].message


def test_disable_without_enable_lasts_to_the_end(plain_linter):
    text = "<!-- off -->\n" + EMAIL_POST
    found = lint(plain_linter, text, ("<!-- off -->", "disable", ("PII-PHONE",), "test numbers"))
    assert codes(found) == [(2, "PII-EMAIL"), (3, "PII-EMAIL")]


def test_no_reason_silences_nothing_and_is_reported(plain_linter):
    text = "<!-- c1 -->\n" + EMAIL_POST
    found = lint(plain_linter, text, ("<!-- c1 -->", "disable-next-line", ("PII-EMAIL",), "  "))
    assert codes(found) == [(1, "PII-DIRECTIVE"), (2, "PII-EMAIL"), (3, "PII-EMAIL"), (4, "PII-PHONE")]
    problem = found[0]
    assert problem.category == "pii" and problem.severity == "warning"
    assert "gives no reason" in problem.message and (problem.line, problem.col) == (1, 1)
    assert problem.match == "<!-- c1 -->"


def test_unused_suppression_is_reported_at_the_code_it_names(plain_linter):
    text = "Intro.\n<!-- postlint-disable-next-line DER-INSULT -- quoting a reader -->\nA fine line.\n"
    found = lint(plain_linter, text, ("<!-- postlint-disable-next-line DER-INSULT -- quoting a reader -->",
                                      "disable-next-line", ("DER-INSULT",), "quoting a reader"))
    (problem,) = found
    assert problem.code == "DER-DIRECTIVE" and problem.category == "derogatory"
    assert problem.match == "DER-INSULT" and (problem.line, problem.col) == (2, 33)
    assert "silenced nothing" in problem.message


def test_unknown_code_is_reported_with_a_hint_and_silences_nothing(plain_linter):
    comment = "<!-- postlint-disable-next-line PII-EMIAL -- press alias -->"
    text = comment + "\n" + EMAIL_POST
    found = lint(plain_linter, text, (comment, "disable-next-line", ("PII-EMIAL",), "press alias"))
    assert codes(found) == [(1, "PII-DIRECTIVE"), (2, "PII-EMAIL"), (3, "PII-EMAIL"), (4, "PII-PHONE")]
    assert "'PII-EMIAL', which is no rule code or category (did you mean PII-EMAIL?)" in found[0].message
    assert found[0].match == "PII-EMIAL"


def test_enable_without_disable_is_reported(plain_linter):
    text = "Hello.\n<!-- on -->\n"
    (problem,) = lint(plain_linter, text, ("<!-- on -->", "enable", ("profanity",), ""))
    assert problem.code == "PROF-DIRECTIVE" and "ends nothing" in problem.message


def test_directive_naming_nothing_is_reported(plain_linter):
    text = "<!-- all -->\n" + EMAIL_POST
    found = lint(plain_linter, text, ("<!-- all -->", "disable", (), "everything is fine"))
    assert codes(found)[0] == (1, "PII-DIRECTIVE") and len(found) == 4
    assert "names no rule" in found[0].message


def test_a_rule_the_config_turns_off_is_neither_unknown_nor_unused():
    from linter import Linter

    linter = Linter({"rules": {"profanity": "off"}, "packs": ["pii", "profanity"]})
    text = "<!-- c -->\nAll good here.\n"
    assert lint(linter, text, ("<!-- c -->", "disable-next-line", ("PROF-STRONG", "profanity"), "a quote")) == []
    # a built-in rule whose pack the config does not load is known too
    assert lint(linter, text, ("<!-- c -->", "disable-next-line", ("DER-INSULT",), "a quote")) == []


def test_directive_reports_cannot_be_silenced(plain_linter):
    text = "<!-- c -->\nHello.\n"
    (problem,) = lint(plain_linter, text, ("<!-- c -->", "disable-next-line", ("PII-DIRECTIVE",), "why not"))
    assert "cannot be silenced" in problem.message


def test_every_category_has_a_documented_directive_rule():
    for code, rule in DIRECTIVE_RULES.items():
        assert code == directive_code(rule.category) and code.startswith(rule.category.prefix)
        assert rule.why and rule.suggestion and rule.summary
