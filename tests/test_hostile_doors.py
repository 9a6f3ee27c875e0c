"""Hostile inputs III (issue 30): open doors, crashes and slow paths of `check`, configs and packs.

A cache that forgets file names, symbolic links that leave the repository, a hook whose file names
turn into options, user regular expressions without a time bound, a pack whose problems are not
all reported, and inputs that crash or take quadratic time. Cases that could hang run in a
subprocess with a timeout (`postlint`), the rest in this process (`run`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS_CONFIG, ROOT

AS_OF = "2026-11-25"
LEAK = "Mail jane.doe@gmail.com for the preview.\n"
SECRET = "hunter2-secret-value"
HANG = 120  # seconds a subprocess case may take before it counts as a hang


def postlint(*args: object, cwd: Path | None = None, timeout: float = HANG,
             stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "linter", *map(str, args)], capture_output=True,
                            cwd=cwd or ROOT, timeout=timeout, check=False, input=stdin,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


# --- the findings cache keys a result by the file's name too --------------------------------------

class TestCacheKnowsTheName:
    def check(self, run, *args: object, stdin: bytes | None = None) -> tuple[int, list[dict]]:
        code, out, _ = run("check", *args, "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "json",
                           stdin=stdin)
        return code, findings(out)

    def test_the_same_text_under_a_leaking_name_is_reported(self, run, tmp_path):
        text = "We have news for everyone this week.\n"
        assert self.check(run, write(tmp_path / "a" / "weekly-news.md", text)) == (0, [])
        code, found = self.check(run, write(tmp_path / "b" / "nightjar-launch.md", text))
        assert code == 1 and [f["code"] for f in found] == ["CONF-CODENAME"]
        code, found = self.check(run, write(tmp_path / "c" / "globex-deal.md", text))
        assert code == 1 and [f["code"] for f in found] == ["CONF-CUSTOMER"]
        code, found = self.check(run, write(tmp_path / "nightjar" / "index.md", text))
        assert code == 1 and [f["code"] for f in found] == ["CONF-CODENAME"]

    def test_stdin_filename_is_part_of_the_key(self, run):
        text = b"Nuevas noticias para todos esta semana.\n"
        assert self.check(run, "-", "--stdin-filename", "noticias.md", stdin=text) == (0, [])
        code, found = self.check(run, "-", "--stdin-filename", "globex-contrato.md", stdin=text)
        assert code == 1 and [f["code"] for f in found] == ["CONF-CUSTOMER"]

    def test_an_unchanged_file_is_still_served_from_the_cache(self, run, tmp_path, monkeypatch):
        post = write(tmp_path / "weekly-news.md", LEAK)
        first = self.check(run, post)
        entries = list((Path(os.environ["POSTLINT_CACHE_DIR"]) / "findings").rglob("*.json"))
        assert len(entries) == 1
        import linter.engine

        monkeypatch.setattr(linter.engine.Linter, "lint_documents", None)  # a second lint would fail
        assert self.check(run, post) == first


# --- symbolic links that leave the repository (or the folder given) -------------------------------

def _git_init(path: Path) -> None:
    if shutil.which("git") is None:
        (path / ".git").mkdir(parents=True)
        return
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A repository `repo/` beside a folder `outside/` holding a secret and a leaking post."""
    outside = tmp_path / "outside"
    write(outside / "creds.txt", f"password: {SECRET}\n")
    write(outside / "post.md", f"password: {SECRET}\n" + LEAK)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git_init(repo)
    write(repo / "posts" / "fine.md", LEAK)
    return repo


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX symbolic links")
class TestSymlinksStayInside:
    def test_a_named_link_out_of_the_repository_is_refused(self, run, repo):
        os.symlink("../../outside/creds.txt", repo / "posts" / "leak.md")
        code, out, err = run("check", repo / "posts" / "leak.md", "--format", "json")
        assert code == 2 and SECRET not in out + err and findings(out) == []
        assert "leak.md" in err and "outside the repository" in err and "--allow-outside-links" in err

    def test_a_walked_folder_does_not_follow_links_out(self, run, repo):
        os.symlink("../../outside/creds.txt", repo / "posts" / "leak.md")
        os.symlink("../outside", repo / "linked")
        code, out, err = run("check", repo, "--format", "json")
        assert code == 2 and SECRET not in out + err
        assert {Path(f["path"]).name for f in findings(out)} == {"fine.md"}  # the rest is checked
        assert "leak.md" in err and "linked" in err

    def test_a_link_to_proc_is_refused(self, run, repo):
        if not Path("/proc/self/environ").exists():
            pytest.skip("no /proc here")
        os.symlink("/proc/self/environ", repo / "posts" / "env.md")
        code, out, err = run("check", repo / "posts", "--format", "json")
        assert code == 2 and "env.md" in err and "outside the repository" in err
        assert [Path(f["path"]).name for f in findings(out)] == ["fine.md"]

    def test_outside_git_the_folder_given_is_the_boundary(self, run, tmp_path):
        write(tmp_path / "outside" / "creds.txt", f"password: {SECRET}\n")
        folder = tmp_path / "drafts"
        write(folder / "fine.md", LEAK)
        os.symlink("../outside/creds.txt", folder / "leak.md")
        code, out, err = run("check", folder, "--format", "json")
        assert code == 2 and SECRET not in out + err and "outside the folder" in err

    def test_the_flag_allows_links_out(self, run, repo):
        os.symlink("../../outside/post.md", repo / "posts" / "shared.md")
        code, out, err = run("check", repo / "posts" / "shared.md", "--allow-outside-links", "--format", "json")
        assert code == 1 and "PII-EMAIL" in {f["code"] for f in findings(out)}

    def test_links_that_stay_inside_are_followed_without_a_notice(self, run, repo):
        write(repo / "shared" / "common.md", LEAK)
        os.symlink("../shared/common.md", repo / "posts" / "alias.md")
        os.symlink("shared", repo / "also")
        code, out, err = run("check", repo, "--format", "json")
        assert code == 1 and "outside" not in err
        assert "alias.md" in {Path(f["path"]).name for f in findings(out)}

    def test_images_named_or_shown_never_leave_the_repository(self, run, repo, tmp_path):
        image = pytest.importorskip("PIL.Image")
        image.new("RGB", (40, 20), "white").save(tmp_path / "outside" / "secret.png")
        image.new("RGB", (40, 20), "white").save(repo / "posts" / "ok.png")
        os.symlink("../../outside/secret.png", repo / "posts" / "leak.png")
        os.symlink("ok.png", repo / "posts" / "alias.png")
        code, _, err = run("check", "--images", "--no-cache", repo / "posts" / "leak.png")
        assert code == 2 and "leak.png" in err and "outside the repository" in err
        write(repo / "posts" / "shows.md", "![a](leak.png) ![b](alias.png) ![c](../../outside/secret.png)\n")
        code, _, err = run("check", "--images", "--no-cache", repo / "posts" / "shows.md")
        assert "image 'leak.png' resolves outside the repository" in err
        assert "image '../../outside/secret.png' resolves outside the repository" in err
        assert "alias.png" not in err  # a link that stays inside is read

    def test_a_link_into_git_s_own_files_is_refused(self, run, repo):
        write(repo / ".git" / "config", f"[remote]\n  url = https://ana:{SECRET}@git.example/x.git\n")
        os.symlink("../.git/config", repo / "posts" / "config.txt")
        code, out, err = run("check", repo / "posts", "--format", "json")
        assert code == 2 and SECRET not in out + err and "config.txt" in err

    def test_a_commit_message_named_inside_git_is_still_checked(self, run, repo):
        message = write(repo / ".git" / "COMMIT_EDITMSG", LEAK)
        code, out, _ = run("check", message, "--format", "json")
        assert code == 1 and [f["code"] for f in findings(out)] == ["PII-EMAIL"]

    def test_a_link_loop_named_on_the_command_line_is_named_as_one(self, run, tmp_path):
        os.symlink(tmp_path / "loop.md", tmp_path / "loop.md")
        code, _, err = run("check", tmp_path / "loop.md")
        assert code == 2 and "symbolic link" in err and "loop" in err and "no such file" not in err

    def test_a_broken_link_named_on_the_command_line_is_named_as_one(self, run, tmp_path):
        os.symlink(tmp_path / "gone.md", tmp_path / "broken.md")
        code, _, err = run("check", tmp_path / "broken.md")
        assert code == 2 and "broken symbolic link" in err

    def test_a_link_loop_in_a_folder_is_walked_once(self, run, tmp_path):
        write(tmp_path / "blog" / "post.md", LEAK)
        os.symlink("..", tmp_path / "blog" / "up")
        os.symlink(tmp_path / "blog" / "self.md", tmp_path / "blog" / "self.md")
        code, out, err = run("check", tmp_path / "blog", "--format", "json")
        assert [Path(f["path"]).name for f in findings(out)] == ["post.md"]
        assert code == 2 and "self.md" in err and "loop" in err


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX symbolic links")
class TestPackLinks:
    def test_a_pack_linked_out_of_the_repository_keeps_its_own_code(self, run, repo):
        write(repo.parent / "outside" / "pack.yaml", "rules:\n- {code: CONF-A, severity: loud}\n")
        os.symlink("../outside/pack.yaml", repo / "pack.yaml")
        os.symlink("../outside/missing.yaml", repo / "gone.yaml")
        write(repo / "postlint.yaml", "packs: [pii, pack.yaml, gone.yaml]\n")
        code, _, err = run("check", repo / "posts" / "fine.md")
        assert code == 2 and err.count("E115") == 2 and "loud" not in err
        code, _, err = run("check", repo / "posts" / "fine.md", "--allow-outside-packs")
        assert code == 2 and "pack.yaml:2:" in err and "E104" in err and "gone.yaml" in err

    def test_a_config_linked_out_of_the_repository_is_refused(self, run, repo):
        write(repo.parent / "outside" / "postlint.yaml", "rules: {pii: off}\n")
        os.symlink("../outside/postlint.yaml", repo / "postlint.yaml")
        code, out, err = run("check", repo / "posts" / "fine.md")
        assert code == 2 and "E115" in err


