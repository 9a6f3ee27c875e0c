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
import errno
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import CONFIG_NAMES, DEFAULT_MAX_BYTES, Config, find_config, load_config
from .fileio import NotAFile, TooLarge, format_size, git_root, read_file, resolved
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

    @property
    def fixed(self) -> Path | None:
        """The config `--config` named (resolved), which governs every path; None when each path's
        own is found upward."""
        return self._fixed

    def key_for(self, path: str | Path) -> Path | None:
        """The config file for a path (`-` means the working directory), None for the defaults."""
        if self._fixed is not None:
            return self._fixed
        folder = Path.cwd() if str(path) == "-" else resolved(Path(path)).parent
        return self.config_in(folder)

    def config_in(self, folder: Path) -> Path | None:
        """`find_config(folder)` (a resolved folder), once per folder: a folder without a config of
        its own has its parent's, so a tree thousands of folders deep costs one look per folder."""
        below: list[Path] = []
        while folder not in self._found:
            if folder.parent == folder or any((folder / name).is_file() for name in CONFIG_NAMES):
                self._found[folder] = find_config(folder)
                break
            below.append(folder)
            folder = folder.parent
        for each in below:
            self._found[each] = self._found[folder]
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
            relative = resolved(path).relative_to(resolved(config.root)).as_posix()
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
             wanted: Callable[[str], bool] | None = None,
             allow_outside_links: bool = False) -> Iterator[str | Unreadable]:
    """Each file to check, in a stable order: files as given, directories walked recursively for
    the names `wanted` accepts (default: the markup suffixes `check` reads).

    A file or folder reached through a symbolic link that leaves the repository holding the path
    given (or, outside git, the folder given) is refused with its reason, never read, unless
    `allow_outside_links`: a committed `post.md -> ../../.ssh/id_rsa` or `-> /proc/self/environ`
    must not end up quoted in a report."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        if not raw:
            yield Unreadable("''", "an empty path names no file (use . for this folder)")
            continue
        path = Path(raw)
        if not path.exists():
            yield Unreadable(raw, link_problem(raw) or "no such file or directory")
            continue
        boundary = None if allow_outside_links else Boundary.of(path)
        escape = boundary.escape(path) if boundary else None
        if escape:
            yield Unreadable(raw, escape)
            continue
        reason = excluded(path, path.is_dir()) if excluded else None
        if reason:
            yield Unreadable(raw, f"{reason}; not checked", skip=True)
        elif path.is_dir():
            yield from _walk(path, excluded, wanted or _checked, boundary)
        else:
            yield raw


def link_problem(path: str | Path) -> str | None:
    """Why a path that does not open is a bad symbolic link (a loop, or a missing target), or None."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (it leads back to itself); not read"
        return f"is a broken symbolic link (its target {os.readlink(path)} does not exist); not read"
    return None


@dataclass(frozen=True)
class Boundary:
    """Where the files of one path argument may come from: the repository holding it, else the
    folder given (or holding the file given); symbolic links may not lead out of it."""

    root: Path  # resolved
    what: str

    @classmethod
    def of(cls, path: Path) -> Boundary:
        absolute = Path(os.path.abspath(path))
        top = git_root(absolute)
        if top is not None:
            return cls(resolved(top), f"the repository ({top})")
        folder = absolute if absolute.is_dir() else absolute.parent
        return cls(resolved(folder), f"the folder given ({folder})")

    def escape(self, path: Path) -> str | None:
        """Why `path` may not be read (it resolves outside, or into a `.git` folder, whose config
        may hold a remote's token), or None when it may."""
        real = resolved(path)
        if real == Path(os.path.abspath(path)):
            return None  # no link on the way: the path was named or walked as it is
        if real == self.root or self.root in real.parents:
            if ".git" not in real.relative_to(self.root).parts:
                return None
            return f"is reached through a symbolic link into {real.parent} (git's own files); not read"
        return (f"is reached through a symbolic link to {real}, outside {self.what}; not read "
                "(pass --allow-outside-links to read it)")


