"""`labelled`: a sensitive value a post states outright, found by what the post calls it.

"my SSN is 078-05-1120", "card 4916 6418 5936 9085, exp 06/29, CVV 789", "su DNI es 48215731A":
a label names a sensitive field, and a value of a plausible shape for that field follows it in the
same sentence, through a copula or a separator ("is", ":", "=", "es", "number", "#"). A strong label
is enough even when the value fails its checksum (the finding then says the value *looks like* one);
a weak label ("paid with") counts only with a valid checksum, and a few shapes need no label at all
(a Luhn-valid card number grouped in fours, an IBAN, coordinates with hemispheres).

What is not a value: placeholders and masks (`XXX-XX-XXXX`, `****1234`, `<password>`, `$TOKEN`),
dummies (`0000`, "the test card", "for demo"), formats ("must be 8 characters", "a six-digit code"),
examples ("e.g.", "such as"), the company's own public numbers (`company.public_numbers`), and
fields a rule ties to public places (a landmark's coordinates in a travel post).

The severity follows the evidence (`_evidence.py`): a strong label, a weak label with a checksum
that holds, a shape proved by its checksum, and someone else's ownership ("his", "Tom's") speak for
the value; a published identifier (CVE-2022-1473), a template filled in at run time
(`v1-deps-{{ checksum }}`) and a value the post calls an example rule it out. For a person's data
(category pii), the author's own ("my PIN", "I was born on") caps it at the rule's `own_severity`,
with its `own_message`, and a code or config sample (example data) weighs against it; a secret
(confidential) works whoever's it is and wherever it is pasted, so neither counts against it.
Label phrases and value shapes are data in the rule packs; the grammar words (copulas, possessives)
come from the post's language unit (`linter/languages/`).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from .. import schema as s
from ..config import LANGUAGES
from ..finding import Category, Severity
from ..languages import declare
from ..nlp import Needs
from ..presidio import KNOWN_ENTITIES
from ..vocab import dictionary
from . import Check, Hit, register
from . import _evidence as ev
from ._context import (
    Cues,
    alternatives,
    clause_before,
    could_be_public,
    is_public_number,
    is_quoted,
    public_digits,
)
from ._phrase_cache import lemma_docs
from ._validators import CHECKSUMS, VALIDATORS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..document import Document
    from ..languages import Language as LanguageUnit
    from ..errors import Problem
    from ..yamlio import Mark

VALUE_LINKS = declare(
    "value_links",
    'Words and signs that may stand between a label and the value it names: copulas, "number", '
    '":", "#" ("my SSN is 078-05-1120", "su DNI es el 48215731A").',
    frozenset())
VALUE_COPULAS = declare(
    "value_copulas",
    'The links that state a value, and close a qualifier ("the PIN for locker 12 *is* 7403").',
    frozenset())
QUALIFIERS = declare(
    "qualifiers",
    "Words that open a short phrase between a label and its copula (for, of, de, para, que).",
    frozenset())
ID_WORDS = declare(
    "id_words",
    "Words that name a value after a comma (\"driver's licence, *number* K5512-...\").",
    frozenset())
REPORTED_SPEECH = declare(
    "reported_speech",
    "Verbs after which the words are someone else's (wrote, said, dijo).",
    frozenset())
DUMMY_PREPS = declare(
    "dummy_preps",
    'Prepositions that put a dummy word after a value ("for demo", "de prueba").',
    frozenset())
VOWELS = declare(
    "vowels",
    'The vowels, lower case: a label typed without them ("psswrd") is still the label, and a '
    'label ending in one takes only -s in the plural.',
    "aeiou")
RANGE_WORDS = declare(
    "range_words",
    "Words that make two numbers a range (to; a, hasta): \"$120,000 to $150,000\" is no one's pay.",
    frozenset())
PLACEHOLDER_WORDS = declare(
    "placeholder_words",
    'Words written where a value is hidden (redacted, example; oculto, ejemplo): "password: '
    '[redacted]" states no password.',
    frozenset())
FORMAT_UNITS = declare(
    "format_units",
    'Words after a number that make it a format, not a value ("8 characters", "6 dígitos").',
    frozenset())

_ALL = "*"  # labels given as a plain list apply to every language
_EDGE = r"(?<![\p{L}\d_])"
_END = r"(?![\p{L}\d_]|[\-/@.:][\p{L}\d])"
_GAP_TOKEN = regex.compile(r"[\t ]*(?:[\p{L}\d]+(?:['’.][\p{L}\d]+)*\.?|['’]s\b|\S)")
_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’.\-]*")
_MASK = frozenset("*•●·◦#xX_…")
_WRAPPED = regex.compile(r"<[^<>]*>|\[[^\[\]]*\]|\{\{?[^{}]*\}?\}|%[A-Za-z_]\w*%|\$\{?[A-Za-z_]\w*\}?")
_CONSTANT = regex.compile(r"[A-Z][A-Z]*(?:_[A-Z]+)+")  # YOUR_PASSWORD, API_KEY
_TEMPLATE = regex.compile(r"\{\{|\}\}|\$\{|\{%|%\}")  # {{ your password }}, ${SECRET}
_EXAMPLE_PARTS = frozenset({"password", "passwd", "secret", "secure", "example", "sample", "your", "my", "here",
                            "changeme", "placeholder", "dummy", "test", "foo", "bar", "key", "token", "value"})
_PLACEHOLDER_TOKENS = frozenset({"changeme", "none", "null", "nil", "n/a", "tbd", "todo", "xxx", "yourpassword",
                                 "your-password"})  # stand-ins written as code, in any language
_MIXED = regex.compile(r"\p{L}.*\d|\d.*\p{L}")
_SPEAKER = regex.compile(r"\s*(\p{L}[\p{L}.]*(?: \p{L}[\p{L}.]*){0,2})\s*:\s")
_NEXT_WORD = regex.compile(r"\s*([\p{L}%]+)")


@functools.cache
def _list_separator(g: LanguageUnit) -> regex.Pattern[str]:
    """What parts the values of a list: ", ", "; ", "&", "/", and `g`'s conjunctions ("and", "y")."""
    words = alternatives(g.conjunctions)
    return regex.compile(rf"\s*(?:,\s*(?:{words})\b|,|;|&|/|\b(?:{words})\b)\s*", regex.IGNORECASE)


