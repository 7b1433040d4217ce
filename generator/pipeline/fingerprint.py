"""Content hashes of everything an output is made from, for incremental runs.

An output is up to date when the hash of its inputs is the one recorded when
it was written: the record (or, for a digest, every record) and its settings,
the profile file, every template and configuration file giaoban reads, the
options that change the output, giaoban's own code, and the versions of the
libraries that draw the documents. File times are never consulted: a copied or touched file is not
a changed one, and an edit that keeps the timestamp is still seen.

This module reads bytes and the settings' YAML only (no typing, no rendering libraries), so a
run where nothing changed finishes before those would have been imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.inputs.loading import load_yaml
from generator.inputs.locations import Named, folder_files, resolve_named
from generator.pipeline.options import Options
from generator.resources import PACKAGE_DIR, config_dir, package_version, templates_dir

#: The libraries whose versions shape the bytes of a document (layout, fonts and their
#: subsets, the PDF and ZIP writers, images, XML serialisation).
_LIBRARIES = ("giaoban", "weasyprint", "pydyf", "fonttools", "python-docx", "lxml", "jinja2",
              "pillow")  # fmt: skip


def environment() -> str:
    """The hash of what every output of a run shares: code versions, built-in templates,
    configuration. (Template folders of the user's are part of ``settings_hash``.)"""
    digest = hashlib.sha256()
    for name in _LIBRARIES:
        digest.update(f"{name}={package_version(name)}\n".encode())
    # giaoban's own code too: an editable install changes without a new version.
    for folder in (templates_dir(), config_dir(), PACKAGE_DIR):
        if Path(folder).is_dir():
            _hash_tree(digest, Path(folder))
    return digest.hexdigest()


def _hash_tree(digest: Any, folder: Path) -> None:
    for path in folder_files(folder.resolve()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(_read(path))


def named_by(settings: Path, options: Options) -> Named | None:
    """The profile file and template folders a run with these settings reads.

    Asked of the one resolver that loading and ``watch`` use too. ``None``
    while the settings cannot be read or name something missing: the run then
    loads them and reports why.
    """
    try:
        data = load_yaml(settings).data
        values = data if isinstance(data, dict) else {}
        profile, templates = values.get("profile"), values.get("templates")
        return resolve_named(
            settings,
            profile if isinstance(profile, str) else None,
            templates if isinstance(templates, str) else None,
            option_profile=options.profile,
            option_templates=options.templates,
        )
    except InputError:
        return None


def settings_hash(settings: Path, options: Options) -> str:
    """The hash of a settings file and of the profile file and template folders named."""
    digest = hashlib.sha256(_read(settings))
    named = named_by(settings, options)
    if named is not None:
        digest.update(b"\0" + _read(named.profile))
        for folder in named.templates:
            _hash_tree(digest, folder)
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
