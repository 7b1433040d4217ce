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
from decimal import ROUND_HALF_UP, Decimal

from generator.errors import InputError, Position, Problem, Severity
from generator.messages import message
from generator.model.catalog import Vocabulary, vocabulary
from generator.model.deadlines import last_day
from generator.model.kinds import REVIEW_KINDS, Aggregate, DirectiveStatus, Membership
from generator.model.meeting import Figure, Meeting
from generator.model.periods import Period
from generator.model.records import Record
from generator.model.references import directive_keys, reference_problems
from generator.model.settings import Settings
from generator.vietnamese.text import name_key as key
from generator.vietnamese.text import number


@dataclass(frozen=True)
class Note:
    """What an update said of a directive, and the day of the meeting that said it."""

    text: str
    date: dt.date


@dataclass(frozen=True)
class DirectiveEntry:
    key: str
    content: str
    assignees: tuple[str, ...]
    #: A date, or words as written ("trong quý II năm 2024"), judged by their last day.
    deadline: dt.date | str | None
    status: DirectiveStatus
    given_on: dt.date
    given_at: str
    carried_over: bool
    #: The notes of the period's updates, else the latest one before it.
    notes: tuple[Note, ...] = ()

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
class InWords:
    """A value reported in words ("hàng trăm"): printed as written, never added."""

    text: str
    unit: str | None
    reported: dt.date


@dataclass(frozen=True)
class FigureTotal:
    label: str
    unit: str | None
    #: The numbers added up by their kind; None when every value was given in words.
    value: Decimal | None
    organizations: tuple[str, ...]
    aggregate: Aggregate = Aggregate.SUM
    #: For a latest value (a rate, a level): the day it was reported.
    as_of: dt.date | None = None
    #: Values given in words, printed beside the number (for a latest value: the latest,
    #: when it was given in words).
    in_words: tuple[InWords, ...] = ()

    def text(self, stated: bool = False) -> str:
        """The total as a report writes it after its label: "2.000 người và hàng trăm người
        theo báo cáo ngày 10/09/2024"; a level with the day it was reported; "không phát
        sinh" for a count of nothing. ``stated``: as a sentence's predicate ("đạt …")."""
        words = vocabulary()
        said = words.figure_words
        if self.value == 0 and not self.in_words and self.aggregate is not Aggregate.LATEST:
            return said.nothing
        parts = [] if self.value is None else [_with_unit(number(self.value), self.unit)]
        for value in self.in_words:
            shown = _with_unit(value.text, value.unit)
            if self.aggregate is not Aggregate.LATEST:
                shown = said.in_words.format(value=shown, date=value.reported.strftime("%d/%m/%Y"))
            parts.append(shown)
        text = f" {said.joined} ".join(parts)
        if self.as_of is not None:
            text += " " + words.as_of.format(date=self.as_of.strftime("%d/%m/%Y"))
        return f"{said.verb} {text}" if stated else text


def _with_unit(value: str, unit: str | None) -> str:
    """ "1.250 người", "52,5%": a unit after a space, a percent sign without."""
    return value if not unit else f"{value}{unit}" if unit == "%" else f"{value} {unit}"


@dataclass(frozen=True)
class UnitFamily:
    """Units one figure may be given in, by how many base units each is, and how many
    decimals a total keeps in a unit above the base ("14,85 tỷ đồng")."""

    units: dict[str, int]
    decimals: int | None = None

    def name(self, unit: str | None) -> str:
        """The family's own spelling of a unit given in any case ("Triệu đồng")."""
        return next(u for u in self.units if key(u) == key(unit or ""))

    def factor(self, unit: str | None) -> int:
        return self.units[self.name(unit)]

    def largest(self, used: Iterable[str | None]) -> str:
        return max((self.name(u) for u in used), key=lambda unit: self.units[unit])

    def rounded(self, value: Decimal, unit: str) -> Decimal:
        """A total in a unit above the base, to the family's decimals (never to zero)."""
        if self.decimals is None or self.units[unit] == min(self.units.values()):
            return value
        shown = value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        return shown if shown or not value else value


def _family(unit: str | None, words: Vocabulary) -> UnitFamily | None:
    for name, units in words.unit_families.items():
        if any(key(u) == key(unit or "") for u in units):
            return UnitFamily(units, words.unit_decimals.get(name))
    return None


