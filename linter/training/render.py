"""A training session as a printable handout: the posts with a box to tick, then the answers.

Markdown (to keep beside the policy in a repository) or one self-contained HTML page (to print),
in the written policy's style. Like the policy, the handout opens with a `postlint-disable-file
quoted` comment and marks the posts and answers as quoted blocks, so it passes `check` and the
pre-commit hook.
"""

from __future__ import annotations

from html import escape

from ..policy.render import BEGIN_QUOTED, END_QUOTED, PRINT_STYLE, file_directive, markdown_renderer
from ..policy.writer import md_escape
from .session import Session, answer
from .texts import Texts

BOX = "\u2610"  # ☐: a box to tick on paper
FORMATS = ("md", "html")
_EXTRA_STYLE = ".post { font-size: 1.1em; } .boxes { letter-spacing: .02em; }"

Block = tuple[bool, str]
"""(quoted, Markdown): one stretch of the handout."""


def _blocks(session: Session, texts: Texts) -> list[Block]:
    count = len(session.questions)
    title = f"# {md_escape(texts.title.format(company=session.company))}"
    if not count:
        return [(False, f"{title}\n\n{md_escape(texts.no_posts)}")]
    label = lambda number: md_escape(texts.question.format(number=number, count=count))  # noqa: E731
    intro = texts.intro.format(count=count, categories=len(session.categories))
    head = [title, md_escape(intro), f"*{md_escape(texts.privacy)}*"]
    if session.uncovered:
        head.append(md_escape(texts.not_covered.format(
            categories=session.join([session.category_name(c) for c in session.uncovered]))))
    posts = [f"### {label(n)}\n\n{md_escape(session.quoted(q.post))}\n\n"
             f"{BOX} {md_escape(texts.publish)} \u2003 {BOX} {md_escape(texts.hold)}"
             for n, q in enumerate(session.questions, 1)]
    answers = []
    for number, question in enumerate(session.questions, 1):
        verdict = texts.publish if question.publish else texts.hold
        lines = [f"**{md_escape(label_)}.** {md_escape(text)}" if label_ else md_escape(text)
                 for label_, text in answer(session, question, texts)]
        answers.append(f"### {label(number)}: {md_escape(verdict)}\n\n" + "\n\n".join(lines))
    return [(False, "\n\n".join([*head, f"## {md_escape(texts.handout_posts)}",
                                 md_escape(texts.handout_instructions)])),
            (True, "\n\n".join(posts)),
            (False, f"## {md_escape(texts.handout_answers)}"),
            (True, "\n\n".join(answers))]


def _directive(session: Session, texts: Texts) -> list[str]:
    """The file comment that lets the quoted posts through `check` (none when nothing is quoted)."""
    return [file_directive(texts.quoted_reason)] if session.questions else []


def to_markdown(session: Session, texts: Texts) -> str:
    out = _directive(session, texts)
    for quoted, markdown in _blocks(session, texts):
        out += [BEGIN_QUOTED, markdown, END_QUOTED] if quoted else [markdown]
    return "\n\n".join(out) + "\n"


def to_html(session: Session, texts: Texts) -> str:
    md = markdown_renderer()
    body = []
    for quoted, markdown in _blocks(session, texts):
        html = md.render(markdown).rstrip("\n")
        body += [BEGIN_QUOTED, html, END_QUOTED] if quoted else [html]
    title = escape(texts.title.format(company=session.company))
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{escape(session.lang)}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{title}</title>",
        f"<style>{PRINT_STYLE}{_EXTRA_STYLE}</style>", "</head>", "<body>", *_directive(session, texts),
        "<main>", *body, "</main>", "</body>", "</html>", "",
    ])


def render_handout(session: Session, texts: Texts, fmt: str) -> str:
    return to_html(session, texts) if fmt == "html" else to_markdown(session, texts)
