"""``giaoban import``: notices and reports in DOCX read back into records.

Documents giaoban wrote come back exact (rendering the imported record gives the
same paragraphs); edits made in the DOCX land in their fields; a notice typed by
hand gives the facts written by hand below; nothing typed is ever dropped.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import import_document, import_draft, render, validate
from generator.cli.command import main
from generator.errors import InputError
from generator.importing.facts import tidy
from generator.reading.document import read_document
from generator.vietnamese.text import clause, lower_first

from readback import saved_by_libreoffice

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"
SETTINGS = EXAMPLES.parent / "giaoban.yaml"


def _workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    (folder / "records").mkdir(parents=True)
    shutil.copy(SETTINGS, folder / "giaoban.yaml")
    return folder


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path).paragraphs]


def _import_and_render(docx: Path, folder: Path, profile: str) -> Path:
    """The record imported from ``docx`` rendered again, as ``docx``'s kind (a folder of
    its own: a notice and a report of one meeting are one meeting's record)."""
    name = docx.stem.replace(".", "-")
    records = folder / "records" / name
    assert main(["import", "--dir", str(records), "--id", name, str(docx)]) == 0
    doc = docx.stem.rsplit(".", 1)[1]
    written = render(
        [records / f"{name}.yaml"],
        docs=(doc,),
        formats=("docx",),
        profile=profile,
        out=folder / "out",
    )
    (path,) = [o.path for o in written.outputs]
    return path


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_every_example_renders_the_same_after_import(profile: str, tmp_path: Path) -> None:
    written = render(
        [EXAMPLES], docs=("tb", "bc"), formats=("docx",), profile=profile, out=tmp_path / "first"
    )
    folder = _workspace(tmp_path)
    assert len(written.outputs) == 10
    for output in written.outputs:
        imported = import_draft(output.path)
        assert imported.unplaced == [], output.path.name
        assert import_document(output.path, settings=SETTINGS).meeting.title  # a valid record
        again = _import_and_render(output.path, folder, profile)
        assert _texts(again) == _texts(output.path), output.path.name


def _notice(tmp_path: Path, profile: str = "hd05") -> Path:
    (path,) = [
        o.path
        for o in render(
            [EXAMPLES / "2024-02-20-lam-viec-huyen-thap-muoi.yaml"],
            docs=("tb",),
            formats=("docx",),
            profile=profile,
            out=tmp_path / "first",
        ).outputs
    ]
    return path


def test_edits_made_in_word_are_in_the_record(tmp_path: Path) -> None:
    path = _notice(tmp_path)
    doc = Document(str(path))
    cells = [p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    number = next(p for p in cells if p.text.startswith("Số"))
    number.runs[0].text = "Số 07-TB/TU"
    date = next(p for p in cells if "ngày" in p.text)
    date.runs[0].text = "Đồng Tháp, ngày 27 tháng 02 năm 2024"
    start = next(i for i, p in enumerate(doc.paragraphs) if p.text.startswith("Đề nghị"))
    tasks = [p for p in doc.paragraphs[start:] if p.text.startswith("- ")]
    reworded, deleted = tasks[0], tasks[1]
    new_task = "- Tiếp tục đổi mới mạnh mẽ phương thức hoạt động (thời hạn: thường xuyên);"
    reworded.runs[0].text = new_task
    deleted._p.getparent().remove(deleted._p)
    reworded._p.addnext(Document().add_paragraph("- Rà soát hội viên.")._p)
    heading = next(i for i, p in enumerate(doc.paragraphs) if p.text.endswith("Đánh giá kết quả"))
    assessment = doc.paragraphs[heading + 1]
    for run in assessment.runs[1:]:
        run.text = ""
    assessment.runs[0].text = "Biểu dương khối vận huyện hoàn thành xuất sắc các nhiệm vụ năm 2023."
    doc.save(str(path))
    imported = import_draft(path)
    assert imported.data["documents"] == {"tb": {"number": 7, "date": "2024-02-27"}}
    contents = [d["content"] for d in imported.data["directives"]]
    assert contents[0] == "tiếp tục đổi mới mạnh mẽ phương thức hoạt động"
    assert imported.data["directives"][0]["deadline"] == "thường xuyên"
    assert "rà soát hội viên" in contents
    assert not any(c.startswith("tổ chức sơ kết") for c in contents)
    # The chair's assessment as rewritten; the results printed after it under the same
    # heading come back as results, the figures as numbers with their units.
    assert imported.data["assessment"] == [
        "Biểu dương khối vận huyện hoàn thành xuất sắc các nhiệm vụ năm 2023"
    ]
    results = imported.data["results"]
    assert results["general"][0].startswith("Năm 2023, khối vận huyện hoàn thành tốt")
    assert results["figures"] == [
        {"label": "Số tiền vận động xây dựng nhà đại đoàn kết", "value": "trên 3",
         "unit": "tỷ đồng"}
    ]  # fmt: skip
    (organization,) = results["by_organization"]
    assert organization["figures"] == [{"label": "số hội viên mới", "value": 1250,
                                        "unit": "người"}]  # fmt: skip


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_notice_saved_again_by_libreoffice_imports_the_same(tmp_path: Path) -> None:
    path = _notice(tmp_path, "nd30")
    (saved,) = saved_by_libreoffice([path], tmp_path / "saved")
    assert import_draft(saved).data == import_draft(path).data


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Edit(sPath As String, sOut As String, sEdits As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sPath), &quot;_blank&quot;, 0, args())
  aEdits = Split(sEdits, &quot;|&quot;)
  For i = 0 To UBound(aEdits) - 1 Step 2
    oRep = oDoc.createReplaceDescriptor()
    oRep.SearchRegularExpression = True
    oRep.SearchString = aEdits(i)
    oRep.ReplaceString = aEdits(i + 1)
    oDoc.replaceAll(oRep)
  Next i
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;MS Word 2007 XML&quot;
  oDoc.storeToURL(ConvertToURL(sOut), out())
  oDoc.close(True)
