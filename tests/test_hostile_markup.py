"""Hostile posts III (issue 30): values split by markup or written out, read whole by every rule.

Each class has the leak that must be found (and where: the finding's `match` is the source span,
so line:col stay true) and near misses that must stay clean, in English and in Spanish.
"""

from __future__ import annotations

import pytest

AS_OF = "2026-11-25"


def found(linter, text: str, path: str = "post.md", lang: str | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.match) for f in linter.lint(text, path=path, as_of=AS_OF, lang=lang)]


def codes(linter, text: str, path: str = "post.md", lang: str | None = None) -> set[str]:
    return {code for code, _ in found(linter, text, path, lang)}


# --- emphasis, HTML elements and escapes inside an address ------------------------------------------

@pytest.mark.parametrize("path, text, match", [
    ("p.md", "Mail jane.doe**@**gmail.com for the preview.", "jane.doe**@**gmail.com"),
    ("p.md", "Mail jane.doe*@*gmail.com for the preview.", "jane.doe*@*gmail.com"),
    ("p.md", "Mail jane.doe@gmail**.**com for the preview.", "jane.doe@gmail**.**com"),
    ("p.md", "Mail jane.doe~~@~~gmail.com for the preview.", "jane.doe~~@~~gmail.com"),
    ("p.md", "Mail `jane.doe`@gmail.com for the preview.", "jane.doe`@gmail.com"),
    ("p.md", 'Mail jane.doe@<span style="display:none">null</span>gmail.com today.',
     'jane.doe@<span style="display:none">null</span>gmail.com'),
    ("p.html", "<p>Mail jane.doe<b>@</b>gmail.com for the preview.</p>", "jane.doe<b>@</b>gmail.com"),
    ("p.html", '<p>Mail jane.doe@<span hidden>x</span>gmail.com today.</p>', "jane.doe@<span hidden>x</span>gmail.com"),
    ("p.txt", "Mail jane.doe**@**gmail.com for the preview.", "jane.doe**@**gmail.com"),
    ("p.md", "Escríbeme a jane.doe**@**gmail.com para la demo.", "jane.doe**@**gmail.com"),
    ("p.html", "<p>Escríbeme a jane.doe<i>@</i>gmail<i>.</i>com mañana.</p>", "jane.doe<i>@</i>gmail<i>.</i>com"),
])
def test_an_address_split_by_markup_is_found_whole(linter, path, text, match):
    assert ("PII-EMAIL", match) in found(linter, text, path)


@pytest.mark.parametrize("path, text", [
    ("p.md", "Use **@**mentions and *.*md files in the docs."),
    ("p.md", "The decorator `@app.route` and **@property** are Python."),
    ("p.md", "Write to **support@acme.example** for help."),                  # the company's own
    ("p.html", "<p>Mail <b>user@example.com</b> in the tutorial.</p>"),       # reserved for docs
    ("p.md", "Escribe a **soporte@acme.example** si tienes dudas."),
])
def test_markup_near_addresses_that_are_no_leak_stays_clean(linter, path, text):
    assert "PII-EMAIL" not in codes(linter, text, path)


# --- an address as a whole paragraph's or list item's link text ------------------------------------

@pytest.mark.parametrize("path, text, match", [
    ("p.md", "[jane.doe@gmail.com](https://example.com/contact)\n", "jane.doe@gmail.com"),
    ("p.md", "Our team:\n\n- [jane.doe@gmail.com](https://example.com/jane)\n", "jane.doe@gmail.com"),
    ("p.md", "Intro.\n\n[jane.doe@gmail.com](mailto:jane.doe@gmail.com)\n\nMore text follows here.\n",
     "jane.doe@gmail.com"),
    ("p.html", '<p><a href="https://example.com/c">jane.doe@gmail.com</a></p>', "jane.doe@gmail.com"),
    ("p.md", "Contacto:\n\n- [ana.ruiz@gmail.com](https://example.com/ana)\n", "ana.ruiz@gmail.com"),
])
def test_an_address_that_is_a_whole_links_text_is_found(linter, path, text, match):
    assert ("PII-EMAIL", match) in found(linter, text, path)


