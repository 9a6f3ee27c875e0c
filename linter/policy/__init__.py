"""`postlint policy`: the written social-media policy, generated from the rules in force.

The document follows the ten usual steps of a social-media policy (position, what counts as
social media, ownership, privacy, spokespeople, ground rules, taboo topics, monitoring, training,
exceptions and questions). Steps no rule covers take the config's `policy:` paragraphs or our
defaults; the taboo topics are every enabled rule, by category, with its reason, what to write
instead and its examples. Needs the config and the packs only: never spaCy.

    from linter.policy import render_policy
    text = render_policy(config, load_rules(config), lang="es", fmt="html")
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import importlib.util
from collections.abc import Sequence

import regex

from ..config import Config
from ..errors import InternalError, PostlintError
from ..languages import LANGUAGES
from ..rule import Rule
from .render import to_html, to_markdown
from .texts import Texts
from .writer import Notify, PolicyDocument, write_policy

FORMATS = ("md", "html")
TEXTS: dict[str, Texts] = {code: importlib.import_module(f"{__name__}.{code}").TEXTS for code in LANGUAGES
                           if importlib.util.find_spec(f"{__name__}.{code}") is not None}
"""The policy's own texts for each of postlint's languages that has them: a module named by the
language's code (`en.py`, `es.py`)."""

__all__ = ["FORMATS", "TEXTS", "PolicyLeak", "render_policy"]


class PolicyLeak(InternalError):
    """The public edition still held a withheld value: a bug in postlint, never printed."""


def render_policy(config: Config, rules: Sequence[Rule], *, lang: str = "en", fmt: str = "md",
                  internal: bool = False, notify: Notify | None = None, as_of: dt.date | None = None) -> str:
    """The policy of `config` and its `rules` (the enabled ones), as Markdown or HTML; its
    examples name the codenames still confidential `as_of` (default today).

    The public edition (`internal=False`) is checked once more as a whole before it is returned:
    if a withheld value is found in it, `PolicyLeak` is raised instead (naming its kind only).
    """
    if lang not in TEXTS:
        raise PostlintError(f"the policy has no texts in '{lang}' yet (available: {', '.join(TEXTS)}); "
                            f"add linter/policy/{lang}.py")
    if fmt not in FORMATS:
        raise PostlintError(f"no policy format '{fmt}' (available: {', '.join(FORMATS)})")
    document = write_policy(config, rules, TEXTS[lang], internal=internal, notify=notify, as_of=as_of)
    text = to_html(document) if fmt == "html" else to_markdown(document)
    _check_withheld(document, text, fmt)
    return text


_MD_ESCAPED = regex.compile(r"\\([!-/:-@\[-`{-~])")
_TAG = regex.compile(r"<style>.*?</style>|<[^>]*>", regex.DOTALL)


def _check_withheld(document: PolicyDocument, text: str, fmt: str) -> None:
    if document.withheld is None:
        return
    shown = html.unescape(_TAG.sub(" ", text)) if fmt == "html" else _MD_ESCAPED.sub(r"\1", text)
    kinds = document.withheld.leaks(shown)
    if kinds:
        raise PolicyLeak(f"the public edition still named a withheld value ({', '.join(kinds)}); "
                         "nothing was written")
