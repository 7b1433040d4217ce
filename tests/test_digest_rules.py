"""Issue 21: deadlines in words, figures in words, reviews, numbers and names, each over
small records whose expected values were worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator import InputError, validate
from generator.documents.aggregation import Digest, build_digest
from generator.model.deadlines import last_day
from generator.model.kinds import DirectiveStatus as S
from generator.model.kinds import Membership
from generator.model.periods import parse_period
from generator.model.settings import Settings

from conftest import RECORD, SETTINGS, write_yaml


def meeting(name: str, date: str, **fields: Any) -> dict[str, Any]:
    base = {k: RECORD[k] for k in ("kind", "convened_by", "chairs")}
    return {**base, "id": name, "title": f"Hội nghị {name}", "date": date, **fields}


def digest_of(
    folder: Path,
    period: str,
    *records: dict[str, Any],
    by: Membership = Membership.DATE,
    **settings: Any,
) -> Digest:
    write_yaml(folder / "giaoban.yaml", {**SETTINGS, **settings})
    loaded = validate([write_yaml(folder / f"{r['id']}.yaml", r) for r in records])
    merged = Settings.model_validate({**SETTINGS, **settings})
    return build_digest(loaded, parse_period(period), merged, by)


def org_figures(org: str, *figures: tuple[str, object, str]) -> dict[str, Any]:
    return {
        "by_organization": [
            {
                "organization": org,
                "figures": [
                    {"label": label, "value": value, "unit": unit} for label, value, unit in figures
                ],
            }
        ]
    }


# 1. Deadlines in words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "last"),
    [
        ("trong quý II năm 2024", "2024-06-30"),
        ("trong quý I/2024", "2024-03-31"),
        ("Quý IV/2024", "2024-12-31"),
        ("quý 3 năm 2024", "2024-09-30"),
        ("trước ngày 30/6/2024", "2024-06-29"),
        ("trước ngày 01/01/2025", "2024-12-31"),
        ("trước quý III/2024", "2024-06-30"),
        ("đến ngày 15/8/2024", "2024-08-15"),
        ("chậm nhất ngày 15.8.2024", "2024-08-15"),
        ("chậm nhất là ngày 1-9-2024.", "2024-09-01"),
        ("6 tháng đầu năm 2024", "2024-06-30"),
        ("6 tháng cuối năm/2024", "2024-12-31"),
        ("9 tháng năm 2024", "2024-09-30"),
        ("trong năm 2024", "2024-12-31"),
        ("trong tháng 10/2024", "2024-10-31"),
        ("hết tháng 2 năm 2024", "2024-02-29"),
        ("30/6/2024\u200b", "2024-06-30"),
        ("trong 06 tháng đầu năm 2024", "2024-06-30"),
        ("quý II-2024", "2024-06-30"),
        ("trước ngày 30 tháng 6 năm 2024", "2024-06-29"),
        ("đến hết ngày 31/10/2024", "2024-10-31"),
    ],
)
def test_a_deadline_in_words_ends_on_the_day_a_clerk_reads_in_it(written: str, last: str) -> None:
    assert last_day(written) == dt.date.fromisoformat(last)


@pytest.mark.parametrize(
    "written",
    [
        "thường xuyên",
        "đầu năm 2025",
        "trước 30/6",
        "tháng 13/2024",
        "trước ngày 31/9/2024",
        "khi có chỉ đạo",
        "năm 0000",
    ],
)
def test_ongoing_work_and_words_it_cannot_read_have_no_last_day(written: str) -> None:
    assert last_day(written) is None


def test_worded_deadlines_are_overdue_after_the_period_they_name(tmp_path: Path) -> None:
    tasks = [
        ("trong quý II năm 2024", "assigned"),
        ("trước ngày 30/6/2024", "assigned"),
        ("6 tháng đầu năm 2024", "in_progress"),
        ("trong quý I/2024", "assigned"),
        ("30/06/2024", "assigned"),
        ("chậm nhất ngày 15-6-2024", "assigned"),
        ("trước ngày 1/7/2024", "assigned"),  # the last day is 30/6: overdue in Q2
        ("trong tháng 10/2024", "assigned"),
        ("trong năm 2024", "assigned"),
        ("thường xuyên", "assigned"),
        ("trong quý III/2024", "assigned"),
        ("trong quý II/2024", "done"),
    ]
    directives = [
        {"content": f"việc {n}", "deadline": d, "status": s} for n, (d, s) in enumerate(tasks)
    ]
    d = digest_of(tmp_path, "2024-Q2", meeting("q2", "2024-04-05", directives=directives))
    assert (d.status_counts[S.ASSIGNED], d.status_counts[S.DONE], d.status_counts[S.OVERDUE]) == (
        4,
        1,
        7,
    )
    # Printed as written, judged by the last day.
    assert [e.deadline for e in d.directives][:2] == [
        "trong quý II năm 2024",
        "trước ngày 30/6/2024",
    ]
    q1 = digest_of(tmp_path, "2024-Q1", meeting("q2", "2024-03-05", directives=directives))
    assert q1.status_counts[S.OVERDUE] == 1  # only "trong quý I/2024" has ended by 31/3


def test_common_date_forms_are_dates(tmp_path: Path) -> None:
    forms = [
        "30-6-2024",
        "30.6.2024",
        "2024/06/30",
        "2024-6-30",
        "30/6/24",
        "ngày 30/6/2024",
        "30/6/2024\u200b",
    ]
    d = digest_of(
        tmp_path,
        "2024-Q2",
        meeting(
            "a",
            "2024-04-05",
            directives=[{"content": f"việc {n}", "deadline": f} for n, f in enumerate(forms)],
        ),
    )
    assert {e.deadline for e in d.directives} == {dt.date(2024, 6, 30)}
    assert d.status_counts[S.OVERDUE] == len(forms)


def test_validate_warns_of_a_deadline_it_cannot_read_naming_the_forms(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    path = write_yaml(
        tmp_path / "a.yaml",
        meeting(
            "a",
            "2024-04-05",
            directives=[
                {"content": "x", "deadline": "đầu năm 2025"},
                {"content": "y", "deadline": "thường xuyên"},
                {"content": "z", "deadline": "trong quý II/2024"},
            ],
        ),
    )
    (record,) = validate([path])
    found = [str(w) for w in record.warnings if "deadline" in w.message]
    assert len(found) == 1 and "a.yaml:" in found[0]
    assert "'đầu năm 2025'" in found[0]
    for form in (
        "trong quý II/2024",
        "6 tháng đầu năm 2024",
        "trước ngày 30/6/2024",
        "trong tháng 10/2024",
        "thường xuyên",
    ):
        assert form in found[0]
    with pytest.raises(InputError):
        validate([path], strict=True)


# 2. Figures in words ------------------------------------------------------------------


def test_a_figure_in_words_stands_beside_the_sum_never_instead(tmp_path: Path) -> None:
    label = "Số hội viên mới"
    d = digest_of(
        tmp_path,
        "2024-9M",
        meeting(
            "a", "2024-02-10", results=org_figures("Hội Nông dân tỉnh", (label, 1250, "người"))
        ),
        meeting("b", "2024-05-10", results=org_figures("Hội Nông dân tỉnh", (label, 750, "người"))),
        meeting(
            "c",
            "2024-09-10",
            results=org_figures("Hội Nông dân tỉnh", (label, "hàng trăm", "người")),
        ),
        meeting("d", "2024-06-10", results=org_figures("Tỉnh Đoàn", (label, 300, "người"))),
    )
    farmers, _youth = d.results_by_organization
    (total,) = farmers.figure_totals
    assert total.value == 2000 and total.as_of is None
    assert total.text() == "2.000 người và hàng trăm người theo báo cáo ngày 10/09/2024"
    (grand,) = d.figure_totals  # the label stays in the grand total
    assert grand.value == 2300 and [w.text for w in grand.in_words] == ["hàng trăm"]
    assert grand.organizations == ("Hội Nông dân tỉnh", "Tỉnh Đoàn")


def test_only_levels_say_the_day_of_their_value(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-H1",
        meeting(
            "a",
            "2024-02-10",
            results=org_figures("Hội A", ("Tỷ lệ hộ nghèo", 5, "%"), ("Số vụ việc", 0, "vụ")),
        ),
        meeting(
            "b",
            "2024-05-10",
            results=org_figures("Hội A", ("Tỷ lệ hộ nghèo", 4.5, "%"), ("Số vụ việc", 0, "vụ")),
        ),
    )
    rate, cases = d.results_by_organization[0].figure_totals
    assert rate.text() == "4,5% (số liệu tại ngày 10/05/2024)"
    assert cases.text() == "không phát sinh" and cases.as_of is None


# 3. Reopened and completed again -----------------------------------------------------


def updates(name: str, day: str, *said: tuple[str, str, str | None]) -> dict[str, Any]:
    """A meeting that updates directives: (directive, status, note)."""
    listed = [{"directive": d, "status": s, **({"note": n} if n else {})} for d, s, n in said]
    return meeting(name, day, directive_updates=listed)


def test_a_task_reopened_and_completed_again_is_reported_in_that_quarter(tmp_path: Path) -> None:
    tasks = [{"content": c, "id": i} for c, i in
             (("reopened", "t1"), ("done and left", "t2"), ("still open", "t3"))]  # fmt: skip
    records = (
        meeting("given", "2024-02-01", directives=tasks),
        updates("q1-done", "2024-03-01", ("t1", "done", None), ("t2", "done", None)),
        updates("reopen", "2024-04-10", ("t1", "in_progress", "Mở lại để bổ sung")),
        updates("done-again", "2024-05-20", ("t1", "done", "Đã hoàn thành lại")),
    )
    d = digest_of(tmp_path, "2024-Q2", *records)
    assert [(e.key, e.status) for e in d.directives] == [("t1", S.DONE), ("t3", S.ASSIGNED)]
    (reopened, _open) = d.directives
    assert reopened.completed_in_period
    assert len(d.carried_over) == 2  # "theo dõi tiếp" counts it
    assert [(n.text, n.date) for n in reopened.notes] == [
        ("Mở lại để bổ sung", dt.date(2024, 4, 10)),
        ("Đã hoàn thành lại", dt.date(2024, 5, 20)),
    ]


# 4. --by reviewed ---------------------------------------------------------------------


def test_by_reviewed_counts_a_review_in_every_period_containing_the_one_it_reviews(
    tmp_path: Path,
) -> None:
    records = (
        meeting("q1", "2024-03-10"),
        meeting("h1-review", "2024-07-15", kind="six_month_review", period="2024-H1"),
        meeting("q3", "2024-08-10"),
        meeting("session-2023", "2024-02-20", kind="working_session", period="2023"),
        meeting("q2-briefing", "2024-07-03", period="2024-Q2"),
    )
    by = Membership.REVIEWED
    ids = {
        p: [r.id for r in digest_of(tmp_path, p, *records, by=by).meetings]
        for p in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-H1", "2024-9M", "2024", "2023")
    }
    assert ids == {
        "2024-Q1": ["q1"],
        "2024-Q2": ["q2-briefing"],
        "2024-Q3": ["q3"],
        "2024-H1": ["q1", "q2-briefing", "h1-review"],
        "2024-9M": ["q1", "q2-briefing", "h1-review", "q3"],
        "2024": ["q1", "q2-briefing", "h1-review", "q3"],
        "2023": ["session-2023"],
    }
    q1 = digest_of(tmp_path, "2024-Q1", *records, by=by)
    assert [r.id for r in q1.left_out_elsewhere] == ["session-2023"]  # said, not silent


# 5. A review without its period ------------------------------------------------------


def test_a_review_without_period_is_refused_with_the_likely_period(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    path = write_yaml(tmp_path / "r.yaml", meeting("r", "2024-07-15", kind="six_month_review"))
    with pytest.raises(InputError) as caught:
        validate([path])
    (problem,) = caught.value.problems
    assert problem.position.line == 1 + list(meeting("r", "x", kind="k")).index("kind")
    assert "period: 2024-H1" in problem.message
    annual = write_yaml(tmp_path / "y.yaml", meeting("y", "2025-01-10", kind="annual_review"))
    with pytest.raises(InputError, match="period: 2024"):
        validate([annual])


def test_new_writes_a_reviews_period_uncommented(tmp_path: Path) -> None:
    from generator.commands.scaffold import new_record
    from generator.model.kinds import MeetingKind

    made = new_record(tmp_path, MeetingKind.SIX_MONTH_REVIEW, dt.date(2024, 7, 10))
    lines = made.path.read_text("utf-8").splitlines()
    assert "period: 2024-H1" in lines
    made = new_record(tmp_path, MeetingKind.ANNUAL_REVIEW, dt.date(2024, 12, 20))
    assert "period: 2024" in made.path.read_text("utf-8").splitlines()
    made = new_record(tmp_path, MeetingKind.BRIEFING, dt.date(2024, 9, 25))
    assert "# period: 2024-Q3" in made.path.read_text("utf-8").splitlines()


# 6. Numbers typed the Vietnamese way -------------------------------------------------


def test_numbers_typed_the_vietnamese_way_are_read_that_way(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    head = "\n".join(f"{k}: {v}" for k, v in meeting("a", "2024-07-10").items() if k != "chairs")
    text = (
        head
        + """
