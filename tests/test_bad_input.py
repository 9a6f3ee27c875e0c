"""Bad input gets a clear one-line message and loses nothing: the other files are still checked."""

from __future__ import annotations

import json
import os

import pytest



@pytest.fixture
def tree(tmp_path):
    (tmp_path / "good.md").write_text("Reach Jane at jane.doe@gmail.com.\n")
    return tmp_path


def findings_of(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def test_binary_file_is_an_error_and_the_rest_is_checked(run, tree):
    (tree / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run("check", tree, "--format", "json", "--fail-on", "info")
    assert code == 2 and len(findings_of(out)) == 1  # never 0: a file that cannot be read is not clean
    assert "image.md: is not text" in err and "Traceback" not in err


def test_a_file_of_another_kind_names_the_kinds_postlint_reads(run, tree):
    docx = tree / "launch.docx"  # a Word file is a zip archive
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4)
    code, _, err = run("check", docx)
    assert code == 2 and f"{docx}: is not text" in err
    assert ".md .markdown .mdx .html .htm .txt .rst" in err and "save a .docx file as one of these first" in err
    (tree / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = run("check", tree / "image.md")  # a kind postlint reads, holding no text: no hint to convert
    assert code == 2 and ".md .markdown" in err and "save a" not in err


def test_scan_names_the_exports_it_reads_when_given_a_binary_file(run, tree):
    docx = tree / "posts.docx"
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4)
    code, _, err = run("scan", docx, "--quiet")
    assert code == 2 and "is not a text export" in err and ".jsonl .ndjson .csv .tsv .json" in err
    assert "no text field" not in err and "Traceback" not in err


def test_invalid_utf8_is_decoded_with_a_warning_and_still_checked(run, tree):
    (tree / "latin1.md").write_bytes("Café owner: bob@gmail.com\n".encode("latin-1"))
    code, out, err = run("check", tree / "latin1.md", "--format", "json")
    assert code == 1 and findings_of(out)[0]["match"] == "bob@gmail.com"
    assert "latin1.md: invalid UTF-8 at byte offset 3" in err


def test_empty_file_is_clean(run, tree):
    (tree / "empty.md").write_text("")
    assert run("check", tree / "empty.md")[0] == 0


def test_missing_path_is_an_error_but_the_rest_is_checked(run, tree):
    code, out, err = run("check", tree / "nope.md", tree / "good.md", "--format", "json")
    assert code == 2
    assert "nope.md: no such file or directory" in err
    assert [f["match"] for f in findings_of(out)] == ["jane.doe@gmail.com"]


def test_dangling_symlink_is_an_error_not_a_crash(run, tree):
    os.symlink(tree / "missing-target.md", tree / "dangling.md")
    code, out, err = run("check", tree / "dangling.md", tree / "good.md", "--format", "json")
    assert code == 2 and "dangling.md" in err and len(findings_of(out)) == 1


def test_symlink_loop_is_walked_once(run, tree):
    (tree / "sub").mkdir()
    (tree / "sub" / "post.md").write_text("Falcon\n")
    os.symlink(tree, tree / "sub" / "loop")
    code, out, err = run("check", tree, "--format", "json")
    assert code == 1 and "Traceback" not in err
    assert [f["path"] for f in findings_of(out)] == [str(tree / "good.md")]  # not again via the loop


def test_odd_file_names(run, tree):
    odd = tree / "we ird – naïve.md"
    odd.write_text("Call 212-555-0147\n")
    code, out, _ = run("check", odd, "--format", "json")
    assert code == 1 and findings_of(out)[0]["path"] == str(odd)


def test_broken_config_yaml_exits_two_with_position(run, tree):
    (tree / "postlint.yaml").write_text("company:\n  codenames: [Falcon\n")
    code, _, err = run("check", tree / "good.md")
    assert code == 2 and "postlint.yaml:" in err and "E100 YAML syntax error" in err
    assert "Traceback" not in err


def test_config_that_is_not_a_mapping(run, tree):
    (tree / "postlint.yaml").write_text("- just\n- a list\n")
    code, _, err = run("check", tree / "good.md")
    assert code == 2 and "E102 expected a config" in err
