"""`Language`: what postlint knows about one language, in one place.

Checks never hard-code words of a language: they ask the document's unit (`document.language`)
for them, the short closed lists as its fields and the long lists through `Language.words(name)`,
read from `linter/languages/words/<code>/<name>.txt`. Adding a language means adding one module
beside `en.py` that defines `UNIT`, its word lists, and the pack terms for it (rules' `xx:` blocks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..vocab import read_list, read_sets

WORDS = Path(__file__).resolve().parent / "words"
"""One folder per language code, one `<name>.txt` per list of `WORD_LISTS`."""

WORD_LISTS: Mapping[str, str] = {
    "first_names": "first names: a capitalised word that is one is evidence of a person "
                   "(`checks/people.py`); a mailbox named after one is a person's (`checks/emails.py`)",
    "person_titles": "titles before a name (Dr., Sra.): evidence of a person (`checks/people.py`)",
    "tech_terms": "technical vocabulary: a cue word next to one is read in its technical sense, and a name "
                  "made of one is no person (`checks/_sense.py`, `checks/people.py`)",
    "org_nouns": "organisations and groups of people, what a reorganisation is of (`checks/_sense.py`)",
    "deal_nouns": "deals between organisations, counted only with a party named (`checks/_sense.py`)",
    "event_nouns": "nouns a change word may modify and still mean the event (`checks/_sense.py`)",
    "contact_cues": "invitations to get in touch: an address after one is a contact point (`checks/emails.py`)",
    "private_cues": "words that make an address someone's private data (`checks/emails.py`)",
    "credit_cues": "phrases that introduce an author line or a credit (`checks/_attribution.py`)",
    "hedge_words": "words that soften an absolute claim into a judgement (practically risk-free) "
                   "(`checks/_sense.py`, sense `hedged`)",
    "measure_nouns": "what a superlative describes when it reports a measurement, not ranks a product "
                     "(the fastest time, the fastest pace possible) (`checks/_sense.py`, sense `measure`)",
    "mention_cues": "words that talk about a word rather than use it (refer to, the term, avoid) "
                    "(`checks/_sense.py`, sense `mention`)",
    "role_mailboxes": "words that make a mailbox a role, team or list (`checks/emails.py`)",
    "placeholder_mailboxes": "tutorial stand-ins for an address, local parts and @domains (`checks/emails.py`)",
    "example_cues": "phrases that introduce an example (for example, e.g., por ejemplo): a value after one in "
                    "its sentence is a documentation value (`checks/_evidence.py`)",
    "version_words": "words before a number that make it a version (version, update to, firmware, versión): "
                     "never an address or a phone (`checks/_evidence.py`)",
    "section_words": "words before a number that make it a section or standard number (section, §, RFC, "
                     "sección, apartado) (`checks/_evidence.py`)",
    "network_cues": "words that make a dotted quad a host's address (server, ssh, router, servidor, red): "
                    "without one it is a version or a section number (`checks/_evidence.py`)",
    "contact_headings": "headings of a public contact block (Media contact, Contacto de prensa): the name, "
                        "number and address under one are published on purpose (`checks/_evidence.py`)",
    "disclosure_cues": "words that pass something on (sharing, here are, os paso, comparto): a marking in their "
                       "sentence marks what the post discloses (`checks/markings.py`)",
    "groups": "groups of people by origin, nationality, religion, gender or sexuality, singular and plural, as "
              "hate speech names them: what `\\L<groups>` stands for in a derogatory rule's pattern "
              "(`checks/pattern.py`)",
}
"""The word lists a language may have, each with what it is for and the code that reads it."""

WORD_SETS: Mapping[str, str] = {
    "hostility": "lemma sets of hostility (verbs, pejoratives, threats, negated esteem, curses), of reported "
                 "speech and of the people a remark may target, by name: one set serves every derogatory rule "
                 "(`checks/hostility.py`, and DER-OFFENSIVE's veto in `checks/classifier.py`)",
}
"""Named word sets a language may have (`words/<code>/<name>.yaml`: set name -> list of lemmas)."""


@dataclass(frozen=True, eq=False)  # eq=False: units are singletons, hashed by identity (memo keys)
class Language:
    """One language's model and words. Every field is read by the code named in its comment.

    Word lists are lower case. A field a language has nothing for may be empty; the checks that
    read it then simply find no cue there.
    """

    code: str
    """ISO 639-1 code, as written in config `lang:`, `--lang`, a rule's `lang:` and a post's `lang`."""
    name: str
    """The language's name in English, for messages."""
    model: str
    """The default spaCy pipeline (config `models:` overrides it): an installed package's name, or
    `blank:xx` for spaCy's bare tokenizer of language xx (no tags, lemmas or entities)."""
    install: str | None
    """The command that installs `model` (`pip install REQUIREMENT`, or for a model whose pip
    metadata clashes with our spaCy, `pip download` and `postlint models install`: `linter/models.py`),
    named in the error or notice when it is missing (None for `blank:`)."""
    negators: frozenset[str]
    """Words that deny what follows in their clause: a rule with `skip_negated` leaves a match
    alone when one stands among the six words before it ("no system is 100% secure").
    `checks/_context.py`."""
    negating_suffix: str
    """A word ending that negates too (English "n't"), or "" for none. `checks/_context.py`."""
    clause_words: tuple[str, ...]
    """Words that start a new clause, so a negation before them does not reach past them ("we
    never slowed down, but this is guaranteed"). `checks/_context.py`."""
    pronouns: frozenset[str]
    """Personal pronouns that carry a name into the next sentence ("Keep Sarah in your thoughts.
    She starts chemo on Monday."). `checks/people.py`."""
    name_particles: tuple[str, ...]
    """Lower-case words that belong inside personal names (van, de, bin): a name with any other
    lower-case word is an NER slip, not a person. `checks/people.py`."""
    money_magnitudes: tuple[str, ...]
    """Words after an amount that scale it ("$185 thousand"). `checks/people.py` (pay_verbs)."""
    currency_words: tuple[str, ...]
    """Currency names written after an amount ("90,000 euros"). `checks/people.py` (pay_verbs)."""
    phone_extensions: tuple[str, ...]
    """How a phone extension is written before its digits ("x204", "ext. 12"), each form in full.
    `checks/phones.py`."""
    articles: frozenset[str] = frozenset()
    """Articles and determiners, whatever their lemma: a rule phrase is in its base form when every
    other word is ("cerrar la oficina" matches "cierran la oficina" though "la" lemmatises to
    "el"). `checks/_phrases.py`."""
    not_names: frozenset[str] = frozenset()
    """Words the language's NER takes for names but that never are one (Spanish "Hola", "Está"):
    stripped from the front of a person entity, which is dropped when nothing else is left.
    `checks/people.py`."""
    fallback: str | None = None
    """A pipeline used, with one notice at load time, when `model` is not installed (None: a
    missing model is an error). Rules that need what the fallback lacks are named in the notice."""
    tested_models: Mapping[str, str] = field(default_factory=dict)
    """Model package -> the version tested with this spaCy release (tests/test_spanish_model.py):
    spaCy's warning W095 (a model trained with an older spaCy) is silenced for exactly these."""
    entity_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Presidio entity type -> the labels this language's NER gives it (PERSON: PER in Spanish
    models). `presidio.py`, `checks/people.py`."""
    presidio_context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Presidio entity type -> words that raise a recognizer's score when they stand close (its
    `context`), for recognizers whose own words are English. `presidio.py`."""
    phone_region: str | None = None
    """The region a number written without + is read in to tell a toll-free line (a business's
    public number, not a person's). `checks/phones.py`."""
    months: tuple[str, ...] = ()
    """The twelve month names, lower case, January first. `format_date`."""
    date_format: str = "{year}-{month:02d}-{day:02d}"
    """How a date reads in a message: `str.format` fields year, day, month (a number) and
    month_name. `format_date`."""
    messages: Mapping[str, str] = field(default_factory=dict)
    """Words checks put into findings' messages (`{until}`, `{entity}`), by key: `until`,
    `until_unset`, `not_set`, and `entity.<PRESIDIO_TYPE>`. `message()`."""
    stop_words: frozenset[str] = frozenset()
    """The language's most frequent short words (articles, prepositions, pronouns, auxiliaries),
    lower case: how `_detect.py` tells a post's language. Words common to several languages count
    for none of them."""
    marks: str = ""
    """Characters this language writes and the others registered rarely do (Spanish ¿ ¡ ñ and
    accented vowels): a word holding one counts as one of its stop words in `_detect.py`."""
    person_pronouns: frozenset[str] = frozenset()
    """Pronouns that refer only to a person (he, her; él, ella): one after a name in its block is
    evidence that the name is a person's. `checks/people.py`."""
    sender_words: tuple[str, ...] = ()
    """Words right before an address or a credit that say who sent or did it ("an email from
    <address>", "#1234 by ana"). `checks/emails.py`, `checks/_attribution.py`."""
    thanks_words: tuple[str, ...] = ()
    """Words that open a credit in brackets ("(thanks to Ana)", "(via @ana)").
    `checks/_attribution.py`."""
    of_words: frozenset[str] = frozenset()
    """Prepositions that say what a noun is of ("reorganisation of the sales team", "gestión de
    quejas", "3 millones de euros", "los robots de Initrode"). `checks/_sense.py` (organisation,
    modifier), `checks/people.py` (money), `checks/_targets.py` (a possessor)."""
    party_words: frozenset[str] = frozenset()
    """Prepositions that name a party to a deal ("acquisition of/by/with Initech"). `checks/_sense.py`."""
    ranked_words: frozenset[str] = frozenset()
    """Prepositions that say among what a superlative ranks ("the number one cause of outages").
    `checks/_sense.py` (predicate)."""
    who_words: frozenset[str] = frozenset()
    """Words that name who a change happens to without a noun (we, they, our; "there will be
    layoffs"). `checks/_sense.py` (organisation)."""
    definite_words: frozenset[str] = frozenset()
    """Determiners that point at a known thing ("the reorg", "our layoffs"). `checks/_sense.py`."""
    copulas: frozenset[str] = frozenset()
    """Lemmas of the verbs that say what a subject is (be; ser, estar). `checks/_sense.py` (label)."""
    demonstratives: frozenset[str] = frozenset()
    """Demonstratives that point at the text itself ("this is internal only"). `checks/_sense.py`."""
    verb_particles: frozenset[str] = frozenset()
    """Particles that make another verb of the one before them (fired up, let off); none in
    Spanish. `checks/_sense.py` (particles)."""
    second_person: frozenset[str] = frozenset()
    """Pronouns that address the reader (you, your; tú, usted): an offensive sentence with one is
    aimed at "the person addressed". `checks/_targets.py`."""
    personal_pronouns: frozenset[str] = frozenset()
    """Every personal pronoun (I, you, she, they...): a sentence with one speaks of people, so harsh
    words in it are not about things. `checks/_targets.py`."""
    predicating_verbs: frozenset[str] = frozenset()
    """Lemmas of the verbs that say what their subject or object is ("X is garbage", "we call X
    idiots"; ser, parecer, llamar): a pejorative as their complement is a verdict on the target.
    `checks/disparage.py`."""
    modifiers_follow: bool = False
    """Whether a noun takes its noun modifiers after it, through one of `of_words` ("gestión de
    quejas": a kind of management), rather than before it ("complaint intake"). `checks/_sense.py`,
    `checks/_targets.py`, `checks/disparage.py`."""
    value_links: frozenset[str] = frozenset()
    """Words and signs that may stand between a label and the value it names: copulas, "number",
    ":", "#" ("my SSN is 078-05-1120", "su DNI es el 48215731A"). `checks/labelled.py`."""
    value_copulas: frozenset[str] = frozenset()
    """The links that state a value, and close a qualifier ("the PIN for locker 12 *is* 7403").
    `checks/labelled.py`."""
    qualifiers: frozenset[str] = frozenset()
    """Words that open a short phrase between a label and its copula (for, of, de, para, que).
    `checks/labelled.py`."""
    id_words: frozenset[str] = frozenset()
    """Words that name a value after a comma ("driver's licence, *number* K5512-..."). `checks/labelled.py`."""
    own_possessives: frozenset[str] = frozenset()
    """Possessives of the author (my, our, mi): their value is the author's own. `checks/labelled.py`."""
    other_possessives: frozenset[str] = frozenset()
    """Possessives and pronouns of someone else (his, your, su): their value is not the author's.
    `checks/labelled.py`."""
    first_person: frozenset[str] = frozenset()
    """Subjects that are the author (I, we, yo; Spanish "nací" says it alone): "I was born on ...".
    `checks/labelled.py`."""
    myself: frozenset[str] = frozenset()
    """The author alone, never "we" (I, my, me, yo, mi): "I was diagnosed with ...". `checks/people.py`."""
    person_nouns: frozenset[str] = frozenset()
    """Words that show a person is meant (customer, daughter, Mrs, cliente): "my daughter was born
    on ...", "Customer: my card is ...". `checks/labelled.py`."""
    reported_speech: frozenset[str] = frozenset()
    """Verbs after which the words are someone else's (wrote, said, dijo). `checks/labelled.py`."""
    dummy_words: frozenset[str] = frozenset()
    """Words that mark a label or value as not real (test, demo, sample, prueba): "the test card",
    "... for demo". `checks/labelled.py`."""
    dummy_preps: frozenset[str] = frozenset()
    """Prepositions that put a dummy word after a value ("for demo", "de prueba"). `checks/labelled.py`."""
    vowels: str = "aeiou"
    """The vowels, lower case: a label typed without them ("psswrd") is still the label, and a label
    ending in one takes only -s in the plural. `checks/labelled.py`."""
    conjunctions: frozenset[str] = frozenset()
    """Words that join the items of a list (and, or; y, o): "born 01/02/1980 and 03/04/1985" states
    two values. `checks/labelled.py`."""
    range_words: frozenset[str] = frozenset()
    """Words that make two numbers a range (to; a, hasta): "$120,000 to $150,000" is no one's pay.
    `checks/labelled.py`."""
    placeholder_words: frozenset[str] = frozenset()
    """Words written where a value is hidden (redacted, example; oculto, ejemplo): "password:
    [redacted]" states no password. `checks/labelled.py`."""
    format_units: frozenset[str] = frozenset()
    """Words after a number that make it a format, not a value ("8 characters", "6 dígitos").
    `checks/labelled.py`."""
    symbol_words: Mapping[str, str] = field(default_factory=dict)
    """How an address is spelled out to dodge scrapers: the word for each sign ("at" -> "@", "dot" ->
    "."; "arroba", "punto"). `reading.py`: "jane (at) gmail (dot) com" is read as the address."""
    digit_words: Mapping[str, str] = field(default_factory=dict)
    """The words for the ten digits ("two" -> "2"; "dos"): seven or more in a row that do not count up
    or down are read as the number they spell. `reading.py`."""
    mail_words: frozenset[str] = frozenset()
    """Words that announce an address (email, mail, write; correo, escríbeme): an address spelled out
    with bare words ("jane at acme dot com") counts only after one. `reading.py`."""

    def words(self, name: str) -> frozenset[str]:
        """The entries of this language's word list `name` (one of `WORD_LISTS`); empty when the
        language has none, so a check falls back on its other evidence."""
        if name not in WORD_LISTS:
            raise KeyError(f"no word list '{name}' (lists: {', '.join(WORD_LISTS)})")
        return read_list(WORDS / self.code / f"{name}.txt")

    def word_sets(self, name: str) -> Mapping[str, frozenset[str]]:
        """This language's word sets `name` (one of `WORD_SETS`), each set lower case; empty when the
        language has none."""
        if name not in WORD_SETS:
            raise KeyError(f"no word sets '{name}' (sets: {', '.join(WORD_SETS)})")
        return read_sets(WORDS / self.code / f"{name}.yaml")

    def message(self, key: str, **values: str) -> str:
        """The message words under `key`, filled with `values` (KeyError names a missing key)."""
        return self.messages[key].format(**values)

    def format_date(self, date: dt.date) -> str:
        """`date` as a reader of this language writes it ("1 de marzo de 2027")."""
        name = self.months[date.month - 1] if self.months else str(date.month)
        return self.date_format.format(year=date.year, month=date.month, day=date.day, month_name=name)
