"""Every word the review page and its Markdown report say, in English and Spanish, in one place.

Templates never hold text of their own: they ask `t("key")`, or `t.count("key", n)` for a word
that takes a plural. A key missing from one language is a test failure, not a blank on the page.
"""

from __future__ import annotations

from collections.abc import Mapping

UI_LANGUAGES = ("en", "es")
DEFAULT_UI = "en"

STRINGS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "page.title": "Review a post before it is published",
        "page.intro": "Paste a draft or upload a file. postlint checks it against the company's "
                      "social-media policy and marks every problem in place, with the reason and a "
                      "better wording.",
        "page.skip": "Skip to the results",
        "page.privacy": "Drafts are checked in memory: nothing you paste or upload is stored or logged.",
        "page.ui_switch": "Page language",
        "page.training": "Practise the policy on example posts",
        "form.heading": "Your draft",
        "form.draft": "Text of the post",
        "form.draft_hint": "Markdown and HTML are understood; choose which below.",
        "form.file": "Or upload a file",
        "form.file_hint": ".md, .html or .txt; a file replaces the pasted text.",
        "form.markup": "The pasted text is",
        "form.markup.markdown": "Markdown",
        "form.markup.html": "HTML",
        "form.markup.text": "Plain text",
        "form.lang": "Language of the post",
        "form.lang.auto": "Automatic",
        "form.as_of": "Check as of",
        "form.as_of_hint": "Launch dates of unreleased products are judged at this date.",
        "form.submit": "Check the post",
        "lang.en": "English",
        "lang.es": "Spanish",
        "results.heading": "Results",
        "results.checked": "Checked {name} in {lang}, as of {date}.",
        "verdict.error": "Not ready to publish: fix every problem marked \u201cMust fix\u201d.",
        "verdict.warning": "Nothing blocks publishing, but take a second look at each problem marked \u201cCheck\u201d.",
        "verdict.info": "Nothing blocks publishing; there is some advice below.",
        "verdict.clean": "postlint found nothing against the policy in this draft.",
        "count.error.one": "{n} must fix",
        "count.error.other": "{n} must fix",
        "count.warning.one": "{n} to check",
        "count.warning.other": "{n} to check",
        "count.info.one": "{n} piece of advice",
        "count.info.other": "{n} pieces of advice",
        "severity.error": "Must fix",
        "severity.warning": "Check",
        "severity.info": "Advice",
        "category.pii": "Private information",
        "category.confidential": "Confidential information",
        "category.derogatory": "Offensive or derogatory",
        "category.profanity": "Profanity",
        "category.substances": "Illegal substances",
        "category.claims": "Unsubstantiated claim",
        "draft.heading": "The draft, with each problem marked",
        "draft.legend": "Marked text is followed by the number of its problem: a solid underline "
                        "must be fixed, a dashed one needs a second look, a dotted one is advice.",
        "findings.heading": "Problems",
        "finding.label": "Problem {n}: {severity}",
        "finding.where": "line {line}, column {col}",
        "finding.rule": "Rule",
        "finding.why": "Why",
        "finding.suggestion": "Instead",
        "finding.text": "Text",
        "finding.show": "Show in the draft",
        "finding.back": "Back to problem {n}",
        "report.copy": "Copy as Markdown report",
        "report.copied": "Copied to the clipboard.",
        "report.copy_failed": "Could not copy: select the report below and copy it.",
        "report.show": "Markdown report",
        "report.title": "postlint review of {name}",
        "report.summary": "Summary",
        "report.none": "No problems found.",
        "warning.heading": "Note",
        "error.heading": "This draft could not be checked",
        "error.heading_missing": "Page not found",
        "error.empty": "Paste a draft or choose a file to check.",
        "error.suffix": "\u201c{name}\u201d is not a kind of file postlint reads; upload a .md, .html or .txt file.",
        "error.date": "Write the date as YYYY-MM-DD.",
        "error.lang": "Choose English, Spanish or Automatic as the language.",
        "error.markup": "Choose Markdown, HTML or plain text.",
        "error.binary": "\u201c{name}\u201d is not a text file; upload a .md, .html or .txt file.",
        "error.form": "The form arrived incomplete or damaged; please send it again.",
        "warning.decoded": "Some bytes of the file were not valid UTF-8: they are shown as \ufffd and the "
                           "rest was checked.",
        "error.too_large": "The draft is larger than this server accepts ({limit}). Check a shorter "
                           "part, or ask whoever runs postlint to raise --max-bytes.",
        "error.not_found": "There is no page here.",
        "error.internal": "Something went wrong inside postlint. Nothing was stored; please try again "
                          "and report it if it happens again.",
        "error.busy": "postlint is busy checking other drafts. Please try again in a moment.",
        "error.back": "Back to the review page",
        "error.host": "This server answers only requests addressed to this machine (localhost); "
                      "start it with --token to serve other names.",
        "error.token": "This server needs its access token: send it as \u201cAuthorization: Bearer "
                       "TOKEN\u201d, or as the password when the browser asks.",
        "error.cross_site": "Drafts may be sent only from this server's own page.",
        "error.media_type": "Send the draft as JSON, with the header \u201cContent-Type: application/json\u201d.",
    },
    "es": {
        "page.title": "Revisa una publicación antes de publicarla",
        "page.intro": "Pega un borrador o sube un archivo. postlint lo compara con la política de "
                      "redes sociales de la empresa y marca cada problema en su sitio, con el motivo "
                      "y una redacción mejor.",
        "page.skip": "Ir a los resultados",
        "page.privacy": "Los borradores se revisan en memoria: nada de lo que pegas o subes se guarda "
                        "ni se registra.",
        "page.ui_switch": "Idioma de la página",
        "page.training": "Practica la política con publicaciones de ejemplo",
        "form.heading": "Tu borrador",
        "form.draft": "Texto de la publicación",
        "form.draft_hint": "Se entienden Markdown y HTML; elige cuál más abajo.",
        "form.file": "O sube un archivo",
        "form.file_hint": ".md, .html o .txt; un archivo sustituye al texto pegado.",
        "form.markup": "El texto pegado es",
        "form.markup.markdown": "Markdown",
        "form.markup.html": "HTML",
        "form.markup.text": "Texto sin formato",
        "form.lang": "Idioma de la publicación",
        "form.lang.auto": "Automático",
        "form.as_of": "Revisar a fecha de",
        "form.as_of_hint": "Las fechas de lanzamiento de productos no anunciados se juzgan en esta fecha.",
        "form.submit": "Revisar la publicación",
        "lang.en": "inglés",
        "lang.es": "español",
        "results.heading": "Resultados",
        "results.checked": "Revisado {name} en {lang}, a fecha de {date}.",
        "verdict.error": "No se puede publicar así: corrige cada problema marcado \u00abCorregir\u00bb.",
        "verdict.warning": "Nada impide publicar, pero revisa cada problema marcado \u00abRevisar\u00bb.",
        "verdict.info": "Nada impide publicar; abajo hay algunos consejos.",
        "verdict.clean": "postlint no encontró nada contrario a la política en este borrador.",
        "count.error.one": "{n} para corregir",
        "count.error.other": "{n} para corregir",
        "count.warning.one": "{n} para revisar",
        "count.warning.other": "{n} para revisar",
        "count.info.one": "{n} consejo",
        "count.info.other": "{n} consejos",
        "severity.error": "Corregir",
        "severity.warning": "Revisar",
        "severity.info": "Consejo",
        "category.pii": "Información privada",
        "category.confidential": "Información confidencial",
        "category.derogatory": "Ofensivo o despectivo",
        "category.profanity": "Palabrotas",
        "category.substances": "Sustancias ilegales",
        "category.claims": "Afirmación sin respaldo",
        "draft.heading": "El borrador, con cada problema marcado",
        "draft.legend": "Tras el texto marcado va el número de su problema: subrayado continuo hay "
                        "que corregirlo, discontinuo hay que revisarlo, de puntos es un consejo.",
        "findings.heading": "Problemas",
        "finding.label": "Problema {n}: {severity}",
        "finding.where": "línea {line}, columna {col}",
        "finding.rule": "Regla",
        "finding.why": "Por qué",
        "finding.suggestion": "En su lugar",
        "finding.text": "Texto",
        "finding.show": "Ver en el borrador",
        "finding.back": "Volver al problema {n}",
        "report.copy": "Copiar como informe Markdown",
        "report.copied": "Copiado al portapapeles.",
        "report.copy_failed": "No se pudo copiar: selecciona el informe de abajo y cópialo.",
        "report.show": "Informe Markdown",
        "report.title": "Revisión de postlint de {name}",
        "report.summary": "Resumen",
        "report.none": "No se encontraron problemas.",
        "warning.heading": "Aviso",
        "error.heading": "No se pudo revisar este borrador",
        "error.heading_missing": "Página no encontrada",
        "error.empty": "Pega un borrador o elige un archivo para revisarlo.",
        "error.suffix": "\u00ab{name}\u00bb no es un tipo de archivo que postlint lea; sube un archivo .md, "
                        ".html o .txt.",
        "error.date": "Escribe la fecha como AAAA-MM-DD.",
        "error.lang": "Elige inglés, español o automático como idioma.",
        "error.markup": "Elige Markdown, HTML o texto sin formato.",
        "error.binary": "\u00ab{name}\u00bb no es un archivo de texto; sube un archivo .md, .html o .txt.",
        "error.form": "El formulario llegó incompleto o dañado; envíalo de nuevo.",
        "warning.decoded": "Algunos bytes del archivo no eran UTF-8 válido: se muestran como \ufffd y se "
                           "revisó el resto.",
        "error.too_large": "El borrador supera lo que acepta este servidor ({limit}). Revisa una parte "
                           "más corta o pide a quien administra postlint que aumente --max-bytes.",
        "error.not_found": "Aquí no hay ninguna página.",
        "error.internal": "Algo falló dentro de postlint. No se guardó nada; vuelve a intentarlo y "
                          "avísanos si se repite.",
        "error.busy": "postlint está revisando otros borradores. Vuelve a intentarlo en un momento.",
        "error.back": "Volver a la página de revisión",
        "error.host": "Este servidor solo atiende peticiones dirigidas a esta máquina (localhost); "
                      "inícialo con --token para atender otros nombres.",
        "error.token": "Este servidor necesita su token de acceso: envíalo como \u00abAuthorization: "
                       "Bearer TOKEN\u00bb o como contraseña cuando el navegador la pida.",
        "error.cross_site": "Los borradores solo pueden enviarse desde la página de este servidor.",
        "error.media_type": "Envía el borrador como JSON, con la cabecera \u00abContent-Type: application/json\u00bb.",
    },
}


class Strings:
    """The page's words in one language: `t("key", name=...)` and `t.count("key", n)`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in STRINGS else DEFAULT_UI
        self._table = STRINGS[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self._table[key]
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        return self._table.get(key, default)

    def count(self, key: str, n: int) -> str:
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=n)


def ui_language(explicit: str | None, draft_lang: str | None, accept_language: str | None) -> str:
    """The page's language: the reader's switch, else the draft's language, else the browser's."""
    for choice in (explicit, draft_lang):
        if choice in UI_LANGUAGES:
            return choice
    return preferred_language(accept_language)


def preferred_language(accept_language: str | None) -> str:
    """The first of UI_LANGUAGES an `Accept-Language` header prefers (highest q, then order)."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in UI_LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_UI


def format_bytes(size: int) -> str:
    """`1048576` -> `1 MiB`: sizes as a person reads them."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
