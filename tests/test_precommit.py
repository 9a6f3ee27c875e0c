"""The pre-commit hook end to end, in real git repositories of a blog.

Two ways: the README's snippet exactly as written (only `repo:` swapped for this checkout, so no
network reaches a git host), which pre-commit clones at the pinned commit and installs into its
own virtualenv, taking the dependencies (spaCy, Presidio, the English model) from the package
registry in a separate process (the in-process socket block does not apply to it; with pip's cache
warm the install takes about a minute); and this checkout's hook definition as it is now
(`.pre-commit-hooks.yaml`, run through `repo: local` with the `postlint` installed here), which
tests the hook's files, entry and options without building an environment. Set
POSTLINT_PRE_COMMIT_HOME to a folder to keep the hook environment between runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = [pytest.mark.precommit, pytest.mark.slow, pytest.mark.xdist_group("precommit")]  # one hook home

GIT_ENV = {
    "GIT_AUTHOR_NAME": "postlint tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "postlint tests", "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
LEAK = "---\ntitle: Customer story\n---\n\nOur customer wrote to us from jane.roe@gmail.com.\n"
CLEAN = "---\ntitle: Faster builds\n---\n\nWe cut build times in half.\n"


def git(cwd: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, env={**os.environ, **GIT_ENV, **(env or {})}, capture_output=True, text=True,
                          encoding="utf-8", check=check)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    kept = os.environ.get("POSTLINT_PRE_COMMIT_HOME")
    return Path(kept) if kept else tmp_path_factory.mktemp("pre-commit-home")


def hook_env(home: Path) -> dict[str, str]:
    """pre-commit's environment: its own home, no colour, and this venv's `postlint` on PATH."""
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("VIRTUAL_ENV", None)
    return env


def blog_repo(path: Path, config: str) -> Path:
    git(path, "init", "-q")
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(path, "add", ".pre-commit-config.yaml")
    return path


# --- the README's snippet, as written ---------------------------------------------------------

def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "id: postlint" in block]
    return snippet


def test_the_readme_pins_a_commit_by_its_full_sha_and_no_tag():
    (repo,) = yaml.safe_load(readme_snippet())["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", repo["rev"]), "rev: a full commit SHA survives any clone; a tag may not"
    assert repo["hooks"] == [{"id": "postlint"}]


@pytest.fixture(scope="module")
def readme_rev() -> str:
    (repo,) = yaml.safe_load(readme_snippet())["repos"]
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of postlint")
    if git(ROOT, "cat-file", "-e", f"{repo['rev']}^{{commit}}", check=False).returncode != 0:
        shallow = git(ROOT, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        if shallow:
            pytest.skip("a shallow clone lacks the commit the README pins (git fetch --unshallow)")
        pytest.fail(f"README.md pins rev {repo['rev']}, which is not a commit of this repository")
    return repo["rev"]


def test_the_readme_snippet_blocks_a_leaking_post_and_passes_a_clean_one(tmp_path, readme_rev, pre_commit_home):
    """The snippet copied into a fresh blog repository, `pre-commit install`, then real commits."""
    url = yaml.safe_load(readme_snippet())["repos"][0]["repo"]
    config = readme_snippet().replace(f"repo: {url}\n", f"repo: {ROOT}\n", 1)
    assert config != readme_snippet() and readme_rev in config
    blog = blog_repo(tmp_path, config)
    env = hook_env(pre_commit_home)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=blog, env=env, check=True,
                   capture_output=True, text=True, encoding="utf-8")
    (blog / "leak.md").write_text(LEAK, encoding="utf-8")
    git(blog, "add", "leak.md")
    blocked = git(blog, "commit", "-m", "a leaking post", check=False, env=env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "leak.md:5:31: error PII-EMAIL 'jane.roe@gmail.com' is an email address." in out
    assert git(blog, "rev-list", "--all").stdout.strip() == ""  # nothing was committed
    git(blog, "rm", "-q", "--cached", "leak.md")
    (blog / "clean.md").write_text(CLEAN, encoding="utf-8")
    git(blog, "add", "clean.md")
    passed = git(blog, "commit", "-m", "a clean post", check=False, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "postlint" in passed.stdout + passed.stderr and "Passed" in passed.stdout + passed.stderr
    assert git(blog, "log", "--format=%s").stdout.strip() == "a clean post"


def test_autoupdate_freeze_pins_a_full_commit_sha(tmp_path, readme_rev, pre_commit_home):
    """`pre-commit autoupdate --freeze`, as the README says, writes a 40-hex commit of postlint."""
    url = yaml.safe_load(readme_snippet())["repos"][0]["repo"]
    blog = blog_repo(tmp_path, readme_snippet().replace(f"repo: {url}\n", f"repo: {ROOT}\n", 1))
    result = subprocess.run([sys.executable, "-m", "pre_commit", "autoupdate", "--freeze"], cwd=blog,
                            env=hook_env(pre_commit_home), capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    rev = yaml.safe_load((blog / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["rev"]
    assert re.fullmatch(r"[0-9a-f]{40}", rev) and git(ROOT, "cat-file", "-e", f"{rev}^{{commit}}").returncode == 0


# --- this checkout's hook definition ----------------------------------------------------------

@pytest.fixture
def blog(tmp_path) -> Path:
    """A blog repository running this checkout's hook definition with the `postlint` installed here."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = {**hook, "language": "system"}  # the environment pre-commit would build is this venv
    local.pop("minimum_pre_commit_version", None)
    return blog_repo(tmp_path, yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))


def pre_commit_run(blog: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never"], cwd=blog,
                          env=hook_env(home), capture_output=True, text=True, encoding="utf-8", timeout=1200,
                          check=False)


def test_hook_blocks_a_staged_post_with_a_customer_email(blog, pre_commit_home):
    (blog / "post.md").write_text(LEAK, encoding="utf-8")
    (blog / "other.md").write_text("Call our client on 212-555-0147.\n", encoding="utf-8")
    git(blog, "add", "post.md", "other.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "post.md:5:31: error PII-EMAIL 'jane.roe@gmail.com' is an email address." in out
    assert "other.md:1:20: error PII-PHONE" in out and "why: An email address identifies a person." in out
    # one process for all staged posts: one summary line that counts both
    assert out.count("files checked") == 1 and "2 files checked" in out


def test_hook_shows_the_warnings_of_a_post_it_lets_through_one_line_each(blog, pre_commit_home):
    (blog / "post.md").write_text("Honestly, the old setup was shitty. The new tool is guaranteed to double "
                                  "your revenue.\n", encoding="utf-8")
    git(blog, "add", "post.md")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out  # warnings do not block by default (`--fail-on warning` does)
    assert "post.md:1:29: warning PROF-STRONG 'shitty' is profanity.\n" in out and "warning CLAIM-GUARANTEE" in out
    assert "why:" not in out and " | " not in out  # brief: one line each, no excerpt
    assert "1 file checked: 0 errors, 2 warnings, 0 info" in out


def test_hook_passes_a_clean_post_and_ignores_other_file_types(blog, pre_commit_home):
    (blog / "post.md").write_text(CLEAN, encoding="utf-8")
    (blog / "notes.py").write_text("OWNER = 'jane.roe@gmail.com'\n", encoding="utf-8")  # not a post
    git(blog, "add", "post.md", "notes.py")
    result = pre_commit_run(blog, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "postlint" in out and "Passed" in out and "notes.py" not in out


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
