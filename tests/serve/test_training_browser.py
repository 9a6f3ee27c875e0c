"""The training page in a real headless Chromium against a real `postlint serve`, by keyboard only.

The same session is built in-process (same config and seed) to know the answers; every post is
answered with Tab and Enter, some wrong on purpose, and the page must say which, open each answer,
and sum up with exactly the categories answered wrong, in English and in Spanish, with no request
leaving the page once it has loaded and no console error (a CSP violation is one).
"""

from __future__ import annotations

import pytest
from conftest import CORPUS_CONFIG

from linter.config import load_config
from linter.packs import load_rules
from linter.training import TEXTS, build_session

from test_browser import CHROMIUM, CHROMIUM_ARGS, chromium, server  # noqa: F401  the review page's fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def tab(chromium, server, tmp_path):  # noqa: F811
    context = chromium.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1100, "height": 900}, locale="en-US")
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def press_until(page, selector: str, limit: int = 60) -> None:
    """Tab until the focused element matches `selector` (the keyboard is the only way in)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the keyboard")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_whole_session_by_keyboard_with_the_summary_of_what_to_review(tab, server, lang):  # noqa: F811
    texts = TEXTS[lang]
    config = load_config(CORPUS_CONFIG)
    session = build_session(config, load_rules(config), lang, seed=8)
    assert {str(c) for c in session.categories} == {
        str(r.category) for r in load_rules(config) if r.enabled and lang in r.languages}
    wrong = {session.questions[2].category}
    tab.goto(server.url + f"training?seed=8&ui={lang}")
    tab.wait_for_selector("li.question .choices:not([hidden])")  # the script has run
    loaded = len(tab.requests)
    assert tab.locator("h1").inner_text() == texts.title.format(company="Acme Robotics")
    for number, question in enumerate(session.questions, 1):
        item = tab.locator(f"#post-{number}")
        assert item.locator("blockquote.post").inner_text() == session.quoted(question.post)
        assert not item.locator("details.answer").is_visible()  # asked before it is answered
        right = question.category not in wrong
        choice = "yes" if question.publish == right else "no"
        press_until(tab, f'#post-{number} button.choice[data-choice="{choice}"]')
        tab.keyboard.press("Enter" if number % 2 else " ")
        verdict = item.locator(".outcome").inner_text()
        assert verdict == ("\u2713 " + texts.right if right else "\u2717 " + texts.wrong)  # words, not colour
        answer = item.locator("details.answer")
        assert answer.is_visible() and answer.get_attribute("open") is not None
        shown = answer.inner_text()
        assert (texts.fine in shown) if question.publish else (question.code in shown and question.why[:30] in shown)
        if number < len(session.questions):  # the last answer moves on to the summary
            assert tab.evaluate("document.activeElement.classList.contains('outcome')")
    summary = tab.locator("#summary")
    assert summary.is_visible() and tab.evaluate("document.activeElement.id") == "summary"
    right_answers = sum(q.category not in wrong for q in session.questions)
    assert texts.score.format(right=right_answers, count=len(session.questions)) in summary.inner_text()
    listed = [item.inner_text() for item in summary.locator("#to-review li").all() if item.is_visible()]
    assert listed == [session.category_name(c) for c in wrong]
    assert tab.requests[loaded:] == []  # no answer left the page
    assert [url for url in tab.requests if not url.startswith(server.url)] == []
    assert tab.problems == []


def test_the_language_switch_and_every_answer_without_script(chromium, server, tmp_path):  # noqa: F811
    context = chromium.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        java_script_enabled=False, locale="en-US")
    try:
        page = context.new_page()
        page.goto(server.url + "training?seed=3")
        page.get_by_role("link", name="Español").click()
        page.wait_for_selector("html[lang=es]")
        assert page.locator("li.question").count() == 12
        assert not page.locator(".choices").first.is_visible()  # no buttons that cannot work
        page.locator("details.answer summary").first.click()
        assert page.locator("details.answer").first.locator(".answer-verdict").is_visible()
    finally:
        context.close()