def _aggregate(observations: Sequence[Observation], words: Vocabulary) -> Aggregate:
    chosen = next((o.figure.aggregate for o in observations if o.figure.aggregate), None)
    if chosen is not None:
        return chosen
    first = observations[0].figure
    rate = key(first.unit or "") in {key(u) for u in words.rate_units} or any(
        key(first.label).startswith(key(label)) for label in words.rate_labels
    )
    return Aggregate.LATEST if rate else Aggregate.SUM


def _value(figure: Figure) -> Decimal:
    """The value as the record gives it: ``12.5`` stays 12.5, no float noise."""
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


def _in_words(observation: Observation) -> InWords:
    figure = observation.figure
    return InWords(str(figure.value), figure.unit, observation.when[0])


def _total(group: list[Observation], words: Vocabulary) -> FigureTotal:
    organizations = tuple(dict.fromkeys(o.organization for o in group))
    label = group[0].figure.label
    how = _aggregate(group, words)
    last = max(group, key=lambda o: o.when)
    if how is Aggregate.LATEST and isinstance(last.figure.value, str):
        return FigureTotal(label, last.figure.unit, None, organizations, how, last.when[0],
                           (_in_words(last),))  # fmt: skip
    numbers = [o for o in group if not isinstance(o.figure.value, str)]
    worded = tuple(_in_words(o) for o in group if isinstance(o.figure.value, str))
    if not numbers:
        return FigureTotal(label, last.figure.unit, None, organizations, how, None, worded)
    family = _family(numbers[0].figure.unit, words)
    unit = numbers[0].figure.unit
    values = [_value(o.figure) for o in numbers]
    if family is not None:
        unit = family.largest(o.figure.unit for o in numbers)
        values = [_value(o.figure) * family.factor(o.figure.unit) / family.units[unit]
                  for o in numbers]  # fmt: skip
    if how is Aggregate.LATEST:
        latest = max(range(len(numbers)), key=lambda i: numbers[i].when)
        value, as_of = values[latest], numbers[latest].when[0]
        worded = ()
    else:
        as_of = None
        if how is Aggregate.AVERAGE:
            value = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
        elif how is Aggregate.MAX:
            value = max(values)
        else:
            value = sum(values, Decimal(0))
    if family is not None and unit is not None:
        value = family.rounded(value, unit)
    return FigureTotal(label, unit, value.normalize(), organizations, how, as_of, worded)


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
        """Summed figures over every organization (a rate of one is no part of another's),
        with the values given in words beside the sum."""
        every = (o for group in self.results_by_organization for o in group.observations)
        return tuple(t for t in totals(every) if t.aggregate is Aggregate.SUM)

    @property
    def shared_totals(self) -> tuple[FigureTotal, ...]:
        """The summed figures that more than one organization reported: the grand total
        worth printing (one organization's is its own line already)."""
        return tuple(t for t in self.figure_totals if len(t.organizations) > 1)

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

    @property
    def left_out_elsewhere(self) -> tuple[Record, ...]:
        """Held in the period but counted in the period they review (``--by reviewed``)."""
        return tuple(r for r in self.left_out if r.meeting.date in self.period)

    @property
    def reviews_after(self) -> tuple[Record, ...]:
        """Reviews of the period held after it, whose own part the report shows."""
        return tuple(r.record for r in self.reviews if r.record in self.left_out_after)


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


