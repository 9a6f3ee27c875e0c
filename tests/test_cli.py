"""The `postlint` command: exit codes, formats and messages of DESIGN section 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import CORPUS_CONFIG, ROOT


@pytest.fixture
def post(tmp_path):
    def write(text: str, name: str = "post.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_email_on_line_two_column_fifteen_exits_one(run, post):
    path = post("# Update\nReach Jane at jane.doe@gmail.com for details.\n")
    code, out, _ = run("check", path, "--config", CORPUS_CONFIG)
    assert code == 1
    assert f"{path}:2:15: error PII-EMAIL 'jane.doe@gmail.com' is an email address." in out
    assert "why: " in out and "fix: " in out
    assert "    2 | Reach Jane at jane.doe@gmail.com for details." in out
    assert "1 file checked: 1 error, 0 warnings, 0 info" in out


def test_clean_post_exits_zero(run, post):
    code, out, _ = run("check", post("We shipped faster builds this week. Grabbed a Coke to celebrate.\n"))
    assert code == 0 and "0 errors" in out


def test_fail_on_decides_the_exit_code(run, post):
    path = post("Damn, that was a fast build.\n")
    assert run("check", path)[0] == 0
    assert run("check", path, "--fail-on", "info")[0] == 1


def test_json_output_shape(run, post):
    path = post("Reach Jane at jane.doe@gmail.com.\n")
    code, out, _ = run("check", path, "--format", "json")
    data = json.loads(out)
    assert data["version"] == 1 and data["summary"]["error"] == 1
    (finding,) = data["findings"]
    assert finding["path"] == str(path) and finding["category"] == "pii"
    assert {"code", "category", "severity", "message", "why", "suggestion", "start", "end", "line", "col",
            "match"} <= finding.keys()


def test_stdin_is_reported_as_dash(run):
    code, out, _ = run("check", "-", "--format", "json", stdin=b"Call 212-867-0147 now")
    assert code == 1 and json.loads(out)["findings"][0]["path"] == "-"


def test_as_of_decides_embargoes(run, post):
    path = post("Falcon is live!\n")
    assert run("check", path, "--config", CORPUS_CONFIG, "--as-of", "2027-02-01")[0] == 1
    assert run("check", path, "--config", CORPUS_CONFIG, "--as-of", "2027-03-01")[0] == 0


def test_misspelt_key_in_a_pack_exits_two_citing_the_pack(run, tmp_path, post):
    (tmp_path / "acme.yaml").write_text(textwrap.dedent("""\
        rules:
          - code: CONF-ACME
            category: confidential
            sevrity: error
            kind: terms
            terms: [Roadrunner]
            message: m
            why: w
        """))
    (tmp_path / "postlint.yaml").write_text("packs: [pii, acme.yaml]\n")
    code, _, err = run("check", post("hello\n"))
    assert code == 2
    assert "acme.yaml:4:5: E101 unknown key 'sevrity'" in err


def test_bad_date_and_missing_file_are_usage_errors(run, post):
    assert run("check", post("x\n"), "--as-of", "tomorrow")[0] == 2
    code, _, err = run("check", "no/such/post.md")
    assert code == 2 and "no/such/post.md: no such file or directory" in err


def test_rules_lists_every_rule(run):
    code, out, _ = run("rules")
    from linter.packs import all_builtin_rules

    assert code == 0
    for rule in all_builtin_rules():
        assert (rule.code in out) == rule.enabled  # opt-in rules (DER-OFFENSIVE) only with --all
    listed = run("rules", "--all")[1]
    assert all(rule.code in listed for rule in all_builtin_rules())


@pytest.mark.parametrize("args", [("check", "corpus/examples/launch-draft.md", "--config", CORPUS_CONFIG, "--no-cache"),
                                  ("check", "corpus/examples/launch-draft.md", "--format", "sarif", "--no-cache"),
                                  ("eval", "corpus/es/holdout.jsonl", "--config", CORPUS_CONFIG),
                                  ("rules", "--lang", "es"), ("explain", "PII-EMAIL")])
def test_every_command_that_reports_writes_the_same_report_to_o(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(ROOT)
    code, shown, _ = run(*args)
    target = tmp_path / "report.out"
    assert run(*args, "-o", target)[:2] == (code, "")
    assert target.read_text(encoding="utf-8") == shown and shown
    assert run(*args, "--output", target)[0] == code


def test_brief_shows_what_does_not_fail_the_run_on_one_line_each(run, post):
    path = post("Honestly, the old setup was shitty.\n\nMail jane.doe@gmail.com.\n")
    code, out, _ = run("check", path, "--brief", "--no-cache")
    assert code == 1
    assert f"{path}:3:6: error PII-EMAIL 'jane.doe@gmail.com' is an email address.\n    3 | Mail" in out
    assert f"\n{path}:1:29: warning PROF-STRONG 'shitty' is profanity.\n\n" in out
    assert out.count("why:") == 1  # the error's, not the warning's
    code, out, _ = run("check", path, "--brief", "--no-cache", "--fail-on", "warning")
    assert out.count("why:") == 2  # both fail the run: both in full


def test_o_leaves_the_file_alone_when_nothing_was_reported(run, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.out"
    target.write_text("yesterday's report\n", encoding="utf-8")
    code, _, err = run("check", "corpus/examples/launch-draft.md", "--baseline", tmp_path / "missing.json",
                       "-o", target)
    assert code == 2 and "missing.json" in err
    assert target.read_text(encoding="utf-8") == "yesterday's report\n"


def test_explain_prints_why_and_examples(run):
    code, out, _ = run("explain", "conf-codename", "--config", CORPUS_CONFIG)
    assert code == 0
    assert "Why" in out and "Undisclosed product information" in out
    assert "bad:  Project Nightjar ships soon" in out and "good:" in out  # the config's own codename


def test_explain_without_a_company_leaves_out_the_examples_that_need_one(run, tmp_path):
    (tmp_path / "postlint.yaml").write_text("packs: [confidential]\n", encoding="utf-8")
    code, out, _ = run("explain", "CONF-CODENAME", "--config", tmp_path / "postlint.yaml")
    assert code == 0 and "{codename}" in out and "Falcon" not in out and "Nightjar" not in out
    assert "good: We shipped faster builds this week." in out


def test_explain_unknown_code_suggests(run):
    code, _, err = run("explain", "PII-EMIAL")
    assert code == 2 and "did you mean PII-EMAIL" in err


def test_eval_prints_per_category_scores(run, tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "a", "text": "Mail me at bob@gmail.com", "expect": [
        {"category": "pii", "match": "bob@gmail.com"}]}) + "\n")
    code, out, _ = run("eval", posts, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["categories"]["pii"]["tp"] == 1 and report["micro"]["recall"] == 1.0


def test_help_does_not_import_spacy():
    probe = "import sys; from linter.cli import main\ntry: main(['rules'])\nexcept SystemExit: pass\nprint('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().endswith("False")


def test_internal_error_is_one_line_and_exit_three(run, post, monkeypatch):
    import linter.engine

    def explode(*args, **kwargs):
        raise ZeroDivisionError("jane.doe@gmail.com")  # what a post said never reaches the line

    monkeypatch.setattr(linter.engine.Linter, "lint_documents", explode)  # what check and lint use
    code, _, err = run("check", post("hello\n"))
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "jane.doe" not in err
    assert re.fullmatch(r"postlint: internal error: ZeroDivisionError at runner\.py:\d+ "
                        r"\(rerun with --debug for the traceback, and please report it\)", lines[0])


def test_a_check_imports_no_other_commands_code(tmp_path):
    """Each command's module is imported when it runs: a check loads no scan, serve or lsp code."""
    post = tmp_path / "post.md"
    post.write_text("Nothing to see.\n", encoding="utf-8")
    probe = ("import sys; from linter.cli import main\n"
             f"try: main(['check', '--no-cache', '--config', {str(CORPUS_CONFIG)!r}, {str(post)!r}])\n"
             "except SystemExit: pass\n"
             "print(sorted(m for m in sys.modules if m.startswith(('linter.cli.', 'linter.exports', "
             "'linter.scan', 'linter.serve', 'linter.lsp'))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "['linter.cli.check', 'linter.cli.common']"


def test_the_format_choices_come_from_the_registries(run):
    from linter.exports import READERS
    from linter.report import WRITERS

    for command, option, names in (("check", "--format", WRITERS["check"]), ("scan", "--format", WRITERS["scan"]),
                                   ("scan", "--input-format", READERS)):
        code, _, err = run(command, option, "no-such-format", "x")
        assert code == 2 and all(f"'{name}'" in err for name in names)
