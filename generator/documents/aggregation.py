"""Periodic digests as plain data: a pure function of records, a period and settings.

Which meetings count: those whose date falls in the period. Records dated
before it still matter for their directives: a directive given earlier and
not done by the end of the period is carried over. A later record can change
a directive's status with ``directive_updates``; updates dated after the end
of the period are not applied. A directive past its deadline at the end of
the period and not done is overdue.

Organizations are ordered as listed in the settings (``organizations``), then
the others in order of first appearance; meetings by date, then title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.errors import InputError, Problem
from generator.messages import message
from generator.model.kinds import DirectiveStatus
from generator.model.meeting import Figure, Meeting
from generator.model.periods import Period
from generator.model.records import Record
from generator.model.settings import Settings


@dataclass(frozen=True)
class DirectiveEntry:
    key: str
    content: str
    assignees: tuple[str, ...]
    deadline: dt.date | None
    status: DirectiveStatus
    given_on: dt.date
    given_at: str
    carried_over: bool
    notes: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.status is DirectiveStatus.OVERDUE


@dataclass(frozen=True)
class ProposalEntry:
    by: str
    content: str
    to: tuple[str, ...]
    response: str | None
    meeting: str
    date: dt.date


@dataclass(frozen=True)
class ResultItem:
    text: str
    meeting: str
    date: dt.date


@dataclass(frozen=True)
class FigureTotal:
    label: str
    unit: str | None
    value: float
    organizations: tuple[str, ...]


def totals(figures: Iterable[tuple[str, Figure]]) -> tuple[FigureTotal, ...]:
    """Figures of the same label and unit added up, in order of first appearance."""
    sums: dict[tuple[str, str | None], tuple[float, list[str]]] = {}
    for organization, figure in figures:
        value, orgs = sums.get((figure.label, figure.unit), (0.0, []))
        sums[(figure.label, figure.unit)] = (value + figure.value, [*orgs, organization])
    return tuple(
        FigureTotal(label, unit, value, tuple(dict.fromkeys(orgs)))
        for (label, unit), (value, orgs) in sums.items()
    )


@dataclass
class OrganizationResults:
    organization: str
    items: list[ResultItem] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def figure_totals(self) -> tuple[FigureTotal, ...]:
        """The organization's figures over the period, added up by label and unit."""
        return totals((self.organization, f) for f in self.figures)


@dataclass(frozen=True)
class Digest:
    period: Period
    meetings: tuple[Record, ...]
    left_out: tuple[Record, ...]
    by_kind: dict[str, int]
    by_level: dict[str, int]
    organizations: tuple[str, ...]
    general_results: tuple[ResultItem, ...]
    results_by_organization: tuple[OrganizationResults, ...]
    limitations: tuple[str, ...]
    proposals: tuple[ProposalEntry, ...]
    directives: tuple[DirectiveEntry, ...]
    status_counts: dict[DirectiveStatus, int]
    figure_totals: tuple[FigureTotal, ...]

    @property
    def given_in_period(self) -> tuple[DirectiveEntry, ...]:
        return tuple(d for d in self.directives if not d.carried_over)

    @property
    def carried_over(self) -> tuple[DirectiveEntry, ...]:
        return tuple(d for d in self.directives if d.carried_over)


def _key(text: str) -> str:
    """Two texts are "the same item" when they differ only in spacing, case or final stop."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".;").casefold()


def _ordered(names: Iterable[str], preferred: Sequence[str]) -> list[str]:
    seen = list(dict.fromkeys(names))
    rank = {_key(name): i for i, name in enumerate(preferred)}
    return sorted(seen, key=lambda n: (rank.get(_key(n), len(rank)), seen.index(n)))


def _by_date(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.meeting.date, r.meeting.title, r.id))


def directive_key(record: Record, index: int) -> str:
    """How a directive is referred to: its ``id``, else ``<record id>#<n>`` from 1."""
    directive = record.meeting.directives[index]
    return directive.id or f"{record.id}#{index + 1}"


