"""A training session: short posts built from the rules' examples and the company's config.

For every category of the policy in force, one post a rule of it flags and one that is fine, both
in the employee's language and drawn at random (a `seed` repeats a session: one handout for a
whole class). Each post carries its answer: the rule, why it exists and a better wording. Built
from the config and the packs only (never spaCy); the posts are the same examples the written
policy shows, so tests/policy/test_examples_true.py proves their answers are what `check` says.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..examples import company_values, examples_for
from ..finding import Category, Severity
from ..policy import TEXTS as POLICY_TEXTS
from ..policy.public import PublicEdition
from ..rule import Rule
from .texts import Texts


@dataclass(frozen=True)
class Question:
    """One post to judge, and what to learn from it."""

    post: str
    publish: bool
    """The right answer: whether it may be published as written."""
    code: str
    """The rule it breaks (a flagged post) or comes close to (a fine one)."""
    category: Category
    severity: Severity
    summary: str
    why: str
    suggestion: str
    better: str = ""
    """A fine post of the same rule, to compare with a flagged one ("" when there is none)."""


@dataclass(frozen=True)
class Session:
    lang: str
    company: str
    """The company's name, or the policy's word for it when the config gives none or withholds it."""
    questions: tuple[Question, ...]
    uncovered: tuple[Category, ...] = ()
    """Enabled categories whose rules have no example to practise on."""

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories the session covers, in their usual order."""
        present = {q.category for q in self.questions}
        return tuple(c for c in Category if c in present)

    def category_name(self, category: Category) -> str:
        """A category's heading in the written policy, in the session's language."""
        return POLICY_TEXTS[self.lang].categories[str(category)][0].format(company=self.company)

    def join(self, items: list[str]) -> str:
        """A list in a sentence of the session's language ("a, b and c")."""
        return POLICY_TEXTS[self.lang].join(items)

    def quoted(self, post: str) -> str:
        """A post between the quotation marks of the session's language."""
        opening, closing = POLICY_TEXTS[self.lang].quote
        return f"{opening}{post}{closing}"


def _rule_text(rule: Rule, lang: str, mask: PublicEdition | None) -> tuple[str, str, str]:
    """A rule's summary, reason and suggestion in `lang`, on one line each (masked for a handout)."""
    text = rule.text(lang)

    def shown(part: str) -> str:
        line = " ".join(part.split())
        return mask.mask(line) if mask else line

    return shown(text.summary).rstrip("."), shown(text.why), shown(text.suggestion)


def build_session(config: Config, rules: Sequence[Rule], lang: str, *, seed: int | None = None,
                  as_of: dt.date | None = None, internal: bool = True) -> Session:
    """A session on the enabled `rules` that apply to posts in `lang`.

    `internal` (the default: a person practising on their own screen) shows the company's real
    codenames and customers; a handout to print is the public edition (`internal=False`), where
    they are described as in the public policy and fine posts that need them are left out.
    """
    rng = random.Random(seed)
    policy_texts = POLICY_TEXTS[lang]
    mask = None if internal else PublicEdition(config, policy_texts.withheld)
    values = company_values(config, as_of)
    name = config.company.name
    company = name if name and not (mask and mask.mentions(name)) else policy_texts.the_company
    in_force = [r for r in rules if r.enabled and lang in r.languages]
    questions: list[Question] = []
    uncovered: list[Category] = []
    for category in Category:
        mine = sorted((r for r in in_force if r.category == category), key=lambda r: r.code)
        if not mine:
            continue
        examples = {r.code: examples_for(r.text(lang), values) for r in mine}
        bad = {r.code: [mask.mask(e) if mask else e for e in examples[r.code].bad] for r in mine
               if r.severity != Severity.INFO}  # advice is no reason to hold a post back
        good = {r.code: [e for e in examples[r.code].good if not (mask and mask.mentions(e))] for r in mine}
        picked: list[Question] = []
        flagged = [r for r in mine if bad.get(r.code)]
        if flagged:
            rule = rng.choice(flagged)
            better = rng.choice(good[rule.code]) if good[rule.code] else ""
            picked.append(Question(rng.choice(bad[rule.code]), False, rule.code, category, rule.severity,
                                   *_rule_text(rule, lang, mask), better=better))
        unused = {r.code: [e for e in good[r.code] if not picked or e != picked[0].better] for r in mine}
        fine = [r for r in mine if unused[r.code]]
        if fine:
            rule = rng.choice(fine)
            picked.append(Question(rng.choice(unused[rule.code]), True, rule.code, category, rule.severity,
                                   *_rule_text(rule, lang, mask)))
        if picked:
            questions += picked
        else:
            uncovered.append(category)
    rng.shuffle(questions)
    return Session(lang, company, tuple(questions), tuple(uncovered))


def answer(session: Session, question: Question, texts: Texts) -> list[tuple[str, str]]:
    """What a person learns after judging `question`, as (label, sentence) pairs ("" for no label):
    the terminal, the handout and the page say the same."""
    if question.publish:
        return [("", texts.fine), ("", texts.close_to.format(code=question.code, summary=question.summary))]
    lines = [("", texts.breaks.format(code=question.code, summary=question.summary))]
    if question.severity == Severity.WARNING:
        lines.append(("", texts.second_look))
    lines.append((texts.why, question.why))
    if question.suggestion:
        lines.append((texts.instead, question.suggestion))
    if question.better:
        lines.append((texts.for_example, session.quoted(question.better)))
    return lines
