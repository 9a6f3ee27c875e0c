"""Rule kinds: one module per kind, each a small `Check` class registered by its `kind` name.

Adding a kind means adding a module here that defines a `Check` subclass with `@register`; the
loader validates a rule's options against the class's `options` and the engine runs it. A
company's own kinds come from an installed package through the `postlint.kinds` entry point
(`plugins.py`, docs/plugins.md) and are registered beside these.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from ..nlp import Needs
from ..schema import Field

if TYPE_CHECKING:
    from spacy.language import Language

    from ..config import Company
    from ..document import Document
    from ..errors import Problem
    from ..finding import Evidence, Severity
    from ..rule import Rule
    from ..yamlio import Mark


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a check fired, in `Document.text` offsets, with values for the message template."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)
    severity: Severity | None = None  # a check may grade a hit below or above the rule's default
    template: str | None = None  # a rule option holding another message (`own_message`); None: `message`
    evidence: tuple[Evidence, ...] = ()  # the reasons that decided `severity` (`_evidence.py`)


@dataclass(frozen=True, slots=True)
class Notice:
    """What a check tells the user about a post that is not a finding (a regex that gave up):
    the engine reports it, and a post with one is not kept in the findings cache."""

    message: str


class Check:
    """The shape every kind shares: options, what it needs from the parse, and `run`."""

    kind: ClassVar[str]
    options: ClassVar[Mapping[str, Field]] = {}
    placeholders: ClassVar[frozenset[str]] = frozenset()  # extra `{names}` its messages may use
    doc: ClassVar[str] = ""
    allow_list: ClassVar[str] = ""  # the `company:` list whose entries it never reports ("": none)

    def __init__(self, rule: Rule, company: Company) -> None:
        self.rule = rule
        self.opts = rule.options
        self.company = company

    @classmethod
    def validate(cls, options: dict[str, Any], where: Callable[[str], Mark], problems: list[Problem]) -> None:
        """Checks across options, after each passed its own validator; `where(key)` is its mark."""

    @classmethod
    def validate_with_model(cls, options: Mapping[str, Any], mark: Mark, problems: list[Problem]) -> None:
        """Checks that need spaCy's own validators (slow to import), run at load on a company's own
        packs, so every problem of a pack is reported at once; the built-in packs are proven by the
        tests and load without spaCy (`postlint rules` stays instant)."""

    @classmethod
    def policy_values(cls, options: Mapping[str, Any], company: Company) -> Iterable[str]:
        """Every value `run` may put in a hit that comes from the policy, never from the post (a
        codename's configured name, an entity type): the findings cache refers to them by index."""
        return ()

    @classmethod
    def allows(cls, match: str) -> bool:
        """Whether an entry `match` in `company.<allow_list>` would let this match through."""
        return bool(cls.allow_list)

    @property
    def needs(self) -> Needs:
        return Needs()

    def deferred_spans(self, document: Document, capability: str) -> list[tuple[int, int]] | None:
        """Where `run` needs a deferred part of the parse (`nlp.DEFERRED`: named entities).

        Asked once the rest of the parse is done, for capabilities in `needs`. Token spans: `run`
        reads the capability only in the sentences they overlap (an empty list: nowhere in this
        document); None: anywhere. Costly parts then run only where some check needs them.
        """
        return None

    @classmethod
    def verify(cls, rule: Rule) -> None:
        """Check, when a Linter is built, what only spaCy can check (a rule in one language): a
        pipeline and its checks are made for a language's first post, a broken rule is told now."""

    def prepare(self, nlp: Language) -> None:
        """Compile what depends on the loaded pipeline (matchers); called once per pipeline."""

    @classmethod
    def describe(cls, options: Mapping[str, Any]) -> list[str]:
        """More lines for `postlint explain` about what a rule of this kind looks for (its options)."""
        return []

    def run(self, document: Document) -> Iterator[Hit | Notice]:
        """The hits in `document`, and a `Notice` for anything else the user should know (checks
        never write into the document: it is shared, and immutable)."""
        raise NotImplementedError

    def run_on_name(self, name: str, document: Document) -> Iterator[Hit]:
        """Hits in a post's file name (offsets into `name`), which becomes its URL: only kinds
        whose findings a slug can leak (codenames, customers) look."""
        return iter(())


KINDS: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    if cls.kind in KINDS and KINDS[cls.kind] is not cls:
        raise RuntimeError(f"rule kind '{cls.kind}' registered twice ({KINDS[cls.kind].__module__} and {cls.__module__})")
    KINDS[cls.kind] = cls
    return cls


_LOADED: list[bool] = []


def load_kinds() -> dict[str, type[Check]]:
    """Import every kind module in this package once (modules starting with `_` are helpers),
    then the kinds of installed plugins (`postlint.kinds` entry points, `plugins.py`).

    Tracked apart from KINDS: importing one kind module directly must not hide the others.
    """
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _check_vocabulary()
        _load_plugin_kinds()
        _LOADED.append(True)
    return KINDS


def _check_vocabulary() -> None:
    """Every registered language fills every word set the kinds declare (`languages/unit.py`): a
    language unit that misses one is a bug, told when the kinds load, before any post is read."""
    from ..errors import InternalError
    from ..languages import REGISTRY, vocabulary_problems

    problems = vocabulary_problems(REGISTRY)
    if problems:
        raise InternalError("language units and the kinds' word sets disagree: " + "; ".join(problems))


def _load_plugin_kinds() -> None:
    """Register the kinds each `postlint.kinds` entry point names: one `Check` subclass, or the
    ones a module defines (`@register` there is optional). A plugin that fails to load, names no
    kind or takes a registered kind's name is a ConfigError naming it."""
    from ..plugins import KINDS_GROUP, entry_points

    for entry in entry_points(KINDS_GROUP):
        target = entry.load()
        if isinstance(target, ModuleType):
            found = [value for value in vars(target).values() if getattr(value, "__module__", None) == target.__name__]
        else:
            found = [target]
        kinds = [cls for cls in found if isinstance(cls, type) and issubclass(cls, Check)
                 and isinstance(getattr(cls, "kind", None), str)]
        if not kinds:
            raise entry.error("names neither a Check class with a `kind` nor a module defining one",
                              "name a module of rule kinds, or one Check subclass (module:Class)")
        for cls in kinds:
            if KINDS.setdefault(cls.kind, cls) is not cls:
                raise entry.error(f"defines the kind '{cls.kind}', which {KINDS[cls.kind].__module__} defines already",
                                  "give the plugin's kind a name of its own")
