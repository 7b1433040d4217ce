"""The rules of a profile applied to a document read back (``reading``).

Each rule reads the profile's value, the one the writers use, and accepts the
range the regulation gives where the profile records one (``accept:``); each
finding names the element, the value found and the value or range required, and
the source of the rule. What needs a person's judgement (an element not found,
which may be absent on purpose) is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from generator.errors import Position, Problem, Severity
from generator.messages import message, number
from generator.model.catalog import vocabulary
from generator.model.components import NATIONAL_PREFIX, RULE, SUMMARY_MARK
from generator.model.profiles import Profile, Span, Style
from generator.reading.document import Document, Paragraph, Section
from generator.reading.layout import RECIPIENTS, Layout, Placed, normal

#: What two measures may differ by and still be the same (rounding to twips and half-points).
_PT = 0.06
_CM = 0.02
_MM = 0.3
_BODY = ("body", "section", "subsection", "point")


@dataclass(frozen=True)
class Finder:
    """Findings of one document: where they are and how they are said."""

    path: Path
    profile: Profile

    def at(self, paragraph: Paragraph | None, msg_id: str, severity: Severity = Severity.ERROR,
           **values: object) -> Problem:  # fmt: skip
        if paragraph is None:
            where = message("check_at_page", n=1)
            line = 0
        elif paragraph.place.part != "body":
            where = message(f"check_at_{paragraph.place.part.replace(' ', '_')}")
            line = 0
        else:
            where = message("check_at_paragraph", n=paragraph.index, text=paragraph.excerpt())
            line = paragraph.index
        return Problem(Position(self.path, line, where=where), message(msg_id, **values), severity)

    def missing(self, paragraph: Paragraph | None, component: str) -> Problem:
        """An element not found: a warning, as its absence may be meant."""
        return self.at(paragraph, "check_missing", Severity.WARNING,
                       element=self.element(component), source=self.profile.cited())  # fmt: skip

    def element(self, component: str) -> str:
        return (
            vocabulary()
            .word_styles.names.get(
                "national" if component.startswith(NATIONAL_PREFIX) else component, component
            )
            .format(n=component.removeprefix(NATIONAL_PREFIX))
            .lower()
        )


def _span(value: float, span: Span | None) -> Span:
    """The values accepted: the regulation's range, and the profile's own value."""
    return (min(value, span[0]), max(value, span[1])) if span is not None else (value, value)


def _inside(found: float, span: Span, slack: float) -> bool:
    return span[0] - slack <= found <= span[1] + slack


def _shown_span(span: Span, unit: str, decimals: int = 1) -> str:
    low, high = (_num(v, decimals) for v in span)
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def _num(value: float, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text.rstrip("0").rstrip(",.") if decimals else text


def check(document: Document, layout: Layout, profile: Profile,
          known_prefixes: dict[str, set[str]]) -> list[Problem]:  # fmt: skip
    """Every finding of ``document`` against ``profile``, in document order."""
    finder = Finder(document.path, profile)
    found = [*_page(finder, document.sections)]
    styles = profile.styles()
    for item in [*layout.placed, *layout.margins]:
        style = styles.get(item.role or "")
        if item.role == "recipients-label" and len(item.paragraph.lines()) > 1:
            # The list typed under its label in one paragraph: each line is judged as what
            # it is, the label and then the entries.
            found += _look(finder, item, styles["recipients-label"], line=0)
            entries = Placed(item.paragraph, "recipient")
            for n in range(1, len(item.paragraph.lines())):
                found += _look(finder, entries, styles["recipient"], line=n)
        elif style is not None and item.role is not None:
            found += _look(finder, item, style)
        found += _font(finder, item)
    found += _spacing_between(finder, layout, styles)
    found += _header_block(finder, layout)
    found += _lines(finder, layout)
    found += _title(finder, layout)
    found += _closing(finder, layout, known_prefixes)
    found += _page_numbers(finder, document, layout)
    return sorted(found, key=lambda p: p.position.line)  # the page first, then in reading order


# -- the page ------------------------------------------------------------------------


def _page(finder: Finder, sections: list[Section]) -> Iterator[Problem]:
    page = finder.profile.page
    ranges = page.accept_margins_mm
    source = (ranges.source if ranges else None) or finder.profile.cited()
    for section in sections[:1]:  # a later section (a landscape table) has its own page
        if abs(section.width_mm - page.width_mm) > 1 or abs(section.height_mm - page.height_mm) > 1:
            yield finder.at(None, "check_paper", found=f"{_num(section.width_mm, 0)} × "
                            f"{_num(section.height_mm, 0)} mm", required=f"{_num(page.width_mm, 0)}"
                            f" × {_num(page.height_mm, 0)} mm", source=source)  # fmt: skip
        for side in ("top", "bottom", "left", "right"):
            value = getattr(page.margins_mm, side)
            span = _span(value, getattr(ranges, side) if ranges else None)
            found = getattr(section, f"{side}_mm")
            if not _inside(found, span, _MM):
                yield finder.at(None, "check_margin", side=message(f"side_{side}"),
                                found=f"{_num(found)} mm", required=_shown_span(span, "mm"),
                                source=source)  # fmt: skip


# -- the look of each element --------------------------------------------------------


def _look(finder: Finder, item: Placed, style: Style, line: int | None = None
          ) -> Iterator[Problem]:  # fmt: skip
    p, role = item.paragraph, item.role or ""
    runs = p.lettered_runs(line)
    accept = style.accept
    element = finder.element(role)
    source = finder.profile.cited(style)
    if runs:
        span = _span(style.size_pt, accept.size_pt if accept else None)
        wrong = [r.format.size_pt for r in runs if not _inside(r.format.size_pt, span, _PT)]
        if wrong:
            yield finder.at(p, "check_size", found=_num(wrong[0]), required=_shown_span(span, "pt"),
                            element=element, source=_source(accept, source))  # fmt: skip
        if role not in ("body", "table-cell", "table-head"):
            for flag in ("bold", "italic", "underline"):
                wanted = getattr(style, flag)
                if any(getattr(r.format, flag) != wanted for r in runs):
                    yield finder.at(p, "check_look", found=message(f"{flag}_{not wanted}"),
                                    required=message(f"{flag}_{wanted}"), element=element,
                                    source=source)  # fmt: skip
        if style.upper and normal(p.shown) != normal(p.shown).upper():
            yield finder.at(
                p,
                "check_look",
                found=message("upper_False"),
                required=message("upper_True"),
                element=element,
                source=source,
            )
    if line:  # the paragraph's own layout is judged with its first line
        return
    if p.text.strip() and p.format.align != style.align:
        yield finder.at(p, "check_align", found=message(f"align_{p.format.align}"),
                        required=message(f"align_{style.align}"), element=element,
                        source=source)  # fmt: skip
    if role in _BODY and p.text.strip():
        yield from _indent_and_lines(finder, p, style, element, source)
    elif (
        runs
        and p.format.line_rule == "exact"
        and p.format.line < max(r.format.size_pt for r in runs)
    ):
        yield finder.at(p, "check_line", found=_line_text(p), required=message("line_single"),
                        element=element, source=source)  # fmt: skip


def _source(accept: object, source: str) -> str:
    return getattr(accept, "source", None) or source


def _indent_and_lines(finder: Finder, p: Paragraph, style: Style, element: str,
                      source: str) -> Iterator[Problem]:  # fmt: skip
    accept = style.accept
    range_source = _source(accept, source)
    span = _span(style.first_line_indent_cm, accept.first_line_indent_cm if accept else None)
    if not _inside(p.format.first_line_cm, span, _CM):
        yield finder.at(p, "check_indent", found=f"{_num(p.format.first_line_cm, 2)} cm",
                        required=_shown_span(span, "cm", 2), element=element,
                        source=range_source)  # fmt: skip
    runs = p.lettered_runs()
    size = max((r.format.size_pt for r in runs), default=style.size_pt)
    single = size * finder.profile.font.single_line_em
    fmt = p.format
    if style.line_height_pt is not None:
        span = _span(style.line_height_pt, accept.line_height_pt if accept else None)
        if fmt.line_rule != "exact" or not _inside(fmt.line, span, _PT):
            yield finder.at(p, "check_line", found=_line_text(p),
                            required=message("line_exact", pt=_shown_span(span, "pt")),
                            element=element, source=range_source)  # fmt: skip
        return
    span = _span(style.line_spacing, accept.line_spacing if accept else None)
    if fmt.line_rule == "auto":
        multiple = fmt.line
    elif fmt.line_rule == "atLeast":
        multiple = max(1.0, fmt.line / single)
    else:
        multiple = fmt.line / single
    if not _inside(multiple, span, 0.03):
        yield finder.at(p, "check_line", found=_line_text(p),
                        required=message("line_multiple", lines=_shown_span(span, "")),
                        element=element, source=range_source)  # fmt: skip


def _line_text(p: Paragraph) -> str:
    fmt = p.format
    if fmt.line_rule == "auto":
        return message("line_found_multiple", lines=_num(fmt.line, 2))
    return message(f"line_found_{fmt.line_rule}", pt=_num(fmt.line))


def _spacing_between(finder: Finder, layout: Layout,
                     styles: dict[str, Style]) -> Iterator[Problem]:  # fmt: skip
    body = [x for x in layout.placed if x.role in _BODY and x.paragraph.text.strip()]
    for item, following in pairwise(body):
        style = styles[item.role or "body"]
        span = style.accept.space_between_pt if style.accept else None
        if span is None or following.paragraph.index != item.paragraph.index + 1:
            continue
        gap = item.paragraph.format.space_after_pt + following.paragraph.format.space_before_pt
        if not _inside(gap, span, _PT):
            yield finder.at(item.paragraph, "check_gap", found=f"{_num(gap)} pt",
                            required=message("at_least", value=f"{_num(span[0])} pt"),
                            element=finder.element(item.role or "body"),
                            source=_source(style.accept, finder.profile.cited(style)))  # fmt: skip


def _font(finder: Finder, item: Placed) -> Iterator[Problem]:
    family = finder.profile.font.family
    wrong = [r.format.font for r in item.paragraph.lettered_runs()
             if r.format.font and r.format.font.casefold() != family.casefold()]  # fmt: skip
    if wrong:
        yield finder.at(item.paragraph, "check_font", found=wrong[0], required=family,
                        source=finder.profile.cited())  # fmt: skip


# -- the header block, number and date lines -----------------------------------------


def _under(layout: Layout, p: Paragraph) -> bool:
    """Whether a line is drawn under ``p``: its own bottom border, a rule after it, or a
    line shape anchored in ``p`` itself (where Word's Insert ▸ Shapes puts it when the
    cursor stands in the text)."""
    following = layout.after(p)
    return (p.format.bottom_border or p.images > 0
            or (following is not None and following.role == RULE))  # fmt: skip


def _header_block(finder: Finder, layout: Layout) -> Iterator[Problem]:
    profile = finder.profile
    if not layout.header_table:
        first = layout.placed[0].paragraph if layout.placed else None
        yield finder.at(first, "check_no_header", Severity.WARNING, source=profile.cited())
        return
    for n, line in enumerate(profile.header.national, start=1):
        found = layout.role(f"{NATIONAL_PREFIX}{n}")
        if not found:
            yield finder.at(None, "check_missing", Severity.ERROR,
                            element=f"'{line.text}'", source=profile.cited(line))  # fmt: skip
            continue
        if normal(found[0].text) != normal(line.text):
            yield finder.at(found[0], "check_text", found=normal(found[0].text),
                            required=line.text, source=profile.cited(line))  # fmt: skip
        if line.rule is not None and not _under(layout, found[0]):
            yield finder.at(found[0], "check_rule_missing", element=finder.element(
                f"{NATIONAL_PREFIX}{n}"), source=profile.cited(line))  # fmt: skip
    issuing = layout.role("issuing-body")
    if issuing:
        style = profile.components["issuing-body"]
        mark = profile.header.issuing_mark
        if mark and not layout.role("issuing-mark"):
            yield finder.at(issuing[-1], "check_mark_missing", mark=mark,
                            source=profile.cited())  # fmt: skip
        if style.rule is not None and not _under(layout, issuing[-1]):
            yield finder.at(
                issuing[-1],
                "check_rule_missing",
                element=finder.element("issuing-body"),
                source=profile.cited(style),
            )
    elif layout.header_table:
        yield finder.missing(None, "issuing-body")


def _pattern(form: str, fields: dict[str, str]) -> re.Pattern[str]:
    """A profile's line form ("Số {number}-{type}/{issuer}") as a pattern of its fields."""
    parts = re.split(r"(\{\w+\})", form)
    out = ""
    for part in parts:
        if part.startswith("{") and part[1:-1] in fields:
            out += f"(?P<{part[1:-1]}>{fields[part[1:-1]]})"
        else:
            out += r"\s*".join(re.escape(w) for w in part.split(" "))
    return re.compile(out)


