"""`--format github` (linter/report/github.py): workflow-command annotations, escaped."""

from __future__ import annotations

from linter.finding import Category, Finding, Severity
from linter.report import FileResult
from linter.report.github import annotation, escape_data, escape_property, render


def finding(**changes) -> Finding:
    base = {"code": "PII-EMAIL", "category": Category.PII, "severity": Severity.ERROR,
            "message": "'a@b.io' is an email.", "why": "It identifies a person.", "suggestion": "Remove it.",
            "start": 3, "end": 9, "line": 2, "col": 4, "end_line": 2, "end_col": 10, "match": "a@b.io",
            "path": "p.md"}
    return Finding(**{**base, **changes})


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir,x/a:b.md%") == "dir%2Cx/a%3Ab.md%25"


def test_one_line_span_has_columns_and_a_title():
    line = annotation("posts/a,b.md", finding())
    assert line == ("::error file=posts/a%2Cb.md,line=2,col=4,endLine=2,endColumn=10,title=PII-EMAIL::"
                    "'a@b.io' is an email.%0AWhy: It identifies a person.%0AInstead: Remove it.")


def test_severity_decides_the_command_and_multi_line_spans_drop_columns():
    assert annotation("p.md", finding(severity=Severity.WARNING)).startswith("::warning ")
    info = annotation("p.md", finding(severity=Severity.INFO, end_line=3, end_col=2, suggestion=""))
    assert info.startswith("::notice file=p.md,line=2,endLine=3,title=PII-EMAIL::")
    assert "Instead" not in info


def test_render_prints_one_annotation_per_finding_and_the_summary():
    out = render([FileResult("p.md", [finding(), finding(line=5, end_line=5)])])
    lines = out.splitlines()
    assert len(lines) == 3 and all(line.startswith("::error ") for line in lines[:2])
    assert lines[2] == "1 file checked: 2 errors, 0 warnings, 0 info"
