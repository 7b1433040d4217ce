"""The command in the user's language: help, usage errors and the locale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.command import cli, main

from conftest import write_yaml

COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples_in_both_languages(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", command, "--help"]) == 0
    english = capsys.readouterr().out
    assert "Usage: giaoban" in english and "Example" in english
    assert main(["--lang", "vi", command, "--help"]) == 0
    vietnamese = capsys.readouterr().out
    assert "Cách dùng: giaoban" in vietnamese and "Ví dụ" in vietnamese
    assert "Tùy chọn:" in vietnamese and "Hiện hướng dẫn này rồi thoát." in vietnamese
    for word in ("Options:", "Show this message", "Examples"):
        assert word not in vietnamese


def test_usage_errors_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "render"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi: Thiếu đối số 'RECORDS...'." in err
    assert main(["--lang", "vi", "render", "x.yaml", "--no-such"]) == 2
    assert "Không có tùy chọn '--no-such'." in capsys.readouterr().err


def test_locale_picks_the_language(project: Path) -> None:
    bad = write_yaml(project / "bad.yaml", {"title": "x"})
    env = {"PATH": "/usr/bin:/bin", "LANG": "vi_VN.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(bad)],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert "thiếu trường bắt buộc 'kind'" in result.stderr
    assert "lỗi" in result.stderr


def test_yaml_mistakes_are_explained_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    colon = tmp_path / "colon.yaml"
    colon.write_text("title: Hội nghị\nlimitations:\n  - Các cuộc vận động như: “Ngày vì người "
                     "nghèo”\n", encoding="utf-8")  # fmt: skip
    indent = tmp_path / "indent.yaml"
    indent.write_text("title: a\nreports:\n  - title: x\n   kind: report\n", encoding="utf-8")
    assert main(["--lang", "vi", "validate", str(colon), str(indent)]) == 1
    err = capsys.readouterr().err
    assert 'hãy đặt đoạn văn trong dấu nháy kép: - "Các cuộc vận động như: “Ngày vì người ' \
        'nghèo”"' in err  # fmt: skip
    assert f"{indent}:4:4:" in err and "thụt lề không thẳng" in err
    assert "did not find expected key" not in err and "expected <block end>" not in err


def test_the_advice_fits_the_situation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "r.yaml"
    record.write_text("title: Hội nghị giao ban\n", encoding="utf-8")
    assert main(["--lang", "vi", "validate", str(record)]) == 1
    err = capsys.readouterr().err
    assert "giaoban init" in err and "examples/giaoban.yaml" not in err
    assert main(["fix", str(record)]) == 0
    out = capsys.readouterr().out
    assert "không có gì cần chuyển" in out and "bản gốc" not in out