_BLANK = r"[\s\u00a0.…]*"


def _lines(finder: Finder, layout: Layout) -> Iterator[Problem]:
    profile = finder.profile
    for p in layout.role("doc-number")[:1]:
        form = profile.number.format
        pattern = _pattern(form, {"number": rf"\d+|{_BLANK}", "type": r"[A-Za-zĐđ]+",
                                  "issuer": r"[\wĐđ.\-]+"})  # fmt: skip
        match = pattern.fullmatch(" ".join(p.text.replace("\u00a0", " ").split()))
        if match is None:
            example = profile.number_line("TB", "TU", 5)
            yield finder.at(
                p,
                "check_form",
                found=normal(p.text),
                required=example,
                element=finder.element("doc-number"),
                source=profile.cited(),
            )
        elif match["number"].strip().isdigit() and len(match["number"].strip()) < (
            profile.number.min_digits
        ):
            digits = match["number"].strip()
            yield finder.at(p, "check_padding", found=digits,
                            required=digits.zfill(profile.number.min_digits),
                            element=finder.element("doc-number"),
                            source=profile.cited())  # fmt: skip
    for p in layout.role("place-date")[:1]:
        pattern = _pattern(profile.date_line.format, {"place": r".+?", "day": rf"\d+|{_BLANK}",
                           "month": rf"\d+|{_BLANK}", "year": r"\d{4}"})  # fmt: skip
        text = " ".join(p.text.replace("\u00a0", " ").split())
        match = pattern.fullmatch(text)
        if match is None:
            yield finder.at(p, "check_form", found=text, required=profile.date_line.format,
                            element=finder.element("place-date"),
                            source=profile.cited())  # fmt: skip
            continue
        yield from _date_padding(finder, p, match["day"].strip(), match["month"].strip())


