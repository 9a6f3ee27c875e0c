"""Plugins: rule kinds and rule packs a company ships as a package of its own, found by entry point.

A distribution declares them in two entry-point groups (docs/plugins.md):

- `postlint.kinds`: each names a module whose `Check` subclasses are rule kinds, or one
  `Check` subclass (`linter/checks/__init__.py` registers them beside the built-in kinds);
- `postlint.packs`: each entry point's name is a pack name a config may list in `packs:`; it
  names a pack file, a folder of pack files, or a callable returning one, inside the plugin's
  package (`packs.py` loads it as strictly as a company's own pack).

The entry points are read from the `entry_points.txt` files of the distributions on `sys.path`
(the format `importlib.metadata` reads) without importing `importlib.metadata`, whose import and
scan cost as much as a whole re-check answered from the cache. The same reading decides what is
loaded and the cache keys (`fingerprint`), so the two cannot disagree about what is installed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import BUILTIN_PACKS
from .errors import ConfigError, Problem
from .prepared import distribution_folders, distribution_name
from .schema import shown

if TYPE_CHECKING:
    from .yamlio import Mark

KINDS_GROUP = "postlint.kinds"
PACKS_GROUP = "postlint.packs"
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """One `name = module:attribute` line of a distribution's `entry_points.txt`."""

    distribution: str
    version: str
    source: Path  # the entry_points.txt it is written in
    line: int
    group: str
    name: str
    value: str

    @property
    def module(self) -> str:
        return self.value.partition("[")[0].partition(":")[0].strip()  # "module:attribute [extras]"

    @property
    def package(self) -> str:
        """The top-level package holding the module: the files the cache keys follow."""
        return self.module.partition(".")[0]

    def error(self, message: str, hint: str = "") -> ConfigError:
        """A problem with this plugin, placed at its line in `entry_points.txt`."""
        hint = hint or f"fix the plugin, or uninstall it: pip uninstall {self.distribution}"
        return ConfigError([Problem(str(self.source), self.line, 1, "E117",
                                    f"plugin {self.distribution} {self.version}: {self.group} entry point "
                                    f"'{self.name} = {self.value}' {message}", hint)])

    def load(self) -> object:
        """The object the entry point names, imported; a plugin that fails to import is a
        ConfigError naming it, never a traceback."""
        attribute = self.value.partition("[")[0].partition(":")[2].strip()
        try:
            target: object = importlib.import_module(self.module)
            for part in filter(None, attribute.split(".")):
                target = getattr(target, part)
        except Exception as exc:  # noqa: BLE001 - a third party's import may fail in any way
            raise self.error(f"could not be loaded: {type(exc).__name__}: {exc}") from None
        return target


def _parse(text: str, folder: Path) -> Iterator[EntryPoint]:
    """The entry points of our groups in one `entry_points.txt` (an ini file: `[group]` then
    `name = value` lines; `#` and `;` start comments)."""
    project, version = distribution_name(folder.name)
    group = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif group in (KINDS_GROUP, PACKS_GROUP) and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            yield EntryPoint(project, version, folder / "entry_points.txt", number, group, name.strip(), value.strip())


