"""HTML (a whole page, or the raw HTML inside Markdown) to plain text with exact offsets.

Python's `html.parser` does the tokenising (with `convert_charrefs=False`, so each character
reference arrives with its own position and maps back to the `&...;` it came from).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .base import Directive, TextWriter, decode_entity, parse_directive

HIDDEN_TAGS = frozenset({"script", "style", "template"})
HEAD_TAGS = frozenset({"title", "meta", "link", "base", "script", "style", "noscript", "template"})
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "title", "tr", "ul",
})
CODE_TAGS = frozenset({"pre", "code", "kbd", "samp", "tt", "var"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data", "srcset", "background"})
META_TEXT_NAMES = frozenset({"description", "og:title", "og:description", "twitter:title",
                             "twitter:description"})
META_NOT_TEXT = frozenset({"viewport", "robots", "referrer", "theme-color", "color-scheme",
                           "format-detection", "generator"})
# Attributes whose value a reader sees (a tooltip, a screen reader, a form) or the page source
# publishes for machines (data-*, an iframe's srcdoc): read as text of the block they stand in.
PUBLISHED_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "aria-roledescription",
                                  "aria-placeholder", "aria-valuetext", "placeholder", "label", "summary",
                                  "abbr", "srcdoc", "value", "download", "content"})
# A JSX component's props (MDX: `<Callout title=... text=...>`) are all text, except these.
NOT_TEXT_PROPS = frozenset({"class", "classname", "id", "style", "key", "ref", "type", "name", "role", "lang",
                            "dir", "width", "height", "rel", "target", "for", "htmlfor", "tabindex", "loading",
                            "decoding", "srcset", "sizes", "align", "variant", "size", "color", "icon"})
# Attributes that name an element for machines (CSS, scripts, the URL's #fragment): published in
# the page's source, read as code (a codename in `id="nightjar-launch"` is out).
MACHINE_ATTRIBUTES = frozenset({"id", "class", "name", "for"})
# Tags whose `href`/`src` the page publishes even in <head> (canonical and alternate URLs, feeds).
HEAD_URL_TAGS = frozenset({"link", "base", "script"})
JSON_LD = "application/ld+json"
_JSON_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\/")  # `\u0040`, `\/` in a JSON string
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class HtmlReader:
    """Writes what a reader of some HTML sees; keeps its state across fragments of one document."""

    def __init__(self, writer: TextWriter, directives: list[Directive]) -> None:
        self.writer = writer
        self.directives = directives
        self.hidden = 0  # inside <script>, <style>, <template>: read as code, never as prose
        self._json_ld = False  # inside <script type="application/ld+json">: published metadata
        self._in_head = False
        self._in_title = False
        self._opened: dict[str, int] = {}  # zones opened by tags (and how often), for end_scope()

    def feed(self, raw: str, base: int) -> None:
        """Read `raw`, which stands at `base` in the source."""
        parser = _Parser(self, raw, base)
        parser.feed(raw)
        parser.close()

    def end_scope(self) -> None:
        """Forget unclosed tags: a Markdown block's inline HTML must not leak into the next one."""
        for kind, count in self._opened.items():
            for _ in range(count):
                self.writer.close(kind)
        self._opened.clear()
        self.hidden = 0
        self._in_head = self._in_title = False

    def _open(self, kind: str) -> None:
        self.writer.open(kind)
        self._opened[kind] = self._opened.get(kind, 0) + 1

    def _close(self, kind: str) -> None:
        if self._opened.get(kind):
            self._opened[kind] -= 1
            self.writer.close(kind)

    def start(self, tag: str, attrs: list[tuple[str, str | None]], pos: int,
              tag_text: str | None) -> None:
        if tag in HEAD_URL_TAGS and not self.hidden:
            for name in ("href", "src"):
                span = _attribute_spans(tag_text, pos).get(name) if attrs else None
                if span and span[1].strip():
                    self.writer.break_block()
                    self.writer.link(span[1], span[0])
                    self.writer.break_block()
        if tag in HIDDEN_TAGS:
            self.hidden += 1
            self._json_ld = self.hidden == 1 and tag == "script" and any(
                k == "type" and (v or "").strip().lower() == JSON_LD for k, v in attrs)
            if self._json_ld:
                self.writer.break_block()
                self._open("metadata")
        if self.hidden:
            return
        if tag == "html" and self.writer.declared_lang is None:
            self.writer.declared_lang = next((v for k, v in attrs if k == "lang" and v), None)
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in HEAD_TAGS:
            self._in_head = False  # as browsers do: body content ends an unclosed <head>
        w = self.writer
        if tag == "title":
            w.break_block()
            self._in_title = True
            self._open("front_matter")
            return
        if tag == "meta":
            names = {(v or "").lower() for k, v in attrs if k in ("name", "property", "itemprop")}
            published = not names & META_NOT_TEXT and not any(k in ("http-equiv", "charset") for k, _ in attrs)
            span = _attribute_spans(tag_text, pos).get("content") if published else None
            if span:
                kind = "front_matter" if names & META_TEXT_NAMES else "metadata"
                w.break_block()
                w.open(kind)
                w.copy_decoded(span[1], span[0])
                w.close(kind)
                w.break_block()
            return
        if self._in_head:
            return
        if tag in BLOCK_TAGS:
            w.break_block()
        elif tag == "br":
            w.break_line()
        if tag in CODE_TAGS:
            self._open("code")
        if tag in HEADING_TAGS:
            self._open("heading")
        if tag == "blockquote":
            self._open("quote")
        if attrs:
            spans = _attribute_spans(tag_text, pos)
            if tag == "img" and "alt" in spans:
                w.open("alt")
                w.copy_decoded(spans["alt"][1], spans["alt"][0])
                w.close("alt")
            component = bool(tag_text) and tag_text[1:2].isupper()  # JSX in MDX: every prop is text
            for name, (start, value) in spans.items():
                if name in URL_ATTRIBUTES:
                    if tag not in HEAD_URL_TAGS:
                        w.defer("link", value, start)
                elif name in MACHINE_ATTRIBUTES:
                    w.defer("code", value, start)
                elif (name in PUBLISHED_ATTRIBUTES or name.startswith("data-") or (
                        component and name not in NOT_TEXT_PROPS)) and not (tag == "img" and name == "alt"):
                    w.defer("attribute", value, start)

    def end(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(self.hidden - 1, 0)
            if self._json_ld and not self.hidden:
                self._json_ld = False
                self._close("metadata")
                self.writer.break_block()
            return
        if self.hidden:
            return
        if tag == "head":
            self._in_head = False
            return
        if tag == "title":
            self._in_title = False
            self._close("front_matter")
            self.writer.break_block()
            return
        if self._in_head:
            return
        if tag in CODE_TAGS:
            self._close("code")
        if tag in HEADING_TAGS:
            self._close("heading")
        if tag == "blockquote":
            self._close("quote")
        if tag in BLOCK_TAGS:
            self.writer.break_block()

    def _visible(self, text: str) -> bool:
        if self.hidden:
            return False
        if self._in_head and not self._in_title:
            if not text.strip():
                return False
            self._in_head = False  # text in <head> starts the body, as in a browser
        return True

    def data(self, text: str, pos: int) -> None:
        if self._json_ld and self.hidden == 1:
            self._json(text, pos)  # JSON-LD: the page's metadata for search engines, published
            return
        if self.hidden:  # a script's or a style sheet's text: no reader sees it, the page's source has it
            code = text.strip()
            if code:
                self.writer.break_block()
                self._open("code")
                self.writer.copy(code, pos + len(text) - len(text.lstrip()))
                self._close("code")
                self.writer.break_block()
            return
        if not self._visible(text):
            return
        if self.writer.inside("code"):
            self.writer.copy(text, pos)
            return
        words = text.strip()  # indentation and line breaks around block tags are not text
        if not words:
            self.writer.space(text, pos)
            return
        lead = len(text) - len(text.lstrip())
        self.writer.space(text[:lead], pos)
        self.writer.copy(words, pos + lead)
        self.writer.space(text[lead + len(words):], pos + lead + len(words))

    def _json(self, text: str, pos: int) -> None:
        """JSON text with its string escapes (`\\u0040`, `\\/`) read as the characters they stand for."""
        done = 0
        for escape in _JSON_ESCAPE.finditer(text):
            self.writer.copy(text[done:escape.start()], pos + done)
            raw = escape.group()
            char = "/" if raw == "\\/" else chr(int(raw[2:], 16))
            if "\ud800" <= char <= "\udfff":
                char = "\ufffd"  # half of a surrogate pair: not a character on its own
            self.writer.replace(char, pos + escape.start(), pos + escape.end())
            done = escape.end()
        self.writer.copy(text[done:], pos + done)

    def reference(self, raw: str, pos: int) -> None:
        if not self._visible(raw):
            return
        decoded = decode_entity(raw)
        if decoded is None:
            self.writer.copy(raw, pos)
        else:
            self.writer.replace(decoded, pos, pos + len(raw))

    def comment(self, body: str, start: int, end: int, body_start: int) -> None:
        """A comment is a suppression directive, or text: it ships in the page's source."""
        directive = parse_directive(body, start, end)
        if directive is not None:
            self.directives.append(directive)
        elif body.strip():  # after the block: a comment inside a word (`jane.doe<!-- -->@...`) must not split it
            self.writer.defer("comment", body, body_start)


class _Parser(HTMLParser):
    """Turns `HTMLParser` callbacks into `HtmlReader` calls with source offsets."""

    def __init__(self, reader: HtmlReader, raw: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self._reader = reader
        self._raw = raw
        self._base = base
        self._lines = line_offsets(raw)

    def _offset(self) -> int:
        """Offset in `raw` of the construct being handled (HTMLParser counts lines by `\\n`)."""
        line, col = self.getpos()
        return self._lines[min(line, len(self._lines)) - 1] + col

    def parse_html_declaration(self, i: int) -> int:
        # CPython's _markupbase raises AssertionError on a malformed `<![...`; a browser shows it
        position = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = position  # it moved the position before raising
            self.handle_data(self.rawdata[i:i + 2])
            return i + 2

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._reader.start(tag, attrs, self._base + self._offset(), self.get_starttag_text())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._reader.end(tag)

    def handle_endtag(self, tag: str) -> None:
        self._reader.end(tag)

    def handle_data(self, data: str) -> None:
        self._reader.data(data, self._base + self._offset())

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def _reference(self, length: int) -> None:
        start = self._offset()
        end = start + length
        if self._raw.startswith(";", end):
            end += 1
        self._reader.reference(self._raw[start:end], self._base + start)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        close = self._raw.find(">", start + 4 + len(data))
        end = len(self._raw) if close < 0 else close + 1
        body = self._raw.find(data, start) if data else -1
        self._reader.comment(data, self._base + start, self._base + end,
                             self._base + (body if body >= 0 else start))


def _attribute_spans(tag_text: str | None, pos: int) -> dict[str, tuple[int, str]]:
    """Each attribute's raw value and its source offset, read from the tag as written."""
    spans: dict[str, tuple[int, str]] = {}
    if not tag_text:
        return spans
    name_end = 1
    while name_end < len(tag_text) and tag_text[name_end] not in " \t\r\n\f/>":
        name_end += 1
    for match in _ATTRIBUTE.finditer(tag_text, name_end):
        name = match.group(1).lower()
        for group in (2, 3, 4):
            if match.group(group) is not None and name not in spans:
                spans[name] = (pos + match.start(group), match.group(group))
                break
    return spans


def line_offsets(text: str) -> list[int]:
    """Start offsets of the `\\n`-separated lines of `text`."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def extract_html(source: str) -> tuple[TextWriter, list[Directive]]:
    """Read an HTML page: the visible text, the title and meta description, zones and directives."""
    writer = TextWriter()
    directives: list[Directive] = []
    HtmlReader(writer, directives).feed(source, 0)
    return writer, directives

