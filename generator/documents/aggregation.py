"""Periodic digests as plain data: a pure function of records, a period and settings.

Which meetings count: those whose date falls in the period, in the order they
were held (date, then time or part of the day, then file name). Their results,
limitations and figures make the period's account, except a review's: a
six-month or annual review reports on the period it reviews, so its results and
figures are shown in that period's digest beside the meetings' (never added to
them), and never in the period in which it was held.

Records dated before the period still matter for their directives: a directive
given earlier and not done when the period began is carried over; one
completed during the period is reported as completed, with its note. Updates
(``directive_updates``) apply in the order the meetings were held, up to the
end of the period. A directive not done whose deadline is on or before the
period's last day is overdue (the report is written after the period).

Figures add up by their kind: counts and amounts are summed; rates and levels
("%", "tỷ lệ …") report their latest value; a record may say ``aggregate``.
Labels and organizations that differ only in case or spacing are one, money
is converted to one unit, and the settings' organization names (and aliases)
are the ones printed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import InputError, Position, Problem, Severity
from generator.messages import message
from generator.model.catalog import Vocabulary, vocabulary
from generator.model.kinds import REVIEW_KINDS, Aggregate, DirectiveStatus, Membership
from generator.model.meeting import Figure, Meeting
from generator.model.periods import Period
from generator.model.records import Record
from generator.model.references import directive_keys, reference_problems
from generator.model.settings import Settings
from generator.vietnamese.text import name_key as key


@dataclass(frozen=True)
class DirectiveEntry:
    key: str
    content: str
    assignees: tuple[str, ...]
    #: A date, or a period in words (never overdue by itself).
    deadline: dt.date | str | None
    status: DirectiveStatus
    given_on: dt.date
    given_at: str
    carried_over: bool
    notes: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.status is DirectiveStatus.OVERDUE

    @property
    def completed_in_period(self) -> bool:
        return self.carried_over and self.status is DirectiveStatus.DONE


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
class Observation:
    """One figure as one meeting reported it."""

    organization: str
    figure: Figure
    when: tuple[dt.date, dt.time, str]


@dataclass(frozen=True)
class FigureTotal:
    label: str
    unit: str | None
    #: A number, or an approximate figure in words as it was last reported.
    value: Decimal | str
    organizations: tuple[str, ...]
    aggregate: Aggregate = Aggregate.SUM
    #: For a latest value: the day it was reported.
    as_of: dt.date | None = None


@dataclass(frozen=True)
class UnitFamily:
    """Units one figure may be given in, by how many base units each is."""

    units: dict[str, int]

    def largest(self, used: Iterable[str]) -> str:
        return max(used, key=lambda unit: self.units[unit])


def _family(unit: str | None, words: Vocabulary) -> UnitFamily | None:
    for units in words.unit_families.values():
        if unit in units:
            return UnitFamily(units)
    return None


def _aggregate(observations: Sequence[Observation], words: Vocabulary) -> Aggregate:
    chosen = next((o.figure.aggregate for o in observations if o.figure.aggregate), None)
    if chosen is not None:
        return chosen
    first = observations[0].figure
    rate = first.unit in words.rate_units or any(
        key(first.label).startswith(key(label)) for label in words.rate_labels
    )
    return Aggregate.LATEST if rate else Aggregate.SUM


def _value(figure: Figure) -> Decimal:
    """The value as the record gives it: ``12.345`` stays 12.345, no float noise."""
    value = figure.value
    assert not isinstance(value, str)  # figures in words are never computed with
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def totals(observations: Iterable[Observation]) -> tuple[FigureTotal, ...]:
    """Figures of the same label (and unit family) added up by their kind, in order of first
    appearance; money is converted to the largest unit used."""
    words = vocabulary()
    groups: dict[tuple[str, str], list[Observation]] = {}
    for observation in observations:
        figure = observation.figure
        family = _family(figure.unit, words)
        unit_key = f"family:{sorted(family.units)}" if family else key(figure.unit or "")
        groups.setdefault((key(figure.label), unit_key), []).append(observation)
    return tuple(_total(group, words) for group in groups.values())


def _total(group: list[Observation], words: Vocabulary) -> FigureTotal:
    organizations = tuple(dict.fromkeys(o.organization for o in group))
    label = group[0].figure.label
    if any(isinstance(o.figure.value, str) for o in group):  # approximate: as last reported
        last = max(group, key=lambda o: o.when)
        words_or_number = last.figure.value
        shown = words_or_number if isinstance(words_or_number, str) else _value(last.figure)
        return FigureTotal(label, last.figure.unit, shown, organizations, Aggregate.LATEST,
                           last.when[0])  # fmt: skip
    family = _family(group[0].figure.unit, words)
    unit = group[0].figure.unit
    values = [_value(o.figure) for o in group]
    if family is not None:
        unit = family.largest(o.figure.unit or "" for o in group)
        values = [
            _value(o.figure) * family.units[o.figure.unit or ""] / family.units[unit] for o in group
        ]
    how = _aggregate(group, words)
    if how is Aggregate.LATEST:
        latest = max(range(len(group)), key=lambda i: group[i].when)
        return FigureTotal(label, unit, values[latest].normalize(), organizations, how,
                           group[latest].when[0])  # fmt: skip
    if how is Aggregate.AVERAGE:
        value = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
    elif how is Aggregate.MAX:
        value = max(values)
    else:
        value = sum(values, Decimal(0))
    return FigureTotal(label, unit, value.normalize(), organizations, how)


@dataclass
class OrganizationResults:
    organization: str
    items: list[ResultItem] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)

    @property
    def figure_totals(self) -> tuple[FigureTotal, ...]:
        """The organization's figures over the period, added up by their kind."""
        return totals(self.observations)


