"""What each paragraph of a notice or report is: the component of the format it plays.

A document giaoban wrote says it in its paragraph styles ("VB Trích yếu"), and
those are kept by Word and LibreOffice; a document typed by hand says it by where
a paragraph stands and what it reads: the header is the first borderless table
(issuing side and national side, the number line beginning "Số", the date line
"…, ngày … tháng … năm …"), the type and summary follow it, the closing table
holds "Nơi nhận:" and the signature. Formatting is not used to decide, so that a
wrongly formatted element is still found and judged.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.inputs.locations import builtin_profiles
from generator.model.catalog import vocabulary
from generator.model.components import COMPONENTS, NATIONAL_PREFIX, RULE, SUMMARY_MARK
from generator.model.profiles import Profile, load_profile
from generator.reading.document import Document, Paragraph

NUMBER_LINE = re.compile(r"^\s*Số\b", re.IGNORECASE)
DATE_LINE = re.compile(r"ngày\s+\S*\s*tháng\s+\S*\s*năm\s+\d{4}", re.IGNORECASE)
RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\b", re.IGNORECASE)
#: A full date in words ("ngày 05 tháng 01 năm 2025"): day, month, year.
DATE_WORDS = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\s*[.\-–]\s")
_NUMBERED_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s")
_LETTERED_HEADING = re.compile(r"^[a-zđ]\)\s")
_APPENDIX = re.compile(r"^\s*PHỤ\s+LỤC\b", re.IGNORECASE)


def normal(text: str) -> str:
    """Text compared as a reader does: any dash a hyphen, any space one space, NFC."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


@dataclass
class Placed:
    paragraph: Paragraph
    #: A component of ``generator.model.components``, ``national-N``, "rule", or None
    #: (an empty paragraph, a data table's cell, an image).
    role: str | None


@dataclass
class Layout:
    placed: list[Placed]
    header_table: int = 0
    closing_table: int = 0
    #: The paragraphs of the page headers and footers, first section first.
    margins: list[Placed] = field(default_factory=list)
    #: Whether its paragraphs carry giaoban's styles ("VB …"): a document giaoban wrote,
    #: whose parts stand in the order its templates print them.
    styled: bool = False

    def role(self, role: str) -> list[Paragraph]:
        return [p.paragraph for p in self.placed if p.role == role]

    def issue_date(self) -> dt.date | None:
        """The document's date, from its place-date line (or the number line it shares
        in a header typed with tabs), when day and month are written."""
        for p in (self.role("place-date") or self.role("doc-number"))[:1]:
            match = re.search(DATE_WORDS, normal(p.text), re.IGNORECASE)
            if match:
                try:
                    return dt.date(int(match[3]), int(match[2]), int(match[1]))
                except ValueError:
                    return None
        return None

    def draft_year(self) -> int | None:
        """The year a draft's date line already shows ("ngày … tháng … năm 2023")."""
        for p in self.role("place-date")[:1]:
            match = re.search(r"năm\s+(\d{4})\b", normal(p.text))
            if match:
                return int(match[1])
        return None

    def after(self, paragraph: Paragraph) -> Placed | None:
        """The next paragraph that shows something (text, an image or a rule)."""
        seen = False
        for item in self.placed:
            if seen and (item.paragraph.text.strip() or item.role):
                return item
            seen = seen or item.paragraph is paragraph
        return None


def _builtins() -> list[Profile]:
    return [load_profile(p) for p in builtin_profiles().values()]


def national_lines() -> list[str]:
    """The national header's lines of every built-in format."""
    return list(dict.fromkeys(line.text for p in _builtins() for line in p.header.national))


def known_prefixes() -> dict[str, set[str]]:
    """The signature's prefixes of every built-in format, by mode ("tm": "TM.", "T/M")."""
    found: dict[str, set[str]] = {}
    for profile in _builtins():
        for mode, prefix in profile.signature.prefixes.items():
            found.setdefault(mode, set()).add(prefix)
    return found


def _style_roles(national_lines: int) -> dict[str, str]:
    words = vocabulary().word_styles
    names = [*COMPONENTS, SUMMARY_MARK, RULE]
    names += [f"{NATIONAL_PREFIX}{n}" for n in range(1, national_lines + 1)]
    return {words.name(c): c for c in names}


def _is_rule(p: Paragraph) -> bool:
    """An empty paragraph drawing a line: a bottom border, or a drawn line shape."""
    return not p.text.strip() and (p.format.bottom_border or p.images > 0)


