"""The one place that loads YAML: safe, libyaml when available, duplicate keys caught, marks kept.

Config and rule packs (`load_yaml_file`) read YAML 1.2 booleans; mappings and sequences come back
as `MarkedDict` / `MarkedList`, which remember the line and column of every key and item so that
validation errors can cite `file:line:col`. Front matter (`compose_yaml`) is read as nodes, whose
marks locate each value in the post.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Problem
from .fileio import MAX_POLICY_BYTES, NotAFile, TooLarge, read_file


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


MAX_DIGITS = 30  # a longer integer is a mistake, and Python refuses to convert 4,300 digits or more


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    digits = sum(ch.isalnum() for ch in str(node.value))
    if digits > MAX_DIGITS:
        loader.problems.append(_mark(loader, node).problem(
            "E102", f"a number of {digits} digits is too long", "quote it if it is meant as text"))
        return None
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        loader.problems.append(_mark(loader, node).problem(
            "E112", f"'{str(node.value)[:40]}' is not a date", "write it as YYYY-MM-DD"))
        return None


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
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(CONFIDENTIAL_TAG, _construct_confidential)

# A config or pack is small. Aliases let a few hundred bytes stand for billions of nodes (the
# "billion laughs"): the document is refused when, aliases expanded, it has more nodes than this.
MAX_NODES = 200_000


def expanded_size(root: yaml.Node, limit: int = MAX_NODES) -> int:
    """How many nodes `root` stands for with every alias expanded (counted in linear time, up to
    just past `limit`)."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            if id(node) in visiting:
                return limit + 1  # an alias inside its own anchor: endless once expanded
            visiting.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        visiting.discard(id(node))
        sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(child)] for child in children))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml_text(text: str, path: str, problems: list[Problem] | None = None) -> Any:
    """Parse YAML text safely; raises ConfigError citing `path:line:col` for any problem.

    With `problems`, those that leave the data usable (a duplicate key, an impossible date) are
    appended there instead of raised, so they are reported with every other problem of the file.
    """
    loader = _Loader(text)
    loader.path = path
    loader.problems = []
    try:
        node = loader.get_single_node()
        # no '&', no anchor, so no alias: the nodes are as many as the text shows (most packs)
        if node is not None and "&" in text and expanded_size(node) > MAX_NODES:
            raise ConfigError([Problem(path, 1, 1, "E100", f"the document stands for more than {MAX_NODES:,} "
                                       "values once its aliases are expanded; refused")])
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise ConfigError([Problem(path, 1, 1, "E100", "the document is nested too deeply")]) from None
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
        if problems is None:
            raise ConfigError(loader.problems)
        problems.extend(loader.problems)
    return data


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (None when empty); raises `yaml.YAMLError` on bad YAML.

    Each node's `start_mark.index` / `end_mark.index` count characters of `text`. Tags resolve as
    PyYAML's SafeLoader resolves them (YAML 1.1: `no` is a boolean). The C loader matters here:
    PyYAML's pure-Python one took 3.9 s on one bad front matter that libyaml rejects in 6 ms.
    """
    return yaml.compose(text, Loader=_SAFE_LOADER)


def load_yaml_file(path: Path, shown_as: str | None = None, problems: list[Problem] | None = None) -> Any:
    """Read and parse a YAML file; unreadable or undecodable files are ConfigErrors too.

    Only a regular file is read, and at most `MAX_POLICY_BYTES` of it: a config or pack named
    `/dev/zero` or a FIFO is an error, never a hang.
    """
    shown = shown_as or str(path)
    try:
        raw = read_file(path, MAX_POLICY_BYTES)
    except FileNotFoundError:
        raise ConfigError([Problem(shown, 1, 1, "E110", "file not found")]) from None
    except (NotAFile, TooLarge) as exc:
        raise ConfigError([Problem(shown, 1, 1, "E110", f"cannot read: {exc.strerror}")]) from None
    except OSError as exc:
        reason = "a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror
        raise ConfigError([Problem(shown, 1, 1, "E110", f"cannot read file: {reason}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [Problem(shown, line, 1, "E100", f"not UTF-8 (invalid byte at offset {exc.start})")]
        ) from None
    return load_yaml_text(text, shown, problems)
