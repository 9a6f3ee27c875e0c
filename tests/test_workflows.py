"""Real posts in real workflows, through the `postlint` command: Markdown with true positions,
suppressions, folders, baselines, the output formats and redaction."""

from __future__ import annotations

import json
import re

import pytest
from conftest import AS_OF, CORPUS_CONFIG, ROOT


MARKDOWN_POST = """\
---
title: How we cut build times
tags: [engineering]
---

# How we cut build times

Questions? Write to our customer contact at **jane.roe@gmail.com** today.

```bash
curl -u admin https://build.corp.acme.example/api
```
"""

SECRETS_POST = """\
Big news: Project Nightjar ships to Globex next month!
Reach Jane at jane.roe@gmail.com or call 212-555-0147.
Staging is at build01.corp.acme.example, and these idiots still break it.
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An empty blog folder as the working directory, with the corpus's company policy."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "postlint.yaml").write_text(CORPUS_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")

    def write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


# -- Markdown: true line:col, suppressions in comments ------------------------------------------

def test_markdown_post_reports_the_email_where_it_stands(run, site):
    site("post.md", MARKDOWN_POST)
    code, out, _ = run("check", "post.md", "--format", "json", "--as-of", AS_OF)
    findings = {f["code"]: f for f in json.loads(out)["findings"]}
    assert code == 1
    email = findings["PII-EMAIL"]
    assert (email["line"], email["col"], email["match"]) == (8, 47, "jane.roe@gmail.com")
    host = findings["CONF-INTERNAL-HOST"]  # inside the fenced code block: still checked for leaks
    assert host["line"] == 11 and host["match"] in MARKDOWN_POST.splitlines()[10]


def test_a_suppression_with_a_reason_silences_exactly_that_finding(run, site):
    text = MARKDOWN_POST.replace(
        "Questions?", "<!-- postlint-disable-next-line PII-EMAIL -- the customer asked us to publish it -->\n"
                      "Questions?")
    site("post.md", text)
    code, out, _ = run("check", "post.md", "--format", "json", "--as-of", AS_OF)
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert code == 1 and "PII-EMAIL" not in codes and "CONF-INTERNAL-HOST" in codes
    assert not any(c.endswith("-DIRECTIVE") for c in codes)


def test_a_suppression_without_a_reason_silences_nothing_and_is_reported(run, site):
    text = MARKDOWN_POST.replace("Questions?", "<!-- postlint-disable-next-line PII-EMAIL -->\nQuestions?")
    site("post.md", text)
    _, out, _ = run("check", "post.md", "--as-of", AS_OF)
    assert "post.md:8:1: warning PII-DIRECTIVE postlint-disable-next-line PII-EMAIL gives no reason" in out
    assert "post.md:9:47: error PII-EMAIL" in out


def test_disable_and_enable_in_html(run, site):
    site("page.html", "<p>Hello</p>\n<!-- postlint-disable pii -- fictional sample data -->\n"
                      "<p>Mail jane.roe@gmail.com</p>\n<!-- postlint-enable pii -->\n<p>Or bob.smith@gmail.com</p>\n")
    _, out, _ = run("check", "page.html", "--format", "json", "--as-of", AS_OF)
    assert [(f["line"], f["match"]) for f in json.loads(out)["findings"]] == [(5, "bob.smith@gmail.com")]


def test_stdin_filename_chooses_the_markup(run, site):
    text = b"Our fix:\n\n```\nkill -9 $(pgrep idiots)\n```\n\nMail jane.roe@gmail.com\n"
    _, out, _ = run("check", "-", "--stdin-filename", "post.md", "--format", "json", "--fail-on", "info", stdin=text)
    findings = json.loads(out)["findings"]
    # Markdown: the fenced block is code, where only pii and confidential rules look
    assert [(f["code"], f["line"], f["path"]) for f in findings] == [("PII-EMAIL", 7, "post.md")]
    _, out, _ = run("check", "-", "--format", "json", "--fail-on", "info", stdin=text)  # plain text
    assert {f["code"] for f in json.loads(out)["findings"]} >= {"PII-EMAIL", "DER-INSULT"}
    assert {f["path"] for f in json.loads(out)["findings"]} == {"-"}


# -- Folders -----------------------------------------------------------------------------------

def test_a_folder_is_walked_and_reported_per_file(run, site):
    site(".gitignore", "drafts/\n")
    site("content/a.md", "Mail jane.roe@gmail.com\n")
    site("content/b.html", "<p>All good.</p>\n")
    site("content/notes.py", "jane.roe@gmail.com\n")
    site("drafts/c.md", "Call 212-555-0147\n")
    site("postlint.yaml", CORPUS_CONFIG.read_text(encoding="utf-8") + "exclude: [content/old/]\n")
    site("content/old/d.md", "Call 212-555-0147\n")
    code, out, _ = run("check", ".", "--as-of", AS_OF)
    assert code == 1
    assert re.findall(r"^(\S+):\d+:\d+: error", out, re.MULTILINE) == ["content/a.md"]
    assert out.rstrip().endswith("2 files checked: 1 error, 0 warnings, 0 info")


def test_an_unreadable_path_is_an_error_but_the_rest_is_checked(run, site):
    site("a.md", "Mail jane.roe@gmail.com\n")
    code, out, err = run("check", "a.md", "missing.md")
    assert code == 2 and "missing.md: no such file or directory" in err and "a.md:1:6" in out


# -- Baseline ----------------------------------------------------------------------------------

def test_baseline_then_check_reports_only_new_findings(run, site, tmp_path):
    site("content/a.md", "Intro.\nMail jane.roe@gmail.com\n")
    code, out, err = run("baseline", "content", "--as-of", AS_OF)
    assert code == 0 and "recorded 1 finding in 1 file to .postlint-baseline.json" in err
    assert "jane" not in (tmp_path / ".postlint-baseline.json").read_text(encoding="utf-8")
    site("content/a.md", "New intro.\n\nIntro.\nMail jane.roe@gmail.com\nCall 212-867-0147\n")
    code, out, _ = run("check", "content", "--baseline", ".postlint-baseline.json", "--as-of", AS_OF)
    assert code == 1
    assert re.findall(r"^\S+:(\d+):\d+: error (\S+)", out, re.MULTILINE) == [("5", "PII-PHONE")]
    assert "1 file checked: 1 error, 0 warnings, 0 info (1 more in the baseline, not shown)" in out
    _, out, _ = run("check", "content", "--baseline", ".postlint-baseline.json", "--format", "json")
    assert json.loads(out)["summary"]["baselined"] == 1


def test_baseline_keeps_its_salt_when_rewritten(run, site, tmp_path):
    site("a.md", "Mail jane.roe@gmail.com\n")
    run("baseline", "a.md", "-o", "base.json")
    first = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    run("baseline", "a.md", "-o", "base.json")
    assert json.loads((tmp_path / "base.json").read_text(encoding="utf-8")) == first


def test_a_bad_baseline_is_a_usage_error(run, site):
    site("a.md", "hello\n")
    site("bad.json", "{oops")
    code, _, err = run("check", "a.md", "--baseline", "bad.json")
    assert code == 2 and "bad.json:1:2: the baseline is not valid JSON" in err
    code, _, err = run("check", "a.md", "--baseline", "none.json")
    assert code == 2 and "no such baseline file" in err


# -- Formats and redaction ---------------------------------------------------------------------

def test_github_format_emits_annotations(run, site):
    site("post.md", "Mail jane.roe@gmail.com, please.\n")
    code, out, _ = run("check", "post.md", "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "::error file=post.md,line=1,col=6,endLine=1,endColumn=24,title=PII-EMAIL::'jane.roe@gmail.com' is an")


def test_sarif_format_from_the_command_validates(run, site):
    from jsonschema import Draft4Validator

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    site("post.md", SECRETS_POST)
    code, out, _ = run("check", "post.md", "--format", "sarif", "--as-of", AS_OF)
    log = json.loads(out)
    assert code == 1 and not list(Draft4Validator(schema).iter_errors(log))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"PII-EMAIL", "CONF-CODENAME", "CONF-CUSTOMER"}


def secrets_of(run) -> list[str]:
    _, out, _ = run("check", "post.md", "--format", "json", "--as-of", AS_OF)
    found = json.loads(out)["findings"]
    secret = [f["match"] for f in found if f["category"] in ("pii", "confidential")]
    assert {f["category"] for f in found} >= {"pii", "confidential", "derogatory"}
    assert len(secret) >= 5
    return secret


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_redact_leaves_no_matched_string_in_any_format(run, site, fmt):
    site("post.md", SECRETS_POST)
    secret = secrets_of(run)
    code, out, err = run("check", "post.md", "--format", fmt, "--redact", "--color", "--as-of", AS_OF)
    assert code == 1
    for value in secret:
        assert value.lower() not in (out + err).lower(), f"{value!r} leaked in --format {fmt}"
    assert "idiots" in out  # other categories are not masked
    assert "[redacted]" in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_config_report_redact_masks_too(run, site, fmt):
    site("post.md", SECRETS_POST)
    secret = secrets_of(run)
    site("postlint.yaml", CORPUS_CONFIG.read_text(encoding="utf-8") + "report: {redact: true}\n")
    _, out, err = run("check", "post.md", "--format", fmt, "--as-of", AS_OF)
    assert not [value for value in secret if value.lower() in (out + err).lower()]


def test_text_colour_only_when_asked_or_on_a_terminal(run, site, monkeypatch):
    site("post.md", "Mail jane.roe@gmail.com\n")
    assert "\x1b[" not in run("check", "post.md")[1]  # captured output is no terminal
    assert "\x1b[31m" in run("check", "post.md", "--color")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", "post.md", "--no-color")[1]
