"""The one place that loads YAML: safe, libyaml when available, duplicate keys caught, marks kept.

Config and rule packs (`load_yaml_file`) read YAML 1.2 booleans; mappings and sequences come back
as `MarkedDict` / `MarkedList`, which remember the line and column of every key and item so that
validation errors can cite `file:line:col`. Front matter (`compose_yaml`) is read as nodes, whose
marks locate each value in the post.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Problem


class Mark:
    """A 1-based place in a file."""

    __slots__ = ("path", "line", "col")

    def __init__(self, path: str, line: int, col: int) -> None:
        self.path, self.line, self.col = path, line, col

    def problem(self, code: str, message: str, hint: str = "") -> Problem:
        return Problem(self.path, self.line, self.col, code, message, hint)

    def __repr__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Confidential(str):
    """A config string marked `!confidential`: the public edition of the written policy
    (`postlint policy`) describes it instead of printing it. Everywhere else it is a plain string."""

    __slots__ = ()


CONFIDENTIAL_TAG = "!confidential"


class MarkedDict(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stand."""

    mark: Mark
    key_marks: dict[Any, Mark]
    value_marks: dict[Any, Mark]

    def mark_of(self, key: Any) -> Mark:
        return self.value_marks.get(key, self.mark)

    def key_mark(self, key: Any) -> Mark:
        return self.key_marks.get(key, self.mark)


class MarkedList(list[Any]):
    """A sequence that remembers where it and each item stand."""

    mark: Mark
    item_marks: list[Mark]

    def mark_of(self, index: int) -> Mark:
        return self.item_marks[index] if index < len(self.item_marks) else self.mark


def mark_of(container: Any, key: Any, default: Mark) -> Mark:
    """The mark of `container[key]` when the container knows it, else `default`."""
    if isinstance(container, (MarkedDict, MarkedList)):
        return container.mark_of(key)
    return default


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster, or more


class _Loader(_SAFE_LOADER):  # type: ignore[misc]
    """SafeLoader with YAML 1.2 booleans: `no`, `off`, `yes`, `on` stay strings (Norway, `off`)."""

    path = "<yaml>"
    problems: list[Problem]


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _mark(loader: _Loader, node: yaml.Node) -> Mark:
    return Mark(loader.path, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict()
    result.mark = _mark(loader, node)
    result.key_marks, result.value_marks = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            loader.problems.append(
                _mark(loader, key_node).problem("E108", "mapping keys must be plain scalars")
            )
            continue
        if key in result:
            loader.problems.append(
                _mark(loader, key_node).problem(
                    "E108", f"duplicate key '{key}'", f"first given at line {result.key_marks[key].line}"
                )
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = _mark(loader, key_node)
        result.value_marks[key] = _mark(loader, value_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.mark = _mark(loader, node)
    result.item_marks = [_mark(loader, child) for child in node.value]
    return result


def _marked_confidential(value: Any) -> Any:
    """`value` with every string in it (deeply: mapping values and list items) made `Confidential`."""
    if isinstance(value, str):
        return Confidential(value)
    if isinstance(value, dict):
        for key in value:
            value[key] = _marked_confidential(value[key])
    elif isinstance(value, list):
        value[:] = [_marked_confidential(item) for item in value]
    return value


def _construct_confidential(loader: _Loader, node: yaml.Node) -> Any:
    """`!confidential`: a string, or every string in a mapping or list; other scalars (a date, a
    number) keep their plain type and value, and are not marked."""
    if isinstance(node, yaml.MappingNode):
        return _marked_confidential(_construct_mapping(loader, node))
    if isinstance(node, yaml.SequenceNode):
        return _marked_confidential(_construct_sequence(loader, node))
    plain = not node.style  # a quoted scalar is always a string: "2027" is no number (libyaml: style '')
    plain_tag = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
    return _marked_confidential(loader.yaml_constructors[plain_tag](loader, node))


def confidential_values(data: Any) -> tuple[str, ...]:
    """Every string marked `!confidential` in loaded data, once each, in a stable order."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, Confidential) and value.strip():
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return tuple(sorted(found))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor(CONFIDENTIAL_TAG, _construct_confidential)


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text safely; raises ConfigError citing `path:line:col` for any problem."""
    loader = _Loader(text)
    loader.path = path
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise ConfigError([Problem(path, line, col, "E100", f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(path, 1, 1, "E100", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise ConfigError(loader.problems)
    return data


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (None when empty); raises `yaml.YAMLError` on bad YAML.

    Each node's `start_mark.index` / `end_mark.index` count characters of `text`. Tags resolve as
    PyYAML's SafeLoader resolves them (YAML 1.1: `no` is a boolean). The C loader matters here:
    PyYAML's pure-Python one took 3.9 s on one bad front matter that libyaml rejects in 6 ms.
    """
    return yaml.compose(text, Loader=_SAFE_LOADER)


def load_yaml_file(path: Path, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file; unreadable or undecodable files are ConfigErrors too."""
    shown = shown_as or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([Problem(shown, 1, 1, "E110", "file not found")]) from None
    except OSError as exc:
        raise ConfigError([Problem(shown, 1, 1, "E110", f"cannot read file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [Problem(shown, line, 1, "E100", f"not UTF-8 (invalid byte at offset {exc.start})")]
        ) from None
    return load_yaml_text(text, shown)