# --- the hook's file names are never options ---------------------------------------------------------

class TestHookArguments:
    def hook(self) -> dict:
        return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]

    def test_the_hook_passes_a_double_dash_before_file_names(self):
        hook = self.hook()
        assert (hook["entry"].split() + hook.get("args", []))[-1] == "--"

    def test_a_staged_file_named_like_an_option_is_checked_not_obeyed(self, tmp_path):
        write(tmp_path / "postlint.yaml", "company:\n  codenames: [Nightjar]\n")
        evil = write(tmp_path / "evil.md", "rules: {confidential: off, pii: off}\n")
        option_like = write(tmp_path / "--config=evil.md", "Nightjar ships in May.\n")
        post = write(tmp_path / "post.md", LEAK)
        hook = self.hook()
        command = [*hook["entry"].split()[1:], *hook.get("args", []),
                   option_like.name, evil.name, post.name]  # as pre-commit runs it, relative names
        result = postlint(*command, cwd=tmp_path)  # the test's own cache folder (conftest)
        assert result.returncode == 1, result.stderr
        assert "jane.doe@gmail.com" in result.stdout and "Nightjar" in result.stdout

    def test_check_refuses_a_config_that_is_one_of_the_files_checked(self, run, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "evil.md", "rules: {pii: off}\n")
        write(tmp_path / "post.md", LEAK)
        code, out, err = run("check", "--config=evil.md", "evil.md", "post.md")
        assert code == 2 and "evil.md" in err and "one of the files" in err
        code, out, err = run("check", "--config", "./evil.md", tmp_path)
        assert code == 2 and "one of the files" in err

    def test_a_config_beside_the_files_is_still_fine(self, run, tmp_path):
        config = write(tmp_path / "team.yaml", "company:\n  codenames: [Nightjar]\n")
        code, out, _ = run("check", "--config", config, write(tmp_path / "p.md", "Nightjar ships.\n"))
        assert code == 1 and "CONF-CODENAME" in out


