"""The images a post shows: where its markup points, and which file inside the repository that is.

Markdown images (`![alt](src)`, reference style too), HTML (`<img src srcset>`, `<source srcset>`,
`<video poster>`, `<meta property="og:image" content>`) also inside Markdown, MDX (`<Image src>`,
`import hero from './hero.png'`, `require('./x.png')`) and front matter (`image:`, `cover:`,
`thumbnail:`..., and any value naming an image file). A target resolves against the post's folder,
or for a site-absolute one (`/img/a.png`) against the repository root and the folders static site
generators publish from (`static/`, `public/`, `assets/`). Nothing is fetched: a remote URL is
skipped with a notice, and a target that resolves outside the repository (`../../`, a symbolic
link) is refused.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import yaml

from ..fileio import git_root
from ..markup.frontmatter import read_front_matter
from ..markup.markdown import _markdown
from ..yamlio import compose_yaml
from . import is_image

# Front-matter keys that name a post's picture in Hugo, Jekyll, Docusaurus, Astro and Zola themes.
IMAGE_KEYS = frozenset({"image", "images", "cover", "cover_image", "coverimage", "thumbnail", "featured_image",
                        "featuredimage", "feature", "hero", "hero_image", "banner", "header_image", "og_image",
                        "social_image", "share_image", "teaser", "photo", "src"})
PUBLISHED_FOLDERS = ("", "static", "public", "assets", "content")  # where `/img/a.png` may live
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_MDX_IMPORT = re.compile(r"""^\s*import\s+[\w{}\s,*]+\s+from\s+["']([^"'\n]+)["']""", re.MULTILINE)
_REQUIRE = re.compile(r"""require\(\s*["']([^"'\n]+)["']\s*\)""")
_META_IMAGES = frozenset({"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"})


@dataclass(frozen=True, slots=True)
class Reference:
    """An image target as the post writes it, and the post's line it stands on."""

    target: str
    line: int


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a reference leads: an image file inside the repository, or why it is not read."""

    path: Path | None
    reason: str = ""  # why not read (path None): remote, outside the repository, missing
    remote: bool = False


def references(source: str, markup: str) -> list[Reference]:
    """Every image target of a post, in order, each once."""
    found: list[Reference] = []
    if markup in ("markdown", "mdx"):
        found += _front_matter(source)
        found += _markdown_images(source)
        if markup == "mdx":
            for pattern in (_MDX_IMPORT, _REQUIRE):
                found += [Reference(m.group(1), source.count("\n", 0, m.start()) + 1)
                          for m in pattern.finditer(source) if is_image(_path_part(m.group(1)))]
    elif markup == "html":
        found += _html_images(source, 1)
    found.sort(key=lambda ref: ref.line)
    seen: set[str] = set()
    unique = []
    for ref in found:
        if ref.target and ref.target not in seen:
            seen.add(ref.target)
            unique.append(ref)
    return unique


def _markdown_images(source: str) -> list[Reference]:
    front = read_front_matter(source)
    offset_line = source.count("\n", 0, front.body_start)
    found: list[Reference] = []
    stack = list(reversed(_markdown().parse(source[front.body_start:])))
    block_line = 0
    while stack:
        token = stack.pop()
        if token.map:
            block_line = token.map[0] + 1 + offset_line
        if token.type == "image":
            found.append(Reference(str(token.attrGet("src") or ""), block_line))
        elif token.type in ("html_block", "html_inline"):
            found += _html_images(token.content, block_line)
        if token.children:
            stack.extend(reversed(token.children))
    return found


class _ImageTags(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        line = self.first_line + self.getpos()[0] - 1
        targets = []
        if tag in ("img", "image", "source", "input"):
            targets += [values.get("src", ""), *_srcset(values.get("srcset", ""))]
        elif is_image(_path_part(values.get("src", ""))):  # an MDX component: `<Figure src="./a.png" />`
            targets.append(values["src"])
        if tag == "video":
            targets.append(values.get("poster", ""))
        if tag == "meta" and (values.get("property") or values.get("name", "")).lower() in _META_IMAGES:
            targets.append(values.get("content", ""))
        self.found += [Reference(t.strip(), line) for t in targets if t.strip()]

    handle_startendtag = handle_starttag


def _html_images(html: str, first_line: int) -> list[Reference]:
    parser = _ImageTags(first_line)
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser on hostile markup: keep what it read
        pass
    return parser.found


def _srcset(value: str) -> list[str]:
    """The URLs of a `srcset` ("a.png 1x, b.png 2x")."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _front_matter(source: str) -> list[Reference]:
    front = read_front_matter(source)
    if not front.fields or front.warnings:
        return []
    fence = source.lstrip("\ufeff")[:3]
    start = source.find("\n") + 1
    end = source.rfind("\n", 0, max(front.body_start - 1, start))
    content = source[start:max(end, start)]
    found: list[Reference] = []
    if fence == "---":
        try:
            root = compose_yaml(content)
        except yaml.YAMLError:
            return []
        for key, node in _yaml_scalars(root):
            if _names_image(key, str(node.value)):
                found.append(Reference(str(node.value).strip(), 1 + source.count("\n", 0, start + node.start_mark.index)))
    else:
        try:
            data = tomllib.loads(content)
        except tomllib.TOMLDecodeError:
            return []
        for key, value in _toml_strings(data):
            if _names_image(key, value):
                at = source.find(value, start)
                found.append(Reference(value.strip(), 1 + source.count("\n", 0, max(at, 0))))
    return found


