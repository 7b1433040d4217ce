"""Meeting record files: loaded, typed and checked against their settings.

Every file of a run is read and checked before anything is rendered, and all
problems are gathered into one ``InputError``, so a clerk fixes a batch in one
pass instead of one error per run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator.errors import InputError, Problem, Severity
from generator.inputs.loading import LoadedFile, SourceMap, field_name, load_yaml, parse_yaml
from generator.inputs.locations import find_settings
from generator.inputs.validation import validate_model
from generator.messages import message
from generator.model.catalog import document_types, vocabulary
from generator.model.deadlines import is_readable
from generator.model.kinds import PartOfDay
from generator.model.meeting import Meeting
from generator.model.periods import likely_reviewed
from generator.model.settings import Settings, load_settings
from generator.vietnamese.hygiene import check_file

T = TypeVar("T")

#: A decimal as YAML reads it that Vietnamese reads as thousands: "1.250", "12.500.000".
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$")

#: When a meeting without a time was held, for ordering the meetings of one day.
_HOURS = {PartOfDay.MORNING: dt.time(8), PartOfDay.AFTERNOON: dt.time(14),
          PartOfDay.EVENING: dt.time(19)}  # fmt: skip


@dataclass(frozen=True)
class Record:
    path: Path
    meeting: Meeting
    source: SourceMap
    settings_path: Path
    #: The settings, loaded once for every record that shares them.
    settings: Settings
    #: Text hygiene findings (warnings; errors under ``strict``, which stop the run).
    warnings: tuple[Problem, ...] = ()

    @property
    def held(self) -> tuple[dt.date, dt.time, str]:
        """When the meeting was held, to order meetings: date, time (or part of the day,
        else midnight), then file name for meetings that tell no time."""
        meeting = self.meeting
        hour = meeting.time or (_HOURS[meeting.part_of_day] if meeting.part_of_day else dt.time(0))
        return meeting.date, hour, self.path.name

    @property
    def id(self) -> str:
        """Names the outputs: the record's ``id``, else a safe form of the file name."""
        if self.meeting.id:
            return self.meeting.id
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", self.path.stem).strip(".-")
        return slug or "record"

    def checked(self) -> Checked:
        return Checked(self.path, self.id, self.settings_path, self.settings, self.warnings)

    def with_warnings(self, extra: tuple[Problem, ...]) -> Record:
        return replace(self, warnings=(*self.warnings, *extra))


@dataclass(frozen=True)
class Checked:
    """A record that passed its checks, kept without its content: what a batch holds of
    each record between checking them all (nothing is written if one is wrong) and
    making its documents, when it is read again, so that memory does not grow with the
    batch."""

    path: Path
    #: What its outputs are named after (``Record.id``).
    id: str
    settings_path: Path
    settings: Settings
    warnings: tuple[Problem, ...] = ()

    def with_warnings(self, extra: tuple[Problem, ...]) -> Checked:
        return replace(self, warnings=(*self.warnings, *extra))


def _cross_checks(meeting: Meeting, source: SourceMap, settings: Settings) -> list[Problem]:
    """Rules that span fields, or a record and its settings."""
    problems = []
    chairs = [p.name for p in meeting.chairs]
    if meeting.concluded_by and meeting.concluded_by not in chairs:
        problems.append(
            Problem(
                source.key(("concluded_by",)),
                message("concluder_not_chair", name=meeting.concluded_by, chairs=", ".join(chairs)),
            )
        )
    period = meeting.period
    likely = likely_reviewed(meeting.kind, meeting.date, settings.review_grace_days)
    if period is None and likely is not None:
        # Without it, a review's half-year or year would be added to the quarter it was held in.
        problems.append(Problem(source.key(("kind",)), message("review_without_period",
                                                                period=likely)))  # fmt: skip
    grace = settings.review_grace_days
    if period is not None and not (
        period.start <= meeting.date <= period.end + dt.timedelta(days=grace)
    ):
        problems.append(
            Problem(
                source.values[("date",)],
                message(
                    "date_outside_period",
                    date=meeting.date.isoformat(),
                    period=period,
                    start=period.start.isoformat(),
                    end=period.end.isoformat(),
                    grace=grace,
                ),
            )
        )
    known = document_types()
    for doc in meeting.documents:
        if doc not in known:
            problems.append(
                Problem(
                    source.key(("documents", doc)),
                    message("unknown_document_type", doc=doc, known=", ".join(known)),
                )
            )
    return problems


