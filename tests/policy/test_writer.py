"""What the policy says (linter/policy/writer.py): the config's paragraphs, its company, its rules."""

from __future__ import annotations

import re
import textwrap

import pytest

from linter.config import load_config
from linter.packs import load_rules
from linter.policy import TEXTS, render_policy

EN, ES = TEXTS["en"], TEXTS["es"]


@pytest.fixture
def policy(tmp_path):
    """`policy(config_yaml, pack_yaml=None, **options)`: render a config written here (with an
    optional pack `acme.yaml` beside it) and return (text, notices)."""

    def render(config_yaml: str, pack_yaml: str | None = None, **options) -> tuple[str, list[str]]:
        if pack_yaml is not None:
            (tmp_path / "acme.yaml").write_text(textwrap.dedent(pack_yaml), encoding="utf-8")
        path = tmp_path / "postlint.yaml"
        path.write_text(textwrap.dedent(config_yaml), encoding="utf-8")
        config = load_config(path)
        notices: list[str] = []
        text = render_policy(config, load_rules(config), notify=lambda level, msg: notices.append(msg),
                             **options)
        return text, notices

    return render


def section(markdown: str, number: int) -> str:
    """The Markdown of top-level section `number`, without its heading."""
    found = re.search(rf"^## {number}\. .*?\n(.*?)(?=^## \d+\. |^---$)", markdown, re.MULTILINE | re.DOTALL)
    assert found, f"no section {number}"
    return found.group(1)


def test_the_config_paragraphs_replace_the_defaults(policy):
    text, notices = policy("""\
        company: {name: Acme}
        policy:
          position: We *love* open source, and we say so.
          platforms: Mastodon and our blog.
          ownership: Company laptops are ours.
          monitoring: We read the public timeline.
          training: A yearly course.
          contact: Write to the comms team.
          exceptions: The comms lead reviews every exception.
        """)
    assert notices == []
    assert section(text, 1).strip() == "We *love* open source, and we say so."  # Markdown, as written
    assert section(text, 2).strip() == "Mastodon and our blog."
    assert section(text, 3).strip() == "Company laptops are ours."
    assert section(text, 8).startswith("\nWe read the public timeline.\n")
    assert section(text, 9).startswith("\nA yearly course.\n")
    assert "The comms lead reviews every exception." in section(text, 10)
    assert section(text, 10).rstrip().endswith("Write to the comms team.")
    for default in EN.defaults.values():
        assert default.format(company="Acme") not in text


def test_a_paragraph_per_language_and_a_notice_when_one_is_missing(policy):
    config = """\
        policy:
          position: {en: We post in the open., es: Publicamos en abierto.}
          contact: {en: Ask comms.}
        """
    es, notices = policy(config, lang="es")
    assert section(es, 1).strip() == "Publicamos en abierto."
    assert ES.defaults["contact"] in section(es, 10)
    assert notices == ["policy.contact has no 'es' text: the default paragraph stands in"]
    en, notices = policy(config, lang="en")
    assert section(en, 1).strip() == "We post in the open." and notices == []


def test_a_paragraph_marked_confidential_is_kept_to_the_staff_edition(policy):
    config = """\
        company: {name: Acme}
        policy:
          contact: !confidential Ask Dana Ruiz on extension 4411.
        """
    public, _ = policy(config)
    assert "Dana Ruiz" not in public and "4411" not in public
    assert EN.defaults["contact"] in public
    internal, _ = policy(config, internal=True)
    assert "Ask Dana Ruiz on extension 4411." in internal


def test_a_spokesperson_marked_confidential_is_left_out_of_the_public_edition(policy):
    config = """\
        company:
          name: Acme
          spokespeople:
            - {name: Maria Chen, role: CEO}
            - !confidential {name: Jo Park, role: Investor relations}
        """
    public, _ = policy(config)
    assert "**Maria Chen**, CEO" in section(public, 5)
    assert "Jo Park" not in public and "Investor relations" not in public
    assert EN.spokespeople_withheld.format(company="Acme") in section(public, 5)
    internal, _ = policy(config, internal=True)
    assert "**Jo Park**, Investor relations" in section(internal, 5)
    assert EN.spokespeople_withheld.format(company="Acme") not in internal


def test_without_spokespeople_the_communications_team_decides(policy):
    text, _ = policy("company: {name: Acme}\n")
    assert EN.spokespeople_none.format(company="Acme") in section(text, 5)


@pytest.mark.parametrize("config", ["packs: [claims]\n", "company: {name: !confidential Stealth Co}\n"])
def test_without_a_company_name_sentences_still_read(policy, config):
    text, _ = policy(config)
    assert "\n\n# Social-media policy of the company\n" in text
    assert "## 5. Who speaks for the company" in text
    assert "The company encourages you to talk about your work" in section(text, 1)
    assert "Stealth" not in text


