"""Finding the files to check (linter/sources.py): folders, .gitignore, config `exclude`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.sources import Configs, Unreadable, discover


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """A blog repository: posts, drafts git ignores, build output, an archive the config excludes."""
    monkeypatch.chdir(tmp_path)
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "build/\n*.tmp.md\n!keep.tmp.md\n",
        "postlint.yaml": "exclude: [content/archive/, '**/*.draft.html']\n",
        "content/.gitignore": "drafts/\n",
        "content/posts/a.md": "a", "content/posts/b.html": "b", "content/posts/notes.py": "code",
        "content/posts/scratch.tmp.md": "tmp", "content/posts/keep.tmp.md": "kept",
        "content/posts/c.draft.html": "draft", "content/posts/d.rst": "d", "content/posts/e.txt": "e",
        "content/drafts/d.md": "draft", "content/archive/old.md": "old",
        "build/out.md": "built", "node_modules/x/readme.md": "dep", ".hidden/x.md": "hidden",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def found(*paths: str, configs: Configs | None = None) -> list[str]:
    configs = configs or Configs()
    return [item if isinstance(item, str) else f"skipped {item.path}" for item in
            discover(paths, excluded=configs.excluded)]


def test_walk_honours_gitignore_exclude_and_suffixes(blog):
    assert found(".") == [os.path.join("content", "posts", n) for n in ("a.md", "b.html", "d.rst", "e.txt", "keep.tmp.md")]


def test_nested_gitignore_applies_below_its_folder(blog):
    assert found("content") == found(".")


def test_a_named_folder_is_checked_even_if_git_ignores_it(blog):
    assert found("content/drafts") == [os.path.join("content", "drafts", "d.md")]
    assert found("build") == [os.path.join("build", "out.md")]


def test_config_exclude_applies_to_named_files_with_a_notice(blog):
    items = list(discover(["content/archive/old.md", "content/posts/a.md"], excluded=Configs().excluded))
    assert isinstance(items[0], Unreadable) and items[0].skip
    assert "excluded by postlint.yaml (exclude: content/archive/)" in str(items[0])
    assert items[1] == "content/posts/a.md"


def test_a_named_file_git_ignores_is_checked(blog):
    assert found("content/posts/scratch.tmp.md") == ["content/posts/scratch.tmp.md"]


def test_explicit_config_decides_excludes(blog, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("exclude: ['*.rst']\n", encoding="utf-8")
    listed = found("content", configs=Configs(other))
    assert os.path.join("content", "posts", "d.rst") not in listed
    assert os.path.join("content", "archive", "old.md") in listed


def test_without_a_git_repository_gitignore_files_in_the_walk_still_count(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site" / "out").mkdir(parents=True)
    (tmp_path / "site" / ".gitignore").write_text("out/\n", encoding="utf-8")
    (tmp_path / "site" / "out" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "site" / "y.md").write_text("y", encoding="utf-8")
    assert found("site") == [os.path.join("site", "y.md")]


def test_configs_are_found_upward_once_per_folder(blog):
    configs = Configs()
    key = configs.key_for("content/posts/a.md")
    assert key == Path(blog, "postlint.yaml").resolve()
    assert configs.get(key) is configs.get(configs.key_for("content/drafts/d.md"))


# --- inside a real git work tree, git lists the files -------------------------------------------


def git(cwd: Path, *args: str) -> None:
    import subprocess

    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(blog):
    """The same blog as a real git repository, with everything committed that git does not ignore."""
    import shutil

    if shutil.which("git") is None:
        pytest.skip("needs git")
    shutil.rmtree(blog / ".git")
    git(blog, "init", "-q")
    git(blog, "add", "-A")
    git(blog, "commit", "-q", "-m", "posts")
    return blog


def test_git_lists_what_the_walk_found_without_it(repo):
    assert found(".") == [os.path.join("content", "posts", n) for n in ("a.md", "b.html", "d.rst", "e.txt", "keep.tmp.md")]
    assert found("content") == found(".")
    assert found("content/drafts") == [os.path.join("content", "drafts", "d.md")]  # named: checked


def test_git_honours_core_excludes_file_and_never_ignores_tracked_files(repo, tmp_path_factory):
    posts = repo / "content" / "posts"
    excludes = tmp_path_factory.mktemp("git-config") / "ignore"
    excludes.write_text("*.txt\n", encoding="utf-8")
    git(repo, "config", "core.excludesFile", str(excludes))
    git(repo, "rm", "-q", "--cached", "content/posts/e.txt")  # untracked now, and ignored by the user's file
    git(repo, "add", "-f", "content/posts/scratch.tmp.md")  # .gitignore matches it, but it is tracked
    (posts / "z.md").write_text("new, untracked", encoding="utf-8")
    (posts / "d.rst").unlink()  # tracked, deleted from the work tree
    assert found(".") == [os.path.join("content", "posts", n)
                          for n in ("a.md", "b.html", "keep.tmp.md", "scratch.tmp.md", "z.md")]
