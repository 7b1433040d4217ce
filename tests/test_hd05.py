"""The 2026 Party format (guidance 05-HD/VPTW), read back from the PDF and the DOCX of the
examples: each rule where it differs from HD36, as a reader of the printed page sees it."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm

from generator import InputError, digest, render, validate
from generator.cli.command import main
from generator.inputs.locations import builtin_profiles
from generator.model.meeting import Registration
from generator.model.profiles import load_profile, out_of_force, profile_in_force
from generator.output.docx.styles import style_name

from conftest import RECORD, SETTINGS, write_yaml
from readback import MM, blocks, chars_of, pdf_pages

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"
NOTICE = "2024-09-25-giao-ban-quy-3"


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example notice of conclusions under hd05 (the examples' settings name it)."""
    out = tmp_path_factory.mktemp("hd05")
    outputs = render([EXAMPLES / f"{NOTICE}.yaml"], docs=("tb",), out=out).outputs
    return {o.format: o.path for o in outputs}


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    doc = Document(str(path))
    return [(p.style.name if p.style else "", p.text) for p in blocks(doc) if p.text]


def test_the_examples_settings_take_hd05() -> None:
    (record,) = validate([EXAMPLES / f"{NOTICE}.yaml"])
    assert record.settings.profile == "hd05"


def test_the_content_ends_with_a_full_stop(notice: dict[str, Path]) -> None:
    closing = "biết, thực hiện."
    text = " ".join(" ".join(pdf_pages(notice["pdf"])).split())
    assert closing in text and "./." not in text
    body = [t for style, t in _paragraphs(notice["docx"]) if style == style_name("body")]
    assert body[-1].endswith(closing) and not body[-1].endswith("./.")


def test_the_first_line_is_indented_about_10_mm(notice: dict[str, Path]) -> None:
    style = Document(str(notice["docx"])).styles[style_name("body")].paragraph_format
    assert abs(style.first_line_indent - Mm(10)) < Mm(0.01)
    # In the PDF: a paragraph's first word starts 10 mm right of the left margin (30 mm).
    first = chars_of(notice["pdf"], "Tham dự hội nghị có các đồng chí")
    assert abs(float(first[0]["x0"]) - 40 * MM) < 0.5


def test_lines_are_exactly_20_pt_apart(notice: dict[str, Path]) -> None:
    """HD05 asks 18–22 pt "Exactly": the profile's 20 pt, measured between the baselines of
    a paragraph's lines in the PDF, and set as "exactly" in the DOCX's body and headings."""
    styles = Document(str(notice["docx"])).styles
    for component in ("body", "section", "subsection", "point"):
        fmt = styles[style_name(component)].paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY, component
        assert fmt.line_spacing.pt == 20, component
    closing = float(chars_of(notice["pdf"], "Nơi nhận:", page=1)[0]["top"])
    with pdfplumber.open(notice["pdf"]) as pdf:
        page = pdf.pages[1]  # body text, then the closing table (not body text: left out)
        body = [c for c in page.chars
                if round(c["size"]) == 14 and 20 * MM < c["top"] < closing - 1]  # fmt: skip
        baselines = sorted({round(page.height - c["matrix"][5], 2) for c in body})
    steps = [round(b - a, 2) for a, b in pairwise(baselines)]
    within = [s for s in steps if s < 24]  # a paragraph's lines; 26 = 20 + 6 between paragraphs
    assert within and all(abs(s - 20) < 0.05 for s in within), steps
    assert min(within) >= 18 and max(within) <= 22
    assert any(abs(s - 26) < 0.05 for s in steps)  # at least 6 pt between paragraphs


def test_five_hyphens_stand_under_the_summary_and_no_rule_is_drawn(
    notice: dict[str, Path],
) -> None:
    paragraphs = _paragraphs(notice["docx"])
    styles = [style for style, _ in paragraphs]
    summary = len(styles) - 1 - styles[::-1].index(style_name("doc-summary"))
    assert paragraphs[summary + 1] == (style_name("summary-mark"), "-----")
    assert style_name("rule") not in styles[summary - 3 : summary + 3]
    lines = pdf_pages(notice["pdf"])[0].splitlines()
    assert lines[lines.index("-----") - 1].endswith("quý III năm 2024")  # the summary's last line
    hyphens = chars_of(notice["pdf"], "-----")
    middle = (float(hyphens[0]["x0"]) + float(hyphens[-1]["x1"])) / 2
    assert abs(middle - (30 + (210 - 30 - 15) / 2) * MM) < 1.0  # centred on the text area
    with pdfplumber.open(notice["pdf"]) as pdf:
        page = pdf.pages[0]
        drawn = [e for e in (*page.lines, *page.rects) if e["top"] > float(hyphens[0]["top"]) - 60]
    assert drawn == []  # the only rule of the page is the one under the Party's name