# --- every user regular expression has a time bound --------------------------------------------------

EVIL_REGEX = "(a|a)*$"


@pytest.mark.parametrize("rule", [
    {"kind": "emails", "allow_patterns": [EVIL_REGEX]},
    {"kind": "pattern", "pattern": "a+b", "context": ["code"], "strong": EVIL_REGEX},
    {"kind": "labelled", "fields": [{"name": "badge", "labels": ["badge"], "value": "(a|a)*b"}]},
    {"kind": "tokens", "patterns": [[{"TEXT": {"REGEX": EVIL_REGEX}}]]},
])
def test_every_user_regex_is_bounded(tmp_path, rule):
    full = {"code": "PII-ACME", "category": "pii", "severity": "error", "message": "'{match}' leaks",
            "why": "Because.", **rule}
    write(tmp_path / "pack.yaml", json.dumps({"rules": [full]}))
    write(tmp_path / "postlint.yaml", "packs: [pii, pack.yaml]\n")
    post = write(tmp_path / "p.md", "badge " + "a" * 40 + "! code " + "a" * 40 + "b " + "a" * 40 + "@gmail.com\n")
    result = postlint("check", post, "--no-cache", timeout=90)
    assert result.returncode in (0, 1) and "gave up" in result.stderr and "Traceback" not in result.stderr


