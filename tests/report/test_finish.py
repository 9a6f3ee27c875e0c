"""Finishing results (linter/report/finish.py, `runner.Run`): the rules in force, the baseline,
redaction and the exit status, the same for every command."""

from __future__ import annotations

import dataclasses

from linter.baseline import Baseline
from linter.config import Config
from linter.errors import ExitCode
from linter.finding import Severity
from linter.report import FileResult
from linter.report.finish import exit_status, finish, known_rules, reported_rules, rules_in_force
from linter.report.redact import MASK
from linter.runner import Run, RunOptions
from linter.suppress import DIRECTIVE_RULES

POST = "Mail jane.roe@gmail.com about it, you idiots.\n"


def test_rules_in_force_are_the_packs_then_the_directive_rules():
    rules = rules_in_force(Config())
    codes = list(rules)
    assert "PII-EMAIL" in rules and set(DIRECTIVE_RULES) <= set(rules)
    assert codes[-len(DIRECTIVE_RULES):] == list(DIRECTIVE_RULES)  # `postlint rules` lists them last
    assert all(r.kind != "directive" for r in list(rules.values())[:-len(DIRECTIVE_RULES)])


def test_a_pack_rule_keeps_its_code_over_a_directive_rule():
    """One precedence everywhere (check, scan, serve, lsp, rules, explain): the policy's own rule."""
    own = dataclasses.replace(DIRECTIVE_RULES["PII-DIRECTIVE"], summary="The company's own rule.", kind="pattern")
    rules = known_rules([own])
    assert rules["PII-DIRECTIVE"] is own and rules["CONF-DIRECTIVE"] is DIRECTIVE_RULES["CONF-DIRECTIVE"]
    assert len(rules) == len(DIRECTIVE_RULES)


def test_finish_masks_only_under_redaction(plain_linter):
    result = FileResult("p.md", plain_linter.lint(POST, path="p.md"), POST)
    rules = known_rules(plain_linter.rules)
    assert finish(result, rules, redact=False) == result
    masked = finish(result, rules, redact=True)
    emails = [f for f in masked.findings if f.code == "PII-EMAIL"]
    assert emails and all(f.match == MASK for f in emails) and "jane.roe" not in masked.source
    assert any(f.match == "idiots" for f in masked.findings)  # other categories stay readable


def test_reported_rules_drop_pii_examples_only_under_redaction():
    rules = rules_in_force(Config())
    assert reported_rules(rules, redact=False) == rules
    masked = reported_rules(rules, redact=True)
    assert rules["PII-EMAIL"].examples_bad and masked["PII-EMAIL"].examples_bad == ()


def test_exit_status_by_fail_on_and_unreadable_inputs():
    assert exit_status(Severity.WARNING.rank, Severity.ERROR) == ExitCode.OK
    assert exit_status(Severity.WARNING.rank, Severity.WARNING) == ExitCode.FINDINGS
    assert exit_status(0, Severity.INFO) == ExitCode.OK
    assert exit_status(Severity.ERROR.rank, Severity.ERROR, failed=True) == ExitCode.USAGE


def test_a_run_finishes_each_result_with_its_baseline_and_redaction(plain_linter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # baseline paths are relative to its folder
    result = FileResult("p.md", plain_linter.lint(POST, path="p.md"), POST)
    recorded = Baseline.record([dataclasses.replace(result, findings=[f for f in result.findings
                                                                       if f.code == "PII-EMAIL"])], root=tmp_path)
    recorded.write(tmp_path / "baseline.json")
    run = Run(rules=known_rules(plain_linter.rules),
              options=RunOptions(baseline=tmp_path / "baseline.json", fail_on=Severity.WARNING))
    run.results.append(run.finish(result))
    assert [f.code for f in run.results[0].findings] == [f.code for f in result.findings if f.code != "PII-EMAIL"]
    assert run.results[0].baselined == 1 and run.exit_status == ExitCode.FINDINGS
    assert not run.redacting and Run(options=RunOptions(redact=True)).redacting
    plain = Run(rules=known_rules(plain_linter.rules))
    assert plain.finish(result) == result and plain.options.fail_on == Severity.ERROR
