"""`codenames`: the company's unreleased product and project names, until their public date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import Check, Hit, register
from ._disguise import NameFinder

if TYPE_CHECKING:
    from ..config import Codename
    from ..document import Document


@register
class CodenamesCheck(Check):
    kind = "codenames"
    doc = ("Flags the codenames listed under company.codenames (and their aliases) in any disguise, "
           "until their public_on date (judged at --as-of).")
    placeholders = frozenset({"name", "public_on"})

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        self.finder = NameFinder({n: c for c in company.codenames for n in c.names})

    def run(self, document: Document) -> Iterator[Hit]:
        for start, end, owner in self.finder.find(document.text):
            codename: Codename = owner  # type: ignore[assignment]
            if codename.is_public(document.as_of):
                continue
            public_on = codename.public_on.isoformat() if codename.public_on else "not set"
            yield Hit(start, end, {"name": codename.name, "public_on": public_on})