def test_a_real_list_of_contributors_stays_a_credit(linter):
    post = "Thanks to everyone who contributed:\n\n* Ana Ruiz\n* `dan@daramos.com`\n* Daniel Hofstetter\n* Dan Luu\n"
    assert "PII-EMAIL" not in codes(linter, post)
    post_es = "Gracias a quienes contribuyeron:\n\n* Ana Ruiz\n* `dan@daramos.com`\n* Daniel Hofstetter\n* Dan Luu\n"
    assert "PII-EMAIL" not in codes(linter, post_es)


# --- angle brackets: in plain text, escaped in Markdown, as entities -------------------------------

@pytest.mark.parametrize("path, text, match", [
    ("p.txt", "Write to <jane.doe@gmail.com> for the preview build.", "jane.doe@gmail.com"),
    ("p.md", "Write to \\<jane.doe@gmail.com\\> for the preview build.", "jane.doe@gmail.com"),
    ("p.md", "Write to &lt;jane.doe@gmail.com&gt; for the preview build.", "jane.doe@gmail.com"),
    ("p.html", "<p>Write to &lt;jane.doe@gmail.com&gt; for the preview build.</p>", "jane.doe@gmail.com"),
    ("p.txt", "Reach Jane Doe <jane.doe@gmail.com> for the preview build.", "jane.doe@gmail.com"),
    ("p.txt", "Escribe a <jane.doe@gmail.com> para la versión de prueba.", "jane.doe@gmail.com"),
    ("p.md", "Escríbele a \\<ana.ruiz@hotmail.com\\> mañana.", "ana.ruiz@hotmail.com"),
])
def test_an_address_in_angle_brackets_is_found(linter, path, text, match):
    assert ("PII-EMAIL", match) in found(linter, text, path)


@pytest.mark.parametrize("path, text, lang", [
    ("p.txt", "Co-authored-by: Ana Ruiz <ana.ruiz@gmail.com>", "en"),
    ("p.txt", "Ana Ruiz <ana.ruiz@gmail.com>\nDan Luu <dan@danluu.com>\n", "en"),        # a git identity list
    ("p.md", "autor: Pablo Ruiz <pablo.ruiz@gmail.com>", "es"),
    ("p.txt", "Pablo Ruiz <pablo.ruiz@gmail.com>, Ana de la Vega <ana.vega@gmail.com>", "es"),
])
def test_git_identities_stay_credits(linter, path, text, lang):
    assert "PII-EMAIL" not in codes(linter, text, path, lang)


# --- soft line breaks and separators inside a value ------------------------------------------------

@pytest.mark.parametrize("path, text, code", [
    ("p.md", "Write to jane.doe\n@gmail.com for the preview.", "PII-EMAIL"),
    ("p.md", "Write to jane.doe@\ngmail.com for the preview.", "PII-EMAIL"),
    ("p.txt", "Write to jane.doe@gmail.\ncom for the preview.", "PII-EMAIL"),
    ("p.md", "Call Tom on his cell, 212-555-\n0147, if the demo breaks.", "PII-PHONE"),
    ("p.md", "Call Tom on his cell, 212-\n555-0147, if the demo breaks.", "PII-PHONE"),
    ("p.md", "The customer paid with 4111/1111/1111/1111 and it was declined.", "PII-CARD"),
    ("p.md", "The customer paid with 4111.1111.1111.1111 and it was declined.", "PII-CARD"),
    ("p.md", "Escríbeme a jane.doe\n@gmail.com para la demo.", "PII-EMAIL"),
    ("p.md", "Llámame al móvil 612 345\n678 si falla la demo.", "PII-PHONE"),
    ("p.md", "Pagó con la tarjeta 4111/1111/1111/1111 y la rechazaron.", "PII-CARD"),
])
def test_values_broken_across_lines_or_by_separators_are_found(linter, path, text, code):
    assert code in codes(linter, text, path)


def test_a_value_joined_across_lines_maps_back_to_its_lines(linter):
    [finding] = [f for f in linter.lint("Hello.\n\nWrite to jane.doe\n@gmail.com now.\n", path="p.md", as_of=AS_OF)
                 if f.code == "PII-EMAIL"]
    assert (finding.line, finding.col, finding.end_line) == (3, 10, 4)
    assert finding.match == "jane.doe\n@gmail.com"


