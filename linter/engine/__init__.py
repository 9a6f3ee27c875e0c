"""The engine: posts in, findings out.

- `linting.py`: the `Linter` (batches, pieces of long texts, suppressions) and `Linters`, the one
  cache of Linters by config;
- `runtime.py`: a language's pipeline, loaded for what its rules need, and its prepared checks;
- `post.py`: the `Post` a library user hands in, and the date embargoes are judged at;
- `deduping.py`: one finding per overlapping stretch and per fact;
- `names.py`: the part of a path that becomes the URL, and what the checks find there.
"""

from __future__ import annotations

from .deduping import dedupe, same_fact
from .linting import Linter, Linters
from .names import slug_span
from .post import Post, parse_as_of

__all__ = ["Linter", "Linters", "Post", "dedupe", "parse_as_of", "same_fact", "slug_span"]