def lay_out(document: Document, national: Iterable[str]) -> Layout:
    """Each paragraph's component; ``national`` are the national header's lines of every
    known format ("ĐẢNG CỘNG SẢN VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", …)."""
    nationals = [normal(n).upper() for n in national]
    by_style = _style_roles(len(nationals))
    body = [p for p in document.paragraphs if p.place.part == "body"]
    tables = [p.place.table for p in body]
    header = next((p.place.table for p in body if p.place.table and (
        normal(p.text).upper() in nationals or NUMBER_LINE.match(p.text))), 0)  # fmt: skip
    closing = max((p.place.table for p in body if p.place.table and
                   RECIPIENTS.match(p.text)), default=0)  # fmt: skip
    roles: dict[int, str | None] = {}
    _header([p for p in body if p.place.table == header and header], nationals, roles)
    _closing([p for p in body if p.place.table == closing and closing], roles)
    start = max((i for i, t in enumerate(tables) if t == header and header), default=-1) + 1
    if not header:
        start = _tabbed_header(body, nationals, roles)
    end = next((i for i, t in enumerate(tables) if t == closing and closing), len(body))
    _title_and_body(body[start:end], roles)
    _appendix(body[end:] if closing else [], closing, roles)
    placed = [Placed(p, by_style[p.style] if p.style in by_style else roles.get(p.index))
              for p in body]  # fmt: skip
    margins = [
        Placed(p, "page-number" if any(_is_page(f) for f in p.fields) else None)
        for section in document.sections
        for part in (section.headers, section.footers)
        for paragraphs in part.values()
        for p in paragraphs
    ]
    styled = any(p.style in by_style for p in body)
    return Layout(placed, header, closing, margins, styled)


def _is_page(instruction: str) -> bool:
    return bool(re.match(r"^\s*PAGE\b", instruction))


def _header(cells: list[Paragraph], nationals: list[str], roles: dict[int, str | None]) -> None:
    """The header table: the column holding a national line is the national side (its
    lines in order, even one mistyped), the other the issuing side."""
    national_columns = {p.place.cell for p in cells if normal(p.text).upper() in nationals}
    issuer: list[Paragraph] = []
    national: list[Paragraph] = []
    for p in cells:
        text = normal(p.text)
        if _is_rule(p):
            roles[p.index] = RULE
        elif not text:
            continue
        elif NUMBER_LINE.match(text):
            roles[p.index] = "doc-number"
        elif DATE_LINE.search(text):
            roles[p.index] = "place-date"
        elif text == "*":
            roles[p.index] = "issuing-mark"
        elif p.place.cell in national_columns:
            national.append(p)
        else:
            issuer.append(p)
    for n, p in enumerate(national, start=1):
        roles[p.index] = f"{NATIONAL_PREFIX}{n}"
    # The issuing body is the last line, or a name run over two bold lines whose second is
    # the place ("ỦY BAN NHÂN DÂN / TỈNH ĐỒNG THÁP"): a bold line above an office ("…
    # / VĂN PHÒNG") is a parent body typed bold, and is judged as one.
    start = len(issuer) - 1
    while (start > 0 and _bold(issuer[start]) and _bold(issuer[start - 1])
           and normal(issuer[start].text).upper().startswith(_PLACE_LEVELS)):  # fmt: skip
        start -= 1
    issuing = issuer[start:]
    for p in issuer:
        roles[p.index] = "issuing-body" if p in issuing else "parent-body"


def _tabbed_header(body: list[Paragraph], nationals: list[str],
                   roles: dict[int, str | None]) -> int:  # fmt: skip
    """A header typed without a table, its two sides on one line apart with tabs ("ỦY BAN
    NHÂN DÂN⇥⇥CỘNG HÒA …", "Số: 12/TB-UBND⇥⇥Tân Phú, ngày …"): its lines are the
    header's, not the type and summary; the number line and the date line are found in
    them. How many paragraphs it takes (0: no such header)."""
    at = 0
    while (
        at < len(body)
        and not body[at].place.table
        and (
            (
                "\t" in body[at].text.strip()
                and any(n in normal(body[at].text).upper() for n in nationals)
            )
            or (
                (NUMBER_LINE.match(body[at].text) or DATE_LINE.search(body[at].text))
                and ("\t" in body[at].text.strip() or len(normal(body[at].text)) < 80)
            )
        )
    ):
        p = body[at]
        if NUMBER_LINE.match(p.text):
            roles[p.index] = "doc-number"
        elif DATE_LINE.search(p.text):
            roles[p.index] = "place-date"
        else:  # "ỦY BAN NHÂN DÂN⇥⇥CỘNG HÒA …": the issuing side's line, before its tab
            roles[p.index] = "issuing-body"
        at += 1
    return at