def test_the_signers_title_is_upper_case_and_not_bold(notice: dict[str, Path]) -> None:
    pages = len(pdf_pages(notice["pdf"]))
    faces = {text: {str(c["fontname"]) for c in chars_of(notice["pdf"], text, page=pages - 1)}
             for text in ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Trần Thị Hoa")}  # fmt: skip
    assert all("Bold" in f for f in faces["T/L BAN THƯỜNG VỤ"])
    assert not any("Bold" in f or "Italic" in f for f in faces["CHÁNH VĂN PHÒNG"])
    assert all("Bold" in f for f in faces["Trần Thị Hoa"])
    styles = Document(str(notice["docx"])).styles
    title = styles[style_name("sig-title")]
    assert title.font.bold is False and title.font.italic is False
    assert styles[style_name("sig-authority")].font.bold
    assert styles[style_name("sig-name")].font.bold


def test_recipients_end_with_semicolons_and_the_archive_with_a_full_stop(
    notice: dict[str, Path],
) -> None:
    expected = [
        "- Ban Thường vụ Tỉnh ủy (b/c);",
        "- Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh;",
        "- Các tổ chức chính trị - xã hội tỉnh;",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]
    entries = [t for style, t in _paragraphs(notice["docx"]) if style == style_name("recipient")]
    assert entries == expected
    last_page = pdf_pages(notice["pdf"])[-1]
    for entry in expected:
        assert entry in last_page
    styles = Document(str(notice["docx"])).styles
    label = styles[style_name("recipients-label")].font
    assert (label.underline, label.bold, label.italic, label.size.pt) == (True, False, False, 14)
    faces = {str(c["fontname"]) for c in chars_of(notice["pdf"], "Nơi nhận:", page=1)}
    assert not any("Bold" in f or "Italic" in f for f in faces)


def test_a_list_without_an_archive_line_ends_with_a_full_stop(project: Path) -> None:
    settings = {**SETTINGS, "profile": "hd05"}
    del settings["archive"]
    write_yaml(project / "giaoban.yaml", settings)
    outputs = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    entries = [t for style, t in _paragraphs(outputs[0].path) if style == style_name("recipient")]
    assert entries == ["- Ban Thường vụ Tỉnh ủy (b/c);", "- Các tổ chức chính trị - xã hội tỉnh."]


def test_a_deputy_in_charge_signs_with_his_own_title_not_bold(project: Path) -> None:
    signer = {"title": "Phó Trưởng ban phụ trách", "name": "Lê Thị Cúc"}
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "hd05", "signer": signer})
    outputs = render([project / "record.yaml"], out=project / "out").outputs
    files = {o.format: o.path for o in outputs}
    cell = Document(str(files["docx"])).tables[-1].cell(0, 1)
    assert [p.text for p in cell.paragraphs] == ["PHÓ TRƯỞNG BAN PHỤ TRÁCH", "Lê Thị Cúc"]
    assert cell.paragraphs[0].style.font.bold is False
    last = len(pdf_pages(files["pdf"])) - 1
    title = chars_of(files["pdf"], "PHÓ TRƯỞNG BAN PHỤ TRÁCH", page=last)
    assert not any("Bold" in str(c["fontname"]) for c in title)
    label = chars_of(files["pdf"], "Nơi nhận:", page=last)
    assert abs(float(label[0]["top"]) - float(title[0]["top"])) < 2.0  # level with it