End Sub
</script:module>
"""


def _edit_in_libreoffice(
    source: Path, target: Path, edits: list[tuple[str, str]], work: Path
) -> None:
    """Find-and-replace (regular expressions) made by LibreOffice itself, through a Basic
    macro run headless, and the document saved by it as DOCX."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice
    profile = work / "lo"
    start = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    # The first start makes the user profile and its Standard library; then the macro.
    subprocess.run(
        [*start, "--convert-to", "txt", "--outdir", str(work / "txt"), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    pairs = "|".join(f"{find}|{replace}" for find, replace in edits)
    url = f'macro:///Standard.Module1.Edit("{source}","{target}","{pairs}")'
    subprocess.run([*start, url], check=True, capture_output=True, timeout=300)
    assert target.exists()


@pytest.mark.slow
@pytest.mark.libreoffice
def test_edits_made_by_libreoffice_are_in_the_record(tmp_path: Path) -> None:
    path = _notice(tmp_path)
    edited = tmp_path / "edited.docx"
    _edit_in_libreoffice(
        path,
        edited,
        [
            ("^Số .*-TB/TU$", "Số 09-TB/TU"),
            ("^Đồng Tháp, ngày .*năm 2024$", "Đồng Tháp, ngày 26 tháng 02 năm 2024"),
            ("^- Tổ chức sơ kết.*$", ""),
            ("(- Báo cáo kết quả vận động vốn)", "$1 cho Văn phòng Tỉnh ủy"),
            ("^(- Tiếp tục đổi mới nội dung.*)$", "$1\\n- Rà soát hội viên mới;"),
        ],
        tmp_path,
    )
    imported = import_draft(edited)
    assert imported.data["documents"] == {"tb": {"number": 9, "date": "2024-02-26"}}
    contents = [d["content"] for d in imported.data["directives"]]
    assert "báo cáo kết quả vận động vốn cho Văn phòng Tỉnh ủy về Ban Dân vận Tỉnh ủy" in contents
    assert "rà soát hội viên mới" in contents
    assert not any(c.startswith("tổ chức sơ kết") for c in contents)
    assert imported.unplaced == []


def _hand_typed(path: Path, numbered: bool) -> Path:
    """A notice as a clerk types it: direct formatting, a borderless header table, tasks
    under "Đề nghị …:" typed "- " or in Word's own bulleted list, deadlines in words."""
    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    for cell, text in (
        (header.cell(0, 0), "UBND TỈNH ĐỒNG THÁP\nVĂN PHÒNG"),
        (header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (header.cell(1, 0), "Số: 15/TB-VP"),
        (header.cell(1, 1), "Đồng Tháp, ngày 12 tháng 6 năm 2024"),
    ):
        cell.paragraphs[0].add_run(text).font.size = Pt(13)
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    for text in (
        "THÔNG BÁO",
        "Kết luận của Phó Chủ tịch UBND tỉnh tại Hội nghị giao ban công tác dân vận",
    ):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    body = [
        "Sáng ngày 10 tháng 6 năm 2024, tại Hội trường UBND tỉnh, Ủy ban nhân dân tỉnh tổ "
        "chức Hội nghị giao ban công tác dân vận quý II năm 2024.",
        "Đồng chí Nguyễn Văn Bình, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.",
        "Tham dự hội nghị có các đồng chí: Lê Thị Hoa, Giám đốc Sở Nội vụ; Trần Văn Cường, "
        "Chủ tịch Hội Nông dân tỉnh.",
        "Hội nghị diễn ra trong không khí dân chủ, thẳng thắn.",
        "Sau khi nghe ý kiến các đại biểu, đồng chí Nguyễn Văn Bình kết luận như sau:",
        "Đề nghị Sở Nội vụ, Hội Nông dân tỉnh:",
    ]
    for text in body:
        doc.add_paragraph(text)
    tasks = [
        "Rà soát, tổng hợp mô hình dân vận khéo (hoàn thành trong quý III/2024);",
        "Báo cáo kết quả về Văn phòng trước ngày 30/6/2024.",
    ]
    for task in tasks:
        if numbered:
            doc.add_paragraph(task, style="List Bullet")
        else:
            doc.add_paragraph("- " + task)
    doc.add_paragraph("Ngoài ra, cần chú ý công tác phòng chống bão lũ ở vùng trũng.")
    doc.add_paragraph("Văn phòng thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    closing = doc.add_table(rows=1, cols=2)
    closing.cell(0, 0).paragraphs[0].add_run("Nơi nhận:\n- Các sở, ngành;\n- Lưu: VT.")
    closing.cell(0, 1).paragraphs[0].add_run("TL. CHỦ TỊCH")
    closing.cell(0, 1).add_paragraph("CHÁNH VĂN PHÒNG")
    closing.cell(0, 1).add_paragraph("Phạm Minh Đức")
    doc.save(str(path))
    return path


@pytest.mark.parametrize("numbered", [False, True])
def test_a_hand_typed_notice_gives_the_facts_written_in_it(numbered: bool, tmp_path: Path) -> None:
    imported = import_draft(_hand_typed(tmp_path / "tb.docx", numbered))
    data = imported.data
    assert imported.doc == "tb"
    assert data["documents"] == {"tb": {"number": 15, "date": "2024-06-12"}}
    assert (data["date"], data["part_of_day"], data["place"]) == (
        "2024-06-10",
        "morning",
        "Hội trường UBND tỉnh",
    )
    assert data["convened_by"] == "Ủy ban nhân dân tỉnh" and data["kind"] == "briefing"
    assert data["chairs"] == [{"name": "Nguyễn Văn Bình", "titles": ["Phó Chủ tịch UBND tỉnh"]}]
    assert [a["name"] for a in data["attendees"]] == ["Lê Thị Hoa", "Trần Văn Cường"]
    assert data["concluded_by"] == "Nguyễn Văn Bình"
    assert data["directives"] == [
        {
            "content": "rà soát, tổng hợp mô hình dân vận khéo",
            "assignees": ["Sở Nội vụ", "Hội Nông dân tỉnh"],
            "deadline": "trong quý III/2024",
        },
        {
            "content": "báo cáo kết quả về Văn phòng",
            "assignees": ["Sở Nội vụ", "Hội Nông dân tỉnh"],
            "deadline": "trước ngày 30/6/2024",
        },
    ]
    # Nothing is dropped: the sentence with no field of its own is kept and located.
    assert data["conclusions"] == ["Ngoài ra, cần chú ý công tác phòng chống bão lũ ở vùng trũng"]
    (kept,) = imported.unplaced
    assert kept.text.startswith("Hội nghị diễn ra")
    assert f'not placed: paragraph {kept.index} ("Hội nghị diễn ra' in imported.yaml()


def test_the_record_written_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _workspace(tmp_path)
    source = _hand_typed(tmp_path / "tb.docx", numbered=False)
    assert main(["import", "--dir", str(folder / "records"), str(source)]) == 0
    out = capsys.readouterr()
    assert "wrote" in out.out and "not placed, kept among the chair's conclusions" in out.err
    (record,) = (folder / "records").glob("*.yaml")
    assert record.name == "2024-06-10-giao-ban.yaml"
    (loaded,) = validate([record])
    assert loaded.meeting.directives[1].deadline == "trước ngày 30/6/2024"
    before = record.read_bytes()
    assert main(["import", "--dir", str(folder / "records"), "--id", record.stem, str(source)]) == 5
    assert record.read_bytes() == before
    other = folder / "other"
    assert main(["import", "--dir", str(other), "--kind", "working_session", str(source)]) == 0
    second = other / "2024-06-10-lam-viec.yaml"  # the kind as given, and its name
    assert validate([second])[0].meeting.kind == "working_session"


def test_a_document_imported_again_is_not_written_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same notice imported again (or a copy of it, or another record of that meeting
    typed by hand) stops with exit 5 like ``new`` when a name is taken, naming the record
    that holds the meeting: no second record "…-2" of one meeting."""
    folder = _workspace(tmp_path)
    records = folder / "records"
    source = _hand_typed(tmp_path / "tb.docx", numbered=False)
    assert main(["import", "--dir", str(records), str(source)]) == 0
    (first,) = records.glob("*.yaml")
    capsys.readouterr()
    copy_of = shutil.copy(source, tmp_path / "copy.docx")
    for again in (["--kind", "working_session", str(source)], ["--id", "khac", str(copy_of)]):
        assert main(["import", "--dir", str(records), *again]) == 5
        err = capsys.readouterr().err
        assert str(first) in err and "10/06/2024" in err and "twice" in err
    assert list(records.glob("*.yaml")) == [first]
    # A meeting of another day with the same name is another meeting.
    doc = Document(str(source))
    opening = next(p for p in doc.paragraphs if p.text.startswith("Sáng ngày"))
    opening.runs[0].text = opening.text.replace("10 tháng 6", "11 tháng 6")
    for run in opening.runs[1:]:
        run.text = ""
    doc.save(str(tmp_path / "next-day.docx"))
    assert main(["import", "--dir", str(records), str(tmp_path / "next-day.docx")]) == 0
    # A record typed by hand for the meeting counts as well, by its registration.
    first.rename(records / "typed-by-hand.yaml")
    (records / "2024-06-11-giao-ban.yaml").unlink()
    text = (records / "typed-by-hand.yaml").read_text(encoding="utf-8")
    (records / "typed-by-hand.yaml").write_text(
        text.replace("title: ", "title: Tên khác ").replace("'2024-06-10'", "10/6/2024"),
        encoding="utf-8",
    )
    assert main(["import", "--dir", str(records), str(source)]) == 5
    assert "typed-by-hand.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old binary Word"),
        (b"%PDF-1.4\n", "this is a PDF"),
    ],
)
def test_bad_input_writes_nothing(
    content: bytes, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _workspace(tmp_path)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    good = _hand_typed(tmp_path / "tb.docx", numbered=False)
    assert main(["import", "--dir", str(folder / "records"), str(good), str(bad)]) == 1
    assert words in capsys.readouterr().err
    assert list((folder / "records").iterdir()) == []


def test_a_document_that_is_not_a_notice_is_refused(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Kính gửi: Ông Nguyễn Văn A")
    doc.add_paragraph("Chúng tôi xin mời ông đến dự buổi họp mặt.")
    doc.save(str(tmp_path / "letter.docx"))
    with pytest.raises(InputError, match="not recognised as a notice or a report"):
        import_draft(tmp_path / "letter.docx")


_WORDS = st.sampled_from(
    [
        "tiếp tục",
        "rà soát",
        "các mô hình",
        "hội viên",
        "vận động",
        "nâng cao",
        "chất lượng",
        "cơ sở",
        "đoàn viên",
        "thi đua",
    ]
)


_NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Minh Đức", "Võ Thị Lan"]
_TITLES = ["Phó Bí thư Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy",
           "Chủ tịch Hội Nông dân tỉnh", "Giám đốc Sở Nội vụ"]  # fmt: skip
_UNITS = ["Hội Nông dân tỉnh", "Tỉnh Đoàn", "Hội Cựu chiến binh tỉnh", "Sở Nội vụ"]
_PHRASE = st.lists(_WORDS, min_size=2, max_size=6).map(" ".join)


def _person() -> st.SearchStrategy[dict[str, object]]:
    return st.builds(
        lambda name, titles: {"name": name, "titles": titles},
        st.sampled_from(_NAMES),
        st.lists(st.sampled_from(_TITLES), max_size=2, unique=True),
    )


def _figure(capital: bool) -> st.SearchStrategy[dict[str, object]]:
    labels = ["Số hội viên mới", "Số mô hình được công nhận", "Tỷ lệ hộ khá", "Số tiền vận động"]
    values = st.one_of(
        st.integers(0, 20_000_000),
        st.integers(1, 99_999).filter(lambda n: n % 10).map(lambda n: n / 10),
        st.sampled_from(["trên 3", "hơn 1.000", "gần 500"]),
    )
    return st.builds(
        lambda label, value, unit: {"label": label if capital else label.lower(),
                                    "value": value, **({"unit": unit} if unit else {})},
        st.sampled_from(labels), values, st.sampled_from([None, "người", "%", "tỷ đồng"]),
    )  # fmt: skip


def _deadline() -> st.SearchStrategy[object]:
    words = ["trong quý IV/2024", "thường xuyên", "trước ngày 31/12/2024", "hằng quý"]
    days = st.dates(dt.date(2024, 10, 1), dt.date(2025, 6, 30)).map(dt.date.isoformat)
    return st.one_of(st.none(), st.sampled_from(words), days)


def _signer() -> st.SearchStrategy[dict[str, object]]:
    forms = {None: (None, "Trưởng Ban"), "tm": ("Ban Thường vụ", "Phó Bí thư"),
             "kt": ("Bí thư", "Phó Bí thư"), "tl": ("Ban Thường vụ", "Chánh Văn phòng"),
             "q": (None, "Chánh Văn phòng")}  # fmt: skip
    return st.builds(
        lambda mode, name: {k: v for k, v in {"mode": mode, "on_behalf_of": forms[mode][0],
                            "title": forms[mode][1], "name": name}.items() if v},
        st.sampled_from(list(forms)), st.sampled_from(_NAMES),
    )  # fmt: skip


_MEETINGS = st.fixed_dictionaries(
    {
        "chairs": st.lists(_person(), min_size=1, max_size=2, unique_by=lambda p: p["name"]),
        "attendees": st.lists(
            st.one_of(
                _person(),
                st.sampled_from(["đại diện lãnh đạo các ban Đảng", "đại diện các sở, ngành tỉnh"]),
            ),
            max_size=3,
            unique_by=lambda a: str(a.get("name") if isinstance(a, dict) else a),
        ),
        "date": st.dates(dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        "part_of_day": st.sampled_from([None, "morning", "afternoon", "evening"]),
        "place": st.sampled_from([None, "Hội trường Tỉnh ủy", "Phòng họp số 2"]),
        "assessment": st.lists(
            st.builds(
                "{} {}".format, st.sampled_from(["Ghi nhận", "Biểu dương", "Đánh giá cao"]), _PHRASE
            ),
            max_size=2,
        ),
        "general": st.lists(_PHRASE.map("Các đơn vị {}".format), max_size=2),
        "figures": st.lists(_figure(capital=True), max_size=2),
        "by_organization": st.lists(
            st.builds(
                lambda unit, items, figures: {
                    "organization": unit,
                    "items": items,
                    "figures": figures,
                },
                st.sampled_from(_UNITS),
                st.lists(_PHRASE, max_size=2),
                st.lists(_figure(capital=False), max_size=2),
            ).filter(lambda o: o["items"] or o["figures"]),
            max_size=2,
            unique_by=lambda o: o["organization"],
        ),
        "limitations": st.lists(_PHRASE.map("Một số {}".format), max_size=2),
        "proposals": st.lists(
            st.builds(
                lambda by, content, to, response: {
                    "by": by,
                    "content": content,
                    "to": to,
                    **({"response": response} if response else {}),
                },
                st.sampled_from(_UNITS),
                _PHRASE,
                st.lists(
                    st.sampled_from(["Ủy ban nhân dân tỉnh", "Sở Tài chính"]),
                    max_size=2,
                    unique=True,
                ),
                st.sampled_from([None, "Đã giao Sở Nội vụ nghiên cứu"]),
            ),
            max_size=2,
        ),
        "directives": st.lists(
            st.builds(
                lambda content, assignees, deadline: {
                    "content": content,
                    "assignees": assignees,
                    **({"deadline": deadline} if deadline else {}),
                },
                _PHRASE,
                st.lists(st.sampled_from(_UNITS), min_size=1, max_size=2, unique=True),
                _deadline(),
            ),
            min_size=1,
            max_size=4,
            unique_by=lambda d: d["content"],
        ),
        "number": st.integers(1, 999),
        "issued_after": st.integers(0, 10),
        "signer": _signer(),
        "profile": st.sampled_from(["hd05", "hd36", "nd30"]),
        "doc": st.sampled_from(["tb", "bc"]),
    }
).filter(lambda d: d["profile"] != "hd36" or d["signer"].get("mode") != "q")  # no "Q." in HD36


def _said(text: str) -> str:
    """A text as a document prints it, without its case and stop: what must come back."""
    return lower_first(clause(text))


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=_MEETINGS)
def test_any_record_giaoban_writes_imports_back_its_fields(
    drawn: dict[str, Any], tmp_path: Path
) -> None:
    """A mutated record rendered as a notice or a report (any profile) imports back, as a
    valid record, every field the document shows: chairs and their titles, attendees, date
    and part of day, place, the appraisal, results (figures as numbers), shortcomings,
    proposals and their answers, tasks with their assignees and deadlines, the signer, the
    document's number and date."""
    import yaml

    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis may run an example again
    settings_data = yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))
    settings_data["signer"] = drawn["signer"]
    settings_data["profile"] = drawn["profile"]
    for doc_settings in settings_data.get("documents", {}).values():
        doc_settings.pop("signer", None)
    (folder / "giaoban.yaml").write_text(yaml.safe_dump(settings_data, allow_unicode=True),
                                         encoding="utf-8")  # fmt: skip
    source = yaml.safe_load((EXAMPLES / "2024-09-25-giao-ban-quy-3.yaml").read_text())
    source.pop("sources")
    for key in ("chairs", "attendees", "assessment", "limitations", "proposals", "directives"):
        source[key] = drawn[key]
    source["date"] = drawn["date"].isoformat()
    for key in ("part_of_day", "place"):
        source.pop(key, None)
        if drawn[key]:
            source[key] = drawn[key]
    source["results"] = {k: drawn[k] for k in ("general", "figures", "by_organization")}
    issued = drawn["date"] + dt.timedelta(days=drawn["issued_after"])
    doc = drawn["doc"]
    source["documents"] = {doc: {"number": drawn["number"], "date": issued.isoformat()}}
    (folder / "r.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    (path,) = [o.path for o in render([folder / "r.yaml"], docs=(doc,), formats=("docx",),
                                      out=folder / "out").outputs]  # fmt: skip
    (written,) = validate([folder / "r.yaml"])
    draft = import_draft(path)
    assert draft.unplaced == []
    got, want = import_document(path).meeting, written.meeting

    assert got.chairs == want.chairs
    persons = [a for a in want.attendees if not isinstance(a, str)]  # printed persons first
    assert got.attendees == persons + [a for a in want.attendees if isinstance(a, str)]
    assert (got.date, got.part_of_day, got.place) == (want.date, want.part_of_day, want.place)
    assert (got.kind, got.level, got.period) == (want.kind, want.level, want.period)
    for field in ("assessment", "limitations"):
        assert [_said(t) for t in getattr(got, field)] == [_said(t) for t in getattr(want, field)]
    assert [_said(t) for t in got.results.general] == [_said(t) for t in want.results.general]
    assert got.results.figures == [  # a count of nothing prints no unit: none comes back
        f.model_copy(update={"unit": None}) if f.value == 0 and f.unit != "%" else f
        for f in want.results.figures
    ]
    assert [(o.organization, o.items, [(f.label, f.value, f.unit) for f in o.figures])
            for o in got.results.by_organization] == [
        (o.organization, o.items,
         [(f.label, f.value, None if f.value == 0 and f.unit != "%" else f.unit)
          for f in o.figures])
        for o in want.results.by_organization]  # fmt: skip
    assert [(p.by, _said(p.content), p.to, p.response and clause(p.response))
            for p in got.proposals] == [
        (p.by, _said(p.content), p.to, p.response and clause(p.response))
        for p in want.proposals]  # fmt: skip
    # Tasks come back grouped under their assignees, as the document lists them.
    grouped = sorted(want.directives, key=lambda d: next(
        i for i, o in enumerate(want.directives) if o.assignees == d.assignees))  # fmt: skip
    assert [(_said(d.content), d.assignees, d.deadline) for d in got.directives] == [
        (_said(d.content), d.assignees, d.deadline) for d in grouped
    ]
    assert got.documents == want.documents
    signer = {k: str(v).upper() for k, v in draft.settings["signer"].items()}
    assert signer == {k: str(v).upper() for k, v in drawn["signer"].items()}


TYPED = Path(__file__).resolve().parent / "data" / "typed"

#: The facts of each file in tests/data/typed, read by a person from the document.
FACTS: dict[str, dict[str, object]] = {
    "tb-nd30-ubnd.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 118, "date": "2024-07-08"}},
        "date": "2024-07-05",
        "part_of_day": "afternoon",
        "place": "Phòng họp số 2",
        "convened_by": "Ủy ban nhân dân tỉnh",
        "kind": "briefing",
        "chairs": ["Trần Văn Hùng"],
        "attendees": ["Nguyễn Thị Mai", "Lê Văn Tám"],
        "assessment": 1,
        "limitations": 0,
        "tasks": [
            (
                "Sở Nội vụ",
                "tham mưu tổng kết 10 năm thực hiện Luật Tín ngưỡng, tôn giáo",
                "trong quý IV/2024",
            ),
            (
                "Sở Nội vụ",
                "hướng dẫn các huyện rà soát cơ sở tín ngưỡng chưa được công nhận, báo cáo",
                "trước ngày 15/9/2024",
            ),
            (
                "Ban Dân tộc tỉnh",
                "phối hợp tổ chức thăm, tặng quà người có uy tín trong đồng bào dân tộc thiểu số",
                "trong năm 2024",
            ),
        ],
        "signer": {"mode": "tl", "on_behalf_of": "CHỦ TỊCH", "name": "Võ Thị Lan"},
        "recipients": ["Sở Nội vụ", "Ban Dân tộc tỉnh"],
        "archive": "VT, KGVX",
    },
    "bc-hd36-huyen-uy.docx": {
        "doc": "bc",
        "documents": {"bc": {"number": 45, "date": "2024-03-20"}},
        "date": "2024-03-18",
        "part_of_day": "morning",
        "convened_by": "Ban Thường vụ Huyện ủy",
        "kind": "six_month_review",
        "chairs": ["Huỳnh Văn Nam"],
        "attendees": [],
        "assessment": 0,
        "limitations": 2,
        "tasks": [
            ("Ban Dân vận Huyện ủy", "tham mưu sơ kết mô hình dân vận khéo", "trong quý II/2024"),
            ("Ban Dân vận Huyện ủy", "tiếp tục kiểm tra công tác dân vận ở cơ sở", None),
        ],
        "signer": {
            "mode": "tm",
            "on_behalf_of": "BAN THƯỜNG VỤ",
            "title": "PHÓ BÍ THƯ",
            "name": "Huỳnh Văn Nam",
        },
        "recipients": ["Ban Dân vận Tỉnh ủy (b/c)"],
        "archive": "Văn phòng Huyện ủy",
    },
    "tb-hd36-word-list.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 12, "date": "2024-10-02"}},
        "date": "2024-09-30",
        "part_of_day": "afternoon",
        "convened_by": "Ban Dân vận Tỉnh ủy",
        "kind": "working_session",
        "chairs": ["Phạm Thị Tố Hải"],
        "attendees": [],
        "assessment": 0,
        "limitations": 0,
        # Word's own bulleted list; the last task has a tracked insertion (kept) and a
        # tracked deletion (dropped).
        "tasks": [
            (
                "Hội Cựu chiến binh tỉnh",
                "tiếp tục vận động hội viên tham gia xây dựng nông thôn mới",
                "thường xuyên",
            ),
            (
                "Hội Cựu chiến binh tỉnh",
                "báo cáo kết quả thực hiện Chỉ thị 45 về Ban Dân vận",
                "trước ngày 31/12/2024",
            ),
        ],
        "signer": {"title": "TRƯỞNG BAN", "name": "Phạm Thị Tố Hải"},
        "recipients": ["Hội Cựu chiến binh tỉnh"],
        "archive": "Văn phòng Ban",
    },
    "tb-nd30-libreoffice.docx": {  # typed in Word, then saved again by LibreOffice
        "doc": "tb",
        "documents": {"tb": {"number": 7, "date": "2025-01-15"}},
        "date": "2025-01-13",
        "part_of_day": "morning",
        "convened_by": "Ủy ban nhân dân huyện",
        "kind": "annual_review",
        "chairs": ["Lê Hoàng Phúc"],
        "attendees": [],
        "assessment": 0,
        "limitations": 0,
        "tasks": [
            (
                "Phòng Nội vụ",
                "tham mưu tổ chức Tết Nguyên đán Ất Tỵ an toàn, tiết kiệm",
                "trước ngày 25/01/2025",
            ),
            ("Phòng Nội vụ", "tổng hợp khen thưởng năm 2024", None),
        ],
        "signer": {
            "mode": "tl",
            "on_behalf_of": "CHỦ TỊCH",
            "title": "CHÁNH VĂN PHÒNG",
            "name": "Đặng Văn Tài",
        },
        "recipients": ["Các phòng, ban huyện"],
        "archive": "VT",
    },
    # A district's Party notice: "Vào lúc … sáng ngày <a DATE field>", "Chủ trì: …" with a
    # soft line break between the chairs, "Thành phần tham dự: …" with a tracked deletion,
    # "Đến dự có …", the appraisal, results, figures and shortcomings typed one after
    # another with no headings, tasks lettered "a)", one with a tracked insertion (kept)
    # and deletion (dropped), no-break spaces, a PAGE field in the footer.
    "tb-hd36-tracked-field.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 27, "date": "2024-07-09"}},
        "date": "2024-07-05",
        "part_of_day": "morning",
        "place": "Hội trường Huyện ủy",
        "convened_by": "Ban Thường vụ Huyện ủy",
        "kind": "briefing",
        "chairs": ["Nguyễn Văn Hai", "Lê Thị Ngọc"],
        "attendees": ["Võ Minh Trí", "Trần Quốc Bảo"],
        "assessment": 1,
        "limitations": 1,
        "tasks": [
            ("Ban Dân vận Huyện ủy", "tổ chức sơ kết mô hình “Dân vận khéo”", "trong quý III/2024"),
            (
                "Ban Dân vận Huyện ủy",
                "tham mưu Ban Thường vụ Huyện ủy kế hoạch kiểm tra công tác dân vận ở cơ sở",
                "trước ngày 31/8/2024",
            ),
        ],
        "signer": {
            "mode": "tm",
            "on_behalf_of": "BAN THƯỜNG VỤ",
            "title": "PHÓ BÍ THƯ",
            "name": "Nguyễn Văn Hai",
        },
        "recipients": ["Ban Dân vận Tỉnh ủy (b/c)", "Các đồng chí Huyện ủy viên"],
        "archive": "Văn phòng Huyện ủy",
        "fields": {
            "level": "district",
            "time": "07:30",
            "period": "2024-Q2",
            "chairs": [
                {"name": "Nguyễn Văn Hai", "titles": ["Phó Bí thư Thường trực Huyện ủy"]},
                {
                    "name": "Lê Thị Ngọc",
                    "titles": ["Ủy viên Ban Thường vụ", "Trưởng Ban Dân vận Huyện ủy"],
                },
            ],
            "attendees": [
                {"name": "Võ Minh Trí", "titles": ["Chủ tịch Ủy ban MTTQ Việt Nam huyện"]},
                "đại diện lãnh đạo các đoàn thể chính trị - xã hội huyện",
                {"name": "Trần Quốc Bảo", "titles": ["Phó Trưởng Ban Dân vận Tỉnh ủy"]},
            ],
            "assessment": [
                "Ban Thường vụ Huyện ủy ghi nhận, biểu dương sự cố gắng của khối dân vận huyện "
                "trong 6 tháng đầu năm 2024"
            ],
            "results": {
                "general": [
                    "Trong quý II, khối dân vận đã vận động xây dựng 12 căn nhà đại đoàn kết, "
                    "tổ chức 35 buổi đối thoại với Nhân dân"
                ],
                "figures": [
                    {"label": "Số hội viên mới", "value": 1250, "unit": "người"},
                    {"label": "Tỷ lệ hộ gia đình văn hóa", "value": 92.5, "unit": "%"},
                ],
            },
            "limitations": [
                "Tuy nhiên, công tác nắm tình hình Nhân dân ở một số xã còn hạn chế, báo cáo "
                "chưa kịp thời"
            ],
        },
    },
    # A commune's State report: "Ngày 05/7/2024, …" opening the account, "Chủ trì hội
    # nghị: ông …", "Tham dự có …", figures typed as sentences ("1.250,5 triệu đồng"), a
    # proposal to a higher body, text split across runs, no-break spaces, soft line breaks
    # between the recipients.
    "bc-nd30-xa.docx": {
        "doc": "bc",
        "documents": {"bc": {"number": 52, "date": "2024-07-08"}},
        "date": "2024-07-05",
        "part_of_day": None,
        "place": "Hội trường UBND xã",
        "convened_by": "Ủy ban nhân dân xã",
        "kind": "briefing",
        "chairs": ["Đỗ Văn Lợi"],
        "attendees": [],
        "assessment": 0,
        "limitations": 2,
        "tasks": [
            (
                "Ủy ban MTTQ Việt Nam xã",
                "tiếp tục vận động Nhân dân tham gia xây dựng nông thôn mới kiểu mẫu",
                "thường xuyên",
            ),
            (
                "Ủy ban MTTQ Việt Nam xã",
                "tổng hợp kiến nghị của cử tri, báo cáo UBND xã",
                "trước ngày 15/8/2024",
            ),
        ],
        "signer": {"mode": "tm", "on_behalf_of": "ỦY BAN NHÂN DÂN", "name": "Đỗ Văn Lợi"},
        "recipients": ["UBND huyện (b/c)", "Đảng ủy xã"],
        "archive": "VT",
        "fields": {
            "level": "commune",
            "period": "2024-Q2",
            "chairs": [{"name": "Đỗ Văn Lợi", "titles": ["Phó Chủ tịch UBND xã"]}],
            "attendees": ["đại diện Ủy ban MTTQ Việt Nam xã, các đoàn thể và Trưởng các ấp"],
            "results": {
                "general": [
                    "Các đoàn thể xã đã phối hợp vận động Nhân dân hiến đất làm đường giao "
                    "thông nông thôn"
                ],
                "figures": [
                    {"label": "Số hộ hiến đất", "value": 37, "unit": "hộ"},
                    {
                        "label": "Tổng kinh phí Nhân dân đóng góp",
                        "value": 1250.5,
                        "unit": "triệu đồng",
                    },
                ],
            },
            "proposals": [
                {
                    "by": "Hội Nông dân xã",
                    "content": "hỗ trợ vốn vay cho hội viên nuôi bò",
                    "to": ["Ủy ban nhân dân huyện"],
                }
            ],
        },
        "settings": {"issuing_body": "ỦY BAN NHÂN DÂN XÃ MỸ HIỆP", "place": "Mỹ Hiệp"},
    },
    # A commune's State notice: the opening and the chair in one paragraph ("Sáng ngày …
    # tổ chức cuộc họp …. Đồng chí X – Chủ tịch UBND xã chủ trì cuộc họp."), the concluding
    # lead-in over 200 characters, headings "1. Đánh giá chung" and "2. Nhiệm vụ …", lead-ins
    # lettered by hand ("a) Đề nghị …:"), "b) Giao X chủ trì …" (a task of its own, not one
    # of a)'s), "c) Đề nghị Trưởng các ấp:" and its task after a soft line break, "Đối với
    # đề xuất của Công an xã về việc …: giao …", a page number typed into the body.
    "tb-nd30-xa-lettered.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 12, "date": "2024-03-15"}},
        "date": "2024-03-12",
        "part_of_day": "morning",
        "place": "Hội trường UBND xã",
        "convened_by": "Ủy ban nhân dân xã",
        "kind": "briefing",
        "chairs": ["Nguyễn Văn Hùng"],
        "attendees": ["Trần Thị Mai", "Lê Văn Tư"],
        "assessment": 0,
        "limitations": 1,
        "tasks": [
            (
                "công chức Địa chính - Xây dựng",
                "rà soát, xử lý dứt điểm các trường hợp xây dựng không phép",
                "hoàn thành trước ngày 30/6/2024",
            ),
            (
                "công chức Địa chính - Xây dựng",
                "phối hợp với Ban Nhân dân các ấp tuyên truyền Luật Đất đai năm 2024",
                "trong quý II/2024",
            ),
            (
                "công chức Tài chính - Kế toán",
                "chủ trì, phối hợp với các ngành tập trung thu ngân sách, phấn đấu đạt 50% dự "
                "toán trong 6 tháng đầu năm 2024",
                None,
            ),
            (
                "Trưởng các ấp",
                "vận động nhân dân tham gia Ngày Chủ nhật xanh, thực hiện thường xuyên",
                "trong năm 2024",
            ),
        ],
        "signer": {"mode": "tm", "on_behalf_of": "ỦY BAN NHÂN DÂN", "name": "Nguyễn Văn Hùng"},
        "recipients": ["TT. Đảng ủy, HĐND xã (b/c)", "CT, các PCT UBND xã", "Các ngành, các ấp"],
        "archive": "VT",
        "fields": {
            "title": "cuộc họp giao ban tháng 3 năm 2024",
            "chairs": [{"name": "Nguyễn Văn Hùng", "titles": ["Chủ tịch UBND xã"]}],
            "concluded_by": "Nguyễn Văn Hùng",  # the chair titled "Chủ tịch UBND xã"
            "proposals": [
                {
                    "by": "Công an xã",
                    "content": "hỗ trợ kinh phí mua sắm trang thiết bị",
                    "response": "giao công chức Tài chính - Kế toán tham mưu, trình UBND xã "
                    "xem xét",
                }
            ],
        },
        "absent": ["period", "conclusions", "discussion"],  # a month's meeting: no year
    },
    # The same notice with Word's own numbering (lowerLetter "%1)") on the lead-ins and
    # its headings typed bold: "1. Đánh giá kết quả" and "2. Nhiệm vụ thời gian tới".
    "tb-nd30-xa-word-letters.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 12, "date": "2024-03-15"}},
        "date": "2024-03-12",
        "part_of_day": "morning",
        "convened_by": "Ủy ban nhân dân xã",
        "kind": "briefing",
        "chairs": ["Nguyễn Văn Hùng"],
        "attendees": ["Trần Thị Mai"],
        "assessment": 0,
        "limitations": 0,
        "tasks": [
            (
                "công chức Địa chính - Xây dựng",
                "rà soát các trường hợp xây dựng không phép",
                "hoàn thành trước ngày 30/6/2024",
            ),
            (
                "Trưởng các ấp",
                "vận động nhân dân tham gia Ngày Chủ nhật xanh",
                "thực hiện thường xuyên trong năm 2024",
            ),
        ],
        "signer": {"mode": "tm", "on_behalf_of": "ỦY BAN NHÂN DÂN", "name": "Nguyễn Văn Hùng"},
        "recipients": ["TT. Đảng ủy, HĐND xã (b/c)"],
        "archive": "VT",
        "fields": {
            "results": {
                "general": [
                    "Các ngành, các ấp đã tập trung triển khai thực hiện tốt "
                    "các nhiệm vụ trong tháng 02 năm 2024"
                ]
            },
        },
        "absent": ["period", "conclusions"],
    },
    # A district's Party notice of a working session (HD36): its summary typed over two
    # centred lines, "Ngày …, Thường trực Huyện ủy làm việc với … về …. Chủ trì buổi làm
    # việc có đồng chí …; đồng chí …." in one paragraph, "Cùng dự có …", "…, đồng chí Bí
    # thư Huyện ủy kết luận như sau:", Word's own numbering on headings and tasks.
    "tb-hd36-lam-viec.docx": {
        "doc": "tb",
        "documents": {"tb": {"number": 27, "date": "2024-05-20"}},
        "date": "2024-05-16",
        "part_of_day": None,
        "convened_by": "Thường trực Huyện ủy",
        "kind": "working_session",
        "chairs": ["Đặng Văn Lợi", "Huỳnh Thị Nga"],
        "attendees": ["Phạm Văn Tài"],
        "assessment": 1,
        "limitations": 1,
        "tasks": [
            (
                "Đảng ủy xã Mỹ An",
                "tập trung lãnh đạo hoàn thành các chỉ tiêu Nghị quyết năm 2024",
                "trong năm 2024",
            ),
            (
                "Đảng ủy xã Mỹ An",
                "nâng cao chất lượng sinh hoạt chi bộ; rà soát, kết nạp đảng viên mới, báo "
                "cáo kết quả",
                "trước ngày 30/6/2024",
            ),
            (
                "Ban Tổ chức Huyện ủy",
                "hướng dẫn Đảng ủy xã công tác chuẩn bị đại hội chi bộ nhiệm kỳ 2025 - 2027",
                "trong quý III/2024",
            ),
        ],
        "signer": {"mode": "tl", "on_behalf_of": "BAN THƯỜNG VỤ", "name": "Nguyễn Thị Bé"},
        "recipients": ["Thường trực Huyện ủy", "Đảng ủy xã Mỹ An", "Ban Tổ chức Huyện ủy"],
        "archive": "Văn phòng Huyện ủy",
        "fields": {
            "title": "buổi làm việc với Ban Thường vụ Đảng ủy xã Mỹ An về tình hình thực hiện "
            "nhiệm vụ chính trị 6 tháng đầu năm 2024",
            "level": "district",
            "concluded_by": "Đặng Văn Lợi",  # the chair titled "Bí thư Huyện ủy"
            "attendees": [
                {
                    "name": "Phạm Văn Tài",
                    "titles": ["Ủy viên Ban Thường vụ", "Trưởng Ban Tổ chức Huyện ủy"],
                },
                "lãnh đạo Văn phòng Huyện ủy",
            ],
        },
    },
    # A Party committee's board's report (HD36): "Kính gửi: …" (no field: kept), "Đ/c …
    # chủ trì hội nghị.", "Dự hội nghị có …", "II- KẾT QUẢ" then "1. Ưu điểm" (results) and
    # "2. Hạn chế", "III- KIẾN NGHỊ", "Đ/c Trưởng Ban … kết luận, đề nghị:" and its tasks.
    "bc-hd36-ban-dan-van.docx": {
        "doc": "bc",
        # Its date line's day is a DATE field (the day the file is opened): not trusted.
        "documents": {"bc": {"number": 45}},
        "date": "2024-06-25",
        "part_of_day": "afternoon",
        "place": "Hội trường Huyện ủy",
        "convened_by": "Ban Dân vận Huyện ủy",
        "kind": "briefing",
        "chairs": ["Lê Thị Hồng"],
        "attendees": [],
        "assessment": 0,
        "limitations": 1,
        "tasks": [  # "Đ/c … kết luận, đề nghị:" then tasks whose subject is the assignee
            ("Các đoàn thể huyện", 'tiếp tục nhân rộng mô hình "Dân vận khéo"', "trong năm 2024"),
            (
                "Ban Dân vận các xã, thị trấn",
                "tổng hợp tình hình Nhân dân, báo cáo về Ban Dân vận Huyện ủy trước ngày 15 "
                "hằng tháng",
                None,
            ),
        ],
        "signer": {"title": "TRƯỞNG BAN", "name": "Lê Thị Hồng"},
        "recipients": ["Thường trực Huyện ủy (b/c)", "Các đồng chí dự hội nghị"],
        "archive": "Văn phòng",
        "fields": {
            "chairs": [
                {
                    "name": "Lê Thị Hồng",
                    "titles": ["Ủy viên Ban Thường vụ Huyện ủy", "Trưởng Ban Dân vận Huyện ủy"],
                }
            ],
            "attendees": [
                "đại diện lãnh đạo Ủy ban MTTQ Việt Nam huyện, các đoàn thể chính "
                "trị - xã hội huyện và Trưởng Ban Dân vận các xã, thị trấn"
            ],
            "results": {
                "general": [
                    "Các đoàn thể đã vận động đoàn viên, hội viên đóng góp 2.150 ngày công xây "
                    "dựng nông thôn mới",
                    'Phong trào thi đua "Dân vận khéo" có 45 mô hình được công nhận',
                ]
            },
            "proposals": [
                {
                    "by": "Hội Cựu chiến binh huyện",
                    "content": "Ủy ban nhân dân huyện hỗ trợ kinh phí tổ chức hội thao",
                }
            ],
            "concluded_by": "Lê Thị Hồng",  # the chair titled "Trưởng Ban …"
        },
        "kept": [10],  # "Kính gửi: Ban Thường vụ Huyện ủy." fits no field of a record
    },
}


