"""`pattern`: a regular expression (the `regex` module), compiled at load, run with a timeout.

A rule about a value (category pii or confidential: a key, a token, a private-key block, an address)
weighs the evidence (`_evidence.py`): the match's shape and a cue word speak for it; a value the post
marks as a sample ("# Sample RSA key, do not use") rules it out, and, for a person's data, so does
one given "for example", and a code sample weighs against it (a secret works wherever it is pasted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import regex

from .. import languages
from .. import schema as s
from ..nlp import Needs
from . import Check, Hit, Notice, register
from . import _evidence as ev
from ..finding import Category
from ._context import Cues, is_negated
from ._sense import Sense, sense_option
from ._validators import VALIDATORS

if TYPE_CHECKING:
    from spacy.language import Language

    from ..document import Document
    from ..errors import Problem
    from ..yamlio import Mark



VALUE_CATEGORIES = frozenset({Category.PII, Category.CONFIDENTIAL})  # rules about a value weigh the evidence
# Validators whose value is made of space-separated groups and says its own length (an IBAN): a
# match that fails may have taken the next short word of the sentence as one more group.
_TRIMMABLE = frozenset({"iban"})


def _valid_prefix_end(found: str, validator: Callable[[str], bool], start: int) -> int:
    """The end of the longest prefix of `found`, cut at a space, that passes `validator`."""
    cut = len(found)
    while (cut := found.rfind(" ", 0, cut)) > 0:
        if validator(found[:cut]):
            return start + cut
    return start + len(found)


_NAMED_LIST = regex.compile(r"(?<!\\)(?:\\\\)*\\L<(\w+)>")


def named_lists(pattern: str) -> list[str]:
    """The word lists a pattern names with `\\L<name>`, in order, once each."""
    return list(dict.fromkeys(_NAMED_LIST.findall(pattern)))


@register
class PatternCheck(Check):
    kind = "pattern"
    doc = ("Flags text matching a regular expression, optionally checksummed, confirmed by cue words "
           "close by, and skipped when negated.")
    options = {
        "pattern": s.Field(s.string(), required=True,
                           doc="a regular expression (Python `regex` syntax); `\\L<name>` stands for any entry of "
                               "the post's language's word list `name` (linter/languages/words/<code>/<name>.txt)"),
        "ignore_case": s.Field(s.boolean(), default=True),
        "group": s.Field(lambda v, m, p: v if (isinstance(v, int) and v >= 0 or isinstance(v, str))
                         and not isinstance(v, bool) else s.wrong_type(v, "a group number (0 or more) or name", m, p),
                         default=0, doc="the group that is reported (default: the whole match)"),
        "validate": s.Field(s.choice(*VALIDATORS), doc="a checksum the match must pass: " + ", ".join(VALIDATORS)),
        "allow": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                         doc="matches never reported (documentation placeholders)"),
        "timeout": s.Field(s.number(minimum=0.01, maximum=60), default=1.0,
                           doc="seconds one document may take before the rule gives up"),
        "context": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                           doc="cue words; a match counts only with one close by (\"card\", \"phone\")"),
        "context_before": s.Field(s.integer(minimum=1, maximum=200), default=40,
                                  doc="how many characters before the match a cue may stand"),
        "context_after": s.Field(s.integer(minimum=0, maximum=200), default=0,
                                 doc="how many characters after the match a cue may stand"),
        "strong": s.Field(s.regex_pattern(), doc="a match that fully matches this needs no cue word"),
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="words that cancel a match when they stand just before or after it"),
        "unless_before": s.Field(s.integer(minimum=1, maximum=200), default=30),
        "unless_after": s.Field(s.integer(minimum=0, maximum=200), default=30),
        "skip_negated": s.Field(s.boolean(), default=False,
                                doc="leave a match alone when its clause is negated (\"no system is 100% secure\")"),
        "sense": sense_option,
    }

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        flags = regex.VERSION1 | (regex.IGNORECASE if options["ignore_case"] else 0)
        pattern = options["pattern"]
        lists = sorted(name for name, words in languages.DECLARED.items() if words.source == "list")
        unknown = sorted(set(named_lists(pattern)) - set(lists))
        if unknown:
            problems.append(where("pattern").problem(
                "E104", f"no word list '{unknown[0]}' for \\L<{unknown[0]}>", "lists: " + ", ".join(lists)))
            return
        # a named list is filled from the post's language when the rule runs; any entry does to check the syntax
        compiled = s.regex_pattern(flags=flags, lists=dict.fromkeys(named_lists(pattern), ["x"]))(
            pattern, where("pattern"), problems)
        if compiled is s.INVALID:
            return
        group = options["group"]
        if (isinstance(group, int) and group > compiled.groups) or (
                isinstance(group, str) and group not in compiled.groupindex):
            problems.append(where("group").problem("E104", f"the pattern has no group {group!r}"))
            return
        options["compiled"] = compiled

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.rx = self.opts["compiled"]
        if names := named_lists(self.opts["pattern"]):
            unit = languages.get(rule.lang or languages.LANGUAGES[0])
            self.rx = regex.compile(self.opts["pattern"], self.rx.flags,
                                    **{name: sorted(unit.words(name)) or ["\x00"] for name in names})
        self.validator = VALIDATORS.get(self.opts["validate"] or "")
        self.allow = {a.lower() for a in self.opts["allow"]}
        self.context = Cues(self.opts["context"])
        self.unless = Cues(self.opts["unless"])
        self.sense = Sense(self.opts["sense"], [])

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"pos", "sents", "deps_on_demand"})) if self.sense else Needs()

    def prepare(self, nlp: Language) -> None:
        self.sense.prepare(nlp)

    def _evidence(self, document: Document, start: int, end: int) -> list[str]:
        """The reasons for and against a value rule's match (`_evidence.py`)."""
        reasons = [ev.SHAPE]
        if self.context and self.context.near(document.text, start, end, self.opts["context_before"],
                                              self.opts["context_after"], document.block(start)):
            reasons.append(ev.CUE)
        personal = self.rule.category == Category.PII  # a person's data; else a secret, which works wherever it is
        if ev.said_to_be_an_example(document, start, end, phrases=personal):
            reasons.append(ev.EXAMPLE)
        elif personal and ev.in_code(document, start, end):
            reasons.append(ev.CODE)
        return reasons

    def _counts(self, document: Document, start: int, end: int) -> bool:
        o = self.opts
        text = document.text
        if o["skip_negated"] and is_negated(text, start, document.language):
            return False
        block = document.block(start)
        cancel = self.unless.match_near(text, start, end, o["unless_before"], o["unless_after"], block) \
            if self.unless else None
        if cancel is not None and not is_negated(text, cancel.start(), document.language):  # "not announced yet" cancels nothing
            return False
        if not self.context or (o["strong"] is not None and o["strong"].fullmatch(text[start:end],
                                                                                 timeout=o["timeout"])):
            return True
        return self.context.near(text, start, end, o["context_before"], o["context_after"], block) is not None

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        group = self.opts["group"]
        try:
            for m in document.block_matches(self.rx, timeout=self.opts["timeout"]):
                start, end = m.span(group)
                if start < 0 or start == end:
                    continue
                found = document.text[start:end]
                if self.validator and not self.validator(found) and self.opts["validate"] in _TRIMMABLE:
                    end = _valid_prefix_end(found, self.validator, start)  # "ES91 ... 1332 esta"
                    found = document.text[start:end]
                if found.lower() in self.allow or (self.validator and not self.validator(found)):
                    continue
                if not self._counts(document, start, end):
                    continue
                if self.sense and not self.sense.accepts_chars(document, start, end):
                    continue
                if self.rule.category not in VALUE_CATEGORIES:
                    yield Hit(start, end)
                    continue
                reasons = self._evidence(document, start, end)
                severity = ev.decide(self.rule.severity, reasons)
                if severity is not None:
                    yield Hit(start, end, severity=severity, evidence=ev.worded(reasons, document.language))
        except TimeoutError:
            yield Notice(f"rule {self.rule.code} gave up after {self.opts['timeout']}s "
                         "(its pattern backtracks too much on this text); other rules still ran")
