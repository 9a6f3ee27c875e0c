"""The README's first example is what the command really prints."""

from __future__ import annotations

import re

from conftest import ROOT


def test_the_first_example_shows_every_finding_the_command_prints(run, monkeypatch):
    monkeypatch.chdir(ROOT)  # the command names the draft relative to the checkout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"pip install \. && postlint (check [^\n`]+)", readme).group(1).split()
    shown = re.search(r"```text\n(.*?)```", readme, re.DOTALL).group(1)
    code, out, _ = run(*command, "--no-cache")
    assert code == 1
    assert out == shown


def test_the_policy_excerpt_is_what_the_command_prints(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"An excerpt of `postlint (policy [^`]+)`", readme).group(1).split()
    excerpt = re.search(r"An excerpt of .*?```markdown\n(.*?)```", readme, re.DOTALL).group(1)
    code, out, _ = run(*command)
    assert code == 0
    position = 0
    for piece in excerpt.split("…\n"):  # pieces in the order the command prints them
        position = out.index(piece, position) + len(piece)


def test_the_configuration_example_loads(tmp_path):
    from linter.config import load_config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Configuration\n.*?```yaml\n(.*?)```", readme, re.DOTALL).group(1)
    path = tmp_path / "postlint.yaml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.policy["contact"].in_language("es").startswith("Pregunta a Dana Ruiz")
    assert "Ask Dana Ruiz (ext. 4411) before you post." in config.confidential


def rules_table() -> str:
    """The README's table of built-in rules and the post languages each applies to."""
    from linter.languages import LANGUAGES
    from linter.packs import all_builtin_rules

    head = ["code", "category", "severity", *LANGUAGES, "summary"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rule in all_builtin_rules():
        marks = ["yes" if lang in rule.languages else "no" for lang in LANGUAGES]
        off = " (opt-in)" if not rule.enabled else ""
        lines.append(f"| `{rule.code}` | {rule.category} | {rule.severity} | {' | '.join(marks)} | {rule.summary}{off} |")
    return "\n".join(lines)


def test_the_rules_table_shows_every_rule_and_its_languages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- rules-table -->\n(.*?)\n<!-- /rules-table -->", readme, re.DOTALL)
    assert shown, "README.md has no <!-- rules-table --> block"
    assert shown.group(1) == rules_table(), "regenerate it: python tests/test_readme.py"


if __name__ == "__main__":
    print(rules_table())