@dataclass(frozen=True)
class Account:
    """What a set of meetings reports: results, by organization with figures, limitations."""

    general_results: tuple[ResultItem, ...]
    results_by_organization: tuple[OrganizationResults, ...]
    limitations: tuple[str, ...]
    #: Figures of the whole body, reported as such (not the sum of the organizations').
    general_figures: tuple[Observation, ...] = ()

    @property
    def general_totals(self) -> tuple[FigureTotal, ...]:
        return totals(self.general_figures)

    @property
    def figure_totals(self) -> tuple[FigureTotal, ...]:
        """Summed figures over every organization (a rate of one is no part of another's)."""
        every = (o for group in self.results_by_organization for o in group.observations)
        return tuple(t for t in totals(every)
                     if t.aggregate is Aggregate.SUM and not isinstance(t.value, str))  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.general_results or self.results_by_organization or self.general_figures)


@dataclass(frozen=True)
class ReviewAccount:
    """A review of the period (held in it or after it), with its own account."""

    record: Record
    account: Account


@dataclass(frozen=True)
class Digest:
    period: Period
    meetings: tuple[Record, ...]
    left_out: tuple[Record, ...]
    membership: Membership
    by_kind: dict[str, int]
    by_level: dict[str, int]
    organizations: tuple[str, ...]
    account: Account
    reviews: tuple[ReviewAccount, ...]
    proposals: tuple[ProposalEntry, ...]
    directives: tuple[DirectiveEntry, ...]
    status_counts: dict[DirectiveStatus, int]

    @property
    def general_results(self) -> tuple[ResultItem, ...]:
        return self.account.general_results

    @property
    def results_by_organization(self) -> tuple[OrganizationResults, ...]:
        return self.account.results_by_organization

    @property
    def limitations(self) -> tuple[str, ...]:
        return self.account.limitations

    @property
    def figure_totals(self) -> tuple[FigureTotal, ...]:
        return self.account.figure_totals

    @property
    def given_in_period(self) -> tuple[DirectiveEntry, ...]:
        return tuple(d for d in self.directives if not d.carried_over)

    @property
    def carried_over(self) -> tuple[DirectiveEntry, ...]:
        return tuple(d for d in self.directives if d.carried_over)

    @property
    def left_out_before(self) -> tuple[Record, ...]:
        return tuple(r for r in self.left_out if r.meeting.date < self.period.start)

    @property
    def left_out_after(self) -> tuple[Record, ...]:
        return tuple(r for r in self.left_out if r.meeting.date > self.period.end)


