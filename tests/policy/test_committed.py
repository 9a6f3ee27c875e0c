"""The written policy lives in the blog's repository: `check` lets its quoted rule entries through.

The generated document opens with `<!-- postlint-disable-file quoted -- reason -->` and marks each
rule entry (and each category's description) as a quoted block, so the public edition passes
`check` and the pre-commit hook, while a sentence edited in by hand outside the blocks is checked
like any post. The staff edition names confidential values outside the blocks (section 4), so it
cannot slip into a repository whose posts are checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linter.policy import TEXTS

from conftest import CORPUS_CONFIG

OTHER_CONFIG = Path(__file__).with_name("other-company.yaml")
CONFIGS = {"sample": CORPUS_CONFIG, "other": OTHER_CONFIG}


def policy(run, tmp_path: Path, config: Path, *args: str, name: str = "policy.md") -> Path:
    target = tmp_path / name
    code, _, err = run("policy", "--config", config, *args, "-o", target)
    assert code == 0, err
    return target


def check(run, config: Path, path: Path) -> tuple[int, list[dict]]:
    code, out, _ = run("check", "--config", config, "--format", "json", "--fail-on", "info", path)
    return code, json.loads(out)["findings"]


@pytest.mark.parametrize("company", ["sample", "other"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_public_edition_passes_check_without_a_single_finding(run, tmp_path, company, lang, fmt):
    config = CONFIGS[company]
    target = policy(run, tmp_path, config, "--lang", lang, "--format", fmt, name=f"policy.{fmt}")
    text = target.read_text(encoding="utf-8")
    assert text.count("<!-- postlint-begin-quoted -->") == text.count("<!-- postlint-end-quoted -->") > 40
    assert check(run, config, target) == (0, [])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_staff_edition_is_stopped_by_what_it_names_outside_the_quotes(run, tmp_path, lang):
    target = policy(run, tmp_path, OTHER_CONFIG, "--internal", "--lang", lang)
    code, findings = check(run, OTHER_CONFIG, target)
    section_4 = TEXTS[lang].sections["privacy"]
    lines = target.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if line.endswith(section_4))
    end = next(i for i, line in enumerate(lines, 1) if i > start and line.startswith("## 5."))
    assert code == 1 and findings
    assert {f["code"] for f in findings} == {"CONF-CODENAME", "CONF-CUSTOMER", "CONF-INTERNAL-HOST"}
    assert all(start < f["line"] < end for f in findings)  # the list of what is confidential


def edited(path: Path, after: str, sentence: str) -> None:
    """Insert a paragraph of `sentence` after the first line that starts with `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(after))
    lines[at + 1:at + 1] = ["", sentence]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_sentence_edited_in_by_hand_is_checked_outside_the_quotes_and_not_inside(run, tmp_path):
    target = policy(run, tmp_path, OTHER_CONFIG)
    edited(target, "## 1. ", "Project Larkspur ships in May, tell everyone.")
    edited(target, "- “We shipped faster builds this week.”", "- “Tamarack is next.”")  # a new example
    code, findings = check(run, OTHER_CONFIG, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert [(f["code"], lines[f["line"] - 1]) for f in findings] == [
        ("CONF-CODENAME", "Project Larkspur ships in May, tell everyone.")]


def test_a_deleted_end_marker_leaves_the_rest_of_the_file_checked(run, tmp_path):
    target = policy(run, tmp_path, OTHER_CONFIG)
    text = target.read_text(encoding="utf-8")
    last = text.rindex("<!-- postlint-end-quoted -->")
    target.write_text(text[:last] + text[last + len("<!-- postlint-end-quoted -->"):] +
                      "\nVandelay Industries signed today.\n", encoding="utf-8")
    code, findings = check(run, OTHER_CONFIG, target)
    assert code == 1
    codes = [f["code"] for f in findings]
    assert "PII-DIRECTIVE" in codes and "CONF-CUSTOMER" in codes
    assert any(re.search("has no postlint-end-quoted after it", f["message"]) for f in findings)


@pytest.mark.slow
@pytest.mark.precommit
def test_the_policy_commits_through_the_pre_commit_hook_and_a_hand_edit_does_not(blog, pre_commit_home, run):
    from test_precommit import git, pre_commit_run

    (blog / "postlint.yaml").write_text(OTHER_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    policy(run, blog, blog / "postlint.yaml", name="social-media-policy.md")
    policy(run, blog, blog / "postlint.yaml", "--lang", "es", name="politica-redes-sociales.md")
    git(blog, "add", "postlint.yaml", "social-media-policy.md", "politica-redes-sociales.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "2 files checked: 0 errors, 0 warnings, 0 info" in out
    git(blog, "commit", "-q", "-m", "the social-media policy")

    edited(blog / "social-media-policy.md", "## 1. ", "Vandelay Industries is our biggest customer.")
    git(blog, "add", "social-media-policy.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "error CONF-CUSTOMER 'Vandelay Industries'" in out and "1 file checked: 1 error" in out


from test_precommit import blog, pre_commit_home  # noqa: E402,F401  the hook's fixtures