@pytest.mark.parametrize("path, text", [
    ("p.md", "Shipped 2024/2025/2026 plans and the 12/03/2025 release."),
    ("p.md", "Versions 1.2.\n3 and 4.5 ship together."),
    ("p.md", "We met at\n@gmail we laughed."),
    ("p.md", "El plan 2024/2025/2026 sigue en marcha."),
])
def test_separators_that_join_no_value_stay_clean(linter, path, text):
    assert not codes(linter, text, path) & {"PII-EMAIL", "PII-PHONE", "PII-CARD"}


# --- written-out addresses and numbers in words ------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("Mail jane.doe (at) gmail (dot) com for the preview.", "en"),
    ("Mail jane.doe [at] gmail [dot] com for the preview.", "en"),
    ("Mail jane [at] gmail [dot] com for the preview.", "en"),
    ("Mail jane.doe {at} gmail {dot} com for the preview.", "en"),
    ("Email me at jane dot doe at gmail dot com for the preview.", "en"),
    ("Reach Jane: jane.doe AT gmail DOT com.", "en"),
    ("Mail jane.doe(at)gmail(dot)com for the preview.", "en"),
    ("Escríbeme a jane.doe (arroba) gmail (punto) com para la demo.", "es"),
    ("Mi correo es jane punto doe arroba gmail punto com, escríbeme.", "es"),
    ("Mi correo: jane.doe [arroba] hotmail [punto] es", "es"),
])
def test_written_out_addresses_are_found(linter, text, lang):
    assert "PII-EMAIL" in codes(linter, text, lang=lang)


@pytest.mark.parametrize("text, lang", [
    ("Meet at the office dot com bubble exhibit at noon.", "en"),
    ("We met at acme dot com headquarters last year.", "en"),
    ("Look at this dot: it is at the centre of the page.", "en"),
    ("The meeting is at noon; dot the i's before then.", "en"),
    ("Quedamos en la oficina punto com a las cinco.", "es"),
    ("El punto de encuentro está en la plaza, a las tres en punto.", "es"),
])
def test_prose_with_at_and_dot_stays_clean(linter, text, lang):
    assert "PII-EMAIL" not in codes(linter, text, lang=lang)


@pytest.mark.parametrize("text, lang", [
    ("Call me on two one two five five five zero one four seven tonight.", "en"),
    ("My cell is two one two, five five five, zero one four seven.", "en"),
    ("Text me: six one two three four five six seven eight.", "en"),
    ("Llámame al seis uno dos, tres cuatro cinco, seis siete ocho esta tarde.", "es"),
    ("Mi móvil es el seis uno dos tres cuatro cinco seis siete ocho.", "es"),
])
def test_phone_numbers_in_words_are_found(linter, text, lang):
    assert "PII-PHONE" in codes(linter, text, lang=lang)


@pytest.mark.parametrize("text, lang", [
    ("Count with me: one two three four five six seven eight nine ten!", "en"),
    ("One, two, three: the kids counted to ten, then nine eight seven six five four.", "en"),
    ("We shipped two features, one fix and three docs pages this week.", "en"),
    ("Cuenta conmigo: uno dos tres cuatro cinco seis siete ocho nueve diez.", "es"),
    ("Tenemos dos equipos, tres oficinas y un robot que baila.", "es"),
])
def test_counting_and_prose_numbers_stay_clean(linter, text, lang):
    assert "PII-PHONE" not in codes(linter, text, lang=lang)


# --- percent-encoding, JSON-LD, right-to-left overrides --------------------------------------------

@pytest.mark.parametrize("path, text", [
    ("p.md", "[mail me](mailto:jane.doe%40gmail.com)"),
    ("p.md", "[mail me](mailto:%6A%61%6E%65.doe@gmail.com)"),
    ("p.html", '<a href="mailto:jane.doe%40gmail.com?subject=hi">mail me</a>'),
    ("p.md", "[escríbeme](mailto:ana.ruiz%40hotmail.com)"),
])
def test_percent_encoded_mailto_links_are_found(linter, path, text):
    assert "PII-EMAIL" in codes(linter, text, path)


@pytest.mark.parametrize("text", [
    '<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type": "Person", '
    '"name": "Jane Doe", "email": "jane.doe@gmail.com"}}</script><p>Hi</p>',
    '<script type="application/ld+json">{"author": {"email": "jane.doe\\u0040gmail.com"}}</script><p>Hi</p>',
    '<script type="application/ld+json">{"autor": {"correo": "ana.ruiz@hotmail.es"}}</script><p>Hola</p>',
])
def test_an_address_in_json_ld_is_found(linter, text):
    assert "PII-EMAIL" in codes(linter, text, "p.html")