def test_recipients_typed_with_their_own_marks_are_punctuated_once(project: Path) -> None:
    settings = {**SETTINGS, "profile": "hd05", "archive": "Văn phòng Tỉnh ủy.",
                "recipients": ["Ban Thường vụ Tỉnh ủy (b/c);", "Các huyện ủy,"]}  # fmt: skip
    write_yaml(project / "giaoban.yaml", settings)
    (docx,) = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    entries = [t for style, t in _paragraphs(docx.path) if style == style_name("recipient")]
    assert entries == [
        "- Ban Thường vụ Tỉnh ủy (b/c);",
        "- Các huyện ủy;",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]


def test_only_the_documents_rendered_are_held_to_their_date(project: Path) -> None:
    """A notice registered in 2025 is warned about when it is rendered under hd05, not when
    only the report is, nor in today's digest (which has its own date)."""
    documents = {"tb": {"number": 5, "date": "2025-01-05"}}
    write_yaml(project / "record.yaml", {**RECORD, "documents": documents})
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "hd05"})
    tb = render([project / "record.yaml"], docs=("tb",), formats=("docx",), out=project / "a")
    assert [w.message.split(":")[0] for w in tb.warnings] == ["documents.tb.date"]
    bc = render([project / "record.yaml"], docs=("bc",), formats=("docx",), out=project / "b")
    assert bc.warnings == []
    result = digest([project], period="2025-Q1", formats=("docx",), out=project / "c",
                    strict=True)  # fmt: skip
    assert not any("date" in w.message for w in result.warnings)


def test_a_digest_dated_outside_its_profile_fails_under_strict(tmp_path: Path) -> None:
    early = Registration(number=3, date=dt.date(2024, 1, 5))
    with pytest.raises(InputError, match="--date: the document is dated 05/01/2024"):
        digest([EXAMPLES], period="2023", registration=early, out=tmp_path, strict=True)
    assert not list(tmp_path.glob("digest-*"))  # nothing written


