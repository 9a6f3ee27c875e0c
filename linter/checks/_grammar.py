"""Per-language grammar words the labelled-value check reads: copulas, possessives, negators...

These are generic to a language, not to any rule (the labels and value shapes live in the rule
packs). They belong to the language units (`linter/languages/`) once those exist; until then this
is the one place that holds them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Grammar:
    """Closed word classes of one language, all lower-case."""

    links: frozenset[str]  # may stand between a label and its value: copulas, "number", ":" ...
    copulas: frozenset[str]  # after a qualifier ("the PIN for locker 12 is ..."), one must come
    qualifiers: frozenset[str]  # start a short phrase between label and copula: for, of, de, para
    id_words: frozenset[str]  # name the value after a comma: "driver's licence, number K5512..."
    own: frozenset[str]  # possessives of the author: my, our, mi
    other: frozenset[str]  # possessives of someone else: his, her, your, su
    first_person: frozenset[str]  # subjects that are the author: I, we, yo
    myself: frozenset[str]  # the author alone, never "we": I, my, me, yo, mi
    persons: frozenset[str]  # words that show a person is the subject: she, customer, daughter
    reported: frozenset[str]  # reported speech: the words that follow are someone else's
    examples: frozenset[str]  # an example follows, not a real value: e.g., such as
    dummies: frozenset[str]  # a label or value marked as not real: test, demo, sample
    dummy_preps: frozenset[str]  # "for demo", "as default": the preposition before a dummy word
    units: frozenset[str]  # a value followed by these describes a format: 8 characters, 6 digits
    negators: frozenset[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


EN = Grammar(
    links=_words("is was are were 's ’s will would be being remains still now currently just actually "
                 "reads set changed reset updated to : = - – — # ( \" ' ` “ ‘ → > number numbers no no. nr num "
                 "id code"),
    copulas=_words("is was are were 's ’s : = → reads remains"),
    qualifiers=_words("for of on at to that which"),
    id_words=_words("number no no. nr num # id"),
    own=_words("my mine our ours"),
    other=_words("his her hers their theirs your yours its him them they he she you"),
    first_person=_words("i we i'm i’m we're we’re"),
    myself=_words("i i'm i’m i've i’ve my me mine myself"),
    persons=_words("he she they someone somebody customer customers client clients user users patient "
                   "patients employee employees coworker co-worker colleague colleagues teammate son "
                   "daughter child kid baby mother mom mum father dad wife husband partner spouse "
                   "grandmother grandfather grandma grandpa brother sister aunt uncle niece nephew "
                   "cousin friend neighbour neighbor mr mr. mrs mrs. ms ms. dr dr. miss sir madam"),
    reported=_words("wrote writes said says told asked replied emailed messaged texted tweeted posted "
                    "commented typed pasted shared sent dm'd dmed"),
    examples=_words("e.g. e.g eg example like say such as i.e. something"),
    dummies=_words("test testing tests demo dummy fake sample example examples placeholder default mock "
                   "fictional fictitious made-up sandbox"),
    dummy_preps=_words("for as"),
    units=_words("characters character chars char digits digit letters letter symbols symbol numbers long "
                 "minimum min maximum max times attempts tries minutes minute hours hour days day seconds "
                 "weeks months years %"),
    negators=_words("no not never nothing nobody none neither nor without cannot can't don't doesn't "
                    "didn't won't isn't aren't wasn't weren't shouldn't mustn't"),
)

ES = Grammar(
    links=_words("es era fue son será sería sigue siendo ahora actualmente el la los las lo : = - – — # ( "
                 "\" ' ` “ ‘ « → > número números numero no. nº n° n.º núm núm. num código id"),
    copulas=_words("es era fue son será sería : = →"),
    qualifiers=_words("de del para en que"),
    id_words=_words("número numero no. nº n° n.º núm núm. num #"),
    own=_words("mi mis nuestro nuestra nuestros nuestras"),
    other=_words("su sus tu tus vuestro vuestra vuestros vuestras él ella ellos ellas usted ustedes"),
    first_person=_words("yo nosotros nosotras nací nacimos"),
    myself=_words("yo mi mis me conmigo"),
    persons=_words("él ella ellos ellas alguien cliente clienta clientes usuario usuaria paciente empleado "
                   "empleada compañero compañera hijo hija niño niña bebé madre padre mamá papá esposa "
                   "esposo mujer marido pareja abuela abuelo hermano hermana tío tía sobrino sobrina primo "
                   "prima amigo amiga vecino vecina sr sr. sra sra. srta dr dr. dra dra. don doña"),
    reported=_words("dijo dice escribió escribe contó comentó preguntó respondió envió mandó pegó publicó "
                    "tuiteó"),
    examples=_words("p.ej. p.ej ej. ejemplo como tipo"),
    dummies=_words("prueba pruebas demo ejemplo ejemplos ficticio ficticia ficticios falso falsa muestra "
                   "defecto predeterminado predeterminada"),
    dummy_preps=_words("de para como por"),
    units=_words("caracteres carácter dígitos dígito letras letra símbolos números intentos minutos "
                 "minuto horas hora días día segundos semanas meses años %"),
    negators=_words("no nunca jamás ni sin tampoco nadie nada ningún ninguna ninguno"),
)

GRAMMARS = {"en": EN, "es": ES}


def grammar(lang: str) -> Grammar:
    """The grammar of `lang`, or English for a language with none of its own yet."""
    return GRAMMARS.get(lang, EN)
