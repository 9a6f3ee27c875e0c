"""Baselines: record today's findings so that `check --baseline` reports only new ones.

A team adopting postlint on an existing blog records what the archive already has
(`postlint baseline content/ -o .postlint-baseline.json`) and from then on fails only on what a
change adds. Each recorded finding is a fingerprint: the file (relative to the baseline file), the
rule code, and keyed hashes (HMAC-SHA256 with a random salt kept in the file) of the normalised
match and of the text around it on its line. No line number takes part, so a finding whose line
moves is still known; the matched text is never stored in clear.

Matching is a multiset: a finding matches a recorded entry with the same file, code, match and
context first, then one with the same file, code and match (its line was edited). A second copy of
a recorded email in the same file is therefore new.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import __version__, jsonio
from .errors import PostlintError
from .fileio import MAX_BASELINE_BYTES, read_file
from .finding import Finding
from .report import FileResult, context_without_match

VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded finding: where (file, informative line), which rule, and hashes of the text."""

    path: str
    code: str
    match: str
    context: str
    line: int = 0

    @property
    def strict_key(self) -> tuple[str, str, str, str]:
        return self.path, self.code, self.match, self.context

    @property
    def loose_key(self) -> tuple[str, str, str]:
        return self.path, self.code, self.match


class Baseline:
    """Recorded findings, with the salt their hashes were made with and the folder paths are relative to."""

    def __init__(self, salt: str, entries: Iterable[Entry], root: Path) -> None:
        self.salt = salt
        self.entries = sorted(entries, key=lambda e: (e.path, e.line, e.code, e.match, e.context))
        self.root = root

    @classmethod
    def record(cls, results: Sequence[FileResult], *, root: Path, salt: str | None = None) -> Baseline:
        """A baseline of every finding in `results`; `salt` (hex) keeps an earlier file's hashes stable."""
        baseline = cls(salt or secrets.token_hex(16), [], root)
        baseline.entries = sorted((baseline.entry(r, f) for r in results for f in r.findings),
                                  key=lambda e: (e.path, e.line, e.code, e.match, e.context))
        return baseline

    def entry(self, result: FileResult, finding: Finding) -> Entry:
        return Entry(path=self._relative(result.path), code=finding.code,
                     match=self._hash(finding.match), context=self._hash(context_without_match(result.source, finding)),
                     line=finding.line)

    def filter(self, results: Sequence[FileResult]) -> list[FileResult]:
        """The results without recorded findings; each keeps a count of what it left out."""
        keep_new = self.filtering()
        return [keep_new(result) for result in results]

    def filtering(self) -> Callable[[FileResult], FileResult]:
        """A filter for results that come one file at a time (each recorded finding hides one)."""
        strict = Counter(e.strict_key for e in self.entries)
        loose_left = Counter(e.loose_key for e in self.entries)

        def keep_new(result: FileResult) -> FileResult:
            entries = [self.entry(result, f) for f in result.findings]
            known = [False] * len(entries)
            for i, entry in enumerate(entries):  # exact matches first, so they are not taken loosely
                if strict[entry.strict_key] > 0:
                    strict[entry.strict_key] -= 1
                    loose_left[entry.loose_key] -= 1
                    known[i] = True
            for i, entry in enumerate(entries):
                if not known[i] and loose_left[entry.loose_key] > 0:
                    loose_left[entry.loose_key] -= 1
                    known[i] = True
            new = [f for f, seen in zip(result.findings, known) if not seen]
            hidden = tuple(f for f, seen in zip(result.findings, known) if seen)
            return replace(result, findings=new, baselined=result.baselined + sum(known),
                           hidden=(*result.hidden, *hidden))  # `--redact` still masks their spans

        return keep_new

    def dumps(self) -> str:
        data = {"version": VERSION, "tool": f"postlint {__version__}", "salt": self.salt,
                "findings": [{"path": e.path, "line": e.line, "code": e.code, "match": e.match,
                              "context": e.context} for e in self.entries]}
        return json.dumps(data, indent=2) + "\n"

    def write(self, path: Path) -> None:
        path.write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = jsonio.loads(read_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
        except FileNotFoundError:
            raise PostlintError(f"{path}: no such baseline file; make one with "
                                f"`postlint baseline PATHS -o {path}`") from None
        except OSError as exc:
            raise PostlintError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise PostlintError(f"{path}: cannot read the baseline: it is not UTF-8 text") from None
        except RecursionError:
            raise PostlintError(f"{path}: the baseline is not valid JSON: nested too deeply") from None
        except json.JSONDecodeError as exc:
            raise PostlintError(f"{path}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON: {exc.msg}") from None
        return cls(_field(data, "salt", str, path), _entries(data, path), path.resolve().parent)

    def _relative(self, path: str) -> str:
        if path == "-":
            return path
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()

    def _hash(self, text: str) -> str:
        normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
        return hmac.new(bytes.fromhex(self.salt), normalised.encode(), hashlib.sha256).hexdigest()[:32]


def _field(data: Any, key: str, kind: type, path: Path) -> Any:
    if not isinstance(data, dict) or not isinstance(data.get(key), kind):
        raise PostlintError(f"{path}: not a postlint baseline (expected '{key}' as a {kind.__name__}); "
                            "make one with `postlint baseline`")
    return data[key]


def _entries(data: Any, path: Path) -> list[Entry]:
    version = data.get("version") if isinstance(data, dict) else None
    if version != VERSION:
        raise PostlintError(f"{path}: baseline version {version!r} is not supported (this postlint writes "
                            f"version {VERSION}); make it again with `postlint baseline`")
    salt = _field(data, "salt", str, path)
    try:
        key = bytes.fromhex(salt)
    except ValueError:
        key = b""
    if len(key) < 8:
        raise PostlintError(f"{path}: the baseline's salt must be at least 16 hexadecimal digits")
    entries = []
    for i, item in enumerate(_field(data, "findings", list, path)):
        try:
            entries.append(Entry(path=str(item["path"]), code=str(item["code"]), match=str(item["match"]),
                                 context=str(item["context"]), line=int(item.get("line", 0))))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise PostlintError(f"{path}: finding #{i + 1} of the baseline needs path, code, match and "
                                "context") from None
    return entries