PLAN_RULE = """\
  - code: CONF-ACME-PLAN
    category: confidential
    severity: warning
    kind: terms
    terms: [migration plan]
    summary: Plans for Falcon.
    message: "'{match}' is internal planning."
    why: Falcon's plans stay inside until launch; ask on wiki.corp.acme.example.
    suggestion: Talk about Falcon only after the launch.
    examples:
      bad: ["The Falcon migration plan is ready", "Our migration plan < *secret* > [link](x)"]
      good: ["Falcon the bird flew by", "We shipped it"]
"""
FILE_RULE = """\
  - code: PII-ACME-ES
    category: pii
    severity: info
    kind: terms
    terms: [expediente]
    lang: [es]
    message: "'{match}' es un expediente."
    why: Los expedientes son privados.
"""
BUDGET_RULE = """\
  - code: CONF-ACME-BUDGET
    category: confidential
    severity: warning
    kind: terms
    terms: [budget sheet]
    message: "'{match}' is internal planning."
    why: Budgets are confidential.
"""
PACK = "rules:\n" + PLAN_RULE + FILE_RULE
CONFIG_WITH_PACK = """\
    packs: [./acme.yaml]
    company:
      name: Acme
      internal_domains: [corp.acme.example]
      codenames: [Falcon]
    """


def test_a_company_pack_that_quotes_withheld_values_is_masked_in_the_public_edition(policy):
    public, _ = policy(CONFIG_WITH_PACK, PACK)
    entry = section(public, 7)
    assert "#### CONF-ACME-PLAN: Plans for \\[unreleased product\\]\n" in entry
    assert "\\[unreleased product\\]'s plans stay inside until launch; ask on \\[internal host\\]." in entry
    assert "“The \\[unreleased product\\] migration plan is ready”" in entry
    assert "the bird" not in entry  # a near miss only makes sense with the name: left out
    assert "“We shipped it”" in entry
    assert "falcon" not in public.casefold() and "corp.acme" not in public
    internal, _ = policy(CONFIG_WITH_PACK, PACK, internal=True)
    assert "“Falcon the bird flew by”" in internal and "wiki.corp.acme.example" in internal


def test_rule_text_is_escaped_so_markdown_shows_it_as_written(policy):
    text, _ = policy(CONFIG_WITH_PACK, PACK)
    assert "“Our migration plan \\< \\*secret\\* \\> \\[link\\](x)”" in text
    page, _ = policy(CONFIG_WITH_PACK, PACK, fmt="html")
    assert "Our migration plan &lt; *secret* &gt; [link](x)" in page


def test_each_rule_shows_its_severity_and_the_languages_it_is_limited_to(policy):
    text, _ = policy(CONFIG_WITH_PACK, PACK)
    assert re.search(r"#### PII-ACME-ES: .*\n\n\*\*Severity:\*\* info\. Applies to posts in Spanish\.\n", text)
    assert re.search(r"#### CONF-ACME-PLAN: .*\n\n\*\*Severity:\*\* warning\.\n", text)
    es, _ = policy(CONFIG_WITH_PACK, PACK, lang="es")
    assert "**Gravedad:** consejo. Se aplica a publicaciones en español." in es


def test_only_the_rules_in_force_with_their_overridden_severity(policy):
    text, _ = policy("""\
        rules:
          profanity: off
          PII-EMAIL: off
          CLAIM-SECURITY: {severity: info}
        """)
    codes = re.findall(r"^#### ([A-Z][A-Z0-9-]+):", text, re.MULTILINE)
    assert codes and not any(c.startswith("PROF-") for c in codes) and "PII-EMAIL" not in codes
    assert EN.categories["profanity"][0] not in text
    assert re.search(r"#### CLAIM-SECURITY: .*\n\n\*\*Severity:\*\* info\.", text)


def test_the_severity_table_counts_the_rules_in_force(policy):
    text, _ = policy("packs: [./acme.yaml]\n", PACK)
    rows = dict(re.findall(r"^\| (error|warning|info) \| .* \| (\d+) \|$", text, re.MULTILINE))
    assert rows == {"error": "0", "warning": "1", "info": "1"}
    es, _ = policy("packs: [./acme.yaml]\n", PACK, lang="es")
    rows = re.findall(r"^\| (.*?) \| .* \| \d+ \|$", es, re.MULTILINE)
    assert rows == ["error", "advertencia (`warning`)", "consejo (`info`)"]  # with the name reports print


def test_no_rule_in_force_says_so(policy):
    text, _ = policy("rules: {pii: off, confidential: off, derogatory: off, profanity: off, substances: off, "
                     "claims: off}\n")
    assert EN.no_rules in section(text, 7)
    assert "postlint explain" not in section(text, 9)


def test_the_order_of_rules_in_a_pack_does_not_change_the_policy(policy):
    first, _ = policy("packs: [./acme.yaml]\n", "rules:\n" + PLAN_RULE + FILE_RULE + BUDGET_RULE)
    second, _ = policy("packs: [./acme.yaml]\n", "rules:\n" + BUDGET_RULE + FILE_RULE + PLAN_RULE)
    assert first == second
    assert first.index("#### CONF-ACME-BUDGET") < first.index("#### CONF-ACME-PLAN")


def test_redacted_reports_are_mentioned_when_the_config_redacts(policy):
    text, _ = policy("report: {redact: true}\n")
    assert EN.redacted_reports in section(text, 8)
    plain, _ = policy("company: {name: X}\n")
    assert EN.redacted_reports not in plain


def test_raw_html_in_a_paragraph_is_shown_never_run(policy):
    page, _ = policy("policy:\n  position: <script>alert(1)</script> We post.\n", fmt="html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; We post." in page


def test_every_language_postlint_reads_has_the_policy_in_it():
    from linter.languages import LANGUAGES

    assert set(TEXTS) == set(LANGUAGES)
    for texts in TEXTS.values():
        assert texts.lang in LANGUAGES and set(texts.language_names) == set(LANGUAGES)