@pytest.mark.parametrize("name", FACTS)
def test_typed_notices_and_reports_give_their_facts(name: str) -> None:
    imported = import_draft(TYPED / name)
    facts, data = FACTS[name], imported.data
    assert imported.doc == facts["doc"]
    for key in ("documents", "date", "part_of_day", "convened_by", "kind"):
        assert data.get(key) == facts[key], key
    if "place" in facts:
        assert data["place"] == facts["place"]
    assert [c["name"] for c in data["chairs"]] == facts["chairs"]
    assert [a["name"] for a in data.get("attendees", []) if isinstance(a, dict)] == facts[
        "attendees"
    ]
    assert len(data.get("assessment", [])) == facts["assessment"]
    assert len(data.get("limitations", [])) == facts["limitations"]
    tasks = [(d["assignees"][0], d["content"], d.get("deadline"))
             for d in data.get("directives", [])]  # fmt: skip
    assert tasks == facts["tasks"]
    signer = imported.settings["signer"]
    assert {k: signer[k] for k in facts["signer"]} == facts["signer"]  # type: ignore[attr-defined]
    assert imported.settings["recipients"] == facts["recipients"]
    assert imported.settings["archive"] == facts["archive"]
    for key, value in facts.get("fields", {}).items():  # type: ignore[attr-defined]
        assert data[key] == value, key
    for key, value in facts.get("settings", {}).items():  # type: ignore[attr-defined]
        assert imported.settings[key] == value, key
    for key in facts.get("absent", []):  # type: ignore[attr-defined]
        assert key not in data, key
    assert [p.index for p in imported.unplaced] == facts.get("kept", [])


