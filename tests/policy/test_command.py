"""`postlint policy` on the corpus config: both editions, both languages, both formats, the golden file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import load_config
from linter.finding import Category
from linter.packs import load_rules
from linter.policy import TEXTS
from linter.policy.texts import SECTION_KEYS

from conftest import CORPUS_CONFIG, ROOT

GOLDEN = Path(__file__).with_name("corpus-policy.en.md")
CORPUS = load_config(CORPUS_CONFIG)
COMPANY = CORPUS.company
# Read from the config here, not from the code under test: what the public edition must never print.
WITHHELD = sorted({n for c in COMPANY.codenames for n in c.names}
                  | {n for c in COMPANY.customers if not c.public for n in c.names}
                  | set(COMPANY.internal_domains))
ENABLED = [r for r in load_rules(CORPUS) if r.enabled]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Every edition, language and format of the corpus policy, rendered once through the CLI."""
    from linter.cli import main

    folder = tmp_path_factory.mktemp("policies")
    out: dict[tuple[str, str, bool], str] = {}
    for lang in TEXTS:
        for fmt in ("md", "html"):
            for internal in (False, True):
                args = ["policy", "--config", str(CORPUS_CONFIG), "--lang", lang, "--format", fmt]
                target = folder / f"policy-{lang}-{internal}.{fmt}"
                with pytest.raises(SystemExit) as exit_info:
                    main([*args, *(["--internal"] if internal else []), "-o", str(target)])
                assert exit_info.value.code == 0
                out[lang, fmt, internal] = target.read_text(encoding="utf-8")
    return out


def title(markdown: str) -> str:
    """The line after the file's opening `postlint-disable-file quoted` comment: its title."""
    first, blank, heading = markdown.split("\n")[:3]
    assert first.startswith("<!-- postlint-disable-file quoted -- ") and blank == ""
    return heading


def _words(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown))


def test_withheld_values_of_the_corpus_config_are_known():
    assert {"Falcon", "Nightjar", "Project Nightjar", "Globex", "Umbrella Health", "corp.acme.example"} \
        <= set(WITHHELD)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_public_edition_never_prints_a_withheld_value_in_any_case(editions, lang, fmt):
    text = editions[lang, fmt, False].casefold()
    present = [value for value in WITHHELD if value.casefold() in text]
    assert present == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_internal_edition_prints_every_withheld_value(editions, lang, fmt):
    text = editions[lang, fmt, True]
    assert [value for value in WITHHELD if value not in text] == []


def test_the_public_edition_still_describes_what_it_withholds(editions):
    public = editions["en", "md", False]
    for description in TEXTS["en"].withheld.values():
        if description != TEXTS["en"].withheld["marked"]:  # the corpus config marks nothing
            assert description.replace("[", "\\[").replace("]", "\\]") in public
    assert "Initech" in public and "acme.example" in public  # public values are named
    assert all(f"**{p.name}**" in public for p in COMPANY.spokespeople)
    assert all(p.role in public for p in COMPANY.spokespeople)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_section_per_step_with_every_category_and_rule(editions, lang):
    markdown = editions[lang, "md", False]
    texts = TEXTS[lang]
    steps = re.findall(r"^## (\d+)\. (.+)$", markdown, re.MULTILINE)
    assert [int(n) for n, _ in steps] == list(range(1, 11))
    assert [title for _, title in steps] == [
        texts.sections[key].format(company=COMPANY.name) for key in SECTION_KEYS]
    categories = re.findall(r"^### 7\.\d+ (.+)$", markdown, re.MULTILINE)
    in_force = {r.category for r in ENABLED}
    assert categories == [texts.categories[str(c)][0].format(company=COMPANY.name) for c in Category
                          if c in in_force]
    codes = re.findall(r"^#### ([A-Z][A-Z0-9-]+):", markdown, re.MULTILINE)
    assert sorted(codes) == sorted(r.code for r in ENABLED)
    assert markdown.count(f"**{texts.why}.**") == len(ENABLED)
    assert markdown.count(f"**{texts.flagged}:**") == sum(1 for r in ENABLED if r.examples_bad)
    assert _words(markdown) >= 800


def test_rules_are_grouped_by_category_in_their_usual_order(editions):
    markdown = editions["en", "md", False]
    codes = re.findall(r"^#### ([A-Z][A-Z0-9-]+):", markdown, re.MULTILINE)
    prefixes = [code.split("-")[0] for code in codes]
    order = ["PII", "CONF", "DER", "PROF", "SUB", "CLAIM"]
    assert prefixes == sorted(prefixes, key=order.index)


def test_spanish_is_spanish(editions):
    es, en = editions["es", "md", False], editions["en", "md", False]
    for key in SECTION_KEYS:
        assert TEXTS["en"].sections[key].format(company=COMPANY.name) not in es
    for default in TEXTS["es"].defaults.values():
        assert default.format(company=COMPANY.name) in es
    assert "## Índice" in es and "Se señala" in es and "Por qué" in es
    assert "## Contents" in en
    assert '<html lang="es">' in editions["es", "html", False]


def test_each_rule_speaks_the_policys_language(editions):
    """A rule's section in the Spanish edition is its Spanish block (Rule.text), examples included."""
    es, en = editions["es", "md", False], editions["en", "md", False]
    assert "#### PII-EMAIL: Una dirección de correo personal" in es
    assert "Escríbele a Lucía a lucia.fernandez@gmail.com" in es
    assert "#### PII-EMAIL: A person's email address" in en and "Escríbele" not in en


