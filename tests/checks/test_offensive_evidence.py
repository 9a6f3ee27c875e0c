"""DER-OFFENSIVE decides from evidence: a model's reading of a unit as offensive is reported only
when its harsh words are said of someone (a person, a group, the reader), and never in a block
quote or a changelog entry. Each case pairs a unit the model scores at or above its threshold
and the evidence drops (a thing, the speaker, the reader as one who might undergo something, a
quotation, a commit title) with its near miss that stays a finding, in English and in Spanish."""

import sys

import pytest

from conftest import AS_OF, JUDGE_RULE, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

STATEMENT_RULES = ("DER-HOSTILE-GROUP", "DER-HOSTILE-PEOPLE", "DER-THREAT-AIMED")  # they report some first
CHANGE = " [#30101](https://github.com/nodejs/node/pull/30101)"


@pytest.fixture(scope="module")
def english():
    from linter import Linter

    return Linter({"rules": {code: "off" for code in STATEMENT_RULES}})


def offensive(linter, text, code="DER-OFFENSIVE", lang=None):
    return [f for f in linter.lint(text, path="post.md", as_of=AS_OF, lang=lang) if f.code == code]


def scores(texts):
    from quality import model_scores  # benchmarks/quality.py: each text's highest unit score through the cascade

    return model_scores(texts)


@pytest.mark.parametrize(("clean", "found"), [
    # a thing, not a person: the heading of a post on load balancing
    ("What about dumb routing?", "You're lazy, so you just skip the stupid things."),
    # the speaker's own: self-deprecation about one's design
    ("I'm lazy, so I just skip the stupid things.", "You're lazy, so you just skip the stupid things."),
    # the reader as one who may have undergone something: empathy, not an attack
    ("You may have been called stupid at school.", "You are stupid, shut up."),
])
def test_harsh_words_need_someone_they_are_said_of(english, clean, found):
    from quality import _cascade

    threshold = _cascade().threshold
    # both read as offensive by the model alone (int8 encoder: scores agree to ~1e-3 across CPUs,
    # every score here is 0.69 or more against a threshold of 0.43)
    assert all(p >= threshold + 0.1 for p in scores([clean, found]))
    assert offensive(english, clean) == []
    hit = offensive(english, found)
    assert hit and [e.reason for e in hit[0].evidence] == ["aimed"] and hit[0].evidence[0].side == "for"


def test_a_block_quote_is_a_quotation_not_the_authors_words(english):
    line = "You are a disgusting liar and everyone knows it, shut up."
    assert offensive(english, f"Notes from the talk.\n\n> {line}\n> [Some Novel][quote]\n") == []
    assert offensive(english, f"Notes from the talk.\n\n{line}\n")


def test_a_changelog_entry_is_a_commit_title(english):
    entry = "- **readline**: you are a disgusting liar and everyone knows it, shut up"
    assert offensive(english, entry + CHANGE) == []
    assert offensive(english, entry)


def test_the_spanish_judge_weighs_the_same_evidence(pack_linter):
    linter = pack_linter(JUDGE_RULE)
    line = "Tú no tienes ni idea de nada, cállate ya y vete."
    hit = offensive(linter, line, "DER-X", "es")
    # the judge scores it 0.54 against a threshold of 0.5 set here (the head is float numpy: stable to 1e-6)
    assert hit and [e.text for e in hit[0].evidence] == ["dicho de una persona, de un grupo o del lector"]
    assert offensive(linter, f"Notas de la charla.\n\n> {line}\n", "DER-X", "es") == []
    assert offensive(linter, "- **repl**: " + line[:-1] + CHANGE, "DER-X", "es") == []


@pytest.mark.parametrize("clean", [
    "Qué enrutamiento más estúpido tiene tu balanceador.",  # a thing (0.89 by the judge)
    "Soy un vago, así que me salto las cosas estúpidas que la gente no necesita.",  # the speaker (0.89)
    "Puede que te hayan insultado y te hayan mandado callar.",  # the reader who may have undergone it (0.63)
])
def test_harsh_words_need_someone_they_are_said_of_in_spanish(pack_linter, clean):
    from linter.multilingual import load_judge

    linter = pack_linter(JUDGE_RULE)
    # read as offensive by the judge alone (probability above 0.6, threshold 0.5 here): the evidence drops it
    assert load_judge("offensive-multi").logits([clean])[0] > 0.4
    assert offensive(linter, clean, "DER-X", "es") == []
    assert offensive(linter, "Te han insultado y te han mandado callar, vete.", "DER-X", "es")  # its near miss (0.63)


@pytest.mark.parametrize(("post", "path"), [
    ("Intro.\n\n> A quoted line.\n> Another one.\n\nAfter.", "post.md"),
    ("<p>Intro.</p><blockquote><p>A quoted line.</p></blockquote><p>After.</p>", "post.html"),
])
def test_block_quotes_are_a_zone(post, path):
    from linter.document import Document

    document = Document.create(post, path=path)
    start = document.text.index("A quoted line.")
    assert "quote" in document.zones_at(start, start + len("A quoted line."))
    after = document.text.index("After.")
    assert "quote" not in document.zones_at(after, after + len("After."))
