"""File-level suppressions and quoted blocks (linter/suppress.py), through real Markdown, HTML and text.

`<!-- postlint-disable-file quoted -- reason -->` lets every `postlint-begin-quoted` ...
`postlint-end-quoted` block of the file quote what the rules flag (the written policy's examples);
everything outside the blocks is checked as before, and a block that cannot work is reported.
"""

from __future__ import annotations

from linter.engine import Post

ALLOW = "<!-- postlint-disable-file quoted -- this page quotes what the rules flag, as examples -->\n"
QUOTED = ("<!-- postlint-begin-quoted -->\n\n- “Reach Jane at jane.doe@gmail.com for details.”\n\n"
          "<!-- postlint-end-quoted -->\n")
OUTSIDE = "\nAlso write to bob.smith@gmail.com please.\n"


def found(linter, text: str, path: str = "policy.md") -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in linter.lint(text, path=path)]


def messages(linter, text: str, path: str = "policy.md") -> list[str]:
    return [f.message for f in linter.lint(text, path=path) if f.code.endswith("-DIRECTIVE")]


def test_a_quoted_block_is_let_through_and_the_rest_of_the_file_is_checked(plain_linter):
    assert found(plain_linter, ALLOW + "\n# Policy\n\n" + QUOTED + OUTSIDE) == [(11, "PII-EMAIL")]


def test_the_same_file_without_the_file_directive_reports_both_and_says_why(plain_linter):
    text = "# Policy\n\n" + QUOTED + OUTSIDE
    assert found(plain_linter, text) == [(3, "PII-DIRECTIVE"), (5, "PII-EMAIL"), (9, "PII-EMAIL")]
    assert "no postlint-disable-file quoted in the file" in messages(plain_linter, text)[0]


def test_the_file_directive_needs_a_reason(plain_linter):
    text = ALLOW.replace(" -- this page quotes what the rules flag, as examples", "") + QUOTED
    assert found(plain_linter, text) == [(1, "PII-DIRECTIVE"), (2, "PII-DIRECTIVE"), (4, "PII-EMAIL")]
    assert "gives no reason, so it silences nothing" in messages(plain_linter, text)[0]


def test_a_block_left_open_silences_nothing(plain_linter):
    """Deleting the end marker by hand must not hide the rest of the file."""
    text = ALLOW + QUOTED.replace("<!-- postlint-end-quoted -->\n", "") + OUTSIDE
    assert found(plain_linter, text) == [(1, "PII-DIRECTIVE"), (2, "PII-DIRECTIVE"), (4, "PII-EMAIL"),
                                         (7, "PII-EMAIL")]
    assert "has no postlint-end-quoted after it" in " ".join(messages(plain_linter, text))


def test_an_end_without_a_begin_and_a_nested_begin_are_reported(plain_linter):
    text = ALLOW + "<!-- postlint-end-quoted -->\n\n" + QUOTED.replace(
        "\n\n- “", "\n\n<!-- postlint-begin-quoted -->\n\n- “")
    assert [m.split(":")[0] for m in messages(plain_linter, text)] == [
        "postlint-end-quoted ends nothing", "postlint-begin-quoted inside a quoted block that is still open"]
    assert "PII-EMAIL" not in [code for _, code in found(plain_linter, text)]  # the outer block still works


def test_a_file_directive_with_nothing_quoted_is_reported_as_unused(plain_linter):
    text = ALLOW + "\nWe shipped faster builds this week.\n"
    assert found(plain_linter, text) == [(1, "PII-DIRECTIVE")]
    assert "silenced nothing" in messages(plain_linter, text)[0]


def test_disable_file_with_a_code_silences_it_everywhere_and_only_it(plain_linter):
    text = ("<!-- postlint-disable-file PII-EMAIL -- a list of our public press contacts -->\n\n"
            "Write to press.team@gmail.com or jane.doe@gmail.com.\n\nCall 212-555-0147 today.\n")
    assert found(plain_linter, text) == [(5, "PII-PHONE")]
    unused = "<!-- postlint-disable-file PII-CARD -- none here -->\n\nNothing to see.\n"
    assert "postlint-disable-file PII-CARD silenced nothing: there is no PII-CARD finding in the file." \
        in messages(plain_linter, unused)


def test_quoted_blocks_work_in_html_and_plain_text(plain_linter):
    page = ("<html><body>" + ALLOW + "<!-- postlint-begin-quoted --><p>Reach Jane at jane.doe@gmail.com.</p>"
            "<!-- postlint-end-quoted --><p>Also bob.smith@gmail.com.</p></body></html>")
    assert [code for _, code in found(plain_linter, page, "policy.html")] == ["PII-EMAIL"]
    assert "bob.smith" in plain_linter.lint(page, path="policy.html")[0].match
    text = ("# postlint-disable-file quoted -- examples\n# postlint-begin-quoted\nReach jane.doe@gmail.com.\n"
            "# postlint-end-quoted\nAlso bob.smith@gmail.com.\n")
    assert found(plain_linter, text, "policy.txt") == [(5, "PII-EMAIL")]


def test_the_quoted_word_means_nothing_to_other_directives(plain_linter):
    text = "<!-- postlint-disable quoted -- examples -->\n\nReach jane.doe@gmail.com.\n"
    assert [code for _, code in found(plain_linter, text)][1:] == ["PII-EMAIL"]
    assert "(quoted blocks are let through by postlint-disable-file quoted)" in messages(plain_linter, text)[0]


def test_library_posts_honour_them_too(plain_linter):
    ((_, findings),) = list(plain_linter.lint_documents([plain_linter.document(Post(ALLOW + QUOTED, path="p.md"))]))
    assert findings == []
