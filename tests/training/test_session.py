"""Training sessions (linter/training/session.py) and handouts (render.py, `postlint train --format`)."""

from __future__ import annotations

import json
import re

import pytest

from linter.config import load_config
from linter.finding import Category, Severity
from linter.packs import load_rules
from linter.policy import TEXTS as POLICY_TEXTS
from linter.policy.public import withheld_values
from linter.training import TEXTS, build_session

from conftest import ROOT

OTHER_CONFIG = ROOT / "tests" / "policy" / "other-company.yaml"
OTHER = load_config(OTHER_CONFIG)
RULES = load_rules(OTHER)


def in_force(lang: str) -> set[Category]:
    return {r.category for r in RULES if r.enabled and lang in r.languages}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_session_covers_every_category_once_flagged_and_once_fine(lang):
    session = build_session(OTHER, RULES, lang, seed=1)
    assert set(session.categories) == in_force(lang) and session.uncovered == ()
    for category in session.categories:
        mine = [q for q in session.questions if q.category == category]
        assert sorted(q.publish for q in mine) == [False, True]
    by_code = {r.code: r for r in RULES}
    for question in session.questions:
        rule = by_code[question.code]
        assert lang in rule.languages and rule.enabled  # the employee's language only
        assert question.why == " ".join(rule.text(lang).why.split())
        assert question.publish or rule.severity != Severity.INFO  # advice is no reason to hold a post
        assert question.post != question.better


def test_a_seed_repeats_a_session_and_sessions_differ_without_one():
    assert build_session(OTHER, RULES, "en", seed=7) == build_session(OTHER, RULES, "en", seed=7)
    posts = {tuple(q.post for q in build_session(OTHER, RULES, "en").questions) for _ in range(5)}
    assert len(posts) > 1


def test_a_category_turned_off_is_left_out_and_one_without_examples_is_named(tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text("rules:\n- {code: SUB-ACME, category: substances, severity: error, kind: terms, "
                    "terms: [moonshine], message: \"'{match}' is moonshine.\", why: No moonshine.}\n")
    config_path = tmp_path / "postlint.yaml"
    config_path.write_text("packs: [pii, ./acme.yaml]\nrules: {PII-EMAIL: off}\n")
    config = load_config(config_path)
    session = build_session(config, load_rules(config), "en", seed=3)
    assert session.categories == (Category.PII,) and session.uncovered == (Category.SUBSTANCES,)
    assert "PII-EMAIL" not in {q.code for q in session.questions}


def test_the_public_edition_describes_what_it_withholds_and_the_staff_one_names_it():
    withheld = [v.text for v in withheld_values(OTHER)]
    texts = POLICY_TEXTS["en"]
    for seed in range(30):
        public = build_session(OTHER, RULES, "en", seed=seed, internal=False)
        shown = " ".join(f"{q.post} {q.better} {q.why} {q.suggestion}" for q in public.questions).casefold()
        assert [v for v in withheld if v.casefold() in shown] == []
    staff = [build_session(OTHER, RULES, "en", seed=seed) for seed in range(30)]
    posts = " ".join(q.post for s in staff for q in s.questions)
    assert "Project Larkspur" in posts or "Vandelay Industries" in posts
    assert texts.withheld["codename"] not in posts


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_post_a_session_can_show_is_judged_as_check_judges_it(run, tmp_path, lang):
    """Across many sessions, each flagged post is reported by its rule and each fine one by nothing."""
    questions = {(q.post, q.publish, q.code) for seed in range(40)
                 for q in build_session(OTHER, RULES, lang, seed=seed).questions}
    assert len(questions) > 80
    folder = tmp_path / "posts"
    folder.mkdir()
    files = {}
    for number, question in enumerate(sorted(questions)):
        path = folder / f"post-{number}.txt"
        path.write_text(question[0] + "\n", encoding="utf-8")
        files[str(path)] = question
    _, out, _ = run("check", "--config", OTHER_CONFIG, "--lang", lang, "--format", "json", "--fail-on", "info",
                    folder)
    found: dict[str, set[str]] = {}
    for finding in json.loads(out)["findings"]:
        found.setdefault(finding["path"], set()).add(finding["code"])
    def judged_right(path: str, question: tuple[str, bool, str]) -> bool:
        reported = found.get(path, set())
        return not reported if question[1] else question[2] in reported

    assert [(q, sorted(found.get(path, ()))) for path, q in files.items() if not judged_right(path, q)] == []


def test_the_texts_cover_every_language_and_answer_keys_do_not_clash():
    from linter.languages import LANGUAGES

    assert set(TEXTS) == set(LANGUAGES)
    for texts in TEXTS.values():
        answers = [*texts.yes_answers, *texts.no_answers, *texts.quit_answers]
        assert len(answers) == len(set(answers)) and all(a == a.casefold() for a in answers)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_handout_passes_check_and_holds_posts_then_answers(run, tmp_path, lang, fmt):
    target = tmp_path / f"handout.{fmt}"
    code, _, err = run("train", "--config", OTHER_CONFIG, "--lang", lang, "--seed", "4", "-o", target)
    assert code == 0 and f"wrote the training handout to {target}" in err
    text = target.read_text(encoding="utf-8")
    texts = TEXTS[lang]
    session = build_session(OTHER, RULES, lang, seed=4, internal=False)
    assert text.index(texts.handout_posts) < text.index(texts.handout_answers)
    assert text.count("\u2610") == 2 * len(session.questions)  # two boxes to tick per post
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and not re.search(r"<(script|link|img)\b", text)
    assert [v.text for v in withheld_values(OTHER) if v.text in text] == []
    code, out, _ = run("check", "--config", OTHER_CONFIG, "--format", "json", "--fail-on", "info", target)
    assert code == 0 and json.loads(out)["findings"] == []


def test_the_staff_handout_names_the_values_and_warns(run, tmp_path):
    code, out, err = run("train", "--config", OTHER_CONFIG, "--format", "md", "--internal", "--seed", "4")
    assert code == 0 and out.startswith("<!-- postlint-disable-file quoted -- ")
    assert "this is the staff edition of the training handout: it names confidential values" in err


def test_without_a_terminal_and_without_a_format_it_says_how_to_get_a_handout(run):
    code, out, err = run("train", "--config", OTHER_CONFIG, stdin=b"y\n")
    assert code == 2 and out == ""
    assert "run it in a terminal, or write a printable handout with --format md or --format html" in err


def test_help_documents_every_option(run):
    code, out, _ = run("train", "--help")
    assert code == 0
    for option in ("--config", "--lang", "--format", "--output", "--internal", "--seed"):
        assert option in out


def test_a_handout_does_not_load_spacy():
    import subprocess
    import sys

    probe = ("import sys; from linter.cli import main\n"
             "try: main(['train', '--config', 'corpus/postlint.yaml', '--format', 'html', '--seed', '1'])\n"
             "except SystemExit: pass\n"
             "print('spacy' in sys.modules, 'presidio_analyzer' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stderr.strip().endswith("False False")


def test_with_no_rule_in_force_the_handout_says_so_and_still_passes_check(run, tmp_path):
    config = tmp_path / "postlint.yaml"
    config.write_text("packs: [pii]\nrules: {pii: off}\n", encoding="utf-8")
    code, out, _ = run("train", "--config", config, "--format", "md")
    assert code == 0 and out == f"# Social-media policy training: the company\n\n{TEXTS['en'].no_posts}\n"
    (tmp_path / "handout.md").write_text(out, encoding="utf-8")
    assert run("check", "--config", config, tmp_path / "handout.md")[0] == 0
