"""The labels of a `labelled` rule, found in a post: what the post calls a value ("SSN", "fecha de nacimiento").

A rule's labels of every field are matched on the parse's tokens at once (spaCy's PhraseMatcher),
in any letter case, in the plural, by lemma where the pipeline has one, and typed in a hurry
(vowels dropped: "psswrd"; letters spelled out: "S SN"). A label word that names something else
where it stands ("Master-Key:", "palabra clave") is told apart here too. What follows a label is
read in `values.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import regex

from ...languages import declare
from ...vocab import dictionary
from .._context import MODIFIERS_FOLLOW
from .._phrase_cache import lemma_docs
from .fields import ALL, LabelledField

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ...document import Document

VOWELS = declare(
    "vowels",
    'The vowels, lower case: a label typed without them ("psswrd") is still the label, and a '
    'label ending in one takes only -s in the plural.',
    "aeiou")


class Labels:
    """Every label of a rule in one language, matched on the parse's tokens (spaCy's PhraseMatcher:
    one hash lookup per token, whatever the number of labels), in any case, in singular or plural,
    and, where the pipeline has lemmas, in any form of a label written in its base form ("dates of
    birth", "contraseñas").

    A word inside a link target is part of one URL token, so `?cid=1399` holds no label.
    """

    def __init__(self, fields: Sequence[LabelledField], nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        from ... import languages

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
                labels = [*per_lang.get(ALL, ()), *per_lang.get(nlp.lang, ())]
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


def names_another_thing(document: Document, start: int, end: int, field: LabelledField) -> bool:
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
    if not MODIFIERS_FOLLOW.of(document.language):
        return False
    span = document.doc.char_span(start - len(before.group(0)), start - 1, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ == "NOUN"
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