@functools.cache
def _range(g: LanguageUnit) -> regex.Pattern[str]:
    """A range after a value: a dash or one of `g`'s range words ("to", "hasta") before a number."""
    return regex.compile(rf"\s*(?:[\-–—]|{alternatives(g.range_words)})\s*[$€£]?\d", regex.IGNORECASE)


def _per_language(item: s.Validator) -> s.Validator:
    """A list for every language, or a mapping of language code to list, where `all` holds what
    every language shares: `{all: [IBAN], en: [account], es: [cuenta]}`."""

    def check(value: Any, mark: Mark, problems: list[Problem]) -> Any:
        if isinstance(value, dict):
            fields = {lang: s.Field(s.list_of(item, allow_single=True)) for lang in ("all", *LANGUAGES)}
            checked = s.check_mapping(value, mark, fields, problems, what="labels by language")
            if checked is s.INVALID:
                return s.INVALID
            return {(_ALL if k == "all" else k): v for k, v in checked.items() if v}
        listed = s.list_of(item, allow_single=True)(value, mark, problems)
        return s.INVALID if listed is s.INVALID else {_ALL: listed}

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


_FIELD: dict[str, s.Field] = {
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
class _Field:
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

    def cues(self, which: str, lang: str = _ALL) -> Cues | None:
        """The `unless` words of `lang`, or the `alongside` phrases, as Cues (None when there are none)."""
        key = f"{which}:{lang}"
        if key not in self._compiled:
            words = self.alongside if which == "alongside" else self.unless.get(lang)
            self._compiled[key] = Cues(words) if isinstance(words, (list, tuple)) and words else None
        return self._compiled[key]


@dataclass
class _Found:
    """A candidate value: where it is, which field, how it was found."""

    field: _Field
    start: int
    end: int
    label: str = ""
    label_start: int = -1  # where the owner is looked for: the label, or the value itself
    verified: bool = True
    strong: bool = False
    owner: bool | None = None  # the author's own, someone else's, or not said
    reasons: list[str] = field(default_factory=list)  # the evidence against it found on the way


class _Labels:
    """Every label of a rule in one language, matched on the parse's tokens (spaCy's PhraseMatcher:
    one hash lookup per token, whatever the number of labels), in any case, in singular or plural,
    and, where the pipeline has lemmas, in any form of a label written in its base form ("dates of
    birth", "contraseñas").

    A word inside a link target is part of one URL token, so `?cid=1399` holds no label.
    """

    def __init__(self, fields: Sequence[_Field], nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        from .. import languages

        unit = languages.REGISTRY.get(nlp.lang)
        self.vowels = frozenset(VOWELS.of(unit) if unit else VOWELS.empty)

        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA") if nlp.has_pipe("lemmatizer") else None
        self.keys: dict[int, tuple[int, bool]] = {}  # match id -> (field index, weak)
        self.typed: dict[str, list[tuple[tuple[str, ...], int]]] = {}  # first word's skeleton -> (words, field)
        for i, f in enumerate(fields):
            for kind, exact, weak in (("labels", False, False), ("exact_labels", True, False),
                                      ("weak_labels", False, True)):
                per_lang: Mapping[str, Sequence[str]] = getattr(f, kind)
                labels = [*per_lang.get(_ALL, ()), *per_lang.get(nlp.lang, ())]
                if not labels:
                    continue
                key = f"{i}:{kind}"
                self.keys[nlp.vocab.strings.add(key)] = (i, weak)
                variants = dict.fromkeys(v for label in labels for v in _variants(label, exact, self.vowels))
                (self.exact if exact else self.lower).add(key, list(nlp.tokenizer.pipe(variants)))
                if self.lemma is not None and not exact:
                    parsed = lemma_docs(nlp, [label.lower() for label in labels])  # parsed once per model
                    base_forms = [d for d in parsed if all(t.lemma_.lower() == t.lower_ for t in d)]
                    if base_forms:
                        self.lemma.add(key, base_forms)
                if not weak:
                    for label in labels:
                        words = tuple(label.lower().replace("’", "'").split())
                        self.typed.setdefault(_skeleton(words[0], self.vowels), []).append((words, i))
        self.common = dictionary(nlp)

    def find(self, doc: Doc) -> list[tuple[int, int, int, bool]]:
        """(start, end, field index, weak) in characters of every label, the longest where they overlap."""
        matchers = [m for m in (self.lower, self.exact, self.lemma) if m is not None]
        if self.lemma is not None and not doc.has_annotation("LEMMA"):
            matchers.remove(self.lemma)
        matches = sorted(((s, e, m) for matcher in matchers for m, s, e in matcher(doc)),
                         key=lambda x: (x[0], -x[1]))
        found: list[tuple[int, int, int, bool]] = []
        last_end = -1
        for start, end, match_id in matches:
            if start < last_end:
                continue  # "card" inside "credit card number"
            last_end = end
            index, weak = self.keys[match_id]
            found.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), index, weak))
        typed = [t for t in self._typed(doc) if not any(f[0] < t[1] and t[0] < f[1] for f in found)]
        return sorted(found + typed) if typed else found

    def _typed(self, doc: Doc) -> Iterator[tuple[int, int, int, bool]]:
        """Strong labels typed in a hurry: without their vowels ("psswrd", "dte of brth", "crdt crd") or
        spelled out letter by letter ("S SN", "P I N"). A word the language knows is never read as
        another's abbreviation ("cord" is not "card")."""
        i, n = 0, len(doc)
        starts = _typed_starts(doc, self.vowels)
        while i < n:
            best: tuple[int, int] | None = None  # (end token, field)
            for first, j, skeleton in starts[i]:
                for words, index in self.typed.get(skeleton, ()):
                    end = self._typed_rest(doc, words, first, i, j)
                    if end is not None and (best is None or end > best[0]):
                        best = (end, index)
            if best is None:
                i += 1
                continue
            yield doc[i].idx, doc[best[0] - 1].idx + len(doc[best[0] - 1]), best[1], False
            i = best[0]

    def _typed_rest(self, doc: Doc, words: tuple[str, ...], first: str, i: int, j: int) -> int | None:
        """Where a typed label `words` that starts with `first` (tokens i..j) ends, or None."""
        if first != words[0] and not _abbreviates(first, words[0], self.common, self.vowels):
            return None
        shortened = j - i > 1 or first != words[0]
        for word in words[1:]:
            for typed, k in _typed_words(doc, j):
                if typed == word or _abbreviates(typed, word, self.common, self.vowels):
                    shortened = shortened or typed != word or k - j > 1
                    j = k
                    break
            else:
                return None
        return j if shortened else None