@pytest.mark.parametrize(
    ("title", "date", "period"),
    [
        ("Hội nghị tổng kết công tác dân vận năm 2024", "2025-01-10", "2024"),
        ("Hội nghị sơ kết 6 tháng đầu năm 2024", "2024-07-12", "2024-H1"),
        ("Hội nghị sơ kết công tác dân vận", "2024-07-12", "2024-H1"),  # from its date
    ],
)
def test_an_imported_review_states_the_period_it_reviews(
    title: str, date: str, period: str
) -> None:
    """A review without ``period:`` is refused by validate (it would be added into the
    quarter it was held in): import takes the period its title names, else its date's."""
    from generator.importing.facts import _reviewed_period
    from generator.model.kinds import MeetingKind

    kind = MeetingKind.ANNUAL_REVIEW if "tổng kết" in title else MeetingKind.SIX_MONTH_REVIEW
    data: dict[str, object] = {"title": title, "date": date}
    _reviewed_period(kind, data)
    assert data["period"] == period


def test_an_empty_line_and_a_table_typed_into_the_notice(tmp_path: Path) -> None:
    """An empty paragraph (Enter pressed once, or a deletion tracked) adds nothing to the
    record; a data table's cells fit no field, so they are kept and reported, not lost."""
    path = _notice(tmp_path)
    doc = Document(str(path))
    heading = next(i for i, p in enumerate(doc.paragraphs) if p.text.endswith("Đánh giá kết quả"))
    after = doc.paragraphs[heading + 1]
    empty = copy.deepcopy(after._p)  # the body's "VB" style, no text
    for run in empty.findall(qn("w:r")):
        empty.remove(run)
    after._p.addnext(empty)
    table = doc.add_table(rows=2, cols=2)
    for row, (place, count) in zip(table.rows, [("Tháp Mười", "120"), ("Cao Lãnh", "85")],
                                   strict=True):  # fmt: skip
        row.cells[0].text, row.cells[1].text = place, count
    after._p.addnext(table._tbl)
    doc.save(str(path))
    imported = import_draft(path)
    assert "" not in imported.data.get("assessment", [])
    kept = [p.text for p in imported.unplaced]
    assert kept == ["Tháp Mười", "120", "Cao Lãnh", "85"]
    assert all(f"- {text}" in imported.yaml() or f"- '{text}'" in imported.yaml() for text in kept)
    written = tmp_path / "r" / "x.yaml"
    written.parent.mkdir()
    written.write_text(imported.yaml(), encoding="utf-8")
    shutil.copy(SETTINGS, written.parent / "giaoban.yaml")
    validate([written])  # a record that validates, the table's cells among its conclusions


