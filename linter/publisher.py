"""The publisher's own identity, derived from the repository a post lives in.

With no `company.domains` in the config, postlint reads who publishes a post from the site's own
files, found in the post's folder and every folder above it up to the repository's root (the
folder holding `.git`): `CNAME` (GitHub Pages), Jekyll's `_config.yml` (`url:`, `email:`,
`title:`), Hugo's `hugo.toml|yaml|json` or `config.toml|yaml|json` (`baseURL`, `title`),
Docusaurus's `docusaurus.config.js|ts|mjs` (`url:`, `title:`), and `package.json` (`homepage`,
`name`). The publisher's domains are its own: its addresses, servers and press contacts are public
(`checks/_evidence.py`, PUBLISHER). `check --show-config` prints what was derived.

Nothing here runs code or follows a link: the files are read as data, at most 1 MB each, and a
file that does not parse is skipped.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .fileio import read_file
from .vocab import shared_words
from .yamlio import load_yaml_text

MAX_SITE_FILE = 1 << 20
MAX_LEVELS = 12  # folders looked at above a post when no `.git` says where the repository ends
_JS_FIELD = re.compile(r"""(?m)^\s*(url|title)\s*:\s*(['"`])([^'"`\n]{1,300})\2""")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes the posts of a folder: its domains and name, and the files that said so."""

    domains: tuple[str, ...] = ()
    name: str = ""
    sources: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.domains or self.name)


NOBODY = Publisher()


def publisher_of(path: str | None) -> Publisher:
    """The publisher of the post at `path` (NOBODY for standard input or a file outside any site)."""
    if not path or path == "-":
        return NOBODY
    try:
        folder = Path(path).resolve().parent
    except (OSError, RuntimeError, ValueError):
        return NOBODY
    return _of_folder(folder)


@functools.lru_cache(maxsize=256)
def _of_folder(folder: Path) -> Publisher:
    domains: list[str] = []
    names: list[str] = []
    sources: list[str] = []
    for level, current in enumerate([folder, *folder.parents]):
        if level > MAX_LEVELS:
            break
        for reader in _READERS:
            found = reader(current)
            if found is None:
                continue
            where, urls, name = found
            new = [d for d in (_domain(u) for u in urls) if d and d not in domains]
            if new or (name and not names):
                sources.append(str(where))
            domains += new
            if name:
                names.append(name)
        if (current / ".git").exists():
            break
    return Publisher(tuple(domains), names[0] if names else "", tuple(sources))


def _domain(value: str) -> str | None:
    """The host of a URL or of an email address, lower case, without `www.`; None for a webmail
    provider's (a site's contact address at gmail.com says nothing of who publishes it)."""
    value = value.strip()
    if "@" in value and "/" not in value:
        host = value.rpartition("@")[2]
    else:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    host = host.lower().rstrip(".").removeprefix("www.")
    if not _DOMAIN.fullmatch(host) or host in shared_words("free_mail_domains"):
        return None
    return host


def _read(path: Path) -> str | None:
    try:
        return read_file(path, MAX_SITE_FILE).decode("utf-8", "replace")
    except (OSError, ValueError):
        return None


def _strings(data: Any, *keys: str) -> list[str]:
    """The string values of `keys` in a mapping (case-insensitive keys)."""
    if not isinstance(data, dict):
        return []
    lowered = {str(k).lower(): v for k, v in data.items()}
    return [lowered[k.lower()] for k in keys if isinstance(lowered.get(k.lower()), str)]


Found = tuple[Path, list[str], str] | None


def _cname(folder: Path) -> Found:
    path = folder / "CNAME"
    text = _read(path) if path.is_file() else None
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return (path, lines[:1], "") if lines else None


def _parsed(path: Path) -> Any:
    text = _read(path)
    if text is None:
        return None
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return load_yaml_text(text, str(path))  # the one YAML loader: safe, aliases bounded
    except (ValueError, ConfigError, RecursionError):
        return None


def _site_config(names: tuple[str, ...], url_keys: tuple[str, ...]) -> Any:
    """A reader for a generator's config file: the first of `names` in a folder that parses."""

    def read(folder: Path) -> Found:
        for name in names:
            path = folder / name
            if path.is_file():
                data = _parsed(path)
                urls = _strings(data, *url_keys)
                title = (_strings(data, "title") or [""])[0]
                if urls or title:
                    return path, urls, title.strip()
        return None

    return read


def _javascript_config(folder: Path) -> Found:
    for name in ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"):
        path = folder / name
        text = _read(path) if path.is_file() else None
        if text is None:
            continue
        fields: dict[str, str] = {}
        for key, _, value in _JS_FIELD.findall(text):
            fields.setdefault(key, value)
        if fields:
            return path, [fields["url"]] if "url" in fields else [], fields.get("title", "")
    return None


def _package_json(folder: Path) -> Found:
    path = folder / "package.json"
    data = _parsed(path) if path.is_file() else None
    urls = _strings(data, "homepage")
    return (path, urls, "") if urls else None


_READERS = (
    _cname,
    _site_config(("_config.yml", "_config.yaml"), ("url", "email")),  # Jekyll
    _site_config(("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
                  "config.json"), ("baseURL", "baseurl")),  # Hugo
    _javascript_config,  # Docusaurus
    _package_json,
)