def _variants(label: str, exact: bool, vowels: frozenset[str]) -> list[str]:
    """A label as written, with its last word in the plural, and with a curly apostrophe."""
    label = " ".join(label.split())
    forms = [label]
    last = label.rsplit(" ", 1)[-1]
    if last.isalpha() and len(last) >= 3:
        forms += [label + "s"] if exact or last[-1] in vowels else [label + "s", label + "es"]
    return [f for form in forms for f in dict.fromkeys((form, form.replace("'", "’")))]


def _names_another_thing(document: Document, start: int, end: int, field: _Field) -> bool:
    """A label word that names something else where it stands: the tail of a hyphenated field name
    that is no label of the field ("Master-Key:" in a TLS session dump, but not "X-API-Key:" nor a
    "self-diagnosis"), or, where modifiers follow their noun, a label right after a noun it
    qualifies ("palabra clave" is a keyword, "pieza clave" a key piece)."""
    text = document.text
    before = regex.search(r"([\p{L}\d]+)([\-\s])$", text[max(0, start - 30):start])
    if before is None:
        return False
    joined = f"{before.group(1)} {text[start:end]}".lower()
    labels = {w.lower() for per_lang in (field.labels, field.exact_labels) for words in per_lang.values() for w in words}
    if joined in labels:
        return False
    if before.group(2) == "-":
        return regex.match(r"\s*:", text[end:end + 4]) is not None
    if not document.language.modifiers_follow:
        return False
    span = document.doc.char_span(start - len(before.group(0)), start - 1, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ == "NOUN"


_SPELLED_REACH = 160  # characters a value spelled out with blanks may span (an IBAN, letter by letter, is ~70)


def _skeleton(word: str, vowels: frozenset[str]) -> str:
    """A word's consonants, doubled ones once: "password" -> "pswrd", "número" -> "nmr"."""
    out: list[str] = []
    for ch in word:
        if ch not in vowels and ch.isalnum() and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def _abbreviates(typed: str, word: str, common: frozenset[str], vowels: frozenset[str]) -> bool:
    """`typed` is `word` with vowels dropped ("psswrd", "nmbr", "brth"), and no word of its own."""
    if len(typed) < 2 or len(typed) >= len(word) or typed[0] != word[0] or typed in common:
        return False
    skeleton = _skeleton(word, vowels)
    if len(skeleton) < 2 or _skeleton(typed, vowels) != skeleton:
        return False
    rest = iter(word)
    return all(ch in rest for ch in typed)  # its letters, in order, with some left out


def _typed_starts(doc: Doc, vowels: frozenset[str]) -> list[list[tuple[str, int, str]]]:
    """For each token, the words `_typed_words` reads from it, with their skeletons: the same for
    every labelled rule of the post's language, so made once per parse (kept in `doc.user_data`)."""
    key = ("postlint.typed_starts", vowels)
    if key not in doc.user_data:
        doc.user_data[key] = [[(word, j, _skeleton(word, vowels)) for word, j in _typed_words(doc, i)]
                              for i in range(len(doc))]
    return doc.user_data[key]  # type: ignore[no-any-return]


def _typed_words(doc: Doc, i: int) -> Iterator[tuple[str, int]]:
    """The word at token `i` (lower case, and the token after it), and letters spelled one by one
    from there ("S SN", "P I N", "2 F A") joined into one word."""
    if i >= len(doc):
        return
    token = doc[i]
    if not (token.is_alpha or token.text.isalnum()):
        return
    yield token.lower_.replace("’", "'"), i + 1
    j, joined, single = i, "", False
    while j < len(doc) and j - i < 12 and len(doc[j]) <= 2 and doc[j].text.isalnum() and (
            j == i or doc[j - 1].whitespace_):
        joined, single, j = joined + doc[j].lower_, single or len(doc[j]) == 1, j + 1
        if j - i >= 2 and single:
            yield joined, j


def _spelled(text: str, pos: int, limit: int) -> tuple[str, list[int]]:
    """The text from `pos` with the blanks of a value spelled out character by character removed
    ("0 7 8 -0 5 -1 1 2 0" -> "078-05-1120"), and each kept character's offset in `text`.

    A blank goes when a single character stands on one side and, on the other, another single
    character, digits or signs, or two characters with a digit in them; never before a word of two
    letters or more ("0 pr yr" keeps its blank)."""
    words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", text[pos:limit])]
    kept: list[int] = []
    for n, (start, end) in enumerate(words):
        if n:
            before = text[pos + words[n - 1][0]:pos + words[n - 1][1]]
            word = text[pos + start:pos + end].rstrip(",;:!?")  # "7," is a single character before its comma
            if not (_joins(before, word) or _joins(word, before)):
                kept.append(pos + start - 1)  # the blank before this word stays (as one space)
        kept.extend(range(pos + start, pos + end))
    return "".join(" " if text[k].isspace() else text[k] for k in kept), kept


def _joins(single: str, other: str) -> bool:
    if len(single) != 1:
        return False
    if len(other) == 1 or not any(ch.isalpha() for ch in other):
        return True
    return len(other) == 2 and any(ch.isdigit() for ch in other)


def is_placeholder(value: str, g: LanguageUnit) -> bool:
    """A documentation value, mask or dummy, never a real one: XXX-XX-XXXX, ****1234, <password>,
    ${TOKEN}, YOUR_API_KEY, [redacted], 0000, 1111 1111 1111 1111."""
    core = value.strip().strip("\"'`“”‘’")
    if not core or _WRAPPED.fullmatch(core) or _CONSTANT.fullmatch(core) or _TEMPLATE.search(core):
        return True
    words = regex.split(r"[-_]", core)
    if len(words) > 1 and core.islower() and core.replace("-", "").replace("_", "").isalpha() \
            and any(w in _EXAMPLE_PARTS for w in words):
        return True  # my-secure-password, your_api_key_here
    if core.lower() in _PLACEHOLDER_TOKENS or core.lower() in g.placeholder_words or "..." in core or "…" in core:
        return True
    compact = [ch for ch in core if ch.isalnum() or ch in _MASK]
    masked = sum(1 for ch in compact if ch in _MASK)
    if masked >= 3 and all(ch in _MASK or ch.isdigit() for ch in compact):
        return True
    significant = [ch.lower() for ch in core if ch.isalnum()]
    return len(significant) >= 3 and len(set(significant)) == 1


@register
class LabelledCheck(Check):
    kind = "labelled"
    allow_list = "public_numbers"
    allows = classmethod(lambda cls, match: could_be_public(match))  # type: ignore[assignment]
    doc = ("Flags sensitive values a post states outright: a label (\"SSN\", \"IBAN\", \"contraseña\") "
           "followed in its sentence, through a copula or a separator, by a value of the field's shape; "
           "a failed checksum is still reported after a strong label. Placeholders, masks, dummies, "
           "formats and public values are not values; the author's own data gets its own severity.")
    placeholders = frozenset({"field", "a_field", "label"})
    options = {
        "fields": s.Field(s.list_of(s.mapping_of(_FIELD, what="field"), nonempty=True), required=True,
                          doc="the fields this rule reports, each with its labels and value shape"),
        "own_severity": s.Field(s.choice(*(str(v) for v in Severity)),
                                doc="severity when the value is the author's own (\"my PIN\"); "
                                    "default: the rule's"),
        "own_message": s.Field(s.string(), doc="message when the value is the author's own"),
        "unverified_message": s.Field(s.string(), doc="message when a labelled value fails its checksum"),
        "min_score": s.Field(s.number(minimum=0, maximum=1), default=0.5,
                             doc="Presidio confidence an unlabelled `entities` result needs"),
        "window": s.Field(s.integer(minimum=1, maximum=12), default=6,
                          doc="how many linking words (is, :, number...) may stand between label and value"),
        "context_before": s.Field(s.integer(minimum=1, maximum=200), default=60,
                                  doc="how many characters before a value a weak label may stand"),
        "context_after": s.Field(s.integer(minimum=0, maximum=200), default=20,
                                 doc="how many characters after a value a weak label may stand"),
        "timeout": s.Field(s.number(minimum=0.01, maximum=60), default=1.0,
                           doc="seconds one document may take before the rule gives up"),
    }

    @classmethod
    def policy_values(cls, options, company):  # type: ignore[no-untyped-def]
        for field in options.get("compiled", ()):  # each field's name, bare and with its article, per language
            yield from (field.name, field.a_name)
            for local in field.names.values():
                yield from (local, local.split(" ", 1)[-1])

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        mark = where("fields")
        compiled = []
        for spec in options["fields"]:
            flags = regex.V1 | (regex.IGNORECASE if spec["ignore_case"] else 0)
            value = _compile(spec.get("value"), flags, mark, problems, suffix=_END)
            bare = _compile(spec.get("bare"), flags, mark, problems)
            if value is s.INVALID or bare is s.INVALID:
                continue
            group = spec.get("group") or 0
            if value is not None and group and group not in value.groupindex:
                problems.append(mark.problem("E104", f"field '{spec['name']}': the value has no group {group!r}"))
                continue
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
            compiled.append(_Field(
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
                labels=spec["labels"], exact_labels=spec["exact_labels"], weak_labels=spec["weak_labels"]))
        if len(compiled) == len(options["fields"]):
            if all(f.alongside is not False for f in compiled):
                problems.append(mark.problem("E103", "every field is 'alongside' another: none can be found first"))
            options["compiled"] = tuple(compiled)

    @classmethod
    def describe(cls, options: Mapping[str, Any]) -> list[str]:
        lines = []
        for f in options["compiled"]:
            by_lang: dict[str, list[str]] = {}
            for per_lang in (f.labels, f.exact_labels):
                for lang, words in per_lang.items():
                    by_lang.setdefault(lang, []).extend(words)
            how = ["labels " + "; ".join(f"{'any language' if lang == _ALL else lang}: {', '.join(words)}"
                                         for lang, words in sorted(by_lang.items()))] if by_lang else []
            if f.weak_labels:
                how.append("near " + ", ".join(w for words in f.weak_labels.values() for w in words)
                           + " with a valid checksum")
            if f.bare is not None or f.entities:
                how.append("also unlabelled, when its shape and checksum prove it")
            if f.validator is not None:
                how.append(f"checked with {f.validator.__name__}")
            if f.alongside is not False:
                how.append("only beside another value of this rule")
            if f.person_subject:
                how.append("only when a person is its subject")
            lines.append(f"- {f.name}: " + "; ".join(how))
        return lines

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.fields: tuple[_Field, ...] = self.opts["compiled"]
        self._labels: _Labels | None = None
        self.public = public_digits(company)
        own = self.opts["own_severity"]
        self.own_severity = None if own is None else min(Severity(own), rule.severity, key=lambda v: v.rank)

    @property
    def needs(self) -> Needs:
        ner = {"ner"} if any(f.person_subject for f in self.fields) else set()
        return Needs(frozenset({"sents", "lemma", *ner}), frozenset(e for f in self.fields for e in f.entities))

    def deferred_spans(self, document: Document, capability: str) -> list[tuple[int, int]] | None:
        # Names tell whether "born" has a person for subject: NER runs on those sentences only.
        if capability != "ner":
            return None
        doc, spans = document.doc, []
        for start, end, index, _ in self._found_labels(document):
            span = doc.char_span(start, end, alignment_mode="expand") if self.fields[index].person_subject else None
            if span is not None:
                spans.append((span.sent.start, span.sent.end))
        return spans

    def prepare(self, nlp: Language) -> None:
        self._labels = _Labels(self.fields, nlp)

    def _found_labels(self, document: Document) -> list[tuple[int, int, int, bool]]:
        if self._labels is None:
            raise RuntimeError(f"rule {self.rule.code} was not prepared for a pipeline")
        return self._labels.find(document.doc)

    def run(self, document: Document) -> Iterator[Hit]:
        try:
            yield from self._run(document)
        except TimeoutError:
            document.warn(f"rule {self.rule.code} gave up after {self.opts['timeout']}s on this text; "
                          "other rules still ran")

    def _run(self, document: Document) -> Iterator[Hit]:
        text = document.text
        g = document.language
        sentences = _Sentences(document)
        found: list[_Found] = []
        weak: list[tuple[int, int, int]] = []
        for start, end, index, is_weak in self._found_labels(document):
            if is_weak:
                weak.append((start, end, index))
                continue
            field = self.fields[index]
            if _names_another_thing(document, start, end, field):
                continue
            limit = sentences.end(start)
            value = self._value_after(text, end, limit, field, g)
            if value is not None:
                found.append(_Found(field, *value, label=text[start:end], label_start=start, strong=True))
                for value in self._more_values(text, value[1], limit, field, g):  # "are 01/02/1980 and 03/04/1985"
                    found.append(_Found(field, *value, label=text[start:end], label_start=start, strong=True))
            elif field.checksum:
                weak.append((start, end, index))  # a strong label is a weak one too, for a valid value nearby
        found += self._unlabelled(document, weak)
        kept: list[_Found] = []
        for item in found:
            if self._counts(item, document, sentences, g) and not any(
                    k.start < item.end and item.start < k.end for k in kept):
                kept.append(item)
        kept = sorted((k for k in kept if self._companions_ok(k, kept, text, sentences)), key=lambda k: k.start)
        for i, item in enumerate(kept):
            if item.owner is None:  # "my card 4111 ..., CVV 123": the CVV is mine too
                s_start = sentences.start(item.start)
                item.owner = next((k.owner for k in reversed(kept[:i])
                                   if k.owner is not None and k.start >= s_start), None)
            hit = self._hit(item, document)
            if hit is not None:
                yield hit

    def _value_after(self, text: str, pos: int, limit: int, field: _Field, g: LanguageUnit) -> tuple[int, int] | None:
        """The value of `field` that follows a label ending at `pos`, through linking words only.

        Between them may stand linking words ("is", ":", "number"), and once a short qualifier
        ("for locker 12", "de Lucía") that a copula must then close: "the PIN for locker 12 is 7403".
        """
        assert field.value is not None
        qualified = qualifier_words = 0
        numbered = False  # a number in the qualifier ("on November 7"): only a copula may close it
        linked = not field.linked  # a field that must be linked waits for a copula or separator
        for _ in range(self.opts["window"] + 7):
            while pos < limit and text[pos] in " \t":
                pos += 1
            token = _GAP_TOKEN.match(text, pos, limit)
            word = token.group().strip().lower() if token else ""
            punctuation_link = word in g.value_links and not word[:1].isalnum()
            if qualified != 1 and not punctuation_link:
                m = field.value.match(text, pos, limit, timeout=self.opts["timeout"])
                spelled = None
                if linked and pos + 1 < limit and text[pos + 1] == " " and not text[pos].isspace():
                    spelled = self._spelled_value(text, pos, limit, field)  # "is 0 7 8 -0 5 -1 1 2 0"
                if m is not None and m.end(field.group) > m.start(field.group) and (
                        linked or _MIXED.search(m.group(field.group))):
                    if spelled is not None and spelled[1] > m.end(field.group):
                        return spelled  # "$ 8 5 , 0 0 0" is more than "$ 8"
                    return m.span(field.group)
                if spelled is not None:
                    return spelled
            if token is None:
                return None
            pos = token.end()
            if qualified == 1:  # inside "for locker 12": words until a copula, or a comma after two
                if word in g.value_copulas or (word == "," and qualifier_words >= 2 and not numbered):
                    qualified, linked = 2, True
                elif word[:1].isalnum() and qualifier_words < 6:
                    qualifier_words += 1
                    numbered = numbered or any(ch.isdigit() for ch in word)
                else:
                    return None
            elif (word in g.value_links or word in field.link) and not (
                    word in g.qualifiers and not qualified and not self._value_next(text, pos, limit, field)):
                linked = linked or word in g.value_copulas or word in field.link
                continue  # a link, unless it opens a qualifier: "el sueldo *de Dana* es de 42.000 €"
            elif word == "," and (following := _GAP_TOKEN.match(text, pos, limit)) is not None \
                    and following.group().strip().lower() in g.id_words:
                continue  # "driver's licence, number K5512-..."
            elif word in g.qualifiers and not qualified:
                qualified = 1
            else:
                return None
        return None

    def _spelled_value(self, text: str, pos: int, limit: int, field: _Field) -> tuple[int, int] | None:
        """A value spelled out with blanks between its characters, where the value at `pos` starts."""
        assert field.value is not None
        joined, offsets = _spelled(text, pos, min(limit, pos + _SPELLED_REACH))
        m = field.value.match(joined, 0, timeout=self.opts["timeout"])
        if m is None or m.end(field.group) <= m.start(field.group):
            return None
        start, end = offsets[m.start(field.group)], offsets[m.end(field.group) - 1] + 1
        if end - start == m.end(field.group) - m.start(field.group):
            return None  # nothing was spelled out: the plain match already said no
        return start, end

    def _value_next(self, text: str, pos: int, limit: int, field: _Field) -> bool:
        """A value of `field` starts at `pos`, after blanks."""
        assert field.value is not None
        while pos < limit and text[pos] in " \t":
            pos += 1
        return field.value.match(text, pos, limit, timeout=self.opts["timeout"]) is not None

    def _more_values(self, text: str, pos: int, limit: int, field: _Field,
                     g: LanguageUnit) -> Iterator[tuple[int, int]]:
        """The values listed after the first one: "X, Y and Z" (at most four more)."""
        assert field.value is not None
        for _ in range(4):
            sep = _list_separator(g).match(text, pos, limit)
            m = field.value.match(text, sep.end(), limit, timeout=self.opts["timeout"]) if sep else None
            if m is None or m.end(field.group) <= m.start(field.group):
                return
            yield m.span(field.group)
            pos = m.end(field.group)

    def _unlabelled(self, document: Document, weak: list[tuple[int, int, int]]) -> list[_Found]:
        """Values found by shape and checksum alone, or by Presidio, or near a weak label."""
        text = document.text
        found: list[_Found] = []
        for field in self.fields:
            if field.bare is not None:
                for m in field.bare.finditer(text, timeout=self.opts["timeout"]):
                    if not field.validator or field.validator(m.group()):
                        found.append(_Found(field, m.start(), m.end(), label_start=m.start()))
            if field.entities:
                for r in document.pii:
                    if r.entity_type in field.entities and r.score >= self.opts["min_score"]:
                        value = text[r.start:r.end]
                        if not field.validator or field.validator(value):
                            found.append(_Found(field, r.start, r.end, label_start=r.start))
        before, after = self.opts["context_before"], self.opts["context_after"]
        for start, end, index in weak:
            field = self.fields[index]
            assert field.validator is not None
            # a checksum is strong evidence: the cue may stand in the sentence before ("What's your
            # credit card? 4111 ..."), never in another paragraph
            paragraph_start = text.rfind("\n\n", 0, start) + 1
            paragraph_end = text.find("\n\n", end)
            lo = max(paragraph_start, start - after - 64)
            hi = min(paragraph_end if paragraph_end >= 0 else len(text), end + before + 64)
            for m in field.search.finditer(text, lo, hi, timeout=self.opts["timeout"]):
                v_start, v_end = m.span(field.group)
                near = (start >= v_end and start - v_end <= after) or (v_start >= end and v_start - end <= before)
                if near and field.validator(text[v_start:v_end]):
                    found.append(_Found(field, v_start, v_end, label=text[start:end], label_start=v_start))
        return found

    def _counts(self, item: _Found, document: Document, sentences: _Sentences, g: LanguageUnit) -> bool:
        """Is this a real value, stated as one? Sets whether it is verified and the author's own."""
        text, lang = document.text, document.lang
        field, value = item.field, text[item.start:item.end]
        if value.lower() in field.allow or is_placeholder(value, g):
            return False
        if ev.public_identifier(value):
            item.reasons.append(ev.IDENTIFIER)
        elif ev.runs_into_a_template(document, item.end):
            item.reasons.append(ev.TEMPLATE)
        if is_public_number(value, self.public):
            return False
        s_start, s_end = sentences.start(item.start), sentences.end(item.start)
        label_at = item.label_start
        if _dummy_context(text, label_at, label_at + len(item.label), item.start, item.end, s_start, s_end, g):
            return False
        if _quoted_example(text, label_at, s_start, g):
            return False
        after = _NEXT_WORD.match(text, item.end, s_end)
        if after is not None and after.group(1).lower() in g.format_units:
            return False
        cues = field.cues("unless"), field.cues("unless", lang)
        if any(c is not None and c.around(text, s_start, s_end, 0, 0) for c in cues):
            return False
        if field.validator is not None:
            item.verified = field.validator(value)
        if _range(g).match(text, item.end, s_end):
            return False  # "$120,000–$150,000", "from 4 to 6": a range, not anyone's value
        if field.person_subject:
            owner = _person_subject(text, label_at, s_start, item.label, g, _named(document, s_start, label_at))
        else:
            owner = _owner(text, label_at, s_start, g)
            if owner is None and item.label:
                owner = _owner_after(text, label_at + len(item.label), s_end, g)
        if owner is False and ev.in_code(document, label_at, label_at + 1) and is_quoted(text, label_at, s_start):
            owner = None  # quotes in code delimit strings (`"nationality": "American"`), not someone's words
        if owner is None and (field.person_subject or field.needs_owner):
            return False
        item.owner = owner
        return True

    def _companions_ok(self, item: _Found, kept: list[_Found], text: str, sentences: _Sentences) -> bool:
        """A field that is sensitive only beside another (an expiry date, a routing number) has one."""
        if item.field.alongside is False:
            return True
        s_start, s_end = sentences.start(item.start), sentences.end(item.start)
        companions = [k for k in kept if k is not item and k.field.alongside is False and s_start <= k.start < s_end]
        phrases = item.field.cues("alongside")
        if phrases is not None:
            return bool(companions) or phrases.around(text, s_start, s_end, 0, 0) is not None
        return bool(companions)

    def _hit(self, item: _Found, document: Document) -> Hit | None:
        values = {"field": item.field.name, "a_field": item.field.a_name, "label": item.label}
        local = item.field.names.get(self.rule.lang or "")
        if local:  # "una fecha de caducidad": the name with its article, and without it
            values.update(field=local.split(" ", 1)[-1], a_field=local)
        reasons = self._evidence(item, document)
        ceiling = min(item.field.severity or self.rule.severity, self.rule.severity, key=lambda v: v.rank)
        severity = ev.decide(ceiling, reasons)
        if severity is None:
            return None
        evidence = ev.worded(reasons, document.language)
        o = self.opts
        if item.owner and (self.own_severity is not None or o["own_message"]):
            if self.own_severity is not None:
                severity = min(self.own_severity, severity, key=lambda v: v.rank)
            return Hit(item.start, item.end, values, severity=severity,
                       template="own_message" if o["own_message"] else None, evidence=evidence)
        template = "unverified_message" if not item.verified and o["unverified_message"] else None
        return Hit(item.start, item.end, values, severity=severity, template=template, evidence=evidence)

    def _evidence(self, item: _Found, document: Document) -> list[str]:
        """The reasons for and against one value (`_evidence.py`)."""
        field = item.field
        reasons = [ev.LABEL] if item.strong else [ev.CUE] if item.label else []
        if field.validator is not None and item.verified:
            reasons.append(ev.CHECKSUM if field.checksum else ev.SHAPE)
        elif not item.label:
            reasons.append(ev.SHAPE)  # found by its shape alone (`bare`, Presidio's recognizer)
        personal = self.rule.category == Category.PII  # a person's data, not a secret that works for anyone
        if item.owner is False:
            reasons.append(ev.OWNER)
        elif item.owner and personal:
            reasons.append(ev.OWN)
        if personal and ev.in_code(document, item.start, item.end):
            reasons.append(ev.CODE)
        return reasons + item.reasons

_SENTENCES_KEY = "postlint.labelled.sentence_starts"


class _Sentences:
    """Sentence bounds of the parse, by character offset. A line break also ends one; a boundary the
    parser put where no sentence ended ("card 4526 0181 | 5908 3012") is ignored."""

    def __init__(self, document: Document) -> None:
        doc = document.doc
        self.text = document.text
        cached = doc.user_data.get(_SENTENCES_KEY)  # the same for every labelled rule: made once per parse
        if cached is None:
            cached = [0]
            if doc.has_annotation("SENT_START"):
                for sent in doc.sents:
                    before = self.text[max(0, sent.start_char - 8):sent.start_char].rstrip(" \t\"'”’)]»")
                    if sent.start_char and (not before or before[-1] in ".!?…\n"):
                        cached.append(sent.start_char)
            doc.user_data[_SENTENCES_KEY] = cached
        self.starts = cached

    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        start = self.starts[i] if i >= 0 else 0
        newline = self.text.rfind("\n", start, pos)
        return newline + 1 if newline >= 0 else start

    def end(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        newline = self.text.find("\n", pos, end)
        return newline if newline >= 0 else end


_NO_LETTERS = regex.compile(r"\\p\{\w+\}|\\.|\(\?P?<\w+>|\(\?[:=!<]+")


def _compile(pattern: str | None, flags: int, mark: Mark, problems: list[Problem], suffix: str = "") -> Any:
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


def _words_before(text: str, pos: int, start: int, count: int, g: LanguageUnit) -> list[str]:
    return [w.lower() for w in _WORD.findall(clause_before(text[start:pos], pos - start, g))][-count:]


def _dummy_context(text: str, label_at: int, label_end: int, value_start: int, value_end: int, s_start: int,
                   s_end: int, g: LanguageUnit) -> bool:
    """"the test card ...", "... 0000 for demo", "la tarjeta de prueba ...": not a real value."""
    # a dummy word right before the label ("the test card"), or before an unlabelled value's noun
    if any(w in g.dummy_words for w in _words_before(text, label_at, s_start, 1 if label_at < value_start else 2, g)):
        return True
    gap = [w.lower() for w in _WORD.findall(text[label_end:value_start])] if label_end <= value_start else []
    if gap and (gap[-1] in g.dummy_words or (len(gap) >= 2 and gap[0] in g.dummy_preps and gap[1] in g.dummy_words)):
        return True  # "la tarjeta de prueba 4242 ...", "card number (test) 4242 ..."
    after = [w.lower() for w in _WORD.findall(text[value_end:s_end])][:4]
    for i, word in enumerate(after):
        if word in g.dummy_words and any(p in g.dummy_preps for p in after[max(0, i - 2):i]):
            return True
    return False


def _quoted_example(text: str, pos: int, s_start: int, g: LanguageUnit) -> bool:
    """Words quoted in a paragraph that opens as an example ("Examples: “I have an allergy to ...”"):
    a sample of what someone might write, not anyone's data."""
    if not is_quoted(text, pos, s_start):
        return False
    paragraph_start = text.rfind("\n\n", 0, pos) + 1
    return any(w.lower() in g.dummy_words for w in _WORD.findall(text, paragraph_start, pos)[:2])


def _quoted_or_reported(text: str, pos: int, s_start: int, g: LanguageUnit) -> bool:
    """The words at `pos` are someone else's: inside quotes, after "the customer wrote", or in a
    transcript line such as "Customer: my card is ..."."""
    if is_quoted(text, pos, s_start):
        return True
    words = [w.lower() for w in _WORD.findall(text[s_start:pos])]
    for i, word in enumerate(words):
        if word in g.reported_speech and not (i and words[i - 1] in g.first_person):
            return True
    line_start = text.rfind("\n", 0, pos) + 1
    speaker = _SPEAKER.match(text, line_start, pos)
    if speaker is None:
        return False
    name = speaker.group(1).split()
    return name[-1].lower() in g.person_nouns or (len(name) >= 2 and all(w[:1].isupper() for w in name))


def _owner(text: str, label_at: int, s_start: int, g: LanguageUnit) -> bool | None:
    """Whose the labelled value is: True for the author's own (the nearest possessive before the
    label is "my" or "our"), False for someone else's ("his", "Tom's", "your", or words quoted or
    reported from someone else), None when the post does not say."""
    if _quoted_or_reported(text, label_at, s_start, g):
        return False
    for word in reversed(_words_before(text, label_at, s_start, 4, g)):
        if word in g.own_possessives:
            return True
        if word in g.other_possessives or word.endswith(("'s", "’s", "s'")):
            return False
    return None


@functools.cache
def _possessor_after(g: LanguageUnit) -> regex.Pattern[str]:
    """"of the customer", "de Lucía", "de mi hija": a possessor right after a label, in `g`'s words."""
    dets = alternatives(g.articles | g.own_possessives | g.other_possessives)
    return regex.compile(rf"\s+(?:{alternatives(g.of_words)})\s+(?:(?P<det>{dets})\s+)?(?P<who>[\p{{L}}'’\-]+)",
                         regex.IGNORECASE)


def _owner_after(text: str, label_end: int, s_end: int, g: LanguageUnit) -> bool | None:
    """Whose the value is, said after the label: "la nacionalidad de Oksana", "the PIN of my
    locker"; None when nothing like that follows."""
    m = _possessor_after(g).match(text, label_end, s_end)
    if m is None:
        return None
    det, who = (m.group("det") or "").lower(), m.group("who")
    if det in g.own_possessives:
        return True
    if det in g.other_possessives or who[:1].isupper() or who.lower() in g.person_nouns:
        return False
    return None


@functools.cache
def _name_subject(g: LanguageUnit) -> regex.Pattern[str]:
    """A capitalised name right before one of `g`'s copulas, at the end: "Priya was ", "Ana fue "."""
    verbs = alternatives(w for w in g.value_copulas if w.isalpha())
    return regex.compile(rf"(\p{{Lu}}[\p{{Ll}}'’\-]+(?:\s+\p{{Lu}}[\p{{Ll}}'’\-]+)*)\s+(?:{verbs})\s+$")


def _named(document: Document, start: int, end: int) -> bool:
    """A person's name stands between `start` and `end`: a PERSON entity, or a capitalised name right
    before "was"/"is" that the entity recogniser did not call anything else ("Priya was born")."""
    ents = list(document.doc.ents)
    person = document.language.entity_labels.get("PERSON", ("PERSON",))
    if any(e.label_ in person and start <= e.start_char and e.end_char <= end for e in ents):
        return True
    m = _name_subject(document.language).search(document.text, start, end)
    return m is not None and not any(e.start_char < m.end(1) and m.start(1) < e.end_char for e in ents)


def _person_subject(text: str, label_at: int, s_start: int, label: str, g: LanguageUnit, named: bool) -> bool | None:
    """For what only a person has ("born", "birthday"): True when it is the author's ("I was born",
    "my birthday"), False for someone else ("my daughter was born", "Margaret Ellis, born", "his
    birthday"; `named`: a person's name stands before it), None when no person is ("the company was
    born on ...", "Rust's first birthday")."""
    if label.lower() in g.first_person:
        return not _quoted_or_reported(text, label_at, s_start, g)
    for word in reversed(_words_before(text, label_at, s_start, 6, g)):  # the nearest says whose
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if base in g.person_nouns or word in g.other_possessives:
            return False
        if word in g.first_person or word in g.own_possessives:
            return not _quoted_or_reported(text, label_at, s_start, g)
    if named or regex.search(r"\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+)*\s*,\s*$", text[s_start:label_at]):
        return False  # "our oldest customer, Margaret Ellis, born ..."
    return None
