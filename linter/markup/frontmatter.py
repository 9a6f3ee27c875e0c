"""Front matter: a post's metadata, every string of it, and where each value stands.

YAML between `---` lines or TOML between `+++` lines at the very top of a Markdown file. Every
string value is read, nested ones too (`seo: {description}`, `image: {alt}`, `author_email`,
`slug`, TOML `[extra]`): a site publishes its metadata in the page, the feed and the URL. Only
booleans, numbers, dates and nulls are not text. A real parser (PyYAML's node marks, `tomllib`)
decides what the values are; each is then located in the source so that findings in it point at
the right line and column. Front matter that does not parse is read as plain text, with a warning.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

import yaml

from ..textmap import line_end
from ..yamlio import compose_yaml

LANG_FIELDS = ("lang", "language", "locale")  # the post's language, as Hugo, Jekyll and Zola write it
_NOT_TEXT_TAGS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                            "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w.-]*\s*:")
_TOML_KEY = r"""(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)"""
_TOML_KEY_LINE = re.compile(rf"[ \t]*{_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*[ \t]*=[ \t]*")  # dotted keys too
_TOML_TABLE_LINE = re.compile(r"[ \t]*\[[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]")


@dataclass(slots=True)
class FrontMatter:
    """Where the body starts, the text values as (source start, source end, value), and what is
    wrong with it (front matter that does not parse, read as plain text)."""

    body_start: int = 0
    fields: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lang: str | None = None  # the `lang:`/`language:`/`locale:` value, as written ("es", "es-MX")


def read_front_matter(source: str) -> FrontMatter:
    """The front matter at the top of `source`; an absent one yields no fields.

    Front matter that does not parse but looks like metadata (a `key:` line) is read as plain
    text (one field), with a warning; text between two `---` lines that is not metadata at all is
    left to the Markdown.
    """
    top = 1 if source.startswith("\ufeff") else 0
    first_end = line_end(source, top)
    fence = source[top:first_end].rstrip()
    if fence not in ("---", "+++"):
        return FrontMatter()
    closers = ("---", "...") if fence == "---" else ("+++",)
    content_start = _next_line(source, first_end)
    pos = content_start
    while pos < len(source):
        end = line_end(source, pos)
        if source[pos:end].rstrip() in closers:
            body_start = _next_line(source, end)
            content = source[content_start:pos]
            reader = _yaml_fields if fence == "---" else _toml_fields
            problem = ""
            declared: list[str] = []
            try:
                fields = reader(content, content_start, declared)
            except Exception as exc:  # any parser failure (even a RecursionError) means "not metadata"
                fields, problem = None, _problem(exc, fence)
            if fields is None:
                if not _looks_like_metadata(content, fence):
                    return FrontMatter()
                kind = "YAML" if fence == "---" else "TOML"
                warning = (f"the front matter is not valid {kind}{problem}; it was checked as plain text "
                           "(a site may not publish it as you expect)")
                text = content.rstrip("\r\n")
                return FrontMatter(body_start, [(content_start, content_start + len(text), text)] if text.strip() else [],
                                   warnings=[warning])
            fields.sort()
            return FrontMatter(body_start, fields, lang=declared[0] if declared else None)
        pos = _next_line(source, end)
    return FrontMatter()


def _problem(exc: Exception, fence: str) -> str:
    """Where a parser said the front matter breaks, without quoting it: " (line N)"."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return f" (line {mark.line + 2})"  # the front matter starts on the line after `---`
    line = getattr(exc, "lineno", None)
    return f" (line {line + 1})" if isinstance(line, int) else ""


def _yaml_fields(content: str, base: int, declared: list[str]) -> list[tuple[int, int, str]] | None:
    root = compose_yaml(content)
    if root is None:
        return []
    if not isinstance(root, (yaml.MappingNode, yaml.SequenceNode)):
        return None
    fields: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    if isinstance(root, yaml.MappingNode):
        declared.extend(str(value.value).strip() for key, value in root.value
                        if isinstance(key, yaml.ScalarNode) and str(key.value).lower() in LANG_FIELDS
                        and isinstance(value, yaml.ScalarNode) and str(value.value).strip())
    stack: list[yaml.Node] = [root]
    while stack:  # every node once: an alias points at a node already taken (no alias bomb)
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag not in _NOT_TEXT_TAGS and str(node.value).strip():
            start, end = base + node.start_mark.index, base + node.end_mark.index
            fields.append((start, end, str(node.value).strip()))
    return fields


def _toml_fields(content: str, base: int, declared: list[str]) -> list[tuple[int, int, str]] | None:
    """Every string value of every table (`[extra]`, `[taxonomies]`, arrays of tables): `tomllib`
    says the front matter is valid, and each key line's strings are found where they stand."""
    data = tomllib.loads(content)
    declared.extend(str(data[k]).strip() for k in LANG_FIELDS if isinstance(data.get(k), str) and data[k].strip())
    fields: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(content):
        end = line_end(content, pos)
        key_line = None if content[pos:end].lstrip().startswith("[") else _TOML_KEY_LINE.match(content, pos, end)
        if key_line:
            spans: list[tuple[int, int]] = []
            value_end = _toml_value_end(content, key_line.end(), spans)
            fields.extend((base + s, base + e, content[s:e].strip()) for s, e in spans if content[s:e].strip())
            end = line_end(content, max(value_end, pos))
        pos = _next_line(content, end)
    return fields


def _toml_value_end(text: str, i: int, spans: list[tuple[int, int]]) -> int:
    """Where a (valid) TOML value starting at `i` ends; strings' inner spans go to `spans`."""
    n = len(text)
    for quote in ('"""', "'''"):
        if text.startswith(quote, i):
            close = text.find(quote, i + 3)
            close = n if close < 0 else close
            while text.startswith(quote[0], close + 3):  # up to two quotes may end the content
                close += 1
            spans.append((i + 3, close))
            return close + 3
    if i < n and text[i] in "\"'":
        j = i + 1
        while j < n and text[j] != text[i] and text[j] != "\n":
            j += 2 if text[i] == '"' and text[j] == "\\" else 1
        spans.append((i + 1, min(j, n)))
        return j + 1
    if i < n and text[i] in "[{":
        closer, j = ("]" if text[i] == "[" else "}"), i + 1
        while j < n:
            ch = text[j]
            if ch == closer:
                return j + 1
            if ch == "#":
                j = line_end(text, j)
            elif ch.isspace() or ch in ",=" or (closer == "}" and ch not in "\"'[{"):
                j += 1
            else:
                j = max(j + 1, _toml_value_end(text, j, spans))
        return n
    j = i
    while j < n and text[j] not in ",]}\n#":
        j += 1
    return j


def _looks_like_metadata(content: str, fence: str) -> bool:
    for line in content.splitlines():
        if line.strip():
            if fence == "---":
                return bool(_YAML_KEY_LINE.match(line))
            return bool(_TOML_KEY_LINE.match(line) or _TOML_TABLE_LINE.match(line))
    return True


def _next_line(text: str, line_end: int) -> int:
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return min(line_end + 1, len(text))
