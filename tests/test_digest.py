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


def test_open_directives_are_carried_over_and_done_ones_are_not(tmp_path: Path) -> None:
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
    assert set(by_content) == {"open one", "new one"}
    assert by_content["open one"].carried_over and by_content["open one"].key == "q2#1"
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
    q4 = digest_of(tmp_path, "2024-Q4", *records)
    assert q4.directives == ()  # done during Q4: not carried into Q4's list
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
    # Still open at the end of Q3: the 2024 orientation of the associations' meeting (7)
    # and the Youth Union's task from the working session of February 2023 (1).
    assert len(q3.carried_over) == 8
    year = build_digest(records, parse_period("2023"), settings)
    assert len(year.meetings) == 2
    assert year.proposals and year.proposals[0].by == "Đại biểu dự buổi làm việc"
