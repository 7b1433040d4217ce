"""The documents read as a clerk writes them: tasks under their assignee, capitals, no
empty items, no doubled punctuation, numbers the Vietnamese way, proposals with a verb."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

from generator import render

from conftest import RECORD, write_yaml
from readback import pdf_pages

TASKS = [
    {"content": "Tiếp tục đổi mới phương thức hoạt động.", "assignees": ["Các hội"],
     "deadline": "2032-12-31"},
    {"content": "tổ chức sơ kết mô hình", "assignees": ["Các hội"]},
    {"content": "Báo cáo kết quả về Ban Dân vận", "assignees": ["Hội Nông dân tỉnh"]},
]  # fmt: skip
RESULTS = {
    "general": ["Các đơn vị hoàn thành tốt nhiệm vụ."],
    "by_organization": [
        {"organization": "Hội Nông dân tỉnh", "figures": [
            {"label": "Số hội viên mới", "value": 1250, "unit": "người"},
            {"label": "Quỹ hỗ trợ", "value": 10000000000, "unit": "đồng"},
            {"label": "Tỷ lệ hộ khá", "value": 12.5, "unit": "%"}]},
    ],
}  # fmt: skip


def _texts(project: Path, doc: str) -> tuple[list[str], str]:
    record = {**RECORD, "directives": TASKS, "results": RESULTS,
              "proposals": [{"by": "Hội Nông dân tỉnh", "content": "Hỗ trợ vốn vay."}]}  # fmt: skip
    write_yaml(project / "record.yaml", record)
    outputs = render([project / "record.yaml"], docs=(doc,), out=project / "out").outputs
    files = {o.format: o.path for o in outputs}
    paragraphs = [p.text for p in Document(str(files["docx"])).paragraphs]
    return paragraphs, " ".join(" ".join(pdf_pages(files["pdf"])).split())


def test_tasks_stand_under_one_lead_in_per_assignee(project: Path) -> None:
    for doc in ("tb", "bc"):
        paragraphs, pdf = _texts(project, doc)
        start = paragraphs.index("Đề nghị các hội:")
        assert paragraphs[start + 1 : start + 5] == [
            "- Tiếp tục đổi mới phương thức hoạt động (thời hạn: 31/12/2032);",
            "- Tổ chức sơ kết mô hình.",
            "Đề nghị Hội Nông dân tỉnh:",
            "- Báo cáo kết quả về Ban Dân vận.",
        ]
        assert paragraphs.count("Đề nghị các hội:") == 1
        assert "Đề nghị các hội: - Tiếp tục đổi mới phương thức hoạt động" in pdf


def test_no_empty_item_figures_as_a_sentence_with_vietnamese_numbers(project: Path) -> None:
    for doc in ("tb", "bc"):
        paragraphs, pdf = _texts(project, doc)
        line = "- Hội Nông dân tỉnh: số hội viên mới 1.250 người, quỹ hỗ trợ 10.000.000.000 đồng, "
        line += "tỷ lệ hộ khá 12,5%."
        assert line in paragraphs, doc
        assert ": ." not in pdf and "1250" not in pdf and "10000000000" not in pdf


def test_no_doubled_punctuation_and_bullets_start_with_a_capital(project: Path) -> None:
    for doc in ("tb", "bc"):
        paragraphs, pdf = _texts(project, doc)
        assert not re.search(r"\.\s*\.|\.\s*\(thời hạn|;\s*;|,\s*\.", pdf), doc
        bullets = [p for p in paragraphs if p.startswith("- ")]
        assert bullets and all(p[2].isupper() or not p[2].isalpha() for p in bullets), bullets


def test_proposals_say_who_proposed_what(project: Path) -> None:
    paragraphs, _pdf = _texts(project, "tb")
    assert "- Hội Nông dân tỉnh đề xuất hỗ trợ vốn vay." in paragraphs


def test_basis_speeches_and_the_chairs_assessment_have_their_places(project: Path) -> None:
    record = {
        **RECORD,
        "basis": "Thực hiện Chương trình công tác năm 2025 của Ban Thường vụ Tỉnh ủy",
        "discussion": [{"by": "Đồng chí Trần Minh Sơn, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
                        "content": "Làm rõ thêm kết quả giám sát, phản biện xã hội."}],
        "assessment": ["Ghi nhận và đánh giá cao sự nỗ lực của các đơn vị trong khối"],
    }  # fmt: skip
    write_yaml(project / "record.yaml", record)
    outputs = render([project / "record.yaml"], docs=("tb", "bc"), out=project / "out").outputs
    for output in (o for o in outputs if o.format == "docx"):
        paragraphs = [p.text for p in Document(str(output.path)).paragraphs]
        opening = next(p for p in paragraphs if p.startswith("Thực hiện Chương trình"))
        # One sentence, as a clerk writes it: basis, when, where, who convened what.
        assert opening.startswith("Thực hiện Chương trình công tác năm 2025 của Ban Thường vụ "
                                  "Tỉnh ủy, sáng ngày 3 tháng 1 năm 2025, tại ")  # fmt: skip
        assert ", Thường trực Tỉnh ủy tổ chức Hội nghị" in opening
        assert not any(p.endswith("đã diễn ra.") for p in paragraphs)
        assert ("Đồng chí Trần Minh Sơn, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh phát biểu làm rõ "
                "thêm kết quả giám sát, phản biện xã hội.") in paragraphs  # fmt: skip
        assessment = paragraphs.index(
            "Ghi nhận và đánh giá cao sự nỗ lực của các đơn vị trong khối."
        )
        if output.doc == "tb":  # under the assessment heading, before the results
            assert paragraphs[assessment - 1] == "1. Đánh giá kết quả"
        else:  # in the chair's conclusions, before the tasks
            assert paragraphs[assessment - 1].endswith("kết luận:")


def test_deadlines_may_be_periods_in_words(project: Path) -> None:
    tasks = [{"content": content, "assignees": ["Các hội"], "deadline": deadline}
             for content, deadline in (("Sơ kết mô hình", "trong quý I/2025"),
                                       ("Nắm tình hình", "thường xuyên"),
                                       ("Báo cáo", "31/3/2025"))]  # fmt: skip
    write_yaml(project / "record.yaml", {**RECORD, "directives": tasks})
    (output,) = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    paragraphs = [p.text for p in Document(str(output.path)).paragraphs]
    start = paragraphs.index("Đề nghị các hội:")
    assert paragraphs[start + 1 : start + 4] == [
        "- Sơ kết mô hình (thời hạn: trong quý\u00a0I/2025);",  # never split over two lines
        "- Nắm tình hình (thời hạn: thường xuyên);",
        "- Báo cáo (thời hạn: 31/03/2025).",
    ]


def test_the_record_names_its_kind_of_session_and_the_documents_keep_the_name(
    project: Path,
) -> None:
    record = {**RECORD, "kind": "working_session", "noun": "phiên làm việc",
              "title": "Phiên làm việc với Hội Nông dân tỉnh"}  # fmt: skip
    write_yaml(project / "record.yaml", record)
    outputs = render([project / "record.yaml"], docs=("tb", "bc"), formats=("docx",),
                     out=project / "out").outputs  # fmt: skip
    for output in outputs:
        text = " ".join(p.text for p in Document(str(output.path)).paragraphs)
        assert "chủ trì phiên làm việc" in text and "buổi làm việc" not in text


def test_whole_body_and_approximate_figures_are_printed_as_written(project: Path) -> None:
    figures = [{"label": "Tổng số tiền vận động", "value": "hàng chục tỷ", "unit": "đồng"},
               {"label": "Số lượt người tham gia", "value": 1200, "unit": "lượt"}]  # fmt: skip
    results = {"general": ["Các đơn vị hoàn thành tốt nhiệm vụ."], "figures": figures}
    write_yaml(project / "record.yaml", {**RECORD, "results": results})
    outputs = render([project / "record.yaml"], docs=("tb", "bc"), formats=("docx",),
                     out=project / "out").outputs  # fmt: skip
    for output in outputs:
        paragraphs = [p.text for p in Document(str(output.path)).paragraphs]
        # Each general figure is a sentence with its verb.
        assert "Tổng số tiền vận động đạt hàng chục tỷ đồng." in paragraphs, output.doc
        assert "Số lượt người tham gia đạt 1.200 lượt." in paragraphs, output.doc
