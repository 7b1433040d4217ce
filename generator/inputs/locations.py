"""Where things are: the records named or found in folders, the nearest ``giaoban.yaml``,
and the one resolver of the paths that the settings and the options name.

Loading, hashing and ``watch`` all ask this module, so a profile file or a
templates folder is the same file for each of them. The rule: a path given on
the command line is relative to the working folder, as in every command; a
path written in ``giaoban.yaml`` is relative to that file's folder, so the
settings work from wherever the command is run. Plain path work, so an
up-to-date run needs nothing heavier.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.caches import cached
from generator.errors import InputError, Position, Problem
from generator.messages import message
from generator.resources import config_dir

SETTINGS_NAME = "giaoban.yaml"
#: The profile of settings that name none.
DEFAULT_PROFILE = "hd05"


def find_settings(record: Path) -> Path:
    """The nearest ``giaoban.yaml`` in the record's folder or a folder above it."""
    found = _settings_above(record.resolve().parent)
    if found is None:
        detail = message("settings_not_found", name=SETTINGS_NAME)
        raise InputError([Problem(Position(record), detail)])
    return found


@cached
def _settings_above(folder: Path) -> Path | None:
    """Asked once per folder and run: every record of a folder shares the answer."""
    for candidate in (folder, *folder.parents):
        if (candidate / SETTINGS_NAME).is_file():
            return candidate / SETTINGS_NAME
    return None


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
    # A name that is no UTF-8 text (copied from an old disk) cannot name outputs or be
    # shown in documents: the user renames it.
    misnamed = [Problem(Position(p), message("name_not_utf8")) for p in found if not _utf8(p)]
    if misnamed:
        raise InputError(misnamed)
    return list(dict.fromkeys(found))


def _utf8(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def builtin_profiles() -> dict[str, Path]:
    return {p.stem: p for p in sorted((config_dir() / "profiles").glob("*.yaml"))}


@dataclass(frozen=True)
class Named:
    """The files a run reads besides the records, as the settings and options name them."""

    #: The format profile's file.
    profile: Path
    #: Template folders, searched in this order: the options', then the settings'.
    templates: tuple[Path, ...]


def profile_file(name: str, relative_to: Path, named_in: Path) -> Path:
    """A built-in profile by name, or a profile file by path (relative to ``relative_to``)."""
    builtin = builtin_profiles()
    if name in builtin:
        return builtin[name]
    candidate = relative_to / name
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate.resolve()
    detail = message("profile_not_found", name=name, available=", ".join(builtin),
                     folder=relative_to.resolve())  # fmt: skip
    raise InputError([Problem(Position(named_in), detail)])


#: Most files a templates folder may hold: it is read whole for every run's hash
#: and watched, so naming ``/`` or a home folder by mistake is refused at once.
MAX_TEMPLATE_FILES = 2000


def templates_folder(name: str | Path, relative_to: Path, named_in: Path) -> Path:
    folder = (relative_to / name).resolve()
    if not folder.is_dir():
        raise InputError([Problem(Position(named_in), message("templates_not_found", path=folder))])
    folder_files(folder, named_in)  # refuses a folder too large to be one of templates
    return folder


def folder_files(folder: Path, named_in: Path | None = None) -> list[Path]:
    """The files of a templates folder, in a stable order: readable regular files whose
    real place is inside the folder (a link out of it is not the folder's)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(root) / name
            try:
                inside = path.resolve().is_relative_to(folder) and path.is_file()
            except OSError:  # unreadable: not a template giaoban could use either
                continue
            if inside:
                found.append(path)
            if len(found) > MAX_TEMPLATE_FILES:
                detail = message("templates_too_big", path=folder, limit=MAX_TEMPLATE_FILES)
                raise InputError([Problem(Position(named_in or folder), detail)])
    return found


def resolve_named(
    settings_file: Path,
    profile: str | None,
    templates: str | None,
    *,
    option_profile: str | None = None,
    option_templates: Sequence[Path] = (),
) -> Named:
    """What a settings file (its ``profile`` and ``templates`` values) and the options name.

    The ``--profile`` option wins over the settings' profile; ``--templates``
    folders are searched before the settings' folder.
    """
    here, settings_folder = Path.cwd(), settings_file.parent
    if option_profile:
        chosen = profile_file(option_profile, here, Path(option_profile))
    else:
        chosen = profile_file(profile or DEFAULT_PROFILE, settings_folder, settings_file)
    folders = [templates_folder(t, here, Path(t)) for t in option_templates]
    if templates:
        folders.append(templates_folder(templates, settings_folder, settings_file))
    return Named(chosen, tuple(folders))
