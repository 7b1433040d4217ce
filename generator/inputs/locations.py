"""Where records and their settings are: the files named, folders searched, the nearest
``giaoban.yaml``. Plain path work, so an up-to-date run needs nothing heavier."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.errors import InputError, Position, Problem
from generator.messages import message

SETTINGS_NAME = "giaoban.yaml"


def find_settings(record: Path) -> Path:
    """The nearest ``giaoban.yaml`` in the record's folder or a folder above it."""
    for folder in record.resolve().parents:
        candidate = folder / SETTINGS_NAME
        if candidate.is_file():
            return candidate
    raise InputError([Problem(Position(record), message("settings_not_found", name=SETTINGS_NAME))])


def record_files(paths: Iterable[Path]) -> list[Path]:
    """The record files named, and those found (recursively) in the folders named.

    Settings files and hidden folders are not records.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p
            for pattern in ("*.yaml", "*.yml")
            for p in path.rglob(pattern)
            if p.name != SETTINGS_NAME
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not inside:
            raise InputError([Problem(Position(path), message("no_yaml_found"))])
        found.extend(inside)
    return list(dict.fromkeys(found))
