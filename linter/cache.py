"""A cache of findings by content: re-checking an unchanged tree reads them instead of parsing.

An entry is keyed by a hash of the post's text, its path as reported (which decides the markup,
and whose name is checked too: a name can leak a codename), how it is read (language, the date
embargoes are judged at) and a fingerprint of everything else that decides findings: postlint's
own code and data files (`linter/data/`: models; `linter/languages/words/`: word lists), the
built-in packs, the config and the company's own packs, and the versions of spaCy, the model,
Presidio and phonenumbers. Each entry is one small JSON file under `<cache dir>/findings/`;
deleting the folder is always safe.

Findings carry personal data, so an entry holds no text at all. It keeps each finding's rule
code, severity and offsets, and each value its message and suggestion were filled with as a
reference: a span of the file, a span of the text the checks read (markup stripped, disguises
undone: rebuilt from the file on a hit), an index into the policy's own vocabulary (a codename's
name, an entity type: `policy_vocabulary`), or a number (a score). On a hit, `match`, line:col,
the message and the suggestion are re-derived from the file, which the key proves unchanged. A
finding that cannot be stored that way keeps its file out of the cache: it is checked again.

Every entry is signed with HMAC-SHA256 under a per-cache secret (`<cache dir>/key`, mode 0600):
an entry that fails the check (forged, or written with another key) is ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, languages, models
from .fileio import read_file, write_atomically
from .finding import Finding, Severity
from .languages import LANGUAGES
from .prepared import installed_digest, installed_version
from .reasons import REASONS, reason_text
from .signing import CacheKey
from .textmap import LineIndex

if TYPE_CHECKING:
    from .config import Company, Config
    from .rule import Rule

log = logging.getLogger("postlint")
CACHE_ENV = "POSTLINT_CACHE_DIR"
FORMAT = 4  # 3: no text at all (references only), entries signed, a record names its post language; 4: evidence
# Finding fields the cache re-derives from the source and the rule instead of storing them.
_DERIVED = {"code", "category", "severity", "message", "why", "suggestion", "start", "end", "line", "col",
            "end_line", "end_col", "match", "path", "values", "lang", "evidence"}

REASON_KEYS = tuple(REASONS)  # evidence is stored as places in this list (the code's fingerprint pins it)
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


@functools.lru_cache(maxsize=4)
def code_fingerprint(cache_dir: Path | None = None) -> str:
    """postlint's own code, data and built-in packs, the installed plugins and the libraries'
    versions: a change to any makes every entry stale. With `cache_dir`, file digests are
    remembered there."""
    from .packs import builtin_rules_dir
    from .plugins import fingerprint as plugins_fingerprint

    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    digest.update(installed_digest(builtin_rules_dir(), cache_dir).encode())
    digest.update(plugins_fingerprint().encode())
    for name in _LIBRARIES:
        digest.update(f"{name}={_version(name)};".encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    return installed_version(distribution) or "-"


def fingerprint(config: Config, lang: str, cache_dir: Path | None = None) -> str:
    """Everything besides the post that decides its findings under `config`."""
    from .languages import AUTO, LANGUAGES

    digest = hashlib.sha256(code_fingerprint(cache_dir).encode())
    digest.update(lang.encode())
    for each in (LANGUAGES if lang == AUTO else (lang,)):  # auto: any language's model may read a post
        model = config.model_for(each)
        unpacked = models.find(model)  # `postlint models install`: no dist-info, its meta.json says the version
        meta = (unpacked or Path(model)) / "meta.json"
        package = model.split(":", 1)[0] if ":" in model else model.replace("_", "-")
        version = "-" if unpacked is not None else _version(package)
        digest.update(f"{model}={version}".encode() + (meta.read_bytes() if meta.is_file() else b""))
    if config.path is not None:
        digest.update(config.path.read_bytes())
    else:
        digest.update(repr(config).encode())
    for ref in config.packs:
        if ref.path is not None and ref.path.is_file():
            digest.update(str(ref.path).encode() + b"\0" + ref.path.read_bytes())
    return digest.hexdigest()


def entry_key(fingerprint: str, text: str, path: str, as_of: dt.date) -> str:
    """The key of `text` checked as `path` (the name reported: its suffix decides the markup, its
    name is checked too, so `nightjar-launch.md` never reuses `weekly.md`'s clean result)."""
    digest = hashlib.sha256(f"{fingerprint}\0{as_of.isoformat()}\0".encode())
    digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class FindingsCache:
    """Findings of posts by `entry_key`, stored signed and without any text."""

    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory) / "findings"
        self.key = CacheKey(Path(directory))

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, source: str, path: str | None, rules: Mapping[str, Rule],
            vocabulary: Sequence[str] = ()) -> list[Finding] | None:
        """The findings stored under `key`, rebuilt against `source`; None when there are none (or
        the entry is damaged, or its signature does not check out)."""
        try:
            entry = json.loads(read_file(self._path(key), MAX_ENTRY_BYTES).decode("utf-8"))
            if entry.get("format") != FORMAT:
                return None
            records = entry["findings"]
            if not self.key.verify(entry.get("mac"), key, _canonical(records)):
                return None
            return _decode(records, source, path, rules, vocabulary)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
            return None  # missing or damaged: check the post again

    def put(self, key: str, source: str, findings: Sequence[Finding], rules: Mapping[str, Rule],
            vocabulary: Sequence[str] = ()) -> bool:
        """Store `findings` of `source`; False when they cannot be stored without text."""
        records = _encode(findings, source, rules, vocabulary)
        if records is None:
            return False
        mac = self.key.sign(key, _canonical(records))
        if mac is None:
            return False
        return write_atomically(self._path(key), json.dumps({"format": FORMAT, "findings": records, "mac": mac},
                                                            separators=(",", ":")))


