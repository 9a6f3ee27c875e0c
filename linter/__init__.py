"""postlint: a pre-publication compliance linter for social-media and company-blog posts.

    from linter import Linter
    findings = Linter(config="postlint.yaml").lint("Reach Jane at jane.doe@gmail.com")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .finding import Category, Finding, Severity

__version__ = "0.1.0"
__all__ = ["Linter", "Post", "Finding", "Category", "Severity", "__version__"]

if TYPE_CHECKING:
    from .engine import Linter, Post


def __getattr__(name: str) -> object:
    # The engine pulls in spaCy; load it only when asked, so `postlint --help` stays instant.
    if name in ("Linter", "Post"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")