def test_import_document_gives_the_record_validate_gives(tmp_path: Path) -> None:
    """The library's ``import_document`` is a validated ``Record``, the model ``validate``
    gives for a record file, read from the hand-typed notice and checked against the
    settings; the paragraph it could not place is kept in ``conclusions`` and a warning
    located in the document."""
    from generator.model.records import Record

    source = _hand_typed(tmp_path / "tb.docx", numbered=False)
    record = import_document(source, settings=SETTINGS)
    assert isinstance(record, Record)
    meeting = record.meeting
    assert meeting.chairs[0].name == "Nguyễn Văn Bình"
    assert meeting.documents["tb"].number == 15
    assert str(meeting.documents["tb"].date) == "2024-06-12"
    assert meeting.level == "province" and meeting.part_of_day == "morning"
    assert [d.deadline for d in meeting.directives] == ["trong quý III/2024",
                                                        "trước ngày 30/6/2024"]  # fmt: skip
    assert "Hội nghị diễn ra trong không khí dân chủ, thẳng thắn." in meeting.conclusions
    (kept,) = [w for w in record.warnings if "kept among the chair's conclusions" in w.message]
    assert kept.position.path == source and "Hội nghị diễn ra" in kept.position.where
    folder = _workspace(tmp_path)
    assert main(["import", "--dir", str(folder / "records"), str(source)]) == 0
    (written,) = (folder / "records").glob("*.yaml")
    assert validate([written])[0].meeting == meeting


def test_import_document_names_what_the_clerk_must_fill(tmp_path: Path) -> None:
    """A notice that names no chair gives no valid record: an ``InputError`` at the
    document, naming the field, never a record with a hole in it."""
    source = _hand_typed(tmp_path / "tb.docx", numbered=False)
    doc = Document(str(source))
    chair = next(p for p in doc.paragraphs if "chủ trì" in p.text)
    chair._p.getparent().remove(chair._p)
    doc.save(str(source))
    with pytest.raises(InputError) as caught:
        import_document(source, settings=SETTINGS)
    (problem,) = caught.value.problems
    assert problem.position.path == source and problem.position.line == 0
    assert "not complete yet" in problem.message and "'chairs'" in problem.message
    assert import_draft(source).data["directives"]  # the lenient reading still has the rest


