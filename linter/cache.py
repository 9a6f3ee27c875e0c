"""A cache of findings by content: re-checking an unchanged tree reads them instead of parsing.

An entry is keyed by a hash of the post's text, how it is read (markup, language, the date
embargoes are judged at) and a fingerprint of everything else that decides findings: postlint's
own code and data files (`linter/data/`: models; `linter/languages/words/`: word lists), the
built-in packs, the config and the company's own packs, and the versions of spaCy, the model,
Presidio and phonenumbers. Each entry is one small JSON file under `<cache dir>/findings/`;
deleting the folder is always safe.

Findings carry personal data, so an entry never holds matched text. It keeps each finding's rule
code, severity and offsets. The values its message and suggestion were filled with are kept as
offsets into the post when they come from it, and as they are only when they cannot have come
from it (an entity type, a score, a launch date from the config). On a hit, `match`, line:col,
the message and the suggestion are re-derived from the file, which the key proves unchanged. When
a finding cannot be stored that way (a value that looks taken from the post but is not in it
verbatim), its file is not cached: it is checked again next time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .fileio import write_atomically
from .finding import Finding, Severity
from .textmap import LineIndex

if TYPE_CHECKING:
    from .config import Config
    from .rule import Rule

CACHE_ENV = "POSTLINT_CACHE_DIR"
FORMAT = 2  # 2: a record names the post language its text was rebuilt in
# Finding fields the cache re-derives from the source and the rule instead of storing them.
_DERIVED = {"code", "category", "severity", "message", "why", "suggestion", "start", "end", "line", "col",
            "end_line", "end_col", "match", "path", "values", "lang"}
_LIBRARIES = ("spacy", "presidio-analyzer", "phonenumbers", "regex", "tldextract")


def default_cache_dir() -> Path:
    """`$POSTLINT_CACHE_DIR`, else the user's cache folder, else `.postlint_cache/` here."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    if (base.is_dir() and os.access(base, os.W_OK)) or (not base.exists() and os.access(base.parent, os.W_OK)):
        return base / "postlint"
    return Path(".postlint_cache")