def _date_padding(finder: Finder, p: Paragraph, day: str, month: str) -> Iterator[Problem]:
    rules = finder.profile.date_line
    for text, padded in ((day, day.isdigit() and int(day) < rules.pad_day_below),
                         (month, month.isdigit() and int(month) in rules.pad_months)):  # fmt: skip
        if not text.isdigit():
            continue
        wanted = f"{int(text):02d}" if padded else str(int(text))
        if text != wanted:
            yield finder.at(p, "check_padding", found=text, required=wanted,
                            element=finder.element("place-date"),
                            source=finder.profile.cited())  # fmt: skip


# -- type, summary, end of the content -----------------------------------------------


def _title(finder: Finder, layout: Layout) -> Iterator[Problem]:
    profile = finder.profile
    types = layout.role("doc-type")
    if not types:
        yield finder.missing(next((x.paragraph for x in layout.placed if x.role == "body"), None),
                             "doc-type")  # fmt: skip
        return
    summaries = layout.role("doc-summary")
    if summaries:
        summary = summaries[-1]  # the mark or rule stands under its last line
        style = profile.components["doc-summary"]
        mark = profile.marks.summary
        following = layout.after(summary)
        if mark is not None:
            if following is None or normal(following.paragraph.text) != mark:
                yield finder.at(
                    summary,
                    "check_mark_missing",
                    mark=mark,
                    source=profile.cited(profile.components.get(SUMMARY_MARK)),
                )
        elif style.rule is not None and not _under(layout, summary):
            yield finder.at(summary, "check_rule_missing", element=finder.element("doc-summary"),
                            source=profile.cited(style))  # fmt: skip
    # The content ends before the closing table: an appendix after it is not the content.
    closing = min((x.paragraph.index for x in layout.placed
                   if layout.closing_table and x.paragraph.place.table == layout.closing_table),
                  default=None)  # fmt: skip
    body = [x.paragraph for x in layout.placed
            if x.role in _BODY and (closing is None or x.paragraph.index < closing)]  # fmt: skip
    if body:
        last = body[-1]
        end = profile.marks.end
        text = last.text.rstrip()
        other = "./." if end != "./." else None
        if not text.endswith(end) or (other and text.endswith(other)):
            shown = "./." if text.endswith("./.") else text[-1:]
            yield finder.at(last, "check_end", found=shown, required=end,
                            source=profile.cited())  # fmt: skip


