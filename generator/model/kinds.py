"""The coded values a record uses (kind of meeting, level, status…), in a module of
their own so the command line can offer them without loading the models."""

from enum import StrEnum


class MeetingKind(StrEnum):
    BRIEFING = "briefing"
    WORKING_SESSION = "working_session"
    SIX_MONTH_REVIEW = "six_month_review"
    ANNUAL_REVIEW = "annual_review"


class Level(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class PartOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class ReportKind(StrEnum):
    REPORT = "report"
    SUBMISSION = "submission"


class DirectiveStatus(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"


class Aggregate(StrEnum):
    """How a figure adds up over a period: a count or an amount is summed; a rate or a
    level (a percentage, a membership) is reported as its latest value, or averaged."""

    SUM = "sum"
    LATEST = "latest"
    AVERAGE = "average"
    MAX = "max"


#: Meetings that review a period: their results belong to the period they review.
REVIEW_KINDS = frozenset({MeetingKind.SIX_MONTH_REVIEW, MeetingKind.ANNUAL_REVIEW})


class Membership(StrEnum):
    """Which meetings a digest counts: by the date they were held (a review of 2023 held in
    February 2024 is a meeting of 2024), or reviews by the period they review."""

    DATE = "date"
    REVIEWED = "reviewed"


#: The highest number a document is registered under (the register's six digits): here,
#: in the light module the command line imports at start, for its ``--number`` too.
MAX_NUMBER = 999_999
