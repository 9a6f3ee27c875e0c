"""The findings cache: identical output from the cache, no personal data in it, honest keys."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import CORPUS_CONFIG
from linter.cache import FindingsCache, entry_key, fingerprint, policy_vocabulary
from linter.prepared import package_digest
from linter.cli import main
from linter.config import load_config
from linter.finding import Finding
from linter.packs import load_rules
from linter.textmap import LineIndex

LEAKY_POST = """---
title: Team update
---
Reach Jane at jane.doe@gmail.com or +1 212 555 0143 about Project Nightjar.

Our colleague Sarah Miller is on sick leave after her cancer diagnosis, so Tom covers for her.
"""
SECRETS = ["jane.doe@gmail.com", "212 555 0143", "Sarah Miller", "Nightjar"]


@pytest.fixture
def run(capsys):
    def invoke(*args: object) -> tuple[int, str]:
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        out, _ = capsys.readouterr()
        return int(exit_info.value.code or 0), out

    return invoke


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "posts"
    root.mkdir()
    (root / "leaky.md").write_text(LEAKY_POST, encoding="utf-8")
    (root / "clean.md").write_text("We shipped faster builds this week. Thanks, everyone!\n", encoding="utf-8")
    (root / "rude.txt").write_text("What a bunch of idiots. Damn.\n", encoding="utf-8")
    return root


def check_args(tree: Path, cache: Path, *extra: object) -> list[object]:
    return ["check", "--format", "json", "--config", CORPUS_CONFIG, "--as-of", "2026-11-25",
            "--cache-dir", cache, *extra, tree]


def forbid_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    import linter.engine

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("linted although every file was in the cache")

    monkeypatch.setattr(linter.engine.Linter, "__init__", refuse)


def test_recheck_reads_the_cache_and_prints_the_same(run, tree, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = run(*check_args(tree, cache))
    assert first[0] == 1 and len(json.loads(first[1])["findings"]) >= 4
    forbid_linting(monkeypatch)
    assert run(*check_args(tree, cache)) == first


def test_cache_holds_no_matched_text(run, tree, tmp_path):
    cache = tmp_path / "cache"
    code, out = run(*check_args(tree, cache))
    found = {f["match"] for f in json.loads(out)["findings"]}
    assert {"jane.doe@gmail.com", "Sarah Miller", "Project Nightjar"} <= found
    entries = list((cache / "findings").rglob("*.json"))
    assert len(entries) == 3
    stored = "\n".join(p.read_text(encoding="utf-8") for p in entries)
    for secret in [*SECRETS, "idiots", "Damn"]:
        assert secret.lower() not in stored.lower()


def test_no_cache_reads_and_writes_nothing(run, tree, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    run(*check_args(tree, cache))
    before = sorted(cache.rglob("*"))
    import linter.engine

    def explode(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("linted")

    monkeypatch.setattr(linter.engine.Linter, "lint_documents", explode)
    code, _ = run(*check_args(tree, cache, "--no-cache"))
    assert code == 3  # it really linted (and failed) instead of reading the cache
    assert sorted(cache.rglob("*")) == before


def test_changed_file_config_or_date_is_checked_again(run, tree, tmp_path):
    cache = tmp_path / "cache"
    _, out = run(*check_args(tree, cache))
    leaky = tree / "leaky.md"
    leaky.write_text(LEAKY_POST.replace("Project Nightjar", "the new arm"), encoding="utf-8")
    _, edited = run(*check_args(tree, cache))
    codes = lambda text: sorted(f["code"] for f in json.loads(text)["findings"])  # noqa: E731
    assert "CONF-CODENAME" in codes(out) and "CONF-CODENAME" not in codes(edited)
    # a codename in the config with a launch date: the date the post is judged at is in the key
    config = tmp_path / "postlint.yaml"
    config.write_text("company:\n  codenames:\n    - {name: Falcon, public_on: 2027-03-01}\n", encoding="utf-8")
    (tree / "launch.md").write_text("Falcon ships soon.\n", encoding="utf-8")
    args = ["check", "--format", "json", "--config", config, "--cache-dir", cache, tree / "launch.md"]
    assert codes(run(*args, "--as-of", "2026-11-25")[1]) == ["CONF-CODENAME"]
    assert codes(run(*args, "--as-of", "2027-06-01")[1]) == []
    config.write_text("company:\n  codenames: [Kestrel]\n", encoding="utf-8")
    assert codes(run(*args, "--as-of", "2026-11-25")[1]) == []


def test_damaged_entry_is_a_miss(run, tree, tmp_path):
    cache = tmp_path / "cache"
    first = run(*check_args(tree, cache))
    for entry in (cache / "findings").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert run(*check_args(tree, cache)) == first


def test_values_that_look_taken_from_the_post_are_not_stored(tmp_path):
    config = load_config(CORPUS_CONFIG)
    rules = {r.code: r for r in load_rules(config)}
    source = "Ship N-i-g-h-t-j-a-r today"
    rule = rules["CONF-CODENAME"]

    until = "until it is announced (no public date set)"

    def finding(name: str) -> Finding:
        return rule.finding(source, LineIndex(source), 5, 20, path="p.md",
                            values={"name": name, "public_on": "not set", "until": until})

    cache = FindingsCache(tmp_path)
    vocabulary = policy_vocabulary(rules.values(), config.company)
    key = entry_key(fingerprint(config, "en"), source, "post.md", dt.date(2026, 11, 25))
    # a value that is neither in the post nor in the policy cannot be stored: the file is not cached
    assert cache.put(key, source, [finding("Nightj4r")], rules, vocabulary) is False
    assert cache.get(key, source, "p.md", rules, vocabulary) is None
    # the config's name for the codename is stored as an index into the policy's words
    assert cache.put(key, source, [finding("Project Nightjar")], rules, vocabulary) is True
    assert "Nightjar" not in next((tmp_path / "findings").rglob("*.json")).read_text(encoding="utf-8")
    rebuilt = cache.get(key, source, "p.md", rules, vocabulary)
    assert rebuilt == [finding("Project Nightjar")]
    assert rebuilt[0].match == "N-i-g-h-t-j-a-r" and "Project Nightjar" in rebuilt[0].message
    assert rebuilt[0].values == {"name": "Project Nightjar", "until": until}  # what it uses


def test_a_finding_with_a_message_written_case_by_case_is_not_cached(tmp_path):
    """A directive report's message is not its rule's template: the cache cannot rebuild it."""
    from linter.suppress import DIRECTIVE_RULES

    config = load_config(CORPUS_CONFIG)
    rules = {**DIRECTIVE_RULES, **{r.code: r for r in load_rules(config)}}
    source = "<!-- postlint-disable-next-line PII-EMAIL -->\nWrite to a@b.example\n"
    report = rules["PII-DIRECTIVE"].finding(source, LineIndex(source), 32, 41, path="p.md",
                                            message="postlint-disable-next-line PII-EMAIL gives no reason.",
                                            suggestion="Say why.")
    cache = FindingsCache(tmp_path)
    key = entry_key(fingerprint(config, "en"), source, "post.md", dt.date(2026, 11, 25))
    assert cache.put(key, source, [report], rules) is False
    assert cache.get(key, source, "p.md", rules) is None


def test_recheck_of_an_unchanged_tree_does_not_import_spacy(run, tree, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    cache = tmp_path / "cache"
    run(*check_args(tree, cache))
    probe = ("import sys; from linter.cli import main\n"
             f"try: main({[str(a) for a in check_args(tree, cache)]!r})\n"
             "except SystemExit: pass\nprint('spacy' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_a_rules_other_messages_round_trip_through_the_cache(run, tmp_path, monkeypatch):
    """A labelled rule's own-data and failed-checksum messages are stored by name, and rebuilt."""
    root = tmp_path / "posts"
    root.mkdir()
    (root / "own.md").write_text("Oops: my SSN is 219-09-9999 and the customer's card 4916 6418 5936 9085.\n",
                                 encoding="utf-8")
    cache = tmp_path / "cache"
    first = run(*check_args(root, cache))
    messages = sorted(f["message"] for f in json.loads(first[1])["findings"])
    assert any("your own" in m for m in messages) and any("looks like a payment card" in m for m in messages)
    assert len(list((cache / "findings").rglob("*.json"))) == 1
    forbid_linting(monkeypatch)
    assert run(*check_args(root, cache)) == first


def test_code_data_and_packs_are_in_the_fingerprint(tmp_path):
    """A model retrained without a version bump, a new or edited word list, an edited pack: all stale
    the cache."""
    import shutil

    from conftest import ROOT

    package, rules = tmp_path / "linter", tmp_path / "rules"
    shutil.copytree(ROOT / "linter", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", rules)
    seen = {package_digest(package, rules)}
    model = next(p for p in (package / "data").rglob("*") if p.is_file())
    model.write_bytes(model.read_bytes() + b"\0")
    seen.add(package_digest(package, rules))
    (package / "data" / "xx").mkdir(exist_ok=True)
    (package / "data" / "xx" / "words.txt").write_text("word\n", encoding="utf-8")
    seen.add(package_digest(package, rules))
    words = package / "languages" / "words" / "es" / "first_names.txt"
    words.write_text(words.read_text(encoding="utf-8") + "zacarías\n", encoding="utf-8")
    seen.add(package_digest(package, rules))
    (package / "checks" / "terms.py").write_text("# changed\n", encoding="utf-8")
    seen.add(package_digest(package, rules))
    (rules / "pii.yaml").write_text("rules: []\n", encoding="utf-8")
    seen.add(package_digest(package, rules))
    assert len(seen) == 6
