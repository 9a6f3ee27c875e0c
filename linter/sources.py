"""Finding the files to check and reading them without losing anything or crashing.

A folder is walked recursively for the suffixes in `markup.MARKUP_BY_SUFFIX`, skipping hidden and
vendored folders, what git ignores and each config's `exclude` globs. Inside a git work tree git
itself lists the files (`git ls-files --cached --others --exclude-standard`: every `.gitignore`,
`.git/info/exclude` and `core.excludesFile`, and tracked files are never ignored); elsewhere, or
without git, the `.gitignore` files found in the walk are read here. Paths named on the command
line are checked even when git ignores them (a writer's drafts are often ignored), but a config's
`exclude` applies to them too, so a pre-commit hook skips what the team excluded.
"""

from __future__ import annotations

import codecs
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DEFAULT_MAX_BYTES, Config, find_config, load_config
from .fileio import NotAFile, TooLarge, format_size, read_file, resolved
from .markup import MARKUP_BY_SUFFIX

if TYPE_CHECKING:
    import pathspec  # imported where a folder is walked or excluded: not for a file named outright

CHECKED_SUFFIXES = frozenset(MARKUP_BY_SUFFIX)
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                          ".tox", ".mypy_cache", ".pytest_cache", ".postlint_cache"})

# Why a path is excluded (e.g. "excluded by postlint.yaml: drafts/"), or None to check it.
Exclusion = Callable[[Path, bool], "str | None"]


@dataclass
class Source:
    """A file's text as decoded, plus warnings about how it was read."""

    path: str
    text: str
    warnings: list[str] = field(default_factory=list)


class Unreadable(Exception):
    """A path that cannot be checked: missing, unreadable, not text, or excluded."""

    def __init__(self, path: str, reason: str, *, skip: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason
        self.skip = skip  # skipped with a warning (a binary or excluded file), not an error


class Configs:
    """Which config governs each path (`--config`, else the nearest one upward), each loaded once."""

    def __init__(self, config_path: Path | None = None, *, allow_outside_packs: bool = False) -> None:
        self._fixed = resolved(config_path) if config_path else None
        self.allow_outside_packs = allow_outside_packs
        self._loaded: dict[Path | None, Config] = {}
        self._found: dict[Path, Path | None] = {}
        self._excludes: dict[Path | None, pathspec.GitIgnoreSpec] = {}

    def key_for(self, path: str | Path) -> Path | None:
        """The config file for a path (`-` means the working directory), None for the defaults."""
        if self._fixed is not None:
            return self._fixed
        folder = Path.cwd() if str(path) == "-" else Path(path).resolve().parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]

    def get(self, key: Path | None) -> Config:
        if key not in self._loaded:
            config = load_config(key) if key else Config()
            self._loaded[key] = replace(config, allow_outside_packs=True) if self.allow_outside_packs else config
        return self._loaded[key]

    @property
    def used(self) -> list[Path | None]:
        """The configs loaded so far (None: the built-in defaults), in the order they were needed."""
        return list(self._loaded)

    def excluded(self, path: Path, is_dir: bool) -> str | None:
        """Why the governing config's `exclude` globs leave `path` out, or None."""
        key = self.key_for(path / "x" if is_dir else path)
        config = self.get(key)
        if not config.exclude:
            return None
        if key not in self._excludes:
            import pathspec

            self._excludes[key] = pathspec.GitIgnoreSpec.from_lines(config.exclude)
        try:
            relative = path.resolve().relative_to(config.root.resolve()).as_posix()
        except ValueError:
            return None  # outside the config's folder: its globs do not reach it
        if relative == ".":
            return None
        result = self._excludes[key].check_file(relative + ("/" if is_dir else ""))
        if not result.include:
            return None
        pattern = config.exclude[result.index] if result.index is not None else "exclude"
        return f"excluded by {key.name if key else 'config'} (exclude: {pattern})"