def test_import_document_needs_settings(tmp_path: Path) -> None:
    source = _hand_typed(tmp_path / "tb.docx", numbered=False)
    with pytest.raises(InputError, match=r"giaoban\.yaml"):
        import_document(source)
    beside = tmp_path / "with-settings"  # the nearest giaoban.yaml above the document
    (beside / "records").mkdir(parents=True)
    shutil.copy(SETTINGS, beside / "giaoban.yaml")
    moved = shutil.copy(source, beside / "records" / "tb.docx")
    assert import_document(moved).settings_path == beside / "giaoban.yaml"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "Ngày 05/7/2024, Ủy ban nhân dân xã tổ chức Hội nghị giao ban công tác dân vận.",
            {"date": "2024-07-05", "convened_by": "Ủy ban nhân dân xã"},
        ),
        (
            "Chiều ngày 5/7/2024, tại Hội trường xã, Đảng ủy xã đã tổ chức hội nghị.",
            {"date": "2024-07-05", "part_of_day": "afternoon", "place": "Hội trường xã"},
        ),
        (
            "Vào lúc 14 giờ, ngày 05 tháng 7 năm 2024, Ban Dân vận tổ chức buổi làm việc.",
            {"date": "2024-07-05", "time": "14:00", "convened_by": "Ban Dân vận"},
        ),
        (
            "Chủ trì hội nghị: đồng chí Trần Văn Hùng – Phó Chủ tịch UBND tỉnh; "
            "ông Lê Văn Tám, Bí thư, Chủ tịch HĐND xã.",
            {"chairs": [{"name": "Trần Văn Hùng", "titles": ["Phó Chủ tịch UBND tỉnh"]},
                        {"name": "Lê Văn Tám", "titles": ["Bí thư", "Chủ tịch HĐND xã"]}]},
        ),
        (
            "Thành phần tham dự: đồng chí Nguyễn Thị Mai, Giám đốc Sở Nội vụ; "
            "đại diện các đoàn thể xã.",
            {"attendees": [{"name": "Nguyễn Thị Mai", "titles": ["Giám đốc Sở Nội vụ"]},
                           "đại diện các đoàn thể xã"]},
        ),
        ("Tham dự có đại diện lãnh đạo các ấp.", {"attendees": ["đại diện lãnh đạo các ấp"]}),
        (
            "Đến dự có đồng chí Phan Văn Út, Phó Trưởng Ban Dân vận Huyện ủy.",
            {"attendees": [{"name": "Phan Văn Út", "titles": ["Phó Trưởng Ban Dân vận Huyện ủy"]}]},
        ),
    ],
)  # fmt: skip
def test_the_account_as_clerks_type_it(sentence: str, found: dict[str, object]) -> None:
    from generator.importing.facts import _account

    data: dict[str, object] = {}
    assert _account(sentence, data) == ""  # all of it taken
    assert {key: data[key] for key in found} == found


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Số hội viên mới đạt 1.250 người", {"label": "Số hội viên mới", "value": 1250,
                                              "unit": "người"}),
        ("Tỷ lệ hộ nghèo là 1,5%", {"label": "Tỷ lệ hộ nghèo", "value": 1.5, "unit": "%"}),
        ("Tổng trị giá công tác nhân đạo đạt hàng chục tỷ đồng",
         {"label": "Tổng trị giá công tác nhân đạo", "value": "hàng chục tỷ đồng"}),
        ("Số vụ khiếu kiện đông người không phát sinh",
         {"label": "Số vụ khiếu kiện đông người", "value": 0}),
        ("Kinh phí hỗ trợ đạt 1.250.000,5 nghìn đồng",
         {"label": "Kinh phí hỗ trợ", "value": 1250000.5, "unit": "nghìn đồng"}),
        # No figure, kept as the words typed: a number written another way, a rate of a
        # plan, a sentence that only mentions numbers, a long appraisal.
        ("Số hội viên mới đạt 1,250.5 người", None),
        ("Công tác vận động đạt 95% kế hoạch", None),
        ("Có 25 mô hình được công nhận", None),
        ("Năm 2024, công tác dân vận đạt nhiều kết quả, nhất là ở cơ sở", None),
    ],
)  # fmt: skip
def test_figures_are_numbers_read_the_vietnamese_way(
    sentence: str, figure: dict[str, object] | None
) -> None:
    from generator.importing.facts import _result

    results: dict[str, object] = {}
    _result(sentence, results, styled=False)
    if figure is None:
        assert results == {"general": [sentence]}
    else:
        assert results == {"figures": [{**figure, "_said": sentence}]}


@pytest.mark.parametrize(
    ("part", "sentence", "field"),
    [
        ("assessment", "Ban Thường vụ ghi nhận sự cố gắng của các đơn vị", "assessment"),
        ("assessment", "Các đơn vị đã tổ chức 35 buổi đối thoại với Nhân dân", "results"),
        ("assessment", "Tuy nhiên, việc nhân rộng mô hình còn chậm", "limitations"),
        ("assessment", "Tình hình an ninh cơ bản ổn định", "assessment"),  # its heading's
        ("results", "Phong trào thi đua được triển khai rộng khắp", "results"),
        ("conclusions", "Thường trực Tỉnh ủy đánh giá cao kết quả của khối", "assessment"),
        ("conclusions", "Trong năm, khối dân vận đã vận động xây dựng 12 căn nhà", "results"),
        ("conclusions", "Một số cơ sở chưa quan tâm đúng mức", "limitations"),
        ("conclusions", "Tiếp tục phát huy những kết quả đã đạt được", "conclusions"),
        ("conclusions", "Ngoài ra, cần chú ý phòng chống bão lũ", "conclusions"),
    ],
)
def test_a_clerk_s_appraisal_results_and_shortcomings_told_apart(
    part: str, sentence: str, field: str
) -> None:
    from generator.importing.facts import _judged

    assert _judged(sentence, part, styled=False, appraised=False) == field


def test_an_opening_read_in_part_keeps_the_rest(tmp_path: Path) -> None:
    """Nothing typed is lost: the opening paragraph "Ngày …, Ủy ban nhân dân xã làm việc
    với … về …. Chủ trì buổi làm việc có đồng chí …; đồng chí …. <a sentence that is no
    field's>" gives the date, the convening body, the meeting's name and the chairs, and
    its last sentence is kept, located (đoạn 9), in the record file. Headings typed
    without bold ("1. Đánh giá kết quả", "2. Nhiệm vụ thời gian tới") say what follows and
    are no content; lead-ins lettered by hand ("a) Đề nghị Công an xã:") take the tasks
    under them; a lead-in and its tasks over soft line breaks are one group; a task
    opening with a body's name keeps its capital; a line of dashes is kept whole."""
    source = TYPED / "tb-nd30-opening-sentences.docx"
    imported = import_draft(source)
    data = imported.data
    assert data["date"] == "2024-05-16"
    assert data["convened_by"] == "Ủy ban nhân dân xã"
    assert data["title"] == "buổi làm việc với Ban Nhân dân ấp 3 về tình hình an ninh trật tự"
    assert data["kind"] == "working_session"
    assert data["chairs"] == [
        {"name": "Nguyễn Văn Hùng", "titles": ["Chủ tịch UBND xã"]},
        {"name": "Trần Thị Mai", "titles": ["Phó Chủ tịch UBND xã"]},
    ]
    assert [(p.index, p.text) for p in imported.unplaced] == [
        (9, "Ban Nhân dân ấp 3 báo cáo tình hình tại buổi làm việc.")
    ]
    assert data["assessment"] == ["Tình hình an ninh trật tự trên địa bàn ấp cơ bản ổn định"]
    assert "results" not in data
    assert [(d["assignees"], d["content"], d.get("deadline")) for d in data["directives"]] == [
        (["Công an xã"], "tăng cường tuần tra vào ban đêm", "trong quý III/2024"),
        (["Trưởng các ấp"], "vận động nhân dân tham gia giữ gìn an ninh trật tự", None),
        (["Trưởng các ấp"], "rà soát hộ nghèo", "trước ngày 30/6/2024"),
        (["Văn phòng - Thống kê"], "Ủy ban MTTQ tỉnh chủ trì tập huấn, Văn phòng tổng hợp kết quả",
         "trước ngày 15/7/2024"),
    ]  # fmt: skip
    assert data["conclusions"] == ["-----"]
    folder = tmp_path / "records"
    assert main(["--lang", "vi", "import", "--dir", str(folder), str(source)]) == 0
    (written,) = folder.glob("*.yaml")
    text = written.read_text(encoding="utf-8")
    assert 'đoạn 9 ("Ban Nhân dân ấp 3 báo…")' in text
    assert "- Ban Nhân dân ấp 3 báo cáo tình hình tại buổi làm việc." in text


def test_a_notice_and_its_report_imported_together_are_one_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A notice and a report of one meeting in one run are one record holding both
    registrations, the report's results and shortcomings beside the notice's; the report's
    unplaced paragraph is kept, named by its document."""
    records = tmp_path / "records"
    notice, report = TYPED / "tb-nd30-xa-word-letters.docx", TYPED / "bc-nd30-xa-giao-ban.docx"
    assert main(["--lang", "en", "import", "--dir", str(records), str(notice), str(report)]) == 0
    out = capsys.readouterr()
    (written,) = records.glob("*.yaml")
    assert str(notice) in out.out and str(report) in out.out and "(tb, bc)" in out.out
    assert f'{report}:paragraph 9 ("Kính gửi:' in out.err
    (record,) = validate([written], settings=SETTINGS)
    meeting = record.meeting
    assert {doc: (r.number, str(r.date)) for doc, r in meeting.documents.items()} == {
        "tb": (12, "2024-03-15"),
        "bc": (15, "2024-03-14"),
    }
    assert meeting.results.general == [
        "Các ngành, các ấp đã tập trung triển khai thực hiện tốt các nhiệm vụ trong tháng 02 "
        "năm 2024",
        "Các ngành, các ấp đã tổ chức Tết Nguyên đán Giáp Thìn vui tươi, an toàn",
        "Thu ngân sách trong tháng 02 đạt 8,5% dự toán",
    ]
    assert meeting.limitations == ["Tình trạng xây dựng nhà ở không phép vẫn còn xảy ra"]
    assert [d.assignees for d in meeting.directives] == [
        ["công chức Địa chính - Xây dựng"],
        ["Trưởng các ấp"],
    ]
    assert 'bc-nd30-xa-giao-ban.docx, paragraph 9 ("Kính gửi:' in written.read_text("utf-8")


def test_a_report_of_a_meeting_with_a_record_says_what_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report of a meeting whose notice was imported before is not a second record:
    exit 5, naming the record and the registration to add to it by hand. A notice and a
    report that disagree on the meeting (another chair) are not joined: exit 5, the fields
    that differ named, the documents called documents, and what to add by hand."""
    records = tmp_path / "records"
    notice, report = TYPED / "tb-nd30-xa-word-letters.docx", TYPED / "bc-nd30-xa-giao-ban.docx"
    assert main(["import", "--dir", str(records), str(notice)]) == 0
    (first,) = records.glob("*.yaml")
    capsys.readouterr()
    assert main(["--lang", "en", "import", "--dir", str(records), str(report)]) == 5
    err = capsys.readouterr().err
    assert f"{report}: the meeting of 12/03/2024 has a record already, {first}" in err
    assert "documents: {bc: {number: 15, date: 2024-03-14}}" in err
    assert list(records.glob("*.yaml")) == [first]

    other = Document(str(report))
    chair = next(p for p in other.paragraphs if p.text.startswith("Chủ trì"))
    chair.runs[0].text = "Chủ trì cuộc họp: đồng chí Trần Thị Mai, Phó Chủ tịch UBND xã."
    other.save(str(tmp_path / "bc.docx"))
    fresh = tmp_path / "fresh"
    assert main(["--lang", "vi", "import", "--dir", str(fresh), str(notice),
                 str(tmp_path / "bc.docx")]) == 5  # fmt: skip
    err = capsys.readouterr().err
    assert "ghi khác nhau ở: chairs" in err and "hồ sơ" not in err.split("rồi thêm")[0]
    assert "documents: {bc: {number: 15, date: 2024-03-14}}" in err
    assert not fresh.exists() or list(fresh.iterdir()) == []


