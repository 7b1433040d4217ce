"""The document types and the vocabulary of meetings, read from ``config/``.

A new document type is an entry in ``config/documents.yaml`` plus a template;
the Vietnamese words for kinds, levels, parts of day and statuses are in
``config/vocabulary.yaml`` so they can be corrected without touching code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Protocol

from pydantic import Field, RootModel

from generator.caches import cached
from generator.inputs.loading import load_yaml
from generator.inputs.validation import validate_model
from generator.model.components import NATIONAL_PREFIX
from generator.model.kinds import (
    DirectiveStatus,
    Level,
    MeetingKind,
    Membership,
    PartOfDay,
    ReportKind,
)
from generator.model.periods import Period, PeriodKind
from generator.model.strict import Strict, Text
from generator.resources import config_dir
from generator.vietnamese.text import roman


class Called(Protocol):
    """What names a meeting in running text: a record's meeting (``model.meeting``, which
    reads this vocabulary, so it is not imported here)."""

    @property
    def kind(self) -> MeetingKind: ...

    @property
    def noun(self) -> str | None: ...


class DocumentType(Strict):
    symbol: Annotated[str, Field(pattern=r"^[A-ZĐ][A-Za-zĐ]{0,5}$")]
    name: Text
    template: Text
    #: ``meeting``: one document per record (``render``); ``period``: one per period (``digest``).
    scope: Literal["meeting", "period"] = "meeting"
    summary: Text | None = None
    closing: Text | None = None
    #: A period document of at least this many meetings starts each section on a new page
    #: (``None``: never).
    sections_on_new_page_from: Annotated[int, Field(ge=1)] | None = None

    def is_long(self, meetings: int) -> bool:
        """Whether a period document of ``meetings`` starts each section on a new page
        (and so its PDF is laid out in parts)."""
        least = self.sections_on_new_page_from
        return least is not None and meetings >= least


#: The fields a type's summary or closing line may name, by its scope: what
#: ``documents.contexts`` fills them with.
LINE_FIELDS: dict[str, tuple[str, ...]] = {
    "meeting": ("issuer", "meeting"),
    "period": ("issuer", "meetings", "period"),
}


class DocumentTypes(RootModel[dict[str, DocumentType]]):
    pass


class KindWords(Strict):
    label: Text
    noun: Text
    slug: Text
    #: Whether a title of this kind is a proper name ("Hội nghị …") or a phrase
    #: that is lower-cased inside a sentence ("buổi làm việc với …").
    title_is_name: bool = True


class PeriodWords(Strict):
    quarter: Text
    first_half: Text
    second_half: Text
    nine_months: Text
    year: Text


class FigureWords(Strict):
    in_words: Text
    joined: Text
    nothing: Text
    verb: Text


class ReadingWords(Strict):
    """What ``import`` reads in a clerk's sentences (see ``reading`` in vocabulary.yaml)."""

    assessment: list[Text]
    limitations: list[Text]
    results: list[Text]
    tasks: list[Text]
    figure_labels: list[Text]
    levels: dict[Level, list[Text]]
    not_levels: list[Text]
    #: How a body's name opens ("Ủy ban", "Sở"): a task that opens with one keeps its capital.
    bodies: list[Text]
    #: What a task given in one sentence opens with after its assignee ("Giao X chủ trì …").
    given: list[Text]


class WordStyles(Strict):
    prefix: Text
    #: By component; ``national`` names the national header's lines, ``{n}`` their number.
    names: dict[str, Text]

    def name(self, component: str) -> str:
        """The Word style of a component: "VB Cơ quan ban hành"."""
        if component.startswith(NATIONAL_PREFIX):
            line = component.removeprefix(NATIONAL_PREFIX)
            return f"{self.prefix} {self.names['national'].format(n=line)}"
        return f"{self.prefix} {self.names[component]}"


class Vocabulary(Strict):
    kinds: dict[MeetingKind, KindWords]
    levels: dict[Level, Text]
    parts_of_day: dict[PartOfDay, Text]
    statuses: dict[DirectiveStatus, Text]
    status_counts: dict[DirectiveStatus, Text]
    report_kinds: dict[ReportKind, Text]
    periods: PeriodWords
    chart_title: Text
    chart_alt: Text
    word_styles: WordStyles
    unit_families: dict[str, dict[str, Annotated[int, Field(ge=1)]]]
    unit_decimals: dict[str, Annotated[int, Field(ge=0)]]
    rate_units: list[Text]
    rate_labels: list[Text]
    ongoing_deadlines: list[Text]
    figure_words: FigureWords
    as_of: Text
    from_review: Text
    review_words: dict[MeetingKind, Text]
    common_openers: list[Text]
    membership: dict[Membership, Text]
    reading: ReadingWords

    def spoken(self, table: str) -> dict[Any, str]:
        """The Vietnamese word of each code of a closed list ("morning": "sáng"); a kind of
        meeting by its label ("Hội nghị giao ban")."""
        if table == "kinds":
            return {kind: words.label for kind, words in self.kinds.items()}
        return dict(getattr(self, table))

    def noun(self, meeting: Called) -> str:
        """What a meeting is called in running text: its own word, else its kind's."""
        return meeting.noun or self.kinds[meeting.kind].noun

    def period_name(self, period: Period) -> str:
        """The period as documents write it, e.g. "quý III năm 2024"."""
        words = self.periods
        pattern = {
            PeriodKind.QUARTER: words.quarter,
            PeriodKind.HALF: words.first_half if period.index == 1 else words.second_half,
            PeriodKind.NINE_MONTHS: words.nine_months,
            PeriodKind.YEAR: words.year,
        }[period.kind]
        roman_index = roman(period.index) if period.kind is PeriodKind.QUARTER else ""
        return pattern.format(roman=roman_index, year=period.year)


@cached
def document_types() -> dict[str, DocumentType]:
    return validate_model(DocumentTypes, load_yaml(config_dir() / "documents.yaml")).root


def document_keys(scope: Literal["meeting", "period"]) -> list[str]:
    return [key for key, doc in document_types().items() if doc.scope == scope]


@cached
def vocabulary() -> Vocabulary:
    return validate_model(Vocabulary, load_yaml(config_dir() / "vocabulary.yaml"))
