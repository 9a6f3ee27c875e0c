"""`hostility`: hostile statements about people, read from lemmas and the parse, not from word forms.

A word list finds "I hate Jews" and misses "I despise Jews", "I can't stand them", "Jews are
vermin", "Jews are never any good". This kind reads a sentence as a statement: a hostile predicate
(a verb of hatred, a pejorative said of someone, a threat, a call to throw people out, a negated
word of esteem) tied to a target (a protected group, people named by a role, a person, a pronoun
that points back at one of them). Every word comes from the language's `hostility` word sets
(`linter/languages/words/<lang>/hostility.yaml`), matched by lemma, so one list serves every
rule and every inflection.

What it reads, and the near misses it leaves alone:
- negation from the parse and the clause: "I don't hate X" is not hostile, "I can't stand X" is
  (a tolerance verb negated), "X are not human" is (a word of esteem negated);
- the target's role: "X are tired of racism" (X feels) is not "I'm tired of X" (X is the object);
- reported and quoted hostility ("saying X are animals is wrong", '"X are parasites" is a lie') is
  someone else's; a first person's opinion ("I think X are scum") is the speaker's own;
- disguised spelling: letters swapped or dropped (one edit, words of five letters or more that
  are no word of the language), digits for letters, letters spaced out or glued to the verb.

A sentence is parsed (on demand) only when it holds both a target and a hostile word, so prose
without either costs a few set look-ups per token. Rules choose what they report: `aims` (group,
people, person) and `readings` (derogation, exclusion, threat).
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import schema as s
from ..languages import declare
from ..nlp import Needs, parse_on_demand
from ..vocab import dictionary
from . import Check, Hit, register

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..document import Document
    from ..languages import Language as Unit

HOSTILITY = declare(
    "hostility",
    "Lemma sets of hostility (verbs, pejoratives, threats, negated esteem, curses), of reported "
    "speech and of the people a remark may target, by name: one set serves every derogatory rule.",
    {}, source="sets")

AIMS = ("group", "people", "person")
READINGS = ("derogation", "exclusion", "threat")
_LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"})
_QUOTES = "\"“”«»'‘’"
_CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
_FIRST_PERSON = frozenset({"i", "we", "yo", "nosotros", "nosotras", "me", "us", "i'm", "we're", "i'll", "we'll"})
_GLUE = ("are", "is", "were", "was", "son", "es", "eran", "sois", "somos", "soy", "eres")
_WINDOW = 8  # tokens between a predicate and its target
_AIM_RANK = {"group": 3, "people": 2, "person": 1}
_CLITICS = frozenset({"los", "las", "les", "te", "os", "lo", "la", "le"})
# how a predicate hangs off its copula: "X are scum", "X are like rats", "X are nothing but garbage"
_PREDICATE_LINKS = frozenset({"attr", "acomp", "prep", "pobj", "conj", "appos", "advmod", "neg", "ROOT", "cop",
                              "xcomp", "nmod", "obl", "amod"})
FUZZY_SETS = ("pejoratives", "hostile_verbs", "threat_verbs")
_HOSTILE = frozenset({"hostile_verbs", "tolerance_verbs", "aversion_words", "disgust_verbs", "pejoratives",
                      "esteem_words", "threat_verbs", "exclusion_verbs", "curse_words", "harm_verbs", "know_words"})
FUZZY_MIN = 5  # a disguised word needs this many letters: shorter ones have too many neighbours


@dataclass(frozen=True, slots=True)
class Reading:
    """One hostile statement: the token span it covers, who it is aimed at, and what it says."""

    start: int  # token offsets in the document
    end: int
    aim: str  # one of AIMS
    reading: str  # one of READINGS
    target: str  # the target's words, for the message


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one edit: a letter swapped with the next, dropped, added or replaced."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class Lexicon:
    """A language's hostility sets, ready for look-ups by any form of a word."""

    def __init__(self, unit: Unit, nlp: Language) -> None:
        self.unit = unit
        self.sets = dict(unit.word_sets("hostility"))
        self.sets["groups"] = unit.words("groups")
        self.single: dict[str, set[str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, entries in self.sets.items():
            for entry in entries:
                words = tuple(entry.split())
                if len(words) == 1:
                    self.single.setdefault(entry, set()).add(name)
                    if len(entry) >= 4:  # tweets drop accents; short words would collide ("sé", "se")
                        self.single.setdefault(_strip_accents(entry), set()).add(name)
                else:
                    self.multi.setdefault(words[0], []).append((words, name))
        self.fuzzy: dict[str, set[tuple[str, str]]] = {}
        for name in FUZZY_SETS:
            for entry in self.sets.get(name, ()):
                if " " not in entry and len(entry) >= FUZZY_MIN - 1:
                    for key in {entry} | _deletions(entry):
                        self.fuzzy.setdefault(key, set()).add((entry, name))
        self.endings = sorted(self.sets.get("verb_endings", ()), key=len, reverse=True)
        self.known = dictionary(nlp)

    def forms(self, word: str) -> set[str]:
        """The keys a written word may stand for: itself, unaccented, digits read as letters, and
        its singular and masculine (Spanish adjectives and nouns are listed in that form)."""
        word = word.lower().replace("\u2019", "'")
        found = {word, _strip_accents(word)} if len(word) >= 4 else {word}
        if any(c in word for c in "4@310$57!") and any(c.isalpha() for c in word):
            found.add(word.translate(_LEET))
        for w in list(found):
            if len(w) > 3 and w.endswith("ies"):
                found.add(w[:-3] + "y")
            if len(w) > 3 and w.endswith("es") and w[-3] in "sxzhlrndjy":  # "boxes", "animales"; not "rates"
                found.add(w[:-2])
            if len(w) > 2 and w.endswith("s"):
                found.add(w[:-1])
        for w in list(found):
            if len(w) > 2 and w.endswith("a"):
                found.add(w[:-1] + "o")
        for ending in self.endings:  # a regular verb's person and tense: "tolero", "echad" (tolerar, echar)
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                found.update(stem + infinitive for infinitive in ("ar", "er", "ir"))
        return found

    def names(self, keys: set[str]) -> set[str]:
        out: set[str] = set()
        for key in keys:
            out |= self.single.get(key, set())
        return out

    def disguised(self, keys: set[str]) -> set[str]:
        """Sets a word one edit away belongs to (swapped, dropped or added letter), if it is no word."""
        if keys & self.known:
            return set()
        out: set[str] = set()
        for key in keys:
            if len(key) >= FUZZY_MIN - 1 and key.isalpha():
                for variant in {key} | _deletions(key):
                    for entry, name in self.fuzzy.get(variant, ()):
                        # four letters: only two swapped ("scmu"); else any one edit ("disgustng")
                        if (len(key) >= FUZZY_MIN and len(entry) >= FUZZY_MIN and one_edit(key, entry)) or (
                                len(key) == len(entry) and sorted(key) == sorted(entry) and one_edit(key, entry)):
                            out.add(name)
        return out


@dataclass
class _Tok:
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


class _Sentence:
    """A sentence's tokens with the sets each belongs to, and its targets."""

    def __init__(self, sent: Span, lex: Lexicon) -> None:
        self.sent = sent
        self.lex = lex
        unit = lex.unit
        self.toks: list[_Tok] = []
        for t in sent:
            keys = lex.forms(t.text) | ({t.lemma_.lower()} if t.lemma_ else set())
            self.toks.append(_Tok(t.i, t.text, t.lower_, t.lemma_.lower(), t.pos_, t.tag_, str(t.morph), keys,
                                  lex.names(keys), t.i + 1))
        self._multi()
        self.negators = unit.negators
        self.suffix = unit.negating_suffix
        self.clause_words = frozenset(w for w in unit.clause_words if " " not in w)

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
                if tok.lower != tok.lower.translate(_LEET):
                    tok.names.add("disguised")  # "d1sgusting": the tagger cannot read it
                continue
            for size in range(2, 9):  # "de spise", "s c u m"
                piece = toks[n:n + size]
                texts = [p.lower.translate(_LEET) for p in piece]
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
            text = tok.lower.translate(_LEET)
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
            if self.lex.unit.modifiers_follow and n > 0 and self.toks[n - 1].pos == "NOUN" and tok.pos == "NOUN":
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
        return any(t.names & _HOSTILE for t in self.toks)

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
            if tok.text in _CLAUSE_BREAKS or tok.text == "," or tok.lower in self.clause_words:
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
        return any(self.toks[k].lower in _FIRST_PERSON for k in range(max(0, n - 3), n))

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
            if self.toks[k].text in _CLAUSE_BREAKS or self.toks[k].lower in self.clause_words:
                break
            if "intent_words" in self.toks[k].names or self.toks[k].lower in _FIRST_PERSON:
                return True
        return False


def _pronoun_aim(doc: Doc, sentences: list[Span], index: int, lex: Lexicon, upto: int | None = None) -> str | None:
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


_MEMO: weakref.WeakKeyDictionary[Any, list[Reading]] = weakref.WeakKeyDictionary()


def readings(document: Document, lex: Lexicon, nlp: Language | None) -> list[Reading]:
    """Every hostile statement in the document (memoised: several rules read the same analysis)."""
    found = _MEMO.get(document)
    if found is None:
        found = list(_analyse(document.doc, lex, nlp))
        _MEMO[document] = found
    return found


def _analyse(doc: Doc, lex: Lexicon, nlp: Language | None) -> Iterator[Reading]:
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        sentence = _Sentence(sent, lex)
        if not sentence.has_target():
            continue
        sentence.repair()
        if not sentence.has_hostile_word():
            continue
        parsed = parse_on_demand(nlp, sent) if nlp is not None and "deps_on_demand" in _capabilities(nlp) else None
        yield from _statements(sentence, parsed, doc, sentences, index, lex)


def _capabilities(nlp: Language) -> frozenset[str]:
    from ..nlp import provides

    return provides(nlp)


_OF_A_NOUN = ("nmod", "pobj", "poss", "compound", "nmod:poss")
_PEOPLE_SETS = frozenset({"groups", "people_nouns", "quantity_words"})


_BEING_NEAR = frozenset({"live", "be", "have", "work", "vivir", "estar", "tener", "trabajar"})
_NOUN_USES = frozenset({"xcomp", "dobj", "obj", "pobj", "compound", "amod"})


def _wanted_somewhere(following: list[_Tok]) -> bool:
    """"Nobody wants X here": a place follows, and no infinitive before it but one of living near
    ("who would want to live near X"): "don't want to encourage everybody to write code in this
    style" wants an action, not a person away."""
    for tok in following:
        if "VerbForm=Inf" in tok.morph and "live_words" not in tok.names and tok.lemma not in _BEING_NEAR:
            return False
        if "place_words" in tok.names:
            return True
    return False


def _of_a_thing(word, subject, by_index) -> bool:  # type: ignore[no-untyped-def]
    """Whether the target `word` only modifies a thing inside the `subject` phrase: "la interfaz de
    usuario era inútil" is said of the interface. A quantity ("muchos de los X", "the rest of X") or
    another person noun ("the parents of X") keeps it the target. The governor's own words decide,
    not its tag: the small Spanish model tags "interfaz" a verb."""
    while word.i != subject.i and word.head.i != word.i:
        head = word.head
        governor = head.head if head.dep_ == "prep" else head  # English hangs "of X" on a preposition
        if word.dep_ in _OF_A_NOUN or (word.dep_ == "pobj" and head.dep_ == "prep"):
            tok = by_index.get(governor.i)
            if governor.pos_ not in ("PRON", "NUM", "DET") and not (tok is not None and tok.names & _PEOPLE_SETS):
                return True
        word = governor if head.dep_ == "prep" else head
    return False


def _statements(sn: _Sentence, parsed: Doc | None, doc: Doc, sentences: list[Span], index: int,
                lex: Lexicon) -> Iterator[Reading]:
    toks = sn.toks
    targets = [(n, *hit) for n in range(len(toks)) if (hit := sn.target_at(n))]
    by_index = {t.i - sn.sent.start: t for t in toks}  # a parsed word's position -> its token's sets

    def aim_of(n: int) -> tuple[str, int, int] | None:
        """The target a pronoun or target word at n stands for."""
        tok = toks[n]
        if "group_pronouns" in tok.names and tok.pos == "PRON":
            aim = _pronoun_aim(doc, sentences, index, lex, upto=tok.i)
            return (aim, n, n + 1) if aim else None
        return next(((a, f, e) for m, a, f, e in targets if m == n), None)

    def after(n: int, span: int = _WINDOW) -> tuple[str, int, int] | None:
        """The first target among the words after n (within `span`, not across a clause break)."""
        best = None
        for k in range(n + 1, min(len(toks), n + 1 + span)):
            if toks[k].text in _CLAUSE_BREAKS or (toks[k].text == "," and k > n + 1) or toks[k].pos == "SCONJ":
                break  # "odian que los insulten": the object is a clause, not its pronoun
            hit = aim_of(k)
            if hit and (best is None or _AIM_RANK[hit[0]] > _AIM_RANK[best[0]]):
                best = hit
                if hit[0] == "group":
                    break
        return best

    def before(n: int, span: int = 12) -> tuple[str, int, int] | None:
        """The strongest target among the words before n in its clause."""
        best = None
        for k in range(n - 1, max(-1, n - 1 - span), -1):
            if toks[k].text in _CLAUSE_BREAKS:
                break
            hit = aim_of(k)
            if hit and (best is None or _AIM_RANK[hit[0]] > _AIM_RANK[best[0]]):
                best = hit
        return best

    def implicit(n: int) -> tuple[str, int, int] | None:
        """An unnamed subject of the verb before n (Spanish drops it): "son parásitos", "eres basura"."""
        for k in range(n, max(-1, n - 4), -1):
            morph = toks[k].morph
            if "Person=2" in morph and toks[k].pos in ("AUX", "VERB"):  # "eres basura"; English "you" is a word, read elsewhere
                return "person", k, k + 1
            if "Person=3" in morph and "Number=Plur" in morph and toks[k].pos in ("AUX", "VERB"):
                aim = _pronoun_aim(doc, sentences, index, lex, upto=toks[k].i)
                return (aim, k, k + 1) if aim else None
        return None

    def clitic(n: int) -> tuple[str, int, int] | None:
        """A pronoun object right before the verb ("los odio", "no los soporto", "te desprecio")."""
        for k in (n - 1, n - 2):
            if k >= 0 and toks[k].names & {"group_pronouns", "addressee_pronouns", "person_pronouns"} \
                    and toks[k].lower in _CLITICS:
                if "addressee_pronouns" in toks[k].names:
                    return "person", k, k + 1
                aim = _pronoun_aim(doc, sentences, index, lex, upto=toks[k].i)
                return (aim, k, k + 1) if aim else None
        return None

    def copula_before(n: int) -> bool:
        copulas = sn.lex.unit.copulas | sn.lex.sets.get("link_verbs", frozenset())
        return any(t.lemma in copulas or t.lower in copulas or "copula" in t.names or t.lower in ("like", "como", "than")
                   for t in toks[:n]) or "copula" in toks[n].names

    def rhetorical() -> bool:
        return bool(toks) and any("rhetorical" in t.names for t in toks[:3]) and toks[-1].text == "?" or \
            any(t.text in ("¿",) for t in toks[:1]) and any("rhetorical" in t.names for t in toks[:4])

    def subject(n: int, target: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
        """The target, if the parse lets it be what the predicate at n is said of: inside the subject
        of the predicate's clause ("the setup guide was useless" says nothing of the customers
        before it). Without a parse, or a clause without a subject, the position decides."""
        if target is None or parsed is None:
            return target
        last = toks[n].ends - 1 if "disguised" in toks[n].names else toks[n].i  # "dis gusting": its last piece heads it
        node = parsed[last - sn.sent.start]
        first = toks[target[1]].i - sn.sent.start
        own = [c for c in node.children if c.dep_ not in ("nsubj", "nsubjpass", "csubj", "cop", "aux", "auxpass", "neg")]
        if node.pos_ in ("NOUN", "ADJ") and any(c.left_edge.i <= first <= c.right_edge.i for c in own):
            return None  # the target is inside the predicate's own phrase: "your organisation's values"
        if node.dep_ == "amod":
            return None  # an attribute of another noun: "for no good reason", "a nasty email"
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if subjects:
                inside = next((c for c in subjects if c.left_edge.i <= first <= c.right_edge.i), None)
                return target if inside is not None and not _of_a_thing(parsed[first], inside, by_index) else None
            linked = node.dep_ in _PREDICATE_LINKS or (node.dep_ in ("dobj", "obj") and (
                node.head.lemma_ in ("have", "tener") or node.head.lemma_ in sn.lex.sets.get("link_verbs", ())))
            if node.head.i == node.i or not linked or node.head.i == first:
                return None if node.head.i == first else (target if node.head.i == node.i else None)
            node = node.head
        return target

    def objected(n: int, target: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
        """The target, if the parse lets it be the verb at n's object ("kill all X", "burn the homes
        of X"), not a word in another phrase ("beat a system by pretending to be someone")."""
        if target is None or parsed is None:
            return target
        verb = parsed[toks[n].i - sn.sent.start]
        word = parsed[toks[target[1]].i - sn.sent.start]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "iobj", "dative", "obl", "nsubjpass")]
        if not any(c.left_edge.i <= word.i <= c.right_edge.i for c in objects):
            return None
        while word.i != verb.i and word.head.i != word.i:  # not inside a clause of its own: "hate everything you say"
            if word.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp", "acl:relcl") and word.i != toks[target[1]].i - sn.sent.start:
                return None
            word = word.head
        return target

    def emit(n: int, target: tuple[str, int, int] | None, reading: str) -> Iterator[Reading]:
        if target is None or (reading == "exclusion" and target[0] == "person"):
            return  # excluding one person is moderation ("whoever harasses others must be excluded")
        aim, first, last = target
        lo, hi = min(n, first), max(n + 1, last)
        if sn.reported(lo) or sn.quoted(lo, hi):
            return
        end = max(toks[hi - 1].i + 1, toks[n].ends)
        yield Reading(toks[lo].i, end, aim, reading, " ".join(t.text for t in toks[first:last]))

    inside = {k for _, aim, first, last in targets if aim == "group" for k in range(first, last)}
    for n, tok in enumerate(toks):
        names = tok.names
        if not names:
            continue
        neg = None

        def negated() -> bool:
            nonlocal neg
            if neg is None:
                neg = sn.negated(n, parsed)
            return neg

        verb = tok.pos in ("VERB", "AUX") or "disguised" in names or (n > 0 and toks[n - 1].lower in _FIRST_PERSON) \
            or (n + 1 < len(toks) and toks[n + 1].lower == "a") \
            or (n > 0 and toks[n - 1].lower in _CLITICS)  # Spanish marks a person object with "a", or a clitic
        if n + 1 < len(toks) and toks[n + 1].lower in ("against", "toward", "towards", "contra", "hacia"):
            verb = False  # "hate against X" names a hatred, it does not state one
        if "hostile_verbs" in names and (verb or (n == 0 and tok.lemma in ("fuck", "screw", "damn"))):
            if not negated():
                close = 2 if tok.lemma in ("fuck", "screw", "damn") else _WINDOW
                target = after(n, close)
                marked = n + 1 < len(toks) and toks[n + 1].lower == "a"  # Spanish marks its person object
                yield from emit(n, (objected(n, target) if "disguised" not in names and close > 2 and not marked
                                    else target) or clitic(n), "derogation")
        if verb and tok.tag == "VBG" and parsed is not None and parsed[tok.i - sn.sent.start].dep_ in _NOUN_USES:
            verb = False  # a gerund used as a noun: "those changes don't have bearing on your users"
        wanting = tok.lemma in ("want", "querer")  # only wanted somewhere: "nobody wants X here"
        if "tolerance_verbs" in names and verb and (negated() or rhetorical()) and (not wanting or _wanted_somewhere(
                toks[n + 1:n + 1 + _WINDOW])):
            permission = tok.lemma in ("allow", "permit", "let", "dejar", "permitir")
            target = after(n) or clitic(n)
            if target is None and (tok.tag == "VBN" or (sn.lex.unit.modifiers_follow and any(
                    t.lower == "a" for t in toks[max(0, n - 8):n]))):
                target = subject(n, before(n))  # "X can't be trusted", "a los X no se les debería dejar"
                target = target if target is None or target[0] != "person" else None  # "if you ... are not trusted"
            if not permission or (sn.intent(n, orders=False) and target is not None and target[0] != "person"):
                yield from emit(n, target, "exclusion" if permission else "derogation")  # "X should not be allowed to vote"
        following = toks[n + (tok.ends - tok.i):n + (tok.ends - tok.i) + 2]
        if "aversion_words" in names and not negated() and any(
                t.lower in ("of", "with", "by", "de", "con") for t in following):
            yield from emit(n, after(n), "derogation")  # "sick of X", "harto de X"
        if "disgust_verbs" in names and not negated():
            if any(toks[k].lower in ("me", "us", "nos") for k in range(max(0, n - 2), min(len(toks), n + 3))):
                yield from emit(n, before(n) or after(n) or implicit(n), "derogation")
        modifier = parsed is not None and "disguised" not in names and \
            parsed[tok.i - sn.sent.start].dep_ == "compound"  # "threat modelling"
        if "pejoratives" in names and (tok.pos in ("NOUN", "ADJ", "PROPN", "X") or "disguised" in names
                                       or tok.ends > tok.i + 1) and not modifier and not negated():
            target = None
            if copula_before(n) or (n > 0 and toks[n - 1].lower in ("like", "como", "than", "que")):
                target = subject(n, before(n)) or implicit(n)
                if target is None and any(toks[k].lower in ("are", "is", "son", "es") for k in range(max(0, n - 4), n)):
                    target = after(n, 4)  # "aren't X just vermin?"
            if target is None and n + 1 < len(toks) and tok.pos in ("ADJ", "DET", "NOUN") and toks[n + 1].pos != "PUNCT":
                hit = aim_of(n + 1)  # "filthy X", "putos X"
                target = hit if hit and hit[0] != "person" else None
            if target is None and n > 0 and (tok.pos == "ADJ" or tok.ends > tok.i + 1):
                hit = aim_of(n - 1)  # "X asquerosos", "X de mierda"
                target = hit if hit and sn.lex.unit.modifiers_follow else None
                if target is None:  # "you filthy rat", "rata asquerosa" said to someone
                    for k in range(max(0, n - 3), n):
                        if "addressee_pronouns" in toks[k].names and all(
                                t.pos in ("ADJ", "ADV", "DET", "PUNCT") for t in toks[k + 1:n]):
                            target = ("person", k, k + 1)
            if target is None and tok.pos == "NOUN" and n + 2 < len(toks) and toks[n + 1].lower in ("of", "de"):
                target = after(n + 1, 3)  # "a plague of X", "invasión de X"
            if target is None and any("Person=2" in t.morph and t.pos in ("AUX", "VERB") for t in toks) \
                    and copula_before(n):
                target = implicit(n)
            yield from emit(n, target, "derogation")
        present = "Tense=Pres" in tok.morph or tok.tag in ("VBP", "VBZ")
        if "harm_verbs" in names and verb and present and not negated():
            yield from emit(n, before(n) or implicit(n), "derogation")  # "X ruin every neighbourhood"
        predicated = tok.pos in ("VERB", "AUX") or copula_before(n) or any(
            t.lemma in ("have", "tener", "haber") for t in toks[max(0, n - 4):n])  # "X have no value"
        determined = tok.pos in ("NOUN", "ADJ") and any(
            t.lower in ("the", "a", "an", "el", "la", "un", "una") for t in toks[max(0, n - 2):n])
        hedged = any("possibility_words" in t.names or t.lower in ("as", "tan") for t in toks[max(0, n - 4):n])
        if "esteem_words" in names and n not in inside and predicated and not determined and not hedged and negated():
            target = subject(n, before(n)) or implicit(n)
            if target is None and n > 0 and toks[n - 1].lower in ("nothing", "nada", "no"):
                target = after(n, 4)  # "nothing good about X"
            yield from emit(n, target, "derogation")
        if "curse_words" in names:
            last = n + tok.ends - tok.i - 1  # the phrase's last word: "que les den | a X"
            yield from emit(n, after(last, 4) or before(n, 4) or implicit(n), "derogation")
        if "know_words" in names and n + 1 < len(toks) and toks[n + 1].lower in ("where", "dónde", "donde") \
                and sn.first_person(n) and not negated():
            for k in range(n + 2, min(len(toks), n + 7)):  # "I know where X lives": a threat to find them
                if "live_words" in toks[k].names:
                    yield from emit(n, next((h for m in range(n + 1, k) if (h := aim_of(m))), None)
                                    or after(k, 4), "threat")
                    break
        if "threat_verbs" in names and (verb or tok.ends > tok.i + 1 or tok.lemma in ("dead", "muerto")) \
                and not negated():
            particle = n + 1 < len(toks) and toks[n + 1].tag == "RP" and tok.ends == tok.i + 1 and \
                toks[n + 1].lower in ("out", "around", "along", "with")  # "hang out", not "burn down"
            if tok.lemma in ("die", "dead", "morir", "muerto"):
                if sn.duty(n) or any("Mood=Sub" in t.morph for t in toks[:n]):
                    yield from emit(n, subject(n, before(n)) or implicit(n), "threat")
            elif not particle and (tok.tag == "VBN" or "VerbForm=Part" in tok.morph) and sn.duty(n):
                yield from emit(n, subject(n, before(n)) or after(n), "threat")  # "X should be shot"
            elif not particle and sn.intent(n):
                yield from emit(n, objected(n, after(n, 6)) or clitic(n), "threat")
        if "exclusion_verbs" in names and not negated() and sn.intent(n):
            target = after(n) or clitic(n)
            if target is None:
                target = before(n)  # "X should be deported", "a los X habría que echarlos"
            yield from emit(n, target, "exclusion")


@register
class HostilityCheck(Check):
    kind = "hostility"
    doc = ("Flags a hostile statement about people: a hostile predicate (from the language's `hostility` "
           "word sets, by lemma) that the sentence ties to a target of one of `aims`, in one of `readings`; "
           "negated, reported and quoted statements are left alone.")
    placeholders = frozenset({"target"})
    options = {
        "aims": s.Field(s.list_of(s.choice(*AIMS), nonempty=True), required=True,
                        doc="who a statement must be aimed at to be reported: group (a protected group), "
                            "people (a group named by role or activity), person (someone, or the reader)"),
        "readings": s.Field(s.list_of(s.choice(*READINGS), nonempty=True), required=True,
                            doc="what a statement must say to be reported: derogation (hatred, contempt, "
                                "dehumanising, negated esteem), exclusion (throw out, ban), threat (harm)"),
    }

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.aims = frozenset(self.opts["aims"])
        self.readings = frozenset(self.opts["readings"])
        self.nlp: Language | None = None
        self._lexicons: dict[str, Lexicon] = {}

    @property
    def needs(self) -> Needs:
        return Needs(frozenset({"sents", "lemma", "pos", "deps_on_demand"}))

    def prepare(self, nlp: Language) -> None:
        self.nlp = nlp

    def lexicon(self, unit: Unit) -> Lexicon:
        return lexicon(unit, self.nlp)

    def run(self, document: Document) -> Iterator[Hit]:
        if self.nlp is None:
            return
        doc = document.doc
        for r in readings(document, self.lexicon(document.language), self.nlp):
            if r.aim in self.aims and r.reading in self.readings:
                first, last = doc[r.start], doc[r.end - 1]
                yield Hit(first.idx, last.idx + len(last.text), {"target": r.target})


def countered(document: Document, span: Span, nlp: Language) -> bool:
    """Whether the words before `span` in its sentence report it as someone else's, or it sits in
    quotation marks with more of the sentence outside ("saying X are animals is wrong")."""
    sentence = _Sentence(span.sent, lexicon(document.language, nlp))
    first, last = span.start - span.sent.start, span.end - span.sent.start
    return sentence.reported(first) or sentence.quoted(first, last)


def defused(document: Document, start: int, end: int, nlp: Language) -> bool:
    """Whether every hostile word in characters [start, end) is denied, reported or quoted to counter
    it, felt by the people named before it, or said of things in a sentence that names and addresses
    no one: a model's reading of such a unit is no finding ("I don't hate X", "saying X are animals
    is wrong", "X are sick of being stereotyped", "this printer is garbage"). False when the unit
    holds no hostile word, or a hostile statement this kind reads."""
    doc = document.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    lex = lexicon(document.language, nlp)
    if any(r.start < span.end and r.end > span.start for r in readings(document, lex, nlp)):
        return False
    seen = False
    for sent in span.sents:
        verdict = _per_sentence(document, sent, "defused", lambda s: _sentence_defused(s, lex))
        if verdict is None:
            continue
        if not verdict:
            return False
        seen = True
    return seen


def _sentence_defused(sent: Span, lex: Lexicon) -> bool | None:
    """`defused` for one whole sentence: None when it holds no hostile word."""
    sentence = _Sentence(sent, lex)
    sentence.repair()
    hostile = [n for n, t in enumerate(sentence.toks) if t.names & _HOSTILE]
    if not hostile:
        return None
    toks = sentence.toks
    spans = [(n, hit) for n in range(len(toks)) if (hit := sentence.target_at(n))]
    inside = {k for _, (_, first, last) in spans for k in range(first + 1, last)}  # "people" in "gay people"
    people = [n for n in range(len(toks)) if any(m == n for m, _ in spans) or toks[n].text.startswith("@")
              or "group_pronouns" in toks[n].names or "Person=2" in toks[n].morph]
    for n in hostile:
        if n in inside or sentence.reported(n) or sentence.quoted(n, n + 1) or sentence.negated(n, None):
            continue
        if not people:
            continue  # said of things, to no one: "this printer is garbage"
        if n + 1 < len(toks) and toks[n + 1].lower in ("against", "toward", "towards", "contra", "hacia"):
            continue  # a hatred named, not stated: "hate against X has no place here"
        clause_end = next((k for k in range(n + 1, len(toks)) if toks[k].pos == "SCONJ"
                           or toks[k].text in _CLAUSE_BREAKS), len(toks))
        felt = toks[n].names & {"hostile_verbs", "tolerance_verbs", "aversion_words"}
        if felt and any(k < n for k in people) and not any(n < k < clause_end for k in people):
            continue  # the people named feel it: "X are sick of being stereotyped", "X odian que los insulten"
        return False
    return True


def aimed_at_people(document: Document, start: int, end: int, nlp: Language) -> bool:
    """Whether characters [start, end) name people (a group, people by role, the reader) and hold
    no hostility this kind has already read, or found denied: what a model is left to judge."""
    span = document.doc.char_span(start, end, alignment_mode="expand")
    if span is None or defused(document, start, end, nlp):
        return False
    lex = lexicon(document.language, nlp)
    if any(r.start < span.end and r.end > span.start for r in readings(document, lex, nlp)):
        return False
    return any(_per_sentence(document, sent, "people", lambda s: _names_people(s, lex)) for sent in span.sents)


def _names_people(sent: Span, lex: Lexicon) -> bool:
    sentence = _Sentence(sent, lex)
    return any(sentence.target_at(n) for n in range(len(sentence.toks))) or any(
        "Person=2" in t.morph for t in sentence.toks)


# What a sentence of a document was found to hold, by (sentence start, question): the classifier asks
# of each of its units, and a post of one endless sentence would otherwise be read once per unit.
_SENTENCE_MEMO: weakref.WeakKeyDictionary[Any, dict[tuple[int, str], Any]] = weakref.WeakKeyDictionary()


def _per_sentence(document: Document, sent: Span, question: str, answer: Callable[[Span], Any]) -> Any:
    memo = _SENTENCE_MEMO.setdefault(document, {})
    key = (sent.start, question)
    if key not in memo:
        memo[key] = answer(sent)
    return memo[key]


_LEXICONS: dict[tuple[str, int], Lexicon] = {}


def lexicon(unit: Unit, nlp: Language | None) -> Lexicon:
    """The lexicon of `unit` for pipeline `nlp` (built once per pair)."""
    key = (unit.code, id(nlp))
    if key not in _LEXICONS:
        _LEXICONS[key] = Lexicon(unit, nlp)  # type: ignore[arg-type]
    return _LEXICONS[key]


# how a person is tied to the noun a hostile word is said of: "one of them", "the guy's boss", "X and Y"
_SAME_PARTY = frozenset({"prep", "pobj", "poss", "conj", "appos", "nmod", "case", "det", "amod", "compound"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_OBJECTS = frozenset({"dobj", "obj", "iobj", "dative"})
# the sets whose words say something harsh of whoever they are said of (esteem and tolerance words do
# only when negated, which `readings` reads)
_HARSH = _HOSTILE - {"esteem_words", "tolerance_verbs", "know_words"}
_FUNCTION_WORDS = frozenset({"SCONJ", "CCONJ", "DET", "ADP", "AUX", "PRON", "PART", "PUNCT"})  # "así que" is no threat


def _said_of(token: Token) -> list[Token] | None:
    """What a hostile word at `token` is said of: the noun it modifies ("dumb routing", "stupid
    things"), the subject of the copula it completes ("I'm lazy", "X son unos vagos", or the
    copula itself when its person says who: "Soy un vago"), the object of its verb, else its
    subject ("I hate my life", "this sucks"); None when the parse says nothing."""
    if token.dep_ in ("amod", "compound", "appos"):
        return [token.head]
    head = token if any(c.dep_ == "cop" for c in token.children) else \
        token.head if token.dep_ in ("acomp", "attr", "oprd") else None
    if head is not None:  # with no subject written, the copula's person says who ("Soy un vago")
        return [c for c in head.children if c.dep_ in _SUBJECTS] or \
            [c for c in head.children if c.dep_ == "cop" and "Person=" in str(c.morph)] or None
    if token.pos_ == "VERB":
        return [c for c in token.children if c.dep_ in _OBJECTS] or \
            [c for c in token.children if c.dep_ in _SUBJECTS] or ([token] if "Person=" in str(token.morph) else None)
    return None


def _party(token: Token) -> Iterator[Token]:
    """A noun and the words that name who it belongs to or goes with ("one of them", "your boss")."""
    yield token
    for child in token.children:
        if child.dep_ in _SAME_PARTY:
            yield from _party(child)


def aims_at_someone(parsed: Doc, unit: Unit, nlp: Language) -> bool:
    """Whether a parsed unit a model reads as offensive speaks of someone it could hurt: the
    evidence DER-OFFENSIVE needs (`checks/classifier.py`). A hostile word counts when it is said
    of a person, a group or the reader ("you are pathetic", "@USER she is a lying hag"), not of a
    thing ("What about dumb routing?", "skip the stupid things") nor of the speaker ("I'm lazy");
    a unit without one counts when it speaks to or of someone, though not to the reader as one who
    might do or undergo something ("you may have been bullied", "then you can make your own"), nor
    through what the reader has ("the roof of your mouth")."""
    lex = lexicon(unit, nlp)
    for sent in parsed.sents:
        sentence = _Sentence(sent, lex)
        sentence.repair()
        toks = sentence.toks
        people = {n for n in range(len(toks)) if _someone(sentence, sent, n)}
        if any(t.text.startswith("@") and len(t.text) > 1 for t in toks):
            return True  # a reply to someone's handle speaks to them
        hostile = [n for n, t in enumerate(toks) if t.names & _HARSH and t.pos not in _FUNCTION_WORDS
                   and not (sentence.negated(n, None) or sentence.quoted(n, n + 1))]
        if not hostile and people:
            return True
        for n in hostile:
            said_of = _said_of(sent[n])
            if said_of is None and people:
                return True
            if said_of and any(t.i - sent.start in people for s in said_of for t in _party(s)):
                return True
    return False


def _someone(sentence: _Sentence, sent: Span, n: int) -> bool:
    """Whether the word at n names someone a remark may hurt: a group, people, a person,
    the reader (not as a possessor, nor in a sentence about what they might do or undergo)."""
    tok = sentence.toks[n]
    if "Person=2" in tok.morph or "addressee_pronouns" in tok.names:
        if "Poss=Yes" in tok.morph or sent[n].dep_ == "poss":
            return False  # "your mouth": the thing is spoken of
        return not any("possibility_words" in t.names for t in sentence.toks)
    return sentence.target_at(n) is not None