MAX_ENTRY_BYTES = 16 << 20


def _canonical(records: Any) -> str:
    return json.dumps(records, sort_keys=True, separators=(",", ":"))


def policy_vocabulary(rules: Iterable[Rule], company: Company) -> list[str]:
    """Every string the rules' checks may fill a message with from the policy, not the post (a
    codename's name, an entity type): cache entries refer to them by index, never store them."""
    from .checks import KINDS, load_kinds

    load_kinds()
    words: set[str] = set()
    for rule in rules:
        kind = KINDS.get(rule.kind)
        for lang in rule.languages:  # a language's block may hold its own options and messages
            local = rule.in_language(lang)
            words.update(local.templates)  # which of its messages a finding was written with
            if kind is not None:
                words.update(kind.policy_values(local.options, company))
    return sorted(words)


_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,4})?")  # a score or a count: what the checks format as numbers


class _Refs:
    """Strings as references: a span of the source, a span of the text the checks read, an index
    in the policy's vocabulary, or a number; anything else cannot be stored."""

    def __init__(self, source: str, path: str | None, vocabulary: Sequence[str]) -> None:
        self.source = source
        self.path = path
        self.vocabulary = vocabulary
        self._index = {word: i for i, word in enumerate(vocabulary)}
        self._read: str | None = None

    @property
    def read(self) -> str:
        """The post as the checks read it: markup stripped, disguises undone (made on first need)."""
        if self._read is None:
            from .markup import extract, markup_for
            from .normalize import normalise

            self._read = normalise(extract(self.source, markup_for(self.path)).text)[0]
        return self._read

    def ref(self, value: str) -> list[Any] | None:
        if value == "":
            return ["src", 0, 0]
        at = self.source.find(value)
        if at >= 0:
            return ["src", at, at + len(value)]
        at = self.read.find(value)
        if at >= 0:
            return ["txt", at, at + len(value)]
        if value in self._index:
            return ["pol", self._index[value]]
        if _NUMBER.fullmatch(value):
            return ["num", value]
        return None

    def resolve(self, ref: list[Any]) -> str:
        kind = ref[0]
        if kind in ("src", "txt"):
            text = self.source if kind == "src" else self.read
            start, end = int(ref[1]), int(ref[2])
            if not 0 <= start <= end <= len(text):
                raise ValueError("reference out of range")
            return text[start:end]
        if kind == "pol":
            return self.vocabulary[int(ref[1])]
        if kind == "num" and isinstance(ref[1], str) and _NUMBER.fullmatch(ref[1]):
            return ref[1]
        raise ValueError(f"unknown reference {kind!r}")


def _encode(findings: Sequence[Finding], source: str, rules: Mapping[str, Rule],
            vocabulary: Sequence[str]) -> list[dict[str, Any]] | None:
    paths = {f.path for f in findings}
    if len(paths) > 1:
        return None
    path = next(iter(paths), None)
    refs = _Refs(source, path, vocabulary)
    records = []
    for finding in findings:
        if finding.code not in rules:
            return None
        stored: dict[str, Any] = {}
        for name, value in finding.values.items():
            ref = refs.ref(value)
            if ref is None:
                return None
            stored[name] = ref
        record: dict[str, Any] = {"code": finding.code, "severity": str(finding.severity),
                                  "start": finding.start, "end": finding.end, "values": stored}
        if finding.lang is not None:
            record["lang"] = finding.lang
        if finding.evidence:  # the reasons by their place in the registry: their words are never the post's
            record["evidence"] = [REASON_KEYS.index(e.reason) for e in finding.evidence]
        extra = {}
        for field in dataclasses.fields(finding):
            if field.name in _DERIVED:
                continue
            value = getattr(finding, field.name)
            if isinstance(value, str):
                value = refs.ref(value)
                if value is None:
                    return None
            elif not (value is None or isinstance(value, (bool, int, float))):
                return None
            extra[field.name] = value
        if extra:
            record["extra"] = extra
        records.append(record)
    # the proof that nothing was lost: what a later run rebuilds is what this run found
    if _decode(records, source, path, rules, vocabulary) != list(findings):
        return None
    return records


def _decode(records: list[dict[str, Any]], source: str, path: str | None,
            rules: Mapping[str, Rule], vocabulary: Sequence[str]) -> list[Finding] | None:
    refs = _Refs(source, path, vocabulary)
    lines = LineIndex(source)
    findings = []
    for record in records:
        rule = rules.get(record["code"])
        if rule is None:
            return None
        start, end = int(record["start"]), int(record["end"])
        if not 0 <= start <= end <= len(source):
            return None
        if "lang" in record:
            if record["lang"] not in LANGUAGES:
                return None
            rule = rule.in_language(record["lang"])
        values = {name: refs.resolve(ref) for name, ref in record["values"].items()}
        extra: dict[str, Any] = {name: refs.resolve(v) if isinstance(v, list) else v
                                 for name, v in record.get("extra", {}).items()}
        evidence = tuple(reason_text(REASON_KEYS[int(index)], languages.get(rule.lang or LANGUAGES[0]))
                         for index in record.get("evidence", ()))
        finding = rule.finding(source, lines, start, end, values=values,
                               severity=Severity(record["severity"]), path=path, evidence=evidence)
        findings.append(dataclasses.replace(finding, **extra) if extra else finding)
    return findings
