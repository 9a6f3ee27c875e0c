"""Spanish: spaCy's bare Spanish tokenizer, and so far the English cue words.

Until Spanish cue words are written (issue 13: a real Spanish pipeline, Spanish negators,
pronouns and articles, message templates), Spanish posts are read with the English lists, as
postlint has always done: each field below says so where it borrows from `en`.
"""

from __future__ import annotations

from . import en
from .unit import Language

UNIT = Language(
    code="es",
    name="Spanish",
    model="blank:es",  # no tags, lemmas or entities: pattern rules and Presidio's recognizers only
    install=None,
    negators=en.UNIT.negators,  # English, for now ("no" serves both)
    negating_suffix=en.UNIT.negating_suffix,
    clause_words=en.UNIT.clause_words,
    pronouns=en.UNIT.pronouns,
    name_particles=en.UNIT.name_particles,  # already holds de, del, la
    money_magnitudes=en.UNIT.money_magnitudes,
    currency_words=en.UNIT.currency_words,
    indefinite_articles=en.UNIT.indefinite_articles,
    phone_extensions=en.UNIT.phone_extensions,
    # How Spanish states a value and whose it is (checks/labelled.py, checks/people.py).
    value_links=frozenset(
        "es era fue son será sería sigue siendo ahora actualmente el la los las lo : = - – — # ( \" ' ` “ ‘ "
        "« → > número números numero no. nº n° n.º núm núm. num código id".split()),
    copulas=frozenset("es era fue son será sería : = →".split()),
    qualifiers=frozenset("de del para en que".split()),
    id_words=frozenset("número numero no. nº n° n.º núm núm. num #".split()),
    own_possessives=frozenset("mi mis nuestro nuestra nuestros nuestras".split()),
    other_possessives=frozenset(
        "su sus tu tus vuestro vuestra vuestros vuestras él ella ellos ellas usted ustedes".split()),
    first_person=frozenset("yo nosotros nosotras nací nacimos".split()),
    myself=frozenset("yo mi mis me conmigo".split()),
    person_nouns=frozenset(
        "él ella ellos ellas alguien cliente clienta clientes usuario usuaria paciente empleado empleada "
        "compañero compañera hijo hija niño niña bebé madre padre mamá papá esposa esposo mujer marido "
        "pareja abuela abuelo hermano hermana tío tía sobrino sobrina primo prima amigo amiga vecino "
        "vecina sr sr. sra sra. srta dr dr. dra dra. don doña".split()),
    reported_speech=frozenset(
        "dijo dice escribió escribe contó comentó preguntó respondió envió mandó pegó publicó tuiteó".split()),
    dummy_words=frozenset(
        "prueba pruebas demo ejemplo ejemplos ficticio ficticia ficticios falso falsa muestra defecto "
        "predeterminado predeterminada".split()),
    dummy_preps=frozenset("de para como por".split()),
    format_units=frozenset(
        "caracteres carácter dígitos dígito letras letra símbolos números intentos minutos minuto horas hora "
        "días día segundos semanas meses años %".split()),
)
