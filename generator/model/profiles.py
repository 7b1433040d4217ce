"""Format profiles: the layout rules of a standard (NĐ30, HD36, …) as data.

A profile is a YAML file; ``config/profiles/NAME.yaml`` are the built-in ones
and any other file can be named by path. The same profile feeds the print
stylesheet of the PDF and the Word styles of the DOCX, so both outputs follow
one set of numbers. A new guidance is a new file, never a code change.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from string import Formatter
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.caches import cached_per_content
from generator.errors import InputError, Problem
from generator.inputs.loading import load_yaml
from generator.inputs.locations import builtin_profiles
from generator.inputs.validation import validate_model
from generator.messages import message
from generator.model.components import COMPONENTS, NATIONAL_PREFIX, SUMMARY_MARK, TAG_DEFAULTS
from generator.model.strict import Strict
from generator.vietnamese.text import day_month_year

Size = Annotated[float, Field(gt=0, le=96)]
Fraction = Annotated[float, Field(gt=0, le=1)]


def check_format(text: str, allowed: tuple[str, ...]) -> str:
    """A line with ``{name}`` fields: only the names given, no positions, no format specs,
    and no doubled braces ("{{period}}" is a template habit that would print "{period}")."""
    context = {"allowed": allowed, "text": text}
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as e:  # "{number" without its brace
        raise PydanticCustomError("bad_format", "bad format", context) from e
    for literal, name, spec, conversion in parsed:
        if "{" in literal or "}" in literal:
            raise PydanticCustomError("bad_format", "bad format", context)
        if name is not None and (name not in allowed or spec or conversion):
            raise PydanticCustomError("bad_format", "bad format", context)
    return text


def format_of(*allowed: str) -> AfterValidator:
    """The field's text checked by ``check_format``."""
    return AfterValidator(lambda text: check_format(text, allowed))


class Rule(Strict):
    """A solid line under a component, as long as ``length`` times its text."""

    length: Fraction = 1.0
    weight_pt: Annotated[float, Field(gt=0, le=4)] = 0.75
    gap_pt: Annotated[float, Field(ge=0, le=24)] = 1.0


Span = tuple[float, float]


class Accept(Strict):
    """What the regulation allows where it gives a range: the writers use the style's own
    value, ``check`` accepts the whole range (NĐ30: 13–14 pt, indent 1–1.27 cm), and the
    style's value too when a profile of the user's own sets it outside."""

    size_pt: Span | None = None
    first_line_indent_cm: Span | None = None
    #: Line spacing as a multiple of a single line ("single to 1.5 lines").
    line_spacing: Span | None = None
    #: A fixed line pitch ("Exactly 18–22 pt").
    line_height_pt: Span | None = None
    #: Space between two paragraphs, before and after added ("at least 6 pt").
    space_between_pt: Span | None = None
    #: Where the range is written ("NĐ30, Phụ lục I, mục II.6").
    source: str | None = None


class Style(Strict):
    size_pt: Size
    bold: bool = False
    italic: bool = False
    underline: bool = False
    upper: bool = False
    align: Literal["left", "center", "right", "justify"] = "center"
    first_line_indent_cm: Annotated[float, Field(ge=0, le=5)] = 0
    space_before_pt: Annotated[float, Field(ge=0, le=72)] = 0
    space_after_pt: Annotated[float, Field(ge=0, le=72)] = 0
    line_spacing: Annotated[float, Field(ge=0.8, le=3)] = 1.0
    #: A fixed line pitch in points (Word's "Exactly"), in place of ``line_spacing``:
    #: HD05 sets the body's lines 18–22 pt apart, whatever the font's own height.
    line_height_pt: Annotated[float, Field(ge=6, le=96)] | None = None
    keep_with_next: bool = False
    page_break_before: bool = False
    rule: Rule | None = None
    accept: Accept | None = None
    #: Where the rule for this component is written, when not the profile's ``source``.
    source: str | None = None

    @model_validator(mode="after")
    def _one_line_spacing(self) -> Style:
        if self.line_height_pt is not None and "line_spacing" in self.model_fields_set:
            raise PydanticCustomError("one_line_spacing", "one line spacing", {})
        if self.line_height_pt is not None and self.line_height_pt < self.size_pt:
            # "Exactly" lower than the letters: Word and the PDF cut their tops off.
            sizes = {"line": self.line_height_pt, "size": self.size_pt}
            raise PydanticCustomError("line_below_size", "line below size", sizes)
        return self

    def line_pitch_pt(self, single_line_em: float) -> float:
        """The distance between two baselines, in points: the same in the PDF and the DOCX."""
        if self.line_height_pt is not None:
            return self.line_height_pt
        return self.size_pt * self.line_spacing * single_line_em