def _names_image(key: str, value: str) -> bool:
    """A value under an image key that is not plainly text, or any value naming an image file."""
    value = value.strip()
    if not value or "\n" in value:
        return False
    if is_image(_path_part(value)):
        return True
    return key.lower() in IMAGE_KEYS and " " not in value and ("/" in value or "." in value)


def _yaml_scalars(root: yaml.Node | None) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """(nearest mapping key, scalar node) for every string scalar, each node once."""
    stack: list[tuple[str, yaml.Node | None]] = [("", root)]
    seen: set[int] = set()
    while stack:
        key, node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((str(k.value) if isinstance(k, yaml.ScalarNode) else key, v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((key, item) for item in node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            yield key, node


def _toml_strings(data: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _toml_strings(v, str(k))
    elif isinstance(data, list):
        for item in data:
            yield from _toml_strings(item, key)
    elif isinstance(data, str):
        yield key, data


def _path_part(target: str) -> str:
    """A target without its query and fragment, percent-decoded: `a%20b.png?w=3#x` -> `a b.png`."""
    return unquote(target.split("#", 1)[0].split("?", 1)[0])


def repository_root(post: Path) -> Path:
    """The folder images may come from: the git work tree holding `post`, else the post's folder."""
    folder = post.resolve().parent
    return git_root(folder) or folder


def resolve(target: str, post: Path, root: Path) -> Resolved:
    """The image file `target` names from the post at `post`, never outside `root`."""
    if target.startswith("//") or (_SCHEME.match(target) and not re.match(r"[A-Za-z]:[\\/]", target)):
        scheme = target.split(":", 1)[0].lower() if not target.startswith("//") else "https"
        if scheme == "data":
            return Resolved(None, "is an image inside the post (a data: URL); not read")
        return Resolved(None, "is a remote image; postlint never fetches anything, so it was not checked",
                        remote=scheme in ("http", "https", "ftp"))
    relative = _path_part(target)
    if not relative or "\0" in relative:
        return Resolved(None, "names no file")
    root = root.resolve()
    if relative.startswith(("/", "\\")):
        candidates = [root / folder / relative.lstrip("/\\") for folder in PUBLISHED_FOLDERS]
    else:
        candidates = [post.resolve().parent / relative]
    for candidate in candidates:
        try:
            real = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if not real.is_relative_to(root):
            return Resolved(None, "resolves outside the repository; not read")
        if real.is_file():
            return Resolved(real)
    return Resolved(None, "no such file in the repository")
