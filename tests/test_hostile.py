"""Hostile posts and configs (issue 16): no silent pass, no leak, no hang, no traceback.

One class per kind of attack, a few cases each; every case runs in well under a second once the
model is loaded. A case that could hang on a regression runs in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CORPUS_CONFIG, ROOT
from linter.engine import Post
from linter.languages import LANGUAGES

AS_OF = "2026-11-25"
LEAK = "Mail jane.doe@gmail.com for the preview.\n"
HANG = 120  # seconds a subprocess case may take before it counts as a hang


def postlint(*args: object, stdin: int | bytes | None = None, cwd: Path | None = None,
             timeout: float = HANG) -> subprocess.CompletedProcess[str]:
    """`postlint ARGS` in its own process (for special files, closed streams and hangs)."""
    command = [sys.executable, "-m", "linter", *map(str, args)]
    kwargs: dict = {"stdin": stdin} if isinstance(stdin, int) or stdin is None else {"input": stdin}
    result = subprocess.run(command, capture_output=True, cwd=cwd or ROOT, timeout=timeout, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- 1. a file that is not UTF-8 is read, never skipped in silence ---------------------------------

class TestEncodings:
    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
    def test_utf16_and_utf32_with_or_without_bom_are_checked(self, run, tmp_path, encoding):
        post = tmp_path / "post.md"
        post.write_bytes(LEAK.encode(encoding))
        code, out, err = run("check", post, "--format", "json", "--fail-on", "info")
        assert code == 1 and [f["match"] for f in findings(out)] == ["jane.doe@gmail.com"]
        assert findings(out)[0]["line"] == 1 and findings(out)[0]["col"] == 6

    def test_nul_bytes_are_replaced_and_the_post_is_checked(self, run, tmp_path):
        post = tmp_path / "post.md"
        post.write_bytes(b"Ship\x00it.\n" + LEAK.encode())
        code, out, err = run("check", post, "--format", "json")
        assert code == 1 and findings(out)[0]["match"] == "jane.doe@gmail.com"
        assert "NUL" in err

    def test_what_is_not_text_exits_two_not_zero(self, run, tmp_path):
        (tmp_path / "image.md").write_bytes(bytes(range(256)) * 8)
        code, _, err = run("check", tmp_path / "image.md", "--fail-on", "info")
        assert code == 2 and "is not text" in err


# --- 11. special files and sizes: never a hang, never unbounded memory -----------------------------

class TestSpecialFiles:
    @pytest.mark.slow
    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_a_fifo_in_a_folder_or_named_does_not_hang(self, tmp_path):
        write(tmp_path / "good.md", LEAK)
        os.mkfifo(tmp_path / "pipe.md")
        walked = postlint("check", tmp_path, "--no-cache")
        assert walked.returncode == 2 and "pipe.md: is a named pipe" in walked.stderr
        assert "jane.doe@gmail.com" in walked.stdout  # the rest is still checked
        named = postlint("check", tmp_path / "pipe.md", "--no-cache")
        assert named.returncode == 2

    @pytest.mark.slow
    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    def test_dev_zero_as_post_config_pack_and_baseline_is_an_error(self, tmp_path):
        post = write(tmp_path / "post.md", LEAK)
        assert postlint("check", "/dev/zero", "--no-cache").returncode == 2
        assert postlint("check", post, "--config", "/dev/zero", "--no-cache").returncode == 2
        write(tmp_path / "postlint.yaml", "packs: [pii, /dev/zero]\n")
        pack = postlint("check", post, "--no-cache", "--allow-outside-packs")
        assert pack.returncode == 2 and "/dev/zero" in pack.stderr
        assert postlint("check", post, "--baseline", "/dev/zero", "--no-cache").returncode == 2

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    def test_dev_zero_on_stdin_stops_at_max_bytes(self, tmp_path):
        write(tmp_path / "postlint.yaml", "max_bytes: 4096\n")
        with open("/dev/zero", "rb") as zero:
            result = postlint("check", "-", "--no-cache", stdin=zero.fileno(), cwd=tmp_path)
        assert result.returncode == 2 and "max_bytes" in result.stderr

    @pytest.mark.slow
    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
    def test_baseline_to_dev_full_fails_cleanly(self, tmp_path):
        post = write(tmp_path / "post.md", "Nothing to see.\n")
        result = postlint("baseline", post, "-o", "/dev/full", "--no-cache")
        assert result.returncode == 2 and "Traceback" not in result.stderr

    def test_a_post_over_max_bytes_is_reported_and_exits_two(self, run, tmp_path):
        write(tmp_path / "postlint.yaml", "max_bytes: 100\n")
        write(tmp_path / "big.md", "word " * 100)
        small = write(tmp_path / "small.md", LEAK)
        code, out, err = run("check", tmp_path, "--format", "json")
        assert code == 2 and "big.md: is larger than max_bytes (100 bytes)" in err
        assert [f["path"] for f in findings(out)] == [str(small)]

    def test_max_bytes_must_be_a_positive_number(self, run, tmp_path):
        write(tmp_path / "postlint.yaml", "max_bytes: -1\n")
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and "postlint.yaml:1:12: E104" in err


# --- 14. what the library and the command are handed ----------------------------------------------

class TestLibraryInput:
    @pytest.mark.parametrize("value", [None, b"bytes", 42, ["list"]])
    def test_lint_of_a_non_string_is_a_type_error_without_a_traceback_logged(self, linter, value, caplog):
        with pytest.raises(TypeError, match="must be a str"):
            linter.lint(value)
        assert not caplog.records

    def test_lint_many_of_one_string_is_a_type_error(self, linter):
        with pytest.raises(TypeError, match="use lint"):
            linter.lint_many("a string")

    def test_lint_many_items_are_checked(self, linter):
        with pytest.raises(TypeError, match="must be a str"):
            list(linter.lint_many(["fine", None]))

    @pytest.mark.parametrize("config", [5, 3.5, ["packs"], object()])
    def test_a_config_of_the_wrong_type_is_refused(self, config):
        from linter import Linter

        with pytest.raises(TypeError, match="config must be"):
            Linter(config=config)

    def test_a_bad_as_of_is_quoted_short(self, linter):
        with pytest.raises(ValueError) as info:
            linter.lint("x", as_of="9" * 1_000_000)
        assert len(str(info.value)) < 200

    def test_a_bad_lang_is_a_value_error(self, linter):
        with pytest.raises(ValueError, match="lang"):
            linter.lint("x", lang="klingon")


class TestCommandLineIO:
    def test_an_empty_path_is_an_error_not_the_current_folder(self, run, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "leak.md", LEAK)
        code, out, err = run("check", "", "--format", "json")
        assert code == 2 and findings(out) == [] and "empty path" in err

    @pytest.mark.skipif(os.name != "posix", reason="POSIX file names")
    def test_odd_file_names_in_every_format(self, run, tmp_path):
        name = os.fsdecode(b"bad\xff\nname.md")
        path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/" + os.fsencode(name)))
        path.write_bytes(LEAK.encode())
        for fmt in ("text", "json", "sarif", "github"):
            code, out, err = run("check", path, "--format", fmt)
            assert code == 1, (fmt, err)
        code, out, _ = run("check", path)
        first = out.splitlines()[0]
        assert first.startswith(str(tmp_path)) and "\\xff" in first and "\u240a" in first  # one line, shown

    @pytest.mark.slow
    def test_closed_stdout_and_full_disk_exit_two(self, tmp_path):
        post = write(tmp_path / "post.md", LEAK)
        closed = subprocess.run(f'"{sys.executable}" -m linter check --no-cache "{post}" >&-', shell=True,
                                capture_output=True, text=True, cwd=ROOT, timeout=HANG,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert closed.returncode == 2 and "standard output is closed" in closed.stderr
        if Path("/dev/full").exists():
            with open("/dev/full", "w") as full:
                result = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", str(post)],
                                        stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=HANG,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
            assert result.returncode == 2 and "No space left" in result.stderr

    def test_closed_stdin_is_an_error(self, tmp_path):
        closed = subprocess.run(f'"{sys.executable}" -m linter check --no-cache - <&-', shell=True,
                                capture_output=True, text=True, cwd=tmp_path, timeout=HANG,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert closed.returncode == 2 and "standard input is closed" in closed.stderr


# --- 12. configs that hang or crash: every problem reported at once, exit 2 ------------------------

BOMB = "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
               for p, c in zip(["", *"abcdefgh"], "abcdefghi"))


class TestHostileConfigs:
    def test_a_yaml_alias_bomb_is_refused_at_once(self, tmp_path):
        assert len(BOMB) < 500
        write(tmp_path / "postlint.yaml", BOMB)
        result = postlint("check", write(tmp_path / "p.md", "x\n"), "--no-cache", timeout=60)
        assert result.returncode == 2 and "aliases are expanded" in result.stderr

    def test_an_alias_bomb_in_a_pack_is_refused(self, run, tmp_path):
        write(tmp_path / "pack.yaml", BOMB)
        write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and "pack.yaml:1:1: E100" in err

    @pytest.mark.parametrize("text, where", [
        ("company:\n  codenames:\n    - {name: Falcon, public_on: 2027-13-01}\n", "postlint.yaml:3:33: E112"),
        ("max_bytes: " + "9" * 5000 + "\n", "postlint.yaml:1:12: E102"),
        ("exclude: ['!']\n", "postlint.yaml:1:11: E104"),
        ("models: {en: 'blank:zz'}\n", "postlint.yaml:1:14: E104"),
        ("models: {en: 'os.path'}\n", "postlint.yaml:1:14: E104"),
    ])
    def test_bad_values_exit_two_with_their_place(self, run, tmp_path, text, where):
        write(tmp_path / "postlint.yaml", text)
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and where in err and "internal error" not in err

    def test_every_problem_is_reported_at_once(self, run, tmp_path):
        write(tmp_path / "postlint.yaml", """\
            lang: klingon
            company:
              codenames: [{name: Falcon, public_on: 2027-02-30}]
            rules:
              PII-EMIAL: off
              profanity: loud
            """)
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2
        for place in ("postlint.yaml:1:7: E104", "postlint.yaml:3:41: E112", "postlint.yaml:5:3: E107",
                      "postlint.yaml:6:14: E102"):
            assert place in err, place

    @pytest.mark.parametrize("rule, message", [
        ("message: \"'{match:{match}}' leaks\"", "may not carry a format"),
        ("message: \"'{match!r}' leaks\"", "may not carry a format"),
        ("message: \"'{match.upper}' leaks\"", "unknown placeholder"),
        ("message: \"'{0}' leaks\"", "unknown placeholder"),
        ("message: \"'{match}' leaks\"\n  group: -1", "group number"),
    ])
    def test_bad_templates_and_groups_fail_at_load(self, run, tmp_path, rule, message):
        write(tmp_path / "pack.yaml", f"""\
            rules:
            - code: CONF-ACME
              category: confidential
              severity: error
              kind: pattern
              pattern: secret
              why: Because.
              {rule}
            """.replace("\n  group", "\n              group"))
        write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
        code, _, err = run("check", write(tmp_path / "p.md", "a secret\n"))
        assert code == 2 and message in err and "internal error" not in err

    @pytest.mark.parametrize("block", [
        "es:\n    message: \"'{match:{match}}' filtra\"",
        "es:\n    own_message: \"'{match!s}' es tuyo\"",
        "own_message: \"'{match.upper}' is yours\"",
    ])
    def test_templates_in_every_language_and_message_are_checked(self, run, tmp_path, block):
        write(tmp_path / "pack.yaml", textwrap.dedent("""\
            rules:
            - code: PII-ACME
              category: pii
              severity: error
              kind: labelled
              fields: [{name: badge, labels: [badge], value: '\\d{6}'}]
              why: Because.
              message: "'{match}' leaks"
            """) + textwrap.indent(block, "  ") + "\n")
        write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
        code, _, err = run("check", write(tmp_path / "p.md", "badge 123456\n"))
        assert code == 2 and "E104" in err and "internal error" not in err, err

    def test_an_empty_pack_is_an_error(self, run, tmp_path):
        write(tmp_path / "empty.yaml", "")
        write(tmp_path / "none.yaml", "rules: []\n")
        write(tmp_path / "postlint.yaml", "packs: [pii, empty.yaml, none.yaml]\n")
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and "empty.yaml:1:1: E103 the rule pack is empty" in err
        assert "none.yaml:1:8: E104 the pack defines no rules" in err

    def test_a_symlink_loop_as_pack_is_an_error(self, run, tmp_path):
        os.symlink(tmp_path / "loop.yaml", tmp_path / "loop.yaml")
        write(tmp_path / "postlint.yaml", "packs: [loop.yaml]\n")
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and "postlint.yaml:1:9: E110" in err and "internal error" not in err

    @pytest.mark.parametrize("kind", [
        {"kind": "pattern", "pattern": "a+b", "context": ["code"], "timeout": 0.2, "strong": "(a|a)*$"},
        {"kind": "entities", "entities": ["EMAIL_ADDRESS"], "allow_patterns": ["(a|a)*$"]},
    ])
    @pytest.mark.slow
    def test_user_regexes_are_bounded_by_a_timeout(self, tmp_path, kind):
        rule = {"code": "PII-ACME", "category": "pii", "severity": "error", "message": "'{match}' leaks",
                "why": "Because.", **kind}
        write(tmp_path / "pack.yaml", json.dumps({"rules": [rule]}))  # JSON is YAML
        write(tmp_path / "postlint.yaml", "packs: [pack.yaml]\n")
        post = write(tmp_path / "p.md", "a" * 40 + "b! code " + "a" * 40 + "@example.org\n")
        result = postlint("check", post, "--no-cache", timeout=60)
        assert result.returncode in (0, 1) and "gave up" in result.stderr and "Traceback" not in result.stderr


# --- 5. a config beside a post never replaces the team's policy unseen ------------------------------

class TestNestedConfigs:
    @pytest.fixture
    def repo(self, tmp_path):
        (tmp_path / ".git").mkdir()
        write(tmp_path / "postlint.yaml", """\
            root: true
            company:
              codenames: [Nightjar]
            """)
        write(tmp_path / "blog" / "post.md", "Nightjar ships soon.\n")
        return tmp_path

    def test_an_empty_nested_config_is_an_error_under_root_true(self, run, repo):
        write(repo / "blog" / ".postlint.yaml", "")
        code, _, err = run("check", repo / "blog" / "post.md")
        assert code == 2 and "E116" in err and "root: true" in err

    def test_without_root_the_nested_config_is_named_in_the_summary(self, run, repo):
        write(repo / "postlint.yaml", "company:\n  codenames: [Nightjar]\n")
        write(repo / "blog" / ".postlint.yaml", "rules: {confidential: off}\n")
        code, out, _ = run("check", repo / "blog")
        assert code == 0 and f"config: {repo / 'blog' / '.postlint.yaml'}" in out

    def test_show_config_names_the_config_of_each_path(self, run, repo):
        write(repo / "drafts" / ".postlint.yaml", "rules: {pii: off}\n")
        write(repo / "drafts" / "d.md", "x\n")
        code, out, err = run("check", "--show-config", repo / "blog")
        assert code == 0 and f"config: {repo / 'postlint.yaml'} (root: true" in out
        assert "company: 1 codename, 0 customers" in out and "Nightjar" not in out
        code, out, err = run("check", "--show-config", repo / "drafts" / "d.md")
        assert code == 2 and "E116" in err

    def test_the_summary_names_every_config_used(self, run, tmp_path):
        write(tmp_path / "postlint.yaml", "company:\n  codenames: [Nightjar]\n")
        write(tmp_path / "a" / "post.md", "Nightjar ships.\n")
        write(tmp_path / "b" / "postlint.yaml", "rules: {confidential: off}\n")
        write(tmp_path / "b" / "post.md", "Nightjar ships.\n")
        code, out, _ = run("check", tmp_path / "a", tmp_path / "b")
        assert f"configs: {tmp_path / 'postlint.yaml'}, {tmp_path / 'b' / 'postlint.yaml'}" in out
        code, out, _ = run("check", tmp_path / "a", "--format", "json")
        assert json.loads(out)["summary"]["configs"] == [str(tmp_path / "postlint.yaml")]


# --- 8. packs stay inside the repository; errors never print a file's content ----------------------

class TestPackConfinement:
    def test_a_pack_outside_the_repository_is_refused(self, run, tmp_path):
        outside = write(tmp_path / "elsewhere" / "secret.yaml", "root:x:0:0:root:/root:/bin/bash\nhash: abc\n")
        repo = tmp_path / "repo"
        (repo / ".git").mkdir(parents=True)
        write(repo / "postlint.yaml", f"packs: [pii, {outside}, ../elsewhere/secret.yaml]\n")
        post = write(repo / "p.md", "x\n")
        code, _, err = run("check", post)
        assert code == 2 and err.count("E115") == 2 and "root:x" not in err and "abc" not in err
        code, _, err = run("check", post, "--allow-outside-packs")
        assert code == 2 and "secret.yaml:2:5: E100" in err  # read now, and not a pack
        assert "root:x:0" not in err and "abc" not in err  # its content is never echoed

    def test_a_pack_through_a_symlink_out_of_the_repository_is_refused(self, run, tmp_path):
        write(tmp_path / "outside.yaml", "rules: []\n")
        repo = tmp_path / "repo"
        (repo / ".git").mkdir(parents=True)
        os.symlink(tmp_path / "outside.yaml", repo / "inside.yaml")
        write(repo / "postlint.yaml", "packs: [inside.yaml]\n")
        code, _, err = run("check", write(repo / "p.md", "x\n"))
        assert code == 2 and "E115" in err

    def test_long_keys_are_quoted_short(self, run, tmp_path):
        write(tmp_path / "postlint.yaml", "company:\n  " + "k" * 500 + ": 1\n")
        code, _, err = run("check", write(tmp_path / "p.md", "x\n"))
        assert code == 2 and "k" * 41 not in err and "…" in err


# --- 9. an internal error never echoes a post ----------------------------------------------------

def test_an_internal_error_line_never_quotes_the_exception(run, tmp_path, monkeypatch):
    import linter.engine

    def explode(*args, **kwargs):
        raise KeyError("jane.doe@gmail.com")

    monkeypatch.setattr(linter.engine.Linter, "lint_documents", explode)
    code, _, err = run("check", write(tmp_path / "p.md", LEAK))
    assert code == 3 and "jane.doe" not in err and "KeyError at" in err


# --- 7. the findings cache: no text at all, and nothing it did not sign -----------------------------

def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


class TestCache:
    POST = ("Dashboards at \uff47\uff52\uff41\uff46\uff41\uff4e\uff41.corp.acme.example are down; "
            "ask Globex about N-i-g-h-t-j-a-r or mail jane.doe@gmail.com.\n")
    # Spanish: messages in Spanish words ("hasta el 1 de marzo de 2027") are the policy's, by reference
    POST_ES = ("Los paneles de \uff47\uff52\uff41\uff46\uff41\uff4e\uff41.corp.acme.example no van; "
               "pregunta a Globex por Falcon y N-i-g-h-t-j-a-r o escribe a jane.doe@gmail.com.\n")

    def check(self, run, post: Path, cache: Path) -> tuple[int, list[dict]]:
        code, out, _ = run("check", post, "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--cache-dir", cache,
                           "--format", "json")
        return code, findings(out)

    @pytest.mark.parametrize("text", [POST, POST_ES])
    def test_entries_hold_no_text_at_all(self, run, tmp_path, text):
        post = write(tmp_path / "post.md", text)
        code, found = self.check(run, post, tmp_path / "cache")
        assert {"CONF-INTERNAL-HOST", "CONF-CUSTOMER", "CONF-CODENAME", "PII-EMAIL"} <= {f["code"] for f in found}
        (entry,) = (tmp_path / "cache" / "findings").rglob("*.json")
        stored = json.loads(entry.read_text(encoding="utf-8"))
        allowed = {f["code"] for f in found} | {"error", "warning", "info", "src", "txt", "pol", "num",
                                                 stored["mac"], *LANGUAGES}  # a record names its post language
        assert [s for s in _strings(stored) if s not in allowed and not s.replace(".", "").isdigit()] == []
        assert self.check(run, post, tmp_path / "cache") == (code, found)  # and rebuilt exactly

    def test_a_forged_entry_is_ignored(self, run, tmp_path):
        post = write(tmp_path / "post.md", self.POST)
        first = self.check(run, post, tmp_path / "cache")
        for entry in (tmp_path / "cache" / "findings").rglob("*.json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            entry.write_text(json.dumps({**data, "findings": []}), encoding="utf-8")  # "clean", old signature
        assert self.check(run, post, tmp_path / "cache") == first
        (tmp_path / "cache" / "key").write_text("00" * 32 + "\n", encoding="utf-8")  # another key
        assert self.check(run, post, tmp_path / "cache") == first

    @pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
    def test_a_key_others_can_read_disables_the_cache(self, run, tmp_path):
        post = write(tmp_path / "post.md", self.POST)
        first = self.check(run, post, tmp_path / "cache")
        os.chmod(tmp_path / "cache" / "key", 0o644)
        code, out, err = run("check", post, "--config", CORPUS_CONFIG, "--as-of", AS_OF,
                             "--cache-dir", tmp_path / "cache", "--format", "json")
        assert (code, findings(out)) == first and "the findings cache is not used" in err
        assert oct((tmp_path / "cache" / "key").stat().st_mode & 0o777) == "0o644"  # left as it is


# --- 13. one Linter shared by threads ------------------------------------------------------------

@pytest.mark.slow
def test_one_linter_is_safe_to_share_between_threads(linter):
    import threading

    posts = [f"Post {i}: mail jane{i}@gmail.com about Nightjar, unusual word zq{i}xv{i} idiots." for i in range(24)]
    expected = [linter.lint(p, as_of=AS_OF) for p in posts]
    results: dict[str, object] = {}
    errors: list[BaseException] = []

    def stream() -> None:
        try:
            for _ in range(3):
                results["many"] = list(linter.lint_many(posts, as_of=AS_OF, batch_size=2))
        except BaseException as exc:  # noqa: BLE001 - collected for the assert
            errors.append(exc)

    def single(n: int) -> None:
        try:
            for i in range(n, len(posts), 3):
                results[f"one{i}"] = linter.lint(posts[i], as_of=AS_OF)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=stream)] + [threading.Thread(target=single, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert results["many"] == expected
    assert [results[f"one{i}"] for i in range(len(posts))] == expected


# --- 10. text that makes a tokenizer or a regex quadratic ------------------------------------------

@pytest.mark.slow
def test_fifty_kilobytes_of_anything_finish(tmp_path):
    """Each of these took minutes (spaCy's tokenizer on runs of brackets, a money regex on dotted
    numbers, Presidio's context look-up per candidate); the guard is a hang, not a stopwatch."""
    posts = {"brackets.md": "[" * 50_000 + "word", "quotes.txt": "'s" * 25_000, "smileys.txt": ":)" * 25_000,
             "dotted.txt": "10.0.0.1." * 5_500, "underscores.md": "_" * 50_000 + " jane.doe@gmail.com"}
    for name, text in posts.items():
        write(tmp_path / name, text)
    result = postlint("check", tmp_path, "--no-cache", "--format", "json", timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "jane.doe@gmail.com" in {f["match"] for f in findings(result.stdout)}


def test_slicing_long_chunks_keeps_the_text_and_the_words(linter):
    from linter.tokenizer import tokenize

    nlp = linter._runtime("en").nlp
    text = "Mail jane.doe@gmail.com " + "[" * 450 + "word " + "😀" * 300 + " and " + "ab-" * 80 + "\n"
    doc = tokenize(nlp, text)
    assert doc.text == text and [t.text for t in doc[:2]] == ["Mail", "jane.doe@gmail.com"]
    brackets = [t for t in doc if set(t.text) == {"["}]
    emoji = [t for t in doc if set(t.text) == {"😀"}]
    assert sum(map(len, brackets)) == 450 and len(brackets) <= 6  # a few tokens, not 450 to tag
    assert sum(map(len, emoji)) == 300 and len(emoji) <= 4
    assert [f.match for f in linter.lint(text)] == ["jane.doe@gmail.com"]


# --- 2. invisible and look-alike disguises; 3. codename edges --------------------------------------

@pytest.fixture(scope="module")
def company_linter():
    from linter import Linter

    return Linter({"company": {"codenames": ["Project Nightjar", "Nightjar", "Marigold"],
                               "customers": ["Globex"], "internal_domains": ["corp.acme.example"]}})


@pytest.mark.parametrize("text, code, disguised", [
    ("Sneak peek: Night\ufe0fjar ships soon.", "CONF-CODENAME", "Night\ufe0fjar"),       # emoji selector
    ("Sneak peek: Nightjar\ufe0e ships soon.", "CONF-CODENAME", "Nightjar\ufe0e"),
    ("Sneak peek: Nig\u180bhtjar ships soon.", "CONF-CODENAME", "Nig\u180bhtjar"),       # Mongolian selector
    ("Sneak peek: Nig\u034fhtjar ships soon.", "CONF-CODENAME", "Nig\u034fhtjar"),       # grapheme joiner
    ("Sneak peek: Nig\u0332ht\u0332jar ships soon.", "CONF-CODENAME", "Nig\u0332ht\u0332jar"),  # underlined
    ("Sneak peek: N\u00ecghtj\u00e1r ships soon.", "CONF-CODENAME", "N\u00ecghtj\u00e1r"),      # accents
    ("Sneak peek: Nig\u0570tjar ships soon.", "CONF-CODENAME", "Nig\u0570tjar"),          # Armenian ho
    ("Sneak peek: Ni\u0261htjar ships soon.", "CONF-CODENAME", "Ni\u0261htjar"),          # Latin script g
    ("Sneak peek: \u202eraJthgiN\u202c ships soon.", "CONF-CODENAME", "\u202eraJthgiN\u202c"),  # shown reversed
    ("Sneak peek: N1ghtj4r ships soon.", "CONF-CODENAME", "N1ghtj4r"),
    ("Sneak peek: #Marig0ld ships soon.", "CONF-CODENAME", "Marig0ld"),
    ("Sneak peek: N/i/g/h/t/j/a/r ships soon.", "CONF-CODENAME", "N/i/g/h/t/j/a/r"),
    ("Sneak peek: N\u2022i\u2022g\u2022h\u2022t\u2022j\u2022a\u2022r ships.", "CONF-CODENAME",
     "N\u2022i\u2022g\u2022h\u2022t\u2022j\u2022a\u2022r"),
    ("Sneak peek: Night-\njar ships soon.", "CONF-CODENAME", "Night-\njar"),
    ("Glo\ufe0fbex signed with us today.", "CONF-CUSTOMER", "Glo\ufe0fbex"),
    ("Dashboards: grafana.corp.acme\ufe0f.example is down.", "CONF-INTERNAL-HOST", "grafana.corp.acme\ufe0f.example"),
    ("Call me at 212\u2013555\u20130147 tonight.", "PII-PHONE", "212\u2013555\u20130147"),
    ("Call me at 212\u2011555\u20110147 tonight.", "PII-PHONE", "212\u2011555\u20110147"),
    ("Call me at 212-555\ufe0f-0147 tonight.", "PII-PHONE", "212-555\ufe0f-0147"),
    ("Card 4111  1111  1111  1111 for the demo.", "PII-CARD", "4111  1111  1111  1111"),
    ("Card 4111\t1111\t1111\t1111 for the demo.", "PII-CARD", "4111\t1111\t1111\t1111"),
    ("Pay to DE89 3704  0044 0532 0130 00 please.", "PII-IBAN", "DE89 3704  0044 0532 0130 00"),
])
def test_disguises_are_seen_through(company_linter, text, code, disguised):
    found = [(f.code, f.match) for f in company_linter.lint(text, as_of=AS_OF)]
    assert (code, disguised) in found, found


@pytest.mark.parametrize("text, code, disguised", [
    ("\u00a1Ma\u00f1ana presentamos Night\ufe0fjar a los clientes!", "CONF-CODENAME", "Night\ufe0fjar"),
    ("El equipo de Nig\u0332ht\u0332jar trabaja en la nueva versi\u00f3n.", "CONF-CODENAME", "Nig\u0332ht\u0332jar"),
    ("Hablamos de N\u00ecghtj\u00e1r en la reuni\u00f3n de hoy.", "CONF-CODENAME", "N\u00ecghtj\u00e1r"),
    ("Lanzamos #N1ghtj4r la semana que viene.", "CONF-CODENAME", "N1ghtj4r"),
    ("Estamos contentos con N/i/g/h/t/j/a/r este trimestre.", "CONF-CODENAME", "N/i/g/h/t/j/a/r"),
    ("Gran d\u00eda para el equipo: #NightjarLanzamiento.", "CONF-CODENAME", "Nightjar"),
    ("Os presentamos un Nightjar beta para socios.", "CONF-CODENAME", "Nightjar"),   # un: no evidence
    ("Firmamos con Gl\u0585bex un contrato de tres a\u00f1os.", "CONF-CUSTOMER", "Gl\u0585bex"),  # Armenian oh
    ("Entra en \u202eelpmaxe.emca.proc.anafarg\u202c para ver los datos.", "CONF-INTERNAL-HOST",
     "\u202eelpmaxe.emca.proc.anafarg\u202c"),
    ("Paga con la tarjeta 4111  1111  1111  1111 antes del viernes.", "PII-CARD", "4111  1111  1111  1111"),
    ("Llama a Ana al +34 612\u2013345\u2013678 para la entrevista.", "PII-PHONE", "+34 612\u2013345\u2013678"),
    ("Transfiere a ES91\u00a02100\u00a00418\u00a04502\u00a00005\u00a01332 hoy.", "PII-IBAN",
     "ES91\u00a02100\u00a00418\u00a04502\u00a00005\u00a01332"),
    ("Escr\u00edbeme a jane.doe\u200b@gmail.com para m\u00e1s informaci\u00f3n.", "PII-EMAIL", "jane.doe\u200b@gmail.com"),
])
@pytest.mark.parametrize("lang", ["es", "auto"])
def test_disguises_are_seen_through_in_spanish_posts(company_linter, text, code, disguised, lang):
    found = [(f.code, f.match) for f in company_linter.lint(text, lang=lang, as_of=AS_OF)]
    assert (code, disguised) in found, found


def test_spanish_words_keep_their_letters(company_linter):
    """Normalising undoes disguises, not Spanish: accents, \u00f1 and \u00a1\u00bf stay for the Spanish model."""
    text = "\u00a1Hola! \u00bfQu\u00e9 tal? La canci\u00f3n de Mar\u00eda N\u00fa\u00f1ez, ping\u00fcino."
    document = company_linter.document(Post(text, lang="auto"))
    assert document.text == text and document.lang == "es"


@pytest.mark.parametrize("text, match", [
    ("Big news: #NightjarLaunch is on!", "Nightjar"),
    ("Counting down to #Nightjar2026.", "Nightjar"),
    ("NightjarV2 is coming.", "Nightjar"),
    ("Say hi to the Nightjars team.", "Nightjar"),
    ("Say hi to the Nightjar's team.", "Nightjar"),
    ("We love birds. Nightjar ships in May to every customer.", "Nightjar"),   # a bird in another sentence
    ("Try a Nightjar beta today.", "Nightjar"),                                 # an article is no evidence
    ("Our Nightjar launch is for bird watchers too.", "Nightjar"),              # a proper noun mid-sentence
])
def test_codename_edges_are_reported(company_linter, text, match):
    assert [f.match for f in company_linter.lint(text, as_of=AS_OF) if f.code == "CONF-CODENAME"] == [match]


@pytest.mark.parametrize("text", [
    "Heard a nightjar churring at dusk on the heath.",
    "A nightjar is a nocturnal bird with a strange call.",
    "Nightjars nest on the ground in heathland, birders say.",
    "The nightjarring of the crowd was loud.",           # not the name on its own
    "Our new Nightjarvis assistant is out.",              # nor inside another word
])
def test_near_misses_stay_clean(company_linter, text):
    assert [f.match for f in company_linter.lint(text, as_of=AS_OF) if f.code == "CONF-CODENAME"] == []


# --- 6. redaction masks spans, everywhere they print, and nothing else ----------------------------

class TestRedaction:
    def test_baselined_secrets_stay_masked_in_excerpts(self, run, tmp_path):
        post = write(tmp_path / "post.md", "Mail jane.doe@gmail.com\n")
        baseline = tmp_path / "baseline.json"
        assert run("baseline", post, "-o", baseline, "--config", CORPUS_CONFIG)[0] == 0
        post.write_text("Mail jane.doe@gmail.com or bob.roe@gmail.com\n", encoding="utf-8")
        code, out, _ = run("check", post, "--config", CORPUS_CONFIG, "--baseline", baseline, "--redact")
        assert code == 1 and "jane.doe" not in out and "bob.roe" not in out
        assert "1 more in the baseline" in out

    def test_only_the_spans_are_masked_not_the_same_letters_elsewhere(self, run, tmp_path):
        config = write(tmp_path / "postlint.yaml", "company:\n  codenames: [Git]\n")
        post = write(tmp_path / "post.md", "Git ships soon. See https://github.com/acme for the code.\n")
        other = write(tmp_path / "other.md", "We host on github.com and Gitea.\n")
        code, out, _ = run("check", post, other, "--config", config, "--redact", "--format", "json")
        (finding,) = findings(out)
        assert finding["match"] == "[redacted]" and "Git" not in finding["message"]
        code, text, _ = run("check", post, other, "--config", config, "--redact")
        assert "*** ships soon. See https://github.com/acme" in text  # github.com keeps its letters

    def test_directive_hints_are_not_masked(self, run, tmp_path):
        post = write(tmp_path / "post.md", "<!-- postlint-disable-next-line PII-EMIAL -- our alias -->\n"
                                          "Mail jane.doe@gmail.com\n")
        code, out, _ = run("check", post, "--redact")
        assert "did you mean PII-EMAIL" in out and "jane.doe" not in out

    def test_a_codename_in_the_file_name_is_reported_and_masked(self, run, tmp_path):
        post = write(tmp_path / "2026-11-25-nightjar-launch.md", "We have news.\n")
        code, out, _ = run("check", post, "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "json")
        (finding,) = findings(out)
        assert code == 1 and finding["code"] == "CONF-CODENAME" and finding["match"] == "nightjar"
        assert str(post)[finding["in_path"][0]:finding["in_path"][1]] == "nightjar"
        for fmt in ("text", "json", "sarif", "github"):
            code, out, _ = run("check", post, "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--redact",
                               "--format", fmt)
            masked = "2026-11-25-%2A%2A%2A%2A%2A%2A%2A%2A-launch" if fmt == "sarif" else "2026-11-25-********-launch"
            assert code == 1 and "nightjar" not in out.lower() and masked in out, fmt

    def test_other_categories_over_a_masked_span_are_blanked_there(self, linter):
        from linter.report import FileResult
        from linter.report.redact import redact

        text = "Mail jane.doe@gmail.com, you idiots.\n"
        found = linter.lint(text, path="p.md", as_of=AS_OF)
        masked, _ = redact([FileResult("p.md", found, text)], {r.code: r for r in linter.rules})
        rendered = json.dumps([f.to_dict() for f in masked[0].findings])
        assert "jane.doe" not in rendered and "idiots" in rendered


# --- 4. published text that is never read --------------------------------------------------------

@pytest.mark.parametrize("path, text, code, match", [
    ("p.html", "<p>Hello</p><!-- call Jane on +1 212 555 0147 -->", "PII-PHONE", "+1 212 555 0147"),
    ("p.md", "Hello.\n\n<!-- the Nightjar demo is Friday -->\n", "CONF-CODENAME", "Nightjar"),
    ("p.md", 'See [the docs](https://example.com "Nightjar docs").', "CONF-CODENAME", "Nightjar"),
    ("p.md", '![A chart](chart.png "Nightjar numbers")', "CONF-CODENAME", "Nightjar"),
    ("p.md", '[docs]: https://example.com "Nightjar docs"\n\nSee [docs].', "CONF-CODENAME", "Nightjar"),
    ("p.html", '<a href="/x" title="Nightjar preview">x</a>', "CONF-CODENAME", "Nightjar"),
    ("p.html", '<span aria-label="Nightjar launch">x</span>', "CONF-CODENAME", "Nightjar"),
    ("p.html", '<img src="a.png" alt="Nightjar prototype">', "CONF-CODENAME", "Nightjar"),
    ("p.md", "---\nauthor_email: jane.doe@gmail.com\n---\nHello.\n", "PII-EMAIL", "jane.doe@gmail.com"),
    ("p.md", "---\nlang: es\ndescripcion: Nightjar llega en marzo\n---\nHola a todos.\n", "CONF-CODENAME", "Nightjar"),
    ("p.html", '<head><meta property="article:tag" content="Nightjar"></head><p>x</p>', "CONF-CODENAME", "Nightjar"),
    ("p.html", '<div data-product="Nightjar">x</div>', "CONF-CODENAME", "Nightjar"),
    ("p.html", '<script type="application/ld+json">{"name": "Globex case study"}</script>', "CONF-CUSTOMER", "Globex"),
    ("p.html", '<iframe srcdoc="&lt;p&gt;Nightjar&lt;/p&gt;"></iframe>', "CONF-CODENAME", "Nightjar"),
    ("p.md", "---\nseo:\n  description: Nightjar is here\n---\nHello.\n", "CONF-CODENAME", "Nightjar"),
    ("p.md", "---\nimage: {alt: Globex office}\n---\nHello.\n", "CONF-CUSTOMER", "Globex"),
    ("p.md", "---\nslug: nightjar-launch\n---\nHello.\n", "CONF-CODENAME", "nightjar"),
    ("p.md", '+++\ntitle = "x"\n[extra]\nproduct = "Nightjar"\n+++\nHello.\n', "CONF-CODENAME", "Nightjar"),
    ("p.md", "---\ntitle: [unclosed\nsummary: Nightjar\n---\nHello.\n", "CONF-CODENAME", "Nightjar"),
    ("p.mdx", '<Callout heading="Nightjar launch" />\n\nHello.\n', "CONF-CODENAME", "Nightjar"),
    ("p.mdx", 'export const meta = {title: "Nightjar launch"}\n\nHello.\n', "CONF-CODENAME", "Nightjar"),
    ("p.md", '```python title="nightjar.py"\nprint(1)\n```\n', "CONF-CODENAME", "nightjar"),
    ("p.md", "[call me](tel:+12125550147)", "PII-PHONE", "+12125550147"),
    ("p.md", "[message me](https://wa.me/12125550147)", "PII-PHONE", "12125550147"),
    ("p.md", "[sign up](https://example.com/join?email=jane.doe%40gmail.com)", "PII-EMAIL", "jane.doe%40gmail.com"),
    ("p.md", "[sign up](https://example.com/join?ref=x&email=jane.doe@gmail.com)", "PII-EMAIL", "jane.doe@gmail.com"),
])
def test_published_text_is_read(linter, path, text, code, match):
    found = [(f.code, f.match) for f in linter.lint(text, path=path, as_of=AS_OF)]
    assert (code, match) in found, found


def test_front_matter_that_does_not_parse_is_reported(run, tmp_path):
    post = write(tmp_path / "post.md", "---\ntitle: [unclosed\nsummary: Nightjar ships\n---\nHello.\n")
    code, out, err = run("check", post, "--config", CORPUS_CONFIG, "--as-of", AS_OF, "--format", "json")
    assert code == 1 and "front matter is not valid YAML" in err
    assert [f["match"] for f in findings(out)] == ["Nightjar"]
