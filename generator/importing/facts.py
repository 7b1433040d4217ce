"""The facts of a notice of conclusions or a short report, found in its paragraphs.

Built on the reader's layout (``reading.layout``): the header gives the
registration number and date and the place; the type line the document kind;
the closing table the recipients and the signer. The body is read as clerks
write it and as giaoban's templates write it: the opening sentence (when, who
convened, the meeting's name), "Đồng chí … chủ trì", "Tham dự … có …", headed
parts (assessment, shortcomings, tasks, proposals), "Đề nghị <đơn vị>:" then its
tasks, with their deadlines in the forms clerks use. A list's label ("a)", "1.",
"- ", Word's own) is set apart before any form is read; a heading says what follows
and is never content; lines a soft line break separates are read one by one.

Nothing typed is lost: a paragraph (or line) that fits no field is kept, with where it
stands, and a paragraph read in part (the opening, sentence by sentence) keeps what
fed no field the same way (``_kept``): no sentence is dropped for its neighbour's sake.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from generator.model.catalog import vocabulary
from generator.model.deadlines import named_period
from generator.model.kinds import REVIEW_KINDS, MeetingKind, ReportKind
from generator.model.periods import REVIEW_GRACE_DAYS, likely_reviewed
from generator.reading.document import Paragraph, Run
from generator.reading.layout import DATE_WORDS, Layout, known_prefixes, normal
from generator.vietnamese.text import read_number, unjoined

#: A day as the account gives it: "ngày 05 tháng 7 năm 2024" or "ngày 05/7/2024".
_DAY = (
    r"ngày\s+(?P<day>\d{1,2})(?:\s+tháng\s+|[/.-])(?P<month>\d{1,2})(?:\s+năm\s+|[/.-])"
    r"(?P<year>\d{4})"
)
#: The account's opening: "Chiều ngày 05/7/2024, …", "Vào lúc 8 giờ 30 sáng ngày …, …".
_WHEN = re.compile(
    r"^(?:vào\s+)?(?:lúc\s+(?P<hour>\d{1,2})\s*(?:giờ|h)\s*(?P<minute>\d{1,2})?\s*(?:phút)?"
    rf"\s*,?\s*)?(?:(?P<part>sáng|chiều|tối)\s+)?{_DAY}\s*,\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^tại\s+([^,]+),\s*(.+)$")
_CONVENED = re.compile(r"^(.+?)\s+(?:đã\s+)?tổ chức\s+(.+?)\.?$")
#: "Thường trực Huyện ủy làm việc với Đảng ủy xã về …": a working session.
_WORKED = re.compile(r"^(.+?)\s+(?:đã\s+)?(?:có\s+buổi\s+)?làm việc với\s+(.+?)\.?$")
_HELD = re.compile(r"^(.+?)\s+đã diễn ra\.?$")
_CHAIR = re.compile(r"^(?:Đồng chí|Đ/c|Các đồng chí:?)\s+(.+?),?\s+(?:đồng\s+)?chủ trì"
                    r"(?:\s+(.+?))?\.?$", re.IGNORECASE)  # fmt: skip
#: Two chairs in one sentence: "đồng chí A - Bí thư … và đồng chí B - Phó Bí thư …".
_AND_CHAIR = re.compile(r";\s*|\s+và\s+(?=(?:đồng chí|đ/c)\s)", re.IGNORECASE)
#: "cuộc họp về công tác chuyển đổi số …": what the meeting is called, then its subject.
_ABOUT = re.compile(r"^(?P<noun>cuộc họp|hội nghị|buổi làm việc|phiên họp)\s+về\s+.+$",
                    re.IGNORECASE)  # fmt: skip
#: "… tổ chức cuộc họp giao ban … do đồng chí X - Chủ tịch UBND xã chủ trì".
_CHAIRED_BY = re.compile(r"^(?P<title>.+?)\s+do\s+(?P<chair>(?:đồng chí|đ/c)\s+.+?)\s+chủ trì$",
                         re.IGNORECASE)  # fmt: skip
#: "Chủ trì: đồng chí …, Phó Bí thư Tỉnh ủy; …", "Chủ trì hội nghị: …".
_CHAIR_LIST = re.compile(r"^(?:Đồng\s+)?chủ trì(?:\s+(?!có\b)[^\s:]+){0,3}?\s*(?::|\s+có\b:?)\s*"
                         r"(?P<list>.+?)\.?$", re.IGNORECASE)  # fmt: skip
#: "Tham dự hội nghị có …", "Tham dự có …", "Thành phần tham dự: …", "Đến dự có …".
_ATTEND = re.compile(r"^(?:Thành phần tham dự|Tham dự|Đến dự|Về dự|Cùng dự|"
                     r"Dự(?!\s+(?:kiến|án|thảo|toán)\b))"
                     r"(?:\s+(?!có\b|gồm\b)[^\s:]+){0,4}?\s*(?::|\s+(?:có|gồm)\b:?)\s*"
                     r"(?:các đồng chí:|đồng chí\s+(?=\w+\s+[A-ZĐ]))?"
                     r"\s*(?P<list>.+?)\.?$", re.IGNORECASE)  # fmt: skip
_BASIS = re.compile(r"^((?:Thực hiện|Căn cứ|Theo)\s.+?),\s+([^,]+?)\s+tổ chức\s+(.+?)\.?$")
#: The basis and the account in one sentence, as giaoban writes it now: "Thực hiện …,
#: chiều ngày 21 tháng 2 năm 2024, tại …, Thường trực Huyện ủy tổ chức …".
_BASIS_WHEN = re.compile(
    rf"^((?:Thực hiện|Căn cứ|Theo)\s.+?),\s+((?:(?:sáng|chiều|tối)\s+)?(?:{DATE_WORDS}|ngày\s+"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*,\s*.+)$",
    re.IGNORECASE,
)
#: Who a person is called before the name ("đồng chí", "ông"), not part of it.
_ADDRESS = re.compile(r"^(?:đồng chí|đ/c|ông|bà)\s+", re.IGNORECASE)
_SPEECH = re.compile(r"^(.+?)\s+phát biểu\s+(.+?)\.?$")
_REPORT = re.compile(r"^Tại\s+[^,]+,\s+(?:(.+?)\s+trình bày|các đại biểu nghe)\s+(.+?)\.?$")
_ORGANIZATIONS = re.compile(r"^Các cơ quan, đơn vị tham gia:\s*(.+?)\.?$")
#: "…, đồng chí Bí thư Huyện ủy kết luận như sau:", "Đ/c Trưởng Ban … kết luận, đề nghị:": who
#: concludes is the clause before "kết luận" (after the last comma), not who spoke before.
_CONCLUDER = re.compile(
    r"(?:^|,\s*)(?P<address>(?:đồng chí|đ/c)\s+)?(?P<by>[^,]+?)\s+kết luận"
    r"(?:\s+như sau|,\s*(?:đề nghị|yêu cầu|giao))?:$"
    # "Kết luận cuộc họp, đồng chí Chủ tịch Hội Nông dân huyện đề nghị:"
    r"|^Kết luận (?:cuộc họp|hội nghị|buổi làm việc)[^,]*,\s*"
    r"(?P<address2>(?:đồng chí|đ/c)\s+)?(?P<by2>[^,]+?)\s+(?:đề nghị|yêu cầu):$",
    re.IGNORECASE,
)
_ASSIGN = re.compile(r"^Đề nghị\s+(.+?)\s*:$")
#: A task that names its own assignee ("Đề nghị Công an xã tăng cường …").
_ASKED = re.compile(r"^(?:Đề nghị|Giao|Yêu cầu)\s+\S")
#: A lead-in to tasks: "Thời gian tới, Chi bộ ấp Tân Lợi cần tập trung:", "…, Phó Chủ tịch
#: UBND huyện giao nhiệm vụ như sau:" (who gives them, not who does them).
_LEAD = re.compile(
    r"^(?:.*,\s*)?(?:(?P<who>[^,]+?)\s+(?:cần|phải|tiếp tục)\s+(?:tập trung|chú trọng|quan tâm"
    r"|thực hiện(?:\s+tốt)?)(?:\s+(?:một số|các|những))?(?:\s+(?:nội dung|nhiệm vụ)"
    r"(?:\s+trọng tâm)?)?|[^,]+?\s+giao nhiệm vụ(?:\s+cụ thể)?)(?:\s+(?:như\s+)?sau(?:\s+đây)?)?:$",
    re.IGNORECASE,
)
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
    r",?\s*(?:thực hiện\s+)?(?P<d>(?:hoàn thành\s+)?(?:trước ngày|trước|trong)\s+(?:ngày\s+)?"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|quý\s+[IV]+/\d{4}|năm\s+\d{4}|tháng\s+\d{1,2}/\d{4})"
    r"|thường xuyên)\s*$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"Số:?\s*(\d+)")
#: A list's label typed by hand: a bullet ("- ", "+ ", "•", not a rule "-----"), a letter
#: ("a)"), a number ("1.", "1.2.") or a Roman numeral ("II-", "III."). Word's own labels
#: are computed by the reader (``Paragraph.label``) and read the same way.
_BULLET = re.compile(
    r"^(?:[-–+•▪◦➢*](?![-–_*])\s*|(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|"
    r"[IVXL]+\s*[.\-–])\s+)"
)
_ORGANIZATION = re.compile(r"^[-–+•]\s*([^:;]{3,80}):\s+(.+)$")
_PROPOSED = re.compile(r"^(?:Đề xuất|Kiến nghị)(?:,\s*(?:đề xuất|kiến nghị))?\s*:\s*(.+)$",
                       re.IGNORECASE)  # fmt: skip
_PROPOSAL = re.compile(r"^(.+?)\s+(?:đề xuất|kiến nghị|đề nghị)\s+(.+)$")

#: The parts of a notice or report by their headings' words, and the field each fills.
_PARTS = (
    ("ưu điểm", "results"),
    ("khuyết điểm", "limitations"),
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
#: "Đối với đề xuất của Công an xã về việc …: giao …": a proposal, and its answer.
_ANSWERED = re.compile(r"^(?:Đối với|Về)\s+(?:các\s+)?(?:đề xuất|kiến nghị|đề nghị)\s+"
                       r"(?:của\s+)?(?P<by>.+?)\s+(?:về việc|về)\s+(?P<content>[^:]+?):\s*"
                       r"(?P<response>.+?)\.?$",
                       re.IGNORECASE)  # fmt: skip
#: Where a meeting's name begins in a summary ("Kết luận của … tại cuộc họp giao ban …").
_SUMMARY_TITLE = re.compile(r"(?:^|\s)((?:cuộc họp|hội nghị|buổi làm việc|phiên làm việc|"
                            r"phiên họp)\s.+?)\.?$", re.IGNORECASE)  # fmt: skip
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
    #: What the clerk must know of a paragraph read (a message id), beside what was kept.
    notes: list[tuple[Paragraph, str]] = field(default_factory=list)


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
        parts = [dashed[1], *_names(dashed[2])]  # "… Hội Nông dân 13 xã, thị trấn": one title
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
    dated = layout.role("place-date")[:1]
    if any(re.match(r"^\s*(?:DATE|TIME)\b", f, re.IGNORECASE) for p in dated for f in p.fields):
        # Word's DATE field shows the day the file is opened, not the day it was signed.
        facts.notes.append((dated[0], "import_date_field"))
    elif (issued := layout.issue_date()) is not None:
        registration["date"] = issued.isoformat()
    if registration and facts.doc:
        data["documents"] = {facts.doc: registration}
    _settings(layout, facts.settings)
    _body(layout, facts)
    # A summary typed over two lines is one: the meeting's name, when the account gives
    # none, is in it ("Kết luận của … tại buổi làm việc với Đảng ủy xã Mỹ An").
    summary = " ".join(tidy(p.text) for p in layout.role("doc-summary"))
    if "title" not in data and (named := _SUMMARY_TITLE.search(summary)) is not None:
        data["title"] = named[1]
    kind = _kind(str(data.get("title", ""))) or _kind(summary)
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
    title = str(data.get("title", ""))
    if re.search(r"\btháng\s+\d{1,2}(?:\s+năm\s+|/)\d{4}", title, re.IGNORECASE):
        return  # a month's meeting ("giao ban tháng 3 năm 2024") reviews no year
    named = named_period(title)
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
    title = data.get("title")
    if _WORKED.match(f"x {title}"):  # "buổi làm việc với Đảng ủy xã …": the host's level
        title = None
    for text in (title, data.get("convened_by"), settings.get("issuing_body")):
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
    roles = {id(x.paragraph): x.role for x in layout.placed}
    body = [x.paragraph for x in layout.placed if x.role in ("body", "section", "subsection",
                                                             "point")
            and not _page_number(x.paragraph)]  # fmt: skip
    closing = body[-1] if body else None
    # A table of tasks ("STT | Nội dung | Đơn vị thực hiện | Thời hạn") gives a task a row;
    # another data table's cells fit no field of a record: kept where the clerk sees them.
    # (The header's and the closing's own lines, "(Đã ký)" among them, are not data.)
    framing = (layout.header_table, layout.closing_table)
    cells = [x.paragraph for x in layout.placed
             if x.role is None and x.paragraph.place.table and tidy(x.paragraph.text)
             and x.paragraph.place.table not in framing]  # fmt: skip
    tabled: list[tuple[int, dict[str, Any]]] = []
    for number in dict.fromkeys(c.place.table for c in cells):
        table = [c for c in cells if c.place.table == number]
        tasks = _task_rows(table)
        if tasks is None:
            facts.unplaced.extend(table)
        else:
            tabled += tasks
    # In a document giaoban wrote, the chair's appraisal opens its part: once something
    # else is read there, the rest is not appraisal.
    appraised = False
    # The tasks under the last lead-in, the deadline it gives them all, and the kind of
    # label it has ("a)"): an item labelled alike is the next lead-in's peer, not its task.
    group: list[dict[str, Any]] = []
    group_deadline: str | None = None
    group_kind = ""
    tasks_heading = situation = False
    # The paragraph of the last lead-in ("… cần tập trung:"): its lines after a soft line
    # break are its tasks, labelled or not.
    led: Paragraph | None = None
    for p in body:
        while tabled and tabled[0][0] < p.index:  # a table's tasks, where the table stands
            data.setdefault("directives", []).append(tabled.pop(0)[1])
        if not tidy(p.text):
            continue  # an empty line typed in, or a paragraph deleted with its changes tracked
        whole = tidy(p.text)
        if (part == "account" and not p.label and not _BULLET.match(whole)
                and not (_CONCLUDER.search(whole) and len(whole) < 400)):  # fmt: skip
            # The opening is read sentence by sentence (over its soft line breaks: "Chủ
            # trì: …" lists its chairs on lines of their own); what fed no field is kept.
            rest = _opening(whole, data)
            if rest is not None:
                if rest:
                    facts.unplaced.append(_kept(p, rest))
                continue
        lines = _lines(p)
        for label, text in lines:
            kind = _label_kind(label)
            if group_kind and kind == group_kind:
                assignees = None  # "b) …" after "a) Đề nghị X:": X's tasks are over
            heading = _heading(label, text, roles.get(id(p)), layout.styled)
            if heading == "group":
                # "2.1. Đối với Hội Nông dân các xã, thị trấn": whom the tasks below are for.
                assignees = [_GROUP.sub("", text).rstrip(" :.")]
                group, part, group_kind, group_deadline = [], "conclusions", "", None
                continue
            if heading == "other":
                # A heading naming no part ("1. Công tác xây dựng tổ chức Hội") heads a
                # topic of the part it stands in: what follows stays there, and its own
                # words are kept where the clerk sees them, never dropped.
                facts.unplaced.append(p if len(lines) == 1 else _kept(p, f"{label} {text}"))
                part = "other" if part == "account" else part
                continue
            if heading is not None:
                part = heading
                # giaoban prints the chair's appraisal among conclusions only under "Kết luận".
                assignees = None
                appraised = (layout.styled and part == "conclusions"
                             and "kết luận" not in text.lower())  # fmt: skip
                # "2. Nhiệm vụ thời gian tới": the items under it are tasks, not results.
                tasks_heading = part == "conclusions" and "nhiệm vụ" in text.lower()
                # "I. TÌNH HÌNH CHUNG": the account first, then what the situation was (a
                # result); "TÌNH HÌNH HỘI NGHỊ" names the meeting: its account only.
                situation = part == "account" and not any(
                    noun in text.lower() for noun in _MEETING_NOUNS
                )
                continue
            if (p is closing and len(body) > 1 and "thông báo" in text.lower()) or (
                p is closing and text.lower().startswith("trên đây")
            ):
                continue  # the closing sentence: the document type's own, not the meeting's
            if (concluder := _CONCLUDER.search(text)) is not None and len(text) < 400:
                _concluded_by(concluder, data, layout.styled)
                part = "conclusions" if part != "conclusions" or assignees is None else part
                continue
            if part == "account" and (rest := _opening(text, data)) is not None:
                if rest:
                    facts.unplaced.append(_kept(p, rest))
                continue
            if (assign := _ASSIGN.match(text)) is not None:
                # "Đề nghị X, Y (thời hạn: …):": the deadline the group's tasks share.
                names, shared = assign[1], _DUE.search(assign[1])
                if shared is not None:
                    names = names[: shared.start()]
                assignees = _names(names)
                # Bullets alike on lead-ins and tasks ("- Đề nghị X:", "- …") end no group.
                group, part = [], "conclusions"
                group_kind = "" if kind == "bullet" else kind
                group_deadline = shared["d"].strip() if shared is not None else None
                continue
            if (lead := _LEAD.match(text)) is not None:
                # "Thời gian tới, Chi bộ ấp Tân Lợi cần tập trung:": its subject's tasks;
                # "…, Phó Chủ tịch UBND huyện giao nhiệm vụ như sau:": whoever each names.
                who = (lead["who"] or "").strip()
                if not who:  # the chair's own words before the tasks: a conclusion, kept
                    data.setdefault("conclusions", []).append(_clause(text))
                named = who and (_named_body(who) or who.startswith(_openers()))
                assignees, group, part, led = ([who] if named else []), [], "conclusions", p
                group_kind, group_deadline = ("" if kind == "bullet" else kind), None
                continue
            if (said := _PROPOSED.match(text)) is not None and (
                proposal := _PROPOSAL.match(_clause(said[1]))
            ) is not None:  # "Đề xuất: Hội Nông dân huyện đề xuất …", under any heading
                data.setdefault("proposals", []).append(_proposal(proposal[1], proposal[2]))
                continue
            if (answered := _ANSWERED.match(text)) is not None:
                data.setdefault("proposals", []).append(answered.groupdict())
                continue
            if (
                part == "conclusions"
                and (label or (led is p and assignees is not None))
                and kind != group_kind
                and (assignees is not None or layout.styled)
            ):  # giaoban lists tasks without assignees after the conclusions, with no lead-in
                if assignees is None:
                    assignees, group, group_deadline, group_kind = [], [], None, ""
                # "- Đề nghị Ban Chỉ huy Quân sự xã chuẩn bị …": its own assignee.
                directive = (_given(text) if _ASKED.match(text) else None) or _directive(
                    text, list(assignees)
                )
                if group_deadline is not None:
                    directive.setdefault("deadline", group_deadline)
                group.append(directive)
                data.setdefault("directives", []).append(directive)
                continue
            if (part == "conclusions" and not layout.styled
                    and (given := _given(text) or (_subject_task(text) if label and assignees
                                                   is None else None)) is not None):  # fmt: skip
                data.setdefault("directives", []).append(given)
                continue
            if part == "conclusions" and tasks_heading and label and not layout.styled:
                # A task under "Nhiệm vụ …" with no lead-in: the clerk names its assignee.
                data.setdefault("directives", []).append(_directive(text, []))
                continue
            if assignees == [] and (shared := _SHARED.match(text)) is not None:
                for directive in group:  # "Thời hạn thực hiện các nhiệm vụ trên: …."
                    directive.setdefault("deadline", shared["d"].strip())
                continue
            if part in ("results", "assessment") and (org := _ORGANIZATION.match(
                    f"- {text}" if label else text)):  # fmt: skip
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
            if part == "account" and situation:
                _result(_clause(text), data.setdefault("results", {}), layout.styled)
                continue
            facts.unplaced.append(p if len(lines) == 1 else _kept(p, f"{label} {text}".strip()))
    if tabled:
        data.setdefault("directives", []).extend(d for _, d in tabled)
    facts.unplaced.sort(key=lambda kept: kept.index)  # reported as the document runs
    for figure in data.get("results", {}).get("figures", []):
        figure.pop(_SAID, None)


#: The columns of a table of tasks, by the words of their headers.
_COLUMNS = (
    ("content", ("nội dung", "nhiệm vụ", "công việc")),
    ("assignees", ("đơn vị", "cơ quan", "chủ trì", "thực hiện", "phụ trách")),
    ("deadline", ("thời hạn", "thời gian", "hoàn thành")),
)


def _task_rows(table: list[Paragraph]) -> list[tuple[int, dict[str, Any]]] | None:
    """The tasks a table lists, a row each (with the index of its first paragraph), when
    a row of headers names a content and a unit column; else None."""
    rows: dict[int, dict[int, list[Paragraph]]] = {}
    for cell in table:
        rows.setdefault(cell.place.row, {}).setdefault(cell.place.cell, []).append(cell)
    headed = [(row, _columns(by_cell)) for row, by_cell in rows.items()]
    found = [
        (row, columns) for row, columns in headed if {"content", "assignees"} <= columns.keys()
    ]
    if not found:
        return None
    row, columns = found[0]
    tasks = []
    for number, by_cell in rows.items():
        if number <= row:
            continue
        text = {name: " ".join(tidy(c.text) for c in by_cell.get(column, []))
                for name, column in columns.items()}  # fmt: skip
        if not text["content"]:
            return None  # a row without a task: the table is not one of tasks
        directive = _directive(text["content"], _names(text["assignees"]))
        if text.get("deadline"):
            directive["deadline"] = text["deadline"].rstrip(" .;")
        first = min(c.index for cells in by_cell.values() for c in cells)
        tasks.append((first, directive))
    return tasks


def _columns(row: dict[int, list[Paragraph]]) -> dict[str, int]:
    """The columns a row of headers names ("Đơn vị thực hiện" the unit, not the content)."""
    columns: dict[str, int] = {}
    for column, said in row.items():
        header = " ".join(tidy(c.text) for c in said).lower()
        for name, words in _COLUMNS:
            if name not in columns and any(w in header for w in words) and len(header) < 40:
                columns[name] = column
                break
    return columns


def _page_number(p: Paragraph) -> bool:
    """A page's number typed into the body ("Trang {PAGE}"): the page's, not the meeting's."""
    return any(re.match(r"^\s*PAGE\b", f) for f in p.fields) and bool(
        re.fullmatch(r"(?:trang\s*)?\d+(?:\s*/\s*\d+)?", tidy(p.text), re.IGNORECASE)
    )


