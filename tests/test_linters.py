"""One Linter per config, made once and shared (`engine.Linters`), over one resolver of the config
that governs a path (`sources.Configs`): the library's `Linter()`, `check` and the language server
apply the same config to the same file."""

from __future__ import annotations

import pytest

from linter.engine import Linter, Post
from linter.lsp.checking import Drafts
from linter.runner import Checker, Job
from linter.sources import Configs

TEXT = "Roadrunner ships next week."


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """acme/ names a codename (its posts/ folder has no config of its own); other/ has none; the
    working directory (elsewhere/) has none either."""
    acme, other, elsewhere = tmp_path / "acme", tmp_path / "other", tmp_path / "elsewhere"
    for folder in (acme / "posts", other, elsewhere):
        folder.mkdir(parents=True)
    (acme / "postlint.yaml").write_text("company:\n  codenames: [Roadrunner]\nlang: en\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    return tmp_path


@pytest.fixture
def made(monkeypatch):
    """The configs of the Linters built from now on (None: the built-in defaults)."""
    configs: list[object] = []
    init = Linter.__init__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        init(self, *args, **kwargs)
        configs.append(self.config.path)

    monkeypatch.setattr(Linter, "__init__", counted)
    return configs


def test_linter_without_config_makes_each_other_configs_linter_once(tree, made):
    linter = Linter()
    paths = [tree / "acme" / "a.md", tree / "acme" / "posts" / "b.md", tree / "other" / "c.md",
             tree / "acme" / "posts" / "d.md"]
    found = list(linter.lint_many([Post(TEXT, path=str(p)) for p in paths], as_of="2026-11-25"))
    assert [[f.code for f in one] for one in found] == [["CONF-CODENAME"], ["CONF-CODENAME"], [], ["CONF-CODENAME"]]
    assert made == [None, tree / "acme" / "postlint.yaml"]  # itself, then acme's; other/ has the defaults too
    assert linter.lint(TEXT, path=str(tree / "acme" / "e.md")) != [] and len(made) == 2


def test_a_given_config_makes_no_other_linter(tree, made):
    linter = Linter({})
    assert linter.lint(TEXT, path=str(tree / "acme" / "a.md")) == []
    assert len(made) == 1


def test_check_and_the_language_server_build_one_linter_per_config(tree, made):
    drafts = Drafts()
    paths = [str(tree / "acme" / "posts" / "a.md"), str(tree / "other" / "b.md"), str(tree / "acme" / "c.md")]
    drafts.warm_up(paths[0], ("en",))
    assert [[f.code for f in drafts.check(p, TEXT).findings] for p in paths] == [["CONF-CODENAME"], [], ["CONF-CODENAME"]]
    assert sorted(made, key=str) == [tree / "acme" / "postlint.yaml", None]
    checker = drafts.checker
    assert checker.linter(checker.policy(paths[0])) is checker.linter(checker.policy(paths[2]))


def test_the_library_and_check_resolve_the_same_config_for_each_path(tree):
    (tree / "acme" / "posts" / "deep").mkdir()
    (tree / "other" / "nested").mkdir()
    (tree / "other" / "nested" / ".postlint.yaml").write_text("lang: es\n", encoding="utf-8")
    paths = [str(tree / p) for p in ("acme/a.md", "acme/posts/deep/b.md", "other/c.md", "other/nested/d.md")]
    library = Linter()
    checker = Checker(Configs())
    assert [library._linter_for(p).config.path for p in paths] == \
        [checker.policy(p).config.path for p in paths] == \
        [tree / "acme" / "postlint.yaml"] * 2 + [None, tree / "other" / "nested" / ".postlint.yaml"]
    assert checker.check([Job(paths[1], TEXT), Job(paths[2], TEXT)]) == \
        [library.lint(TEXT, path=paths[1]), library.lint(TEXT, path=paths[2])]
