"""Attribution: a name or an address that the post publishes on purpose as a credit.

An author line (`Co-authored-by: Ana Ruiz <ana@...>`, `s.author = "..."`, `authors = [...]`), a
changelog credit (`Fix the parser (Ana Ruiz) #1234`, `#1234 by @ana`), a git identity
(`Ana Ruiz <ana@...>`) and a list of contributors (one name or address per item) all name people
because they did the work. Shared by the kinds that report names and addresses.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from ..languages import declare
from ._context import alternatives

if TYPE_CHECKING:
    from ..document import Document
    from ..languages import Language

SENDER_WORDS = declare(
    "sender_words",
    'Words right before an address or a credit that say who sent or did it ("an email from '
    '<address>", "#1234 by ana").',
    ())
THANKS_WORDS = declare(
    "thanks_words",
    'Words that open a credit in brackets ("(thanks to Ana)", "(via @ana)").',
    ())
CREDIT_CUES = declare(
    "credit_cues",
    "Phrases that introduce an author line or a credit.",
    frozenset(), source="list")

_REF = r"(?:#\d+|!\d+|GH-\d+|\[#\d+\]|(?:PR|pull request|issue)\s*#?\d+)"
# After the value, on its line: `) #1234`, `, #1234`, `] (#1234)`.
_CREDIT_AFTER = regex.compile(rf"[\s)\]>`*_]*[,;:]?\s*\(?\s*{_REF}", regex.IGNORECASE)
# A git identity: the value in angle brackets after a name (`Ana Ruiz <ana@x.org>`), the name's
# words capitalised (particles aside), the line ending after it or going on to the next item.
_IDENTITY = regex.compile(r"(?:^|[\s\"'(\[,;:=])(?P<name>\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|van|von|de|da|del|"
                          r"der|la|le|di|du|bin|al)){0,3})\s*<$")
_IDENTITY_END = regex.compile(r">[\s\"'\])}]*(?:$|[,;]\s*(?:and\s+|y\s+)?\p{Lu}[^<>\n]{0,60}<)")
_LIST_ITEM = regex.compile(r"[\s`*_\-+•,;]*")
SHORT_ITEM = 60  # characters: a contributor list's items are names, not sentences


@functools.cache
def _credit_cues(language: Language) -> regex.Pattern[str] | None:
    cues = CREDIT_CUES.of(language)
    if not cues:
        return None
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{alternatives(cues, loose_spaces=True)})(?![\p{{L}}\d])",
                         regex.IGNORECASE)


@functools.cache
def _credit_before(language: Language) -> regex.Pattern[str]:
    """Before the value, on its line: `#1234 by `, `(thanks `, `(`, right after a reference."""
    sender = alternatives(SENDER_WORDS.of(language), loose_spaces=True)
    thanks = alternatives(THANKS_WORDS.of(language), loose_spaces=True)
    return regex.compile(rf"(?:{_REF}\s*[,;:]?\s*(?:\(|(?:{sender}|{thanks})\s+)?|\((?:{thanks})\s+)@?[`*_]*$",
                         regex.IGNORECASE)


@functools.cache
def _thanked_name(language: Language) -> regex.Pattern[str]:
    """Before the value: a thanks and the name it credits, the value being that person's address
    (`Thanks to Ana Ruiz <ana@x.org> for reporting this`, `thanks to Ana Ruiz (ana@x.org)`)."""
    thanks = alternatives(THANKS_WORDS.of(language), loose_spaces=True)
    name = r"\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|\(\p{Lu}[\p{L}.]*\)|van|von|de|da|del|der|la|le)){0,4}"
    return regex.compile(rf"(?<![\p{{L}}\d])(?i:{thanks})\s+{name}\s*[<(\[]?\s*$")


def credited(document: Document, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands in a credit: an author line, a changelog credit, a git
    identity, or an item of a list of contributors."""
    text = document.text
    line_start = max(text.rfind("\n", 0, start) + 1, document.block(start)[0])
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 80):start]
    cues = _credit_cues(document.language)
    if cues is not None and cues.search(before):
        return True
    identity = _IDENTITY.search(before)
    if identity and _IDENTITY_END.match(text, end, line_end) and \
            identity.group("name").split()[0].lower() not in document.language.mail_words:
        return True
    if _CREDIT_AFTER.match(text, end, line_end) or _credit_before(document.language).search(before):
        return True
    if _thanked_name(document.language).search(before):
        return True
    return _in_contributor_list(document, start, end)


def _in_contributor_list(document: Document, start: int, end: int) -> bool:
    """The value is a list item of its own, with two or more items just as short around it (a thanks
    list): never a link's text beside its own target."""
    text = document.text
    b_start, b_end = document.block(start)
    if not (_LIST_ITEM.fullmatch(text, b_start, start) and _LIST_ITEM.fullmatch(text, end, b_end)):
        return False
    items = 0
    for step in (-1, 1):
        here = (b_start, b_end)
        for _ in range(LIST_REACH):
            here = _next_item(document, here, step)
            if here is None:
                break
            items += 1
    return items >= 2


LIST_REACH = 2  # items looked at on each side of a value for a list of contributors


def _next_item(document: Document, block: tuple[int, int], step: int) -> tuple[int, int] | None:
    """The block before (`step` -1) or after (1) `block` when it reads as another short list item,
    stepping over the link targets the markup readers write after a block; None otherwise."""
    text = document.text
    while True:
        if step < 0:
            if block[0] <= 0:
                return None
            block = document.block(max(block[0] - 3, 0))
        else:
            nxt = _SPACE.match(text, block[1]).end()
            if nxt >= len(text):
                return None
            block = document.block(nxt)
        start, end = block
        if end <= start:
            return None
        if not document.zones_at(start, end) & _NOT_ITEMS:
            break
    if end - start > SHORT_ITEM or regex.search(r"[.!?:]\s*$", text[start:end]):
        return None
    return block


_SPACE = regex.compile(r"\s*")
_NOT_ITEMS = frozenset({"link", "url_value"})  # a link's target, written after its text: not an item
