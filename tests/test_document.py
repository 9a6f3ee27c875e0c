"""A `Document` (linter/document.py): the post as the checks see it, every offset traceable."""

from __future__ import annotations

from linter.document import Document


def test_document_maps_a_word_in_the_post_back_to_its_line_and_column() -> None:
    source = "---\ntitle: Launch day\n---\n\nThe **Nightjar** demo.\n\n```\nexport NIGHTJAR_KEY=1\n```\n"
    document = Document.create(source, path="post.md")
    index = document.text.index("Nightjar")
    start, end = document.source_span(index, index + len("Nightjar"))
    assert source[start:end] == "Nightjar"
    assert document.position(start) == (5, 7)
    key = document.text.index("NIGHTJAR_KEY")
    assert "code" in document.zones_at(key, key + 12)
    assert "code" not in document.zones_at(index, index + 8)
