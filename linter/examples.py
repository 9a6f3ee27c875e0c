"""A rule's examples as one company reads them: pack templates filled from its config.

A pack example may name the company's own values through placeholders, so that one pack shows
every company its own codenames, customers and hosts (in the written policy, the training and
`postlint explain`), and the tests fill them from the sample company (corpus/postlint.yaml):

    "{codename} ships soon and it is fast."          -> "Project Nightjar ships soon and it is fast."
    "So proud of the team behind #{codename:hashtag}!" -> "... #ProjectNightjar!"

`{name}` takes a value of the config (`PLACEHOLDERS`), `{name:form}` a disguise of it (`FORMS`).
Other braces are text. An example whose value the config lacks is left out, and the placeholder
it needed is reported (`Examples.missing`), so a policy says what is missing instead of borrowing
another company's names. Needs the config only: never spaCy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import regex

from .config import Config
from .rule import RuleText

_PLACEHOLDER = regex.compile(r"\{([a-z_]+)(?::([a-z_]+))?\}")


@dataclass(frozen=True)
class Placeholder:
    """A company value an example may name: where it comes from in the config, and how it is chosen."""

    key: str
    """The config key that gives it (said when the config lacks it)."""
    pick: Callable[[Config, dt.date], Names | None]


Names = tuple[str, ...]
"""A value's names: the one examples print, then its other spellings (a codename's aliases)."""


def _codename(config: Config, as_of: dt.date) -> Names | None:
    """The codename that stays confidential longest: one with no date first, else the latest date."""
    secret = [c for c in config.company.codenames if not c.is_public(as_of)]
    secret.sort(key=lambda c: (c.public_on is not None, -(c.public_on or dt.date.min).toordinal()))
    return secret[0].names if secret else None


def _launched_codename(config: Config, as_of: dt.date) -> Names | None:
    """The codename public longest (its date the earliest), so the choice moves as rarely as can be."""
    public = sorted((c for c in config.company.codenames if c.is_public(as_of)), key=lambda c: c.public_on or as_of)
    return public[0].names if public else None


def _first(values: Iterable[str]) -> Names | None:
    return next(((v,) for v in values if v.strip()), None)


PLACEHOLDERS: dict[str, Placeholder] = {
    "company": Placeholder("company.name", lambda c, _: _first([c.company.name])),
    "domain": Placeholder("company.domains", lambda c, _: _first(c.company.domains)),
    "internal_domain": Placeholder("company.internal_domains", lambda c, _: _first(c.company.internal_domains)),
    "codename": Placeholder("company.codenames", _codename),
    "launched_codename": Placeholder("company.codenames (one whose public_on date has passed)",
                                     _launched_codename),
    "customer": Placeholder("company.customers", lambda c, _: next(
        (x.names for x in c.company.customers if not x.public), None)),
    "reference_customer": Placeholder("company.customers (one with public: true)", lambda c, _: next(
        (x.names for x in c.company.customers if x.public), None)),
    "competitor": Placeholder("company.competitors", lambda c, _: next(
        (x.names for x in c.company.competitors), None)),
    "spokesperson": Placeholder("company.spokespeople", lambda c, _: _first(
        p.name for p in c.company.spokespeople)),
}
"""Every company value a pack example may name, by placeholder name."""


def _hashtag(names: Names) -> str:
    """`Project Nightjar` -> `ProjectNightjar` (the `#` is the example's own)."""
    return "".join(part[:1].upper() + part[1:] for part in regex.split(r"[\s\-_]+", names[0]) if part)


def _spaced(names: Names) -> str:
    """`Nightjar` -> `N i g h t j a r`: the letters of the shortest name, spaced out."""
    return " ".join(min(names, key=len).replace(" ", ""))


FORMS: dict[str, Callable[[Names], str]] = {"hashtag": _hashtag, "spaced": _spaced}
"""The disguises an example may write a value in: `{codename:hashtag}`, `{codename:spaced}`."""


def placeholders_in(template: str) -> set[str]:
    """The placeholder names `template` uses."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(template)}


def template_problems(template: str) -> list[str]:
    """What is wrong with the placeholders of one example (empty: nothing)."""
    problems = []
    for m in _PLACEHOLDER.finditer(template):
        name, form = m.groups()
        if name not in PLACEHOLDERS:
            problems.append(f"unknown placeholder {{{name}}} (available: "
                            + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")")
        elif form is not None and form not in FORMS:
            problems.append(f"unknown form {{{name}:{form}}} (available: " + ", ".join(FORMS) + ")")
    return problems


def company_values(config: Config, as_of: dt.date | None = None) -> dict[str, Names]:
    """The names of every placeholder's value that `config` gives, as of `as_of` (default today)."""
    as_of = as_of or dt.date.today()
    picked = {name: placeholder.pick(config, as_of) for name, placeholder in PLACEHOLDERS.items()}
    return {name: value for name, value in picked.items() if value}


def fill(template: str, values: Mapping[str, Names]) -> str | None:
    """`template` with its placeholders filled from `values`, or None when one is missing."""
    missing = False

    def value(m: regex.Match[str]) -> str:
        nonlocal missing
        name, form = m.groups()
        if name not in PLACEHOLDERS:
            return m.group()
        if name not in values:
            missing = True
            return ""
        return FORMS[form](values[name]) if form else values[name][0]

    filled = _PLACEHOLDER.sub(value, template)
    return None if missing else filled


@dataclass(frozen=True)
class Examples:
    """A rule's examples in one language, filled for one company."""

    bad: tuple[str, ...]
    good: tuple[str, ...]
    missing: tuple[str, ...] = ()
    """The placeholders whose values examples left out needed (in `PLACEHOLDERS` order)."""


def _filled(templates: Iterable[str], values: Mapping[str, Names], missing: set[str]) -> tuple[str, ...]:
    out = []
    for template in templates:
        filled = fill(template, values)
        if filled is None:
            missing |= placeholders_in(template) - set(values)
        else:
            out.append(filled)
    return tuple(out)


def examples_for(text: RuleText, values: Mapping[str, Names], *, tests: bool = False) -> Examples:
    """The examples readers see (`tests`: also the test cases only the test suite runs), filled
    from `values` (`company_values`); those needing a value that is not there are left out."""
    missing: set[str] = set()
    bad = _filled(text.examples_bad + (text.tests_bad if tests else ()), values, missing)
    good = _filled(text.examples_good + (text.tests_good if tests else ()), values, missing)
    return Examples(bad, good, tuple(name for name in PLACEHOLDERS if name in missing))
