"""What the training says in one language: the session in a terminal, the handout and the page.

One `Texts` per language module (`en.py`, `es.py`), every field required, so a language cannot
miss a sentence. Fields are plain text (the handout escapes them); a few take named values, said
where they do. The categories' names and the severities' meanings are the written policy's
(`linter.policy.TEXTS`), so the training and the policy use the same words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    """The training's own sentences in one language."""

    lang: str
    title: str
    """{company}: the company's name (or the policy's word for it)."""
    intro: str
    """{count}: how many posts; {categories}: how many categories they cover."""
    privacy: str
    """That nothing about the person is stored or sent."""
    question: str
    """{number} and {count}: which post of how many."""
    prompt: str
    """The terminal's question after each post, with the keys to answer."""
    yes_answers: tuple[str, ...]
    """What a person types for "publish it" (lower case)."""
    no_answers: tuple[str, ...]
    quit_answers: tuple[str, ...]
    not_understood: str
    publish: str
    """The page's button and the handout's box for "publish it"."""
    hold: str
    """... for "do not publish it as written"."""
    right: str
    wrong: str
    breaks: str
    """{code} and {summary}: the rule a flagged post breaks."""
    second_look: str
    """Added after `breaks` when the rule is a warning: a second look, not a ban."""
    fine: str
    """A fine post: nothing in it breaks the policy."""
    close_to: str
    """{code} and {summary}: the rule a fine post comes close to."""
    why: str
    instead: str
    for_example: str
    """The heading of a fine post of the same rule, shown as a better wording."""
    show_answer: str
    """The page's disclosure of the answer (without script)."""
    summary_heading: str
    score: str
    """{right} and {count}."""
    review: str
    """{categories}: the categories with a wrong answer, to read again in the policy."""
    review_list: str
    """The same, before a list of them (the page)."""
    all_right: str
    stopped: str
    """{answered} and {count}: the person quit early."""
    again: str
    """The page's link to a new session."""
    handout_posts: str
    handout_answers: str
    handout_instructions: str
    not_covered: str
    """{categories}: enabled categories with no example the training can use."""
    no_posts: str
    quoted_reason: str
    """The reason of the handout's `postlint-disable-file quoted` comment: plain text, one line."""
