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
