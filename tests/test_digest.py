"""Digest aggregation as data: periods, carry-over, status updates, overdue, order, dedup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator import InputError, validate
from generator.documents.aggregation import Digest, build_digest
from generator.model.kinds import DirectiveStatus as S
from generator.model.periods import parse_period
from generator.model.settings import Settings

from conftest import RECORD, SETTINGS, write_yaml


def meeting(name: str, date: str, **fields: Any) -> dict[str, Any]:
    base = {k: RECORD[k] for k in ("kind", "convened_by", "chairs")}
    return {**base, "id": name, "title": f"Hội nghị {name}", "date": date, **fields}


def update(key: str, status: str = "done") -> dict[str, str]:
    return {"directive": key, "status": status}


def digest_of(tmp_path: Path, period: str, *records: dict[str, Any], **settings: Any) -> Digest:
    write_yaml(tmp_path / "giaoban.yaml", {**SETTINGS, **settings})
    paths = [write_yaml(tmp_path / f"{r['id']}.yaml", r) for r in records]
    loaded = validate(paths)
    return build_digest(
        loaded, parse_period(period), Settings.model_validate({**SETTINGS, **settings})
    )


def test_meetings_of_the_period_in_date_order(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("c", "2024-09-30"),
        meeting("a", "2024-07-01"),
        meeting("b", "2024-06-30"),
        meeting("d", "2024-10-01"),
        meeting("e", "2024-08-15", kind="working_session", level="district"),
    )
    assert [r.id for r in d.meetings] == ["a", "e", "c"]
    assert [r.id for r in d.left_out] == ["b", "d"]
    assert d.by_kind == {"briefing": 2, "working_session": 1}
    assert d.by_level == {"province": 2, "district": 1}


def test_open_directives_are_carried_over_and_those_done_before_are_not(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("q2", "2024-05-10", directives=[
            {"content": "open one", "deadline": "2024-12-31"},
            {"content": "done one", "status": "done"},
            {"content": "closed later", "id": "x1"},
        ]),
        meeting("q3", "2024-08-01", directives=[{"content": "new one"}],
                directive_updates=[{"directive": "x1", "status": "done", "note": "Đã xong"}]),
    )  # fmt: skip
    by_content = {e.content: e for e in d.directives}
    # "done one" was done before the period; "closed later" was completed during it.
    assert set(by_content) == {"open one", "closed later", "new one"}
    assert by_content["open one"].carried_over and by_content["open one"].key == "q2#1"
    closed = by_content["closed later"]
    assert closed.status is S.DONE and closed.completed_in_period
    assert [(n.text, n.date) for n in closed.notes] == [("Đã xong", dt.date(2024, 8, 1))]
    assert not by_content["new one"].carried_over
    assert [e.content for e in d.given_in_period] == ["new one"]


def test_status_updates_apply_up_to_the_end_of_the_period(tmp_path: Path) -> None:
    records = (
        meeting("q3", "2024-07-05", directives=[{"content": "task", "id": "t1"}]),
        meeting("q3b", "2024-09-01", directive_updates=[update("t1", "in_progress")]),
        meeting("q4", "2024-11-01", directive_updates=[update("t1", "done")]),
    )
    (q3,) = digest_of(tmp_path, "2024-Q3", *records).directives
    assert q3.status is S.IN_PROGRESS
    (q4,) = digest_of(tmp_path, "2024-Q4", *records).directives
    assert q4.status is S.DONE and q4.completed_in_period  # reported where it was completed
    year = digest_of(tmp_path, "2024", *records)
    assert [e.status for e in year.directives] == [S.DONE]
    assert year.status_counts[S.DONE] == 1


def test_overdue_marking(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("a", "2024-07-05", directives=[
            {"content": "late", "deadline": "2024-08-31"},
            {"content": "late but done", "deadline": "2024-08-31", "status": "done"},
            {"content": "not yet due", "deadline": "2024-10-15"},
            {"content": "marked overdue", "status": "overdue"},
        ]),
    )  # fmt: skip
    status = {e.content: e.status for e in d.directives}
    assert status == {
        "late": S.OVERDUE,
        "late but done": S.DONE,
        "not yet due": S.ASSIGNED,
        "marked overdue": S.OVERDUE,
    }
    assert [e.content for e in d.directives if e.overdue] == ["late", "marked overdue"]


def test_update_of_an_unknown_directive_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        digest_of(tmp_path, "2024-Q3", meeting("a", "2024-07-05", directive_updates=[update("zz")]))
    (problem,) = caught.value.problems
    assert problem.position.path.name == "a.yaml"
    assert problem.position.line > 1
    assert "no directive 'zz'" in problem.message


def test_limitations_are_merged_without_repeats(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("a", "2024-07-05", limitations=["Một số mô hình chưa sát thực tế.", "Khác."]),
        meeting("b", "2024-08-05", limitations=["một số  mô hình chưa sát thực tế"]),
    )
    assert d.limitations == ("Một số mô hình chưa sát thực tế.", "Khác.")


def test_organizations_follow_the_settings_then_first_appearance(tmp_path: Path) -> None:
    def results(*orgs: str) -> dict[str, Any]:
        return {"by_organization": [{"organization": o, "items": [f"việc của {o}"]} for o in orgs]}

    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("a", "2024-07-05", results=results("Tỉnh Đoàn", "Hội Z", "Hội Nông dân tỉnh")),
        meeting("b", "2024-08-05", results=results("Hội A", "hội nông dân tỉnh")),
        organizations=["Hội Nông dân tỉnh", "Tỉnh Đoàn"],
    )
    groups = d.results_by_organization
    assert [g.organization for g in groups] == ["Hội Nông dân tỉnh", "Tỉnh Đoàn", "Hội Z", "Hội A"]
    assert [i.text for i in groups[0].items] == [
        "việc của Hội Nông dân tỉnh",
        "việc của hội nông dân tỉnh",
    ]


def test_figures_are_totalled_by_label_and_unit(tmp_path: Path) -> None:
    def fig(org: str, value: int) -> dict[str, Any]:
        return {"by_organization": [{"organization": org, "figures": [
            {"label": "Hội viên mới", "value": value, "unit": "người"}]}]}  # fmt: skip

    d = digest_of(tmp_path, "2024-Q3", meeting("a", "2024-07-05", results=fig("Hội A", 10)),
                  meeting("b", "2024-08-05", results=fig("Hội B", 32)))  # fmt: skip
    (total,) = d.figure_totals
    assert (total.label, total.unit, total.value) == ("Hội viên mới", "người", 42)
    assert total.organizations == ("Hội A", "Hội B")


def test_seed_records_give_the_digests_of_their_periods() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "records"
    records = validate([examples])
    settings = Settings.model_validate(SETTINGS)
    q3 = build_digest(records, parse_period("2024-Q3"), settings)
    assert [r.meeting.date for r in q3.meetings] == [dt.date(2024, 9, 25)]
    # Still open at the end of Q3: the 2024 orientation of the associations' meeting (7),
    # the Youth Union's task from the working session of February 2023 (1), and the three
    # tasks of the district session of February 2024 (deadlines "thường xuyên", "trong quý
    # II năm 2024", 30/6/2024: none done; the last two overdue, words judged by their last
    # day as dates are).
    assert len(q3.carried_over) == 11
    district = [e for e in q3.carried_over if e.given_on == dt.date(2024, 2, 20)]
    assert [e.status.value for e in district] == ["assigned", "overdue", "overdue"]
    year = build_digest(records, parse_period("2023"), settings)
    assert len(year.meetings) == 2
    assert year.proposals and year.proposals[0].by == "Đại biểu dự buổi làm việc"


def org_result(name: str, *figures: tuple[str, object, str | None]) -> dict[str, Any]:
    return {
        "organization": name,
        "figures": [
            {"label": label, "value": value, "unit": unit} for label, value, unit in figures
        ],
    }


def reported(name: str, day: str, organization: str, *figures: tuple[str, object, str | None]
             ) -> dict[str, Any]:  # fmt: skip
    """A meeting at which one organization reported figures."""
    return meeting(name, day, results={"by_organization": [org_result(organization, *figures)]})


def totals_of(d: Digest) -> dict[str, tuple[str, str | None]]:
    """Each organization's figures as the digest prints them: value text and unit."""
    from generator.vietnamese.text import number

    return {
        f"{g.organization}: {t.label}": (number(t.value), t.unit)
        for g in d.results_by_organization
        for t in g.figure_totals
    }


