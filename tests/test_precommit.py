"""The pre-commit hook end to end: a blog repository whose config points at this repository.

pre-commit clones the hook repository at a revision and installs it into its own virtualenv, which
takes the dependencies (spaCy, Presidio, the English model) from the package registry: a separate
process, so the in-process socket block does not apply to it. With pip's cache warm (as after
`pip install -e '.[test]'`) the install takes well under a minute. Set POSTLINT_PRE_COMMIT_HOME to
a folder to keep the hook environment between runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.precommit, pytest.mark.slow]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "postlint tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "postlint tests", "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                            cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This checkout's files as they are now, committed in a fresh repository: (path, commit)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of postlint")
    repo = tmp_path_factory.mktemp("postlint-hook-repo")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "postlint as tested")
    return repo, git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    kept = os.environ.get("POSTLINT_PRE_COMMIT_HOME")
    return Path(kept) if kept else tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def blog(tmp_path, hook_repo) -> Path:
    """A blog repository whose .pre-commit-config.yaml uses the postlint hook at `hook_repo`."""
    path, rev = hook_repo
    git(tmp_path, "init", "-q")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: postlint\n", encoding="utf-8")
    git(tmp_path, "add", ".pre-commit-config.yaml")
    return tmp_path


def pre_commit_run(blog: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never"], cwd=blog, env=env,
                          capture_output=True, text=True, timeout=1200, check=False)


def test_hook_blocks_a_staged_post_with_a_customer_email(blog, pre_commit_home):
    (blog / "post.md").write_text(
        "---\ntitle: Customer story\n---\n\nOur customer wrote to us from jane.roe@gmail.com.\n", encoding="utf-8")
    (blog / "other.md").write_text("Call our client on 212-555-0147.\n", encoding="utf-8")
    git(blog, "add", "post.md", "other.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "post.md:5:31: error PII-EMAIL 'jane.roe@gmail.com' is an email address." in out
    assert "other.md:1:20: error PII-PHONE" in out
    # one process for all staged posts: one summary line that counts both
    assert out.count("files checked") == 1 and "2 files checked" in out


def test_hook_shows_the_warnings_of_a_post_it_lets_through(blog, pre_commit_home):
    (blog / "post.md").write_text("Honestly, the old setup was shitty. The new tool is guaranteed to double "
                                  "your revenue.\n", encoding="utf-8")
    git(blog, "add", "post.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out  # warnings do not block by default (`--fail-on warning` does)
    assert "warning PROF-STRONG 'shitty'" in out and "warning CLAIM-GUARANTEE" in out
    assert "1 file checked: 0 errors, 2 warnings, 0 info" in out


def test_hook_passes_a_clean_post_and_ignores_other_file_types(blog, pre_commit_home):
    (blog / "post.md").write_text("---\ntitle: Faster builds\n---\n\nWe cut build times in half.\n",
                                  encoding="utf-8")
    (blog / "notes.py").write_text("OWNER = 'jane.roe@gmail.com'\n", encoding="utf-8")  # not a post
    git(blog, "add", "post.md", "notes.py")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "postlint" in out and "Passed" in out


def test_hook_refuses_a_nested_config_under_root_true(blog, pre_commit_home):
    """A `.postlint.yaml` beside a post may not turn the team's policy off when the top config
    says `root: true`: the hook stops the commit with the config error (issue 16, class 5)."""
    (blog / "postlint.yaml").write_text("root: true\ncompany:\n  codenames: [Nightjar]\n", encoding="utf-8")
    (blog / "drafts").mkdir()
    (blog / "drafts" / ".postlint.yaml").write_text("", encoding="utf-8")
    (blog / "drafts" / "post.md").write_text("Nightjar ships soon.\n", encoding="utf-8")
    git(blog, "add", "postlint.yaml", "drafts/.postlint.yaml", "drafts/post.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "E116" in out and "root: true" in out, out
