"""`GET /training`: the training page of the review server (the browser run is in test_browser.py)."""

from __future__ import annotations

import html
import re

from conftest import CORPUS_CONFIG
from linter.config import load_config
from linter.packs import load_rules
from linter.training import TEXTS, build_session


def expected(lang: str, seed: int):
    config = load_config(CORPUS_CONFIG)
    return build_session(config, load_rules(config), lang, seed=seed)


def test_the_page_holds_the_session_postlint_train_would_run(client):
    page = client().get("/training?seed=4")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    text = page.text
    session = expected("en", 4)
    posts = [html.unescape(p) for p in re.findall(r'<blockquote class="post" lang="en"><p>(.*?)</p>', text)]
    assert posts == [session.quoted(q.post) for q in session.questions]
    answers = re.findall(r'data-publish="(yes|no)" data-category="(\w+)"', text)
    assert answers == [("yes" if q.publish else "no", str(q.category)) for q in session.questions]
    assert {category for _, category in answers} == {"pii", "confidential", "derogatory", "profanity",
                                                      "substances", "claims"}
    assert "[unreleased product]" not in text  # the company's own names, as on the review page


def test_no_inline_script_and_every_answer_readable_without_script(client):
    text = client().get("/training?seed=4").text
    assert re.findall(r"<script\b[^>]*>", text) == ['<script src="/static/review.js" defer>',
                                                    '<script src="/static/training.js" defer>']
    assert not re.search(r"<[^>]+\son[a-z]+=", text)  # no event handler attributes either
    assert text.count("<details class=\"answer\">") == 12 and text.count(TEXTS["en"].show_answer) == 12
    assert client().get("/static/training.js").status_code == 200
    assert client().get("/static/training.css").status_code == 200


def test_spanish_by_choice_or_by_the_browser(client):
    chosen = client().get("/training?ui=es&seed=1").text
    assert '<html lang="es">' in chosen and TEXTS["es"].title.format(company="Acme Robotics") in chosen
    session = expected("es", 1)
    assert html.escape(session.quoted(session.questions[0].post), quote=False) in chosen
    browser = client().get("/training", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="es">' in browser and TEXTS["es"].publish in browser


def test_a_bad_seed_is_a_fresh_session_not_an_error(client):
    assert client().get("/training?seed=banana").status_code == 200


def test_the_review_page_links_to_the_training(client):
    assert 'href="/training?ui=en"' in client().get("/").text
