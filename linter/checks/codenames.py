"""`codenames`: the company's unreleased product and project names, until their public date."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .. import schema as s
from . import Check, Hit, register
from ._context import Cues
from ._disguise import NameFinder

if TYPE_CHECKING:
    from ..config import Codename
    from ..document import Document
    from ..languages import Language


@functools.cache
def _indefinite(language: Language) -> tuple[regex.Pattern[str], int] | None:
    """An indefinite article right before a name (and how far back to look), or None."""
    if not language.indefinite_articles:
        return None
    articles = "|".join(regex.escape(a) for a in sorted(language.indefinite_articles, key=len, reverse=True))
    reach = max(len(a) for a in language.indefinite_articles) + 2
    return regex.compile(rf"(?<![\w])(?:{articles})\s+$", regex.IGNORECASE), reach


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

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.finder = NameFinder({n: c for c in company.codenames for n in c.names})
        self.other_sense = Cues(self.opts["unless"])

    def _everyday_sense(self, document: Document, start: int, end: int) -> bool:
        """"a nightjar", "a peregrine falcon", "SpaceX Falcon 9": the word, not the product."""
        text = document.text
        article = _indefinite(document.language)
        if article is not None and article[0].search(text, max(0, start - article[1]), start):
            return True
        window = self.opts["unless_window"]
        return self.other_sense.around(text, start, end, window, window) is not None

    def run(self, document: Document) -> Iterator[Hit]:
        for start, end, owner in self.finder.find(document.text):
            codename: Codename = owner  # type: ignore[assignment]
            if codename.is_public(document.as_of) or self._everyday_sense(document, start, end):
                continue
            language = document.language
            public_on = language.format_date(codename.public_on) if codename.public_on else None
            until = language.message("until", date=public_on) if public_on else language.message("until_unset")
            yield Hit(start, end, {"name": codename.name, "public_on": public_on or language.message("not_set"),
                                   "until": until})
