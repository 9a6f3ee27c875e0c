"""A `Post`: what `Linter.lint_many` accepts besides plain strings, checked for type and settings
before any work starts, and the date embargoes are judged at (`parse_as_of`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..languages import AUTO, LANGUAGES
from ..markup import MARKUPS
from ..schema import DATE_HINT, parse_date, shown


@dataclass(frozen=True, slots=True)
class Post:
    """One text to lint with its own settings (what `lint_many` accepts besides plain strings)."""

    text: str
    path: str | None = None
    as_of: dt.date | str | None = None
    lang: str | None = None
    markup: str | None = None


def parse_as_of(value: dt.date | str | None) -> dt.date:
    """The date embargoes are judged at: `value`, or today when it is None."""
    if value is None:
        return dt.date.today()
    if not isinstance(value, (dt.date, str)):
        raise TypeError(f"as_of must be a datetime.date or an ISO date string, not {type(value).__name__}")
    try:
        return parse_date(value)
    except ValueError:
        raise ValueError(f"as_of {shown(value)} is not a date; {DATE_HINT}") from None


def checked_post(item: object, default_as_of: dt.date | None = None) -> Post:
    """A `Post` from what `lint`/`lint_many` were given; a clear TypeError for anything else."""
    post = item if isinstance(item, Post) else Post(item)  # type: ignore[arg-type]
    if not isinstance(post.text, str):
        raise TypeError(f"a post's text must be a str, not {type(post.text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(post.text, bytes) else ""))
    for name in ("path", "lang", "markup"):
        value = getattr(post, name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"a post's {name} must be a str or None, not {type(value).__name__}")
    check_lang(post.lang)
    if post.markup is not None and post.markup not in MARKUPS:
        raise ValueError(f"markup {shown(post.markup)} is not one of {', '.join(MARKUPS)}")
    as_of = parse_as_of(post.as_of) if post.as_of is not None else default_as_of
    return post if as_of is None or as_of == post.as_of else replace(post, as_of=as_of)


def check_lang(lang: str | None) -> None:
    """A clear ValueError for a language setting that is none of the languages, nor `auto`."""
    if lang is not None and lang not in (AUTO, *LANGUAGES):
        raise ValueError(f"lang {shown(lang)} is not one of {', '.join((AUTO, *LANGUAGES))}")