def test_an_allow_pattern_that_gives_up_reports_the_address(tmp_path):
    rule = {"code": "PII-ACME", "category": "pii", "severity": "error", "message": "'{match}' leaks",
            "why": "Because.", "kind": "emails", "allow_patterns": [EVIL_REGEX]}
    write(tmp_path / "pack.yaml", json.dumps({"rules": [rule]}))
    write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
    post = write(tmp_path / "p.md", "Mail " + "a" * 40 + "@gmail.com today.\n")
    result = postlint("check", post, "--no-cache", "--format", "json", timeout=90)
    assert result.returncode == 1 and [f["code"] for f in findings(result.stdout)] == ["PII-ACME"]


def test_a_quick_allow_pattern_still_allows(tmp_path):
    rule = {"code": "PII-ACME", "category": "pii", "severity": "error", "message": "'{match}' leaks",
            "why": "Because.", "kind": "emails", "allow_patterns": [r"bot-\d+@gmail\.com"]}
    write(tmp_path / "pack.yaml", json.dumps({"rules": [rule]}))
    write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
    post = write(tmp_path / "p.md", "Mail bot-12@gmail.com today.\n")
    result = postlint("check", post, "--no-cache", timeout=90)
    assert result.returncode == 0 and "gave up" not in result.stderr


# --- every invalid rule of a pack is reported at once ------------------------------------------------

def test_every_invalid_rule_of_a_pack_is_reported(run, tmp_path):
    base = "category: confidential, severity: error, message: m, why: w"
    rules = [
        "{code: CONF-A1, category: confidential, severity: loud, kind: terms, terms: [a], message: m, why: w}",
        "{code: CONF-A2, category: secret, severity: error, kind: terms, terms: [a], message: m, why: w}",
        f"{{code: CONF-A3, {base}, kind: termz, terms: [a]}}",
        f"{{code: CONF-A4, {base}, kind: terms, terms: [a], sevrity: x}}",
        f"{{code: CONF-A5, {base}, kind: pattern, pattern: '('}}",
        f"{{code: CONF-A6, {base}, kind: tokens, patterns: [[{{LOWER: {{BADOP: 1}}}}]]}}",
        f"{{code: CONF-A7, {base}, kind: tokens, patterns: [[{{FOO: a}}]]}}",
        f"{{code: CONF-A8, {base}, kind: tokens, patterns: [[{{LOWER: a, OP: '%'}}]]}}",
    ]
    write(tmp_path / "pack.yaml", "rules:\n" + "".join(f"  - {r}\n" for r in rules))
    write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
    code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
    assert code == 2
    assert sorted({line.split(":")[1] for line in err.splitlines() if "pack.yaml:" in line}) == \
        [str(n) for n in range(2, 10)]


def test_a_valid_token_pattern_still_loads(run, tmp_path):
    write(tmp_path / "pack.yaml", "rules:\n  - {code: CONF-A1, category: confidential, severity: error, "
                                  "message: m, why: w, kind: tokens, patterns: [[{LOWER: nightjar}]]}\n")
    write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
    code, out, _ = run("check", write(tmp_path / "p.md", "Nightjar ships.\n"))
    assert code == 1 and "CONF-A1" in out


# --- crashes and slow paths: no recursion, linear time ----------------------------------------------

@pytest.mark.parametrize("count", [1000, 5000])
def test_runs_of_right_to_left_overrides_do_not_crash_the_run(run, tmp_path, count):
    write(tmp_path / "a.md", "\u202e" * count + "Hello.\n")
    write(tmp_path / "b.md", "Hola " + "\u202e\u202c" * count + " amigos.\n")
    write(tmp_path / "c.md", LEAK)
    code, out, err = run("check", tmp_path, "--format", "json")
    assert code == 1 and "internal error" not in err
    assert [Path(f["path"]).name for f in findings(out)] == ["c.md"]


def remove_tree(top: Path) -> None:
    """Everything under `top`, deepest first, without recursion: shutil.rmtree (and so pytest's own
    clean-up of its temporary folders) recurses once per level and fails 1,000 levels down."""
    folders, pending = [], [str(top)]
    while pending:
        folder = pending.pop()
        folders.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