class _GitIgnores:
    """The `.gitignore` rules in force in each folder of a walk, deepest last (it wins)."""

    def __init__(self, root: Path) -> None:
        self._by_folder: dict[Path, list[tuple[Path, pathspec.GitIgnoreSpec]]] = {}
        top = git_root(root)
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


def _spec_at(base: Path, file: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    import pathspec

    return [(base, pathspec.GitIgnoreSpec.from_lines(lines))] if lines else []


def _checked(name: str) -> bool:
    return Path(name).suffix.lower() in CHECKED_SUFFIXES


def _walk(root: Path, excluded: Exclusion | None, wanted: Callable[[str], bool],
          boundary: Boundary | None) -> Iterator[str | Unreadable]:
    listed = _git_listed(root)
    if listed is None:
        yield from _walk_tree(root, excluded, wanted, boundary)
        return
    for relative in sorted(listed, key=_walk_order):
        path = root / relative
        parts = relative.split("/")
        if any(_skipped_folder(part) for part in parts[:-1]):
            continue
        escape = boundary.escape(path) if boundary and os.path.islink(path) else None
        if path.is_dir():  # a submodule or a link to a folder: walked as a tree of its own
            if not _skipped_folder(parts[-1]) and not (excluded and excluded(path, True)):
                yield from [Unreadable(os.path.normpath(path), escape)] if escape else \
                    _walk_tree(path, excluded, wanted, boundary)
        elif wanted(path.name) and (path.is_file() or os.path.islink(path)):  # not a tracked file since deleted
            if not (excluded and excluded(path, False)):
                yield Unreadable(os.path.normpath(path), escape) if escape else os.path.normpath(path)


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

    if shutil.which("git") is None or git_root(Path(os.path.abspath(root))) is None:
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


def _walk_tree(root: Path, excluded: Exclusion | None, wanted: Callable[[str], bool],
               boundary: Boundary | None) -> Iterator[str | Unreadable]:
    """Walk `root` reading `.gitignore` files ourselves (outside git, or where git cannot help):
    depth first, a folder's files before its subfolders, each in name order, without recursion
    (a tree thousands of folders deep is walked like any other); links are followed while they
    stay within `boundary`, and each folder is entered once (a link loop ends there)."""
    gitignores = _GitIgnores(Path(os.path.abspath(root)))
    seen: set[tuple[int, int]] = set()
    stack = [os.fspath(root)]
    while stack:
        folder_name = stack.pop()
        try:
            stat = os.stat(folder_name)
            entries = sorted(os.scandir(folder_name), key=lambda e: e.name)
        except OSError:
            continue  # as os.walk does: a folder that cannot be listed is left out
        if (stat.st_dev, stat.st_ino) in seen:
            continue
        seen.add((stat.st_dev, stat.st_ino))
        folder = Path(os.path.abspath(folder_name))
        specs = gitignores.enter(folder)
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not _skipped_folder(entry.name) and _kept(folder / entry.name, True, specs, excluded):
                    subfolders.append(entry)
            elif wanted(entry.name) and _kept(folder / entry.name, False, specs, excluded):
                yield _confined(os.path.normpath(os.path.join(folder_name, entry.name)), entry, boundary)
        for entry in reversed(subfolders):
            inside = _confined(os.path.join(folder_name, entry.name), entry, boundary)
            if isinstance(inside, Unreadable):
                yield inside
            else:
                stack.append(inside)


def _confined(path: str, entry: os.DirEntry[str], boundary: Boundary | None) -> str | Unreadable:
    """`path`, or why it may not be read: a link out of `boundary`."""
    escape = boundary.escape(Path(path)) if boundary and entry.is_symlink() else None
    return Unreadable(os.path.normpath(path), escape) if escape else path


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
        raise Unreadable(path, link_problem(path) or "no such file or directory") from None
    except IsADirectoryError:
        raise Unreadable(path, "is a directory") from None
    except NotAFile as exc:
        raise Unreadable(path, f"is {exc.kind}, not a file; not read") from None
    except TooLarge as exc:
        raise Unreadable(path, f"is larger than max_bytes ({format_size(exc.limit)}); not checked "
                         "(raise max_bytes in the config to check it)") from None
    except OSError as exc:
        raise Unreadable(path, link_problem(path) or f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