def package_digest(package: Path, rules: Path) -> str:
    """The contents of every file of a package (code, models under `data/`, the languages' word
    lists under `languages/words/`) and a folder of packs: a model retrained without a version
    bump changes it too."""
    digest = hashlib.sha256()
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(rules.glob("*.yaml")):
        digest.update(b"rules/" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """postlint's own code, data and built-in packs, and the libraries' versions: a change to any
    makes every entry stale."""
    from .packs import builtin_rules_dir

    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    digest.update(package_digest(Path(__file__).resolve().parent, builtin_rules_dir()).encode())
    for name in _LIBRARIES:
        digest.update(f"{name}={_version(name)};".encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def fingerprint(config: Config, lang: str) -> str:
    """Everything besides the post that decides its findings under `config`."""
    from .languages import AUTO, LANGUAGES

    digest = hashlib.sha256(_code_fingerprint().encode())
    digest.update(lang.encode())
    for each in (LANGUAGES if lang == AUTO else (lang,)):  # auto: any language's model may read a post
        model = config.model_for(each)
        meta = Path(model) / "meta.json"
        package = model.split(":", 1)[0] if ":" in model else model.replace("_", "-")
        digest.update(f"{model}={_version(package)}".encode() + (meta.read_bytes() if meta.is_file() else b""))
    if config.path is not None:
        digest.update(config.path.read_bytes())
    else:
        digest.update(repr(config).encode())
    for ref in config.packs:
        if ref.path is not None and ref.path.is_file():
            digest.update(str(ref.path).encode() + b"\0" + ref.path.read_bytes())
    return digest.hexdigest()


def entry_key(fingerprint: str, text: str, markup: str, as_of: dt.date) -> str:
    digest = hashlib.sha256(f"{fingerprint}\0{markup}\0{as_of.isoformat()}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class FindingsCache:
    """Findings of posts by `entry_key`, stored without the personal data they point at."""

    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory) / "findings"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, source: str, path: str | None, rules: Mapping[str, Rule]) -> list[Finding] | None:
        """The findings stored under `key`, rebuilt against `source`; None when there are none."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if entry.get("format") != FORMAT:
                return None
            return _decode(entry["findings"], source, path, rules)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # missing or damaged: check the post again

    def put(self, key: str, source: str, findings: Sequence[Finding], rules: Mapping[str, Rule]) -> bool:
        """Store `findings` of `source`; False when they cannot be stored without personal data."""
        records = _encode(findings, source, rules)
        if records is None:
            return False
        return write_atomically(self._path(key), json.dumps({"format": FORMAT, "findings": records},
                                                            ensure_ascii=False, separators=(",", ":")))


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{3,}", text.lower())}


class _Refs:
    """Turns strings into references to the source, or keeps them when they cannot be from it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._key: str | None = None

    def ref(self, value: str, match: str) -> list[Any] | None:
        if not value:
            return ["lit", value]
        at = self.source.find(value)
        if at >= 0:
            return ["src", at, at + len(value)]
        if self._key is None:
            self._key = _alnum(self.source)
        key = _alnum(value)
        if (len(key) >= 4 and key in self._key) or (_words(value) & _words(match)):
            return None  # looks taken from the post (disguised, normalised, combined): keep nothing
        return ["lit", value]

    def resolve(self, ref: list[Any]) -> str:
        if ref[0] == "src":
            return self.source[ref[1]:ref[2]]
        if ref[0] == "lit":
            return str(ref[1])
        raise ValueError(f"unknown reference {ref[0]!r}")


def _encode(findings: Sequence[Finding], source: str, rules: Mapping[str, Rule]) -> list[dict[str, Any]] | None:
    refs = _Refs(source)
    records = []
    for finding in findings:
        if finding.code not in rules:
            return None
        stored: dict[str, Any] = {}
        for name, value in finding.values.items():
            ref = refs.ref(value, finding.match)
            if ref is None:
                return None
            stored[name] = ref
        record: dict[str, Any] = {"code": finding.code, "severity": str(finding.severity),
                                  "start": finding.start, "end": finding.end, "values": stored}
        if finding.lang is not None:
            record["lang"] = finding.lang
        extra = {}
        for field in dataclasses.fields(finding):
            if field.name in _DERIVED:
                continue
            value = getattr(finding, field.name)
            if isinstance(value, str):
                value = refs.ref(value, finding.match)
                if value is None:
                    return None
            elif not (value is None or isinstance(value, (bool, int, float))):
                return None
            extra[field.name] = value
        if extra:
            record["extra"] = extra
        records.append(record)
    # the proof that nothing was lost: what a later run rebuilds is what this run found
    paths = {f.path for f in findings}
    if len(paths) > 1 or _decode(records, source, next(iter(paths), None), rules) != list(findings):
        return None
    return records


def _decode(records: list[dict[str, Any]], source: str, path: str | None,
            rules: Mapping[str, Rule]) -> list[Finding] | None:
    refs = _Refs(source)
    lines = LineIndex(source)
    findings = []
    for record in records:
        rule = rules.get(record["code"])
        if rule is None:
            return None
        if isinstance(record.get("lang"), str):
            rule = rule.in_language(record["lang"])
        values = {name: refs.resolve(ref) for name, ref in record["values"].items()}
        extra: dict[str, Any] = {name: refs.resolve(v) if isinstance(v, list) else v
                                 for name, v in record.get("extra", {}).items()}
        finding = rule.finding(source, lines, int(record["start"]), int(record["end"]), values=values,
                               severity=Severity(record["severity"]), path=path)
        findings.append(dataclasses.replace(finding, **extra) if extra else finding)
    return findings