@pytest.mark.parametrize(
    ("profile", "place", "warned"),
    [("hd05", "Huế", True), ("hd05", "Thành phố Huế", False), ("hd05", "Đồng Tháp", False),
     ("nd30", "Huế", False), ("hd36", "Huế", False)],
)  # fmt: skip
def test_a_one_word_place_without_its_level_is_warned_under_hd05(
    project: Path, profile: str, place: str, warned: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {**RECORD, "documents": {}}
    write_yaml(project / "record.yaml", record)
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": profile, "place": place})
    assert main(["validate", str(project / "record.yaml")]) == 0
    err = capsys.readouterr().err
    assert ("one-word place name" in err) is warned, err
    if warned:
        assert "giaoban.yaml:5:" in err and "05-HD/VPTW" in err and "Thành phố Huế" in err


def _warnings(project: Path, profile: str, registered: str | None) -> list[str]:
    documents = {"tb": {"number": 5, "date": registered}} if registered else {}
    write_yaml(project / "record.yaml", {**RECORD, "documents": documents})
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": profile})
    (record,) = validate([project / "record.yaml"])
    return [w.message for w in record.warnings]


def test_a_meeting_held_before_hd05_rendered_with_it_is_fine(project: Path) -> None:
    """The format is the issuing day's: a 2025 meeting's notice issued now takes hd05."""
    assert _warnings(project, "hd05", None) == []
    assert _warnings(project, "hd05", "2026-06-10") == []
    assert _warnings(project, "hd36", "2026-05-26") == []


def test_a_document_dated_outside_its_profiles_period_is_warned(project: Path) -> None:
    (before,) = _warnings(project, "hd05", "2025-01-05")
    assert before.startswith("documents.tb.date: the document is dated 05/01/2025")
    assert "05-HD/VPTW (profile hd05)" in before and "--profile hd36" in before
    assert "36-HD/VPTW" in before
    (after,) = _warnings(project, "hd36", "2026-05-27")
    assert "36-HD/VPTW (profile hd36) applies to documents issued 03/04/2018 – 26/05/2026" in after
    assert "05-HD/VPTW: render it with --profile hd05" in after


def test_the_warning_stands_at_the_documents_date_and_fails_strict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _warnings(project, "hd05", "2025-01-05")
    assert main(["validate", str(project / "record.yaml")]) == 0
    line = next(n for n, text in enumerate((project / "record.yaml").read_text().splitlines(), 1)
                if "date: '2025-01-05'" in text or "date: 2025-01-05" in text)  # fmt: skip
    assert f"record.yaml:{line}:" in capsys.readouterr().err
    assert main(["validate", "--strict", str(project / "record.yaml")]) == 1


def test_a_digest_dated_before_hd05_is_warned(tmp_path: Path) -> None:
    early = Registration(number=3, date=dt.date(2024, 1, 5))
    result = digest([EXAMPLES], period="2023", registration=early, formats=("docx",),
                    out=tmp_path)  # fmt: skip
    assert any(w.message.startswith("--date: the document is dated 05/01/2024")
               for w in result.warnings)  # fmt: skip
    fine = digest([EXAMPLES], period="2023", formats=("docx",), out=tmp_path / "b", profile="hd36",
                  registration=early)  # fmt: skip
    assert not any("--date" in w.message for w in fine.warnings)


def test_each_day_has_one_party_format() -> None:
    """The built-in profiles' periods follow one another without a gap or an overlap."""
    assert profile_in_force("party", dt.date(2026, 5, 26)).name == "hd36"  # type: ignore[union-attr]
    assert profile_in_force("party", dt.date(2026, 5, 27)).name == "hd05"  # type: ignore[union-attr]
    assert profile_in_force("state", dt.date(2026, 5, 27)).name == "nd30"  # type: ignore[union-attr]
    assert profile_in_force("party", dt.date(2017, 1, 1)) is None
    hd05 = load_profile(builtin_profiles()["hd05"])
    assert "no built-in profile covers that day" in (out_of_force(hd05, dt.date(2017, 1, 1)) or "")


def test_doctor_and_help_name_the_profiles_and_their_periods(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["doctor"])
    out = capsys.readouterr().out
    for line in ("hd05 (05-HD/VPTW, from 27/05/2026)", "hd36 (36-HD/VPTW, 03/04/2018 – 26/05/2026)",
                 "nd30 (30/2020/NĐ-CP, from 05/03/2020)"):  # fmt: skip
        assert line in out, out
    assert main(["render", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split()).replace("- ", "-")  # lines wrapped at "-"
    assert "hd05 (Party, from 27/05/2026: guidance 05-HD/VPTW)" in text
    assert "hd36 (Party, before 27/05/2026: guidance 36-HD/VPTW)" in text
    assert "nd30 (State, from 05/03/2020: decree 30/2020/NĐ-CP)" in text


def test_a_macro_without_the_documents_context_cannot_guess_the_closing_mark(
    project: Path,
) -> None:
    mine = project / "mine"
    (mine / "partials").mkdir(parents=True)
    (mine / "partials" / "end.html.j2").write_text(
        "{% macro close(t) %}<p>{{ t | end_document }}</p>{% endmacro %}", encoding="utf-8"
    )
    (mine / "documents").mkdir()
    (mine / "documents" / "tb.html.j2").write_text(
        '{% extends "builtin/documents/tb.html.j2" %}{% import "partials/end.html.j2" as e %}'
        "{% block appendix %}{{ e.close('Hết') }}{% endblock %}",
        encoding="utf-8",
    )
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "hd05"})
    with pytest.raises(InputError, match="import the macro that uses it 'with context'"):
        render([project / "record.yaml"], templates=[mine], out=project / "out")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"components": {"body": {"size_pt": 14, "line_height_pt": 12}}},
         "line_height_pt 12 is less than the font size 14"),
        ({"in_force": {"family": "party", "regulation": "X", "since": "2026-05-27",
                       "until": "2026-01-01"}}, "until is before since"),
        ({"components": {"summary-mark": None}},
         "marks.summary is set, so the profile must style the mark: add components.summary-mark"),
    ],
)  # fmt: skip
def test_profile_values_that_cannot_work_are_refused_at_their_line(
    tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    import yaml

    data = yaml.safe_load(builtin_profiles()["hd05"].read_text(encoding="utf-8"))
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            for inner, v in value.items():
                if v is None:
                    del data[key][inner]
                else:
                    data[key][inner] = v
        else:
            data[key] = value
    path = write_yaml(tmp_path / "mine.yaml", data)
    with pytest.raises(InputError) as caught:
        load_profile(path)
    (problem,) = caught.value.problems
    assert expected in problem.message and problem.position.line > 0
