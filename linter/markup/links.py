"""Where a Markdown link's URL and title stand in the source, read from the source itself.

markdown-it hands a link's destination over decoded and keeps no token at all for a reference
definition (`[label]: url "title"`), yet a URL is checked as written, at its true offset. These
scanners find the spans of a definition's URL and title on a line, and of an inline link's
`(url "title")` after its text, checked against the href markdown-it took; `markdown.py` decides
what to write of them.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import unescapeAll

Span = tuple[int, int]

_REFERENCE_DEFINITION = re.compile(
    r"[ \t>]*\[(?:[^\]\\\n]|\\.){1,999}\]:[ \t]*(?:\r?\n[ \t>]*)?(<[^>\n]*>|\S+)"
    r"""(?:[ \t]*(?:\r?\n[ \t>]*)?("[^"]*"|'[^']*'|\([^)]*\)))?""")


def reference_definition(src: str, start: int, end: int) -> tuple[Span, Span | None] | None:
    """The URL and title of a `[label]: url "title"` definition on the line [start, end) (its
    title may stand on the next line), or None when the line holds none."""
    if src.find("]:", start, end) < 0:
        return None
    match = _REFERENCE_DEFINITION.match(src, start, min(len(src), end + 2048))
    if not match:
        return None
    url_start, url_end = match.span(1)
    if src[url_start] == "<":
        url_start, url_end = url_start + 1, url_end - 1
    title = (match.start(2) + 1, match.end(2) - 1) if match.group(2) else None
    return (url_start, url_end), title


def inline_destination(src: str, pos: int, limit: int, href: str | None) -> tuple[int, Span, Span | None] | None:
    """The end of `(url "title")` from `pos` (after its parenthesis), with its URL and title, when
    it is the destination markdown-it took, else None."""
    pos = _skip_space(src, pos, limit)
    if pos < limit and src[pos] == "<":
        close = src.find(">", pos + 1, limit)
        if close < 0:
            return None
        url_start, url_end = pos + 1, close
        pos = close + 1
    else:
        url_start, depth = pos, 0
        while pos < limit:
            ch = src[pos]
            if ch == "\\":
                pos += 2
                continue
            if ch.isspace() or (ch == ")" and not depth):
                break
            depth += (ch == "(") - (ch == ")")
            pos += 1
        pos = url_end = min(pos, limit)
    if href is not None and unescapeAll(src[url_start:url_end]) != href:
        return None
    pos = _skip_space(src, pos, limit)
    title: Span | None = None
    if pos < limit and src[pos] in "\"'(":
        closer = ")" if src[pos] == "(" else src[pos]
        pos += 1
        title_start = pos
        while pos < limit and src[pos] != closer:
            pos += 2 if src[pos] == "\\" else 1
        title = (title_start, min(pos, limit))
        pos = _skip_space(src, pos + 1, limit)
    if pos < limit and src[pos] == ")":
        pos += 1
    return min(pos, limit), (url_start, url_end), title


def _skip_space(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos] in " \t\r\n":
        pos += 1
    return pos
