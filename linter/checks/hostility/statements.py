"""The statement readers: which hostile statements a document makes, and at whom.

A sentence that holds both a target and a hostile word is read word by word (parsed on demand):
a verb of hatred with its object ("I despise X"), a tolerance verb negated ("I can't stand X"), a
word of aversion or disgust ("sick of X"), a pejorative said of someone ("X are vermin", "filthy
X"), a harm done ("X ruin every neighbourhood"), a word of esteem negated ("X are never any good"),
a curse, a threat meant ("X should be shot", "I know where X lives") and a call to throw people
out ("deport X"). Each gives a `Reading`: its span, its aim (group, people, person) and what it
says (derogation, exclusion, threat). The readings of a document are memoised: several rules and
the classifier's veto read the same analysis.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...nlp import parse_on_demand
from .._context import COPULAS, MODIFIERS_FOLLOW
from .lexicon import Lexicon
from .sentence import CLAUSE_BREAKS, FIRST_PERSON, Sentence, Tok, pronoun_aim

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ...document import Document


AIMS = ("group", "people", "person")
READINGS = ("derogation", "exclusion", "threat")
_WINDOW = 8  # tokens between a predicate and its target
_AIM_RANK = {"group": 3, "people": 2, "person": 1}
_CLITICS = frozenset({"los", "las", "les", "te", "os", "lo", "la", "le"})
# how a predicate hangs off its copula: "X are scum", "X are like rats", "X are nothing but garbage"
_PREDICATE_LINKS = frozenset({"attr", "acomp", "prep", "pobj", "conj", "appos", "advmod", "neg", "ROOT", "cop",
                              "xcomp", "nmod", "obl", "amod"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One hostile statement: the token span it covers, who it is aimed at, and what it says."""

    start: int  # token offsets in the document
    end: int
    aim: str  # one of AIMS
    reading: str  # one of READINGS
    target: str  # the target's words, for the message


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
        sentence = Sentence(sent, lex)
        if not sentence.has_target():
            continue
        sentence.repair()
        if not sentence.has_hostile_word():
            continue
        parsed = parse_on_demand(nlp, sent) if nlp is not None and "deps_on_demand" in _capabilities(nlp) else None
        yield from _statements(sentence, parsed, doc, sentences, index, lex)


def _capabilities(nlp: Language) -> frozenset[str]:
    from ...nlp import provides

    return provides(nlp)


_OF_A_NOUN = ("nmod", "pobj", "poss", "compound", "nmod:poss")
_PEOPLE_SETS = frozenset({"groups", "people_nouns", "quantity_words"})


_BEING_NEAR = frozenset({"live", "be", "have", "work", "vivir", "estar", "tener", "trabajar"})
_NOUN_USES = frozenset({"xcomp", "dobj", "obj", "pobj", "compound", "amod"})


def _wanted_somewhere(following: list[Tok]) -> bool:
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


def _statements(sn: Sentence, parsed: Doc | None, doc: Doc, sentences: list[Span], index: int,
                lex: Lexicon) -> Iterator[Reading]:
    toks = sn.toks
    targets = [(n, *hit) for n in range(len(toks)) if (hit := sn.target_at(n))]
    by_index = {t.i - sn.sent.start: t for t in toks}  # a parsed word's position -> its token's sets

    def aim_of(n: int) -> tuple[str, int, int] | None:
        """The target a pronoun or target word at n stands for."""
        tok = toks[n]
        if "group_pronouns" in tok.names and tok.pos == "PRON":
            aim = pronoun_aim(doc, sentences, index, lex, upto=tok.i)
            return (aim, n, n + 1) if aim else None
        return next(((a, f, e) for m, a, f, e in targets if m == n), None)

    def after(n: int, span: int = _WINDOW) -> tuple[str, int, int] | None:
        """The first target among the words after n (within `span`, not across a clause break)."""
        best = None
        for k in range(n + 1, min(len(toks), n + 1 + span)):
            if toks[k].text in CLAUSE_BREAKS or (toks[k].text == "," and k > n + 1) or toks[k].pos == "SCONJ":
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
            if toks[k].text in CLAUSE_BREAKS:
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
                aim = pronoun_aim(doc, sentences, index, lex, upto=toks[k].i)
                return (aim, k, k + 1) if aim else None
        return None

    def clitic(n: int) -> tuple[str, int, int] | None:
        """A pronoun object right before the verb ("los odio", "no los soporto", "te desprecio")."""
        for k in (n - 1, n - 2):
            if k >= 0 and toks[k].names & {"group_pronouns", "addressee_pronouns", "person_pronouns"} \
                    and toks[k].lower in _CLITICS:
                if "addressee_pronouns" in toks[k].names:
                    return "person", k, k + 1
                aim = pronoun_aim(doc, sentences, index, lex, upto=toks[k].i)
                return (aim, k, k + 1) if aim else None
        return None

    def copula_before(n: int) -> bool:
        copulas = COPULAS.of(sn.lex.unit) | sn.lex.sets.get("link_verbs", frozenset())
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

        verb = tok.pos in ("VERB", "AUX") or "disguised" in names or (n > 0 and toks[n - 1].lower in FIRST_PERSON) \
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
            if target is None and (tok.tag == "VBN" or (MODIFIERS_FOLLOW.of(sn.lex.unit) and any(
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
                target = hit if hit and MODIFIERS_FOLLOW.of(sn.lex.unit) else None
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
