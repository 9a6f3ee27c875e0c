"""`labelled`: a sensitive value a post states outright, found by what the post calls it.

"my SSN is 078-05-1120", "card 4916 6418 5936 9085, exp 06/29, CVV 789", "su DNI es 48215731A":
a label names a sensitive field, and a value of a plausible shape for that field follows it in the
same sentence, through a copula or a separator ("is", ":", "=", "es", "number", "#"). A strong label
is enough even when the value fails its checksum (the finding then says the value *looks like* one);
a weak label ("paid with") counts only with a valid checksum, and a few shapes need no label at all
(a Luhn-valid card number grouped in fours, an IBAN, coordinates with hemispheres).

What is not a value: placeholders and masks (`XXX-XX-XXXX`, `****1234`, `<password>`, `$TOKEN`),
dummies (`0000`, "the test card", "for demo"), formats ("must be 8 characters", "a six-digit code"),
examples ("e.g.", "such as"), the company's own public numbers (`company.public_numbers`), and
fields a rule ties to public places (a landmark's coordinates in a travel post).

The severity follows the evidence (`_evidence.py`): a strong label, a weak label with a checksum
that holds, a shape proved by its checksum, and someone else's ownership ("his", "Tom's") speak for
the value; a published identifier (CVE-2022-1473), a template filled in at run time
(`v1-deps-{{ checksum }}`) and a value the post calls an example rule it out. For a person's data
(category pii), the author's own ("my PIN", "I was born on") caps it at the rule's `own_severity`,
with its `own_message`, and a code or config sample (example data) weighs against it; a secret
(confidential) works whoever's it is and wherever it is pasted, so neither counts against it.
Label phrases and value shapes are data in the rule packs; the grammar words (copulas, possessives)
come from the post's language unit (`linter/languages/`).

The parts, by concern: `fields.py` (a field's options, compiled), `labels.py` (finding labels),
`values.py` (the value after a label, and what is no value), `owner.py` (whose it is),
`verdict.py` (evidence, severity, message) and `check.py` (the kind, which registers itself).
"""

from .check import LabelledCheck  # importing the package registers the kind

__all__ = ["LabelledCheck"]
