"""The training as a conversation in a terminal: a post, a question, the answer, and a summary.

`ask` reads a line (the CLI passes `input`) and `say` prints one (`click.echo`); nothing is
written anywhere else, and the answers live in this function's memory only. Ctrl+D or Ctrl+C stops the session with the
summary of what was answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import click

from ..finding import Category
from .session import Question, Session, answer
from .texts import Texts

WIDTH = 88


@dataclass
class Results:
    """How one person did, by category (kept in memory for the summary, then dropped)."""

    right: int = 0
    answered: int = 0
    missed: dict[Category, int] = field(default_factory=dict)

    def record(self, question: Question, publish: bool) -> bool:
        self.answered += 1
        if publish == question.publish:
            self.right += 1
            return True
        self.missed[question.category] = self.missed.get(question.category, 0) + 1
        return False


def wrapped(text: str, indent: str = "") -> str:
    return click.wrap_text(text, WIDTH, initial_indent=indent, subsequent_indent=indent, preserve_paragraphs=True)


def run_session(session: Session, texts: Texts, *, ask: Callable[[str], str], say: Callable[[str], None],
                style: Callable[..., str]) -> Results:
    """Ask every question of `session`, answer it, and end with the summary."""
    results = Results()
    count = len(session.questions)
    say(style(texts.title.format(company=session.company), bold=True))
    if not count:
        say(wrapped(texts.no_posts))
        return results
    say(wrapped(texts.intro.format(count=count, categories=len(session.categories))))
    say(wrapped(texts.privacy))
    if session.uncovered:
        say(wrapped(texts.not_covered.format(categories=session.join(
            [session.category_name(c) for c in session.uncovered]))))
    for number, question in enumerate(session.questions, 1):
        say("")
        say(style(texts.question.format(number=number, count=count), bold=True))
        say(wrapped(session.quoted(question.post), "  "))
        publish = _decide(texts, ask, say)
        if publish is None:
            break
        right = results.record(question, publish)
        verdict = ("\u2713 " + texts.right) if right else ("\u2717 " + texts.wrong)
        say(style(verdict, fg="green" if right else "red", bold=True))
        for label, line in answer(session, question, texts):
            say(wrapped(f"{label}: {line}" if label else line, "  "))
    say("")
    say(style(texts.summary_heading, bold=True))
    say(summary(session, texts, results))
    return results


def _decide(texts: Texts, ask: Callable[[str], str], say: Callable[[str], None]) -> bool | None:
    """True to publish, False to hold the post back, None to stop."""
    while True:
        try:
            reply = ask(texts.prompt).strip().casefold()
        except (EOFError, KeyboardInterrupt, click.Abort):
            say("")
            return None
        if reply in texts.yes_answers:
            return True
        if reply in texts.no_answers:
            return False
        if reply in texts.quit_answers:
            return None
        say(texts.not_understood)


def summary(session: Session, texts: Texts, results: Results) -> str:
    lines = [texts.score.format(right=results.right, count=results.answered)]
    if results.answered < len(session.questions):
        lines.insert(0, texts.stopped.format(answered=results.answered, count=len(session.questions)))
    if results.missed:
        names = [session.category_name(c) for c in Category if c in results.missed]
        lines.append(texts.review.format(categories=session.join(names)))
    elif results.answered:
        lines.append(texts.all_right)
    lines.append(texts.privacy)
    return "\n".join(wrapped(line) for line in lines)
