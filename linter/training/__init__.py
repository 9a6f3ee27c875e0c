"""`postlint train`: practice on short posts built from the rules and the company's config.

An employee judges each post (may it be published as written?) and then sees the rule, why it
exists and a better wording; a session covers every category of the policy in force, in the
employee's language, and ends with the categories to read again. In a terminal (`terminal.py`),
on the review server's `/training` page, or as a printable handout (`render.py`). Nothing about
the person is stored or sent: the answers live in memory (or in the browser page) until it ends.

    from linter.training import TEXTS, build_session, render_handout
    session = build_session(config, load_rules(config), "es", seed=7)
"""

from __future__ import annotations

import importlib
import importlib.util

from ..languages import LANGUAGES
from .render import FORMATS, render_handout
from .session import Question, Session, answer, build_session
from .texts import Texts

TEXTS: dict[str, Texts] = {code: importlib.import_module(f"{__name__}.{code}").TEXTS for code in LANGUAGES
                           if importlib.util.find_spec(f"{__name__}.{code}") is not None}
"""The training's own texts for each of postlint's languages that has them (`en.py`, `es.py`)."""

__all__ = ["FORMATS", "TEXTS", "Question", "Session", "Texts", "answer", "build_session", "render_handout"]
