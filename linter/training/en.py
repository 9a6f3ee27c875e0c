"""The training in English."""

from __future__ import annotations

from .texts import Texts

TEXTS = Texts(
    lang="en",
    title="Social-media policy training: {company}",
    intro=(
        "{count} short posts, from the {categories} kinds of problem the policy covers. For each one, "
        "decide whether it may be published as written; then see the rule, why it exists, and a "
        "better wording."
    ),
    privacy="Nothing about you or your answers is stored or sent anywhere.",
    question="Post {number} of {count}",
    prompt="Publish it as written? [y]es, [n]o, [q]uit: ",
    yes_answers=("y", "yes", "publish"),
    no_answers=("n", "no"),
    quit_answers=("q", "quit", "exit"),
    not_understood="Answer y (publish it), n (do not publish it) or q (stop here).",
    publish="Publish it",
    hold="Do not publish it",
    right="Right.",
    wrong="Not quite.",
    breaks="It breaks {code}: {summary}.",
    second_look="This rule asks for a second look: change the post unless you are sure it is fine.",
    fine="It may be published: nothing in it breaks the policy.",
    close_to="It comes close to a rule without breaking it. {code}: {summary}.",
    why="Why",
    instead="Instead",
    for_example="Fine, for comparison",
    show_answer="Show the answer",
    summary_heading="Your results",
    score="You judged {right} of {count} posts right.",
    review="Read these parts of the policy again: {categories}.",
    review_list="Read these parts of the policy again:",
    all_right="Every category right: well done.",
    stopped="You stopped after {answered} of {count} posts.",
    again="Practise with other posts",
    handout_posts="The posts",
    handout_answers="Answers",
    handout_instructions="Tick one box for each post, then compare your answers with the second part.",
    not_covered="No example of these parts of the policy can be shown: {categories}.",
    no_posts="No rule in force has examples to practise on.",
    quoted_reason="this training handout quotes what the rules flag, as exercises",
)