def _lines(p: Paragraph) -> list[tuple[str, str]]:
    """A paragraph's lines (a soft line break separates them, as a reader sees), each with
    its list label apart: Word's computed label on the first line, else the one typed."""
    found: list[tuple[str, str]] = []
    for n, line in enumerate(p.text.split("\n")):
        text = tidy(line)
        if not text:
            continue
        label = p.label.strip() if n == 0 else ""
        if (typed := _BULLET.match(text)) is not None:
            label, text = label or typed[0].strip(), text[typed.end() :]
        found.append((label, text))
    return found


def _label_kind(label: str) -> str:
    """What kind of label a list item has: "letter" ("a)"), "number" ("1.", "1.2."),
    "roman" ("II-"), "bullet" (any mark), or "" (none)."""
    if not label:
        return ""
    if re.fullmatch(r"[a-zđ]\)", label):
        return "letter"
    if re.fullmatch(r"\d[\d.)]*", label):
        return "number"
    if re.fullmatch(r"[IVXL]+\s*[.\-–]", label):
        return "roman"
    return "bullet"


def _heading(label: str, text: str, role: str | None, styled: bool) -> str | None:
    """The part a heading opens ("1. Đánh giá kết quả": the assessment), or None for a line
    that is no heading. A heading says what follows; it is never content itself. A
    typed heading is short, has no closing mark, is numbered or stands alone, and names
    a part; a heading the layout found (bold, numbered) may name none ("other")."""
    kind = _label_kind(label)
    words = text.lower()
    named = next((f for key, f in _PARTS if key in words), None)
    if (_GROUP.match(text) and not _ANSWERED.match(text) and len(text.split()) <= 14
            and kind in ("", "number", "roman", "letter")
            and not re.search(r"[.;,]$|:\s+\S", text)):  # fmt: skip
        return "group"  # "2.1. Đối với Hội Nông dân các xã, thị trấn": the tasks' assignee
    if role in ("section", "subsection") and kind in ("number", "roman"):
        return named or "other"
    if (not styled and kind in ("", "number", "roman") and named is not None
            and len(text.split()) <= 10 and not text.endswith((".", ";", ":", ","))
            and text[:1].isupper()):  # fmt: skip
        return named
    return None


