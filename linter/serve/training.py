"""`GET /training`: the training page, the session `postlint train` runs in a terminal, in a browser.

The page holds every post with its answer; `static/training.js` asks, reveals the answer and sums
up in the browser, so an answer never leaves the page (no request carries it, nothing is logged).
Without script each answer opens with a disclosure button instead. `?ui=en|es` chooses the
language (else the browser's), `?seed=N` repeats a session.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from ..training import TEXTS, answer, build_session
from .review import Reviewer
from .strings import Strings, ui_language


def training_context(reviewer: Reviewer, request: Request) -> dict[str, Any]:
    """What templates/training.html shows: a fresh session in the reader's language."""
    ui = ui_language(request.query_params.get("ui"), None, request.headers.get("accept-language"))
    seed = request.query_params.get("seed", "")
    config = reviewer.linter.config
    session = build_session(config, reviewer.linter.rules, ui, seed=int(seed) if seed.isdigit() else None)
    texts = TEXTS[ui]
    questions = [{"number": number, "question": question, "answer": answer(session, question, texts),
                  "category": session.category_name(question.category)}
                 for number, question in enumerate(session.questions, 1)]
    before, _, after = texts.score.format(right="\0", count=len(questions)).partition("\0")
    return {"t": Strings(ui), "ui": ui, "texts": texts, "session": session, "questions": questions,
            "count": len(questions), "title": texts.title.format(company=session.company),
            "intro": texts.intro.format(count=len(questions), categories=len(session.categories)),
            "categories": [(str(c), session.category_name(c)) for c in session.categories],
            "uncovered": session.join([session.category_name(c) for c in session.uncovered]),
            "score": (before, after)}
