"""The public edition's safety: which config values it withholds, and how it describes them.

Withheld are every codename and its aliases (launched or not: the policy has no date), every
customer that is not a public reference, every internal domain (and any host under it), and every
value the config marks `!confidential`. They are found as the linter finds codenames, in any letter
case and disguise (`#ProjectNightjar`, `N i g h t j a r`, look-alike letters, zero-width
characters), and also inside longer words, where the whole word is withheld. Each is replaced by a
description of its kind ("[unreleased product]"); `leaks()` checks a finished document again, so a
value that slipped through is an error, never a published policy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import regex

from ..checks._disguise import NameFinder
from ..config import Config
from ..normalize import normalise


@dataclass(frozen=True)
class Withheld:
    """One value the public edition never prints, and what kind of thing it is."""

    text: str
    kind: str
    """codename, customer, internal_domain or marked (`!confidential`): `Texts.withheld` describes each."""


def withheld_values(config: Config) -> list[Withheld]:
    """Every value of `config` the public edition withholds, in config order."""
    company = config.company
    values = [Withheld(name, "codename") for codename in company.codenames for name in codename.names]
    values += [Withheld(name, "customer") for customer in company.customers if not customer.public
               for name in customer.names]
    values += [Withheld(domain, "internal_domain") for domain in company.internal_domains]
    values += [Withheld(text, "marked") for text in config.confidential]
    return [v for v in values if v.text.strip()]


def _literal(text: str) -> str:
    """A regex for `text` as written, any run of white space matching any other."""
    return r"\s+".join(regex.escape(part) for part in text.split())


_LABEL = regex.compile(r"[\w-]+\.$")


def _host_start(text: str, start: int) -> int:
    """Where the host name ending in a domain that starts at `start` begins: a host under an
    internal domain is withheld whole (jenkins.corp.acme.example). Label by label, leftwards."""
    while (label := _LABEL.search(text, max(0, start - 64), start)) is not None:
        start = label.start()
    return start


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class PublicEdition:
    """Finds and describes the withheld values of one config in any text."""

    def __init__(self, config: Config, descriptions: Mapping[str, str]) -> None:
        self.values = withheld_values(config)
        self.descriptions = descriptions
        names = [v for v in self.values if v.kind != "internal_domain"]
        self._names = NameFinder({v.text: v.kind for v in names})
        self._kind = {_folded(v.text): v.kind for v in self.values}
        domains = [v.text for v in self.values if v.kind == "internal_domain"]
        self._hosts = regex.compile(
            r"(?<![\w-])(?:" + "|".join(regex.escape(d) for d in domains) + r")(?![\w-])",
            regex.IGNORECASE | regex.VERSION1) if domains else None
        literals = sorted({v.text for v in self.values}, key=len, reverse=True)
        self._literals = regex.compile("|".join(_literal(t) for t in literals),
                                       regex.IGNORECASE | regex.VERSION1) if literals else None

    def _spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, kind) of every withheld value in `text` (normalised), possibly overlapping."""
        for start, end, kind in self._names.find(text):
            yield start, end, str(kind)
        if self._hosts is not None:
            for m in self._hosts.finditer(text):
                yield _host_start(text, m.start()), m.end(), "internal_domain"
        if self._literals is not None:
            for m in self._literals.finditer(text, overlapped=True):
                start, end = m.span()
                # inside a longer word ("Falcons", "#UmbrellaHealthcare"), withhold the whole word
                while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._-" and
                                     start > 1 and text[start - 2].isalnum()):
                    start -= 1
                while end < len(text) and (text[end].isalnum() or text[end] in "._-" and
                                           end + 1 < len(text) and text[end + 1].isalnum()):
                    end += 1
                yield start, end, self._kind.get(_folded(m.group()), "marked")

    def found(self, text: str) -> list[tuple[int, int, str]]:
        """Merged spans of withheld values in `text` (offsets into `text` itself), in order."""
        if not self.values or not text:
            return []
        folded, offsets = normalise(text)
        spans = sorted((*offsets.span(start, end), kind) for start, end, kind in self._spans(folded))
        merged: list[tuple[int, int, str]] = []
        for start, end, kind in spans:
            if merged and start <= merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, kind))
        return merged

    def mentions(self, text: str) -> bool:
        return bool(self.found(text))

    def mask(self, text: str, descriptions: Mapping[str, str] | None = None) -> str:
        """`text` with every withheld value replaced by the description of its kind (`descriptions`
        replaces the edition's own: the same ones escaped for Markdown, say)."""
        descriptions = descriptions or self.descriptions
        out = text
        for start, end, kind in reversed(self.found(text)):
            out = out[:start] + descriptions[kind] + out[end:]
        return out

    def leaks(self, text: str) -> list[str]:
        """The kinds of withheld value still in a finished document (empty when it is safe).

        The descriptions themselves are taken out first: a codename may be a word they use.
        """
        for description in self.descriptions.values():
            text = text.replace(description, " ")
        return sorted({kind for _, _, kind in self.found(text)})