@pytest.mark.slow
def test_a_post_1100_folders_deep_outside_git_is_checked(tmp_path):
    folder = deep = tmp_path / "deep"
    try:
        folder.mkdir()
        for _ in range(1100):  # one level at a time: pathlib's and os's own makedirs recurse
            deep = deep / "d"
            deep.mkdir()
        (deep / "post.md").write_text(LEAK, encoding="utf-8")
        result = postlint("check", folder, "--no-cache", "--format", "json", cwd=tmp_path)
    finally:  # whatever happened, never left for pytest's clean-up of tmp_path (it recurses)
        remove_tree(folder)
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert [f["code"] for f in findings(result.stdout)] == ["PII-EMAIL"]


@pytest.mark.parametrize("lang, lead, hostile, fine", [
    ("en", "Write to", "Immigrants are vermin.", "Immigrants are welcome."),
    ("es", "Escribid a", "Los inmigrantes son unas alimañas.", "Los inmigrantes son bienvenidos."),
])
def test_one_endless_sentence_is_read_once_not_once_per_unit(plain_linter, monkeypatch, lang, lead, hostile, fine):
    """Hostility was read anew for each classifier unit of a sentence (2,000 addresses in one
    sentence: 141 readings of it, 10.6 s): now each sentence is read at most once per question."""
    from linter.checks.hostility.sentence import Sentence

    seen: dict[int, int] = {}
    built = Sentence.__init__

    def counted(self, sent, lex):  # type: ignore[no-untyped-def]
        seen[sent.start] = seen.get(sent.start, 0) + 1
        built(self, sent, lex)

    monkeypatch.setattr(Sentence, "__init__", counted)
    addresses = " ".join(f"correo{i}.x@gmail.com" for i in range(400))
    for statement, codes in ((hostile, {"PII-EMAIL", "DER-DEHUMANISING"}), (fine, {"PII-EMAIL"})):
        seen.clear()
        found = plain_linter.lint(f"{lead} {addresses}. {statement}", path="p.md", lang=lang)
        assert {f.code for f in found} == codes and sum(f.code == "PII-EMAIL" for f in found) == 400
        assert seen and max(seen.values()) <= 3  # the statements, the veto, the people named


def test_findings_by_the_ten_thousand_are_kept_in_linear_time():
    """`same_fact` compared every value with every other (and copied the text before each): a post
    of 40,000 addresses spent minutes there. The timeout catches that shape of cost, not a speed."""
    script = textwrap.dedent("""\
        from linter.engine import dedupe
        from linter.finding import Category, Finding, Severity
        source = " ".join(f"[a{i}@x.io](mailto:a{i}@x.io)" for i in range(20000))
        findings, at = [], 0
        for i in range(20000):
            value = f"a{i}@x.io"
            text = source.index(value, at)
            target = source.index(value, text + len(value))
            at = target + len(value)
            for start in (text, target):
                findings.append(Finding("PII-EMAIL", Category("pii"), Severity.ERROR, "m", "w", "", start,
                                        start + len(value), 1, start + 1, 1, start + len(value) + 1, value))
        kept = dedupe(findings, source)
        assert [f.start for f in kept] == [f.start for f in findings[::2]], len(kept)
        print(len(kept))
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=HANG, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and result.stdout.split() == ["20000"], result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("columns, rows", [(2000, 40)])
def test_a_very_wide_markdown_table_is_checked_in_linear_time(tmp_path, columns, rows):
    """Quadratic in its cells before (2,000 x 30, 139 KB: 262 s against 50 s now, on a busy 2-core
    machine); the timeout catches that shape of cost, not a speed."""
    header = "|" + "|".join(f"c{i}" for i in range(columns)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    body = "".join("|" + "|".join("x" for _ in range(columns)) + "|\n" for _ in range(rows))
    post = write(tmp_path / "wide.md", header + rule + body + "\n" + LEAK)
    result = postlint("check", post, "--no-cache", "--format", "json", timeout=2 * HANG)
    assert result.returncode == 1 and [f["code"] for f in findings(result.stdout)] == ["PII-EMAIL"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "<div>" * 20000 + "Mail jane.doe@gmail.com" + "</div>" * 20000,
    "> " * 5000 + "Mail jane.doe@gmail.com\n",
    "- " * 5000 + "Mail jane.doe@gmail.com\n",
    "[" * 20000 + "Mail jane.doe@gmail.com" + "](x)" * 20000,
    "*" * 50000 + "Mail jane.doe@gmail.com" + "*" * 50000,
])
def test_deeply_nested_markup_is_read_without_recursion(tmp_path, text):
    post = write(tmp_path / "nested.md", text)
    result = postlint("check", post, "--no-cache", "--format", "json", timeout=HANG)
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert "PII-EMAIL" in {f["code"] for f in findings(result.stdout)}
