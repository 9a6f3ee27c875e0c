"""Front matter: which of a post's metadata fields are post text, and where each value stands.

YAML between `---` lines or TOML between `+++` lines at the very top of a Markdown file. Only the
fields a reader sees (title, description, tags, ...) are post text; dates, authors, paths and the
rest are not. A real parser (PyYAML's node marks, `tomllib`) decides what the fields are; the
value is then located in the source so that findings in it point at the right line and column.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

import yaml

from ..textmap import line_end
from ..yamlio import compose_yaml

POST_FIELDS = frozenset({"title", "description", "summary", "excerpt", "subtitle", "tags",
                         "categories"})
LANG_FIELDS = ("lang", "language", "locale")  # the post's language, as Hugo, Jekyll and Zola write it
TOML_TAXONOMY_TABLES = frozenset({"taxonomies"})  # Zola keeps tags and categories there
TAXONOMY_FIELDS = frozenset({"tags", "categories"})
_NOT_TEXT_TAGS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"})
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w.-]*\s*:")
_TOML_KEY_LINE = re.compile(r"""[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*=[ \t]*""")
_TOML_TABLE_LINE = re.compile(r"[ \t]*\[[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]")


@dataclass(slots=True)
class FrontMatter:
    """Where the body starts, and the post-text fields as (source start, source end, value)."""

    body_start: int = 0
    fields: list[tuple[int, int, str]] = field(default_factory=list)
    lang: str | None = None  # the `lang:`/`language:`/`locale:` value, as written ("es", "es-MX")


def read_front_matter(source: str) -> FrontMatter:
    """The front matter at the top of `source`; an absent or unusable one yields no fields.

    Front matter that does not parse but looks like metadata (a `key:` line) is skipped as a
    whole; text between two `---` lines that is not metadata at all is left to the Markdown.
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
            declared: list[str] = []
            try:
                fields = reader(content, content_start, declared)
            except Exception:  # any parser failure (even a RecursionError) means "not metadata"
                fields = None
            if fields is None:
                if not _looks_like_metadata(content, fence):
                    return FrontMatter()
                fields = []
            fields.sort()
            return FrontMatter(body_start, fields, declared[0] if declared else None)
        pos = _next_line(source, end)
    return FrontMatter()


def _yaml_fields(content: str, base: int, declared: list[str]) -> list[tuple[int, int, str]] | None:
    root = compose_yaml(content)
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        return None
    fields: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for key, value in root.value:
        if (isinstance(key, yaml.ScalarNode) and str(key.value).lower() in LANG_FIELDS
                and isinstance(value, yaml.ScalarNode) and str(value.value).strip()):
            declared.append(str(value.value).strip())
        if not isinstance(key, yaml.ScalarNode) or str(key.value).lower() not in POST_FIELDS:
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for item in items:
            if (isinstance(item, yaml.ScalarNode) and item.tag not in _NOT_TEXT_TAGS
                    and id(item) not in seen and str(item.value).strip()):
                seen.add(id(item))  # an alias points at a node already taken
                start, end = base + item.start_mark.index, base + item.end_mark.index
                fields.append((start, end, str(item.value).strip()))
    return fields


def _toml_fields(content: str, base: int, declared: list[str]) -> list[tuple[int, int, str]] | None:
    data = tomllib.loads(content)
    declared.extend(str(data[k]).strip() for k in LANG_FIELDS if isinstance(data.get(k), str) and data[k].strip())
    fields: list[tuple[int, int, str]] = []
    table: dict[str, object] | None = data
    wanted: frozenset[str] = POST_FIELDS
    pos = 0
    while pos < len(content):
        end = line_end(content, pos)
        is_header = content[pos:end].lstrip().startswith("[")
        key_line = None if is_header else _TOML_KEY_LINE.match(content, pos, end)
        if is_header:
            header = _TOML_TABLE_LINE.match(content, pos, end)
            name = header.group(1).strip().strip("\"'") if header else ""
            section = data.get(name) if name in TOML_TAXONOMY_TABLES else None
            table = section if isinstance(section, dict) else None
            wanted = TAXONOMY_FIELDS
        elif key_line:
            key = next(g for g in key_line.groups() if g is not None)
            spans: list[tuple[int, int]] = []
            value_end = _toml_value_end(content, key_line.end(), spans)
            value = table.get(key) if table is not None and key.lower() in wanted else None
            values = value if isinstance(value, list) else [value]
            if value is not None and len(values) == len(spans):
                pairs = zip(spans, values, strict=True)
                fields.extend((base + s, base + e, v.strip()) for (s, e), v in pairs
                              if isinstance(v, str) and v.strip())
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
                j = max(j + 1, _toml_value_end(text, j, spans if closer == "]" else []))
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