def test_json_ld_without_personal_data_stays_clean(linter):
    text = ('<script type="application/ld+json">{"@type": "BlogPosting", "author": {"name": "Acme Robotics", '
            '"email": "press@acme.example"}}</script><p>Hi</p>')
    assert "PII-EMAIL" not in codes(linter, text, "p.html")


@pytest.mark.parametrize("text, lang", [
    ("Mail \u202ejane.doe@gmail.com\u202c for the preview.", "en"),         # written right, shown reversed
    ("Mail \u202emoc.liamg@eod.enaj\u202c for the preview.", "en"),         # written reversed, shown right
    ("Mail \u2067\u202ejane.doe@gmail.com\u202c\u2069 today.", "en"),
    ("Escríbeme a \u202ejane.doe@gmail.com\u202c mañana.", "es"),
])
def test_an_address_between_right_to_left_overrides_is_found(linter, text, lang):
    assert "PII-EMAIL" in codes(linter, text, lang=lang)


def test_right_to_left_marks_around_plain_words_stay_clean(linter):
    assert codes(linter, "We love \u202eolleh\u202c and \u200fArabic\u200f text.") == set()


# --- Spanish formats and messaging links -------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("Mi DNI es 12.345.678-Z para el alta.", "PII-NATIONAL-ID"),
    ("Su DNI: 12.345.678 Z, por favor compruébalo.", "PII-NATIONAL-ID"),
    ("Mi NIE es X-1234567-L para el alta.", "PII-NATIONAL-ID"),
    ("El NIE Y-1234567-X de la clienta está en el expediente.", "PII-NATIONAL-ID"),
    ("Mi móvil es 612.34.56.78, llámame.", "PII-PHONE"),
    ("Llama a Ana al 612.345.678 esta tarde.", "PII-PHONE"),
    ("Mi móvil es 612-34-56-78, llámame.", "PII-PHONE"),
])
def test_spanish_formats_are_found(linter, text, code):
    assert code in codes(linter, text, lang="es")


@pytest.mark.parametrize("text", [
    "La versión 12.345.678 del firmware salió ayer.",
    "El servidor 192.168.34.56 responde bien.",          # an address: no phone
    "Vendimos 1.234.567 unidades en 2025.",
    "El pedido X-1234567-L salió ayer.",                   # an order, no identity number
])
def test_spanish_near_misses_stay_clean(linter, text):
    assert not codes(linter, text, lang="es") & {"PII-NATIONAL-ID", "PII-PHONE"}


@pytest.mark.parametrize("path, text, lang", [
    ("p.md", "Message me at signal.me/#p/+12125550147 please.", "en"),
    ("p.md", "Ping me on https://t.me/+12125550147 tonight.", "en"),
    ("p.md", "[Signal](https://signal.me/#p/+12125550147)", "en"),
    ("p.md", "[Telegram](https://t.me/+34612345678)", "en"),
    ("p.md", "Escríbeme por Telegram: t.me/+34612345678", "es"),
    ("p.html", '<a href="https://signal.me/#p/+34612345678">Signal</a>', "es"),
])
def test_phone_numbers_in_signal_and_telegram_links_are_found(linter, path, text, lang):
    assert "PII-PHONE" in codes(linter, text, path, lang=lang)


@pytest.mark.parametrize("text", [
    "Join our channel at https://t.me/acme_robotics for news.",
    "Únete al canal https://t.me/acmerobotica para novedades.",
])
def test_messaging_links_without_a_number_stay_clean(linter, text):
    assert "PII-PHONE" not in codes(linter, text)


# --- a codename where the page publishes it for machines ---------------------------------------------

@pytest.mark.parametrize("text", [
    '<html><head><link rel="canonical" href="https://acme.example/blog/nightjar-launch"></head><body><p>Hi</p></body></html>',
    '<p id="nightjar-launch">Hi</p>',
    '<section class="nightjar-teaser"><p>Hi</p></section>',
    '<p>Hi</p><script>window.product = "Nightjar";</script>',
    '<p>Hola</p><script>var producto = "Nightjar";</script>',
    '<head><link rel="alternate" hreflang="es" href="https://acme.example/es/nightjar"></head><p>Hola</p>',
])
def test_a_codename_in_machine_readable_html_is_found(linter, text):
    assert "CONF-CODENAME" in codes(linter, text, "p.html")


