RULE = """\
- code: DER-TEST
  category: derogatory
  severity: warning
  kind: terms
  terms: [idiot, bunch of clowns]
  message: "'{match}'"
  why: w
"""


def matches(linter, text):
    return [f.match for f in linter.lint(text)]


def test_whole_words_case_insensitive_and_lemmas(pack_linter):
    linter = pack_linter(RULE)
    assert matches(linter, "IDIOT. Idiots everywhere, a bunch of clowns.") == ["IDIOT", "Idiots", "bunch of clowns"]


def test_no_hits_inside_words(pack_linter):
    assert matches(pack_linter(RULE), "idiotic idiotproof clownsbunch") == []


def test_obfuscated_spellings(pack_linter):
    linter = pack_linter(RULE.replace("kind: terms", "kind: terms\n  obfuscated: true")
                         .replace("[idiot, bunch of clowns]", "[shit, fuck]"))
    assert matches(linter, "sh1t, f*ck, f u c k, fuuuck, s.h.i.t") == ["sh1t", "f*ck", "f u c k", "fuuuck", "s.h.i.t"]
    assert matches(linter, "Scunthorpe shitake? no: shiitake, a55, 1.42.0") == []


def test_inflected_term_matches_only_as_written(pack_linter):
    linter = pack_linter(RULE.replace("[idiot, bunch of clowns]", "[patched]"))
    assert matches(linter, "we patch it; we patched it") == ["patched"]


def test_a_term_inside_an_unless_phrase_is_another_word(pack_linter):
    linter = pack_linter(RULE.replace("[idiot, bunch of clowns]", "[ass, culo]")
                         + "  unless: [kick-ass, kick ass, culo de botella]\n")
    assert matches(linter, "A kick-ass app that will kick ass, what a pain in the ass.") == ["ass"]
    spanish = [f.match for f in linter.lint("Lleva gafas de culo de botella y se cayó de culo.", lang="es")]
    assert spanish == ["culo"]