@functools.lru_cache(maxsize=1)
def _declared() -> tuple[EntryPoint, ...]:
    found: list[EntryPoint] = []
    seen: set[str] = set()
    folders = distribution_folders()
    here = os.getcwd()
    working = {entry for entry in {entry for entry, _ in folders} if os.path.abspath(entry or ".") == here}
    for entry, name in folders:
        if entry in working:
            continue  # `python -m linter` puts the working folder on the path: a checked repository runs no code
        project, _ = distribution_name(name)
        if project in seen:
            continue  # the first copy of a distribution on sys.path is the one imported
        seen.add(project)
        try:
            with open(os.path.join(entry or ".", name, "entry_points.txt"), "rb") as file:  # most have none
                data = file.read()
        except OSError:
            continue
        if b"[postlint." in data:
            found += _parse(data.decode("utf-8", "replace"), Path(entry or ".", name))
    return tuple(found)


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of `group` (KINDS_GROUP or PACKS_GROUP), in sys.path order."""
    return [entry for entry in _declared() if entry.group == group]


def _located(package: str) -> tuple[list[Path], Path | None]:
    """Where an installed top-level package is (its folders) or a module (its file), found
    without importing it: `find_spec` asks the import system, editable installs included."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return [], None
    if spec is None:
        return [], None
    if spec.submodule_search_locations:
        return [Path(home).resolve() for home in spec.submodule_search_locations], None
    return [], Path(spec.origin) if spec.origin and os.path.isfile(spec.origin) else None


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the installed plugins are, for the cache keys: each entry point of our groups where
    it is declared, and the name, size and modification time of every file of its package (a
    plugin edited in place, or reinstalled at the same version, changes it). No plugin: a
    constant. Costs one read of each installed distribution's `entry_points.txt` (1.3 ms for the
    51 of a development install, against 190 ms for a re-check from the cache), no import."""
    digest = hashlib.sha256()
    packages: set[str] = set()
    for entry in _declared():
        digest.update(f"{entry.source}\0{entry.group}\0{entry.name}\0{entry.value}\0".encode())
        packages.add(entry.package)
    for package in sorted(packages):
        homes, module = _located(package)
        files = sorted(path for home in homes for path in home.rglob("*")
                       if path.is_file() and "__pycache__" not in path.parts)
        for path in files or ([module] if module else []):
            info = path.stat()
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def packs() -> dict[str, list[EntryPoint]]:
    """The packs the installed plugins offer, by pack name (two plugins may offer one name)."""
    offered: dict[str, list[EntryPoint]] = {}
    for entry in entry_points(PACKS_GROUP):
        offered.setdefault(entry.name, []).append(entry)
    return offered


def offered_pack(name: str, where: Mark, problems: list[Problem]) -> tuple[Path, ...]:
    """The files of the pack an installed plugin offers as `name` (a config's `packs:` entry at
    `where`); none, with a problem, when no plugin or two offer it, or its plugin is broken."""
    offered = packs()
    entries = offered.get(name, [])
    if not entries:
        known = "built-in packs: " + ", ".join(BUILTIN_PACKS)
        known += "; plugins' packs: " + (", ".join(sorted(offered)) or "none installed")
        problems.append(where.problem("E104", f"{shown(name)} is neither a built-in pack, a plugin's pack "
                                              "nor a .yaml path", known))
        return ()
    if len(entries) > 1:
        problems.append(where.problem("E117", f"the pack {shown(name)} is offered by more than one plugin: "
                                      + ", ".join(sorted(entry.distribution for entry in entries)),
                                      "uninstall all but one of them"))
        return ()
    try:
        return pack_files(entries[0])
    except ConfigError as exc:
        problems.extend(exc.problems)
        return ()


def pack_files(entry: EntryPoint) -> tuple[Path, ...]:
    """The pack files a `postlint.packs` entry point names: a file, or every pack file of a
    folder, inside the plugin's package (the cache keys follow that package's files only)."""
    target = entry.load()
    if callable(target):
        try:
            target = target()
        except Exception as exc:  # noqa: BLE001 - a third party's code may fail in any way
            raise entry.error(f"failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(target, (str, os.PathLike)):
        raise entry.error(f"gave a {type(target).__name__}, not the path of a pack",
                          "name a pack file or folder, or a function returning its path")
    path = Path(target).resolve()
    homes = _located(entry.package)[0]
    if not any(path == home or home in path.parents for home in homes):
        raise entry.error(f"names {path}, outside the plugin's package folder",
                          "ship the pack inside the package, so an update to it reaches postlint's caches")
    if path.is_dir():
        files = tuple(sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file()))
        if not files:
            raise entry.error(f"names the folder {path}, which holds no .yaml pack")
        return files
    if not path.is_file():
        raise entry.error(f"names {path}, which does not exist")
    if path.suffix not in PACK_SUFFIXES:
        raise entry.error(f"names {path}, which is not a .yaml pack")
    return (path,)


__all__ = ["KINDS_GROUP", "PACKS_GROUP", "EntryPoint", "entry_points", "fingerprint", "offered_pack", "pack_files",
           "packs"]
