"""The policy's examples are true for the company that generated it, whoever it is.

Every example the generated document shows (both editions, both languages) is written to a file of
its own and checked with `postlint check` under the same config: each flagged one is reported by
the rule it is listed under, and each fine one is reported by nothing. The company shares no name
with the sample one (corpus/postlint.yaml), whose names must appear nowhere. In the public edition
a withheld value is a placeholder ("[unreleased product]"): it is filled back with the value the
staff edition names there before the example is checked.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
from pathlib import Path

import pytest

from linter.config import load_config
from linter.examples import company_values
from linter.packs import load_rules
from linter.policy import TEXTS
from linter.policy.public import withheld_values

from conftest import CORPUS_CONFIG

CONFIG = Path(__file__).with_name("other-company.yaml")
OTHER = load_config(CONFIG)
SAMPLE = load_config(CORPUS_CONFIG)


def names(config) -> set[str]:
    """Every name a config gives, with the first word of the company's and other organisations'
    (so 'Acme' of 'Acme Robotics' counts, and 'Project' of 'Project Nightjar' does not)."""
    company = config.company
    organisations = {company.name, *(n for group in (company.codenames, company.customers, company.competitors)
                                     for c in group for n in c.names)}
    found = organisations | {*company.domains, *company.internal_domains, *(p.name for p in company.spokespeople)}
    return {n for n in found if n} | {n.split()[0] for n in organisations if " " in n} - {"Project"}


def words(config) -> set[str]:
    """Every word of every name a config gives."""
    return {w.casefold() for n in names(config) for w in re.findall(r"\w+", n)} - {"example", "project"}


SAMPLE_NAMES = names(SAMPLE)
RULES = {r.code: r for r in load_rules(OTHER)}


def post_language(code: str, lang: str) -> str:
    """The language a rule's examples are written in, in the `lang` policy: a rule limited to other
    languages (DER-OFFENSIVE reads English only) shows its own."""
    languages = RULES[code].languages
    return lang if lang in languages else languages[0]
WITHHELD = sorted({v.text for v in withheld_values(OTHER)})


def test_the_other_company_shares_no_name_with_the_sample():
    assert {"Acme", "Falcon", "Nightjar", "Globex", "acme.example"} <= SAMPLE_NAMES
    assert words(OTHER) & words(SAMPLE) == set()


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """(lang, internal, fmt) -> the document `postlint policy` wrote for the other company."""
    from linter.cli import main

    folder = tmp_path_factory.mktemp("policies")
    out = {}
    for lang in TEXTS:
        for internal in (False, True):
            for fmt in ("md", "html"):
                target = folder / f"policy-{lang}-{'staff' if internal else 'public'}.{fmt}"
                args = ["policy", "--config", str(CONFIG), "--lang", lang, "--format", fmt, "-o", str(target)]
                with pytest.raises(SystemExit) as exit_info:
                    main([*args, *(["--internal"] if internal else [])])
                assert exit_info.value.code == 0
                out[lang, internal, fmt] = target.read_text(encoding="utf-8")
    return out


_QUOTED = re.compile(r"<!-- postlint-begin-quoted -->(.*?)<!-- postlint-end-quoted -->", re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def examples(markdown: str, lang: str) -> list[tuple[str, str, str]]:
    """(rule code, 'flagged' or 'fine', example text) of every example in a Markdown policy."""
    texts = TEXTS[lang]
    opening, closing = texts.quote
    found = []
    for block in _QUOTED.findall(markdown):
        code = re.search(r"^#### ([A-Z][A-Z0-9-]+):", block, re.MULTILINE)
        kind = None
        for line in block.splitlines():
            if line in (f"**{texts.flagged}:**", f"**{texts.fine}:**"):
                kind = "flagged" if texts.flagged in line else "fine"
            elif line.startswith(f"- {opening}") and kind and code:
                assert line.endswith(closing), line
                found.append((code.group(1), kind, _MD_ESCAPE.sub(r"\1", line[2 + len(opening):-len(closing)])))
            elif line and not line.startswith("- "):
                kind = None
    return found


def html_examples(page: str, lang: str) -> list[str]:
    opening, closing = TEXTS[lang].quote
    return [html.unescape(m) for m in re.findall(rf"<li>{opening}(.*?){closing}</li>", page)]


def filled(text: str, lang: str) -> str:
    """A public-edition example with each placeholder back to the value the staff edition names."""
    values = company_values(OTHER)
    for kind, placeholder in {"codename": "codename", "customer": "customer",
                              "internal_domain": "internal_domain"}.items():
        text = text.replace(TEXTS[lang].withheld[kind], values[placeholder][0])
    return text


@pytest.fixture(scope="module")
def verdicts(documents, tmp_path_factory):
    """Every example of every document, each checked by `postlint check` in a file of its own:
    {(lang, text): set of codes reported}."""
    from linter.cli import main

    cases = {(post_language(code, lang), filled(text, lang) if not internal else text)
             for (lang, internal, fmt), document in documents.items() if fmt == "md"
             for code, _, text in examples(document, lang)}
    reported: dict[tuple[str, str], set[str]] = {}
    for lang in TEXTS:
        folder = tmp_path_factory.mktemp(f"examples-{lang}")
        files = {}
        for number, (case_lang, text) in enumerate(sorted(cases)):
            if case_lang == lang:
                path = folder / f"example-{number}.txt"
                path.write_text(text + "\n", encoding="utf-8")
                files[str(path)] = text
        report = io.StringIO()
        with pytest.raises(SystemExit), contextlib.redirect_stdout(report):
            main(["check", "--config", str(CONFIG), "--lang", lang, "--format", "json", "--fail-on", "info",
                  str(folder)])
        result = json.loads(report.getvalue())
        for path, text in files.items():
            reported[lang, text] = {f["code"] for f in result["findings"] if f["path"] == path}
    return reported


@pytest.mark.parametrize("internal", [False, True], ids=["public", "staff"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_flagged_example_is_reported_and_every_fine_one_is_not(documents, verdicts, lang, internal):
    shown = examples(documents[lang, internal, "md"], lang)
    flagged = [(code, text) for code, kind, text in shown if kind == "flagged"]
    fine = [(code, text) for code, kind, text in shown if kind == "fine"]
    assert len(flagged) >= 60 and len(fine) >= 60  # most rules show both
    def found(code: str, text: str) -> set[str]:
        return verdicts[post_language(code, lang), text if internal else filled(text, lang)]

    missed = [(code, text, sorted(found(code, text))) for code, text in flagged if code not in found(code, text)]
    wrong = [(code, text, sorted(found(code, text))) for code, text in fine if found(code, text)]
    assert missed == [] and wrong == []


@pytest.mark.parametrize("internal", [False, True], ids=["public", "staff"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_html_page_shows_the_same_examples(documents, lang, internal):
    markdown = [text for _, _, text in examples(documents[lang, internal, "md"], lang)]
    assert html_examples(documents[lang, internal, "html"], lang) == markdown


@pytest.mark.parametrize("internal", [False, True], ids=["public", "staff"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_sample_company_appears_nowhere(documents, lang, internal, fmt):
    text = documents[lang, internal, fmt].casefold()
    assert [n for n in SAMPLE_NAMES if re.search(rf"(?<![\w.]){re.escape(n.casefold())}(?![\w])", text)] == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_public_edition_names_no_confidential_value_and_the_staff_one_uses_them(documents, lang, fmt):
    public = documents[lang, False, fmt].casefold()
    assert [v for v in WITHHELD if v.casefold() in public] == []
    staff = documents[lang, True, fmt]
    values = company_values(OTHER)
    for placeholder in ("codename", "customer", "internal_domain", "competitor", "reference_customer",
                        "launched_codename", "company", "domain"):
        assert values[placeholder][0] in staff, placeholder


def test_the_examples_show_the_companys_own_values(documents):
    shown = {text for _, _, text in examples(documents["en", True, "md"], "en")}
    assert "Project Larkspur ships soon and it is fast." in shown
    assert "So proud of the team behind #ProjectLarkspur!" in shown
    assert "Sneak peek of L a r k s p u r today." in shown  # the shortest name, spelt out
    assert "Just closed the Vandelay Industries deal, biggest of the year!" in shown
    assert "Grab the build from https://jenkins.intra.borealis.example/job/release." in shown
    assert "Juniper is now available to every customer." in shown  # launched in 2020
    public = {text for _, _, text in examples(documents["en", False, "md"], "en")}
    assert "[unreleased product] ships soon and it is fast." in public
    assert "Juniper is now available to every customer." not in public  # a codename all the same


def test_a_rule_whose_examples_need_a_missing_value_says_so(tmp_path, run):
    config = tmp_path / "postlint.yaml"
    config.write_text("company: {name: Zeta Works}\n", encoding="utf-8")
    for lang in TEXTS:
        code, out, _ = run("policy", "--config", config, "--lang", lang)
        assert code == 0
        entry = out.split("#### CONF-CODENAME:")[1].split("<!-- postlint-end-quoted -->")[0]
        assert TEXTS[lang].examples_missing.format(values=TEXTS[lang].join(
            [TEXTS[lang].company_values["codename"], TEXTS[lang].company_values["launched_codename"]])) in entry
        assert f"**{TEXTS[lang].flagged}:**" not in entry  # no borrowed codename to show
        assert [n for n in SAMPLE_NAMES if re.search(rf"(?<![\w.]){re.escape(n)}(?![\w])", out)] == []