chairs:
  - name: Phạm Thị Tố Hải
results:
  by_organization:
    - organization: Hội Nông dân tỉnh
      figures:
        - {label: Số hội viên mới, value: 1.250, unit: người}
        - {label: Số hội viên mới, value: 61, unit: người}
        - label: Diện tích
          value: 1,5
          unit: ha
        - {label: Quỹ hỗ trợ, value: "1.250.000,5", unit: đồng}
        - {label: Lãi suất, value: 0.5, unit: "%"}
"""
    )
    (tmp_path / "a.yaml").write_text(text, "utf-8")
    (record,) = validate([tmp_path / "a.yaml"])
    values = [f.value for f in record.meeting.results.by_organization[0].figures]
    assert values == [1250, 61, 1.5, 1250000.5, 0.5]
    d = build_digest([record], parse_period("2024-Q3"), Settings.model_validate(SETTINGS))
    assert d.results_by_organization[0].figure_totals[0].text() == "1.311 người"


# 7. Case of units, spelling variants -------------------------------------------------


def test_units_in_another_case_and_spelling_variants_are_one(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "a",
            "2024-07-10",
            limitations=["Công tác hoà giải còn hạn chế."],
            results=org_figures(
                "Uỷ ban MTTQ tỉnh",
                ("Quỹ vì người nghèo", 300, "Triệu đồng"),
                ("Tỉ lệ hộ nghèo", 5, "%"),
            ),
        ),
        meeting(
            "b",
            "2024-08-10",
            limitations=["Công tác hòa giải còn hạn chế"],
            results=org_figures(
                "Ủy ban MTTQ tỉnh",
                ("Quỹ vì người nghèo", 450, "triệu đồng"),
                ("Tỷ lệ hộ nghèo", 4, "%"),
            ),
        ),
        organizations=["Ủy ban MTTQ tỉnh"],
    )
    (org,) = d.results_by_organization
    assert org.organization == "Ủy ban MTTQ tỉnh"
    assert [t.text() for t in org.figure_totals] == [
        "750 triệu đồng",
        "4% (số liệu tại ngày 10/08/2024)",
    ]
    assert d.limitations == ("Công tác hoà giải còn hạn chế.",)


def test_money_totals_are_rounded_sensibly(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "a",
            "2024-07-10",
            results=org_figures("Hội A", ("Quỹ", 14.8456789, "tỷ đồng"), ("Quỹ", 1, "triệu đồng")),
        ),
    )
    assert d.results_by_organization[0].figure_totals[0].text() == "14,85 tỷ đồng"


# 8. Reviews' limitations and the count of tasks --------------------------------------


def test_by_reviewed_the_tasks_given_are_those_of_the_meetings_listed(tmp_path: Path) -> None:
    records = (
        meeting("q4", "2023-11-10", directives=[{"content": "a"}]),
        meeting(
            "review-2023",
            "2024-02-05",
            kind="annual_review",
            period="2023",
            directives=[{"content": "b"}, {"content": "c"}],
        ),
        meeting("q1", "2024-03-10", directives=[{"content": "d"}]),
    )
    year = digest_of(tmp_path, "2023", *records, by=Membership.REVIEWED)
    listed = sum(len(r.meeting.directives) for r in year.meetings)
    assert len(year.given_in_period) == listed == 3
    q1 = digest_of(tmp_path, "2024-Q1", *records, by=Membership.REVIEWED)
    assert [e.content for e in q1.given_in_period] == ["d"]
    assert sorted(e.content for e in q1.carried_over) == ["a", "b", "c"]


# Names, notes, references ------------------------------------------------------------


def test_proposals_and_assignees_carry_the_settings_names(tmp_path: Path) -> None:
    known = [{"name": "Hội Liên hiệp Phụ nữ tỉnh", "aliases": ["Hội LHPN tỉnh"]}]
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "a",
            "2024-07-10",
            proposals=[{"by": "Hội LHPN tỉnh", "content": "hỗ trợ", "to": ["Hội LHPN tỉnh"]}],
            directives=[{"content": "x", "assignees": ["Hội LHPN tỉnh"]}],
        ),
        organizations=known,
    )
    assert d.proposals[0].by == "Hội Liên hiệp Phụ nữ tỉnh"
    assert d.proposals[0].to == ("Hội Liên hiệp Phụ nữ tỉnh",)
    assert d.directives[0].assignees == ("Hội Liên hiệp Phụ nữ tỉnh",)


def test_notes_of_earlier_periods_give_way_to_the_period_or_the_latest(tmp_path: Path) -> None:
    records = (
        meeting("given", "2023-05-01", directives=[{"content": "x", "id": "t1"}]),
        meeting(
            "u1",
            "2023-08-01",
            directive_updates=[
                {"directive": "t1", "status": "in_progress", "note": "Đã tổ chức 2 lớp"}
            ],
        ),
        meeting(
            "u2",
            "2023-11-01",
            directive_updates=[
                {"directive": "t1", "status": "in_progress", "note": "Đã tổ chức 5 lớp"}
            ],
        ),
        meeting(
            "u3",
            "2024-08-01",
            directive_updates=[
                {"directive": "t1", "status": "in_progress", "note": "Đã tổ chức 9 lớp"}
            ],
        ),
    )
    q1 = digest_of(tmp_path, "2024-Q1", *records)
    assert [(n.text, n.date) for n in q1.directives[0].notes] == [
        ("Đã tổ chức 5 lớp", dt.date(2023, 11, 1))
    ]
    q3 = digest_of(tmp_path, "2024-Q3", *records)
    assert [n.text for n in q3.directives[0].notes] == ["Đã tổ chức 9 lớp"]


def test_a_same_day_update_asks_for_a_time(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        digest_of(
            tmp_path,
            "2024-Q2",
            meeting("b-given", "2024-05-10", directives=[{"content": "x", "id": "t1"}]),
            meeting(
                "a-update", "2024-05-10", directive_updates=[{"directive": "t1", "status": "done"}]
            ),
        )
    (problem,) = caught.value.problems
    assert "same day" in problem.message and "time" in problem.message
    assert "part_of_day" in problem.message


def test_validate_warns_of_short_names_the_settings_do_not_list(tmp_path: Path) -> None:
    known = [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Đoàn TNCS Hồ Chí Minh tỉnh",
        "Hội Nông dân tỉnh",
    ]
    write_yaml(tmp_path / "giaoban.yaml", {**SETTINGS, "organizations": known})
    path = write_yaml(
        tmp_path / "a.yaml",
        meeting(
            "a",
            "2024-07-10",
            organizations=["MTTQ tỉnh", "Tỉnh đoàn", "Hội Nông dân huyện A", "Hội Nông dân tỉnh"],
        ),
    )
    warnings = [w.message for r in validate([path]) for w in r.warnings]
    assert any(
        "'MTTQ tỉnh'" in w and "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in w for w in warnings
    )
    assert any("'Tỉnh đoàn'" in w and "Đoàn TNCS Hồ Chí Minh tỉnh" in w for w in warnings)
    assert not any("Hội Nông dân" in w for w in warnings)


def test_aggregate_values_and_document_symbols_pass_the_text_check(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    path = write_yaml(
        tmp_path / "a.yaml",
        meeting(
            "a",
            "2024-07-10",
            basis="Thực hiện Chương trình số 01-CTr/MTTQ và Kế hoạch số 15-KH/HND",
            results={"figures": [{"label": "Số hội viên", "value": 10, "aggregate": "latest"}]},
        ),
    )
    validate([path], strict=True)  # nothing to refuse


# The report read back ---------------------------------------------------------------


@pytest.mark.slow
def test_the_digest_reads_like_a_report_in_docx_and_pdf(tmp_path: Path) -> None:
    from docx import Document

    from generator.api import digest

    from readback import pdf_pages

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    records = (
        meeting(
            "briefing",
            "2024-02-10",
            results=org_figures(
                "Hội Nông dân tỉnh", ("Số vụ khiếu kiện", 0, "vụ"), ("Quỹ", 14.8456789, "tỷ đồng")
            ),
            directives=[{"content": "việc một", "id": "t1"}, {"content": "việc hai"}],
        ),
        meeting(
            "session",
            "2024-03-05",
            kind="working_session",
            level="district",
            noun="phiên làm việc",
            directive_updates=[{"directive": "t1", "status": "done", "note": "Đã xong"}],
        ),
        meeting(
            "review-2023",
            "2024-01-20",
            kind="annual_review",
            period="2023",
            limitations=["Công tác nắm tình hình chưa kịp thời."],
        ),
    )
    paths = [write_yaml(tmp_path / f"{r['id']}.yaml", r) for r in records]
    result = digest(paths, period="2024-Q1", out=tmp_path / "out")
    files = {o.format: o.path for o in result.outputs}
    paragraphs = [p.text for p in Document(str(files["docx"])).paragraphs]
    cells = [
        c.text for t in Document(str(files["docx"])).tables for row in t.rows for c in row.cells
    ]
    pdf = " ".join(" ".join(pdf_pages(files["pdf"])).split())
    opening = next(p for p in paragraphs if p.startswith("Trong quý I năm 2024"))
    expected = (
        "Trong quý I năm 2024, đã tổ chức 03 cuộc: 01 hội nghị tổng kết, 01 hội nghị "
        "giao ban, 01 phiên làm việc (02 cấp tỉnh, 01 cấp huyện); với sự tham gia của 01 "
        "cơ quan, đơn vị; giao 02 nhiệm vụ. "
        "Đến hết kỳ, 01 nhiệm vụ đã hoàn thành, 01 nhiệm vụ chưa có báo cáo kết quả."
    )
    assert opening.startswith(expected)
    assert expected in pdf
    assert "- Số liệu trong kỳ: số vụ khiếu kiện không phát sinh; quỹ 14,85 tỷ đồng." in paragraphs
    assert not any(p.startswith("Tổng hợp số liệu") for p in paragraphs)  # one organization
    assert any("Kết quả (ngày 05/03/2024): Đã xong." in c for c in cells)
    assert not any(p.startswith("Biểu đồ:") for p in paragraphs)
    # Held in the quarter, reviewing 2023: listed, its limitations in a part of their own
    # only in the digest of 2023.
    year = digest(paths, period="2023", out=tmp_path / "out2")
    year_text = [p.text for p in Document(str(year.outputs[0].path)).paragraphs]
    heading = "Theo báo cáo tổng kết năm 2023 tại hội nghị review-2023 ngày 20/01/2024:"
    assert year_text.count(heading) == 1  # no results: only under the limitations
    assert year_text[year_text.index(heading) + 1] == "- Công tác nắm tình hình chưa kịp thời."


def test_a_requests_shared_deadline_is_written_once(tmp_path: Path) -> None:
    from docx import Document

    from generator import render

    tasks = [
        {"content": f"việc {n}", "assignees": ["Các hội"], "deadline": "trong năm 2021"}
        for n in range(1, 4)
    ]
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    path = write_yaml(tmp_path / "r.yaml", {**RECORD, "directives": tasks})
    (output,) = render([path], docs=("tb",), formats=("docx",), out=tmp_path / "out").outputs
    text = [p.text for p in Document(str(output.path)).paragraphs]
    assert "Đề nghị các hội (thời hạn: trong năm 2021):" in text
    assert "- Việc 1;" in text and "- Việc 3." in text
    assert sum("trong năm 2021" in p for p in text) == 1
    unassigned = [{**task, "assignees": []} for task in tasks]
    path = write_yaml(tmp_path / "r.yaml", {**RECORD, "directives": unassigned})
    (output,) = render([path], docs=("tb",), formats=("docx",), out=tmp_path / "out").outputs
    text = [p.text for p in Document(str(output.path)).paragraphs]
    assert (
        text[text.index("- Việc 3.") + 1] == "Thời hạn thực hiện các nhiệm vụ trên: trong năm 2021."
    )
    assert sum("trong năm 2021" in p for p in text) == 1


def test_the_report_date_and_the_console_notes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli.command import cli

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    for r in (meeting("q4", "2024-11-10"), meeting("later", "2025-02-01")):
        write_yaml(tmp_path / f"{r['id']}.yaml", r)

    def run(out: str, *more: str) -> Any:
        args = ["--lang", "en", "digest", str(tmp_path), "--period", "2024-Q4", "--to", "docx"]
        return CliRunner().invoke(cli, [*args, "--out", str(tmp_path / out), *more])

    dated = run("out", "--date", "2024-11-01")
    assert dated.exit_code == 0, dated.output
    assert "before the last meeting it reports on, held on 2024-11-10" in dated.output
    assert "dated after 2024-Q4 left out: later.yaml" in dated.output
    assert "review" not in dated.output  # there is none: nothing is said of one
    # Undated, the report of the last quarter is written in the next year.
    from docx import Document

    undated = run("undated")
    assert undated.exit_code == 0, undated.output
    header = Document(str(tmp_path / "undated" / "digest-2024-Q4.docx")).tables[0]
    assert "năm 2025" in " ".join(c.text for row in header.rows for c in row.cells)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_units_a_reader_keeps_together_never_break_over_two_lines(tmp_path: Path) -> None:
    from docx import Document
    from test_libreoffice import convert

    from generator import render

    from readback import pdf_pages

    basis = ("Thực hiện Kế hoạch số 15-KH/HND của Hội Nông dân tỉnh về công tác vận động "
             "các tổ chức chính trị – xã hội")  # fmt: skip
    tasks = [{"content": f"việc {n} của các tổ chức chính trị – xã hội theo Kế hoạch số "
              f"15-KH/HND", "assignees": [f"Hội {n}"], "deadline": "trong quý I/2025"}
             for n in range(1, 12)]  # fmt: skip
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    path = write_yaml(tmp_path / "r.yaml", {**RECORD, "basis": basis, "directives": tasks})
    outputs = render([path], docs=("tb",), out=tmp_path / "out").outputs
    files = {o.format: o.path for o in outputs}
    text = "\n".join(p.text for p in Document(str(files["docx"])).paragraphs)
    assert "15\u2011KH/\u2060HND" in text and "15-KH/HND" not in text
    assert "quý\u00a0I/2025" in text and "chính trị\u00a0–\u00a0xã hội" in text
    # Each unit whole on one line, as often as it was written: in the PDF, and in the DOCX
    # as a word processor (LibreOffice) lays it out.
    for pdf in (files["pdf"], convert(files["docx"], tmp_path / "lo")):
        lines = [line for page in pdf_pages(pdf) for line in page.splitlines()]
        seen = "\n".join(lines).replace("\u00a0", " ").replace("\u2060", "")
        whole = seen.replace("\u2011", "-")  # LibreOffice writes the hyphen it shows
        assert whole.count("15-KH/HND") == 1 + len(tasks), pdf
        assert whole.count("quý I/2025") == len(tasks), pdf
        assert whole.count("chính trị – xã hội") >= 1 + len(tasks), pdf


@pytest.mark.parametrize("value", ["1,250.5", "1.25", "1.2.3"])
def test_a_number_typed_another_way_is_refused_at_its_line(tmp_path: Path, value: str) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    figures = [{"label": "Số hội viên mới", "value": value, "unit": "người"}]
    path = write_yaml(tmp_path / "a.yaml", meeting("a", "2024-07-10", results={"figures": figures}))
    with pytest.raises(InputError) as caught:
        validate([path])
    (problem,) = caught.value.problems
    assert problem.position.line > 1 and "results.figures[0].value" in str(problem)
    assert "1.250 is one thousand two hundred fifty" in problem.message


def test_a_period_whose_only_meeting_counts_elsewhere_says_so(tmp_path: Path) -> None:
    from generator.api import digest

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    review = meeting("review-2024", "2025-01-10", kind="annual_review", period="2024")
    path = write_yaml(tmp_path / "review-2024.yaml", review)
    with pytest.raises(InputError) as caught:
        digest([path], period="2025-Q1", out=tmp_path / "out", membership="reviewed")
    (problem,) = caught.value.problems
    assert "review-2024.yaml held in it review another period" in problem.message
    assert digest([path], period="2025-Q1", out=tmp_path / "out").outputs  # by date: counted