# -- recipients and signature --------------------------------------------------------


def _closing(finder: Finder, layout: Layout,
             known_prefixes: dict[str, set[str]]) -> Iterator[Problem]:  # fmt: skip
    profile = finder.profile
    if not layout.closing_table:
        yield finder.missing(layout.placed[-1].paragraph if layout.placed else None,
                             "recipients-label")  # fmt: skip
        return
    # A clerk may type the list in one paragraph, a soft line break after each line.
    lines = [(p, line) for p in layout.role("recipients-label") + layout.role("recipient")
             for line in p.text.split("\n") if normal(line)]  # fmt: skip
    if lines and RECIPIENTS.match(lines[0][1]):
        label, text = lines.pop(0)
        if normal(text) != normal(profile.recipients.label):
            yield finder.at(
                label,
                "check_text",
                found=normal(text),
                required=profile.recipients.label,
                source=profile.cited(),
            )
    entry = _pattern(profile.recipients.entry, {"name": r".+"})
    archive = _pattern(profile.recipients.archive, {"archive": r".+"})
    for n, (p, line) in enumerate(lines):
        text = normal(line)
        is_last = n == len(lines) - 1
        if (archive if is_last else entry).fullmatch(text) is None:
            example = (profile.recipients.archive.format(archive="…") if is_last else
                       profile.recipients.entry.format(name="…"))  # fmt: skip
            yield finder.at(p, "check_form", found=text, required=example,
                            element=finder.element("recipient"),
                            source=profile.cited())  # fmt: skip
    for p in layout.role("sig-authority")[:1]:
        text = normal(p.shown)
        own = profile.signature.prefixes
        for mode, forms in known_prefixes.items():
            used = next((f for f in forms if text.upper().startswith(f.upper() + " ")), None)
            if used is not None and used != own.get(mode, used):
                yield finder.at(p, "check_prefix", found=used, required=own[mode],
                                source=profile.cited())  # fmt: skip
    if not layout.role("sig-name"):
        where = next(iter(layout.role("sig-authority")), None)
        yield finder.missing(where, "sig-name")


# -- page numbers --------------------------------------------------------------------


def _page_numbers(finder: Finder, document: Document, layout: Layout) -> Iterator[Problem]:
    profile = finder.profile
    if not document.sections:
        return
    section = document.sections[0]
    numbers = [x.paragraph for x in layout.margins if x.role == "page-number"]
    in_header = [p for p in section.headers.get("default", []) if p in numbers]
    if not in_header:
        in_footer = [p for kind in section.footers.values() for p in kind if p in numbers]
        msg = "check_page_in_footer" if in_footer else "check_page_missing"
        severity = Severity.ERROR if in_footer else Severity.WARNING
        yield finder.at(
            in_footer[0] if in_footer else None,
            msg,
            severity,
            source=profile.cited(profile.components["page-number"]),
        )
        return
    first_numbered = not section.title_page or any(
        p in numbers for p in section.headers.get("first", [])
    )
    if first_numbered and not profile.page_number.first_page:
        yield finder.at(
            in_header[0],
            "check_page_first",
            source=profile.cited(profile.components["page-number"]),
        )
