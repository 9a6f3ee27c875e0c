"""One sentence as the hostility readers see it: its tokens with the word sets each belongs to.

Here are found the targets a statement may be aimed at (a protected group, people named by a role,
a person, the reader), the words in disguise (spaced-out letters, a word glued to its copula, one
edit away), and the context that changes what a sentence says: negation, reported or quoted words,
a first person, a duty or an intent. A pronoun ("they", "los") points back, through `pronoun_aim`,
to a group or people named in this sentence or the two before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._context import CLAUSE_WORDS, MODIFIERS_FOLLOW, NEGATING_SUFFIX, NEGATORS
from .lexicon import FUZZY_SETS, HOSTILE, LEET, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_QUOTES = "\"“”«»'‘’"
CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
FIRST_PERSON = frozenset({"i", "we", "yo", "nosotros", "nosotras", "me", "us", "i'm", "we're", "i'll", "we'll"})
_GLUE = ("are", "is", "were", "was", "son", "es", "eran", "sois", "somos", "soy", "eres")


@dataclass
class Tok:
    i: int  # index in the document
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    morph: str
    keys: set[str]
    names: set[str]
    ends: int  # the token after the last one this word covers (spaced-out letters)


class Sentence:
    """A sentence's tokens with the sets each belongs to, and its targets."""

    def __init__(self, sent: Span, lex: Lexicon) -> None:
        self.sent = sent
        self.lex = lex
        unit = lex.unit
        self.toks: list[Tok] = []
        for t in sent:
            keys = lex.forms(t.text) | ({t.lemma_.lower()} if t.lemma_ else set())
            self.toks.append(Tok(t.i, t.text, t.lower_, t.lemma_.lower(), t.pos_, t.tag_, str(t.morph), keys,
                                  lex.names(keys), t.i + 1))
        self._multi()
        self.negators = NEGATORS.of(unit)
        self.suffix = NEGATING_SUFFIX.of(unit)
        self.clause_words = frozenset(w for w in CLAUSE_WORDS.of(unit) if " " not in w)

    def _multi(self) -> None:
        for n, tok in enumerate(self.toks):
            for key in tok.keys:
                for words, name in self.lex.multi.get(key, ()):
                    if n + len(words) <= len(self.toks) and all(
                            w in self.toks[n + k].keys for k, w in enumerate(words)):
                        tok.names.add(name)
                        tok.ends = max(tok.ends, self.toks[n + len(words) - 1].i + 1)

    def repair(self) -> None:
        """Find words in disguise: spaced-out letters, a word glued to a copula, one edit away."""
        hostile = set(FUZZY_SETS)
        toks = self.toks
        for n, tok in enumerate(toks):
            if tok.names & hostile:
                if tok.lower != tok.lower.translate(LEET):
                    tok.names.add("disguised")  # "d1sgusting": the tagger cannot read it
                continue
            for size in range(2, 9):  # "de spise", "s c u m"
                piece = toks[n:n + size]
                texts = [p.lower.translate(LEET) for p in piece]
                if texts and len(texts[-1]) == 2 and texts[-1].endswith("."):  # "s c u m." ends on "m."
                    texts[-1] = texts[-1][0]
                if len(piece) < size or not all(t.isalpha() for t in texts) or \
                        (size > 2 and any(len(t) > 1 for t in texts)) or \
                        any(p.names & {"groups", "people_nouns"} for p in piece):
                    break
                joined = self.lex.names(self.lex.forms("".join(texts))) & hostile
                if joined:
                    tok.names |= joined | {"disguised"}
                    tok.ends = piece[-1].i + 1
                    break
            text = tok.lower.translate(LEET)
            if tok.names & hostile or not text.isalpha():
                continue
            for glue in _GLUE:  # "arevermin", "sonalimañas"
                rest = text[len(glue):]
                if text.startswith(glue) and len(rest) >= 4:
                    found = self.lex.names(self.lex.forms(rest)) & hostile
                    if found:
                        tok.names |= found | {"copula", "disguised"}
                        break
            if not tok.names & (hostile | {"groups", "people_nouns"}):
                found = self.lex.disguised(self.lex.forms(text)) & hostile
                tok.names |= found | ({"disguised"} if found else set())

    # --- targets -------------------------------------------------------------------------------

    def target_at(self, n: int) -> tuple[str, int, int] | None:
        """(aim, first, last+1) of a target starting at position n of the sentence, or None."""
        tok = self.toks[n]
        names = tok.names
        last = n + 1
        if "groups" in names and tok.pos == "ADJ" and not (
                n + 1 < len(self.toks) and "people_nouns" in self.toks[n + 1].names) and not (
                n > 0 and self.toks[n - 1].lower in ("the", "los", "las") and (
                    n + 1 == len(self.toks) or self.toks[n + 1].pos not in ("NOUN", "PROPN"))):
            return None  # "disabled if any", "black box": an adjective of a thing
        if "groups" in names or ("people_nouns" in names and n + 1 < len(self.toks)
                                 and "groups" in self.toks[n + 1].names):
            while last < len(self.toks) and (self.toks[last].names & {"groups", "people_nouns"}):
                last += 1
            return "group", n, last
        if "people_nouns" in names and tok.pos in ("NOUN", "PROPN", "PRON", "ADJ", "DET") and not (
                n + 1 < len(self.toks) and self.toks[n + 1].pos in ("NOUN", "PROPN")
                and self.toks[n + 1].tag.startswith("NN")):
            # "worker thread", "child process": a person noun that modifies another noun names no one
            if MODIFIERS_FOLLOW.of(self.lex.unit) and n > 0 and self.toks[n - 1].pos == "NOUN" and tok.pos == "NOUN":
                return None  # "proceso hijo"
            plural = "Number=Plur" in tok.morph or tok.tag in ("NNS", "NNPS")
            return ("people" if plural else "person"), n, last
        if ("addressee_pronouns" in names or "person_pronouns" in names) and (tok.pos == "PRON" or tok.lower == "you"):
            return "person", n, last
        return None

    def has_target(self) -> bool:
        wanted = {"groups", "people_nouns", "addressee_pronouns", "person_pronouns", "group_pronouns"}
        return any(t.names & wanted for t in self.toks) or any(
            "Person=2" in t.morph or ("Person=3" in t.morph and "Number=Plur" in t.morph) for t in self.toks)

    def has_hostile_word(self) -> bool:
        return any(t.names & HOSTILE for t in self.toks)

    # --- context -------------------------------------------------------------------------------

    def negated(self, n: int, parsed: Doc | None) -> bool:
        """A negation on the word at n: in the parse (a `neg` child, or a negating adverb, of it or
        of its head), or among the three words before it in its clause ("no better than" is no denial,
        nor is the opening of a question that asserts: "aren't X just vermin?")."""
        if self.toks and self.toks[-1].text == "?" and any(
                t.lower in ("acaso", "aren't", "isn't", "are", "is", "¿no", "no") for t in self.toks[:3]) and n > 2:
            return False
        for k in range(n - 1, max(-1, n - 4), -1):
            tok = self.toks[k]
            if tok.text in CLAUSE_BREAKS or tok.text == "," or tok.lower in self.clause_words:
                break
            word = tok.lower.replace("\u2019", "'")
            if word in self.negators or (self.suffix and word.endswith(self.suffix)):
                after = self.toks[k + 1].names if k + 1 < len(self.toks) else set()
                if k + 2 < len(self.toks) and self.toks[k + 1].lower in ("better", "mejor", "mejores") \
                        and "pejoratives" not in after:
                    continue
                return True
        if parsed is not None:
            tok = parsed[self.toks[n].i - self.sent.start]
            for t in (tok, tok.head):
                if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in self.negators) for c in t.children):
                    return True
        return False

    def reported(self, first: int) -> bool:
        """Whether the words before position `first` make the statement someone else's: a verb of
        saying ("saying X are animals"), or another's opinion ("my uncle thinks X are vermin")."""
        for k in range(first):
            tok = self.toks[k]
            if "speech_words" in tok.names:
                return True
            if "opinion_verbs" in tok.names and not self.first_person(k):
                return True
        return False

    def first_person(self, n: int) -> bool:
        tok = self.toks[n]
        if "Person=1" in tok.morph:
            return True
        return any(self.toks[k].lower in FIRST_PERSON for k in range(max(0, n - 3), n))

    def quoted(self, first: int, last: int) -> bool:
        """Whether the span sits inside quotation marks with words of the sentence outside them."""
        before = [t for t in self.toks[:first] if t.text in _QUOTES]
        after = [t for t in self.toks[last:] if t.text in _QUOTES]
        if not before or not after:
            return False
        outside = sum(1 for t in self.toks[:self.toks.index(before[-1])] + self.toks[self.toks.index(after[0]) + 1:]
                      if t.text.isalpha())
        return outside >= 2

    def duty(self, n: int) -> bool:
        """Whether a duty or a wish stands among the four words before n ("X should be shot")."""
        return any("duty_words" in t.names for t in self.toks[max(0, n - 4):n])

    def intent(self, n: int, orders: bool = True) -> bool:
        """Whether a threat at n is meant: a will, a duty or a wish among the four words before it, a
        first-person subject there, a future or first-person verb, or (with `orders`) an order: the
        sentence opens with the verb ("kick them out"). "I think he is hurt" means no harm."""
        tok = self.toks[n]
        if "Tense=Fut" in tok.morph or "Person=1" in tok.morph or (orders and "Mood=Imp" in tok.morph):
            return True
        if orders and (n == 0 or (n == 1 and self.toks[0].pos in ("ADV", "INTJ", "PART"))):
            return tok.tag in ("VB", "") or tok.pos == "VERB"
        for k in range(n - 1, max(-1, n - 5), -1):
            if self.toks[k].text in CLAUSE_BREAKS or self.toks[k].lower in self.clause_words:
                break
            if "intent_words" in self.toks[k].names or self.toks[k].lower in FIRST_PERSON:
                return True
        return False


def pronoun_aim(doc: Doc, sentences: list[Span], index: int, lex: Lexicon, upto: int | None = None) -> str | None:
    """What a pronoun ("they", "them", "los") or an unnamed subject at sentence `index` points back
    to: a group or people named earlier in this sentence or the two before (None: nothing)."""
    for back in range(index, max(-1, index - 3), -1):
        sent = sentences[back]
        end = upto if back == index and upto is not None else sent.end
        best = None
        for t in doc[sent.start:end]:
            names = lex.names(lex.forms(t.text) | {t.lemma_.lower()})
            if "groups" in names:
                return "group"
            if "people_nouns" in names and ("Number=Plur" in str(t.morph) or t.tag_ in ("NNS", "NNPS")):
                best = best or "people"
        if best:
            return best
    return None