class NationalLine(Style):
    text: Annotated[str, Field(min_length=1)]


class Margins(Strict):
    top: Size
    bottom: Size
    left: Size
    right: Size


class MarginRanges(Strict):
    top: Span | None = None
    bottom: Span | None = None
    left: Span | None = None
    right: Span | None = None
    source: str | None = None


class Page(Strict):
    width_mm: Annotated[float, Field(gt=50, le=1000)] = 210
    height_mm: Annotated[float, Field(gt=50, le=1000)] = 297
    margins_mm: Margins
    #: The margins the regulation allows (``check``); the writers use ``margins_mm``.
    accept_margins_mm: MarginRanges | None = None


class Font(Strict):
    family: Annotated[str, Field(min_length=1)]
    fallbacks: list[str] = []
    #: Height of one "single" line in em for this font (Word's single spacing).
    single_line_em: Annotated[float, Field(gt=0.8, le=2)] = 1.15


class Header(Strict):
    issuer_width: Fraction = 0.5
    national: Annotated[list[NationalLine], Field(min_length=1)]
    issuing_mark: str | None = None


class NumberFormat(Strict):
    format: Annotated[str, Field(min_length=1), format_of("number", "type", "issuer")]
    #: How another document cites this one: an appendix's "(Kèm theo …)" line.
    reference: Annotated[
        str,
        Field(min_length=1),
        format_of("doc", "number", "type", "issuer", "day", "month", "year", "body"),
    ] = (
        "(Kèm theo {doc} số {number}-{type}/{issuer} ngày {day} tháng {month} năm {year} của "
        "{body})"
    )
    min_digits: Annotated[int, Field(ge=1, le=6)] = 1
    #: Printed in place of the number until the document is registered.
    blank: str = "      "


class DateLine(Strict):
    format: Annotated[str, Field(min_length=1), format_of("place", "day", "month", "year")]
    pad_day_below: Annotated[int, Field(ge=0, le=32)] = 10
    pad_months: list[Annotated[int, Field(ge=1, le=12)]] = [1, 2]
    blank: str = "     "
    #: The place is written with its administrative level when its name alone is ambiguous
    #: ("Thành phố Huế", "Phường Ngô Quyền"): ``validate`` warns about a one-word place.
    place_with_level: bool = False


class Marks(Strict):
    """Typed marks of the layout: what ends the content, what stands under the summary."""

    #: "./." (NĐ30, HD36) or "." (HD05).
    end: Annotated[str, Field(min_length=1, max_length=8)] = "./."
    #: Typed under the summary line ("-----" in HD05), in place of a drawn rule.
    summary: Annotated[str, Field(min_length=1, max_length=16)] | None = None


