"""The documentation site: generated pages are up to date, every page is in the navigation, and
the examples the pages show are what the commands print and load."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"


def test_the_generated_pages_are_up_to_date():
    from linter import docs

    late = docs.stale(DOCS, docs.pages())
    assert not late, f"stale generated pages {late}: regenerate them with `python -m linter.docs`"


def test_a_stale_page_or_a_page_of_a_gone_rule_is_found(tmp_path):
    from linter import docs

    wanted = docs.pages()
    assert docs.write(tmp_path, wanted) == sorted(wanted) and docs.stale(tmp_path, wanted) == []
    page = tmp_path / "rules" / "PII-EMAIL.md"
    page.write_text(page.read_text(encoding="utf-8").replace("spam", "spam, hand-edited"), encoding="utf-8")
    (tmp_path / "rules" / "PII-RETIRED.md").write_text("# gone\n", encoding="utf-8")
    assert docs.stale(tmp_path, wanted) == ["rules/PII-EMAIL.md", "rules/PII-RETIRED.md"]
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 1
    assert docs.write(tmp_path, wanted) == ["rules/PII-EMAIL.md", "rules/PII-RETIRED.md"]
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 0 and not (tmp_path / "rules" / "PII-RETIRED.md").exists()


def test_every_rule_has_a_page_with_its_reason_fix_examples_and_spanish_text():
    from linter import docs

    for rule in docs.documented_rules():
        page = (DOCS / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
        assert f"# {rule.code}\n" in page and f"| severity | `{rule.severity}` |" in page
        assert f"| category | `{rule.category}` |" in page and "## Why" in page
        assert all(f"`{example}`" in page for example in rule.examples_bad + rule.examples_good)
        if rule.translated("es"):
            spanish = rule.text("es")
            assert "## In Spanish" in page and all(f"`{e}`" in page for e in spanish.examples_bad)
        assert f"[{rule.code}]({rule.code}.md)" in (DOCS / "rules" / "index.md").read_text(encoding="utf-8")


def _nav_pages(entries) -> list[str]:
    pages = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_every_page_is_in_the_navigation_and_every_nav_entry_exists():
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = _nav_pages(site["nav"])
    assert len(listed) == len(set(listed))
    assert [page for page in listed if not (DOCS / page).is_file()] == []
    written = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    rule_pages = {p for p in written if p.startswith("rules/") and p != "rules/index.md"}  # linked from the index
    assert sorted(written - rule_pages - set(listed)) == [], "add the page to nav: in mkdocs.yml"


def test_the_theme_fetches_nothing_at_build_time():
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site["theme"]["name"] == "material" and site["theme"]["font"] is False
    assert {next(iter(p)) if isinstance(p, dict) else p for p in site.get("plugins", [])} <= {"search"}


def test_the_policy_excerpt_is_what_the_command_prints(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    page = (DOCS / "policy.md").read_text(encoding="utf-8")
    command = re.search(r"An excerpt of `postlint (policy [^`]+)`", page).group(1).split()
    excerpt = re.search(r"An excerpt of .*?```markdown\n(.*?)```", page, re.DOTALL).group(1)
    code, out, _ = run(*command)
    assert code == 0
    position = 0
    for piece in excerpt.split("…\n"):  # pieces in the order the command prints them
        position = out.index(piece, position) + len(piece)


def test_the_configuration_example_loads(tmp_path):
    from linter.config import load_config

    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", page, re.DOTALL).group(1)
    path = tmp_path / "postlint.yaml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.policy["contact"].in_language("es").startswith("Pregunta a Dana Ruiz")
    assert "Ask Dana Ruiz (ext. 4411) before you post." in config.confidential


def test_the_getting_started_config_loads(tmp_path):
    from linter.config import load_config

    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    example = re.search(r"## Your company's policy.*?```yaml\n(.*?)```", page, re.DOTALL).group(1)
    path = tmp_path / "postlint.yaml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert [c.name for c in config.company.codenames] == ["Falcon"]


def test_the_pre_commit_page_pins_the_commit_the_readme_pins():
    pinned = re.compile(r"rev: ([0-9a-f]{40})\n")
    readme = pinned.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    page = pinned.findall((DOCS / "integrations" / "pre-commit.md").read_text(encoding="utf-8"))
    assert len(readme) == 1 and page == readme


def test_the_structure_drawing_is_what_the_code_imports():
    from linter import structure

    late = [path.name for path, text in structure.targets(ROOT).items() if path.read_text(encoding="utf-8") != text]
    assert not late, f"stale structure drawing in {late}: regenerate it with `python -m linter.docs`"


def _package(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_structure_is_read_from_imports_relative_absolute_and_deferred(tmp_path):
    from linter import structure

    package = _package(tmp_path / "linter", {
        "__init__.py": '"""Top."""\n',
        "base.py": '"""The bottom. Nothing below."""\nimport json\n',
        "middle.py": '"""Uses base."""\nfrom .base import x\n',
        "kinds/__init__.py": '"""Kinds: one module each."""\n',
        "kinds/one.py": '"""A kind."""\ndef run():\n    from ..middle import y\n',
        "cli.py": '"""The command."""\nimport linter.kinds.one\nfrom . import middle\n',
    })
    modules = structure.read(package)
    assert modules["kinds.one"].imports == {"middle"} and modules["kinds.one"].room == "kinds"
    assert modules["cli"].imports == {"kinds.one", "middle"} and modules["base"].imports == frozenset()
    assert structure.layers(structure.rooms(modules)) == {"__init__": 0, "base": 0, "middle": 1, "kinds": 2, "cli": 3}
    drawn = structure.drawing(modules)
    # cli -> middle is implied by cli -> kinds -> middle: the graph leaves it out
    assert "L3 --> kinds" in drawn and "kinds --> L1" in drawn and "L3 --> L1" not in drawn
    table = structure.drawing(modules, graph=False)
    assert "| 2 | `kinds/` | 2 | " in table and "Kinds: one module each." in table


def test_an_import_cycle_is_reported_not_drawn(tmp_path):
    from linter import structure

    package = _package(tmp_path / "linter", {"__init__.py": "", "a.py": "from . import b\n", "b.py": "from . import a\n"})
    with pytest.raises(ValueError, match="import cycle"):
        structure.layers(structure.rooms(structure.read(package)))


def test_a_stale_drawing_is_found_and_redrawn(tmp_path):
    from linter import docs, structure

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{structure.BEGIN}\nold\n{structure.END}\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert docs.main(["--check", "--docs", str(tmp_path / "docs")]) == 1
    assert docs.main(["--docs", str(tmp_path / "docs")]) == 0
    assert "flowchart TB" in readme.read_text(encoding="utf-8")
    assert docs.main(["--check", "--docs", str(tmp_path / "docs")]) == 0
