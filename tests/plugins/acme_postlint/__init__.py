"""Acme Robotics' postlint plugin: its own rule kind (`kinds.py`) and rule pack (`packs/`)."""

from __future__ import annotations

from pathlib import Path


def pack_folder() -> Path:
    """The `postlint.packs` entry point: the folder of the pack's files, inside this package."""
    return Path(__file__).resolve().parent / "packs"
