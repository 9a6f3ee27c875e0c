"""The languages postlint reads: one `Language` unit per module (`en.py`, `es.py`).

This is the one list of languages: config `lang:` and `models:`, `--lang`, a rule's `lang:`, the
default spaCy models and the words the checks read all come from here. A module `xx.py` that
defines `UNIT = Language(code="xx", ...)` adds language xx (or `register(unit)` from outside the
package); modules starting with `_` are helpers. The word sets a unit fills are declared by the
kinds that read them (`unit.py`).
"""

from __future__ import annotations

import importlib
import pkgutil

from ..errors import PostlintError
from .unit import DECLARED, Language, Words, declare, vocabulary_problems

__all__ = ["AUTO", "DECLARED", "LANGUAGES", "REGISTRY", "Language", "Words", "declare", "detect", "get",
           "install_hint", "register", "resolve", "resolve_post", "vocabulary_problems"]

AUTO = "auto"  # config `lang:` and `--lang`: tell each post's language from the post itself


def _discover() -> dict[str, Language]:
    units = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "unit":
            continue
        unit = importlib.import_module(f"{__name__}.{info.name}").UNIT
        if unit.code != info.name:
            raise RuntimeError(f"linter/languages/{info.name}.py defines the unit of '{unit.code}'")
        units[unit.code] = unit
    return units


REGISTRY: dict[str, Language] = _discover()
LANGUAGES: tuple[str, ...] = tuple(REGISTRY)


def register(unit: Language) -> Language:
    """Add a language unit defined outside this package (a test's toy language, a language being
    written). Call it before importing the rest of postlint: config, packs and the CLI read
    `LANGUAGES` once, when they are imported."""
    import sys

    early = [name for name in ("linter.config", "linter.packs", "linter.rule") if name in sys.modules]
    if early:
        raise RuntimeError(f"register language '{unit.code}' before importing {', '.join(early)}")
    if REGISTRY.get(unit.code, unit) is not unit:
        raise RuntimeError(f"language '{unit.code}' is registered already")
    global LANGUAGES
    REGISTRY[unit.code] = unit
    LANGUAGES = tuple(REGISTRY)
    return unit


def get(code: str) -> Language:
    """The unit of language `code`; an unknown code is a user error naming the supported ones."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise PostlintError(f"language '{code}' is not supported (supported: {', '.join(LANGUAGES)})") from None


def install_hint(model: str) -> str | None:
    """The command that installs `model`, when it is some language's default."""
    return next((unit.install for unit in REGISTRY.values() if unit.model == model), None)


def detect(text: str, fallback: str = "en") -> str:
    """The registered language `text` is most likely written in (`_detect.py`), else `fallback`."""
    from ._detect import detect_language

    return detect_language(text, REGISTRY, fallback)


def resolve(setting: str, *, declared: str | None, text: str, fallback: str = "en") -> str:
    """A post's language under the setting `setting` (a code, or `auto`): with `auto`, what the post
    declares (front matter `lang:`/`language:`, `<html lang>`) when it names a registered
    language, else what `detect` reads in `text`."""
    return resolve_post(setting, declared=declared, text=text, fallback=fallback)[0]


def resolve_post(setting: str, *, declared: str | None, text: str,
                 fallback: str = "en") -> tuple[str, bool]:
    """`resolve`'s language, and whether nothing told it: under `auto`, the post declares none and
    holds no word that only one language writes ("callate perra arrepentida", "12345"). Such a post
    is read in `fallback` and checked by every language's word rules as well (`Document.also_langs`),
    so it never passes in silence."""
    if setting != AUTO:
        return setting, False
    from ._detect import declared_language, read_language

    code = declared_language(declared, REGISTRY)
    return (code, False) if code else read_language(text, REGISTRY, fallback)