class Names:
    """Organization names as the settings give them: aliases and other spellings merged."""

    def __init__(self, settings: Settings) -> None:
        self.canonical: dict[str, str] = {}
        self.order: dict[str, int] = {}
        for rank, organization in enumerate(settings.known_organizations()):
            for name in (organization.name, *organization.aliases):
                self.canonical[key(name)] = organization.name
            self.order[key(organization.name)] = rank

    def __call__(self, name: str) -> str:
        return self.canonical.get(key(name), name)

    def ordered(self, names: Iterable[str]) -> list[str]:
        """One name per organization: the settings' order, then order of first appearance."""
        first: dict[str, str] = {}
        for name in names:
            first.setdefault(key(self(name)), self(name))
        seen = list(first.values())
        return sorted(seen, key=lambda n: (self.order.get(key(n), len(self.order)), seen.index(n)))


def _account(records: Iterable[Record], names: Names) -> Account:
    grouped: dict[str, OrganizationResults] = {}
    general: list[ResultItem] = []
    figures: list[Observation] = []
    limitations: dict[str, str] = {}
    for record in records:
        meeting = record.meeting
        general.extend(ResultItem(t, meeting.title, meeting.date) for t in meeting.results.general)
        figures.extend(Observation("", f, record.held) for f in meeting.results.figures)
        for org in meeting.results.by_organization:
            name = names(org.organization)
            entry = grouped.setdefault(key(name), OrganizationResults(name))
            entry.items.extend(ResultItem(t, meeting.title, meeting.date) for t in org.items)
            entry.observations.extend(Observation(name, f, record.held) for f in org.figures)
        for text in meeting.limitations:
            limitations.setdefault(key(text), text)
    order = names.ordered(g.organization for g in grouped.values())
    results = tuple(grouped[key(name)] for name in order)
    return Account(tuple(general), results, tuple(limitations.values()), tuple(figures))


def _is_review_of(record: Record, period: Period) -> bool:
    """A review whose reviewed period lies within ``period``."""
    reviewed = record.meeting.period
    return (
        record.meeting.kind in REVIEW_KINDS
        and reviewed is not None
        and period.start <= reviewed.start
        and reviewed.end <= period.end
    )


def _reports_on_own_dates(record: Record) -> bool:
    """Whether a meeting's results belong to the period it was held in (a review's do not)."""
    return not (record.meeting.kind in REVIEW_KINDS and record.meeting.period is not None)


def _directives(ordered: list[Record], period: Period) -> list[DirectiveEntry]:
    """Directives known at the end of the period, with their status as of then."""
    given = directive_keys(ordered)
    at_start: dict[str, DirectiveStatus] = {}
    at_end: dict[str, DirectiveStatus] = {}
    notes: dict[str, list[str]] = {}
    for record in ordered:
        if record.meeting.date > period.end:
            break
        for update in record.meeting.directive_updates:
            target, index = given[update.directive]
            canonical = directive_name(target, index)
            if record.meeting.date < period.start:
                at_start[canonical] = update.status
            at_end[canonical] = update.status
            if update.note:
                notes.setdefault(canonical, []).append(update.note)
    entries = []
    for record in ordered:
        if record.meeting.date > period.end:
            break
        for index, directive in enumerate(record.meeting.directives):
            name = directive_name(record, index)
            carried = record.meeting.date < period.start
            current = at_end.get(name, directive.status)
            done_before = at_start.get(name, directive.status) is DirectiveStatus.DONE
            if carried and done_before and current is DirectiveStatus.DONE:
                continue  # done before the period began, and not reopened: reported then
            due = directive.deadline
            late = isinstance(due, dt.date) and due <= period.end
            if current is not DirectiveStatus.DONE and late:
                current = DirectiveStatus.OVERDUE
            entries.append(DirectiveEntry(
                key=name, content=directive.content, assignees=tuple(directive.assignees),
                deadline=directive.deadline, status=current, given_on=record.meeting.date,
                given_at=record.meeting.title, carried_over=carried,
                notes=tuple(notes.get(name, ())),
            ))  # fmt: skip
    return entries