#: "Đối với Hội Nông dân các xã, thị trấn:" heading tasks: their assignee.
_GROUP = re.compile(r"^Đối với\s+(?=\S)", re.IGNORECASE)


def _kept(p: Paragraph, text: str) -> Paragraph:
    """What of ``p`` fed no field, kept with ``p``'s place (its number, its look)."""
    return replace(p, runs=[Run(text, p.runs[0].format)] if p.runs else [])


#: Abbreviations a full stop ends without ending the sentence ("TP. Cao Lãnh").
_ABBREVIATED = ("TP", "Tp", "TT", "TX", "Q", "P", "TS", "ThS", "PGS", "GS", "BS", "CN")


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph: a full stop then a capital ends one."""
    found: list[str] = []
    start = 0
    for stop in re.finditer(r"\.\s+(?=\w)", text):
        following = text[stop.end() :]
        before = text[start : stop.start()].split()
        if following[:1].isupper() and before and before[-1] not in _ABBREVIATED:
            found.append(text[start : stop.start() + 1])
            start = stop.end()
    found.append(text[start:])
    return [s.strip() for s in found if s.strip()]


def _opening(text: str, data: dict[str, Any]) -> str | None:
    """The account's paragraph read sentence by sentence: None when no sentence of it is
    the account's; else what fed no field ("" when all did), to be kept and reported."""
    sentences = [part for sentence in _sentences(text)
                 for part in re.split(r";\s+(?=(?:cùng dự|tham dự|dự)\b)", sentence)]  # fmt: skip
    taken = [(sentence, _account(sentence, data)) for sentence in sentences]
    if all(rest is None for _, rest in taken):
        return None
    return " ".join(sentence if rest is None else rest for sentence, rest in taken
                    if rest != "")  # fmt: skip