def discover(paths: Iterable[str], *, excluded: Exclusion | None = None,
             wanted: Callable[[str], bool] | None = None) -> Iterator[str | Unreadable]:
    """Each file to check, in a stable order: files as given, directories walked recursively for
    the names `wanted` accepts (default: the markup suffixes `check` reads)."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        if not raw:
            yield Unreadable("''", "an empty path names no file (use . for this folder)")
            continue
        path = Path(raw)
        if not path.exists():
            yield Unreadable(raw, "no such file or directory")
            continue
        reason = excluded(path, path.is_dir()) if excluded else None
        if reason:
            yield Unreadable(raw, f"{reason}; not checked", skip=True)
        elif path.is_dir():
            yield from _walk(path, excluded, wanted or _checked)
        else:
            yield raw


class _GitIgnores:
    """The `.gitignore` rules in force in each folder of a walk, deepest last (it wins)."""

    def __init__(self, root: Path) -> None:
        self._by_folder: dict[Path, list[tuple[Path, pathspec.GitIgnoreSpec]]] = {}
        top = _git_root(root)
        inherited: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        if top is not None:
            inherited += _spec_at(top, top / ".git" / "info" / "exclude")
            ancestors = [p for p in reversed(root.parents) if p == top or top in p.parents]
            for folder in ancestors:
                inherited += _spec_at(folder, folder / ".gitignore")
            if any(self._match(inherited, p, True) for p in [root, *root.parents] if top in p.parents):
                inherited = []  # the folder itself is ignored, yet named: its own rules only
        self._by_folder[root] = inherited

    def enter(self, folder: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
        """The rules for entries of `folder` (its parent's plus its own `.gitignore`)."""
        if folder not in self._by_folder:
            self._by_folder[folder] = list(self._by_folder.get(folder.parent, []))
        specs = self._by_folder[folder] + _spec_at(folder, folder / ".gitignore")
        self._by_folder[folder] = specs
        return specs

    @staticmethod
    def _match(specs: list[tuple[Path, pathspec.GitIgnoreSpec]], path: Path, is_dir: bool) -> bool:
        ignored = False
        for base, spec in specs:
            if base == path or base not in path.parents:
                continue
            relative = path.relative_to(base).as_posix()
            result = spec.check_file(relative + ("/" if is_dir else ""))
            if result.include is not None:
                ignored = result.include
        return ignored

    ignored = _match


def _git_root(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _spec_at(base: Path, file: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    import pathspec

    return [(base, pathspec.GitIgnoreSpec.from_lines(lines))] if lines else []


def _checked(name: str) -> bool:
    return Path(name).suffix.lower() in CHECKED_SUFFIXES


def _walk(root: Path, excluded: Exclusion | None, wanted: Callable[[str], bool]) -> Iterator[str]:
    listed = _git_listed(root)
    if listed is None:
        yield from _walk_tree(root, excluded, wanted)
        return
    for relative in sorted(listed, key=_walk_order):
        path = root / relative
        parts = relative.split("/")
        if any(_skipped_folder(part) for part in parts[:-1]):
            continue
        if path.is_dir():  # a submodule or a link to a folder: walked as a tree of its own
            if not _skipped_folder(parts[-1]) and not (excluded and excluded(path, True)):
                yield from _walk_tree(path, excluded, wanted)
        elif wanted(path.name) and path.is_file():  # not a tracked file since deleted
            if not (excluded and excluded(path, False)):
                yield os.path.normpath(path)


def _skipped_folder(name: str) -> bool:
    return name in SKIPPED_DIRS or name.startswith(".")


def _walk_order(relative: str) -> list[tuple[int, str]]:
    """The order `os.walk` with sorted names gives: a folder's files, then each subfolder in turn."""
    parts = relative.split("/")
    return [(1, part) for part in parts[:-1]] + [(0, parts[-1])]


_GIT_LOCATION = frozenset({"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"})


def _git_listed(root: Path) -> list[str] | None:
    """The files git does not ignore under `root` (tracked or not), relative to it; None when `root`
    is outside a git work tree, git is missing or fails, or git ignores `root` itself (it was named
    on purpose: read as a plain tree)."""
    import shutil  # with the compressors it imports: only folders are walked with git

    if shutil.which("git") is None or _git_root(Path(os.path.abspath(root))) is None:
        return None
    # git finds the repository from `root`, not from variables a hook may have set for another one
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION}
    run = lambda *args: subprocess.run(["git", "-C", str(root), *args], capture_output=True,  # noqa: E731
                                       env=env, timeout=120, check=False)
    try:
        if run("check-ignore", "-q", "--no-index", ".").returncode == 0:
            return None
        listing = run("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    if listing.returncode != 0:
        return None
    names = (os.fsdecode(name) for name in listing.stdout.split(b"\0") if name)
    return sorted(set(names))  # a file with merge conflicts is listed once per stage


def _walk_tree(root: Path, excluded: Exclusion | None, wanted: Callable[[str], bool]) -> Iterator[str]:
    """Walk `root` reading `.gitignore` files ourselves (outside git, or where git cannot help)."""
    gitignores = _GitIgnores(Path(os.path.abspath(root)))
    seen: set[tuple[int, int]] = set()
    for folder_name, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder_name)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: walk each folder once
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        folder = Path(os.path.abspath(folder_name))
        specs = gitignores.enter(folder)
        dirs[:] = sorted(d for d in dirs if not _skipped_folder(d) and _kept(folder / d, True, specs, excluded))
        for name in sorted(files):
            if wanted(name) and _kept(folder / name, False, specs, excluded):
                yield os.path.normpath(os.path.join(folder_name, name))


def _kept(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.GitIgnoreSpec]],
          excluded: Exclusion | None) -> bool:
    if _GitIgnores.ignored(specs, path, is_dir):
        return False
    return not (excluded and excluded(path, is_dir))


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SAMPLE = 8192  # bytes looked at to tell the encoding and whether a file is text at all
# Characters no text file holds (C0 controls but tab, line and form feeds, carriage return, escape).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
BINARY_SHARE = 0.1  # more than this share of a text's start undecodable or control: not text


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes fall."""
    sample = data[:SAMPLE]
    if b"\0" not in sample:
        return None
    candidates = []
    if len(data) % 4 == 0 and len(sample) >= 4:
        if not any(sample[3::4]) and any(sample[0::4]):
            candidates.append("utf-32-le")
        if not any(sample[0::4]) and any(sample[3::4]):
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        units = len(sample) // 2
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd >= 0.3 * units and even <= 0.05 * units:
            candidates.append("utf-16-le")
        if even >= 0.3 * units and odd <= 0.05 * units:
            candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def decode(data: bytes, path: str) -> Source:
    """Text from bytes, losing nothing a reader would see.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 (by their BOM, or told by their zero bytes);
    invalid UTF-8 bytes are replaced and reported, and NUL characters become U+FFFD, as CommonMark
    does. Bytes that are not text at all (an image named `.md`) raise `Unreadable`: an error, never
    a silent skip.
    """
    warnings: list[str] = []
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        data = data[len(next(bom for bom, name in _BOMS if name == encoding)):]
    else:
        encoding = _wide_encoding(data)
    if encoding is not None and encoding != "utf-8":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            text = data.decode(encoding, errors="replace")
            warnings.append(f"invalid {encoding.upper()} at byte offset {exc.start}; undecodable bytes were "
                            "replaced with U+FFFD and the rest was checked")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"invalid UTF-8 at byte offset {exc.start}; undecodable bytes were "
                            "replaced with U+FFFD and the rest was checked")
    head = text[:SAMPLE]
    if head and sum(ch == "\ufffd" or (ord(ch) in _CONTROL) for ch in head) > BINARY_SHARE * len(head):
        raise Unreadable(path, "is not text (binary content, or an encoding postlint cannot read); "
                         f"not checked. {readable_kinds(path)}")
    if "\0" in text:
        warnings.append(f"{text.count(chr(0))} NUL character(s) replaced with U+FFFD, as CommonMark does")
        text = text.replace("\0", "\ufffd")
    return Source(path, text, warnings)


def readable_kinds(path: str) -> str:
    """What postlint reads, for the message about a file it cannot (a `.docx`, a `.pdf`)."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    known = " ".join(MARKUP_BY_SUFFIX)
    hint = f"; save a {suffix} file as one of these first" if suffix and suffix not in MARKUP_BY_SUFFIX else ""
    return f"postlint reads text posts: {known} (others as plain text){hint}"


def read(path: str, stdin: bytes | None = None, *, limit: int = DEFAULT_MAX_BYTES) -> Source:
    """The text of a post file (or of `stdin` for `-`), at most `limit` bytes of it."""
    if path == "-":
        return decode(stdin or b"", "-")
    try:
        data = read_file(path, limit)
    except FileNotFoundError:
        raise Unreadable(path, "no such file or directory") from None
    except IsADirectoryError:
        raise Unreadable(path, "is a directory") from None
    except NotAFile as exc:
        raise Unreadable(path, f"is {exc.kind}, not a file; not read") from None
    except TooLarge as exc:
        raise Unreadable(path, f"is larger than max_bytes ({format_size(exc.limit)}); not checked "
                         "(raise max_bytes in the config to check it)") from None
    except OSError as exc:
        raise Unreadable(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
