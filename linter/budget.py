"""Token budgets: the parse never works on more than `TOKEN_BUDGET` tokens at once.

A CNN tok2vec (the small English model's, and the one inside its entity recogniser) keeps about
15 KB of working memory per token while it runs over a batch: a batch of 32 blog posts (40,000
tokens) took 600 MB for an instant, which set the whole process's peak. Its output for a token
depends only on `reach` tokens either side (window size x depth), so the same vectors come out of
any split into groups of whole documents, or of a long document into windows that overlap by
`reach` tokens: here the embedding layer's results are cut to the budget without changing one bit
of what the later components see. A sentence recogniser with a CNN of its own (the small English
model's senter) is cut the same way: it took 23 MB for one 14,000-token post.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
# Tokens a tok2vec works on at once: ~15 MB of working memory, and the same speed as 40,000 (4,000
# took 55 MB, which set the peak of a whole blog's check).
TOKEN_BUDGET = 1_000
# thinc layers whose output for a token depends on that token alone (or, for `expand_window`, on
# its `window_size` neighbours): a model made only of these has a known reach.
_PER_TOKEN_LAYERS = frozenset({"extract_features", "list2ragged", "ragged2list", "ints-getitem", "hashembed",
                               "maxout", "layernorm", "dropout", "mish", "relu", "static_vectors",
                               "remap_ids", "expand_window", "softmax"})


def token_groups(items: Iterable[T], budget: int | None = None,
                 size: Callable[[T], int] = len) -> Iterator[list[T]]:  # type: ignore[assignment]
    """Consecutive groups of items (docs) of at most `budget` (default `TOKEN_BUDGET`) tokens in
    all; a longer one goes alone."""
    budget = budget or TOKEN_BUDGET
    group: list[T] = []
    tokens = 0
    for item in items:
        if group and tokens + size(item) > budget:
            yield group
            group, tokens = [], 0
        group.append(item)
        tokens += size(item)
    if group:
        yield group


def window_reach(model: Any) -> int | None:
    """Tokens either side a token's output depends on, or None when the model may look further
    (a recurrent layer, attention, or any layer not known here)."""
    reach = 0
    for layer in model.walk():
        if layer.layers:
            continue  # a combinator: its leaves decide
        if layer.name not in _PER_TOKEN_LAYERS:
            return None
        if layer.name == "expand_window":
            reach += int(layer.attrs.get("window_size", 1))  # windows in sequence add up (in parallel: fewer)
    return reach


def bound_components(nlp: Language) -> None:
    """Make the pipeline's shared tok2vec, and a tagger-like component with a CNN of its own (a
    senter), work on at most `TOKEN_BUDGET` tokens at a time (same output)."""
    from spacy.pipeline import Tagger, Tok2Vec

    for _, component in nlp.pipeline:
        if isinstance(component, (Tok2Vec, Tagger)):  # a tagger reading a shared tok2vec has no reach
            reach = window_reach(component.model)
            if reach is not None:
                component.predict = types.MethodType(_bounded(component.predict, reach), component)  # type: ignore[method-assign]


def _bounded(predict: Any, reach: int) -> Any:
    """A `predict` method that runs `predict` within the budget (read when called: tests lower it)."""
    return lambda self, docs: bounded_predict(self.model, predict, list(docs), TOKEN_BUDGET, reach)


def bounded_predict(model: Any, predict: Any, docs: Sequence[Doc], budget: int, reach: int) -> list[Any]:
    """`predict(docs)` (one array of a row per token for each doc), run `budget` tokens at a time.

    A doc longer than `budget` is run in windows of `budget` tokens plus `reach` on either side,
    of which only the middle is kept: the margins give each kept token every neighbour it reads.
    """
    out: list[Any] = []
    for group in token_groups(docs, budget):
        if len(group) > 1 or len(group[0]) <= budget:
            out.extend(predict(group))
            continue
        doc = group[0]
        step = max(budget - 2 * reach, 1)
        parts = []
        for start in range(0, len(doc), step):
            end = min(start + step, len(doc))
            lo, hi = max(start - reach, 0), min(end + reach, len(doc))
            vectors = predict([doc[lo:hi].as_doc()])[0]
            parts.append(vectors[start - lo:start - lo + end - start])
        out.append(model.ops.xp.concatenate(parts))
    return out