def test_the_html_page_is_self_contained_with_a_working_table_of_contents(editions):
    page = editions["en", "html", False]
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"""(?:src|href)="(?!#)""", page)  # every link stays in the page
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    links = re.findall(r'href="#([^"]+)"', page)
    assert len(links) >= 10 and set(links) <= ids
    assert len(re.findall(r"<h[1-4]\b", page)) >= 10 + len(ENABLED)


def test_markdown_contents_links_are_the_html_anchors(editions):
    markdown, page = editions["es", "md", False], editions["es", "html", False]
    links = re.findall(r"\]\(#([^)]+)\)", markdown)
    assert links and set(links) <= set(re.findall(r'\sid="([^"]+)"', page))
    assert "#2-qué-entendemos-por-redes-sociales" in markdown  # GitHub keeps accented letters


def test_regenerating_gives_the_same_bytes(editions):
    from linter.policy import render_policy

    assert render_policy(CORPUS, load_rules(CORPUS), lang="en") == editions["en", "md", False]


def test_the_golden_file_guards_the_corpus_policy(editions):
    regenerate = "postlint policy --config corpus/postlint.yaml -o tests/policy/corpus-policy.en.md"
    assert editions["en", "md", False] == GOLDEN.read_text(encoding="utf-8"), \
        f"the corpus policy changed; if that is intended, regenerate the golden file: {regenerate}"


def test_stdout_by_default_and_a_notice_for_the_internal_edition(run):
    code, out, err = run("policy", "--config", CORPUS_CONFIG, "--internal")
    assert code == 0 and title(out).startswith("# ") and "Falcon" in out
    assert err == "postlint: notice: this is the staff edition of the policy: it names confidential values, " \
                  "do not publish it\n"
    code, out, err = run("policy", "--config", CORPUS_CONFIG)
    assert code == 0 and err == ""


def test_the_config_language_is_the_default(run, tmp_path):
    config = tmp_path / "postlint.yaml"
    config.write_text("lang: es\ncompany: {name: Ejemplo}\n")
    code, out, _ = run("policy", "--config", config)
    assert code == 0 and title(out) == "# Política de redes sociales de Ejemplo"


def test_never_overwrites_the_config_or_a_pack(run, tmp_path):
    config = tmp_path / "postlint.yaml"
    config.write_text("packs: [claims, ./acme.yaml]\n")
    pack = tmp_path / "acme.yaml"
    rules = ("rules:\n- {code: CLAIM-ACME, category: claims, severity: warning, kind: terms, terms: [best ever],\n"
             "   message: \"'{match}' is a claim.\", why: Claims need proof.}\n")
    pack.write_text(rules)
    for target in (config, pack, tmp_path / "sub" / ".." / "acme.yaml"):
        code, _, err = run("policy", "--config", config, "-o", target)
        assert code == 2 and "is the config or one of its rule packs" in err, err
    assert config.read_text() == "packs: [claims, ./acme.yaml]\n" and pack.read_text() == rules


def test_an_unwritable_output_is_a_clear_error(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, out, err = run("policy", "--config", CORPUS_CONFIG, "-o", blocker / "policy.md")
    assert code == 2 and out == "" and "cannot write" in err and "Traceback" not in err


def test_a_bad_config_names_its_place(run, tmp_path):
    config = tmp_path / "postlint.yaml"
    config.write_text("policy:\n  contac: x\n")
    code, _, err = run("policy", "--config", config)
    assert code == 2 and "postlint.yaml:2:3: E101 unknown key 'contac' in policy (did you mean 'contact'?)" in err


def test_help_documents_every_option(run):
    code, out, _ = run("policy", "--help")
    assert code == 0
    for option in ("--config", "--format", "--lang", "--internal", "--output"):
        assert option in out


def test_a_leak_the_masking_missed_stops_the_run_without_naming_it(run, monkeypatch):
    from linter.policy import public

    monkeypatch.setattr(public.PublicEdition, "mask", lambda self, text, descriptions=None: text)
    code, out, err = run("policy", "--config", CORPUS_CONFIG)
    assert code == 3 and out == ""
    assert "still named a withheld value (codename, customer, internal_domain)" in err
    assert not [value for value in WITHHELD if value.casefold() in err.casefold()]


def test_policy_does_not_import_spacy():
    probe = ("import sys; from linter.cli import main\n"
             "try: main(['policy', '--config', 'corpus/postlint.yaml', '--format', 'html'])\n"
             "except SystemExit: pass\n"
             "print('spacy' in sys.modules, 'presidio_analyzer' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().endswith("False False")


def test_the_written_file_has_ordinary_permissions(run, tmp_path):
    import os
    import stat

    fresh, kept = tmp_path / "new" / "policy.md", tmp_path / "kept.md"
    kept.write_text("old\n")
    kept.chmod(0o640)
    for target in (fresh, kept):
        code, _, err = run("policy", "--config", CORPUS_CONFIG, "-o", target)
        assert code == 0 and f"to {target}" in err
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not the temporary file's 0600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert title(kept.read_text(encoding="utf-8")) == "# Social-media policy of Acme Robotics"
    assert sorted(p.name for p in tmp_path.rglob(".tmp-*")) == []
