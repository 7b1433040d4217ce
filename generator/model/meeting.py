"""Typed meeting records, as secretariats write them in YAML.

Only what every real meeting has is required (title, kind, convening body,
date, chairs); everything else may be left out, because different meetings
fill different parts. Unknown keys are errors: a misspelt key would otherwise
drop a paragraph without a word.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.inputs.validation import ID_PATTERN
from generator.model.catalog import vocabulary
from generator.model.dates import (
    FIRST_DATE,
    LAST_DATE,
    BadDate,
    checked,
    looks_like_date,
    parse_date,
)
from generator.model.kinds import (
    MAX_NUMBER,
    Aggregate,
    DirectiveStatus,
    Level,
    MeetingKind,
    PartOfDay,
    ReportKind,
)
from generator.model.periods import Period, PeriodError, parse_period
from generator.model.strict import Strict, Text
from generator.vietnamese.text import clause, read_number


def _without_stop(value: Any) -> Any:
    return clause(value) if isinstance(value, str) else value


#: Who does something, named inside a sentence ("… Chủ tịch phát biểu …"): a final stop
#: the user typed ("Chủ tịch.") is dropped so that the sentence does not break there.
Agent = Annotated[Text, BeforeValidator(_without_stop)]


def _vietnamese_date(value: Any) -> dt.date:
    """Accept "25/9/2024" as well as ISO "2024-09-25"; reject impossible days."""
    try:
        if isinstance(value, dt.datetime):  # "!!timestamp 2024-09-25 10:00": the time has a field
            raise BadDate("invalid_date", value.isoformat(sep=" "))
        if isinstance(value, dt.date):
            return checked(value, value.isoformat())
        if isinstance(value, str):
            return parse_date(value)
    except BadDate as e:
        context = {"value": e.value, "first": FIRST_DATE.year, "last": LAST_DATE.year}
        raise PydanticCustomError(e.kind, "bad date {value}", context) from e
    raise PydanticCustomError("invalid_date", "invalid date {value}", {"value": value})


Date = Annotated[
    dt.date,
    PlainValidator(_vietnamese_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*(ngày\s+)?(\d{4}([-/])\d{1,2}\3\d{1,2}"
            r"|\d{1,2}([/.-])\d{1,2}\4(\d{4}|\d{2})"
            r"|\d{1,2} tháng \d{1,2} năm \d{4})\s*$",
        }
    ),
]
Time = Annotated[
    dt.time, WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$"})
]


def _deadline(value: Any) -> dt.date | str:
    """A date, checked as dates are ("31/9/2024" is an error, not a text), or a period in
    words as clerks set them: "trong năm 2024", "trong quý I/2024", "thường xuyên"."""
    if isinstance(value, str) and not looks_like_date(value):
        text = value.strip()
        if not text:
            raise PydanticCustomError("string_too_short", "empty", {})
        return text
    return _vietnamese_date(value)


Deadline = Annotated[
    dt.date | str,
    PlainValidator(_deadline),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "minLength": 1}),
]


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return parse_period(value)
        except PeriodError:
            pass
    raise PydanticCustomError("bad_period", "not a period: {value}", {"value": value})


PeriodField = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-(Q[1-4]|H[12]|9M))?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2999},
            ]
        }
    ),
]


def _in_words(table: str) -> BeforeValidator:
    """A closed list's value as a clerk types it, in any case: the code ("morning",
    "DONE") or the Vietnamese word documents print for it ("sáng", "cấp tỉnh" or "tỉnh",
    "Đã hoàn thành")."""

    def read(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        wanted = " ".join(value.split()).casefold()
        spoken = vocabulary().spoken(table)
        for code, word in spoken.items():
            if wanted in (
                str(code).casefold(),
                word.casefold(),
                word.casefold().removeprefix("cấp "),
            ):
                return code
        # One rule for both languages, and both offered: the words first in Vietnamese.
        raise PydanticCustomError("closed_choice", "not one of the list", {
            "value": value, "codes": ", ".join(f"'{code}'" for code in spoken),
            "words": ", ".join(f"“{word}”" for word in spoken.values())})  # fmt: skip

    return BeforeValidator(read)


def _as_list(value: Any) -> Any:
    """A single name may be written without list dashes."""
    return [value] if isinstance(value, str) else value


Names = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                              {"type": "array", "items": {"type": "string", "minLength": 1}}]}),
]  # fmt: skip
Id = Annotated[str, Field(pattern=ID_PATTERN)]


class Person(Strict):
    name: Text
    titles: Names = []


def _attendee_tag(value: Any) -> str:
    return "group" if isinstance(value, str) else "person"


#: An attendee is a named person, or a group described in words.
Attendee = Annotated[
    Annotated[Person, Tag("person")] | Annotated[Text, Tag("group")],
    Discriminator(_attendee_tag),
]


class Report(Strict):
    title: Text
    kind: Annotated[ReportKind, _in_words("report_kinds")] = ReportKind.REPORT
    presented_by: Text | None = None


class Speech(Strict):
    """Who spoke at the meeting, and on what ("đồng chí … phát biểu …")."""

    by: Agent
    content: Text


#: The largest figure, either sign: a province's budget in đồng has fifteen digits, and
#: the sum of a period's figures stays well within the 28 digits of decimal arithmetic.
MAX_FIGURE = 10**18


def _figure_value(value: Any) -> Any:
    """A figure is a number or words. A number typed the Vietnamese way ("1.250", "1,5") is
    that number, not words; one typed otherwise ("1,250.5", "1.25" in quotes) is refused
    rather than printed as words and never added. ``true`` is neither (it once counted as
    1), and a number beyond any real count is a typo that sums and averages cannot hold."""
    if isinstance(value, bool):
        raise PydanticCustomError("figure_bool", "a figure is not true/false", {"value": value})
    if isinstance(value, str):
        read = read_number(value)
        if read is None:
            if _NUMBER_LIKE.fullmatch(value.strip()):
                raise PydanticCustomError("bad_number", "not a number: {value}", {"value": value})
            return value
        value = read
    if isinstance(value, int | float) and not -MAX_FIGURE <= value <= MAX_FIGURE:
        raise PydanticCustomError("figure_range", "figure too large", {"limit": MAX_FIGURE})
    return value


#: Digits with dots or commas and nothing else: a number, whatever its convention.
_NUMBER_LIKE = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")


class Figure(Strict):
    label: Text
    #: A number, or an approximate figure in words ("hàng chục tỷ", "trên 1.000"), which
    #: is printed as written and never added up. "1.250" is one thousand two hundred
    #: fifty and "1,5" one and a half, as Vietnamese writes numbers.
    value: Annotated[int | float | Text, BeforeValidator(_figure_value)]
    unit: str | None = None
    #: How it adds up over a period; by default a rate ("%", "tỷ lệ …") is reported as its
    #: latest value and anything else is summed.
    aggregate: Aggregate | None = None


class OrganizationResult(Strict):
    organization: Text
    items: list[Text] = []
    figures: list[Figure] = []


class Results(Strict):
    general: list[Text] = []
    #: Figures of the whole body (the bloc, the province), not of one organization.
    figures: list[Figure] = []
    by_organization: list[OrganizationResult] = []

    def __bool__(self) -> bool:
        return bool(self.general or self.figures or self.by_organization)


class Proposal(Strict):
    by: Agent
    content: Text
    to: Names = []
    response: Text | None = None


class Directive(Strict):
    id: Id | None = None
    content: Text
    assignees: Names = []
    #: A date, or a period in words ("trong quý I/2024", "thường xuyên").
    deadline: Deadline | None = None
    status: Annotated[DirectiveStatus, _in_words("statuses")] = DirectiveStatus.ASSIGNED


class DirectiveUpdate(Strict):
    """A later record's word on an earlier directive, so the old record stays as written.

    ``directive`` is the directive's ``id``, or ``<record id>#<n>`` for the n-th
    directive (from 1) of a record whose directives have no ids.
    """

    directive: Text
    status: Annotated[DirectiveStatus, _in_words("statuses")]
    note: Text | None = None


class Source(Strict):
    title: Text | None = None
    publisher: Text | None = None
    url: Text | None = None
    published: Text | None = None
    authors: Names = []


class Registration(Strict):
    """Number and date given to one document when it is registered and issued."""

    number: Annotated[int, Field(ge=1, le=MAX_NUMBER)] | None = None
    date: Date | None = None


#: The longest title, noun and basis: each is repeated through the documents, and a
#: megabyte of it took minutes to lay out. A title is a line or two, a noun a few words,
#: a basis a paragraph.
MAX_TITLE, MAX_NOUN, MAX_BASIS = 1000, 100, 3000


class Meeting(Strict):
    id: Id | None = None
    title: Annotated[Text, Field(max_length=MAX_TITLE)]
    kind: Annotated[MeetingKind, _in_words("kinds")]
    level: Annotated[Level, _in_words("levels")] = Level.PROVINCE
    convened_by: Agent
    period: PeriodField | None = None
    date: Date
    part_of_day: Annotated[PartOfDay, _in_words("parts_of_day")] | None = None
    time: Time | None = None
    place: Text | None = None
    #: What the meeting calls itself, when not its kind's word: "phiên làm việc",
    #: "hội nghị trực tuyến". The documents use it throughout.
    noun: Annotated[Text, Field(max_length=MAX_NOUN)] | None = None
    #: Why the meeting was held ("Thực hiện Chương trình công tác năm 2024, …"): it opens
    #: the documents.
    basis: Annotated[Text, Field(max_length=MAX_BASIS)] | None = None
    chairs: Annotated[list[Person], Field(min_length=1)]
    attendees: list[Attendee] = []
    organizations: list[Text] = []
    reports: list[Report] = []
    results: Results = Results()
    #: Who spoke, and on what.
    discussion: list[Speech] = []
    #: The chair's assessment ("Ghi nhận…", "Đánh giá cao…"): not a task.
    assessment: list[Text] = []
    limitations: list[Text] = []
    proposals: list[Proposal] = []
    conclusions: list[Text] = []
    concluded_by: Text | None = None
    directives: list[Directive] = []
    directive_updates: list[DirectiveUpdate] = []
    writer: Text | None = None
    sources: list[Source] = []
    attachments: list[Text] = []
    documents: dict[str, Registration] = {}

    @property
    def concluder(self) -> Person:
        """Who gave the conclusions: ``concluded_by`` if set, else the first chair."""
        for person in self.chairs:
            if person.name == self.concluded_by:
                return person
        return self.chairs[0]