def _within(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _is_review_of(record: Record, period: Period) -> bool:
    """A review whose reviewed period lies within ``period``."""
    reviewed = record.meeting.period
    is_review = record.meeting.kind in REVIEW_KINDS
    return is_review and reviewed is not None and _within(reviewed, period)


def _reports_on_own_dates(record: Record) -> bool:
    """Whether a meeting's results belong to the period it was held in (a review's do not)."""
    return not (record.meeting.kind in REVIEW_KINDS and record.meeting.period is not None)


def _member(record: Record, period: Period, membership: Membership) -> bool:
    """Whether a meeting is one of the period's: held in it, or (``--by reviewed``) any
    record stating the ``period:`` it reviews, by that period, in every digest containing it."""
    reviewed = record.meeting.period
    if membership is Membership.REVIEWED and reviewed is not None:
        return _within(reviewed, period)
    return record.meeting.date in period


def _directives(ordered: list[Record], period: Period, listed: list[Record],
                names: Names) -> list[DirectiveEntry]:  # fmt: skip
    """Directives known at the end of the period, with their status as of then.

    Those given at the meetings the digest lists are the period's; the others given
    before its end are carried over while open. A directive done before the period is
    left out unless an update of the period speaks of it (reopened, completed again).
    """
    members = {id(r) for r in listed}
    counted = [r for r in ordered if r.meeting.date <= period.end or id(r) in members]
    given = directive_keys(ordered)
    at_start: dict[str, DirectiveStatus] = {}
    at_end: dict[str, DirectiveStatus] = {}
    touched: set[str] = set()
    notes: dict[str, list[Note]] = {}
    for record in counted:
        now = record.meeting.date >= period.start or id(record) in members
        for update in record.meeting.directive_updates:
            target, index = given[update.directive]
            canonical = directive_name(target, index)
            if now:
                touched.add(canonical)
            else:
                at_start[canonical] = update.status
            at_end[canonical] = update.status
            if update.note:
                notes.setdefault(canonical, []).append(Note(update.note, record.meeting.date))
    entries = []
    for record in counted:
        for index, directive in enumerate(record.meeting.directives):
            name = directive_name(record, index)
            carried = id(record) not in members
            current = at_end.get(name, directive.status)
            done_before = at_start.get(name, directive.status) is DirectiveStatus.DONE
            if carried and done_before and name not in touched:
                continue  # done before the period began, and not spoken of since
            due = last_day(directive.deadline) if directive.deadline else None
            if current is not DirectiveStatus.DONE and due is not None and due <= period.end:
                current = DirectiveStatus.OVERDUE
            entries.append(DirectiveEntry(
                key=name, content=directive.content,
                assignees=tuple(names(a) for a in directive.assignees),
                deadline=directive.deadline, status=current, given_on=record.meeting.date,
                given_at=record.meeting.title, carried_over=carried,
                notes=_period_notes(notes.get(name, []), period),
            ))  # fmt: skip
    return entries


def _period_notes(notes: list[Note], period: Period) -> tuple[Note, ...]:
    """The notes written in the period; if none, the latest before it (never a pile of old
    notes beside a status they no longer explain)."""
    inside = tuple(n for n in notes if n.date >= period.start)
    return inside or tuple(notes[-1:])


def directive_name(record: Record, index: int) -> str:
    """How the digest names a directive: its ``id``, else ``<record id>#<n>`` from 1."""
    return record.meeting.directives[index].id or f"{record.id}#{index + 1}"


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
        ProposalEntry(
            names(p.by),
            p.content,
            tuple(map(names, p.to)),
            p.response,
            r.meeting.title,
            r.meeting.date,
        )
        for r in inside
        for p in r.meeting.proposals
    ]
    directives = _directives(ordered, period, inside, names)
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
            short = next((n for n in names.canonical if _short_form(name, n)), None)
            if close:
                known = names(next(n for n in names.canonical if n == close[0]))
                detail = message("organization_close", name=name, known=known)
                problems.append(Problem(record.source.values[path], detail, Severity.WARNING))
            elif short is not None:
                detail = message("organization_short_name", name=name, known=names(short))
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


def _short_form(name: str, known: str) -> bool:
    """Whether ``name`` shortens the name whose key is ``known``: each of its words is one
    of the known name's, or the initials of a run of them ("MTTQ tỉnh" of "Ủy ban Mặt trận
    Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn" of "Đoàn TNCS Hồ Chí Minh tỉnh")."""
    short, full = key(name).split(), known.split()
    initials = "".join(word[0] for word in full)
    runs = {initials[i:j] for i in range(len(full)) for j in range(i + 2, len(full) + 1)}
    return short != full and all(word in full or word in runs for word in short)


def _organization_names(meeting: Meeting) -> list[tuple[tuple[str | int, ...], str]]:
    """Every organization a meeting names, with where it stands in the record."""
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("organizations", i), name) for i, name in enumerate(meeting.organizations)
    ]
    found += [(("results", "by_organization", i, "organization"), r.organization)
              for i, r in enumerate(meeting.results.by_organization)]  # fmt: skip
    return found