def _concluded_by(concluder: re.Match[str], data: dict[str, Any], styled: bool) -> None:
    """Who concludes ("đồng chí Nguyễn Văn Hùng", "Thường trực Huyện ủy"); giaoban's own
    documents name a person only ("đồng chí …") when the record does."""
    by = re.sub(r"\s+thống nhất$", "", (concluder["by"] or concluder["by2"]).strip())
    addressed = concluder["address"] or concluder["address2"]
    if (styled and not addressed) or by.lower() in _MEETING_NOUNS:
        return
    name = _person(by)
    if isinstance(name, dict):
        data.setdefault("concluded_by", name["name"])
        return
    # "Đồng chí Bí thư Huyện đoàn kết luận": the chair who holds that title.
    titled = [c["name"] for c in data.get("chairs", []) if isinstance(c, dict)
              and any(t.lower().startswith(by.lower()) for t in c.get("titles", []))]  # fmt: skip
    data.setdefault("concluded_by", titled[0] if len(titled) == 1 else name)


#: What a sentence calls the meeting itself ("Hội nghị kết luận"): no one who concludes.
_MEETING_NOUNS = ("hội nghị", "cuộc họp", "buổi làm việc", "phiên làm việc", "phiên họp")


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
    if (stated and not re.search(r"\d|,$", stated["label"])
            and (stated["verb"] == "đạt" or _figure_label(stated["label"]))):  # fmt: skip
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


