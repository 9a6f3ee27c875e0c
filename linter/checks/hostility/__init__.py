"""`hostility`: hostile statements about people, read from lemmas and the parse, not from word forms.

A word list finds "I hate Jews" and misses "I despise Jews", "I can't stand them", "Jews are
vermin", "Jews are never any good". This kind reads a sentence as a statement: a hostile predicate
(a verb of hatred, a pejorative said of someone, a threat, a call to throw people out, a negated
word of esteem) tied to a target (a protected group, people named by a role, a person, a pronoun
that points back at one of them). Every word comes from the language's `hostility` word sets
(`linter/languages/words/<lang>/hostility.yaml`), matched by lemma, so one list serves every
rule and every inflection.

What it reads, and the near misses it leaves alone:
- negation from the parse and the clause: "I don't hate X" is not hostile, "I can't stand X" is
  (a tolerance verb negated), "X are not human" is (a word of esteem negated);
- the target's role: "X are tired of racism" (X feels) is not "I'm tired of X" (X is the object);
- reported and quoted hostility ("saying X are animals is wrong", '"X are parasites" is a lie') is
  someone else's; a first person's opinion ("I think X are scum") is the speaker's own;
- disguised spelling: letters swapped or dropped (one edit, words of five letters or more that
  are no word of the language), digits for letters, letters spaced out or glued to the verb.

A sentence is parsed (on demand) only when it holds both a target and a hostile word, so prose
without either costs a few set look-ups per token. Rules choose what they report: `aims` (group,
people, person) and `readings` (derogation, exclusion, threat).

The parts, by concern: `lexicon.py` (the word sets and disguised spelling), `sentence.py` (a
sentence's tokens, targets, pronouns pointing back, negation and reported speech), `statements.py`
(the statement readers), `questions.py` (what the classifier and the sense checker ask) and
`check.py` (the kind, which registers itself).
"""

from .check import HostilityCheck  # importing the package registers the kind
from .questions import aimed_at_people, aims_at_someone, countered, defused

__all__ = ["HostilityCheck", "aimed_at_people", "aims_at_someone", "countered", "defused"]
