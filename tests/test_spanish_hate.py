"""Spanish hate speech: gendered slurs hurled at someone, hostility against a group, and the
innocent senses of the same words (a dog, an intensifier, a cuisine, a news item)."""

from __future__ import annotations

import textwrap

import pytest

from linter import Linter
from linter.errors import ConfigError
from linter.languages import get
from linter.packs import load_pack

AS_OF = "2026-11-25"


def derogatory(linter, text):
    return [(f.code, f.match) for f in linter.lint(text, as_of=AS_OF, lang="es") if f.category == "derogatory"]


@pytest.mark.parametrize("text, slur", [
    ("Cállate, perra, nadie te ha preguntado.", "perra"),
    ("CALLATE YA PINCHE PERRA", "PERRA"),
    ("@ana tú eres una perra y lo sabe todo el equipo", "perra"),
    ("Sos re puta, dejá de escribirme.", "puta"),
    ("Hola, me dijeron que tu novia es una perra.", "perra"),
    ("Te lo mereces por puta.", "puta"),
    ("Vaya cara de puta tiene la nueva.", "puta"),
    ("Su novia es puta, seguro.", "puta"),
])
def test_a_gendered_slur_hurled_at_someone_is_sexist(linter, text, slur):
    assert ("DER-SEXIST-INSULT", slur) in derogatory(linter, text)


@pytest.mark.parametrize("text", [
    "Mi perra ha tenido cachorros y buscamos casa para ellos.",
    "Luna es una perra de tres años que busca familia.",
    "El despliegue en la nube salió de puta madre.",
    "Es una puta mierda que el tren llegue tarde otra vez.",
    "Tú eres la puta Beyoncé del equipo de robótica.",
    "No eres una puta por subir una foto: deja de insultar.",
    "Cállate ya, robot: el asistente no paró de hablar en la demo.",
    "Te lo mereces por puta casualidad, ganaste la rifa.",
])
def test_the_same_words_in_their_innocent_senses_are_no_sexist_slur(linter, text):
    assert not [c for c in derogatory(linter, text) if c[0] == "DER-SEXIST-INSULT"]


@pytest.mark.parametrize("text, match", [
    ("Putos moros, se están cargando el país.", "Putos moros"),
    ("Esos árabes de mierda otra vez.", "árabes de mierda"),
    ("Los inmigrantes son delincuentes, todos.", "Los inmigrantes son delincuentes"),
    ("Todos los venezolanos son unos vagos.", "Todos los venezolanos son unos vagos"),
    ("Los árabes me repugnan.", "árabes me repugnan"),
    ("Los subsaharianos vienen a vivir de las ayudas.", "subsaharianos vienen a vivir de las ayudas"),
    ("SOLUCIÓN: SACAR a todos los refugiados de España.", "SOLUCIÓN: SACAR a todos los refugiados"),
    ("¡Fuera los inmigrantes de nuestros barrios!", "Fuera los inmigrantes"),
    ("DEPORTACIÓN MASIVA AHORA #DefiendeTusFronteras", "DEPORTACIÓN MASIVA"),
    ("Que se vuelvan a su país, aquí no caben.", "Que se vuelvan a su país"),
    ("La entrada violenta de los ilegales en Ceuta.", "los ilegales"),
])
def test_hostility_against_a_whole_group_is_hate(linter, text, match):
    assert ("DER-HATE-GROUP", match) in derogatory(linter, text)


@pytest.mark.parametrize("text", [
    "Nuestro equipo de soporte atiende en árabe, francés y español.",
    "La comida árabe del catering fue lo mejor del encuentro.",
    "Las mujeres de la plantilla lideran tres de los cinco proyectos.",
    "No todos los inmigrantes son delincuentes, como nadie debería tener que recordar.",
    "Hemos contratado a cinco ingenieras marroquíes y a dos refugiados sirios.",
    "Los refugiados llegaron a Valparaíso el 3 de septiembre de 1939.",
    "La fundación ayuda a los migrantes a encontrar su primer empleo en robótica.",
    "Los robots de limpieza son ruidosos, pero los clientes los adoran.",
    "Las descargas ilegales de nuestro software crecieron un 10 %.",
])
def test_groups_named_without_hostility_are_clean(linter, text):
    assert not [c for c in derogatory(linter, text) if c[0] in ("DER-HATE-GROUP", "DER-STEREOTYPE")]


@pytest.mark.parametrize("text", [
    "Los árabes son una plaga en este barrio.",
    "Permitir esta invasión de magrebíes es una locura.",
])
def test_comparing_a_group_to_vermin_or_an_invasion_is_dehumanising(linter, text):
    assert [c[0] for c in derogatory(linter, text)] == ["DER-DEHUMANISING"]


def test_the_spanish_stereotype_rule_reads_its_groups_from_the_language_unit(linter):
    assert "subsaharianos" in get("es").words("groups")
    assert [c[0] for c in derogatory(linter, "Los subsaharianos no saben trabajar en equipo.")] == ["DER-STEREOTYPE"]


PACK = """\
rules:
  - code: DER-ACME-GROUP
    category: derogatory
    severity: error
    kind: pattern
    pattern: '\\bodio\\s+a\\s+los\\s+\\L<{name}>\\b'
    message: "'{{match}}' is hostile."
    why: Because it is.
    examples: {{bad: ["odio a los inmigrantes"], good: ["odio los lunes"]}}
"""


def test_a_pattern_reads_a_named_word_list_of_the_posts_language(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(PACK.format(name="groups")), encoding="utf-8")
    linter = Linter({"packs": [str(path)]})
    assert [f.match for f in linter.lint("Yo odio a los inmigrantes.", lang="es")] == ["odio a los inmigrantes"]
    assert linter.lint("Yo odio a los lunes.", lang="es") == []
    # on an English post the list is English's
    assert linter.lint("odio a los inmigrantes", lang="en") == []
    assert [f.match for f in linter.lint("odio a los immigrants", lang="en")] == ["odio a los immigrants"]


def test_a_pattern_naming_an_unknown_word_list_is_a_load_error(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(PACK.format(name="grupos")), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert any("no word list 'grupos'" in str(p) and "groups" in str(p) for p in info.value.problems)
