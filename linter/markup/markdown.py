"""Markdown (CommonMark, tables, strikethrough; MDX) to plain text with exact offsets.

markdown-it-py parses; its block tokens carry line ranges (`.map`) and its inline tokens carry the
text a reader reads. Each inline token is found in the source inside its block's lines, moving a
cursor forward, so every copied character keeps its true offset. Everything that is not text
(emphasis markers, link destinations, code-span backticks, tags) is stepped over by the cursor.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from ..textmap import LINE_BREAK
from .base import Directive, TextWriter, parse_directive
from .frontmatter import read_front_matter
from .html import HtmlReader
from .links import inline_destination, reference_definition

MAX_NESTING = 20  # markdown-it's own guard; deeper containers are read as raw lines
FIND_WINDOW = 4096  # how far past the cursor an inline token may stand (markup in between)
CONTAINERS = frozenset({"blockquote_open", "list_item_open"})
LEAF_BLOCKS = frozenset({"inline", "fence", "code_block", "html_block", "hr", "heading_open",
                         "table_open"})
_MDX_ESM = re.compile(r"(?:import|export)\b")
_MARKUP_RUN = re.compile(r"[*_~`\[\]!()<>#|\\ \t]*")


@functools.cache
def _markdown() -> MarkdownIt:
    # text_join would merge escapes and entities into plain text; kept apart they map exactly
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.disable("text_join")
    # URLs are read from the source, never from tokens: skip percent-encoding them (~15% of a parse)
    md.normalizeLink = md.normalizeLinkText = _unchanged  # type: ignore[method-assign,assignment]
    return md


def _unchanged(url: str) -> str:
    return url


def extract_markdown(source: str, *, mdx: bool = False) -> tuple[TextWriter, list[Directive]]:
    """Read a Markdown (or MDX) post: front-matter fields, then the body."""
    writer = TextWriter()
    directives: list[Directive] = []
    front = read_front_matter(source)
    writer.warnings.extend(front.warnings)
    writer.declared_lang = front.lang
    for start, end, value in front.fields:
        writer.open("front_matter")
        writer.align(value, source, start, end)
        writer.close("front_matter")
        writer.break_block()
    env: dict[str, Any] = {}
    tokens = _markdown().parse(source[front.body_start:], env)
    reader = _MarkdownReader(source, front.body_start, writer, directives, mdx=mdx)
    if mdx:
        writer.hide(_mdx_comments(source, front.body_start, reader.code_ranges(tokens), directives))
    reader.run(tokens, env.get("references") or {})
    directives.sort(key=lambda d: d.start)
    return writer, directives


def _mdx_comments(source: str, start: int, code: list[tuple[int, int]],
                  directives: list[Directive]) -> list[tuple[int, int]]:
    """`{/* ... */}` comments outside code: their directives, and their ranges (to hide)."""
    code_starts = [s for s, _ in code]
    found = []
    pos = source.find("{/*", start)
    while pos >= 0:
        end = source.find("*/}", pos + 3)
        if end < 0:
            break
        i = bisect.bisect_right(code_starts, pos) - 1
        if i < 0 or code[i][1] <= pos:
            directive = parse_directive(source[pos + 3:end], pos, end + 3)
            if directive is not None:
                directives.append(directive)
            found.append((pos, end + 3))
        pos = source.find("{/*", end + 3)
    return found


class _MarkdownReader:
    """Walks markdown-it's tokens and writes the text a reader reads, with source offsets."""

    def __init__(self, source: str, body_start: int, writer: TextWriter,
                 directives: list[Directive], *, mdx: bool) -> None:
        self.src = source
        self.w = writer
        self.mdx = mdx
        self.html = HtmlReader(writer, directives)
        self.lines = [body_start] + [m.end() for m in LINE_BREAK.finditer(source, body_start)]
        self.cursor = body_start
        self.has_cr = "\r" in source
        self.definitions: list[tuple[int, int, int]] = []  # (line, start, end) of definitions' URLs
        self.labels: dict[str, Any] = {}  # markdown-it's reference definitions by normalised label

    # --- positions -------------------------------------------------------------------------

    def line_start(self, line: int) -> int:
        return self.lines[line] if line < len(self.lines) else len(self.src)

    def line_end(self, line: int) -> int:
        """The end of a line before its line break."""
        start, end = self.line_start(line), self.line_start(line + 1)
        if end > start and self.src[end - 1] == "\n":
            end -= 1
        if end > start and self.src[end - 1] == "\r":
            end -= 1
        return end

    def find(self, needle: str, limit: int) -> int:
        window = self.cursor + len(needle) + FIND_WINDOW
        found = self.src.find(needle, self.cursor, min(limit, window))
        if found < 0 and window < limit:
            # a long run of markup (50,000 emphasis markers) may stand before it: step over the run
            start = _MARKUP_RUN.match(self.src, self.cursor, limit).end()  # type: ignore[union-attr]
            if start > self.cursor:
                found = self.src.find(needle, start, min(limit, start + len(needle) + FIND_WINDOW))
        return found

    def code_ranges(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        return [(self.line_start(t.map[0]), self.line_start(t.map[1])) for t in tokens
                if t.type in ("fence", "code_block") and t.map]

    # --- blocks ----------------------------------------------------------------------------

    def run(self, tokens: Sequence[Token], references: dict[str, Any]) -> None:
        self.labels = references
        if references:
            self._find_definitions(tokens)
        limits = [len(self.src)]
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if tok.map:
                self._flush_definitions(tok.map[0])
            if kind == "inline":
                if tok.map:
                    self.cursor = max(self.cursor, self.line_start(tok.map[0]))
                limit = self.line_start(tok.map[1]) if tok.map else limits[-1]
                self._inline(tok.children or [], limit)
            elif kind in ("fence", "code_block"):
                self._code_block(tok)
            elif kind == "html_block":
                self._html_block(tok)
            elif tok.nesting == 1:
                if tok.map and kind in CONTAINERS and tok.level + 1 >= MAX_NESTING:
                    self._raw_lines(tok.map)  # markdown-it stops this deep: take the raw lines
                    i = _matching_close(tokens, i) + 1
                    continue
                if self.mdx and kind == "paragraph_open" and tok.level == 0 and i + 1 < n \
                        and _MDX_ESM.match(tokens[i + 1].content):
                    if tok.map and tokens[i + 1].content.startswith("export"):
                        self._raw_lines(tok.map, "code")  # `export const meta = {...}` is published
                    i = _matching_close(tokens, i) + 1  # an MDX import/export is code, not prose
                    continue
                self.w.break_block()
                if kind == "heading_open":
                    self.w.open("heading")
                elif kind == "blockquote_open":
                    self.w.open("quote")
                limits.append(self.line_start(tok.map[1]) if tok.map else limits[-1])
            elif tok.nesting == -1:
                if kind == "heading_close":
                    self.w.close("heading")
                elif kind == "blockquote_close":
                    self.w.close("quote")
                self.html.end_scope()
                self.w.break_block()
                if len(limits) > 1:
                    limits.pop()
            else:
                self.w.break_block()
            i += 1
        self._flush_definitions(len(self.lines) + 1)

    def _code_block(self, tok: Token) -> None:
        if not tok.map:
            return
        first = tok.map[0] + (1 if tok.type == "fence" else 0)
        content = tok.content
        lines = content.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        self.w.break_block()
        self.w.open("code")
        _, _, shown = tok.info.strip().partition(" ")  # ```js title="nightjar.js": many sites show it
        if tok.type == "fence" and shown.strip():
            at = self.src.find(shown.strip(), self.line_start(tok.map[0]), self.line_end(tok.map[0]))
            if at >= 0:
                self.w.copy(shown.strip(), at)
                self.w.close("code")
                self.w.break_block()
                self.w.open("code")
        start, end = self.line_start(first), self.line_start(first + len(lines))
        raw = self.src[start:end]
        if raw == content or raw + "\n" == content:
            self.w.copy(raw.rstrip("\n"), start)
        else:
            for index, line in enumerate(lines):
                number = first + index
                line_start, line_end = self.line_start(number), self.line_end(number)
                if index:
                    self._copy_break(self.line_end(number - 1), line_start)
                if self.src.endswith(line, line_start, line_end):
                    self.w.copy(line, line_end - len(line))
                else:
                    self.w.align(line, self.src, line_start, line_end)
        self.w.close("code")
        self.w.break_block()
        self.cursor = max(self.cursor, self.line_start(tok.map[1]))

    def _html_block(self, tok: Token) -> None:
        if not tok.map:
            return
        start, end = self.line_start(tok.map[0]), self.line_start(tok.map[1])
        first_line = tok.content.split("\n", 1)[0]
        found = self.src.find(first_line, start, end) if first_line else -1
        if found >= 0:
            start = found  # leave out a container's `> ` or `- ` before the tag
        self.w.break_block()
        self.html.feed(self.src[start:end].rstrip("\r\n"), start)
        self.html.end_scope()
        self.w.break_block()
        self.cursor = max(self.cursor, end)

    def _raw_lines(self, line_range: list[int], zone: str | None = None) -> None:
        start, end = self.line_start(line_range[0]), self.line_start(line_range[1])
        self.w.break_block()
        if zone:
            self.w.open(zone)
        self.w.copy(self.src[start:end].rstrip("\r\n"), start)
        if zone:
            self.w.close(zone)
        self.w.break_block()
        self.cursor = max(self.cursor, end)

    def _copy_break(self, line_end: int, next_start: int) -> None:
        """The line break between `line_end` and `next_start`, as one `\\n` (or a lone `\\r`)."""
        if next_start > line_end:
            if self.src[next_start - 1] == "\n":
                self.w.copy("\n", next_start - 1)
            else:
                self.w.copy(self.src[line_end], line_end)

    # --- reference definitions ---------------------------------------------------------------

    def _find_definitions(self, tokens: Sequence[Token]) -> None:
        """URLs of `[label]: url` definitions: markdown-it keeps no tokens for them, so look at
        the lines no leaf block covers."""
        covered = bytearray(len(self.lines) + 1)
        for tok in tokens:
            if tok.map and tok.type in LEAF_BLOCKS:
                first, last = tok.map[0], min(tok.map[1], len(covered))
                covered[first:last] = b"\x01" * (last - first)
        for line in range(len(self.lines)):
            if covered[line]:
                continue
            found = reference_definition(self.src, self.line_start(line), self.line_end(line))
            if found:
                (url_start, url_end), title = found
                self.definitions.append((line, url_start, url_end, title))
        self.definitions.reverse()  # taken from the end, in document order

    def _flush_definitions(self, before_line: int) -> None:
        while self.definitions and self.definitions[-1][0] < before_line:
            _, start, end, title = self.definitions.pop()
            self.w.break_block()
            self.w.link(self.src[start:end], start)
            if title:
                self.w.break_block()
                self.w.open("title")
                self.w.copy_decoded(self.src[title[0]:title[1]], title[0])
                self.w.close("title")
            self.w.break_block()

    # --- inline ----------------------------------------------------------------------------

    def _inline(self, children: Sequence[Token], limit: int) -> None:
        hrefs: list[str | None] = []  # of the links open at this point
        i, n = 0, len(children)
        while i < n:
            tok = children[i]
            kind = tok.type
            if kind == "text":
                self._text(tok.content, limit)
            elif kind == "text_special":
                self._special(tok, limit)
            elif kind in ("softbreak", "hardbreak"):
                self._line_break(limit)
            elif kind == "code_inline":
                self._code_span(tok, limit)
            elif kind == "html_inline":
                self._html_inline(tok.content, limit)
            elif kind == "link_open":
                if tok.markup == "autolink":
                    self._autolink(limit)
                    while i + 1 < n and children[i + 1].type != "link_close":
                        i += 1
                    i += 1  # the autolink's link_close: its URL is already written
                else:
                    hrefs.append(_attr(tok, "href"))
                    found = self.find("[", limit)
                    if found >= 0:
                        self.cursor = found + 1
            elif kind == "link_close":
                self._destination(limit, hrefs.pop() if hrefs else None)
            elif kind == "image":
                found = self.find("![", limit)
                if found >= 0:
                    self.cursor = found + 2
                self.w.open("alt")
                self._inline(tok.children or [], limit)
                self.w.close("alt")
                self._destination(limit, _attr(tok, "src"))
            i += 1

    def _text(self, content: str, limit: int) -> None:
        hidden = self.html.hidden  # inside an inline <script> or <style>: published code, not prose
        if hidden:
            self.w.open("code")
        found = self.find(content, limit)
        if found >= 0:
            self.w.copy(content, found)
            self.cursor = found + len(content)
        else:
            self.cursor = self.w.align(content, self.src, self.cursor, limit)
        if hidden:
            self.w.close("code")

    def _special(self, tok: Token, limit: int) -> None:
        """A backslash escape (`\\*`) or a character reference (`&amp;`)."""
        found = self.find(tok.markup, limit) if tok.markup else -1
        if found < 0:
            self._text(tok.content, limit)
            return
        if not self.html.hidden:
            if tok.info == "escape":
                self.w.copy(self.src[found + 1:found + len(tok.markup)], found + 1)
            else:
                self.w.replace(tok.content, found, found + len(tok.markup))
        self.cursor = found + len(tok.markup)

    def _line_break(self, limit: int) -> None:
        if self.w.at_block_start:
            return  # only hidden text (an MDX comment) came before it in this block
        newline = self.src.find("\n", self.cursor, limit)
        if self.has_cr:
            cr = self.src.find("\r", self.cursor, newline if newline >= 0 else limit)
            if cr >= 0 and cr + 1 != newline:
                self.w.copy("\r", cr)
                self.cursor = cr + 1
                return
        if newline >= 0:
            self.w.copy("\n", newline)
            self.cursor = newline + 1

    def _code_span(self, tok: Token, limit: int) -> None:
        ticks = tok.markup or "`"
        opening = self.find(ticks, limit)
        if opening < 0:
            return
        start = opening + len(ticks)
        close = self.src.find(ticks, start, limit)
        while close >= 0:
            run_end = close
            while run_end < limit and self.src[run_end] == "`":
                run_end += 1
            if run_end - close == len(ticks):
                break
            close = self.src.find(ticks, run_end, limit)
        end = limit if close < 0 else close
        raw = self.src[start:end]
        self.w.open("code")
        if raw == tok.content:
            self.w.copy(raw, start)
        elif raw[1:-1] == tok.content and raw[:1] in " \n\r" and raw[-1:] in " \n\r":
            self.w.copy(tok.content, start + 1)
        else:
            self.w.align(tok.content, self.src, start, end)
        self.w.close("code")
        self.cursor = end + len(ticks) if close >= 0 else end

    def _html_inline(self, content: str, limit: int) -> None:
        first_line, _, rest = content.partition("\n")
        start = self.find(first_line, limit)
        if start < 0:
            return
        end = start + len(first_line)
        if rest:
            last_line = rest.rsplit("\n", 1)[-1]
            found = self.src.find(last_line, end, limit)
            end = found + len(last_line) if found >= 0 else end
        self.html.feed(self.src[start:end], start)
        self.cursor = end

    def _autolink(self, limit: int) -> None:
        opening = self.find("<", limit)
        closing = self.src.find(">", opening + 1, limit) if opening >= 0 else -1
        if closing < 0:
            return
        if not self.html.hidden:
            self.w.open("link")
            self.w.copy_decoded(self.src[opening + 1:closing], opening + 1)
            self.w.close("link")
            self.w.defer("url_values", self.src[opening + 1:closing], opening + 1)
        self.cursor = closing + 1

    def _destination(self, limit: int, href: str | None) -> None:
        """Step over `](url "title")`, `][ref]`, `][]` or `]` after a link's text; defer an inline
        link's URL (its definition's URL is written where the definition stands)."""
        src = self.src
        bracket = self.find("]", limit)
        if bracket < 0:
            return
        pos = bracket + 1
        if pos < limit and src[pos] == "(":
            inline = inline_destination(src, pos + 1, limit, href)
            if inline is not None:
                self.cursor, (url_start, url_end), title = inline
                if src[url_start:url_end].strip() and not self.html.hidden:
                    self.w.defer("link", src[url_start:url_end], url_start)
                if title and not self.html.hidden:  # a tooltip a reader sees
                    self.w.defer("title", src[title[0]:title[1]], title[0])
                return
        if pos < limit and src[pos] == "[":
            close = src.find("]", pos + 1, limit)
            label = src[pos + 1:close]
            known = not label.strip() or normalizeReference(label) in self.labels
            if close >= 0 and "[" not in label and known:
                self.cursor = close + 1
                return
        self.cursor = pos


def _attr(tok: Token, name: str) -> str | None:
    value = tok.attrs.get(name) if tok.attrs else None
    return value if isinstance(value, str) else None


def _matching_close(tokens: Sequence[Token], index: int) -> int:
    level = tokens[index].level
    for j in range(index + 1, len(tokens)):
        if tokens[j].nesting == -1 and tokens[j].level == level:
            return j
    return len(tokens) - 1
