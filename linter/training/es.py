"""La formación en español."""

from __future__ import annotations

from .texts import Texts

TEXTS = Texts(
    lang="es",
    title="Formación en la política de redes sociales: {company}",
    intro=(
        "{count} publicaciones cortas, de los {categories} tipos de problema que cubre la política. "
        "En cada una, decide si puede publicarse tal cual; después verás la regla, por qué existe y "
        "una redacción mejor."
    ),
    privacy="Nada sobre ti ni sobre tus respuestas se guarda ni se envía a ninguna parte.",
    question="Publicación {number} de {count}",
    prompt="¿Se publica tal cual? [s]í, [n]o, [q] salir: ",
    yes_answers=("s", "si", "sí", "publicar", "y", "yes"),
    no_answers=("n", "no"),
    quit_answers=("q", "salir", "quit"),
    not_understood="Responde s (se publica), n (no se publica) o q (terminar aquí).",
    publish="Se publica",
    hold="No se publica",
    right="Correcto.",
    wrong="No exactamente.",
    breaks="Incumple {code}: {summary}.",
    second_look=(
        "Esta regla pide una segunda lectura: cambia la publicación salvo que estés seguro de que "
        "está bien."
    ),
    fine="Puede publicarse: nada en ella incumple la política.",
    close_to="Se acerca a una regla sin incumplirla. {code}: {summary}.",
    why="Por qué",
    instead="En su lugar",
    for_example="Bien, para comparar",
    show_answer="Ver la respuesta",
    summary_heading="Tus resultados",
    score="Has acertado {right} de {count} publicaciones.",
    review="Vuelve a leer estas partes de la política: {categories}.",
    review_list="Vuelve a leer estas partes de la política:",
    all_right="Has acertado en todas las categorías: buen trabajo.",
    stopped="Has parado tras {answered} de {count} publicaciones.",
    again="Practicar con otras publicaciones",
    handout_posts="Las publicaciones",
    handout_answers="Respuestas",
    handout_instructions="Marca una casilla en cada publicación y compara después tus respuestas con la segunda parte.",
    not_covered="No hay ejemplos que mostrar de estas partes de la política: {categories}.",
    no_posts="Ninguna regla en vigor tiene ejemplos con los que practicar.",
    quoted_reason="esta hoja de formación cita, como ejercicios, lo que señalan las reglas",
)