def test_rates_are_never_added_the_latest_is_reported(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-H1",
        reported(
            "apr",
            "2024-04-10",
            "Hội Nông dân tỉnh",
            ("Tỷ lệ hộ sản xuất giỏi", 85, "%"),
            ("Số hội viên mới", 120, "người"),
        ),
        reported(
            "jun",
            "2024-06-20",
            "Hội Nông dân tỉnh",
            ("Tỷ lệ hộ sản xuất giỏi", 90, "%"),
            ("Số hội viên mới", 80, "người"),
        ),
    )
    assert totals_of(d) == {
        "Hội Nông dân tỉnh: Tỷ lệ hộ sản xuất giỏi": ("90", "%"),
        "Hội Nông dân tỉnh: Số hội viên mới": ("200", "người"),
    }
    (rate, _members) = d.results_by_organization[0].figure_totals
    assert rate.as_of == dt.date(2024, 6, 20)
    assert [t.label for t in d.figure_totals] == ["Số hội viên mới"]  # no rate in the total


def test_a_record_may_say_how_a_figure_adds_up(tmp_path: Path) -> None:
    def at(day: str, value: int) -> dict[str, Any]:
        figure = {"label": "Số hội viên", "value": value, "unit": "người", "aggregate": "max"}
        return meeting(
            day,
            day,
            results={"by_organization": [{"organization": "Tỉnh Đoàn", "figures": [figure]}]},
        )

    d = digest_of(
        tmp_path, "2024", at("2024-02-01", 5000), at("2024-08-01", 5200), at("2024-05-01", 4900)
    )
    assert totals_of(d) == {"Tỉnh Đoàn: Số hội viên": ("5.200", "người")}


