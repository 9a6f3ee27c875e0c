"""The plain data that crosses every boundary: categories, severities, findings."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
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


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle of an image in pixels (the image as shown: EXIF orientation applied)."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One policy violation, located in the original text (made by `Rule.finding`).

    `start`/`end` are character offsets into the text that was linted (the file as the author
    wrote it), `line`/`col` are 1-based and point at `start`, and `match == text[start:end]`.
    A finding in the file name itself (`in_path`, the span of `path` it covers) has `start` and
    `end` 0, line and column 1, and `match == path[a:b]`.
    `values` are what the rule's message template was filled with besides `{match}` (`{name}`,
    `{entity}`, ...): the findings cache and `--redact` read them there. They are left out of
    equality and of `to_dict()` (the JSON output): they may quote the post. `lang` is the language
    of the post, which the message, why and suggestion are written in (`Rule.in_language`); it is
    left out of `to_dict()` too, so reports keep their shape. A finding in an image (`check
    --images`) names the image as `path`; `start`/`end` and line:col then point into the text read
    from it (its metadata, then the words recognised in it), and `region` is where those words stand
    in the picture (None for metadata and for every finding in a post).
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
    values: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    in_path: tuple[int, int] | None = None  # found in the file name (it becomes the URL): `path[a:b]`
    lang: str | None = field(default=None, compare=False, repr=False)
    region: Region | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["values"]
        data["in_path"] = list(self.in_path) if self.in_path else None
        del data["lang"]
        data["category"] = str(self.category)
        data["severity"] = str(self.severity)
        return data