def _account(text: str, data: dict[str, Any]) -> str | None:
    """A sentence of the opening: when and by whom, who chaired, who attended. None when
    it is none of these; else what of it fed no field ("" when all of it did)."""
    if "basis" not in data and (both := _BASIS_WHEN.match(text)) is not None:
        data["basis"] = both[1]
        rest = _account(both[2], data)
        return both[2] if rest is None else rest
    if "date" not in data and (when := _WHEN.match(text)) is not None:
        try:
            day = dt.date(int(when["year"]), int(when["month"]), int(when["day"]))
        except ValueError:
            return None
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
            title = convened[2].strip().rstrip(".")
            if (chaired := _CHAIRED_BY.match(title)) is not None and "chairs" not in data:
                title = chaired["title"]
                data["chairs"] = [_person(chaired["chair"])]
            # "… tổ chức hội nghị trực tuyến … tại điểm cầu Hội trường …, kết nối …"
            if "place" not in data and (at := re.search(r"\s+tại\s+", title)) is not None:
                title, data["place"] = title[: at.start()], title[at.end() :]
            data["title"] = title
        elif (worked := _WORKED.match(rest)) is not None and "convened_by" not in data:
            data["convened_by"] = worked[1].strip()
            noun = vocabulary().kinds[MeetingKind.WORKING_SESSION].noun
            data["title"] = f"{noun} với {worked[2]}"
        elif "chairs" not in data and _CHAIR.match(rest) is not None:
            _account(rest, data)  # "…, đồng chí X - Phó Chủ tịch UBND huyện chủ trì cuộc họp về …"
        elif rest:
            return text  # the day is taken; the rest of the sentence is kept whole
        return ""
    if "basis" not in data and (basis := _BASIS.match(text)) is not None:
        data["basis"], data["convened_by"], data["title"] = basis[1], basis[2], basis[3]
        return ""
    if "chairs" not in data and (chair := _CHAIR.match(text)) is not None:
        data["chairs"] = [_person(c) for c in _AND_CHAIR.split(chair[1]) if c.strip()]
        said = (chair[2] or "").strip()
        if (about := _ABOUT.match(said)) is not None and "title" not in data:
            data["title"] = said  # "chủ trì cuộc họp về công tác …": the meeting's name
            said = about["noun"]
        if said:
            _noun(said, data)
        return ""
    if "chairs" not in data and (chairs := _CHAIR_LIST.match(text)) is not None:
        listed = re.sub(r"\s+(?:đồng\s+)?chủ trì$", "", chairs["list"], flags=re.IGNORECASE)
        data["chairs"] = [_person(c) for c in _AND_CHAIR.split(listed) if c.strip()]
        return ""
    if (attend := _ATTEND.match(text)) is not None:  # "Tham dự …", then "Đến dự …"
        data.setdefault("attendees", []).extend(
            _person(a) for a in attend["list"].split(";") if a.strip()
        )
        return ""
    if (organizations := _ORGANIZATIONS.match(text)) is not None:
        data["organizations"] = _names(organizations[1])
        return ""
    if (report := _REPORT.match(text)) is not None:
        found = {"title": report[2]}
        opening = report[2].lower()
        for code, word in vocabulary().report_kinds.items():
            if code != ReportKind.REPORT and opening.startswith(word.lower() + " "):
                found["kind"] = code.value
        data.setdefault("reports", []).append(
            {**found, "presented_by": report[1]} if report[1] else found
        )
        return ""
    if (speech := _SPEECH.match(text)) is not None and "chairs" in data:
        by = (
            speech[1][:1].lower() + speech[1][1:] if speech[1].startswith("Đồng chí") else speech[1]
        )
        data.setdefault("discussion", []).append({"by": by, "content": speech[2]})
        return ""
    return None