def test_id_names_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = TYPED / "tb-nd30-xa-lettered.docx", TYPED / "tb-hd36-lam-viec.docx"
    for lang, words in (
        ("en", "--id names the record of one document, and the command has 2"),
        ("vi", "--id đặt tên cho hồ sơ của một văn bản, nhưng lệnh có 2"),
    ):
        assert main(["--lang", lang, "import", "--dir", str(tmp_path), "--id", "abc",
                     str(one), str(two)]) == 2  # fmt: skip
        err = capsys.readouterr().err
        assert words in err and "chữ cái không dấu" not in err and "letters" not in err
    assert list(tmp_path.iterdir()) == []


def test_import_verbose_says_the_time_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = TYPED / "tb-nd30-xa-lettered.docx"
    assert main(["--lang", "en", "import", "-v", "--dir", str(tmp_path), str(source)]) == 0
    assert re.search(r"done in \d+\.\d\d s", capsys.readouterr().out)


def test_a_header_typed_with_tabs(tmp_path: Path) -> None:
    """A header typed without a table, its sides apart with tabs: the type line and the
    summary are found after it, and the number and the date in its number line."""
    imported = import_draft(TYPED / "tb-nd30-header-tabs.docx")
    assert imported.doc == "tb"
    assert imported.data["documents"] == {"tb": {"number": 12, "date": "2024-03-15"}}
    assert imported.settings["issuing_body"] == "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    assert imported.data["title"] == "cuộc họp giao ban tháng 3 năm 2024"
    assert [d["assignees"] for d in imported.data["directives"]] == [
        ["công chức Địa chính - Xây dựng"],
        ["Trưởng các ấp"],
    ]


def test_a_zip_that_is_no_docx_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("notes.txt", "Thông báo kết luận")
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(2007):
            archive.writestr(f"p{n}.xml", "<a/>")
    records = tmp_path / "records"
    assert main(["--lang", "en", "import", "--dir", str(records), str(plain)]) == 1
    assert "save it as a Word Document (.docx)" in capsys.readouterr().err
    assert main(["--lang", "en", "import", "--dir", str(records), str(many)]) == 1
    err = capsys.readouterr().err
    assert "packs 2007 parts" in err and '"2007 entries"' not in err
    assert not records.exists()


