"""``giaoban import``: notices and reports in DOCX written as records, never over a file.

Every document is read before any record is written, so a file that is not a
notice or report stops the run with nothing written. Records are named as ``new``
names them (date and kind, ``-2`` for another of the same day), or ``--id``. A
meeting that already has a record in the folder (the same day, and the same
registration or name) is not written again: importing a document twice, or a
notice and a report of one meeting, stops the run like a file that exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ExistsError, InputError
from generator.importing.record import Imported, read_all
from generator.inputs.loading import load_yaml
from generator.messages import count, message
from generator.model.catalog import vocabulary
from generator.model.dates import BadDate, parse_date
from generator.model.kinds import MeetingKind
from generator.pipeline.writing import write_atomic
from generator.vietnamese.text import name_key


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
    _refuse_twice(imported, folder)
    existing = [p for p in targets if p.exists()]
    if existing:
        raise ExistsError(
            count("import_exists", len(existing), paths=", ".join(map(str, existing)))
        )
    for item, path in zip(imported, targets, strict=True):
        write_atomic(path, item.yaml().encode("utf-8"))
    return [Written(item, path) for item, path in zip(imported, targets, strict=True)]


#: What tells one meeting from another: its day, and its registration or its name.
_Meeting = tuple[dt.date, frozenset[tuple[str, object]]]


def _meeting(data: object) -> _Meeting | None:
    """The day, and the registrations ("tb" 118) and name, of a record's data."""
    if not isinstance(data, dict):
        return None
    day = data.get("date")
    if isinstance(day, str):
        try:
            day = parse_date(day)
        except BadDate:
            return None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        return None
    said: set[tuple[str, object]] = set()
    documents = data.get("documents")
    for doc, registration in documents.items() if isinstance(documents, dict) else ():
        if isinstance(registration, dict) and registration.get("number") is not None:
            said.add((str(doc), str(registration["number"])))
    if isinstance(data.get("title"), str):
        said.add(("title", name_key(data["title"])))
    return day, frozenset(said)


def _same(one: _Meeting, other: _Meeting) -> bool:
    return one[0] == other[0] and bool(one[1] & other[1])


def _refuse_twice(imported: list[Imported], folder: Path) -> None:
    """Stop before writing when a document's meeting has a record in ``folder`` already, or
    when two documents of the run are of one meeting; the message names the record."""
    known: list[tuple[_Meeting, str]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            found = _meeting(load_yaml(path).data)
        except InputError:
            continue  # not a record giaoban can read: it names no meeting to compare
        if found is not None:
            known.append((found, str(path)))
    twice = []
    for item in imported:
        found = _meeting(item.data)
        if found is None:
            continue
        same = next((where for meeting, where in known if _same(meeting, found)), None)
        if same is not None:
            twice.append(message("import_twice", source=item.source, record=same,
                                 date=found[0].strftime("%d/%m/%Y")))  # fmt: skip
        known.append((found, str(item.source)))
    if twice:
        raise ExistsError("\n".join(twice))
