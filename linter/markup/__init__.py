"""Source files become plain text plus an offset map back to the source.

Checks never see markup. `extract()` returns the text a reader would read, the map from it to the
source file, zones (code, front matter, link targets, alt text, headings) that some categories
treat differently, and the inline suppression directives found in comments. The readers live in
`markdown.py` (with `frontmatter.py`) and `html.py`; `base.py` holds what they share.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from .base import Directive, Zone, parse_directive, url_zones
from ..textmap import OffsetMap, line_end

__all__ = ["MARKUPS", "MARKUP_BY_SUFFIX", "Directive", "Extracted", "Zone", "extract", "markup_for",
           "read_markup"]

log = logging.getLogger("postlint")

MARKUP_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "mdx",
    ".html": "html", ".htm": "html",
    ".txt": "text", ".rst": "text",
}
MARKUPS = ("markdown", "mdx", "html", "text")
# what may stand before a directive on a plain-text line: nothing, or a comment marker
_TEXT_COMMENT_PREFIX = re.compile(r"(?:#+|//|\.\.|<!--|\{/\*|/\*|--|;+|%+|rem)?", re.IGNORECASE)
_COMMENT_CLOSERS = ("-->", "*/}", "*/")


@dataclass(slots=True)
class Extracted:
    text: str
    offsets: OffsetMap
    zones: list[Zone] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. front matter that did not parse
    declared_lang: str | None = None  # what the markup says the post's language is, as written


def markup_for(path: str | None) -> str:
    """The markup kind of a path by its suffix; unknown suffixes and stdin read as plain text."""
    if not path:
        return "text"
    return MARKUP_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


def extract(source: str, markup: str) -> Extracted:
    """Turn `source` written in `markup` ("markdown", "mdx", "html" or "text") into plain text.

    Never raises: should a reader fail on some input, the source is checked as plain text.
    """
    try:
        return read_markup(source, markup)
    except Exception as exc:  # a reader's bug must not cost the user the whole check
        # no traceback and no message: either could quote the post
        log.warning("could not read the %s markup (%s); checking the file as plain text", markup,
                    type(exc).__name__)
        return extract_text(source)


def read_markup(source: str, markup: str) -> Extracted:
    """`extract()` without the safety net: a reader's exception propagates (for tests)."""
    # the readers are imported when a file needs them: a re-check answered from the cache never does
    if markup in ("markdown", "mdx"):
        from .markdown import extract_markdown

        writer, directives = extract_markdown(source, mdx=markup == "mdx")
    elif markup == "html":
        from .html import extract_html

        writer, directives = extract_html(source)
    else:
        return extract_text(source)
    text, offsets, zones = writer.finish()
    return Extracted(text, offsets, zones, directives, writer.warnings, writer.declared_lang)


def extract_text(source: str) -> Extracted:
    """Plain text maps to itself; `postlint-...` lines (e.g. `.. postlint-disable X -- why`) are
    directives and URLs are `link` zones."""
    return Extracted(source, OffsetMap.identity(len(source)), url_zones(source),
                     text_directives(source))


def text_directives(source: str) -> list[Directive]:
    directives = []
    pos = source.find("postlint-")
    while pos >= 0:
        newline = source.rfind("\n", 0, pos) + 1
        line_start = max(newline, source.rfind("\r", newline, pos) + 1)
        end_of_line = line_end(source, pos)
        prefix = source[line_start:pos].strip()
        if _TEXT_COMMENT_PREFIX.fullmatch(prefix):
            body = source[pos:end_of_line].rstrip()
            for closer in _COMMENT_CLOSERS:
                if body.endswith(closer):
                    body = body[:-len(closer)]
                    break
            indent = source[line_start:pos]
            start = line_start + len(indent) - len(indent.lstrip())
            end = line_start + len(source[line_start:end_of_line].rstrip())
            directive = parse_directive(body, start, end)
            if directive is not None:
                directives.append(directive)
        pos = source.find("postlint-", end_of_line)
    return directives
