"""Record validation: every error of a run at once, at its line, in the user's terms."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from generator import InputError, render, validate
from generator.cli.command import main

from conftest import RECORD, SETTINGS, write_yaml


def record_with(tmp_path: Path, name: str = "record.yaml", **changes: object) -> Path:
    data = copy.deepcopy(RECORD)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return write_yaml(tmp_path / name, data)


def problems(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        validate(paths)
    return [str(p) for p in caught.value.problems]


def test_valid_record(project: Path) -> None:
    (record,) = validate([project / "record.yaml"])
    assert record.meeting.chairs[0].name == "Phạm Thị Tố Hải"
    assert record.id == "record"


def test_unknown_key_suggests_the_right_one(project: Path) -> None:
    path = record_with(project, chair=[{"name": "A"}])
    (line,) = problems([path])
    assert "unknown field 'chair'; did you mean 'chairs'?" in line
    assert line.startswith(f"{path}:")


def test_missing_required_field_and_wrong_type_together(project: Path) -> None:
    path = record_with(project, convened_by=None, organizations="MTTQ")
    lines = problems([path])
    assert any("required field 'convened_by' is missing" in line for line in lines)
    assert any(": error: organizations: expected a list" in line for line in lines)
    assert len(lines) == 2


def test_impossible_date_is_reported_at_its_line(project: Path) -> None:
    path = project / "bad.yaml"
    text = (
        (project / "record.yaml")
        .read_text(encoding="utf-8")
        .replace("date: '2025-01-03'", "date: '2025-02-30'")
    )
    path.write_text(text, encoding="utf-8")
    (line,) = problems([path])
    number = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("date:"))
    assert line.startswith(f"{path}:{number}:")
    assert "'2025-02-30': that month has no such day; check the day and the month" in line
    assert "YYYY" not in line  # the format was right: no advice about it


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("31/9/2024", "that month has no such day"),
        ("2108-01-01", "outside the years 1900–2100"),
        ("9999-12-31", "outside the years 1900–2100"),
        ("0001-01-01", "outside the years 1900–2100"),
        ("2024.9.25", "write it as YYYY-MM-DD or DD/MM/YYYY"),
    ],
)
def test_dates_are_checked_for_format_day_and_years(
    project: Path, written: str, expected: str
) -> None:
    path = write_yaml(project / "record.yaml", {**RECORD, "date": written, "period": None})
    (line,) = problems([path])
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if text.startswith("date:"))
    assert expected in line and line.startswith(f"{path}:{number}:"), line


def test_vietnamese_date_notation_is_accepted(project: Path) -> None:
    path = record_with(project, date="3/1/2025")
    (record,) = validate([path])
    assert record.meeting.date.isoformat() == "2025-01-03"


def test_date_outside_reviewed_period(project: Path) -> None:
    path = record_with(project, period="2024-Q2")
    (line,) = problems([path])
    assert "outside the reviewed period 2024-Q2" in line


def test_review_held_after_its_period_is_accepted(project: Path) -> None:
    path = record_with(project, period="2024")
    assert validate([path])


def test_concluder_must_be_a_chair(project: Path) -> None:
    path = record_with(project, concluded_by="Ai Đó")
    (line,) = problems([path])
    assert "'Ai Đó' is not one of the chairs" in line


def test_all_errors_of_all_files_at_once(project: Path) -> None:
    one = record_with(project, "one.yaml", kind="meeting")
    two = record_with(project, "two.yaml", chairs=[], period="2024-Q5")
    lines = problems([one, two, project / "record.yaml"])
    assert any(line.startswith(str(one)) and "'meeting' is not allowed" in line for line in lines)
    assert any(line.startswith(str(two)) and "at least 1" in line for line in lines)
    assert any(line.startswith(str(two)) and "'2024-Q5' is not a period" in line for line in lines)


def test_bad_settings_are_reported_once_with_position(project: Path) -> None:
    write_yaml(project / "giaoban.yaml", {"issuing_body": "Tỉnh ủy", "place": 5})
    record_with(project, "two.yaml")
    lines = problems([project / "record.yaml", project / "two.yaml"])
    settings = [line for line in lines if "giaoban.yaml" in line]
    assert len(settings) == len(set(settings)) == 3  # issuer_symbol, signer, place


def test_missing_settings_file(tmp_path: Path) -> None:
    path = record_with(tmp_path)
    (line,) = problems([path])
    assert "no settings file 'giaoban.yaml'" in line


def test_nothing_is_written_when_one_record_fails(project: Path) -> None:
    bad = record_with(project, "bad.yaml", date="2025-13-01")
    with pytest.raises(InputError):
        render([project / "record.yaml", bad], out=project / "out")
    assert not (project / "out").exists()


def test_two_records_cannot_write_the_same_output(project: Path) -> None:
    record_with(project, "a.yaml", id="same")
    record_with(project, "b.yaml", id="same")
    with pytest.raises(InputError, match="give one of them another 'id'"):
        render([project / "a.yaml", project / "b.yaml"], formats=("docx",), out=project / "o")
    assert not (project / "o").exists()


def _broken_profile(project: Path) -> Path:
    from generator.inputs.locations import builtin_profiles

    data = yaml.safe_load(builtin_profiles()["hd36"].read_text(encoding="utf-8"))
    data["components"]["body"]["size_pt"] = -13
    return write_yaml(project / "mine.yaml", data)


@pytest.mark.parametrize("command", ["validate", "render"])
def test_every_problem_of_the_run_is_listed(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record error, a profile error and a template error, in one run (README's promise)."""
    _broken_profile(project)
    (project / "mẫu" / "documents").mkdir(parents=True)
    (project / "mẫu" / "documents" / "tb.html.j2").write_text("{% if %}", encoding="utf-8")
    write_yaml(project / "giaoban.yaml",
               {**SETTINGS, "profile": "mine.yaml", "templates": "mẫu"})  # fmt: skip
    write_yaml(project / "record.yaml", {**RECORD, "date": "2025-02-30"})
    assert main([command, str(project / "record.yaml")]) == 1
    err = capsys.readouterr().err
    assert "mine.yaml:" in err and "components.body.size_pt: must be > 0" in err
    assert "tb.html.j2:1:" in err
    assert "record.yaml:" in err and "no such day" in err
    assert "3 errors" in err


