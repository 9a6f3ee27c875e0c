"""File names: the part of a post's path that becomes its URL (`slug_span`), and the findings of
the kinds that look there (codenames and customers in a slug leak as surely as in the text)."""

from __future__ import annotations

from collections.abc import Iterable

from ..checks import Check
from ..document import Document
from ..finding import Finding

_PAGE_BUNDLE = frozenset({"index", "_index", "readme"})  # Hugo and others: the folder is the slug


def slug_span(path: str | None) -> tuple[int, int] | None:
    """Where in `path` the part that becomes a post's URL stands: its file name without the
    suffix, or the folder's name for an `index.md`. None for standard input."""
    if not path or path == "-":
        return None
    name_start = max(path.rfind("/"), path.rfind("\\")) + 1
    stem_end = path.rfind(".", name_start + 1)
    stem_end = stem_end if stem_end > name_start else len(path)
    if path[name_start:stem_end].lower() in _PAGE_BUNDLE and name_start > 1:
        folder_start = max(path.rfind("/", 0, name_start - 1), path.rfind("\\", 0, name_start - 1)) + 1
        return folder_start, name_start - 1
    return name_start, stem_end


def in_file_name(document: Document, checks: Iterable[Check]) -> list[Finding]:
    """Codenames and customers in the post's file name: it becomes the page's URL."""
    span = slug_span(document.path)
    if span is None:
        return []
    assert document.path is not None
    findings = []
    for check in checks:
        for hit in check.run_on_name(document.path[span[0]:span[1]], document):
            findings.append(check.rule.finding(document.source, document.lines, 0, 0, values=hit.values,
                                               severity=hit.severity, path=document.path,
                                               in_path=(span[0] + hit.start, span[0] + hit.end),
                                               evidence=hit.evidence))
    return findings