def _deadline_findings(meeting: Meeting, source: SourceMap, strict: bool) -> list[Problem]:
    """Deadlines in words giaoban cannot read: a digest can never call them overdue."""
    ongoing = vocabulary().ongoing_deadlines
    severity = Severity.ERROR if strict else Severity.WARNING
    problems = []
    for i, directive in enumerate(meeting.directives):
        if directive.deadline is None or is_readable(directive.deadline, ongoing):
            continue
        path = ("directives", i, "deadline")
        detail = message("unreadable_deadline", deadline=directive.deadline)
        problems.append(Problem(source.values[path], f"{field_name(path)}: {detail}", severity))
    return problems


def _figures_as_written(loaded: LoadedFile) -> None:
    """Figures' values with a dot before groups of three digits ("value: 1.250") as their
    text, which the model reads the Vietnamese way (1250), not as YAML's decimal 1.25."""
    for path, written in loaded.source.decimals.items():
        figure = len(path) >= 3 and path[-1] == "value" and path[-3] == "figures"
        if figure and _GROUPED.match(written):
            node = loaded.data
            for part in path[:-1]:
                node = node[part]
            node["value"] = written


def _collect(problems: list[Problem], step: Callable[[], T]) -> T | None:
    """Run one step; keep its problems instead of stopping at them."""
    try:
        return step()
    except InputError as e:
        problems.extend(e.problems)
        return None


def load_record(path: Path, settings_path: Path | None = None, strict: bool = False,
                text: str | None = None) -> Record:  # fmt: skip
    """One record, typed and checked, or an ``InputError`` with all its problems.

    Text hygiene findings are kept on the record as warnings; ``strict`` makes
    them errors. ``text`` is the record's YAML when it is not (yet) the file at ``path``
    (a document being imported): it is checked exactly as the file would be.
    """
    loaded = load_yaml(path) if text is None else parse_yaml(path, text)
    _figures_as_written(loaded)
    problems: list[Problem] = []
    meeting = _collect(problems, lambda: validate_model(Meeting, loaded))
    settings_file = settings_path or _collect(problems, lambda: find_settings(path))
    settings = None
    if settings_file is not None:
        settings = _collect(problems, lambda: load_settings(settings_file))
    known = frozenset(w.casefold() for w in settings.known_words) if settings else frozenset()
    findings = check_file(loaded, known, strict)
    if meeting is not None:
        findings += _deadline_findings(meeting, loaded.source, strict)
    if meeting is not None and settings:
        problems.extend(_cross_checks(meeting, loaded.source, settings))
    if problems or meeting is None or settings_file is None or settings is None:
        # The text findings too: warnings are not hidden until the errors are fixed.
        raise InputError([*problems, *findings])
    if strict and findings:
        raise InputError(findings)
    return Record(path, meeting, loaded.source, settings_file, settings, tuple(findings))


def warnings_of(records: Iterable[Record | Checked]) -> list[Problem]:
    """The warnings of all ``records``, in order, each once (records sharing settings share
    the settings' warnings)."""
    return list(dict.fromkeys(w for record in records for w in record.warnings))


def load_records(
    paths: Iterable[Path], settings_path: Path | None = None, strict: bool = False
) -> list[Record]:
    """All records, or one ``InputError`` with the problems of every file."""
    return read_all(paths, lambda path: load_record(path, settings_path, strict))


def read_all(paths: Iterable[Path], read: Callable[[Path], T]) -> list[T]:
    """``read`` of every path, or one ``InputError`` with the problems of every file."""
    items: list[T] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            items.append(read(path))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        # A settings file shared by several records reports its problems once.
        raise InputError(dict.fromkeys(problems))
    return items
