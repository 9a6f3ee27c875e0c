"""spaCy's attribute ruler, matched by memo: the same token attributes, ~20% of the parse saved.

This leans on two things spaCy does not promise to keep (checked by `supported()`, and by
tests/test_attribute_ruler.py, which fails loudly when a spaCy release changes them):

- `spacy.tokens._retokenize.set_token_attrs`, the private helper `AttributeRuler.set_annotations`
  itself uses to set a token's attributes from a pattern's `attrs`;
- the ruler's `patterns` (each with its `patterns` list and `index`) and its `attrs` list, in
  pattern order, which `AttributeRuler` keeps as plain attributes;

and it swaps the loaded ruler's `__class__` for a subclass whose `__call__` matches by memo, so the
component keeps its name, state and serialisation. When either is missing, `memoise` leaves spaCy's
own ruler in place: slower, never wrong.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("postlint")

# Token attributes a one-token attribute-ruler pattern may test for `_RulerPlan` to match it itself
# (the string the pattern compares, and the hash that stands for it in the memo's keys).
_RULER_KEYS = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "orth_", "DEP": "dep_", "IS_SPACE": "is_space"}
_RULER_IDS = {"tag_": "tag", "lower_": "lower", "orth_": "orth", "dep_": "dep", "is_space": "is_space"}
RULER_MEMO = 10_000  # distinct tokens remembered per generation (two generations: bounded memory)


class _RulerPlan:
    """The attribute ruler's patterns, matched by memo instead of spaCy's Matcher.

    The English attribute ruler has ~180 patterns, nearly all one token testing its tag and
    lower-case form; matching each against every token is ~20% of the parse. Which one-token
    patterns match depends only on a few attributes of the token, so their result is looked up
    per distinct (tag, lower, ...) and cached; longer or fancier patterns still go through a
    Matcher. The attributes are then set exactly as the ruler sets them: per token, in pattern
    order, so later patterns win, as in `AttributeRuler.set_annotations`.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.simple: list[tuple[int, list[tuple[str, str, Any]]]] = []  # attr id, [(attribute, op, value)]
        self.matcher = Matcher(ruler.vocab)
        self.indices: dict[int, int] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = self._simple(pattern) if entry["index"] in (0, -1) else None
                if tests is None:
                    self.matcher.add(str(attr_id), [pattern])
                    self.indices[attr_id] = entry["index"]
                else:
                    self.simple.append((attr_id, tests))
        self.keys = sorted({attr for _, tests in self.simple for attr, _, _ in tests})
        self.ids = [_RULER_IDS[attr] for attr in self.keys]
        self._memo: dict[tuple[Any, ...], dict[Any, Any] | None] = {}
        self._older: dict[tuple[Any, ...], dict[Any, Any] | None] = {}
        self._shared: dict[tuple[Any, ...], dict[Any, Any]] = {}  # one dict per distinct result

    @staticmethod
    def _simple(pattern: list[dict[str, Any]]) -> list[tuple[str, str, Any]] | None:
        if len(pattern) != 1:
            return None
        tests = []
        for key, value in pattern[0].items():
            attr = _RULER_KEYS.get(str(key).upper())
            if attr is None:
                return None
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                (op, arg), = value.items()
                op = str(op).upper()
                if op == "REGEX" and isinstance(arg, str):
                    import re

                    tests.append((attr, op, re.compile(arg)))
                elif op in ("IN", "NOT_IN") and isinstance(arg, list):
                    tests.append((attr, op, frozenset(arg)))
                else:
                    return None
            elif isinstance(value, bool) == (attr == "is_space") and isinstance(value, (str, bool)):
                tests.append((attr, "==", value))
            else:
                return None
        return tests

    def _attrs_for(self, token: Any) -> dict[Any, Any] | None:
        """The attributes the one-token patterns give `token`, merged in order (None: none match)."""
        values = {attr: getattr(token, attr) for attr in self.keys}
        merged: dict[Any, Any] | None = None
        for attr_id, tests in self.simple:
            if all(_passes(values[attr], op, arg) for attr, op, arg in tests):
                merged = {**(merged or {}), **self.ruler.attrs[attr_id]}
        if merged is None:
            return None
        return self._shared.setdefault(tuple(sorted(merged.items(), key=repr)), merged)

    def _lookup(self, token: Any) -> dict[Any, Any] | None:
        key = tuple(getattr(token, attr) for attr in self.ids)  # hashes: stable across memory zones
        if key in self._memo:
            return self._memo[key]
        found = self._older[key] if key in self._older else self._attrs_for(token)
        if len(self._memo) >= RULER_MEMO:
            self._older, self._memo = self._memo, {}  # forget what was not seen for a generation
        self._memo[key] = found
        return found

    def apply(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            attr_id = int(self.ruler.vocab.strings[match_id])
            extra.setdefault(doc[start:end][self.indices[attr_id]].i, []).append(attr_id)
        for token in doc:
            if token.i in extra:
                # rare: merge this token's pattern ids in order, as the ruler's sort would
                ids = sorted({*extra[token.i], *(i for i, tests in self.simple
                                                if all(_passes(getattr(token, a), op, arg) for a, op, arg in tests))})
                for attr_id in ids:
                    set_token_attrs(token, self.ruler.attrs[attr_id])
                continue
            attrs = self._lookup(token)
            if attrs is not None:
                set_token_attrs(token, attrs)
        return doc


def _passes(value: Any, op: str, arg: Any) -> bool:
    if op == "==":
        return bool(value == arg)
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return bool(arg.search(value))  # REGEX: re.search, as spaCy's Matcher does


@functools.lru_cache(maxsize=1)
def _memo_ruler_class() -> type:
    from spacy.pipeline import AttributeRuler

    class MemoAttributeRuler(AttributeRuler):
        """spaCy's AttributeRuler with one-token patterns matched by memo (`_RulerPlan`)."""

        _postlint_plan: _RulerPlan

        def __call__(self, doc: Doc) -> Doc:
            return self._postlint_plan.apply(doc)

    return MemoAttributeRuler


def supported(ruler: Any) -> bool:
    """Whether this spaCy still has what the memo relies on (see the module docstring)."""
    try:
        from spacy.tokens._retokenize import set_token_attrs  # noqa: F401
    except ImportError:
        return False
    patterns, attrs = getattr(ruler, "patterns", None), getattr(ruler, "attrs", None)
    return (isinstance(patterns, list) and isinstance(attrs, list) and len(patterns) == len(attrs)
            and all(isinstance(p, dict) and {"patterns", "index"} <= p.keys() for p in patterns))


def memoise(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for the same ruler matched by memo (same results)."""
    from spacy.pipeline import AttributeRuler

    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            if not supported(component):
                log.debug("spaCy's AttributeRuler changed; %s runs unmemoised", name)
                continue
            plan = _RulerPlan(component)
            component.__class__ = _memo_ruler_class()  # same object, same state: only matching changes
            component._postlint_plan = plan

