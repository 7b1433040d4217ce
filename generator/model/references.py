"""What records say of one another: directives named by later records' updates.

A directive is named by its ``id`` or as ``<record id>#<n>`` (the n-th directive
of that record, from 1); both work for every directive. ``validate``, and every
command that reads records together, refuse a directive id used twice, an
update naming no directive, and an update made before the directive was given.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.errors import Problem
from generator.messages import message
from generator.model.records import Record


def directive_keys(records: Sequence[Record]) -> dict[str, tuple[Record, int]]:
    """Every name of every directive: its ``id`` and its ``<record id>#<n>``."""
    found: dict[str, tuple[Record, int]] = {}
    for record in records:
        for index, directive in enumerate(record.meeting.directives):
            found[f"{record.id}#{index + 1}"] = (record, index)
            if directive.id:
                found.setdefault(directive.id, (record, index))
    return found


def reference_problems(records: Sequence[Record]) -> list[Problem]:
    problems: list[Problem] = []
    first_use: dict[str, Record] = {}
    for record in records:
        for index, directive in enumerate(record.meeting.directives):
            if directive.id is None:
                continue
            where = record.source.values[("directives", index, "id")]
            if directive.id in first_use:
                other = first_use[directive.id]
                first = other.source.values[("directives", _index_of(other, directive.id), "id")]
                problems.append(Problem(where, message("duplicate_directive", key=directive.id,
                                                       other=first)))  # fmt: skip
            else:
                first_use[directive.id] = record
    known = directive_keys(records)
    for record in records:
        for n, update in enumerate(record.meeting.directive_updates):
            where = record.source.values[("directive_updates", n, "directive")]
            target = known.get(update.directive)
            if target is None:
                names = ", ".join(known) or "-"
                problems.append(Problem(where, message("unknown_directive", key=update.directive,
                                                       known=names)))  # fmt: skip
            elif record.held < target[0].held:
                # On one day, the order comes from ``time`` or ``part_of_day``, else the file
                # names: say so, not that one day is before itself.
                same_day = record.meeting.date == target[0].meeting.date
                detail = message("update_same_day" if same_day else "update_before_directive",
                                 key=update.directive, given=target[0].meeting.date.isoformat(),
                                 date=record.meeting.date.isoformat(),
                                 other=target[0].path.name)  # fmt: skip
                problems.append(Problem(where, detail))
    return problems


def _index_of(record: Record, directive_id: str) -> int:
    return next(i for i, d in enumerate(record.meeting.directives) if d.id == directive_id)
