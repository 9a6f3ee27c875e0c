"""Work that depends only on postlint's installation and the policy, kept in the cache folder.

- `FileDigests`: the sha256 of postlint's own files (code, models, word lists, built-in packs),
  which every cache key includes. Reading them all (23 MB, most of it the encoder) takes longer
  than a cached re-check, so each digest is remembered with the file's size, inode, and
  modification and change times, and a file is read again only when one of them moves.
- `read` / `write`: what a config's rules need prepared, under the key `packs.prepared_key` makes
  of everything it depends on (postlint's files, the config, the content of its packs, the
  working folder: rules name their file as the user sees it). `write_rules` keeps the rules (packs
  parsed and validated, patterns compiled, overrides applied) as one pickle read in one go:
  compiled `regex` patterns pickle their compiled code, so nothing is compiled again, and each
  rule's kind options are a pickle of their own inside it, unpickled when a check is built
  (`DeferredOptions`), so a re-check answered from the cache never imports the kinds. The runner
  keeps the policy's vocabulary the same way.

A pickle can run code when it is loaded, so a file is unpickled only once its HMAC signature
(`signing.py`) checks out: no one but this user's postlint can have written it. Files hold the
policy (rules, a company pack's words), never a post, and are private to the user (mode 0600).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fileio import file_sha256, read_file, write_atomically
from .signing import CacheKey

if TYPE_CHECKING:
    from .rule import Rule

FORMAT = 1
MAX_PREPARED_BYTES = 64 << 20
DIGESTS_FILE = "digests.json"


class FileDigests:
    """File digests remembered by the files' stat in `directory` (None: nothing remembered)."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / DIGESTS_FILE if directory is not None else None
        self.key = CacheKey(directory) if directory is not None else None
        self._known: dict[str, list[Any]] | None = None
        self._changed = False

    def _load(self) -> dict[str, list[Any]]:
        if self._known is None:
            self._known = {}
            if self.path is not None and self.key is not None:
                try:
                    stored = json.loads(read_file(self.path, MAX_PREPARED_BYTES).decode("utf-8"))
                    if self.key.verify(stored.get("mac"), _canonical(stored["files"])) and \
                            isinstance(stored["files"], dict):
                        self._known = stored["files"]
                except (OSError, ValueError, TypeError, KeyError, AttributeError):
                    pass  # none yet, damaged or forged: read the files again
        return self._known

    def of(self, path: Path) -> str:
        info = path.stat()
        seen = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        known = self._load()
        entry = known.get(str(path))
        if isinstance(entry, list) and len(entry) == 5 and entry[:4] == seen and isinstance(entry[4], str):
            return entry[4]
        digest = file_sha256(path)
        known[str(path)] = [*seen, digest]
        self._changed = True
        return digest

    def save(self) -> None:
        if not self._changed or self.path is None or self.key is None or self._known is None:
            return
        mac = self.key.sign(_canonical(self._known))
        if mac is not None:
            write_atomically(self.path, json.dumps({"files": self._known, "mac": mac}))
        self._changed = False


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def package_digest(package: Path, rules: Path, digests: FileDigests | None = None) -> str:
    """The contents of every file of a package (code, models under `data/`, the languages' word
    lists under `languages/words/`) and a folder of packs: a model retrained without a version
    bump changes it too. `digests` remembers each file's digest between runs."""
    digest_of = digests.of if digests is not None else file_sha256
    digest = hashlib.sha256()
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + digest_of(path).encode() + b"\0")
    for path in sorted(rules.glob("*.yaml")):
        digest.update(b"rules/" + path.name.encode() + b"\0" + digest_of(path).encode() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def installed_digest(rules: Path, directory: Path | None = None) -> str:
    """`package_digest` of postlint's own package and its built-in packs in `rules`, with file
    digests remembered in the cache folder `directory`."""
    digests = FileDigests(directory)
    digest = package_digest(Path(__file__).resolve().parent, rules, digests)
    digests.save()
    return digest


def installed_version(distribution: str) -> str | None:
    """The installed version of a distribution, as `importlib.metadata.version` gives it, read
    from the name of its `NAME-VERSION.dist-info` folder (which is cheap: importing the metadata
    reader and parsing the file cost as much as a whole re-check answered from the cache)."""
    wanted = re.sub(r"[-_.]+", "_", distribution).lower()
    version = _dist_info_versions().get(wanted)
    if version is None:
        import importlib.metadata

        try:
            version = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            return None
    return version


@functools.lru_cache(maxsize=1)
def _dist_info_versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for _, name in distribution_folders():
        if name.endswith(".dist-info"):
            project, version = distribution_name(name)
            found.setdefault(project, version)  # the first on sys.path wins
    return found


@functools.lru_cache(maxsize=1)
def distribution_folders() -> tuple[tuple[str, str], ...]:
    """The metadata folders of the installed distributions (`*.dist-info`, `*.egg-info`) as
    (sys.path entry, folder name), in sys.path order: one listing of each folder on it, no file
    read, no Path made (a re-check from the cache lists about 130)."""
    found: list[tuple[str, str]] = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [(entry, name) for name in names if name.endswith((".dist-info", ".egg-info"))]
    return tuple(found)


def distribution_name(folder: str) -> tuple[str, str]:
    """A metadata folder's normalised project name and its version ("" when its name holds none)."""
    project, _, version = folder.rpartition(".")[0].partition("-")
    return re.sub(r"[-_.]+", "_", project).lower(), version.partition("-")[0]


def _path(directory: Path, key: str, kind: str) -> Path:
    return directory / "prepared" / f"{key[:32]}.{kind}.pickle"


def read(directory: Path, key: str, kind: str) -> Any:
    """What was prepared under `key` as `kind`, or None (none yet, damaged, or not signed by
    this cache's key: never unpickled then)."""
    try:
        data = read_file(_path(directory, key, kind), MAX_PREPARED_BYTES)
    except OSError:
        return None
    mac, _, payload = data.partition(b"\n")
    if not CacheKey(directory).verify(mac.decode("ascii", "replace"), key, kind, payload):
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - signed by this user's postlint, checked just above
    except Exception:  # noqa: BLE001 - written by another version of a class: prepare it again
        return None


def write(directory: Path, key: str, kind: str, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    mac = CacheKey(directory).sign(key, kind, payload)
    if mac is not None and write_atomically(_path(directory, key, kind), mac.encode("ascii") + b"\n" + payload):
        _forget_old(directory / "prepared", kind)


KEPT_PER_KIND = 16  # prepared files of one kind kept: a few configs, a few versions of postlint


def _forget_old(folder: Path, kind: str) -> None:
    """Delete all but the newest `KEPT_PER_KIND` files of `kind` (an upgrade leaves old ones behind)."""
    try:
        files = sorted(folder.glob(f"*.{kind}.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[KEPT_PER_KIND:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned first, or a read-only folder: nothing lost


def read_rules(directory: Path, key: str) -> list[Rule] | None:
    rules = read(directory, key, "rules")
    return rules if isinstance(rules, list) else None


def write_rules(directory: Path, key: str, rules: list[Rule]) -> None:
    """Keep `rules` with their kinds' options pickled apart, unpickled when a check first reads
    them: a run that only reads what the rules say (a re-check answered from the cache) never
    imports the kinds. What findings read of a rule (its messages in each language) is worked
    out now and kept with it."""
    kept = []
    for rule in rules:
        local = {lang: replace(block, options=DeferredOptions(block.options)) for lang, block in rule.local.items()}
        rule = replace(rule, options=DeferredOptions(rule.options), local=local)
        for variant in [rule, *(rule.in_language(lang) for lang in rule.languages)]:
            variant.template_fields  # noqa: B018 - a cached property, computed to be kept
        kept.append(rule)
    write(directory, key, "rules", kept)


class DeferredOptions(Mapping[str, Any]):
    """A rule's kind options, pickled on their own (inside the signed file) and unpickled when first read."""

    def __init__(self, options: Mapping[str, Any] | None = None, payload: bytes | None = None) -> None:
        self._options = dict(options) if options is not None else None
        self._payload = payload

    def _loaded(self) -> dict[str, Any]:
        if self._options is None:
            assert self._payload is not None
            self._options = pickle.loads(self._payload)  # noqa: S301 - inside a payload checked by `read`
        return self._options

    def __reduce__(self) -> tuple[Any, ...]:
        return DeferredOptions, (None, self._payload or pickle.dumps(self._loaded(), pickle.HIGHEST_PROTOCOL))

    def __getitem__(self, key: str) -> Any:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def __repr__(self) -> str:
        return repr(self._loaded())


__all__ = ["DeferredOptions", "FileDigests", "distribution_folders", "distribution_name",
           "installed_digest", "installed_version", "package_digest", "read", "read_rules", "write",
           "write_rules"]
