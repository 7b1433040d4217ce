"""``giaoban import``: notices and reports in DOCX written as records, never over a file.

Every document is read before any record is written, so a file that is not a
notice or report stops the run with nothing written. Records are named as ``new``
names them (date and kind, ``-2`` for another of the same day), or ``--id``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ExistsError
from generator.importing.record import Imported, read_all
from generator.messages import count
from generator.model.catalog import vocabulary
from generator.model.kinds import MeetingKind
from generator.pipeline.writing import write_atomic


@dataclass(frozen=True)
class Written:
    imported: Imported
    path: Path


def _name(imported: Imported) -> str:
    data = imported.data
    registered = data.get("documents", {}).get(imported.doc or "", {})
    day = str(data.get("date") or registered.get("date") or dt.date.today().isoformat())
    kind = data.get("kind")
    slug = vocabulary().kinds[MeetingKind(kind)].slug if kind else imported.doc or "van-ban"
    return f"{day}-{slug}"


def import_documents(paths: Sequence[Path], folder: Path, record_id: str | None = None,
                     kind: str | None = None) -> list[Written]:  # fmt: skip
    """Each document's record written into ``folder``; ``kind`` (a meeting kind) replaces
    the kind read from the meeting's name."""
    imported = read_all(paths)
    if kind is not None:
        for item in imported:
            item.data["kind"] = kind
    targets: list[Path] = []
    for item in imported:
        name = record_id or _name(item)
        path = folder / f"{name}.yaml"
        stem, n = name, 2
        while record_id is None and (path.exists() or path in targets):
            path, n = folder / f"{stem}-{n}.yaml", n + 1
        targets.append(path)
    existing = [p for p in targets if p.exists()]
    if existing:
        raise ExistsError(
            count("import_exists", len(existing), paths=", ".join(map(str, existing)))
        )
    for item, path in zip(imported, targets, strict=True):
        write_atomic(path, item.yaml().encode("utf-8"))
    return [Written(item, path) for item, path in zip(imported, targets, strict=True)]
