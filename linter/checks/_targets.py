"""Who a remark is aimed at: named groups of target phrases, tied to the remark by the parse.

Shared by the `classifier` kind (its message names the target of an offensive sentence) and the
`disparage` kind (a pejorative predicated of a target: "their product is garbage"). A target
phrase counts only as an argument of the clause: subject, object, possessor, apposition, the
object of a preposition. As a modifier it is not a target: "the user interface is garbage"
disparages an interface, not users.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import schema as s
from ..languages import declare
from ..nlp import Needs
from ._context import MODIFIERS_FOLLOW, OF_WORDS
from ._phrases import ARTICLES, PhraseSet

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..config import Company
    from ..languages import Language as Unit

SECOND_PERSON = declare(
    "second_person",
    'Pronouns that address the reader (you, your; tú, usted): an offensive sentence with one is '
    'aimed at "the person addressed".',
    frozenset())
PERSONAL_PRONOUNS = declare(
    "personal_pronouns",
    "Every personal pronoun (I, you, she, they...): a sentence with one speaks of people, so "
    "harsh words in it are not about things.",
    frozenset())
GROUPS = declare(
    "groups",
    "Groups of people by origin, nationality, religion, gender or sexuality, singular and plural, "
    "as hate speech names them: what `\\L<groups>` stands for in a derogatory rule's pattern "
    "(`checks/pattern.py`), and whom the hostility lexicon's remarks may target.",
    frozenset(), source="list")

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "pobj", "attr", "appos", "poss",
                           "npadvmod", "conj", "ROOT", "oprd", "obj", "nmod"})
ADDRESSEE = "the person addressed"

TARGETS_FIELD = s.Field(
    s.list_of(s.mapping_of({
        "name": s.Field(s.string(), required=True, doc="how the message names the target ('customers')"),
        "terms": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                         doc="phrases that name it, in their base form"),
        "company": s.Field(s.choice("customers", "competitors"), default=None,
                           doc="also the names the config lists under company.customers or .competitors"),
    }, what="target")),
    default_factory=list,
    doc="who a remark may be aimed at: `{name, terms, company}` entries, tried in order")


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    start: int  # token span in the parsed span
    end: int


class Targets:
    """The rule's target groups; `find(parsed)` lists those that are arguments of a clause."""

    def __init__(self, entries: Sequence[dict[str, Any]], company: Company) -> None:
        self.groups: list[tuple[str, PhraseSet]] = []
        for entry in entries:
            terms = list(entry["terms"])
            if entry.get("company") == "customers":
                terms += [n for c in company.customers for n in c.names]
            elif entry.get("company") == "competitors":
                terms += [n for c in company.competitors for n in c.names]
            self.groups.append((entry["name"], PhraseSet(terms, lemma=True)))

    @property
    def needs(self) -> Needs:
        needs = Needs(frozenset({"deps_on_demand"}))
        for _, phrases in self.groups:
            needs = needs | phrases.needs
        return needs

    def prepare(self, nlp: Language) -> None:
        for _, phrases in self.groups:
            phrases.prepare(nlp)

    def mentioned(self, doc: Doc | Span) -> bool:
        """Whether any target phrase occurs (no parse needed: the cheap test before parsing)."""
        sub = doc.as_doc() if hasattr(doc, "as_doc") else doc
        return any(phrases.find(sub) for _, phrases in self.groups)

    def find(self, parsed: Doc, language: Unit) -> Iterator[Target]:
        """Targets in a parsed text that the parse makes arguments (not modifiers), in order."""
        for name, phrases in self.groups:
            for start, end in phrases.find(parsed):
                if argument(parsed[start:end].root, language) is not None:
                    yield Target(name, start, end)


def argument(token: Token, language: Unit) -> Token | None:
    """The clause argument a target phrase stands for: itself, or the noun it possesses
    ("Globex's robots", "their product", "los robots de Initrode"); None when it only modifies a
    noun ("user interface", "interfaz de usuario")."""
    if token.dep_ == "poss" or (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
        token = token.head
    elif MODIFIERS_FOLLOW.of(language) and token.dep_ == "nmod" and token.head.pos_ in ("NOUN", "PROPN"):
        # a name or a determined noun after "de" possesses its head; a bare noun names a kind of it
        if not any(c.dep_ == "case" and c.lower_ in OF_WORDS.of(language) for c in token.children):
            return token if token.dep_ in ARGUMENT_DEPS else None
        determined = token.pos_ == "PROPN" or any(c.dep_ == "det" or c.lower_ in ARTICLES.of(language)  # "del"
                                                  for c in token.children)
        if not determined:
            return None
        token = token.head
    if token.dep_ in ARGUMENT_DEPS:
        return token
    return None


def personal(tokens: Iterable[Token], language: Unit) -> bool:
    """Whether a personal pronoun of `language` stands in the text: someone is speaking, spoken to or about."""
    return any(t.lower_ in PERSONAL_PRONOUNS.of(language) for t in tokens)


def addressed(tokens: Iterable[Token], language: Unit) -> bool:
    return any(t.lower_ in SECOND_PERSON.of(language) for t in tokens)


def describe(parsed: Doc, targets: Targets, language: Unit) -> str:
    """The message's words for who an offensive text is aimed at, or '' when the parse names none."""
    found = list(targets.find(parsed, language))
    if found:
        return found[0].name
    return ADDRESSEE if addressed(parsed, language) else ""
