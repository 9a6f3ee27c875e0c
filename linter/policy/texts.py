"""What the written policy says in one language: every sentence that is not a rule's own text.

One `Texts` per language module (`en.py`, `es.py`), all fields required, so a language cannot miss
a sentence. Fields are Markdown, written by us (never a user's text); `{company}` is the company's
name (already escaped for Markdown), and a few fields take other named values, said where they do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..config import POLICY_KEYS
from ..examples import PLACEHOLDERS


@dataclass(frozen=True)
class Texts:
    """The policy's own sentences in one language."""

    lang: str
    the_company: str
    """Stands for the company's name when the config gives none."""
    title: str
    intro: str
    public_note: str
    internal_note: str
    contents: str
    sections: Mapping[str, str]
    """The heading of each of the ten sections, by key: position, platforms, ownership, privacy,
    spokespeople, ground_rules, topics, monitoring, training, exceptions."""
    defaults: Mapping[str, str]
    """The paragraph of each `policy:` key the config leaves out (`config.POLICY_KEYS`)."""

    # 4. privacy and confidentiality
    privacy_intro: str
    codenames_public: str
    codenames_internal: str
    """Followed by the list of codenames (`codename_until`, `codename_unannounced`)."""
    codenames_none: str
    codename_until: str
    """One listed codename: {name}, {aliases} (may be empty) and {date}."""
    codename_unannounced: str
    codename_launched: str
    """One listed codename whose date has passed: {name}, {aliases} and {date}."""
    """One listed codename without a public date: {name} and {aliases}."""
    also_written: str
    """{names}: a codename's or customer's other spellings, in brackets after it."""
    customers_public: str
    customers_internal: str
    """Followed by the list of confidential customers."""
    customers_none: str
    public_references: str
    """{names}: the customers that are public references."""
    internal_public: str
    internal_internal: str
    """{domains}: the internal domains."""
    internal_none: str
    public_domains: str
    """{domains}: the company's public domains."""
    credentials: str
    personal: str
    privacy_rules: str

    # 5. spokespeople
    spokespeople_intro: str
    spokespeople_withheld: str
    spokespeople_none: str
    press: str
    own_accounts: str

    # 6. ground rules
    ground_rules_intro: str
    ground_rules: tuple[str, ...]

    # 7. the rules, by category
    topics_intro: str
    categories: Mapping[str, tuple[str, str]]
    """Per category: its heading and one sentence on what it covers."""
    why: str
    instead: str
    flagged: str
    fine: str
    applies_to: str
    """{languages}: the post languages a rule is limited to."""
    severities: Mapping[str, tuple[str, str]]
    """Per severity: its name and what the author must do."""
    no_rules: str
    examples_missing: str
    """{values}: what the examples left out would need (`company_values` joined)."""
    company_values: Mapping[str, str]
    """Per example placeholder (`examples.PLACEHOLDERS`): the company value it stands for and the
    config key that gives it, as a phrase."""

    # 8. monitoring and enforcement
    enforcement_intro: str
    enforcement: tuple[str, ...]
    severity_table: tuple[str, str, str]
    """The severity table's column headings: severity, what you do, rules."""
    redacted_reports: str

    # 9. training
    explain: str
    """{example}: a rule code in force."""
    practise: str
    """How to practise on example posts (`postlint train`, the review page's /training)."""

    # 10. exceptions and questions
    exceptions_heading: str
    exceptions_intro: str
    exception_example: str
    """A suppression comment, shown as a Markdown code block; {code} is a rule code in force."""
    exceptions_rules: str
    questions: str
    """The heading over the `policy.contact` paragraph."""

    footer: str
    quoted_reason: str
    """The reason of the document's `postlint-disable-file quoted` comment: one line, plain text."""
    withheld: Mapping[str, str]
    """What stands in the public edition for a withheld value, by kind: codename, customer,
    internal_domain, marked."""
    language_names: Mapping[str, str]
    """The post languages' names in this language."""
    conjunction: str
    """The word before the last item of a list in a sentence ("a, b and c")."""
    quote: tuple[str, str]
    """The quotation marks around an example post."""

    def join(self, items: list[str]) -> str:
        """A list in a sentence: "a", "a and b", "a, b and c"."""
        if len(items) <= 2:
            return f" {self.conjunction} ".join(items)
        return ", ".join(items[:-1]) + f" {self.conjunction} " + items[-1]

    def __post_init__(self) -> None:
        missing = [key for key in POLICY_KEYS if key not in self.defaults]
        if missing:
            raise ValueError(f"policy texts '{self.lang}' lack default paragraphs for {missing}")
        undescribed = [name for name in PLACEHOLDERS if name not in self.company_values]
        if undescribed:
            raise ValueError(f"policy texts '{self.lang}' do not describe the placeholders {undescribed}")


SECTION_KEYS = ("position", "platforms", "ownership", "privacy", "spokespeople", "ground_rules", "topics",
                "monitoring", "training", "exceptions")
"""The ten steps of the usual guidance for a social-media policy, in order."""