def test_labels_differing_in_case_or_spacing_are_one(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        reported("a", "2024-07-10", "Hội Nông dân tỉnh", ("Số hội viên mới", 1680, "người")),
        reported("b", "2024-08-10", "Hội Nông dân tỉnh", ("số  hội viên mới", 70, "người")),
    )
    assert totals_of(d) == {"Hội Nông dân tỉnh: Số hội viên mới": ("1.750", "người")}
    assert [(t.label, t.value) for t in d.figure_totals] == [("Số hội viên mới", 1750)]


def test_money_is_converted_to_one_unit(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        reported("a", "2024-07-10", "Ủy ban MTTQ tỉnh", ("Quỹ Vì người nghèo", 500, "triệu đồng")),
        reported("b", "2024-08-10", "Ủy ban MTTQ tỉnh", ("Quỹ vì người nghèo", 2, "tỷ đồng")),
    )
    assert totals_of(d) == {"Ủy ban MTTQ tỉnh: Quỹ Vì người nghèo": ("2,5", "tỷ đồng")}


def test_decimals_are_printed_as_given_and_summed_exactly(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        reported(
            "a",
            "2024-07-10",
            "Hội Nông dân tỉnh",
            ("Diện tích", "12,345", "ha"),  # the Vietnamese decimal comma
            ("Lãi", 0.1, "tỷ đồng"),
        ),
        reported("b", "2024-08-10", "Hội Nông dân tỉnh", ("Lãi", 0.2, "tỷ đồng")),
    )
    assert totals_of(d) == {
        "Hội Nông dân tỉnh: Diện tích": ("12,345", "ha"),
        "Hội Nông dân tỉnh: Lãi": ("0,3", "tỷ đồng"),  # not 0,30000000000000004
    }