#: The administrative levels a body's name ends with when it runs over two lines.
_PLACE_LEVELS = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ",
                 "THỊ TRẤN ", "ĐẶC KHU ")  # fmt: skip


def _bold(p: Paragraph) -> bool:
    runs = p.lettered_runs()
    return bool(runs) and all(r.format.bold for r in runs)


def _closing(cells: list[Paragraph], roles: dict[int, str | None]) -> None:
    recipients_cell = next(((p.place.row, p.place.cell) for p in cells
                            if RECIPIENTS.match(p.text)), None)  # fmt: skip
    signature: list[Paragraph] = []
    for p in cells:
        text = normal(p.text)
        if not text:
            continue
        if (p.place.row, p.place.cell) == recipients_cell:
            roles[p.index] = "recipients-label" if RECIPIENTS.match(text) else "recipient"
        elif not (text.startswith("(") and text.endswith(")")):  # "(Đã ký)", "(ký, đóng dấu)"
            signature.append(p)
    for n, p in enumerate(signature):
        last = n == len(signature) - 1 and n > 0
        roles[p.index] = "sig-authority" if n == 0 else "sig-name" if last else "sig-title"


def _title_and_body(paragraphs: list[Paragraph], roles: dict[int, str | None]) -> None:
    shown = [p for p in paragraphs if p.text.strip() or _is_rule(p) or p.images]
    at = 0
    if shown and not shown[0].place.table and _is_title(shown[0]):
        roles[shown[0].index] = "doc-type"
        at = 1
        if at < len(shown) and not shown[at].place.table and normal(shown[at].text):
            roles[shown[at].index] = "doc-summary"
            at += 1
            # A summary typed over two centred lines ("kết luận của Thường trực Huyện ủy /
            # tại buổi làm việc với …") is one summary, as a reader sees it.
            while at < len(shown) and _summary_line(shown[at - 1], shown[at]):
                roles[shown[at].index] = "doc-summary"
                at += 1
        if at < len(shown) and _is_rule(shown[at]):
            roles[shown[at].index] = RULE
            at += 1
        elif at < len(shown) and re.fullmatch(r"-{3,}", normal(shown[at].text)):
            roles[shown[at].index] = SUMMARY_MARK
            at += 1
    _body(shown[at:], roles)


def _summary_line(before: Paragraph, p: Paragraph) -> bool:
    """Whether ``p`` goes on the summary above it: centred like it, not a table's, not a
    mark ("-----"), and the summary not ended with a full stop."""
    text = normal(p.text)
    return (bool(text) and not p.place.table and p.format.align == "center"
            and before.format.align == "center" and not re.fullmatch(r"[-–_*]{3,}", text)
            and not normal(before.text).endswith((".", ":"))
            and len(text) <= 200)  # fmt: skip


def _is_title(p: Paragraph) -> bool:
    """The type's line: a few words on a line of their own ("THÔNG BÁO", "BÁO CÁO"),
    however it is cased (a lower-case type is found, then judged)."""
    text = normal(p.shown)
    return bool(text) and len(text) <= 60 and not text.endswith((".", ":", ";"))


def _body(paragraphs: list[Paragraph], roles: dict[int, str | None]) -> None:
    for p in paragraphs:
        text = normal(p.label + " " + p.text if p.label else p.text)
        runs = p.lettered_runs()
        if p.place.table:
            roles[p.index] = None  # a data table: its cells are judged by font alone
        elif not text:
            roles[p.index] = "figure" if p.images else None
        elif _ROMAN_HEADING.match(text) and text == text.upper():
            roles[p.index] = "section"
        elif _NUMBERED_HEADING.match(text) and runs and all(r.format.bold for r in runs):
            roles[p.index] = "subsection"
        elif _LETTERED_HEADING.match(text) and runs and all(r.format.italic for r in runs):
            roles[p.index] = "point"
        else:
            roles[p.index] = "body"


def _appendix(paragraphs: list[Paragraph], closing: int,
              roles: dict[int, str | None]) -> None:  # fmt: skip
    rest = [p for p in paragraphs if p.place.table != closing]
    if not rest:
        return
    title = next((p for p in rest if _APPENDIX.match(p.text)), None)
    if title is None:
        _body(rest, roles)
        return
    roles[title.index] = "appendix-title"
    after = rest[rest.index(title) + 1 :]
    if after and normal(after[0].text).startswith("("):
        roles[after[0].index] = "appendix-subtitle"
        after = after[1:]
    _body(after, roles)