@pytest.mark.parametrize("text", [
    '<html><head><link rel="canonical" href="https://acme.example/blog/launch"></head><body><p>Hi</p></body></html>',
    '<p id="launch" class="teaser">Hi</p><script>window.idiots = 1; var damn = 2;</script>',
])
def test_machine_readable_html_without_a_codename_stays_clean(linter, text):
    assert codes(linter, text, "p.html") == set()


# --- neighbours: comments inside a value, defanged signs, decorated digits, more links ---------------

@pytest.mark.parametrize("path, text, code", [
    ("p.md", "Mail jane.doe<!-- hidden -->@gmail.com for the preview.", "PII-EMAIL"),
    ("p.html", "<p>Mail jane.doe<!-- hidden -->@gmail.com for the preview.</p>", "PII-EMAIL"),
    ("p.md", "Mail jane.doe[@]gmail[.]com for the preview.", "PII-EMAIL"),
    ("p.txt", "Escríbeme a jane.doe(@)gmail(.)com mañana.", "PII-EMAIL"),
    ("p.txt", "Call Tom on his cell, 212-**555**-0147, if the demo breaks.", "PII-PHONE"),
    ("p.md", "[Viber](viber://chat?number=%2B12125550147)", "PII-PHONE"),
    ("p.html", '<form action="/nightjar/signup"><input type="email"></form>', "CONF-CODENAME"),
    ("p.html", '<video poster="/img/nightjar-teaser.png"></video>', "CONF-CODENAME"),
    ("p.md", "Mail jane.doe@gmail.com<sup>1</sup> for the preview.", "PII-EMAIL"),
    ("p.html", "<p>Escribe a jane.doe@gmail.com<sup>2</sup> mañana.</p>", "PII-EMAIL"),
    ("p.txt", "Card on file: 4111.1111.1111.1111.", "PII-CARD"),
    ("p.md", "Mail j a n e . d o e @ g m a i l . c o m for the preview.", "PII-EMAIL"),
    ("p.md", "Escríbeme a j u a n @ h o t m a i l . e s mañana.", "PII-EMAIL"),
    ("p.txt", "Call Tom on 2 1 2 5 5 5 0 1 4 7 tonight.", "PII-PHONE"),
    ("p.txt", "Llama a Ana al 6 1 2 3 4 5 6 7 8 esta noche.", "PII-PHONE"),
    ("p.md", "Message Tom on wa.me/12125550147 tonight.", "PII-PHONE"),
    ("p.md", "Escribe a Ana por wa.me/34612345678 esta noche.", "PII-PHONE"),
])
def test_neighbouring_disguises_are_seen_through(linter, path, text, code):
    assert code in codes(linter, text, path)


@pytest.mark.parametrize("path, text", [
    ("p.md", "Hello.\n\n<!-- the launch is Friday -->\n\nSee [.] and (@) in the regex docs."),
    ("p.txt", "The formula 2**16 * 1024 gives the buffer size."),
    ("p.html", '<form action="/signup"><input type="email" name="email"></form>'),
    ("p.md", "Mail press@acme.example<sup>1</sup> or see example.com1 in the notes."),
    ("p.md", "Count with me: 1 2 3 4 5 6 7 8, then 9 8 7 6 5 4 3 2 1 0."),
    ("p.md", "Cuenta conmigo: 1 2 3 4 5 6 7 8 9. Bits: 1 0 1 1 0 1 0 1."),
    ("p.md", "Spell it out: A B C D E F G H, and r e l e a s e s . c o m is no address."),
    ("p.md", "Our WhatsApp is at wa.me/ (ask us for the number)."),
])
def test_neighbouring_near_misses_stay_clean(linter, path, text):
    assert not codes(linter, text, path) & {"PII-EMAIL", "PII-PHONE", "CONF-CODENAME"}


def test_a_spaced_dni_is_found(linter):
    assert "PII-NATIONAL-ID" in codes(linter, "Mi DNI es 12 345 678 Z, por favor.", lang="es")