def test_organizations_are_counted_and_named_as_the_settings_name_them(tmp_path: Path) -> None:
    known = [
        "Ủy ban MTTQ Việt Nam tỉnh",
        {"name": "Hội Liên hiệp Phụ nữ tỉnh", "aliases": ["Hội LHPN tỉnh"]},
        "Hội Nông dân tỉnh",
    ]
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "a",
            "2024-07-10",
            organizations=["Hội Nông dân Tỉnh", "Hội LHPN tỉnh"],
            results={
                "by_organization": [{"organization": "Hội Nông dân Tỉnh", "items": ["Vận động"]}]
            },
        ),
        meeting(
            "b",
            "2024-08-10",
            organizations=["Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"],
            results={
                "by_organization": [{"organization": "Hội LHPN tỉnh", "items": ["Tuyên truyền"]}]
            },
        ),
        organizations=known,
    )
    assert d.organizations == ("Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh")  # 2, not 4
    assert [g.organization for g in d.results_by_organization] == [
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Hội Nông dân tỉnh",
    ]


def test_a_directive_id_used_twice_is_refused_naming_both(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        digest_of(
            tmp_path,
            "2024-Q3",
            meeting("a", "2024-07-10", directives=[{"content": "one", "id": "t1"}]),
            meeting("b", "2024-08-10", directives=[{"content": "two", "id": "t1"}]),
        )
    (problem,) = caught.value.problems
    assert problem.position.path.name == "b.yaml" and "a.yaml:" in problem.message


def test_updates_of_one_day_apply_in_the_order_the_meetings_were_held(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "given",
            "2024-07-01",
            directives=[{"content": "task", "id": "t1", "deadline": "2024-09-30"}],
        ),
        meeting(
            "zz-morning",
            "2024-08-05",
            time="08:00",
            directive_updates=[update("t1", "in_progress")],
        ),
        meeting(
            "aa-afternoon", "2024-08-05", time="14:00", directive_updates=[update("t1", "done")]
        ),
    )
    (entry,) = d.directives
    assert entry.status is S.DONE  # 14:00 came after 08:00, whatever the file or title
    assert [r.id for r in d.meetings] == ["given", "zz-morning", "aa-afternoon"]


def test_an_update_older_than_its_directive_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="older than directive 't1'"):
        digest_of(
            tmp_path,
            "2024-Q4",
            meeting("upd", "2024-07-01", directive_updates=[update("t1")]),
            meeting("given", "2024-08-01", directives=[{"content": "x", "id": "t1"}]),
        )


def test_a_deadline_on_the_last_day_not_done_is_overdue(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting(
            "a", "2024-07-05", directives=[{"content": "due at the end", "deadline": "2024-09-30"}]
        ),
    )
    assert [e.status for e in d.directives] == [S.OVERDUE]


def test_a_directive_with_an_id_is_also_named_by_record_and_number(tmp_path: Path) -> None:
    d = digest_of(
        tmp_path,
        "2024-Q3",
        meeting("q3a", "2024-07-05", directives=[{"content": "task", "id": "t1"}]),
        meeting("q3b", "2024-08-05", directive_updates=[update("q3a#1", "in_progress")]),
    )
    assert [(e.key, e.status) for e in d.directives] == [("t1", S.IN_PROGRESS)]


def test_a_review_reports_on_the_period_it_reviews(tmp_path: Path) -> None:
    def figures(value: int) -> dict[str, Any]:
        return {
            "by_organization": [
                org_result("Hội Nông dân tỉnh", ("Số hội viên mới", value, "người"))
            ]
        }

    records = (
        meeting("q1-2023", "2023-03-10", results=figures(100)),
        meeting("q4-2023", "2023-11-10", results=figures(50)),
        meeting(
            "review-2023", "2024-02-05", kind="annual_review", period="2023", results=figures(150)
        ),
        meeting("q1-2024", "2024-03-10", results=figures(30)),
    )
    q1 = digest_of(tmp_path, "2024-Q1", *records)
    assert [r.id for r in q1.meetings] == ["review-2023", "q1-2024"]  # listed on its date
    assert [(t.label, t.value) for t in q1.figure_totals] == [("Số hội viên mới", 30)]  # not 180
    assert q1.reviews == ()
    year = digest_of(tmp_path, "2023", *records)
    assert [(t.label, t.value) for t in year.figure_totals] == [("Số hội viên mới", 150)]
    (review,) = year.reviews
    assert review.record.id == "review-2023"
    assert [(t.label, t.value) for t in review.account.figure_totals] == [("Số hội viên mới", 150)]