def test_a_date_field_in_the_date_line_is_not_the_day_of_signing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Word's DATE field shows the day the file is opened: the registration keeps its
    number, its date is left to the clerk, and the note says so, located."""
    source = TYPED / "bc-hd36-ban-dan-van.docx"
    imported = import_draft(source)
    assert imported.data["documents"] == {"bc": {"number": 45}}
    assert [(p.index, note) for _, p, note in imported.noted()] == [(6, "import_date_field")]
    assert main(["--lang", "en", "import", "--dir", str(tmp_path), str(source)]) == 0
    err = capsys.readouterr().err
    assert f'{source}:paragraph 6 ("Cao Lãnh, ngày 28 tháng' in err and "DATE field" in err


@pytest.mark.parametrize(
    ("lines", "tasks"),
    [
        (  # lead-ins and tasks with the same bullet: the tasks are the lead-in's
            ["- Đề nghị Công an xã:", "- Tăng cường tuần tra.", "- Đề nghị Đoàn xã:",
             "- Ra quân dọn vệ sinh."],
            [(["Công an xã"], "tăng cường tuần tra"), (["Đoàn xã"], "ra quân dọn vệ sinh")],
        ),
        (  # "1." lead-ins, "a)" tasks; a peer "2." ends the first group
            ["1. Đề nghị Công an xã:", "a) Tăng cường tuần tra.", "2. Đề nghị Đoàn xã:",
             "a) Ra quân dọn vệ sinh."],
            [(["Công an xã"], "tăng cường tuần tra"), (["Đoàn xã"], "ra quân dọn vệ sinh")],
        ),
    ],
)  # fmt: skip
def test_list_labels_of_lead_ins_and_tasks(
    lines: list[str], tasks: list[tuple[list[str], str]], tmp_path: Path
) -> None:
    doc = Document()
    for text in ["THÔNG BÁO", "Kết luận của Chủ tịch UBND xã", "Nhiệm vụ thời gian tới", *lines]:
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "tb.docx"))
    data = import_draft(tmp_path / "tb.docx").data
    assert [(d["assignees"], d["content"]) for d in data["directives"]] == tasks


#: Lines of a notice that are its form, not its facts: the national header, the type
#: line, "Nơi nhận:", "(Đã ký)", a page's number, a rule, the number line, the place and
#: date line (the date is in ``documents``), the closing sentence giaoban writes again,
#: the summary ("Kết luận của …", from which the title is read), a task table's headers.
_FORM = re.compile(
    r"^(?:kết luận của .*|thông báo|báo cáo|nơi nhận:?|\(đã ký\)|(?:trang\s*)?\d+(?:\s*/\s*\d+)?"
    r"|[-_*]+|số:? *\d+.*|.*ngày \d+ tháng \d+ năm \d{4}|trên đây .*"
    r"|.* thông báo (?:kết luận .* )?để .*"
    # a table of tasks' headers: "STT | Nội dung | Đơn vị thực hiện | Thời hạn"
    r"|stt|nội dung(?: công việc| nhiệm vụ)?|đơn vị(?: thực hiện| chủ trì)?|thời hạn)$"
)
_NATIONAL = re.compile(
    r"cộng hòa xã hội chủ nghĩa việt nam|độc lập - tự do - hạnh phúc|đảng cộng sản việt nam"
)
#: A list's label, a signer's mode ("T/M") or the archive's "Lưu:": form, not words typed.
_LINE_LABEL = re.compile(
    r"^(?:[-–+•*]\s*|(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|[ivxl]+\s*[.\-–])\s+"
    r"|(?:t/m|tm\.|t/l|tl\.|kt\.|q\.|lưu:?)\s*)"
)
#: A heading of a known part, or the concluding lead-in: what they say is the field
#: their content fills ("Đánh giá kết quả", "đồng chí X kết luận như sau:").
_PART_HEADING = re.compile(
    r"ưu điểm|khuyết điểm|tồn tại|hạn chế|đề xuất|kiến nghị|nhiệm vụ|kết luận|đánh giá|kết quả"
    r"|tình hình"
)
_CONCLUDING = re.compile(
    r"kết luận(?: như sau)?(?:, (?:đề nghị|yêu cầu|giao))?$"
    r"|^kết luận (?:cuộc họp|hội nghị|buổi làm việc).*(?:đề nghị|yêu cầu)$"
)
#: A lead-in names whom the tasks below are for: the name is what must be kept.
_LEAD_IN = re.compile(
    r"^(?:đề nghị|đối với)\s+(.+)$|^(?:.*,\s*)?(.+?)\s+(?:cần|phải) (?:tập trung|thực hiện)[^,]*$"
)


def _words(text: str) -> tuple[str, list[str]]:
    """A line as compared: NFC, casefolded, one space, no national motto, no list label
    nor final mark, numbers as the record writes them ("1.250,5" is 1250.5; "05" is 5)."""
    line = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    line = _NATIONAL.sub(" ", line).strip()
    while (label := _LINE_LABEL.match(line)) is not None and label.end():
        line = line[label.end() :]
    line = re.sub(r"(?<=\d)\.(?=\d{3})", "", line.rstrip(" .;,:"))
    line = re.sub(r"(?<=\d),(?=\d)", ".", line).replace(" đạt ", " ")  # "… đạt 37 hộ": a figure
    return line, [str(int(w)) if w.isdigit() else w for w in re.findall(r"\w+", line)]


def _grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("name", sorted(p.name for p in TYPED.glob("*.docx")))
def test_nothing_typed_is_lost(name: str) -> None:
    """Every line typed in a hand-typed document is in the record file import writes (a
    field, or the comments of what was kept unplaced and of the settings): a short line
    whole, a longer one by at least half of its word pairs (the opening's day is read into
    a date, a chair's line into a name and titles). Only the document's form is not."""
    imported = import_draft(TYPED / name)
    _, written = _words(imported.yaml().replace("\n", " "))
    pairs = _grams(written, 2)
    lost = set()  # the paragraphs (numbered as reported) with a line not in the record
    for p in read_document(TYPED / name).paragraphs:
        for line in p.text.split("\n"):
            said, words = _words(line)
            if not words or _FORM.match(said) or _CONCLUDING.search(said):
                continue
            if _PART_HEADING.search(said) and len(words) <= 12:
                continue
            if (lead := _LEAD_IN.match(said)) is not None:
                said, words = _words(lead[1] or lead[2])
            if len(words) <= 5:
                kept = tuple(words) in _grams(written, len(words))
            else:
                kept = len(_grams(words, 2) & pairs) >= len(_grams(words, 2)) / 2
            if not kept:
                lost.add(p.index)
    assert not lost, f"typed but not in the record: paragraphs {sorted(lost)}"


def test_headings_naming_no_part_are_kept_or_name_the_assignee() -> None:
    """ "2.1. Đối với Hội Nông dân các xã, thị trấn" (bold) names whom the tasks below are
    for; "1. Công tác xây dựng tổ chức Hội" names a topic of its part: kept, located."""
    data = import_draft(TYPED / "tb-hd36-hnd-doi-voi.docx").data
    assert [(d["assignees"], d.get("deadline")) for d in data["directives"]] == [
        (["Hội Nông dân các xã, thị trấn"], None),
        (["Hội Nông dân các xã, thị trấn"], "trước ngày 25/12/2024"),
        (["các Ban chuyên môn Hội Nông dân huyện"], "trong tháng 01/2025"),
        (["các Ban chuyên môn Hội Nông dân huyện"], "trước 20/12/2024"),
    ]
    multilevel = import_draft(TYPED / "tb-hd36-multilevel.docx").data  # Word's "%1.%2."
    assert [d["assignees"] for d in multilevel["directives"]] == [
        ["Ban Dân vận Huyện ủy"],
        ["Ủy ban MTTQ và các đoàn thể huyện"],
    ]
    report = import_draft(TYPED / "bc-hd36-hnd-topics.docx")
    kept = [tidy(p.text) for p in report.unplaced]
    assert "1. Công tác xây dựng tổ chức Hội" in kept
    assert "2. Công tác hỗ trợ nông dân" in kept


@pytest.mark.parametrize(
    ("name", "found"),
    [
        (  # "Đồng chí X - Bí thư Đảng ủy xã, chủ trì.", "Vào lúc 14 giờ, ngày 5 tháng 7 …"
            "tb-hd36-dang-uy-xa.docx",
            {"date": "2024-07-05", "time": "14:00", "place": "Hội trường Đảng ủy xã",
             "chairs": [{"name": "Nguyễn Văn Bảy", "titles": ["Bí thư Đảng ủy xã"]}],
             "concluded_by": "Nguyễn Văn Bảy"},  # "đồng chí Bí thư Đảng ủy kết luận"
        ),
        (  # "Lúc 14h00 ngày 05-7-2024, … tại điểm cầu …"; "A - … và đồng chí B - … đồng chủ trì"
            "tb-mttq-two-chairs.docx",
            {"date": "2024-07-05", "time": "14:00",
             "title": "hội nghị trực tuyến giao ban quý II năm 2024",
             "place": "điểm cầu Hội trường Ủy ban MTTQ Việt Nam huyện, kết nối đến điểm cầu 12 "
                      "xã, thị trấn",
             "chairs": [{"name": "Trương Minh Tâm",
                         "titles": ["Chủ tịch Ủy ban MTTQ Việt Nam huyện"]},
                        {"name": "Nguyễn Thị Thu",
                         "titles": ["Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam huyện"]}],
             "concluded_by": "Trương Minh Tâm"},
        ),
        (  # "Đồng chí Bí thư Huyện đoàn kết luận như sau:"
            "tb-doan-word-numbered.docx",
            {"chairs": [{"name": "Lê Hoàng Nam", "titles": ["Bí thư Huyện đoàn"]}],
             "concluded_by": "Lê Hoàng Nam", "part_of_day": "morning"},
        ),
        (  # "Chiều ngày …, tại …, đồng chí X - title chủ trì cuộc họp về …"
            "tb-nd30-task-table.docx",
            {"date": "2024-10-10", "part_of_day": "afternoon",
             "place": "Phòng họp số 1 UBND huyện", "noun": "cuộc họp",
             "title": "cuộc họp về công tác chuyển đổi số quý III năm 2024",
             "chairs": [{"name": "Lê Quang Vinh", "titles": ["Phó Chủ tịch UBND huyện"]}],
             "concluded_by": "Lê Quang Vinh"},
        ),
        (  # "Chủ trì buổi làm việc: đồng chí A - … và đồng chí B - … đồng chủ trì."
            "tb-hd36-dang-uy-lam-viec.docx",
            {"date": "2024-07-05", "part_of_day": "afternoon",
             "chairs": [{"name": "Nguyễn Hữu Lộc", "titles": ["Bí thư Đảng ủy xã"]},
                        {"name": "Phạm Thị Mỹ", "titles": ["Phó Bí thư Thường trực Đảng ủy xã"]}],
             "concluded_by": "Thường trực Đảng ủy"},  # "Thường trực Đảng ủy thống nhất kết luận"
        ),
    ],
)  # fmt: skip
def test_openings_chairs_and_who_concludes(name: str, found: dict[str, object]) -> None:
    data = import_draft(TYPED / name).data
    assert {key: data.get(key) for key in found} == found


def test_assignees_and_deadlines_as_clerks_type_them() -> None:
    """ "Đề nghị Đoàn các xã, thị trấn:" is one unit; "hoàn thành trước 15/9/2024" (no
    "ngày") and ", trong quý IV/2024" are deadlines."""
    data = import_draft(TYPED / "tb-doan-word-numbered.docx").data
    assert [(d["assignees"], d["content"], d.get("deadline")) for d in data["directives"]] == [
        (["Đoàn các xã, thị trấn"], "tổ chức tổng kết Chiến dịch Thanh niên tình nguyện hè",
         "hoàn thành trước 15/9/2024"),
        (["Đoàn các xã, thị trấn"], "triển khai chương trình Tiếp sức mùa thi năm 2025", None),
        (["Văn phòng Huyện đoàn"], "tham mưu tổ chức Đại hội Hội LHTN Việt Nam huyện",
         "trong quý IV/2024"),
    ]  # fmt: skip
    listed = import_draft(TYPED / "tb-hd36-dang-uy-xa.docx").data["directives"]
    assert listed[1]["deadline"] == "hoàn thành trước 30/11/2024"


@pytest.mark.parametrize(
    ("name", "tasks"),
    [
        (  # STT | Nội dung | Đơn vị thực hiện | Thời hạn
            "tb-mttq-two-chairs.docx",
            [
                ("tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
                 ["Ủy ban MTTQ các xã, thị trấn"], "trước 18/11/2024"),
                ("tổng kết phong trào Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
                 ["Ban Phong trào"], "quý IV/2024"),
                ("giám sát việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi",
                 ["Ban Dân chủ - Pháp luật"], "trong tháng 10/2024"),
                ("chuẩn bị Đại hội Mặt trận các xã nhiệm kỳ 2024 - 2029",
                 ["Văn phòng Ủy ban MTTQ huyện"], "năm 2025"),
            ],
        ),
        (  # Đơn vị | Nhiệm vụ, the deadline in the task's words
            "tb-nd30-task-table.docx",
            [
                ("hướng dẫn các xã số hóa hồ sơ", ["Phòng Văn hóa và Thông tin"],
                 "hoàn thành trước 30/11/2024"),
                ("duy trì Tổ công nghệ số cộng đồng", ["UBND các xã, thị trấn"], "thường xuyên"),
                ("tổng hợp, báo cáo kết quả về UBND tỉnh", ["Văn phòng HĐND và UBND huyện"],
                 "trong tháng 12/2024"),
            ],
        ),
    ],
)  # fmt: skip
def test_a_table_of_tasks_gives_a_task_a_row(
    name: str, tasks: list[tuple[str, list[str], str]]
) -> None:
    imported = import_draft(TYPED / name)
    assert [(d["content"], d["assignees"], d.get("deadline"))
            for d in imported.data["directives"]] == tasks  # fmt: skip
    assert not [p for p in imported.unplaced if p.place.table]


def test_tasks_after_lead_ins_and_under_a_tasks_heading(tmp_path: Path) -> None:
    """ "… cần tập trung:" then tasks over soft line breaks: its subject's tasks; "- Đề nghị
    Y …" under another's lead-in: Y's; a labelled item under "Nhiệm vụ …" with no lead-in:
    a task whose assignee the clerk fills, never a result."""
    led = import_draft(TYPED / "tb-hd36-dang-uy-lam-viec.docx").data["directives"]
    assert [(d["assignees"], d["content"], d.get("deadline")) for d in led] == [
        (["Chi bộ ấp Tân Lợi"], "nâng cao chất lượng sinh hoạt chi bộ, mỗi quý ít nhất 01 "
         "chuyên đề, thực hiện từ quý III/2024", None),
        (["Chi bộ ấp Tân Lợi"], "lãnh đạo Ban Nhân dân ấp hoàn thành tiêu chí ấp văn hóa",
         "trong năm 2024"),
        (["Chi bộ ấp Tân Lợi"], "giới thiệu 02 quần chúng ưu tú để kết nạp Đảng",
         "hoàn thành trước 31/12/2024"),
    ]  # fmt: skip
    own = import_draft(TYPED / "tb-nd30-own-assignee.docx").data["directives"]
    assert own[-1]["assignees"] == ["Ban Chỉ huy Quân sự xã"]
    assert own[-1]["content"] == "chuẩn bị công tác tuyển quân năm 2025"
    giving = import_draft(TYPED / "tb-nd30-task-table.docx").data
    assert giving["conclusions"] == [
        "Để hoàn thành chỉ tiêu năm 2024, Phó Chủ tịch UBND huyện giao nhiệm vụ như sau:"
    ]
    doc = Document()
    for text in ["THÔNG BÁO", "Kết luận của Chủ tịch UBND xã", "2. Nhiệm vụ thời gian tới",
                 "- Hoàn thành thu thuế phi nông nghiệp trong quý IV/2024.",
                 "- Đẩy mạnh tuyên truyền phòng, chống thiên tai."]:  # fmt: skip
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "tb.docx"))
    data = import_draft(tmp_path / "tb.docx").data
    assert "results" not in data
    assert [(d["assignees"], d["content"], d.get("deadline")) for d in data["directives"]] == [
        ([], "hoàn thành thu thuế phi nông nghiệp", "trong quý IV/2024"),
        ([], "đẩy mạnh tuyên truyền phòng, chống thiên tai", None),
    ]


def test_a_report_s_situation_results_and_proposals() -> None:
    """Under "I. TÌNH HÌNH CHUNG" the situation is a result; "…1.250 ha, đạt 100% kế
    hoạch" is said as typed (a figure would lose half of it); "2. Đề xuất: X đề xuất Y …"
    under "III. KHÓ KHĂN, HẠN CHẾ VÀ ĐỀ XUẤT" is a proposal; "Căn cứ …, ngày 04/11/2024,
    UBND xã tổ chức … do đồng chí X chủ trì" gives the basis, day, title and chair."""
    report = import_draft(TYPED / "bc-nd30-xa-linh-vuc.docx").data
    assert (report["basis"], report["date"], report["title"]) == (
        "Căn cứ Quy chế làm việc của UBND xã",
        "2024-11-04",
        "cuộc họp giao ban tháng 11 năm 2024",
    )
    assert report["chairs"] == [{"name": "Trần Quốc Việt", "titles": ["Chủ tịch UBND xã"]}]
    assert report["results"]["general"][:2] == [
        "Tình hình kinh tế - xã hội trên địa bàn xã ổn định; an ninh chính trị, trật tự an "
        "toàn xã hội được giữ vững",
        "Diện tích lúa Thu Đông xuống giống 1.250 ha, đạt 100% kế hoạch",
    ]
    assert report["results"]["figures"] == [
        {"label": "Tỷ lệ người dân tham gia bảo hiểm y tế", "value": 93.2, "unit": "%"}
    ]
    assert report["proposals"] == [
        {"by": "UBND xã", "content": "UBND huyện sớm phân bổ vốn xây dựng cầu kênh Ranh trong "
         "quý I/2025"}
    ]  # fmt: skip
    other = import_draft(TYPED / "bc-hd36-hnd-topics.docx").data
    assert other["proposals"] == [
        {"by": "Hội Nông dân huyện", "content": "Ủy ban nhân dân huyện bổ sung 500 triệu đồng "
         "vào Quỹ Hỗ trợ nông dân trong năm 2025"}
    ]  # fmt: skip
    assert other["results"]["figures"] == [
        {"label": "Tỷ lệ hội viên đóng hội phí", "value": 98.5, "unit": "%"}
    ]
    answered = import_draft(TYPED / "tb-hd36-multilevel.docx").data["proposals"]
    assert answered == [
        {"by": "Hội Cựu chiến binh huyện", "content": "hỗ trợ kinh phí tổ chức Hội thao",
         "response": "Thường trực Huyện ủy thống nhất, giao Văn phòng Huyện ủy cân đối"}
    ]  # fmt: skip