def test_validate_checks_the_profile_the_settings_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "nosuch"})
    assert main(["validate", str(project / "record.yaml")]) == 1
    assert "format profile 'nosuch' not found" in capsys.readouterr().err


def test_an_unknown_key_in_a_list_item_has_its_place_and_a_suggestion(project: Path) -> None:
    attendees = [{"name": "Trần Minh Sơn", "titels": ["Chủ tịch"]}]
    path = write_yaml(project / "record.yaml", {**RECORD, "attendees": attendees})
    (line,) = problems([path])
    number = next(i for i, t in enumerate(path.read_text("utf-8").splitlines(), 1) if "titels" in t)
    assert line.startswith(f"{path}:{number}:")
    assert "unknown field 'titels'; did you mean 'titles'?" in line


def test_an_unknown_key_without_a_near_one_lists_the_fields(project: Path) -> None:
    attendees = [{"name": "Trần Minh Sơn", "xyz": 1}]
    path = write_yaml(project / "record.yaml", {**RECORD, "attendees": attendees})
    (line,) = problems([path])
    assert "allowed here: name, titles" in line


def test_errors_do_not_hide_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {**RECORD, "date": "2025-02-30", "kind": "party", "level": "nation",
              "limitations": ["Céng hßa x· héi", "hai  dấu cách"]}  # fmt: skip
    write_yaml(project / "record.yaml", record)
    assert main(["validate", str(project / "record.yaml")]) == 1
    err = capsys.readouterr().err
    assert "3 errors, 2 warnings" in err and "TCVN3" in err


def test_closed_lists_accept_the_vietnamese_words(project: Path) -> None:
    record = {**RECORD, "part_of_day": "Sáng", "level": "huyện", "kind": "Hội nghị giao ban",
              "directives": [{"content": "Việc", "status": "đang thực hiện"}],
              "reports": [{"title": "Tờ trình", "kind": "tờ trình"}]}  # fmt: skip
    (loaded,) = validate([write_yaml(project / "record.yaml", record)])
    meeting = loaded.meeting
    assert (meeting.part_of_day, meeting.level, meeting.kind) == ("morning", "district", "briefing")
    assert meeting.directives[0].status == "in_progress" and meeting.reports[0].kind == "submission"