class InForce(Strict):
    """Which rule set this is and when it applies: a document takes the format in force
    on the day it is issued, so a reprint keeps its old profile."""

    family: Literal["party", "state"]
    #: The regulation's number and symbol, as a user names it ("05-HD/VPTW").
    regulation: Annotated[str, Field(min_length=1)]
    since: dt.date
    until: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        if self.until is not None and self.until < self.since:
            raise PydanticCustomError("period_reversed", "period reversed", {})
        return self

    def covers(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


class Signature(Strict):
    prefixes: dict[str, str]


class RecipientsFormat(Strict):
    label: str = "Nơi nhận:"
    entry: Annotated[str, Field(min_length=1), format_of("name")] = "- {name};"
    archive: Annotated[str, Field(min_length=1), format_of("archive")] = "- Lưu: {archive}."
    width: Fraction = 0.5


class PageNumber(Strict):
    first_page: bool = False
    offset_mm: Annotated[float, Field(ge=0, le=50)] = 10
    #: An appendix numbers its pages on its own, from 1 (HD05), as a document does.
    restart_in_appendix: bool = False


class Hue(Strict):
    """The hues (degrees) an image's ink may have; ``low`` above ``high`` wraps through 0
    (red)."""

    low: Annotated[float, Field(ge=0, lt=360)]
    high: Annotated[float, Field(ge=0, lt=360)]

    def holds(self, hue: float) -> bool:
        if self.low <= self.high:
            return self.low <= hue <= self.high
        return hue >= self.low or hue <= self.high


class SignerImage(Strict):
    """The signer's digital signature: an image of the handwritten signature, centred
    between the title and the name."""

    colour: Annotated[str, Field(min_length=1)]
    hue: Hue
    #: The part of the space between title and name the image may take (height and width).
    fill: Fraction = 0.9


class SealImage(Strict):
    """The organization's digital signature: the seal's image at its real size, over part
    of the signer's image, with the organization's name and the signing time."""

    colour: Annotated[str, Field(min_length=1)]
    hue: Hue
    #: The part of the signer's image the seal covers, on the side given.
    overlap: Fraction = 1 / 3
    side: Literal["left", "right"] = "left"
    text: Annotated[str, Field(min_length=1), format_of("organization", "time")]
    text_size_pt: Annotated[float, Field(gt=0, le=24)] = 7


class AttachmentMark(Strict):
    """An attachment in a file of its own: no image, a line at the top right of page 1."""

    text: Annotated[str, Field(min_length=1), format_of("reference", "time")]
    size_pt: Annotated[float, Field(gt=0, le=24)] = 10
    #: From the top edge of the page to the top of the text; right edge: the right margin.
    top_mm: Annotated[float, Field(ge=0, le=100)] = 8


def _utc_offset(value: str) -> str:
    """``+07:00``: hours and minutes ahead of (``+``) or behind (``-``) UTC, as ISO 8601."""
    match = re.fullmatch(r"[+-](\d\d):(\d\d)", value)
    if match is None or int(match[1]) > 14 or int(match[2]) > 59:
        raise PydanticCustomError("not_utc_offset", "not a UTC offset", {})
    return value


class ElectronicSignature(Strict):
    """How digital signatures look on the page: a rule of the format, so data."""

    #: Where each rule comes from.
    source: Annotated[str, Field(min_length=1)]
    #: The offset of the signing time shown (Vietnam's time zone, ISO 8601).
    utc_offset: Annotated[str, AfterValidator(_utc_offset)] = "+07:00"
    signer: SignerImage
    organization: SealImage
    attachment: AttachmentMark


class Profile(Strict):
    name: Annotated[str, Field(min_length=1)]
    description: str = ""
    #: Where the rules are written, as ``check`` cites them ("NĐ30, Phụ lục I").
    source: str = ""
    page: Page
    font: Font
    header: Header
    components: dict[str, Style]
    number: NumberFormat
    date_line: DateLine
    signature: Signature
    recipients: RecipientsFormat = RecipientsFormat()
    page_number: PageNumber = PageNumber()
    marks: Marks = Marks()
    in_force: InForce | None = None
    #: Without it, ``sign`` refuses the profile (its documents cannot be issued electronically).
    electronic_signature: ElectronicSignature | None = None

    @property
    def text_width_mm(self) -> float:
        m = self.page.margins_mm
        return self.page.width_mm - m.left - m.right

    def cited(self, style: Style | None = None) -> str:
        """The source ``check`` cites for a rule of ``style`` (or of the page)."""
        regulation = self.in_force.regulation if self.in_force else self.name
        return (style.source if style else None) or self.source or regulation

    def styles(self) -> dict[str, Style]:
        """Every styled class: the components and the national header lines."""
        lines = {f"{NATIONAL_PREFIX}{i}": line for i, line in enumerate(self.header.national, 1)}
        return {**self.components, **lines}

    def selectors(self) -> dict[str, str]:
        """CSS selector of each styled class, with the bare tags that default to it."""
        out = {name: f".{name}" for name in self.styles()}
        for tag, name in TAG_DEFAULTS.items():
            out[name] += f", {tag}:not([class])"
        return out

    def font_stack(self) -> list[str]:
        return [self.font.family, *self.font.fallbacks]

    def _digits(self, number: int | None) -> str:
        blank = self.number.blank.replace(" ", "\u00a0")
        return f"{number:0{self.number.min_digits}d}" if number else blank

    def _day_month(self, day: dt.date | None) -> tuple[str, str]:
        if day is None:
            blank = self.date_line.blank.replace(" ", "\u00a0")
            return blank, blank
        d, m, _ = day_month_year(
            day,
            pad_day_below=self.date_line.pad_day_below,
            pad_months=frozenset(self.date_line.pad_months),
        )
        return d, m

    def number_line(self, symbol: str, issuer: str, number: int | None) -> str:
        return self.number.format.format(number=self._digits(number), type=symbol, issuer=issuer)

    def date_line_text(self, place: str, day: dt.date | None, year: int) -> str:
        d, m = self._day_month(day)
        return self.date_line.format.format(place=place, day=d, month=m, year=year)

    def reference_line(self, doc: str, symbol: str, issuer: str, number: int | None,
                       day: dt.date | None, year: int, body: str) -> str:  # fmt: skip
        """How an appendix cites its document, in this profile's number and date forms."""
        d, m = self._day_month(day)
        return self.number.reference.format(
            doc=doc, number=self._digits(number), type=symbol, issuer=issuer, day=d, month=m,
            year=year, body=body,
        )  # fmt: skip


@cached_per_content
def load_profile(path: Path) -> Profile:
    loaded = load_yaml(path)
    profile = validate_model(Profile, loaded)
    missing = [c for c in COMPONENTS if c not in profile.components]
    problems = [
        Problem(loaded.source.key(("components",)), message("missing", field=f"components.{name}"))
        for name in missing
    ]
    if profile.marks.summary and SUMMARY_MARK not in profile.components:
        where = loaded.source.key(("marks", "summary"))
        problems.append(Problem(where, message("summary_mark_unstyled", style=SUMMARY_MARK)))
    if problems:
        raise InputError(problems)
    return profile


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def in_force_span(rules: InForce) -> str:
    """ "from 27/05/2026" or "03/04/2018 – 26/05/2026": when a rule set applies."""
    if rules.until is None:
        return message("span_from", since=_day(rules.since))
    return f"{_day(rules.since)} – {_day(rules.until)}"


def profile_in_force(family: str, day: dt.date) -> Profile | None:
    """The built-in profile of ``family`` ("party", "state") in force on ``day``."""
    for path in builtin_profiles().values():
        profile = load_profile(path)
        rules = profile.in_force
        if rules is not None and rules.family == family and rules.covers(day):
            return profile
    return None


def out_of_force(profile: Profile, day: dt.date) -> str | None:
    """Why a document dated ``day`` should not take ``profile``: the format of a document
    is the one in force on the day it is issued (not the day of its meeting). ``None`` when
    it is, or when the profile says nothing of its period (a profile of the user's own)."""
    rules = profile.in_force
    if rules is None or rules.covers(day):
        return None
    current = profile_in_force(rules.family, day)
    if current is None or current.in_force is None:
        advice = message("format_none_in_force")
    else:
        advice = message("format_use_instead", regulation=current.in_force.regulation,
                         name=current.name)  # fmt: skip
    return message("format_not_in_force", date=_day(day), regulation=rules.regulation,
                   name=profile.name, span=in_force_span(rules), advice=advice)  # fmt: skip