def _names(text: str) -> list[str]:
    """Names listed with commas, one of which may hold commas itself ("các sở, ngành, đơn
    vị liên quan"): a part in lower case that opens no common noun phrase continues the
    name before it."""
    openers = tuple(o.lower() + " " for o in vocabulary().common_openers)
    names: list[str] = []
    for part in (p.strip() for p in re.split(r",(?![^()]*\))", text)):
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
    common = content[1:2].islower() and not _named_body(content)
    directive["content"] = content[:1].lower() + content[1:] if common else content
    return {"content": directive.pop("content"), **directive}


def _openers() -> tuple[str, ...]:
    """How a common noun phrase naming bodies opens ("Các ", "Những ")."""
    return tuple(o + " " for o in vocabulary().common_openers)


def _given(text: str) -> dict[str, Any] | None:
    """ "Giao công chức Tài chính - Kế toán chủ trì, phối hợp …": a task and its assignee in
    one sentence (the assignee a few words without commas, then what a task opens with)."""
    words = vocabulary().reading
    verbs = "|".join(re.escape(v) for v in sorted({*words.given, *words.tasks} - {"đề nghị"},
                                                   key=len, reverse=True))  # fmt: skip
    found = re.match(rf"^(?:Giao|Đề nghị|Yêu cầu)\s+(?P<who>[^,;:]+?)\s+(?P<task>(?:{verbs})\b.+)$",
                     text)  # fmt: skip
    if found is None or len(found["who"].split()) > 10:
        return None
    return _directive(found["task"], [found["who"]])