def _directives(ordered: list[Record], period: Period) -> list[DirectiveEntry]:
    """Directives known at the end of the period, with their status as of then."""
    given: dict[str, tuple[Record, int]] = {}
    problems: list[Problem] = []
    for record in ordered:
        if record.meeting.date > period.end:
            continue
        for index in range(len(record.meeting.directives)):
            given[directive_key(record, index)] = (record, index)
    status: dict[str, DirectiveStatus] = {}
    notes: dict[str, list[str]] = {}
    for record in ordered:
        if record.meeting.date > period.end:
            continue
        for n, update in enumerate(record.meeting.directive_updates):
            if update.directive not in given:
                where = record.source.values[("directive_updates", n, "directive")]
                known = ", ".join(given) or "-"
                problems.append(
                    Problem(where, message("unknown_directive", key=update.directive, known=known))
                )
                continue
            status[update.directive] = update.status
            if update.note:
                notes.setdefault(update.directive, []).append(update.note)
    if problems:
        raise InputError(problems)
    entries = []
    for key, (record, index) in given.items():
        directive = record.meeting.directives[index]
        current = status.get(key, directive.status)
        late = directive.deadline is not None and directive.deadline < period.end
        if current is not DirectiveStatus.DONE and late:
            current = DirectiveStatus.OVERDUE
        carried = record.meeting.date < period.start
        if carried and current is DirectiveStatus.DONE:
            continue
        entries.append(
            DirectiveEntry(
                key=key,
                content=directive.content,
                assignees=tuple(directive.assignees),
                deadline=directive.deadline,
                status=current,
                given_on=record.meeting.date,
                given_at=record.meeting.title,
                carried_over=carried,
                notes=tuple(notes.get(key, ())),
            )
        )
    return sorted(entries, key=lambda e: (e.given_on, e.key))


def _organizations(meeting: Meeting) -> list[str]:
    return [
        *meeting.organizations,
        *(r.organization for r in meeting.results.by_organization),
    ]


def build_digest(records: Iterable[Record], period: Period, settings: Settings) -> Digest:
    """Everything a periodic report says, as data; raises ``InputError`` on bad references."""
    ordered = _by_date(records)
    inside = [r for r in ordered if r.meeting.date in period]
    left_out = [r for r in ordered if r.meeting.date not in period]
    preferred = settings.organizations

    grouped: dict[str, OrganizationResults] = {}
    general: list[ResultItem] = []
    limitations: dict[str, str] = {}
    proposals: list[ProposalEntry] = []
    for record in inside:
        meeting = record.meeting
        general.extend(ResultItem(t, meeting.title, meeting.date) for t in meeting.results.general)
        for org in meeting.results.by_organization:
            entry = grouped.setdefault(
                _key(org.organization), OrganizationResults(org.organization)
            )
            entry.items.extend(ResultItem(t, meeting.title, meeting.date) for t in org.items)
            entry.figures.extend(org.figures)
        for text in meeting.limitations:
            limitations.setdefault(_key(text), text)
        proposals.extend(
            ProposalEntry(p.by, p.content, tuple(p.to), p.response, meeting.title, meeting.date)
            for p in meeting.proposals
        )
    order = _ordered((g.organization for g in grouped.values()), preferred)
    results = [grouped[_key(name)] for name in order]

    directives = _directives(ordered, period)
    return Digest(
        period=period,
        meetings=tuple(inside),
        left_out=tuple(left_out),
        by_kind=dict(Counter(r.meeting.kind.value for r in inside)),
        by_level=dict(Counter(r.meeting.level.value for r in inside)),
        organizations=tuple(
            _ordered((o for r in inside for o in _organizations(r.meeting)), preferred)
        ),
        general_results=tuple(general),
        results_by_organization=tuple(results),
        limitations=tuple(limitations.values()),
        proposals=tuple(proposals),
        directives=tuple(directives),
        status_counts={s: sum(d.status is s for d in directives) for s in DirectiveStatus},
        figure_totals=totals((g.organization, f) for g in results for f in g.figures),
    )
