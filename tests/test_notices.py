"""What a check tells the user that is not a finding (a regex that gave up) is a `Notice` it yields:
the document it read stays as it was read, the linted document carries the notice, the post is not
kept in the findings cache, and the command line prints it as a warning naming the file."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest

from linter.engine import Linter, Post

SLOW_PATTERN = {"code": "CONF-SLOW", "category": "confidential", "severity": "error", "kind": "pattern",
                "pattern": "(a|a)+$", "timeout": 0.2, "message": "'{match}'", "why": "w"}
SLOW_ALLOW = {"code": "PII-MAIL", "category": "pii", "severity": "error", "kind": "entities",
              "entities": ["EMAIL_ADDRESS"], "allow_patterns": ["(a|a)*$"], "message": "'{match}' leaks",
              "why": "w"}
BACKTRACKS = "a" * 5000 + "!"  # `(a|a)+$` tries every split of the a's before it fails at the "!"


def _config(tmp_path, *rules):
    (tmp_path / "pack.yaml").write_text(json.dumps({"rules": list(rules)}), encoding="utf-8")  # JSON is YAML
    config = tmp_path / "postlint.yaml"
    config.write_text("packs: [pack.yaml]\n", encoding="utf-8")
    return config


def _linted(linter, text, path="post.md", lang="en"):
    document = linter.document(Post(text, path=path, lang=lang))
    ((linted, findings),) = list(linter.lint_documents([document]))
    return document, linted, findings


def test_a_rule_that_gives_up_leaves_the_document_as_read(tmp_path, caplog):
    linter = Linter(_config(tmp_path, SLOW_PATTERN))
    with caplog.at_level(logging.WARNING, logger="postlint"):
        document, linted, findings = _linted(linter, BACKTRACKS)
    assert findings == []
    assert document.warnings == () and document.spacy_doc is None and list(document.pii) == []
    (notice,) = linted.warnings
    assert notice.startswith("rule CONF-SLOW gave up after 0.2s")
    assert linted.text == document.text and linted.source == document.source
    assert [r.getMessage() for r in caplog.records] == [f"post.md: {notice}"]  # told once, naming the file
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.warnings = ()  # type: ignore[misc]


def test_a_rule_that_finishes_says_nothing(tmp_path, caplog):
    linter = Linter(_config(tmp_path, SLOW_PATTERN))
    with caplog.at_level(logging.WARNING, logger="postlint"):
        document, linted, findings = _linted(linter, "a" * 5000)  # matches at once: no backtracking
    assert [f.code for f in findings] == ["CONF-SLOW"]
    assert linted is document and linted.warnings == ()
    assert caplog.records == []


@pytest.mark.parametrize("lang, text", [("en", "Write to {}@example.org about the launch."),
                                        ("es", "Escribe a {}@example.org sobre el lanzamiento.")])
@pytest.mark.parametrize("local, told", [("a" * 40, ["an allow_patterns regex of rule PII-MAIL"]), ("b" * 40, [])])
def test_an_allow_pattern_that_gives_up_allows_nothing_and_says_so(tmp_path, lang, text, local, told):
    """`(a|a)*$` backtracks on the a's before the "@" and fails at once on b's: the address is
    reported either way, and only where the pattern gave up is the user told."""
    linter = Linter(_config(tmp_path, SLOW_ALLOW))
    _, linted, findings = _linted(linter, text.format(local), lang=lang)
    assert [f.match for f in findings] == [local + "@example.org"]
    assert [w.split(" gave up")[0] for w in linted.warnings] == told


def test_a_post_a_rule_gave_up_on_is_checked_again_the_clean_one_is_not(tmp_path, run, monkeypatch):
    _config(tmp_path, SLOW_PATTERN)
    (tmp_path / "slow.md").write_text(BACKTRACKS + "\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing to see here.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = run("check", "slow.md", "clean.md")
    linted: list[str] = []
    lint_documents = Linter.lint_documents

    def counted(self, documents, **options):  # type: ignore[no-untyped-def]
        for document, findings in lint_documents(self, documents, **options):
            linted.append(document.path)
            yield document, findings

    monkeypatch.setattr(Linter, "lint_documents", counted)
    again = run("check", "slow.md", "clean.md")
    assert linted == ["slow.md"]  # clean.md came from the cache
    assert again == first and first[0] == 0
    assert "slow.md: rule CONF-SLOW gave up after 0.2s" in first[2]