def _subject_task(text: str) -> dict[str, Any] | None:
    """ "- Các đoàn thể huyện tiếp tục nhân rộng …" under "… kết luận, đề nghị:": a task
    whose assignee is its subject, a body's name or a common noun phrase ("Các …") before
    the first word a task opens with."""
    words = vocabulary().reading
    verbs = "|".join(re.escape(v) for v in sorted({*words.tasks, *words.given}, key=len,
                                                   reverse=True))  # fmt: skip
    found = re.search(rf"\s(?:{verbs})(?!\w)", text)
    if found is None:
        return None
    subject = text[: found.start()].strip(" ,")
    openers = tuple(o + " " for o in vocabulary().common_openers)
    if len(subject.split()) > 12 or not (_named_body(subject) or subject.startswith(openers)):
        return None
    return _directive(text[found.start() :].strip(), [subject])


def _named_body(text: str) -> bool:
    """Whether ``text`` opens with a body's name ("Ủy ban MTTQ tỉnh", "Sở Nội vụ"), whose
    capital is the name's, not the sentence's."""
    words = text.split()
    for opener in vocabulary().reading.bodies:
        size = len(opener.split())
        if words[:size] != opener.split() or len(words) <= size:
            continue
        if size > 1 or opener.isupper() or words[size][:1].isupper():
            return True
    return False


_TO = re.compile(r"\s*\(kiến nghị gửi\s+(?P<to>[^()]+)\)(?:\.\s+(?P<response>.+))?$")
#: The answer given after a proposal, a sentence of its own ("… vốn. Đã giao Sở …") or
#: after a colon ("… Hội thao: Thường trực Huyện ủy thống nhất, giao …").
_RESPONSE = re.compile(r"(?:\.|:)\s+(?P<response>[A-ZĐÀ-Ỹ].*)$")


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
    # One name over two lines; a header typed with tabs has the national side after them.
    issuing = [tidy(p.text.strip().split("\t")[0]) for p in layout.role("issuing-body")]
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
