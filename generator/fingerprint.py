"""Content hashes of everything an output is made from, for incremental runs.

An output is up to date when the hash of its inputs is the one recorded when
it was written: the record (or, for a digest, every record) and its settings,
the profile file, every template and configuration file giaoban reads, the
options that change the output, and the versions of giaoban, WeasyPrint and
python-docx. File times are never consulted: a copied or touched file is not
a changed one, and an edit that keeps the timestamp is still seen.

This module reads bytes only (no YAML typing, no rendering libraries), so a
run where nothing changed finishes before those would have been imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import yaml

from .resources import config_dir, templates_dir

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBRARIES = ("giaoban", "weasyprint", "python-docx", "jinja2", "matplotlib")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def environment(template_dirs: tuple[Path, ...]) -> str:
    """The hash of what every output of a run shares: code versions, templates, configuration."""
    digest = hashlib.sha256()
    for name in _LIBRARIES:
        digest.update(f"{name}={_version(name)}\n".encode())
    for folder in (*template_dirs, templates_dir(), config_dir()):
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in _tree_files(folder):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _profile_file(settings: Path, override: str | None) -> Path | None:
    """The profile file named by a path (built-in profiles are in the configuration hash)."""
    name = override
    if name is None:
        try:
            loaded = yaml.load(
                settings.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            )
        except (OSError, yaml.YAMLError):
            return None
        name = loaded.get("profile") if isinstance(loaded, dict) else None
        if not isinstance(name, str):
            return None
        relative_to = settings.parent
    else:
        relative_to = Path.cwd()
    candidate = Path(name)
    if not candidate.is_absolute():
        candidate = relative_to / candidate
    return candidate if candidate.suffix in (".yaml", ".yml") and candidate.is_file() else None


def settings_hash(settings: Path, override: str | None) -> str:
    digest = hashlib.sha256(_read(settings))
    profile = _profile_file(settings, override)
    if profile is not None:
        digest.update(_read(profile))
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