def test_validate_warns_of_names_and_units_a_digest_would_list_twice(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", {**SETTINGS, "organizations": ["Hội Nông dân tỉnh"]})
    paths = [
        write_yaml(tmp_path / "a.yaml", meeting("a", "2024-07-01", results={"by_organization": [
            org_result("Hội Nong dân tỉnh", ("Số người tham gia", 120, "người"))]})),
        write_yaml(tmp_path / "b.yaml", meeting("b", "2024-08-01", results={"by_organization": [
            org_result("Hội Nông dân tỉnh", ("Số người tham gia", 300, "lượt người"))]})),
    ]  # fmt: skip
    warnings = [str(w) for record in validate(paths) for w in record.warnings]
    assert any("a.yaml:" in w and "'Hội Nong dân tỉnh' is close to 'Hội Nông dân tỉnh'" in w
               for w in warnings)  # fmt: skip
    assert any("b.yaml:" in w and "'Số người tham gia' is given in 'lượt người' here" in w
               for w in warnings)  # fmt: skip
    with pytest.raises(InputError):
        validate(paths, strict=True)


def test_a_deadline_in_words_is_never_overdue_by_itself(tmp_path: Path) -> None:
    d = digest_of(tmp_path, "2024-Q3", meeting("a", "2024-07-05", directives=[
        {"content": "often", "deadline": "thường xuyên"},
        {"content": "impossible day", "deadline": "2024-09-30"}]))  # fmt: skip
    assert [(e.deadline, e.status) for e in d.directives] == [
        ("thường xuyên", S.ASSIGNED), (dt.date(2024, 9, 30), S.OVERDUE)]  # fmt: skip


def test_an_impossible_date_as_deadline_is_an_error_not_words(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such day"):
        digest_of(tmp_path, "2024-Q3", meeting("a", "2024-07-05", directives=[
            {"content": "x", "deadline": "31/9/2024"}]))  # fmt: skip


def test_whole_body_figures_and_figures_in_words(tmp_path: Path) -> None:
    def whole(day: str, value: object) -> dict[str, Any]:
        figures = [{"label": "Số tiền vận động", "value": value, "unit": "tỷ đồng"}]
        return meeting(day, day, results={"figures": figures})

    d = digest_of(tmp_path, "2024-Q3", whole("2024-07-01", 2), whole("2024-08-01", 3))
    assert [(t.label, t.value, t.unit) for t in d.account.general_totals] == [
        ("Số tiền vận động", 5, "tỷ đồng")]  # fmt: skip
    d = digest_of(tmp_path, "2024-Q3", whole("2024-07-01", 2), whole("2024-08-01", "hàng chục"))
    (total,) = d.account.general_totals
    assert total.value == 2 and total.as_of is None  # a sum, not a level: no "số liệu tại"
    assert [(w.text, w.reported) for w in total.in_words] == [("hàng chục", dt.date(2024, 8, 1))]


def test_reviews_may_count_in_the_period_they_review(tmp_path: Path) -> None:
    from generator.model.kinds import Membership

    records = (
        meeting("q4-2023", "2023-11-10"),
        meeting("review-2023", "2024-02-05", kind="annual_review", period="2023"),
        meeting("q1-2024", "2024-03-10"),
    )
    by_date = digest_of(tmp_path, "2023", *records)
    assert [r.id for r in by_date.meetings] == ["q4-2023"]
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    loaded = validate([write_yaml(tmp_path / f"{r['id']}.yaml", r) for r in records])
    settings = Settings.model_validate(SETTINGS)
    by_review = build_digest(loaded, parse_period("2023"), settings, Membership.REVIEWED)
    assert [r.id for r in by_review.meetings] == ["q4-2023", "review-2023"]
    q1 = build_digest(loaded, parse_period("2024-Q1"), settings, Membership.REVIEWED)
    assert [r.id for r in q1.meetings] == ["q1-2024"]
    assert by_review.membership is Membership.REVIEWED
