"""``giaoban import``: notices and reports in DOCX written as records, never over a file.

Every document is read before any record is written, so a file that is not a
notice or report stops the run with nothing written. Records are named as ``new``
names them (date and kind, ``-2`` for another of the same day), or ``--id``. A
notice and a report of one meeting read in one run are one record with both
registrations, when what they say of the meeting agrees. A meeting that already
has a record in the folder (the same day, and the same registration or name) is
not written again: importing a document twice, or the report of a meeting whose
notice was imported before, stops the run like a file that exists, and the
message says what to add to that record by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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
    imported = _joined(imported)
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
#: What a notice and a report of one meeting both say, and must say alike.
_AGREED = ("date", "part_of_day", "time", "place", "kind", "convened_by", "title", "level")


def _joined(imported: list[Imported]) -> list[Imported]:
    """A notice and a report of one meeting (the same day, and the same name, or the same
    kind convened by the same body) as one record with both registrations; when they
    disagree on the meeting, nothing is written and the message says how to join them."""
    out: list[Imported] = []
    for item in imported:
        partner = next((o for o in out if _pair(o, item)), None)
        if partner is None:
            out.append(item)
            continue
        differ = _differences(partner.data, item.data)
        if differ:
            raise ExistsError(message(
                "import_disagree", first=partner.source, second=item.source,
                date=_day(item.data), fields=", ".join(differ), hint=_hint(item)))  # fmt: skip
        notice, report = (partner, item) if partner.doc == "tb" else (item, partner)
        data = _combined(notice.data, report.data)
        out[out.index(partner)] = replace(notice, data=data, merged=(report,))
    return out


def _combined(one: Any, other: Any) -> Any:
    """What two documents of one meeting say, together: a field only one fills is taken
    from it, lists are joined (what both say, once), a field both fill otherwise is the
    notice's (they agree on the meeting: ``_differences``)."""
    if isinstance(one, dict) and isinstance(other, dict):
        return {**other, **{k: _combined(v, other[k]) if k in other else v
                            for k, v in one.items()}}  # fmt: skip
    if isinstance(one, list) and isinstance(other, list):
        return one + [x for x in other if x not in one]
    return one


def _pair(one: Imported, other: Imported) -> bool:
    """Whether ``other`` is the other document (a notice's report) of ``one``'s meeting."""
    if one.merged or one.doc == other.doc or one.data.get("date") != other.data.get("date"):
        return False
    if "date" not in one.data:
        return False
    first, second = _meeting(one.data), _meeting(other.data)
    if first is not None and second is not None and _same(first, second):
        return True
    return all(one.data.get(k) is not None and one.data.get(k) == other.data.get(k)
               for k in ("kind", "convened_by"))  # fmt: skip


def _differences(one: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """The fields both documents fill, and fill differently (a name compared as a name)."""
    differ = []
    for key in _AGREED:
        if key in one and key in other:
            a, b = one[key], other[key]
            if key == "title":
                a, b = name_key(str(a)), name_key(str(b))
            if a != b:
                differ.append(key)
    chairs = [[c["name"] if isinstance(c, dict) else c for c in d.get("chairs", [])]
              for d in (one, other)]  # fmt: skip
    if all(chairs) and chairs[0] != chairs[1]:
        differ.append("chairs")
    return differ


def _day(data: dict[str, Any]) -> str:
    day = data.get("date")
    return dt.date.fromisoformat(day).strftime("%d/%m/%Y") if isinstance(day, str) else "?"


def _hint(item: Imported) -> str:
    """What to add to the meeting's record by hand: this document's registration."""
    registered = item.data.get("documents", {}).get(item.doc or "", {})
    number, date = registered.get("number", "…"), registered.get("date", "…")
    return f"documents: {{{item.doc}: {{number: {number}, date: {date}}}}}"


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
    known: list[tuple[_Meeting, str, set[str]]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = load_yaml(path).data
        except InputError:
            continue  # not a record giaoban can read: it names no meeting to compare
        found = _meeting(data)
        if found is not None:
            documents = data.get("documents") if isinstance(data, dict) else None
            known.append((found, str(path), set(documents) if isinstance(documents, dict)
                          else set()))  # fmt: skip
    twice = []
    read: list[tuple[_Meeting, Imported]] = []
    for item in imported:
        found = _meeting(item.data)
        if found is None:
            continue
        date = found[0].strftime("%d/%m/%Y")
        same = next(((where, docs) for meeting, where, docs in known if _same(meeting, found)),
                    None)  # fmt: skip
        other = next((o for meeting, o in read if _same(meeting, found)), None)
        if same is not None and item.doc is not None and item.doc not in same[1]:
            # The report of a meeting whose notice has its record (or the other way round).
            twice.append(message("import_second_document", source=item.source, record=same[0],
                                 date=date, doc=item.doc, hint=_hint(item)))  # fmt: skip
        elif same is not None:
            twice.append(message("import_twice", source=item.source, record=same[0], date=date))
        elif other is not None:
            twice.append(message("import_twice_in_run", source=item.source,
                                 other=other.source, date=date))  # fmt: skip
        read.append((found, item))
    if twice:
        raise ExistsError("\n".join(twice))
