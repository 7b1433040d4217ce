"""The facts of a notice of conclusions or a short report, found in its paragraphs.

Built on the reader's layout (``reading.layout``): the header gives the
registration number and date and the place; the type line the document kind;
the closing table the recipients and the signer. The body is read as clerks
write it and as giaoban's templates write it: the opening sentence (when, who
convened, the meeting's name), "Đồng chí … chủ trì", "Tham dự … có …", headed
parts (assessment, shortcomings, tasks, proposals), "Đề nghị <đơn vị>:" then its
tasks, with their deadlines in the forms clerks use. Whatever cannot be placed is
kept, with where it stands, so that nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.model.catalog import vocabulary
from generator.model.deadlines import named_period
from generator.model.kinds import REVIEW_KINDS, MeetingKind, ReportKind
from generator.model.periods import REVIEW_GRACE_DAYS, likely_reviewed
from generator.reading.document import Paragraph
from generator.reading.layout import DATE_WORDS, Layout, known_prefixes, normal
from generator.vietnamese.text import read_number, unjoined

#: A day as the account gives it: "ngày 05 tháng 7 năm 2024" or "ngày 05/7/2024".
_DAY = r"ngày\s+(?P<day>\d{1,2})(?:\s+tháng\s+|/)(?P<month>\d{1,2})(?:\s+năm\s+|/)(?P<year>\d{4})"
#: The account's opening: "Chiều ngày 05/7/2024, …", "Vào lúc 8 giờ 30 sáng ngày …, …".
_WHEN = re.compile(
    r"^(?:vào\s+)?(?:lúc\s+(?P<hour>\d{1,2})\s*(?:giờ|h)\s*(?P<minute>\d{1,2})?\s*(?:phút)?"
    rf"\s*,?\s*)?(?:(?P<part>sáng|chiều|tối)\s+)?{_DAY}\s*,\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^tại\s+([^,]+),\s*(.+)$")
_CONVENED = re.compile(r"^(.+?)\s+(?:đã\s+)?tổ chức\s+(.+?)\.?$")
_HELD = re.compile(r"^(.+?)\s+đã diễn ra\.?$")
_CHAIR = re.compile(r"^(?:Đồng chí|Các đồng chí:)\s+(.+?)\s+(?:đồng\s+)?chủ trì\s+(.+?)\.?$",
                    re.IGNORECASE)  # fmt: skip
#: "Chủ trì: đồng chí …, Phó Bí thư Tỉnh ủy; …", "Chủ trì hội nghị: …".
_CHAIR_LIST = re.compile(r"^(?:Đồng\s+)?chủ trì(?:\s+(?!có\b)[^\s:]+){0,3}?\s*(?::|\s+có\b:?)\s*"
                         r"(?P<list>.+?)\.?$", re.IGNORECASE)  # fmt: skip
#: "Tham dự hội nghị có …", "Tham dự có …", "Thành phần tham dự: …", "Đến dự có …".
_ATTEND = re.compile(r"^(?:Thành phần tham dự|Tham dự|Đến dự|Về dự)"
                     r"(?:\s+(?!có\b|gồm\b)[^\s:]+){0,4}?\s*(?::|\s+(?:có|gồm)\b:?)\s*"
                     r"(?:các đồng chí:|đồng chí\s+(?=\w+\s+[A-ZĐ]))?"
                     r"\s*(?P<list>.+?)\.?$", re.IGNORECASE)  # fmt: skip
_BASIS = re.compile(r"^((?:Thực hiện|Căn cứ|Theo)\s.+?),\s+([^,]+?)\s+tổ chức\s+(.+?)\.?$")
#: The basis and the account in one sentence, as giaoban writes it now: "Thực hiện …,
#: chiều ngày 21 tháng 2 năm 2024, tại …, Thường trực Huyện ủy tổ chức …".
_BASIS_WHEN = re.compile(
    rf"^((?:Thực hiện|Căn cứ|Theo)\s.+?),\s+((?:(?:sáng|chiều|tối)\s+)?{DATE_WORDS}\s*,\s*.+)$",
    re.IGNORECASE,
)
#: Who a person is called before the name ("đồng chí", "ông"), not part of it.
_ADDRESS = re.compile(r"^(?:đồng chí|đ/c|ông|bà)\s+", re.IGNORECASE)
_SPEECH = re.compile(r"^(.+?)\s+phát biểu\s+(.+?)\.?$")
_REPORT = re.compile(r"^Tại\s+[^,]+,\s+(?:(.+?)\s+trình bày|các đại biểu nghe)\s+(.+?)\.?$")
_ORGANIZATIONS = re.compile(r"^Các cơ quan, đơn vị tham gia:\s*(.+?)\.?$")
_CONCLUDER = re.compile(r"(?:đồng chí\s+(.+?)\s+)?kết luận(?: như sau)?:$", re.IGNORECASE)
_ASSIGN = re.compile(r"^Đề nghị\s+(.+?)\s*:$")
#: A deadline as giaoban writes it, in any words: "(thời hạn: hằng quý)".
_DUE = re.compile(r"\s*\(thời hạn:\s*(?P<d>[^()]+?)\)\s*$")
#: The deadline of the tasks listed without assignees, as giaoban writes it after them.
_SHARED = re.compile(r"^Thời hạn thực hiện các nhiệm vụ trên:\s*(?P<d>.+?)\.?$")
_DEADLINE = re.compile(
    r"\s*\((?:thời hạn:?\s*|hoàn thành\s+)?(?P<d>(?:trước\s+|trong\s+)?(?:ngày\s+)?"
    r"[^()]*?\d{4}|thường xuyên)\)\s*$",
    re.IGNORECASE,
)
_DEADLINE_INLINE = re.compile(
    r",?\s*(?P<d>(?:hoàn thành\s+)?(?:trước ngày|trong)\s+(?:ngày\s+)?"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|quý\s+[IV]+/\d{4}|năm\s+\d{4}|tháng\s+\d{1,2}/\d{4}))\s*$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"Số:?\s*(\d+)")
_HEADING = re.compile(r"^(?:[IVX]+|\d+)\s*[.\-–]\s*(.+)$")
#: A list's mark typed by hand: "- ", "+ ", "•", or a letter or number ("a)", "1.").
_BULLET = re.compile(r"^(?:[-–+•]\s*|(?:[a-zđ]\)|\d{1,2}[.)])\s+)")
_ORGANIZATION = re.compile(r"^[-–+•]\s*([^:;]{3,80}):\s+(.+)$")
_PROPOSAL = re.compile(r"^(.+?)\s+(?:đề xuất|kiến nghị|đề nghị)\s+(.+)$")

#: The parts of a notice or report by their headings' words, and the field each fills.
_PARTS = (
    ("tồn tại", "limitations"),
    ("hạn chế", "limitations"),
    ("đề xuất", "proposals"),
    ("kiến nghị", "proposals"),
    ("nhiệm vụ", "conclusions"),
    ("kết luận", "conclusions"),
    ("đánh giá", "assessment"),
    ("kết quả", "results"),
    ("tình hình", "account"),
)
_KINDS = {"THÔNG BÁO": "tb", "BÁO CÁO": "bc"}


@dataclass
class Facts:
    """What was found, as record fields, and what was not placed."""

    doc: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    #: Paragraphs kept where the clerk will see them, not in the field they belong to.
    unplaced: list[Paragraph] = field(default_factory=list)
    #: What the settings hold (giaoban.yaml), as the document shows it: the issuing
    #: body, the place, the signer and the recipients.
    settings: dict[str, Any] = field(default_factory=dict)


def tidy(text: str) -> str:
    """Text as a record keeps it: one space between words (a non-breaking space, a tab or
    a soft line break is one), NFC; dashes and quotes as typed, without the no-break joins
    giaoban writes into documents ("15‑KH/HND" is "15-KH/HND" again)."""
    return " ".join(unjoined(unicodedata.normalize("NFC", text)).split())


def _clause(text: str) -> str:
    """A sentence as records keep it: no list mark, no end mark."""
    return _BULLET.sub("", tidy(text)).rstrip(" ;.")


def _person(text: str) -> dict[str, Any] | str:
    """ "Phạm Thị Tố Hải, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận" (or "đồng chí Phạm
    Thị Tố Hải – Trưởng Ban Dân vận") as a person with titles; a group ("đại diện lãnh
    đạo các ban") stays text."""
    bare = _ADDRESS.sub("", tidy(text))
    dashed = re.match(r"^(.+?)\s+[–-]\s+(.+)$", bare)
    if dashed and _is_name(dashed[1]):
        parts = [dashed[1], *(p.strip() for p in dashed[2].split(",") if p.strip())]
    else:
        parts = [p.strip() for p in bare.split(",") if p.strip()]
    if not parts or not _is_name(parts[0]):
        return tidy(text)
    return {"name": parts[0], "titles": parts[1:]} if parts[1:] else {"name": parts[0]}


def _is_name(text: str) -> bool:
    """A person's full name: two to five words, each with a capital."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def read_facts(layout: Layout) -> Facts:
    facts = Facts()
    data = facts.data
    for p in layout.role("doc-type")[:1]:
        facts.doc = _KINDS.get(normal(p.shown).upper())
    registration: dict[str, Any] = {}
    for p in layout.role("doc-number")[:1]:
        number = _NUMBER.search(normal(p.text))
        if number:
            registration["number"] = int(number[1])
    if (issued := layout.issue_date()) is not None:
        registration["date"] = issued.isoformat()
    if registration and facts.doc:
        data["documents"] = {facts.doc: registration}
    for p in layout.role("doc-summary")[:1]:
        data["summary"] = tidy(p.text)
    _settings(layout, facts.settings)
    _body(layout, facts)
    data.pop("summary", None)
    kind = _kind(str(data.get("title", "")))
    if kind is not None:
        data["kind"] = kind
        if data.get("noun") == vocabulary().kinds[MeetingKind(kind)].noun:
            del data["noun"]
        _reviewed_period(MeetingKind(kind), data)
    if (level := _level(data, facts.settings)) is not None:
        data["level"] = level
    return facts


def _reviewed_period(kind: MeetingKind, data: dict[str, Any]) -> None:
    """A review states the period it reviews: the one its title names ("tổng kết công tác
    năm 2024"), else the one its date makes likely (what ``new`` writes). Another meeting
    states the period its title names ("giao ban … quý III năm 2024") when it was held in it
    or soon after, as ``validate`` accepts."""
    if "period" in data:
        return
    named = named_period(str(data.get("title", "")))
    if kind not in REVIEW_KINDS:
        if named is not None and "date" in data:
            day = dt.date.fromisoformat(data["date"])
            if named.start <= day <= named.end + dt.timedelta(days=REVIEW_GRACE_DAYS):
                data["period"] = str(named)
        return
    if named is None and "date" in data:
        named = likely_reviewed(kind, dt.date.fromisoformat(data["date"]))
    if named is not None:
        data["period"] = str(named)


def _level(data: dict[str, Any], settings: dict[str, Any]) -> str | None:
    """The meeting's level: the last level its name names ("… các tổ chức chính trị – xã
    hội huyện Tháp Mười" is a district's), else the convening body's ("Thường trực Tỉnh
    ủy"), else the issuing body's ("HUYỆN ỦY CAO LÃNH")."""
    words = vocabulary().reading
    by_word = {w.lower(): level for level, said in words.levels.items() for w in said}
    alternatives = "|".join(re.escape(w) for w in sorted(by_word, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)")
    for text in (data.get("title"), data.get("convened_by"), settings.get("issuing_body")):
        lowered = str(text or "").lower()
        for phrase in words.not_levels:
            lowered = lowered.replace(phrase.lower(), " ")
        found = pattern.findall(lowered)
        if found:
            return by_word[found[-1]].value
    return None


def _plain(text: str) -> str:
    """Vietnamese without its marks ("giao ban"), as the kinds' slugs are written."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _body(layout: Layout, facts: Facts) -> None:
    data = facts.data
    part = "account"
    assignees: list[str] | None = None
    body = [x.paragraph for x in layout.placed if x.role in ("body", "section", "subsection",
                                                             "point")]  # fmt: skip
    closing = body[-1] if body else None
    # A data table's cells fit no field of a record: kept where the clerk sees them.
    # (The header's and the closing's own lines, "(Đã ký)" among them, are not data.)
    facts.unplaced.extend(
        x.paragraph
        for x in layout.placed
        if x.role is None
        and x.paragraph.place.table
        and tidy(x.paragraph.text)
        and x.paragraph.place.table not in (layout.header_table, layout.closing_table)
    )
    # In a document giaoban wrote, the chair's appraisal opens its part: once something
    # else is read there, the rest is not appraisal.
    appraised = False
    # The tasks under the last lead-in, and the deadline it gives them all.
    group: list[dict[str, Any]] = []
    group_deadline: str | None = None
    for p in body:
        text = tidy(p.label + " " + p.text if p.label else p.text)
        if not text:
            continue  # an empty line typed in, or a paragraph deleted with its changes tracked
        heading = _HEADING.match(text)
        role = next((x.role for x in layout.placed if x.paragraph is p), None)
        if role in ("section", "subsection") and heading:
            words = heading[1].lower()
            part = next((f for key, f in _PARTS if key in words), "other")
            # giaoban prints the chair's appraisal among conclusions only under "Kết luận".
            assignees = None
            appraised = layout.styled and part == "conclusions" and "kết luận" not in words
            continue
        if (p is closing and len(body) > 1 and "thông báo" in text.lower()) or (
            p is closing and text.lower().startswith("trên đây")
        ):
            continue  # the closing sentence: the document type's own, not the meeting's
        if (concluder := _CONCLUDER.search(text)) is not None and len(text) < 200:
            if concluder[1]:
                name = _person(concluder[1])
                data.setdefault("concluded_by", name["name"] if isinstance(name, dict) else name)
            part = "conclusions" if part != "conclusions" or assignees is None else part
            continue
        if part == "account" and _account(text, data):
            continue
        if (assign := _ASSIGN.match(text)) is not None:
            # "Đề nghị X, Y (thời hạn: …):": the deadline the group's tasks share.
            names, shared = assign[1], _DUE.search(assign[1])
            if shared is not None:
                names = names[: shared.start()]
            assignees = [a.strip() for a in re.split(r",\s*(?![^()]*\))", names) if a.strip()]
            group, part = [], "conclusions"
            group_deadline = shared["d"].strip() if shared is not None else None
            continue
        if (
            part == "conclusions"
            and _BULLET.match(text)
            and (assignees is not None or layout.styled)
        ):  # giaoban lists tasks without assignees after the conclusions, with no lead-in
            if assignees is None:
                assignees, group, group_deadline = [], [], None
            directive = _directive(text, list(assignees))
            if group_deadline is not None:
                directive.setdefault("deadline", group_deadline)
            group.append(directive)
            data.setdefault("directives", []).append(directive)
            continue
        if assignees == [] and (shared := _SHARED.match(text)) is not None:
            for directive in group:  # "Thời hạn thực hiện các nhiệm vụ trên: …."
                directive.setdefault("deadline", shared["d"].strip())
            continue
        if part in ("results", "assessment") and (org := _ORGANIZATION.match(text)):
            data.setdefault("results", {}).setdefault("by_organization", []).append(
                _organization(org[1], org[2])
            )
            appraised = True
            continue
        if part in ("assessment", "results") or (part == "conclusions" and assignees is None):
            found = _judged(text, part, layout.styled, appraised)
            appraised = appraised or found != "assessment"
            if found == "results":
                _result(_clause(text), data.setdefault("results", {}), layout.styled)
            else:
                data.setdefault(found, []).append(_clause(text))
            continue
        if part in ("limitations", "conclusions"):
            data.setdefault(part, []).append(_clause(text))
            continue
        if part == "proposals" and (proposal := _PROPOSAL.match(_clause(text))) is not None:
            data.setdefault("proposals", []).append(_proposal(proposal[1], proposal[2]))
            continue
        facts.unplaced.append(p)
    for figure in data.get("results", {}).get("figures", []):
        figure.pop(_SAID, None)


def _said(text: str, words: list[str]) -> bool:
    """Whether ``text`` says one of ``words`` (whole words, any case)."""
    lowered = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", lowered) for w in words)


def _judged(text: str, part: str, styled: bool, appraised: bool) -> str:
    """The field of a sentence of the account's appraisal, results or conclusions, as a
    clerk tells them apart: the chair's appraisal ("ghi nhận", "đánh giá cao", "biểu
    dương"), a shortcoming ("tồn tại", "hạn chế", "chưa"), what was achieved ("đã", "đạt",
    "kết quả"); otherwise what its heading says. giaoban's own documents print the
    appraisal first, then the results (a notice under one heading), the appraisal then the
    conclusions (a report): only their opening sentences can be appraisal."""
    words = vocabulary().reading
    if styled:
        if not appraised and part != "results" and _said(text, words.assessment):
            return "assessment"
        return "conclusions" if part == "conclusions" else "results"
    if _said(text, words.assessment):
        return "assessment"
    if part == "results":
        return "results"
    opening = text.lower()
    if part == "conclusions" and any(opening.startswith(w.lower() + " ") for w in words.tasks):
        return "conclusions"
    if _said(text, words.limitations):
        return "limitations"
    if _said(text, words.results):
        return "results"
    return part


#: A figure's value and unit: "1.250 người", "12,5%", "trên 3 tỷ đồng" (a value in words
#: around its number is kept as written).
_FIGURE_VALUE = re.compile(
    r"^(?P<value>(?:[^\d\s][^\d]*?\s)?[+-]?\d[\d.,]*)(?:(?P<percent>%)|\s+(?P<unit>[^\d%()]{1,40}))?$"
)
_DIGITS = re.compile(r"[+-]?[\d.,]+")
#: The sentence a figure was read from, until the record is complete.
_SAID = "_said"
_STATED = re.compile(r"^(?P<label>.+?)\s+(?P<verb>đạt|là)\s+(?P<value>.+)$")
_LISTED = re.compile(r"^(?P<label>.+?)\s+(?P<value>(?:(?:trên|dưới|gần|khoảng|hơn)\s+)?"
                     r"[+-]?\d.*|không phát sinh)$")  # fmt: skip


def _figure_label(label: str) -> bool:
    """Whether ``label`` opens with a figure's word ("số", "tỷ lệ", "tổng trị giá")."""
    lowered = label.lower()
    return any(lowered == w or lowered.startswith(w + " ")
               for w in vocabulary().reading.figure_labels)  # fmt: skip


def _figure(label: str, value: str, stated: bool) -> dict[str, Any] | None:
    """The figure ``label`` … ``value`` says, its number read the Vietnamese way ("1.250" is
    1250, "1,5" one and a half); None when it clearly says none. ``stated`` (a sentence of
    its own, "… đạt 1.250 người"): a short label without commas will do; a figure in a
    list, or one in words ("hàng chục tỷ đồng"), needs a figure's word opening its label."""
    label = label.strip()
    named = _figure_label(label)
    short = len(label.split()) <= 10 and not re.search(r"[,;:]", label)
    if not label or not (named or (stated and short)):
        return None
    if value == vocabulary().figure_words.nothing:
        return {"label": label, "value": 0}
    found = _FIGURE_VALUE.match(value)
    if found is None:
        return {"label": label, "value": value} if named and stated else None
    number = read_number(found["value"])
    if number is None and _DIGITS.fullmatch(found["value"]):
        return None  # digits written another way ("1,250.5"): the text says it best
    figure: dict[str, Any] = {"label": label,
                              "value": found["value"] if number is None else number}  # fmt: skip
    unit = "%" if found["percent"] else found["unit"]
    if unit:
        figure["unit"] = unit.strip()
    return figure


def _result(text: str, results: dict[str, Any], styled: bool) -> None:
    """A result: a figure when the sentence states one ("Số hội viên mới đạt 1.250
    người"), else a general statement, as written. A notice giaoban wrote prints its
    figures after its general statements: there, a statement after what read as figures
    makes them statements again, as they were written."""
    stated = _STATED.match(text)
    figure = None
    if stated and (stated["verb"] == "đạt" or _figure_label(stated["label"])):
        figure = _figure(stated["label"], stated["value"], True)
    nothing = vocabulary().figure_words.nothing
    if figure is None and text.endswith(" " + nothing):  # a count of nothing has no verb
        figure = _figure(text.removesuffix(" " + nothing), nothing, False)
    if figure is None:
        if styled and results.get("figures") and not results.get("by_organization"):
            results.setdefault("general", []).extend(f.pop(_SAID) for f in results.pop("figures"))
        results.setdefault("general", []).append(text)
    else:
        results.setdefault("figures", []).append({**figure, _SAID: text})


def _organization(name: str, said: str) -> dict[str, Any]:
    """ "Hội Nông dân: vận động …; số hội viên mới 1.250 người, tỷ lệ … 12,5%": the
    organization's items, and its figures when its last part lists nothing else."""
    items = [i.strip() for i in said.rstrip(" ;.").split("; ") if i.strip()]
    found: dict[str, Any] = {"organization": name, "items": items}
    if items:
        openers = "|".join(re.escape(w) for w in vocabulary().reading.figure_labels)
        pieces = re.split(rf",\s+(?=(?:{openers})\s)", items[-1], flags=re.IGNORECASE)
        listed = [_LISTED.match(piece.strip()) for piece in pieces]
        figures = [_figure(m["label"], m["value"], False) if m else None for m in listed]
        if figures and all(figures):
            found["items"] = items[:-1]
            found["figures"] = figures
    return found


def _account(text: str, data: dict[str, Any]) -> bool:
    """The opening sentences: when and by whom, who chaired, who attended."""
    if "basis" not in data and (both := _BASIS_WHEN.match(text)) is not None:
        data["basis"] = both[1]
        return _account(both[2], data)
    if "date" not in data and (when := _WHEN.match(text)) is not None:
        try:
            day = dt.date(int(when["year"]), int(when["month"]), int(when["day"]))
        except ValueError:
            return False
        data["date"] = day.isoformat()
        if when["part"]:
            data["part_of_day"] = _part_of_day(when["part"])
        if when["hour"] and int(when["hour"]) < 24 and int(when["minute"] or 0) < 60:
            data["time"] = f"{int(when['hour']):02d}:{int(when['minute'] or 0):02d}"
        rest = when["rest"].strip()
        if (place := _PLACE.match(rest)) is not None:
            data["place"], rest = place[1], place[2]
        if (held := _HELD.match(rest)) is not None:
            _noun(held[1], data)
        elif (convened := _CONVENED.match(rest)) is not None and "convened_by" not in data:
            data["convened_by"] = convened[1].strip()
            data["title"] = convened[2].strip().rstrip(".")
        return True
    if "basis" not in data and (basis := _BASIS.match(text)) is not None:
        data["basis"], data["convened_by"], data["title"] = basis[1], basis[2], basis[3]
        return True
    if "chairs" not in data and (chair := _CHAIR.match(text)) is not None:
        data["chairs"] = [_person(c) for c in chair[1].split(";")]
        _noun(chair[2], data)
        return True
    if "chairs" not in data and (chairs := _CHAIR_LIST.match(text)) is not None:
        data["chairs"] = [_person(c) for c in chairs["list"].split(";") if c.strip()]
        return True
    if (attend := _ATTEND.match(text)) is not None:  # "Tham dự …", then "Đến dự …"
        data.setdefault("attendees", []).extend(
            _person(a) for a in attend["list"].split(";") if a.strip()
        )
        return True
    if (organizations := _ORGANIZATIONS.match(text)) is not None:
        data["organizations"] = _names(organizations[1])
        return True
    if (report := _REPORT.match(text)) is not None:
        found = {"title": report[2]}
        opening = report[2].lower()
        for code, word in vocabulary().report_kinds.items():
            if code != ReportKind.REPORT and opening.startswith(word.lower() + " "):
                found["kind"] = code.value
        data.setdefault("reports", []).append(
            {**found, "presented_by": report[1]} if report[1] else found
        )
        return True
    if (speech := _SPEECH.match(text)) is not None and "chairs" in data:
        by = (
            speech[1][:1].lower() + speech[1][1:] if speech[1].startswith("Đồng chí") else speech[1]
        )
        data.setdefault("discussion", []).append({"by": by, "content": speech[2]})
        return True
    return False


def _names(text: str) -> list[str]:
    """Names listed with commas, one of which may hold commas itself ("các sở, ngành, đơn
    vị liên quan"): a part in lower case that opens no common noun phrase continues the
    name before it."""
    openers = tuple(o.lower() + " " for o in vocabulary().common_openers)
    names: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if names and part[:1].islower() and not part.lower().startswith(openers):
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part)
    return names


def _noun(noun: str, data: dict[str, Any]) -> None:
    """What the document calls the meeting ("phiên làm việc"), kept when it is not the
    word of the meeting's kind."""
    kind = _kind(str(data.get("title", "")))
    if kind is None or vocabulary().kinds[MeetingKind(kind)].noun != noun.lower():
        data["noun"] = noun.lower()


def _kind(title: str) -> str | None:
    plain = _plain(title.lower())
    for code, words in vocabulary().kinds.items():
        if words.label.lower() in title.lower() or words.slug.replace("-", " ") in plain:
            return code.value
    return None


def _part_of_day(word: str) -> str:
    for code, words in vocabulary().parts_of_day.items():
        if words.lower() == word.lower():
            return code.value
    return word


def _directive(text: str, assignees: list[str]) -> dict[str, Any]:
    content = _clause(text)
    directive: dict[str, Any] = {"assignees": assignees}
    deadline = _DUE.search(content) or _DEADLINE.search(content) or _DEADLINE_INLINE.search(content)
    if deadline:
        content = content[: deadline.start()].rstrip(" ,;")
        directive["deadline"] = deadline["d"].strip()
    directive["content"] = content[:1].lower() + content[1:] if content[1:2].islower() else content
    return {"content": directive.pop("content"), **directive}


_TO = re.compile(r"\s*\(kiến nghị gửi\s+(?P<to>[^()]+)\)(?:\.\s+(?P<response>.+))?$")
#: The answer given after a proposal, a sentence of its own ("… vốn. Đã giao Sở …").
_RESPONSE = re.compile(r"\.\s+(?P<response>[A-ZĐÀ-Ỹ].*)$")


def _proposal(by: str, content: str) -> dict[str, Any]:
    """ "X đề xuất …(kiến nghị gửi A, B). Trả lời …": who, what, to whom, the answer."""
    found: dict[str, Any] = {"by": by, "content": content}
    ending = _TO.search(content) or _RESPONSE.search(content)
    if ending is not None:
        found["content"] = content[: ending.start()]
        if ending.groupdict().get("to"):
            found["to"] = [t.strip() for t in ending["to"].split(",") if t.strip()]
        if ending["response"]:
            found["response"] = ending["response"]
    return found


_SYMBOL = re.compile(r"[-/](?:TB|BC)[-/]([\wĐđ.\-]+)\s*$")


def _settings(layout: Layout, found: dict[str, Any]) -> None:
    """The issuing side, the place, the signer and the recipients the document shows."""
    parents = [tidy(p.text) for p in layout.role("parent-body")]
    if parents:
        found["parent_body"] = " ".join(parents)
    issuing = [tidy(p.text) for p in layout.role("issuing-body")]  # one name over two lines
    if issuing:
        found["issuing_body"] = " ".join(issuing)
    for p in layout.role("doc-number")[:1]:
        if (symbol := _SYMBOL.search(tidy(p.text))) is not None:
            found["issuer_symbol"] = symbol[1]
    for p in layout.role("place-date")[:1]:
        if (place := re.match(r"^(.+?),?\s+ngày\b", tidy(p.text))) is not None:
            found["place"] = place[1]
    lines = [tidy(line) for p in layout.role("recipients-label") + layout.role("recipient")
             for line in p.text.split("\n") if tidy(line)]  # fmt: skip
    entries = [line for line in lines if not line.lower().startswith("nơi nhận")]
    archive = [e for e in entries if re.match(r"^[-–]\s*Lưu\b", e)]
    recipients = [_BULLET.sub("", e).rstrip(" ;,.") for e in entries if e not in archive]
    if recipients:
        found["recipients"] = recipients
    if archive:
        found["archive"] = re.sub(r"^[-–]\s*Lưu:?\s*", "", archive[-1]).rstrip(" .")
    signature = [tidy(p.shown) for role in ("sig-authority", "sig-title", "sig-name")
                 for p in layout.role(role)]  # fmt: skip
    if len(signature) >= 2:
        found["signer"] = _signer(signature)


def _signer(lines: list[str]) -> dict[str, Any]:
    """ "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Lê Văn Bình" as the settings' signer (in capitals
    as shown: the documents print them so whatever the settings' case)."""
    first, name = lines[0], lines[-1]
    titles = lines[1:-1]
    for mode, prefixes in known_prefixes().items():
        for prefix in prefixes:
            if first.upper().startswith(prefix.upper() + " "):
                body = first[len(prefix) :].strip()
                if mode == "q":  # an acting head signs with the head's own title
                    return {"mode": mode, "title": body, "name": name}
                return {"mode": mode, "on_behalf_of": body, "title": " ".join(titles),
                        "name": name}  # fmt: skip
    return {"title": " ".join([first, *titles]), "name": name}
