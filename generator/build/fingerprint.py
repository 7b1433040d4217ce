"""Content hashes of everything an output is made from, for incremental runs.

An output is up to date when the hash of its inputs is the one recorded when
it was written: the record (or, for a digest, every record) and its settings,
the profile file, every template and configuration file giaoban reads, the
options that change the output, giaoban's own code, and the versions of the
libraries that draw the documents. File times are never consulted: a copied or touched file is not
a changed one, and an edit that keeps the timestamp is still seen.

This module reads bytes only (no YAML typing, no rendering libraries), so a
run where nothing changed finishes before those would have been imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.resources import PACKAGE_DIR, config_dir, package_version, templates_dir

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBRARIES = ("giaoban", "weasyprint", "python-docx", "jinja2", "matplotlib")


def _tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def environment(template_dirs: tuple[Path, ...]) -> str:
    """The hash of what every output of a run shares: code versions, templates, configuration."""
    digest = hashlib.sha256()
    for name in _LIBRARIES:
        digest.update(f"{name}={package_version(name)}\n".encode())
    # giaoban's own code too: an editable install changes without a new version.
    for folder in (*template_dirs, templates_dir(), config_dir(), PACKAGE_DIR):
        if Path(folder).is_dir():
            _hash_tree(digest, Path(folder))
    return digest.hexdigest()


def _hash_tree(digest: Any, folder: Path) -> None:
    for path in _tree_files(folder):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(_read(path))


def settings_references(settings: Path, override: str | None) -> list[Path]:
    """The files and folders the settings name: a profile file, a templates folder."""
    try:
        loaded = yaml.load(settings.read_bytes(), Loader=_LOADER)
    except (OSError, yaml.YAMLError):
        loaded = None
    values = loaded if isinstance(loaded, dict) else {}
    refs = []
    for name, relative_to in ((override, Path.cwd()), (values.get("profile"), settings.parent),
                              (values.get("templates"), settings.parent)):  # fmt: skip
        if isinstance(name, str) and name:
            candidate = Path(name)
            refs.append(candidate if candidate.is_absolute() else relative_to / candidate)
    return refs


def settings_hash(settings: Path, override: str | None) -> str:
    """The hash of a settings file and of the profile file and templates it names."""
    digest = hashlib.sha256(_read(settings))
    for ref in settings_references(settings, override):
        if ref.is_dir():
            _hash_tree(digest, ref)
        elif ref.is_file():
            digest.update(b"\0" + _read(ref))
    return digest.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def inputs_hash(
    records: Sequence[Path], settings: str, options: Iterable[str], environment_hash: str
) -> str:
    """The hash of one output's inputs.

    ``settings`` is the ``settings_hash`` of the records' settings; ``options``
    are the choices that shape the output (profile, strictness, period…).
    """
    digest = hashlib.sha256(environment_hash.encode() + b"\0" + settings.encode())
    for option in options:
        digest.update(b"\0" + option.encode())
    for record in records:
        digest.update(b"\0" + str(record).encode() + b"\0")
        digest.update(_read(record))
    return digest.hexdigest()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
