"""`--format text` (linter/report/text.py): the place, the line with the match underlined, why, fix."""

from __future__ import annotations

from linter.report import FileResult
from linter.report.text import EXCERPT, excerpt, render


def underlined(block: str) -> tuple[str, str]:
    """The excerpt of the source line shown and the text above the carets, from a rendered finding."""
    lines = block.splitlines()
    shown = next(i for i, line in enumerate(lines) if "^" in line)
    gutter = lines[shown - 1].index("| ") + 2
    start = lines[shown].index("^") - gutter
    return lines[shown - 1][gutter:], lines[shown - 1][gutter + start:gutter + start + lines[shown].count("^")]


def test_a_long_line_is_shown_as_a_window_around_the_match(plain_linter):
    filler = "We rebuilt the release pipeline and every team helped with the migration. " * 8
    source = filler + "Write to jane.doe@gmail.com for the details. " + filler + "\n"
    findings = plain_linter.lint(source, path="post.md", as_of="2026-11-25")
    assert [f.code for f in findings] == ["PII-EMAIL"]
    shown, above_carets = underlined(render([FileResult("post.md", findings, source)]))
    assert above_carets == "jane.doe@gmail.com"
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == EXCERPT + 2


def test_a_short_line_is_shown_whole(plain_linter):
    source = "Write to jane.doe@gmail.com today.\n"
    findings = plain_linter.lint(source, path="post.md", as_of="2026-11-25")
    shown, above_carets = underlined(render([FileResult("post.md", findings, source)]))
    assert shown == source.strip() and above_carets == "jane.doe@gmail.com"


def test_excerpt_edges():
    line = "x" * 50 + "MATCH" + "y" * 300
    text, start, width = excerpt(line, 50, 5, size=40)
    assert text[start:start + width] == "MATCH" and text.startswith("…") and text.endswith("…")
    text, start, width = excerpt(line, 0, 3, size=40)  # at the start: nothing cut before
    assert start == 0 and not text.startswith("…") and text.endswith("…")
    text, start, width = excerpt(line, len(line) - 4, 4, size=40)  # at the end: nothing cut after
    assert text[start:start + width] == "yyyy" and text.startswith("…") and not text.endswith("…")
    text, start, width = excerpt(line, 10, 200, size=40)  # a match longer than the window
    assert start == 1 and width == 40 and text == "…" + line[10:50] + "…"
