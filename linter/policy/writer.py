"""The policy as a document: ten sections of Markdown, written from the config and the rules.

Everything a reader sees passes through here once: the company's values, the `policy:`
paragraphs and every rule's text and examples. A rule's examples are its pack's templates filled
from the config (`linter/examples.py`): the company's own codenames, customers and hosts. In the
public edition each of them is masked (`public.py`) before it is escaped into Markdown, and a
fine example that only makes sense with a withheld name in it (a launched codename) is left out.
Rule entries are `quoted` sections: the renderers mark them so that `check` lets their examples
through (`suppress.py`) while the rest of a committed policy is checked like any post.
The order is fixed (sections; categories in their usual order; rules by severity, then code;
company values in config order), so a regenerated policy diffs cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import datetime as dt

import regex

from ..config import Config
from ..examples import company_values, examples_for
from ..finding import Category, Severity
from ..languages import LANGUAGES
from ..rule import Rule
from .public import PublicEdition
from .texts import SECTION_KEYS, Texts

Notify = Callable[[str, str], None]


@dataclass(frozen=True)
class Section:
    """A heading (plain text, numbered) with its Markdown body and subsections."""

    title: str
    body: str = ""
    subsections: tuple[Section, ...] = ()
    quoted: bool = False
    """Its heading and body quote what the rules flag (a rule's entry, a category's description):
    marked so that `check` lets them through; its subsections are marked on their own."""


@dataclass(frozen=True)
class PolicyDocument:
    lang: str
    title: str
    preamble: str
    contents: str
    sections: tuple[Section, ...]
    footer: str
    quoted_reason: str
    """Why the quoted sections may hold what the rules flag (the file directive's reason)."""
    withheld: PublicEdition | None = field(default=None, compare=False)
    """The public edition's masking (None: the staff edition)."""

    def anchors(self) -> Anchors:
        """GitHub's heading ids (a repeated one gets -1, -2, ...), counted over the headings in
        document order, so the contents' links work wherever the Markdown is rendered."""
        seen: dict[str, int] = {}

        def anchor(title: str) -> str:
            base = slug(title)
            count = seen.get(base, 0)
            seen[base] = count + 1
            return f"{base}-{count}" if count else base

        title, contents = anchor(self.title), anchor(self.contents)
        sections: dict[int, str] = {}

        def walk(level: Sequence[Section]) -> None:
            for section in level:
                sections[id(section)] = anchor(section.title)
                walk(section.subsections)

        walk(self.sections)
        return Anchors(title, contents, sections)


class Anchors(NamedTuple):
    title: str
    contents: str
    sections: dict[int, str]
    """By `id()` of each `Section` of the document."""

    def of(self, section: Section) -> str:
        return self.sections[id(section)]


def slug(title: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return regex.sub(r"[^\p{L}\p{M}\p{N}\p{Pc} -]", "", title.lower()).replace(" ", "-")


_MD_SPECIAL = regex.compile(r"([\\`*_\[\]<>#|~&])")


def md_escape(text: str) -> str:
    """Plain text as Markdown that shows it as it is (white space runs become one space)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def reading_order(rule: Rule) -> tuple[int, int, str]:
    """Rules in section 7: by category in its usual order, the most severe first, then by code.

    Never pack order: moving a rule within its pack must not move it in the policy."""
    return list(Category).index(rule.category), -rule.severity.rank, rule.code


def paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def bullets(items: Sequence[str], indent: int = 0) -> str:
    return "\n".join(" " * indent + "- " + item for item in items)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    def __init__(self, config: Config, rules: Sequence[Rule], texts: Texts, internal: bool,
                 notify: Notify | None, as_of: dt.date | None) -> None:
        self.config, self.texts, self.lang = config, texts, texts.lang
        self.rules = [r for r in rules if r.enabled]
        self.as_of = as_of or dt.date.today()
        self.values = company_values(config, self.as_of)
        self.public = None if internal else PublicEdition(config, texts.withheld)
        self.notify = notify or (lambda level, message: None)
        name = config.company.name
        self.company_plain = name if name and not self.withholds(name) else texts.the_company
        self.company = md_escape(self.company_plain)

    # --- text as it may be shown in this edition -------------------------------------------------

    def plain(self, text: str) -> str:
        """`text` with withheld values described (public edition) or as it is (staff edition)."""
        return self.public.mask(text) if self.public else text

    def inline(self, text: str) -> str:
        """Plain text from the config or a rule, as Markdown."""
        return md_escape(self.plain(text))

    def withholds(self, text: str) -> bool:
        """Whether this edition must not print `text` (the public one: it mentions a withheld value)."""
        return self.public is not None and self.public.mentions(text)

    def shown(self, values: Sequence[str]) -> list[str]:
        """The values this edition may print."""
        return [v for v in values if not self.withholds(v)]

    def ours(self, template: str, **values: str) -> str:
        """One of our own sentences, with the company's name filled in."""
        return _capitalised(template.format(company=self.company, **values))

    def policy_text(self, key: str) -> str:
        """The config's `policy.<key>` Markdown for this language, else our default paragraph."""
        given = self.config.policy.get(key)
        text = given.in_language(self.lang) if given else None
        if given is not None and text is None:
            self.notify("notice", f"policy.{key} has no '{self.lang}' text: the default paragraph stands in")
        if text is not None and self.public and text in self.config.confidential:
            text = None  # marked !confidential: the public edition keeps to the default
        if text is None:
            return self.ours(self.texts.defaults[key])
        if self.public is None:
            return text
        escaped = {kind: md_escape(description) for kind, description in self.texts.withheld.items()}
        return self.public.mask(text, escaped)

    # --- the ten sections ------------------------------------------------------------------------

    def document(self) -> PolicyDocument:
        t = self.texts
        build: dict[str, Callable[[int], tuple[str, tuple[Section, ...]]]] = {
            "position": partial(self.paragraph, "position"), "platforms": partial(self.paragraph, "platforms"),
            "ownership": partial(self.paragraph, "ownership"), "privacy": self.privacy,
            "spokespeople": self.spokespeople,
            "ground_rules": self.ground_rules, "topics": self.topics, "monitoring": self.monitoring,
            "training": self.training, "exceptions": self.exceptions}
        sections = []
        for number, key in enumerate(SECTION_KEYS, 1):
            body, subsections = build[key](number)
            sections.append(Section(f"{number}. {t.sections[key].format(company=self.company_plain)}", body,
                                    subsections))
        note = t.public_note if self.public else t.internal_note
        return PolicyDocument(
            lang=self.lang, title=t.title.format(company=self.company_plain),
            preamble=paragraphs(self.ours(t.intro), self.ours(note)), contents=t.contents,
            sections=tuple(sections), footer=self.ours(t.footer), quoted_reason=t.quoted_reason,
            withheld=self.public)

    def paragraph(self, key: str, number: int) -> tuple[str, tuple[Section, ...]]:
        """A section that is one `policy:` paragraph (position, platforms, ownership)."""
        return self.policy_text(key), ()

    def privacy(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t, company = self.texts, self.config.company
        items = [self.codenames(), self.customers()]
        internal = t.internal_none
        if company.internal_domains:
            internal = t.internal_public if self.public else self.ours(
                t.internal_internal, domains=t.join([f"`{d}`" for d in company.internal_domains]))
        public_domains = self.shown(company.domains)
        if public_domains:
            internal += " " + t.public_domains.format(domains=t.join([f"`{d}`" for d in public_domains]))
        items += [internal, t.credentials, t.personal]
        return paragraphs(self.ours(t.privacy_intro), bullets(items), t.privacy_rules), ()

    def _also(self, aliases: Sequence[str]) -> str:
        return self.texts.also_written.format(names=self.texts.join([md_escape(a) for a in aliases])) \
            if aliases else ""

    def codenames(self) -> str:
        t, codenames = self.texts, self.config.company.codenames
        if not codenames:
            return t.codenames_none
        if self.public:
            return t.codenames_public
        listed = [(t.codename_launched if c.is_public(self.as_of) else t.codename_until if c.public_on
                   else t.codename_unannounced).format(
            name=md_escape(c.name), aliases=self._also(c.aliases),
            date=c.public_on.isoformat() if c.public_on else "") for c in codenames]
        return t.codenames_internal + "\n" + bullets(listed, indent=2)

    def customers(self) -> str:
        t, customers = self.texts, self.config.company.customers
        confidential = [c for c in customers if not c.public]
        references = self.shown([c.name for c in customers if c.public])
        if not confidential:
            text = t.customers_none
        elif self.public:
            text = t.customers_public
        else:
            text = t.customers_internal + "\n" + bullets(
                [md_escape(c.name) + self._also(c.aliases) for c in confidential], indent=2)
        if references:
            text += ("\n\n  " if "\n" in text else " ") + t.public_references.format(
                names=t.join([md_escape(n) for n in references]))
        return text

    def spokespeople(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t = self.texts
        people = self.config.company.spokespeople
        shown = [p for p in people if not (self.withholds(p.name) or self.withholds(p.role))]
        listed = [f"**{md_escape(p.name)}**" + (f", {md_escape(p.role)}" if p.role else "") for p in shown]
        intro = self.ours(t.spokespeople_intro) + "\n\n" + bullets(listed) if listed else self.ours(t.spokespeople_none)
        withheld = self.ours(t.spokespeople_withheld) if len(shown) < len(people) else ""
        return paragraphs(intro, withheld, t.press, self.ours(t.own_accounts)), ()

    def ground_rules(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t = self.texts
        return paragraphs(t.ground_rules_intro, bullets([self.ours(rule) for rule in t.ground_rules])), ()

    def topics(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t = self.texts
        by_category: dict[Category, list[Rule]] = {}
        for rule in sorted(self.rules, key=reading_order):
            by_category.setdefault(rule.category, []).append(rule)
        subsections: list[Section] = []
        for category in Category:
            if category not in by_category:
                continue
            heading, what = t.categories[str(category)]
            entries = tuple(self.rule_entry(rule) for rule in by_category[category])
            subsections.append(Section(f"{number}.{len(subsections) + 1} {heading}", self.ours(what), entries,
                                       quoted=True))
        return paragraphs(t.topics_intro, "" if subsections else t.no_rules), tuple(subsections)

    def rule_entry(self, rule: Rule) -> Section:
        t = self.texts
        text = rule.text(self.lang)  # its block in the policy's language, else its own text
        severity = f"**{t.severity_table[0]}:** {t.severities[str(rule.severity)][0]}."
        if set(rule.languages) != set(LANGUAGES):
            severity += " " + t.applies_to.format(
                languages=t.join([t.language_names.get(code, code) for code in rule.languages]))
        parts = [severity, f"**{t.why}.** {self.inline(text.why)}"]
        if text.suggestion:
            parts.append(f"**{t.instead}.** {self.inline(text.suggestion)}")
        open_quote, close_quote = t.quote
        examples = examples_for(text, self.values)
        bad = [f"{open_quote}{self.inline(e)}{close_quote}" for e in examples.bad]
        good = [f"{open_quote}{self.inline(e)}{close_quote}" for e in self.shown(examples.good)]
        if bad:
            parts.append(f"**{t.flagged}:**\n\n" + bullets(bad))
        if good:
            parts.append(f"**{t.fine}:**\n\n" + bullets(good))
        if examples.missing:
            parts.append(t.examples_missing.format(values=t.join([t.company_values[n] for n in examples.missing])))
        summary = " ".join(text.summary.split()).rstrip(".")
        return Section(f"{self.plain(rule.code)}: {self.plain(summary)}", paragraphs(*parts), quoted=True)

    def monitoring(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t = self.texts
        header = t.severity_table
        rows = [f"| {header[0]} | {header[1]} | {header[2]} |", "|---|---|--:|"]
        for severity in sorted(Severity, key=lambda s: -s.rank):
            name, meaning = t.severities[str(severity)]
            if name != severity:
                name += f" (`{severity}`)"  # as reports print it
            count = sum(1 for r in self.rules if r.severity == severity)
            rows.append(f"| {name} | {meaning} | {count} |")
        return paragraphs(self.policy_text("monitoring"), t.enforcement_intro, bullets(t.enforcement),
                          "\n".join(rows), t.redacted_reports if self.config.redact else ""), ()

    def example_code(self) -> str | None:
        """The code the training and exception sections show: the first rule of section 7."""
        first = min(self.rules, key=reading_order, default=None)
        return self.plain(first.code) if first else None

    def training(self, number: int) -> tuple[str, tuple[Section, ...]]:
        example = self.example_code()
        explain = self.texts.explain.format(example=example) if example else ""
        return paragraphs(self.policy_text("training"), explain, self.texts.practise if example else ""), ()

    def exceptions(self, number: int) -> tuple[str, tuple[Section, ...]]:
        t = self.texts
        block = "```markdown\n" + t.exception_example.format(code=self.example_code() or "CODE") + "\n```"
        how = paragraphs(t.exceptions_intro, block, t.exceptions_rules, self.policy_text("exceptions"))
        return "", (Section(f"{number}.1 {t.exceptions_heading}", how),
                    Section(f"{number}.2 {t.questions}", self.policy_text("contact")))


def write_policy(config: Config, rules: Sequence[Rule], texts: Texts, *, internal: bool = False,
                 notify: Notify | None = None, as_of: dt.date | None = None) -> PolicyDocument:
    """The policy of `config` with `rules` (those enabled), in the language of `texts`; its
    examples name the codenames still confidential `as_of` (default today)."""
    return _Writer(config, rules, texts, internal, notify, as_of).document()
