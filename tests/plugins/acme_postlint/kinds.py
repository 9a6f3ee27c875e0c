"""The `acme-tickets` rule kind: keys of the company's internal issue tracker (OPS-1234).

A key is a project's name, a dash and a number, standing as a word of its own: "DEVOPS-12" or
"OPS 1234" is no key of project OPS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from linter import schema as s
from linter.checks import Check, Hit, register

if TYPE_CHECKING:
    from linter.config import Company
    from linter.document import Document


@register
class TicketsCheck(Check):
    kind = "acme-tickets"
    doc = "Flags keys of the internal issue tracker's projects (OPS-1234): they point at private work."
    options = {
        "projects": s.Field(s.list_of(s.string(), nonempty=True), required=True,
                            doc="the tracker's project keys, in capitals"),
    }
    placeholders = frozenset({"project"})

    @classmethod
    def policy_values(cls, options: Mapping[str, Any], company: Company) -> Iterable[str]:
        return options["projects"]

    def __init__(self, rule, company) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rule, company)
        projects = "|".join(re.escape(project) for project in self.opts["projects"])
        self.key = re.compile(rf"(?<![\w-])({projects})-[0-9]{{1,6}}(?![\w-])")

    def run(self, document: Document) -> Iterator[Hit]:
        for found in self.key.finditer(document.text):
            yield Hit(found.start(), found.end(), {"project": found.group(1)})
