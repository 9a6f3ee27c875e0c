from linter.textmap import LineIndex, TextBuilder


def test_builder_maps_copies_replacements_and_insertions():
    source = "a &amp; b"
    builder = TextBuilder()
    builder.copy("a ", 0)
    builder.replace("&", 2, 7)
    builder.insert("\n", 7)
    builder.copy(" b", 7)
    text, offsets = builder.build()
    assert text == "a &\n b"
    assert offsets.span(2, 3) == (2, 7)         # the entity stands for its source
    assert offsets.span(0, 1) == (0, 1)
    assert offsets.span(4, 6) == (7, 9)
    assert source[slice(*offsets.span(0, 6))] == source


def test_line_index_handles_all_line_endings():
    index = LineIndex("one\r\ntwo\rthree\nfour")
    assert index.position(0) == (1, 1)
    assert index.position(5) == (2, 1)
    assert index.position(9) == (3, 1)
    assert index.position(17) == (4, 3)


def test_line_index_of_a_long_text_with_only_line_feeds():
    """The index comes from one scan for \r\n, \r or \n (looking for the next \r from each line
    start was quadratic: hours for a 100 MB file; its speed is measured, not tested, here)."""
    text = "x\n" * 200_000 + "last\r\nend\rz"
    index = LineIndex(text)
    assert index.position(2 * 1234) == (1235, 1)
    assert index.position(text.index("last") + 3) == (200_001, 4)
    assert index.position(text.index("end")) == (200_002, 1)
    assert index.position(len(text) - 1) == (200_003, 1)
