"""Format rules found by reading the outputs: the closing kept with the signature, the
signature block's forms, the appendix's citation line, the digest's properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from generator import UsageError, digest, render
from generator.cli.command import main
from generator.output.docx.styles import style_name

from conftest import SETTINGS, write_yaml
from readback import chars_of, pdf_pages

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"


@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_the_closing_sentence_stays_with_the_signature(tmp_path: Path, profile: str) -> None:
    outputs = render([EXAMPLES / "2023-12-01-giao-ban-hoi-quan-chung.yaml"], profile=profile,
                     out=tmp_path).outputs  # fmt: skip
    files = {o.format: o.path for o in outputs}
    last = pdf_pages(files["pdf"])[-1]
    assert last.index("Văn phòng Tỉnh ủy thông báo ý kiến kết luận") < last.index("Nơi nhận:")
    closing = next(p for p in Document(str(files["docx"])).paragraphs
                   if p.text.startswith("Văn phòng Tỉnh ủy thông báo"))  # fmt: skip
    assert closing.paragraph_format.keep_with_next


@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_a_signer_in_no_ones_name_stands_level_with_the_recipients(
    project: Path, profile: str
) -> None:
    signer = {"title": "Bí thư Tỉnh ủy", "name": "Nguyễn Văn An"}
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": profile, "signer": signer})
    outputs = render([project / "record.yaml"], out=project / "out").outputs
    files = {o.format: o.path for o in outputs}
    pages = len(PdfReader(files["pdf"]).pages)
    label = chars_of(files["pdf"], "Nơi nhận", page=pages - 1)
    title = chars_of(files["pdf"], "BÍ THƯ TỈNH ỦY", page=pages - 1)
    assert abs(float(label[0]["top"]) - float(title[0]["top"])) < 2.0  # the same line
    cell = Document(str(files["docx"])).tables[-1].cell(0, 1)
    first = cell.paragraphs[0]
    assert first.text == "BÍ THƯ TỈNH ỦY" and first.style.name == style_name("sig-title")
    # in the title's face: bold under HD36 and NĐ30, upright under HD05
    bold = profile != "hd05"
    assert all(("Bold" in str(c["fontname"])) is bold for c in title)
    assert first.style.font.bold is bold


@pytest.mark.parametrize(
    ("profile", "title", "line"),
    [("nd30", "Chánh Văn phòng", "Q. CHÁNH VĂN PHÒNG"), ("hd05", "Trưởng ban", "Q. TRƯỞNG BAN")],
)
def test_an_acting_head_signs_with_q_before_the_title(
    project: Path, profile: str, title: str, line: str
) -> None:
    """NĐ30's "Q." and HD05's "Q. TRƯỞNG BAN" (HD36 gives no form: refused, below)."""
    signer = {"mode": "q", "title": title, "name": "Trần Thị B"}
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": profile, "signer": signer})
    outputs = render([project / "record.yaml"], out=project / "out").outputs
    files = {o.format: o.path for o in outputs}
    assert f"{line}\nTrần Thị B" in pdf_pages(files["pdf"])[-1]
    cell = Document(str(files["docx"])).tables[-1].cell(0, 1)
    assert [p.text for p in cell.paragraphs] == [line, "Trần Thị B"]


@pytest.mark.parametrize("mode", ["q", "tuq"])
def test_acting_and_authorised_forms_are_refused_under_hd36(
    project: Path, mode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    signer = {"mode": mode, "on_behalf_of": "Ban Thường vụ", "title": "Phó Bí thư", "name": "A"}
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "signer": signer})
    assert main(["validate", str(project / "record.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"signing mode '{mode}' has no form in the format profile 'hd36'" in err
    assert "giaoban.yaml:" in err


@pytest.mark.parametrize(
    ("profile", "line"),
    [
        ("hd36", "(Kèm theo Báo cáo số 07-BC/TU ngày 05 tháng 01 năm 2024 của Tỉnh ủy)"),
        ("nd30", "(Kèm theo Báo cáo số 07/BC-TU ngày 05 tháng 01 năm 2024 của Tỉnh ủy)"),
    ],
)
def test_the_appendix_cites_its_report_in_the_profiles_form(
    tmp_path: Path, profile: str, line: str
) -> None:
    result = digest([EXAMPLES], period="2023", profile=profile, out=tmp_path,
                    registration=_registration(7, "2024-01-05"))  # fmt: skip
    files = {o.format: o.path for o in result.outputs}
    assert line in [p.text for p in Document(str(files["docx"])).paragraphs]
    assert line in " ".join(" ".join(pdf_pages(files["pdf"])).split())


def _registration(number: int, date: str) -> object:
    from generator.model.meeting import Registration

    return Registration.model_validate({"number": number, "date": date})


def test_the_digests_title_property_is_its_summary_line(tmp_path: Path) -> None:
    outputs = digest([EXAMPLES], period="2023", out=tmp_path).outputs
    files = {o.format: o.path for o in outputs}
    title = ("Báo cáo - Kết quả hội nghị giao ban khối Mặt trận Tổ quốc và các tổ chức chính trị "
             "– xã hội năm 2023")  # fmt: skip
    assert PdfReader(files["pdf"]).metadata.title == title
    assert Document(str(files["docx"])).core_properties.title == title


def test_pdf_a1_is_refused_for_a_digest_and_pdf_a2_is_written(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="pdf/a-2b"):
        digest([EXAMPLES], period="2023", out=tmp_path, pdf_variant="pdf/a-1b")
    (pdf,) = digest([EXAMPLES], period="2023", formats=("pdf",), out=tmp_path,
                    pdf_variant="pdf/a-2b").outputs  # fmt: skip
    packet = etree.fromstring(PdfReader(pdf.path).trailer["/Root"]["/Metadata"].get_object()
                              .get_data())  # fmt: skip
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    assert ("2", "B") in {(d.get(pdfaid + "part"), d.get(pdfaid + "conformance"))
                          for d in packet.iter()}  # fmt: skip


def test_digest_rows_never_split_across_pages_in_word(tmp_path: Path) -> None:
    (docx,) = digest([EXAMPLES], period="2023", formats=("docx",), out=tmp_path).outputs
    doc = Document(str(docx.path))
    data = [t for t in doc.tables if len(t.columns) > 2]
    assert data and all(row._tr.trPr is not None and row._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
        for table in data for row in table.rows)  # fmt: skip


def test_a_years_digest_may_hold_only_its_review(tmp_path: Path) -> None:
    """An annual review of 2023 held in February 2024 is reported in the 2023 digest."""
    from conftest import RECORD

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    review = {**RECORD, "kind": "annual_review", "period": "2023", "date": "2024-02-05",
              "title": "Hội nghị tổng kết công tác năm 2023", "directives": []}  # fmt: skip
    write_yaml(tmp_path / "review.yaml", review)
    result = digest([tmp_path / "review.yaml"], period="2023", formats=("docx",),
                    out=tmp_path / "out")  # fmt: skip
    assert result.digest is not None and [r.record.id for r in result.digest.reviews] == ["review"]
    (docx,) = result.outputs
    heading = ("Theo báo cáo tổng kết năm 2023 tại hội nghị tổng kết công tác năm 2023 "
               "ngày 05/02/2024:")  # fmt: skip
    assert heading in [
        p.text for p in Document(str(docx.path)).paragraphs]  # fmt: skip


def test_the_digest_says_how_it_counted_its_meetings(tmp_path: Path) -> None:
    for by, said in (("date", "Các hội nghị được tính theo ngày tổ chức."),
                     ("reviewed", "tính vào kỳ được sơ kết, tổng kết")):  # fmt: skip
        (docx,) = digest([EXAMPLES], period="2024", formats=("docx",), out=tmp_path / by,
                         membership=by).outputs  # fmt: skip
        assert said in " ".join(p.text for p in Document(str(docx.path)).paragraphs), by
    with pytest.raises(UsageError, match="no way of counting"):
        digest([EXAMPLES], period="2024", out=tmp_path / "x", membership="title")
