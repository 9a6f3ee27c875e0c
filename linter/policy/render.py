"""The policy document as Markdown (for a repository) or as one self-contained HTML page (to print).

Both show the same headings, anchors and contents; the HTML page renders the Markdown bodies with
markdown-it (raw HTML in a `policy:` paragraph is shown as text, never run), holds its own style
sheet and needs nothing else: no scripts, fonts or images. Both begin with a
`postlint-disable-file quoted` comment and mark each rule entry as a quoted block, so that the
file passes `check` (its examples quote what the rules flag) while the rest is checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape

from markdown_it import MarkdownIt

from .writer import Anchors, PolicyDocument, Section, md_escape

TOC_DEPTH = 2  # the contents list the ten steps and the categories of rules
RULE_DEPTH = 3  # sections this deep are rule entries
BEGIN_QUOTED, END_QUOTED = "<!-- postlint-begin-quoted -->", "<!-- postlint-end-quoted -->"


def file_directive(reason: str) -> str:
    """The comment that lets a document's quoted blocks through `check`, with its reason (our
    own words, one line: never a user's text)."""
    return f"<!-- postlint-disable-file quoted -- {reason} -->"


def _toc_markdown(sections: Sequence[Section], anchors: Anchors, depth: int = 1) -> Iterator[str]:
    for section in sections:
        yield f"{'  ' * (depth - 1)}- [{md_escape(section.title)}](#{anchors.of(section)})"
        if depth < TOC_DEPTH:
            yield from _toc_markdown(section.subsections, anchors, depth + 1)


def _sections_markdown(sections: Sequence[Section], depth: int = 1) -> Iterator[str]:
    for section in sections:
        if section.quoted:
            yield BEGIN_QUOTED
        yield f"{'#' * (depth + 1)} {md_escape(section.title)}"
        if section.body:
            yield section.body
        if section.quoted:
            yield END_QUOTED
        yield from _sections_markdown(section.subsections, depth + 1)


def to_markdown(doc: PolicyDocument) -> str:
    anchors = doc.anchors()
    out = [file_directive(doc.quoted_reason), f"# {md_escape(doc.title)}", doc.preamble, f"## {md_escape(doc.contents)}",
           "\n".join(_toc_markdown(doc.sections, anchors)), *_sections_markdown(doc.sections),
           "---", doc.footer]
    return "\n\n".join(out) + "\n"


PRINT_STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.55 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
       max-width: 46em; margin: 2.5em auto; padding: 0 1.2em; }
h1, h2, h3, h4, nav { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
                      line-height: 1.25; }
h1 { font-size: 1.9em; margin-bottom: .4em; }
h2 { font-size: 1.4em; margin-top: 2em; border-bottom: 1px solid #bbb; padding-bottom: .2em; }
h3 { font-size: 1.15em; margin-top: 1.6em; }
h4 { font-size: 1em; margin: 1.4em 0 .3em; }
nav { border: 1px solid #ccc; padding: .6em 1.2em; margin: 1.5em 0; background: #fafafa; }
nav h2 { border: 0; margin: .3em 0; font-size: 1.1em; }
nav ol { list-style: none; padding-left: 0; margin: .3em 0; }
nav ol ol { padding-left: 1.4em; font-size: .95em; }
a { color: #0b4f8a; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; background: #f2f2f2;
       padding: 0 .2em; }
pre { background: #f2f2f2; padding: .6em .8em; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { padding: 0; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: .35em .6em; text-align: left; vertical-align: top; }
hr { border: 0; border-top: 1px solid #bbb; margin: 2.5em 0 1em; }
.rule { border-left: 3px solid #ddd; padding-left: .9em; margin: 1.2em 0; }
@page { margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  nav { break-after: page; background: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  .rule, li, tr, pre { break-inside: avoid; }
}
"""


def markdown_renderer() -> MarkdownIt:
    """CommonMark with tables; raw HTML is shown as text, never run."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _toc_html(sections: Sequence[Section], anchors: Anchors, depth: int = 1) -> str:
    items = []
    for section in sections:
        inner = _toc_html(section.subsections, anchors, depth + 1) \
            if depth < TOC_DEPTH and section.subsections else ""
        items.append(f'<li><a href="#{escape(anchors.of(section))}">{escape(section.title)}</a>{inner}</li>')
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def _sections_html(sections: Sequence[Section], anchors: Anchors, md: MarkdownIt, depth: int = 1) -> Iterator[str]:
    element = '<article class="rule">' if depth >= RULE_DEPTH else "<section>"
    for section in sections:
        if section.quoted:
            yield BEGIN_QUOTED
        yield element
        yield f'<h{depth + 1} id="{escape(anchors.of(section))}">{escape(section.title)}</h{depth + 1}>'
        if section.body:
            yield md.render(section.body).rstrip("\n")
        if section.quoted:
            yield END_QUOTED
        yield from _sections_html(section.subsections, anchors, md, depth + 1)
        yield "</article>" if depth >= RULE_DEPTH else "</section>"


def to_html(doc: PolicyDocument) -> str:
    md, anchors, title = markdown_renderer(), doc.anchors(), escape(doc.title)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{PRINT_STYLE}</style>",
        "</head>",
        "<body>",
        file_directive(doc.quoted_reason),
        "<main>",
        f'<h1 id="{escape(anchors.title)}">{title}</h1>',
        md.render(doc.preamble).rstrip("\n"),
        f'<nav aria-labelledby="{escape(anchors.contents)}">',
        f'<h2 id="{escape(anchors.contents)}">{escape(doc.contents)}</h2>',
        _toc_html(doc.sections, anchors),
        "</nav>",
        *_sections_html(doc.sections, anchors, md),
        "<hr>",
        "<footer>",
        md.render(doc.footer).rstrip("\n"),
        "</footer>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ])