def directive_name(record: Record, index: int) -> str:
    """How the digest names a directive: its ``id``, else ``<record id>#<n>`` from 1."""
    return record.meeting.directives[index].id or f"{record.id}#{index + 1}"


def _member(record: Record, period: Period, membership: Membership) -> bool:
    reviewed = record.meeting.period
    if membership is Membership.REVIEWED and not _reports_on_own_dates(record):
        return reviewed == period
    return record.meeting.date in period


def build_digest(records: Iterable[Record], period: Period, settings: Settings,
                 membership: Membership = Membership.DATE) -> Digest:  # fmt: skip
    """Everything a periodic report says, as data; raises ``InputError`` on bad references."""
    ordered = sorted(records, key=lambda r: r.held)
    problems: list[Problem] = reference_problems(ordered)
    if problems:
        raise InputError(problems)
    names = Names(settings)
    inside = [r for r in ordered if _member(r, period, membership)]
    left_out = [r for r in ordered if not _member(r, period, membership)]
    account = _account((r for r in inside if _reports_on_own_dates(r)), names)
    reviews = tuple(
        ReviewAccount(r, _account([r], names)) for r in ordered if _is_review_of(r, period)
    )
    proposals = [
        ProposalEntry(p.by, p.content, tuple(p.to), p.response, r.meeting.title, r.meeting.date)
        for r in inside
        for p in r.meeting.proposals
    ]
    directives = _directives(ordered, period)
    return Digest(
        period=period,
        meetings=tuple(inside),
        left_out=tuple(left_out),
        membership=membership,
        by_kind=dict(Counter(r.meeting.kind.value for r in inside)),
        by_level=dict(Counter(r.meeting.level.value for r in inside)),
        organizations=tuple(
            names.ordered(
                o for r in inside for o in (name for _, name in _organization_names(r.meeting))
            )
        ),
        account=account,
        reviews=reviews,
        proposals=tuple(proposals),
        directives=tuple(directives),
        status_counts={s: sum(d.status is s for d in directives) for s in DirectiveStatus},
    )


def naming_warnings(records: Sequence[Record]) -> list[Problem]:
    """What would make a digest list one thing twice, said at ``validate``: an organization
    named close to a name the settings know, a figure's label given in two units."""
    problems: list[Problem] = []
    units: dict[str, tuple[str, Position]] = {}
    words = vocabulary()
    for record in sorted(records, key=lambda r: r.held):
        names = Names(record.settings)
        for path, name in _organization_names(record.meeting):
            if key(name) in names.canonical:
                continue
            close = difflib.get_close_matches(key(name), list(names.canonical), n=1, cutoff=0.85)
            if close:
                known = names(next(n for n in names.canonical if n == close[0]))
                detail = message("organization_close", name=name, known=known)
                problems.append(Problem(record.source.values[path], detail, Severity.WARNING))
        for i, result in enumerate(record.meeting.results.by_organization):
            for j, figure in enumerate(result.figures):
                family = _family(figure.unit, words)
                unit = "family" if family else key(figure.unit or "")
                where = record.source.values[("results", "by_organization", i, "figures", j)]
                first = units.setdefault(key(figure.label), (unit, where))
                if first[0] != unit:
                    detail = message("figure_two_units", label=figure.label,
                                     unit=figure.unit or "-", other=first[1])  # fmt: skip
                    problems.append(Problem(where, detail, Severity.WARNING))
    return problems


def _organization_names(meeting: Meeting) -> list[tuple[tuple[str | int, ...], str]]:
    """Every organization a meeting names, with where it stands in the record."""
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("organizations", i), name) for i, name in enumerate(meeting.organizations)
    ]
    found += [(("results", "by_organization", i, "organization"), r.organization)
              for i, r in enumerate(meeting.results.by_organization)]  # fmt: skip
    return found
