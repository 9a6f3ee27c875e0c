"""The fields of a `labelled` rule: their options as a pack writes them, and their compiled form.

A field names one sensitive value (a card number, a date of birth): its labels by language, the
shape of its value, its checksum, and when it counts (beside another field, with a person for
subject, only with an owner). This module validates a field's options, compiles its patterns once
at load (reporting a bad one where the user wrote it), and holds the `LabelledField` every other
part of the kind reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from ... import schema as s
from ...config import LANGUAGES
from ...finding import Severity
from ...presidio import KNOWN_ENTITIES
from .._context import Cues
from .._validators import CHECKSUMS, VALIDATORS

if TYPE_CHECKING:
    from ...errors import Problem
    from ...yamlio import Mark

ALL = "*"  # labels given as a plain list apply to every language
_EDGE = r"(?<![\p{L}\d_])"
VALUE_END = r"(?![\p{L}\d_]|[\-/@.:][\p{L}\d])"


def _per_language(item: s.Validator) -> s.Validator:
    """A list for every language, or a mapping of language code to list, where `all` holds what
    every language shares: `{all: [IBAN], en: [account], es: [cuenta]}`."""

    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, dict):
            fields = {lang: s.Field(s.list_of(item, allow_single=True)) for lang in ("all", *LANGUAGES)}
            checked = s.check_mapping(value, mark, fields, problems, what="labels by language")
            if checked is s.INVALID:
                return s.INVALID
            return {(ALL if k == "all" else k): v for k, v in checked.items() if v}
        listed = s.list_of(item, allow_single=True)(value, mark, problems)
        return s.INVALID if listed is s.INVALID else {ALL: listed}

    return check


def _by_language(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    """One string per language code: `{es: un número de tarjeta}`."""
    fields = {lang: s.Field(s.string()) for lang in LANGUAGES}
    checked = s.check_mapping(value, mark, fields, problems, what="names by language")
    return s.INVALID if checked is s.INVALID else {k: v for k, v in checked.items() if v}


def _alongside(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    if isinstance(value, bool):
        return value
    return s.list_of(s.string(), allow_single=True, nonempty=True)(value, mark, problems)


FIELD_OPTIONS: dict[str, s.Field] = {
    "name": s.Field(s.string(), required=True, doc="what the value is, for messages: 'card number'"),
    "article": s.Field(s.choice("a", "an"), doc="'a' or 'an' before the name (default: by its first letter)"),
    "names": s.Field(_by_language, default_factory=dict,
                     doc="the name in other languages, with its article: {es: 'un número de tarjeta'}; messages "
                         "of a post in that language read it as {a_field}, and without its first word as {field}"),
    "labels": s.Field(_per_language(s.string()), default_factory=dict,
                      doc="strong labels: a value of the field's shape right after one is reported"),
    "exact_labels": s.Field(_per_language(s.string()), default_factory=dict,
                            doc="strong labels matched in exactly this letter case (PIN, not pin)"),
    "weak_labels": s.Field(_per_language(s.string()), default_factory=dict,
                           doc="cue words close by that are enough only for a value passing `validate`"),
    "value": s.Field(s.string(), doc="a regular expression for a plausible value of this field"),
    "group": s.Field(s.string(), doc="the named group of `value` that is reported (default: all of it)"),
    "ignore_case": s.Field(s.boolean(), default=True, doc="match `value` and `bare` in any letter case"),
    "validate": s.Field(s.choice(*VALIDATORS), doc="a checksum or validity test: " + ", ".join(VALIDATORS)),
    "bare": s.Field(s.string(), doc="a regular expression for values reported without a label "
                                    "(they must pass `validate`, when there is one)"),
    "entities": s.Field(s.list_of(s.choice(*sorted(KNOWN_ENTITIES)), allow_single=True), default_factory=list,
                        doc="Presidio entity types reported as this field without a label"),
    "alongside": s.Field(_alongside, default=False,
                         doc="true: reported only in a sentence where the rule found another field; "
                             "or phrases one of which the sentence must hold"),
    "person_subject": s.Field(s.boolean(), default=False,
                              doc="the label is an event of a person (born): a person must be its subject"),
    "link": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list,
                    doc="more words that may stand between this field's label and its value (on, at)"),
    "allow": s.Field(s.list_of(s.string(), allow_single=True), default_factory=list,
                     doc="values never reported (documentation examples)"),
    "unless": s.Field(_per_language(s.string()), default_factory=dict,
                      doc="words that make the value public when its sentence holds one (a landmark)"),
    "severity": s.Field(s.choice(*(str(v) for v in Severity)),
                        doc="this field's severity, when it is less (or more) serious than the rule's"),
    "needs_owner": s.Field(s.boolean(), default=False,
                           doc="reported only when the post says whose it is (my, his, Dana's salary)"),
    "linked": s.Field(s.boolean(), default=False,
                      doc="the value must follow a copula or separator (password: x, password is x) "
                          "unless it mixes letters and digits (password Tagus2026)"),
}


@dataclass(eq=False)
class LabelledField:
    """One validated field of a rule, compiled (what only a run needs is compiled on first use, so
    `postlint rules` and `explain` stay quick)."""

    name: str
    a_name: str
    names: Mapping[str, str]  # language code -> the name with its article, in that language
    value: regex.Pattern[str] | None
    group: str | int
    validator: Callable[[str], bool] | None
    checksum: bool  # the validator is a checksum: a pass is evidence enough, even far from a label
    bare: regex.Pattern[str] | None
    entities: frozenset[str]
    alongside: bool | Sequence[str]  # True, or phrases one of which the sentence must hold
    person_subject: bool
    link: frozenset[str]
    allow: frozenset[str]
    unless: Mapping[str, Sequence[str]]
    severity: Severity | None
    needs_owner: bool
    linked: bool
    labels: Mapping[str, Sequence[str]]
    exact_labels: Mapping[str, Sequence[str]]
    weak_labels: Mapping[str, Sequence[str]]
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def search(self) -> regex.Pattern[str]:
        """`value` anywhere (near a weak label), not only right after a label."""
        assert self.value is not None
        if "search" not in self._compiled:
            self._compiled["search"] = regex.compile(_EDGE + self.value.pattern, self.value.flags)
        return self._compiled["search"]

    def cues(self, which: str, lang: str = ALL) -> Cues | None:
        """The `unless` words of `lang`, or the `alongside` phrases, as Cues (None when there are none)."""
        key = f"{which}:{lang}"
        if key not in self._compiled:
            words = self.alongside if which == "alongside" else self.unless.get(lang)
            self._compiled[key] = Cues(words) if isinstance(words, (list, tuple)) and words else None
        return self._compiled[key]


_NO_LETTERS = regex.compile(r"\\p\{\w+\}|\\.|\(\?P?<\w+>|\(\?[:=!<]+")


def compile_pattern(pattern: str | None, flags: int, mark: Mark, problems: list[Problem], suffix: str = "") -> Any:
    """`pattern` (with `suffix`) compiled once; an invalid one is reported as the user wrote it.

    A pattern with no letter of its own (`\\d{3}-\\d{2}`) is compiled without IGNORECASE, which only
    makes compiling slower there."""
    if pattern is None:
        return None
    if not regex.search(r"[A-Za-z]", _NO_LETTERS.sub("", pattern)):
        flags &= ~regex.IGNORECASE
    try:
        return regex.compile(f"(?:{pattern}){suffix}" if suffix else pattern, flags)
    except regex.error:
        return s.regex_pattern(flags=flags)(pattern, mark, problems)


def compile_field(spec: dict[str, Any], mark: Mark, problems: list[Problem]) -> LabelledField | None:
    """One field of a rule's options, compiled; None (with its problems told) when it cannot be."""
    flags = regex.V1 | (regex.IGNORECASE if spec["ignore_case"] else 0)
    value = compile_pattern(spec.get("value"), flags, mark, problems, suffix=VALUE_END)
    bare = compile_pattern(spec.get("bare"), flags, mark, problems)
    if value is s.INVALID or bare is s.INVALID:
        return None
    group = spec.get("group") or 0
    if value is not None and group and group not in value.groupindex:
        problems.append(mark.problem("E104", f"field '{spec['name']}': the value has no group {group!r}"))
        return None
    has_labels = any(spec[k] for k in ("labels", "exact_labels", "weak_labels"))
    if has_labels and value is None:
        problems.append(mark.problem("E103", f"field '{spec['name']}' has labels but no 'value'",
                                     "write a regular expression for what follows the label"))
    elif not (has_labels or bare is not None or spec["entities"]):
        problems.append(mark.problem("E103", f"field '{spec['name']}' finds nothing",
                                     "give it labels, a 'bare' pattern or 'entities'"))
    elif spec["weak_labels"] and spec.get("validate") not in CHECKSUMS:
        problems.append(mark.problem("E103", f"field '{spec['name']}' has weak labels but no checksum",
                                     "a weak label counts only for a value that passes one of: "
                                     + ", ".join(sorted(CHECKSUMS))))
    name = spec["name"]
    article = spec.get("article") or ("an" if name[:1].lower() in "aeiou" else "a")
    alongside = spec["alongside"]
    return LabelledField(
        name=name, a_name=f"{article} {name}", names=spec["names"], value=value, group=group,
        validator=VALIDATORS.get(spec.get("validate") or ""), checksum=spec.get("validate") in CHECKSUMS,
        bare=bare,
        entities=frozenset(spec["entities"]),
        alongside=tuple(alongside) if isinstance(alongside, list) else bool(alongside),
        person_subject=spec["person_subject"], link=frozenset(w.lower() for w in spec["link"]),
        allow=frozenset(a.lower() for a in spec["allow"]),
        unless=spec["unless"],
        severity=Severity(spec["severity"]) if spec.get("severity") else None,
        needs_owner=spec["needs_owner"], linked=spec["linked"],
        labels=spec["labels"], exact_labels=spec["exact_labels"], weak_labels=spec["weak_labels"])
