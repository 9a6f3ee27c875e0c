"""Plugins: a rule kind and a rule pack shipped as a package of their own, found through the
`postlint.kinds` and `postlint.packs` entry points (tests/plugins/acme_postlint, docs/plugins.md).

The plugin is installed as pip would leave it, without pip or network: the package copied into a
folder on the path beside an `acme_postlint-1.0.dist-info` holding its `entry_points.txt`.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from linter import Linter, checks, plugins, prepared
from linter.config import resolve_config
from linter.errors import ConfigError
from linter.packs import load_rules, prepared_key

PLUGIN = ROOT / "tests" / "plugins" / "acme_postlint"
ENTRY_POINTS = """\
[console_scripts]
acme-tool = acme_postlint:main

[postlint.kinds]
acme = acme_postlint.kinds

[postlint.packs]
acme = acme_postlint:pack_folder
"""


def install(site: Path, entry_points: str = ENTRY_POINTS) -> Path:
    """What `pip install acme-postlint` leaves in site-packages: the package and its dist-info."""
    shutil.copytree(PLUGIN, site / "acme_postlint", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    info = site / "acme_postlint-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-postlint\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    forget()
    return info


def forget() -> None:
    """What this process remembers of the installed distributions and the plugins' kinds, as a
    new process would start: the built-in kinds stay registered (importing them again would not)."""
    for remembered in (prepared.distribution_folders, prepared._dist_info_versions, plugins._declared,
                       plugins.fingerprint):
        remembered.cache_clear()
    checks._LOADED.clear()
    for kind, cls in list(checks.KINDS.items()):
        if not cls.__module__.startswith("linter."):
            del checks.KINDS[kind]
    for name in [m for m in sys.modules if m.partition(".")[0] == "acme_postlint"]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An empty folder on sys.path to install plugins into; their kinds are forgotten after."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    forget()
    yield folder
    forget()


def test_the_plugin_kind_and_pack_load_through_entry_points(site):
    install(site)
    linter = Linter({"packs": ["pii", "acme"]})
    assert "CONF-ACME-TICKET" in {r.code for r in linter.rules}
    findings = linter.lint("Fixed in OPS-1234, reported as SEC-9. Mail jane.doe@gmail.com.", as_of=AS_OF)
    assert [(f.code, f.match) for f in findings if f.category == "confidential"] == \
        [("CONF-ACME-TICKET", "OPS-1234"), ("CONF-ACME-TICKET", "SEC-9")]
    assert findings[0].message == "'OPS-1234' is a key of the internal OPS tracker."
    assert "PII-EMAIL" in {f.code for f in findings}  # beside the built-in packs
    assert not linter.lint("Our DEVOPS-12 talk; OPS 1234 is a room; see ACME-5 and OPS-12a.", as_of=AS_OF)
    spanish = Linter({"packs": ["acme"], "lang": "es"})
    found = spanish.lint("Corregido en SEC-77, como pedía el equipo.", as_of=AS_OF)
    assert [f.message for f in found] == ["'SEC-77' es una clave del gestor interno SEC."]
    assert not spanish.lint("Corregido en la versión 2.1 (SEC 77).", as_of=AS_OF)


def test_the_plugin_pack_examples_hold(site):
    install(site)
    linter = Linter({"packs": ["acme"]})
    [rule] = linter.rules
    assert rule.examples_bad and rule.examples_good
    for text in rule.examples_bad:
        assert [f.code for f in linter.lint(text, as_of=AS_OF)] == [rule.code], text
    for text in rule.examples_good:
        assert linter.lint(text, as_of=AS_OF) == [], text


def test_a_company_pack_may_use_a_plugin_kind(site, tmp_path):
    install(site, "[postlint.kinds]\nacme = acme_postlint.kinds:TicketsCheck\n")  # a class, and no pack
    (tmp_path / "own.yaml").write_text(
        "rules:\n  - {code: CONF-HR-TICKET, category: confidential, severity: error, kind: acme-tickets,\n"
        "     projects: [HR], message: \"'{match}' is an HR case.\", why: HR cases are private.}\n", encoding="utf-8")
    (tmp_path / "postlint.yaml").write_text("packs: [./own.yaml]\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    linter = Linter(tmp_path / "postlint.yaml")
    assert [f.match for f in linter.lint("Closing HR-17 today, HRM-17 stays.", as_of=AS_OF)] == ["HR-17"]
    with pytest.raises(ConfigError, match="'acme' is neither a built-in pack, a plugin's pack nor a .yaml path"):
        Linter({"packs": ["acme"]})


def test_our_reading_of_entry_points_is_that_of_importlib_metadata(site):
    install(site)
    import importlib.metadata

    for group in (plugins.KINDS_GROUP, plugins.PACKS_GROUP):
        theirs = [(e.name, e.value) for e in importlib.metadata.entry_points(group=group)]
        assert [(e.name, e.value) for e in plugins.entry_points(group)] == theirs
        assert theirs  # the plugin's
    assert plugins.entry_points(plugins.KINDS_GROUP)[0].line == 5  # errors name this line


def test_installing_removing_or_editing_the_plugin_changes_the_prepared_rules(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    config = resolve_config({"packs": ["acme"]})
    without = prepared_key(config, cache)
    info = install(site)
    installed = prepared_key(config, cache)
    assert installed != without
    assert [r.code for r in load_rules(config, cache)] == ["CONF-ACME-TICKET"]
    shutil.rmtree(info)  # pip uninstall leaves the package folder behind on a broken install
    forget()
    assert prepared_key(config, cache) == without
    with pytest.raises(ConfigError, match="plugins' packs: none installed"):
        load_rules(config, cache)  # not the rules prepared while it was installed
    install(site)
    assert prepared_key(config, cache) == installed
    pack = site / "acme_postlint" / "packs" / "acme.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("[OPS, SEC]", "[OPS, SEC, HR]"), encoding="utf-8")
    forget()
    edited = prepared_key(config, cache)
    assert edited not in (installed, without)
    assert load_rules(config, cache)[0].options["projects"] == ["OPS", "SEC", "HR"]


def problems_of(config: dict) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_rules(resolve_config(config))
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize(("entry_points", "expected"), [
    ("[postlint.kinds]\nacme = acme_postlint.nowhere\n",
     "'acme = acme_postlint.nowhere' could not be loaded: ModuleNotFoundError: No module named 'acme_postlint.nowhere'"),
    ("[postlint.kinds]\nacme = acme_postlint:pack_folder\n", "names neither a Check class"),
    ("[postlint.kinds]\nacme = acme_postlint.kinds\nagain = acme_postlint.broken\n",
     "defines the kind 'terms', which linter.checks.terms defines already"),
])
def test_a_broken_kind_plugin_is_a_clear_error_naming_it(site, entry_points, expected):
    install(site, entry_points)
    (site / "acme_postlint" / "broken.py").write_text(
        "from linter.checks import Check\n\nclass Terms(Check):\n    kind = 'terms'\n", encoding="utf-8")
    [problem] = problems_of({"packs": ["pii"]})
    line = 3 if "again" in entry_points else 2
    assert problem.startswith(f"{site / 'acme_postlint-1.0.dist-info' / 'entry_points.txt'}:{line}:1: E117 "
                              "plugin acme_postlint 1.0: postlint.kinds entry point")
    assert expected in problem
    assert ("pip uninstall acme_postlint" in problem) == ("could not be loaded" in problem)  # else a precise hint


@pytest.mark.parametrize(("target", "expected"), [
    ("acme_postlint:missing_folder", "could not be loaded: AttributeError"),
    ("acme_postlint:failing", "failed: RuntimeError: no pack today"),
    ("acme_postlint:number", "gave a int, not the path of a pack"),
    ("acme_postlint:outside", "outside the plugin's package folder"),
    ("acme_postlint:empty", "which holds no .yaml pack"),
    ("acme_postlint:gone", "which does not exist"),
])
def test_a_broken_pack_plugin_is_a_clear_error_naming_it(site, target, expected):
    install(site, f"[postlint.packs]\nacme = {target}\n")
    (site / "acme_postlint" / "empty").mkdir()
    with (site / "acme_postlint" / "__init__.py").open("a", encoding="utf-8") as module:
        module.write("\n\ndef failing():\n    raise RuntimeError('no pack today')\n\n\nnumber = 7\n"
                     "outside = Path(__file__).parent.parent\nempty = Path(__file__).parent / 'empty'\n"
                     "gone = Path(__file__).parent / 'gone.yaml'\n")
    [problem] = problems_of({"packs": ["acme"]})
    assert ":2:1: E117 plugin acme_postlint 1.0: postlint.packs entry point 'acme = " in problem
    assert expected in problem


def test_a_plugin_pack_is_validated_like_a_company_pack(site):
    install(site)
    pack = site / "acme_postlint" / "packs" / "acme.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("severity: warning", "sevrity: warning"), encoding="utf-8")
    (site / "acme_postlint" / "packs" / "more.yml").write_text(
        "rules:\n  - {code: CONF-ACME-X, category: confidential, severity: error, kind: tokens,\n"
        "     patterns: [[{NOSUCH: x}]], message: m, why: w}\n", encoding="utf-8")
    problems = problems_of({"packs": ["acme"]})
    assert any("acme.yaml:6:5: E101 unknown key 'sevrity'" in p for p in problems), problems
    assert any("more.yml:2:" in p and "NOSUCH" in p for p in problems), problems  # spaCy's validator too


def test_a_plugin_in_the_working_folder_is_never_loaded(site, tmp_path, monkeypatch):
    """`python -m linter` puts the working folder on the path: a repository being checked that
    holds a dist-info must not get its code run."""
    install(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.syspath_prepend(str(tmp_path / "repo"))  # as `python -m` does (`python -c` puts "")
    monkeypatch.syspath_prepend("")
    forget()
    assert plugins.entry_points(plugins.KINDS_GROUP) == [] and plugins.packs() == {}
    install(site)
    assert [e.name for e in plugins.entry_points(plugins.KINDS_GROUP)] == ["acme"]


def test_two_plugins_offering_one_pack_name_is_an_error(site):
    install(site)
    other = site / "other_postlint-2.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[postlint.packs]\nacme = acme_postlint:pack_folder\n", encoding="utf-8")
    [problem] = problems_of({"packs": ["acme"]})
    assert "E117 the pack 'acme' is offered by more than one plugin: acme_postlint, other_postlint" in problem


def _postlint(args: list[str], site: Path, cwd: Path, probe: bool = False) -> subprocess.CompletedProcess[str]:
    code = ("import sys\nfrom linter.cli import main\ntry: main(sys.argv[1:])\n"
            "finally: print(' '.join(sorted(sys.modules)), file=sys.stderr)\n") if probe else \
        "import sys\nfrom linter.cli import main\nmain(sys.argv[1:])\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(site)]),
           "POSTLINT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.slow
def test_postlint_check_finds_with_the_plugin_and_rechecks_without_reading_entry_points(tmp_path):
    site = tmp_path / "site"
    info = install(site)
    (tmp_path / "postlint.yaml").write_text("packs: [acme, pii]\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("The fix for OPS-1234 ships on Monday.\n", encoding="utf-8")
    args = ["check", "--format", "json", "--fail-on", "warning", "--as-of", AS_OF, str(post)]
    first = _postlint(args, site, tmp_path)
    assert first.returncode == 1 and '"code": "CONF-ACME-TICKET"' in first.stdout, first.stderr
    again = _postlint(args, site, tmp_path, probe=True)
    assert again.returncode == 1 and again.stdout == first.stdout
    loaded = set(again.stderr.strip().splitlines()[-1].split())
    assert not loaded & {"importlib.metadata", "linter.checks", "acme_postlint", "spacy"}
    shutil.rmtree(info)
    removed = _postlint(args, site, tmp_path)
    assert removed.returncode == 2 and "E104 'acme' is neither a built-in pack, a plugin's pack" in removed.stderr
    install(site, "[postlint.kinds]\nacme = acme_postlint.nowhere\n\n[postlint.packs]\nacme = acme_postlint:pack_folder\n")
    broken = _postlint(args, site, tmp_path)
    assert broken.returncode == 2 and "E117 plugin acme_postlint 1.0" in broken.stderr
    assert "Traceback" not in broken.stderr + removed.stderr


@pytest.mark.slow
def test_a_post_cached_clean_is_checked_again_when_the_plugin_changes(tmp_path):
    """A leak the updated plugin knows of never passes on a clean result cached before it."""
    site = tmp_path / "site"
    install(site)
    (tmp_path / "postlint.yaml").write_text("packs: [acme]\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("HR-17 is closed.\n", encoding="utf-8")
    args = ["check", "--fail-on", "warning", "--as-of", AS_OF, str(post)]
    assert _postlint(args, site, tmp_path).returncode == 0
    pack = site / "acme_postlint" / "packs" / "acme.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("[OPS, SEC]", "[OPS, SEC, HR]"), encoding="utf-8")
    after = _postlint(args, site, tmp_path)
    assert after.returncode == 1 and "CONF-ACME-TICKET" in after.stdout
