"""`tokens`: spaCy Matcher patterns, for wording that depends on token attributes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..errors import ConfigError
from ..nlp import Needs
from . import Check, Hit, register

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    from ..document import Document
    from ..rule import Rule
    from ..errors import Problem
    from ..yamlio import Mark

# Token attributes and the part of the parse that provides them.
_ATTR_NEEDS = {"LEMMA": "lemma", "POS": "pos", "TAG": "pos", "MORPH": "pos", "DEP": "deps",
               "ENT_TYPE": "ner", "ENT_IOB": "ner", "ENT_ID": "ner", "SENT_START": "sents",
               "IS_SENT_START": "sents"}


def _pattern(value: Any, mark: Mark, problems: list[Problem]) -> Any:
    if not isinstance(value, list) or not value or not all(isinstance(t, dict) and t for t in value):
        return s.wrong_type(value, "a pattern: a list of token mappings like {LOWER: kill}", mark, problems)
    return value


@register
class TokensCheck(Check):
    kind = "tokens"
    doc = "Flags token sequences matching spaCy Matcher patterns (words, lemmas, parts of speech)."
    options = {
        "patterns": s.Field(s.list_of(_pattern, nonempty=True), required=True,
                            doc="spaCy Matcher patterns, e.g. [[{LOWER: kill}, {LOWER: yourself}]]"),
    }

    @classmethod
    def validate_with_model(cls, options, mark, problems):  # type: ignore[no-untyped-def]
        from spacy.schemas import validate_token_pattern

        for pattern in options["patterns"]:
            errors = validate_token_pattern(cls._plain(pattern))
            if errors:
                problems.append(mark.problem("E104", f"invalid token pattern: {errors[0]}",
                                             "see https://spacy.io/usage/rule-based-matching#matcher"))

    @property
    def needs(self) -> Needs:
        used = {key.upper() for pattern in self.opts["patterns"] for token in pattern for key in token}
        return Needs(frozenset(_ATTR_NEEDS[a] for a in used if a in _ATTR_NEEDS))

    @classmethod
    def verify(cls, rule: Rule) -> None:
        from spacy.vocab import Vocab

        cls._matcher(rule, Vocab())

    def prepare(self, nlp: Language) -> None:
        self.matcher = self._matcher(self.rule, nlp.vocab)

    @classmethod
    def _matcher(cls, rule: Rule, vocab: Vocab) -> Matcher:
        from spacy.matcher import Matcher

        matcher = Matcher(vocab, validate=True)
        try:
            matcher.add(rule.code, [_bounded(cls._plain(p)) for p in rule.options["patterns"]])
        except Exception as exc:  # spaCy reports a bad pattern as one of several error types
            assert rule.mark is not None
            first = str(exc).strip().splitlines()
            raise ConfigError([rule.mark.problem(
                "E104", f"invalid token pattern in {rule.code}: {first[0] if first else exc}",
                "see https://spacy.io/usage/rule-based-matching#matcher")]) from None
        return matcher

    @staticmethod
    def _plain(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Plain dicts with upper-case keys (`lower: kill` is `LOWER: kill` to spaCy)."""
        return [{str(k) if k == "_" else str(k).upper(): _unmark(v, k == "_") for k, v in t.items()}
                for t in pattern]

    def run(self, document: Document) -> Iterator[Hit]:
        doc = document.doc
        spans = {(doc[start:end].start_char, doc[start:end].end_char) for _, start, end in self.matcher(doc)}
        for start, end in sorted(spans):
            yield Hit(start, end)


# Token attributes a REGEX predicate may test, as the token's own attribute names.
_STRING_ATTRS = {"ORTH": "text", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "LEMMA": "lemma_",
                 "SHAPE": "shape_", "POS": "pos_", "TAG": "tag_", "DEP": "dep_", "ENT_TYPE": "ent_type_",
                 "PREFIX": "prefix_", "SUFFIX": "suffix_"}


def _bounded(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`pattern` with each `{ATTR: {REGEX: r}}` tested by a token extension that searches with the
    `regex` module and a time bound (spaCy's own predicate uses `re`, which has none): a rule's
    regex that backtracks too much gives up (`TimeoutError`, reported by the engine), never hangs."""
    bounded = []
    for token in pattern:
        token = dict(token)
        for attr, value in list(token.items()):
            if isinstance(value, dict) and "REGEX" in value and attr in _STRING_ATTRS:
                rest = {k: v for k, v in value.items() if k != "REGEX"}
                token.pop(attr)
                if rest:
                    token[attr] = rest
                token.setdefault("_", {})[_regex_extension(_STRING_ATTRS[attr], str(value["REGEX"]))] = True
        bounded.append(token)
    return bounded


def _regex_extension(attribute: str, pattern: str) -> str:
    """The name of a token extension that says whether `pattern` finds a match in the attribute."""
    import hashlib

    from spacy.tokens import Token

    name = "postlint_rx_" + hashlib.sha256(f"{attribute}\0{pattern}".encode()).hexdigest()[:16]
    if not Token.has_extension(name):
        rx = s.BoundedPattern(regex.compile(pattern))
        Token.set_extension(name, getter=lambda token: rx.search(getattr(token, attribute)) is not None)
    return name


def _unmark(value: Any, custom: bool = False) -> Any:
    """YAML containers as plain ones; predicate keys (in, not_in, regex) upper-cased."""
    if isinstance(value, dict):
        return {k if custom else str(k).upper(): _unmark(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmark(v) for v in value]
    return value
