"""The plain data that crosses every boundary: categories, severities, findings."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, replace
from typing import Any


class Category(enum.StrEnum):
    """What part of the social-media policy a finding breaks (DESIGN section 1)."""

    PII = "pii"
    CONFIDENTIAL = "confidential"
    DEROGATORY = "derogatory"
    PROFANITY = "profanity"
    SUBSTANCES = "substances"
    CLAIMS = "claims"

    @property
    def prefix(self) -> str:
        return _PREFIXES[self]


_PREFIXES = {
    Category.PII: "PII-",
    Category.CONFIDENTIAL: "CONF-",
    Category.DEROGATORY: "DER-",
    Category.PROFANITY: "PROF-",
    Category.SUBSTANCES: "SUB-",
    Category.CLAIMS: "CLAIM-",
}


class Severity(enum.StrEnum):
    """What the author must do: `error` blocks publishing, `warning` asks for a second look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious; use for comparisons and sorting."""
        return _RANKS[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One policy violation, located in the original text.

    `start`/`end` are character offsets into the text that was linted (the file as the author
    wrote it), `line`/`col` are 1-based and point at `start`, and `match == text[start:end]`.
    """

    code: str
    category: Category
    severity: Severity
    message: str
    why: str
    suggestion: str
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    match: str
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["category"] = str(self.category)
        data["severity"] = str(self.severity)
        return data

    def with_path(self, path: str | None) -> Finding:
        return replace(self, path=path)
