"""`codenames`: the company's unreleased product and project names, until their public date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import schema as s
from ..languages import REGISTRY
from . import Check, Hit, register
from ._context import Cues, sentence_around
from ._disguise import NameFinder

if TYPE_CHECKING:
    from ..config import Codename
    from ..document import Document
    from ..languages import Language


@register
class CodenamesCheck(Check):
    kind = "codenames"
    doc = ("Flags the codenames listed under company.codenames (and their aliases) in any disguise, "
           "until their public_on date (judged at --as-of).")
    # {until}: "until 2027-03-01", or "until it is announced (no public date set)"; {public_on}: the
    # date alone, or "not set"
    placeholders = frozenset({"name", "public_on", "until"})
    options = {
        "unless": s.Field(s.list_of(s.string(), nonempty=True), default_factory=list,
                          doc="words close by that show the name's everyday sense (peregrine, Falcon 9)"),
        "unless_window": s.Field(s.integer(minimum=1, maximum=300), default=60,
                                 doc="how many characters either side count as close"),
    }

    @classmethod
    def policy_values(cls, options, company):  # type: ignore[no-untyped-def]
        for codename in company.codenames:
            yield from codename.names
            for language in REGISTRY.values():
                yield from _dates(codename, language).values()

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.finder = NameFinder({n: c for c in company.codenames for n in c.names})
        self.other_sense = Cues(self.opts["unless"])

    def _everyday_sense(self, document: Document, start: int, end: int) -> bool:
        """"Heard a nightjar churring", "a peregrine falcon", "the SpaceX Falcon 9 launch": the
        word, not the product. It takes evidence in the same sentence: a cue that holds the name
        ("Falcon 9"), or a cue anywhere in it while the name is written as a common noun (lower
        case, or first in the sentence). An article alone ("a Nightjar beta") is no evidence, nor
        is a bird in the sentence before."""
        text = document.text
        lo, hi = sentence_around(text, start, end, self.opts["unless_window"], document.block(start))
        common_noun = not any(ch.isupper() for ch in text[start:end]) or not text[lo:start].strip(" \t\n#*_\"'(")
        for cue in self.other_sense.within(text, lo, hi):
            if (cue.start() < end and start < cue.end()) or common_noun:
                return True
        return False

    def run_on_name(self, name: str, document: Document) -> Iterator[Hit]:
        for start, end, owner in self.finder.find(name):
            codename: Codename = owner  # type: ignore[assignment]
            if not codename.is_public(document.as_of) and not any(self.other_sense.within(name, 0, len(name))):
                yield Hit(start, end, {"name": codename.name, **_dates(codename, document.language)})

    def run(self, document: Document) -> Iterator[Hit]:
        for start, end, owner in self.finder.find(document.text):
            codename: Codename = owner  # type: ignore[assignment]
            if codename.is_public(document.as_of) or self._everyday_sense(document, start, end):
                continue
            yield Hit(start, end, {"name": codename.name, **_dates(codename, document.language)})


def _dates(codename: Codename, language: Language) -> dict[str, str]:
    """{public_on}: the launch date or "not set"; {until}: "until DATE" or until it is announced,
    in `language`'s words."""
    if codename.public_on is None:
        return {"public_on": language.message("not_set"), "until": language.message("until_unset")}
    public_on = language.format_date(codename.public_on)
    return {"public_on": public_on, "until": language.message("until", date=public_on)}
