"""The command in the user's language: help, usage errors and the locale."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from language import english_words

from generator.cli.command import cli, main
from generator.messages import set_language

from conftest import RECORD, SETTINGS, write_yaml

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
    assert "Lỗi: Thiếu đối số 'HỒ_SƠ...'." in err
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


def test_the_word_finder_finds_english() -> None:
    assert english_words("Error: No such file or directory") == ["Error", "such", "file", "or",
                                                                 "directory"]  # fmt: skip
    assert english_words("Lỗi: không tìm thấy tệp 'records/a.yaml' --out THƯ_MỤC") == []


def _error_paths(root: Path) -> list[list[str]]:
    write_yaml(root / "giaoban.yaml", SETTINGS)
    bad = {"id": "x", "kind": "giao_ban", "date": "31/9/2024", "status": "maybe",
           "reports": [{"title": "a", "kind": "nope"}],
           "directive_updates": [{"directive": "X", "status": "doing"}]}  # fmt: skip
    write_yaml(root / "bad.yaml", bad)
    (root / "colon.yaml").write_text("title: a\nlimitations:\n  - như: “x”\n", encoding="utf-8")
    (root / "tcvn.yaml").write_bytes("title: Héi nghÞ\n".encode("cp1252"))
    (root / "blocked").write_text("a file where a folder is wanted", encoding="utf-8")
    record = write_yaml(root / "record.yaml", RECORD)
    return [
        ["validate", "bad.yaml", "colon.yaml", "tcvn.yaml", "missing.yaml"],
        ["validate", "nothing-here"],
        ["render"],
        ["render", "record.yaml", "--no-such"],
        ["render", "record.yaml", "--dox", "tb"],
        ["render", "record.yaml", "-j", "abc"],
        ["render", "record.yaml", "-j", "0"],
        ["render", "record.yaml", "--to", "xls"],
        ["render", "record.yaml", "--doc", "xx"],
        ["render", "record.yaml", "--profile", "khong"],
        ["render", "record.yaml", "--out", "blocked"],
        ["render", "record.yaml", "thua", "--settings", "none.yaml"],
        ["render", str(record), "--pdf-variant", "pdf/x-9"],
        ["digest", "record.yaml"],
        ["digest", "record.yaml", "--period", "2024-Q9"],
        ["digest", "record.yaml", "--period", "2024", "--date", "31/9/2024"],
        ["digest", "record.yaml", "--period", "2024", "--number", "x"],
        ["new", "--date", "2024-09-31"],
        ["new", "--date", "hôm qua"],
        ["new", "--kind", "tea"],
        ["init", "."],
        ["fix", "missing.yaml"],
        ["fix", "tcvn.yaml", "--no-backup"],
        ["scaffold", "nothing"],
        ["completion", "powershell"],
        ["sign", "record.yaml"],
        ["sign", "record.yaml", "--as", "clerk"],
        ["sign", "nothing.pdf", "--as", "signer"],
        ["sign", "record.yaml", "--as", "signer", "--pkcs12", "record.yaml"],
        ["verify", "record.yaml"],
        ["--lang", "fr", "render"],
        ["nosuchcommand"],
        ["rendr"],
    ]


def test_no_english_reaches_a_vietnamese_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command's help and every error path, as a clerk with a Vietnamese locale sees them."""
    monkeypatch.chdir(tmp_path)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "GIAOBAN_LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    set_language(None)
    seen: dict[str, list[str]] = {}
    shown = []
    for args in [[], *([c, "--help"] for c in COMMANDS), *_error_paths(tmp_path)]:
        main([*args] if args else ["--help"])
        captured = capsys.readouterr()
        shown.append(captured.out + captured.err)
        if leaks := english_words(shown[-1]):
            seen[" ".join(args)] = leaks
    assert sum("Lỗi" in text or "lỗi:" in text for text in shown) > 20  # the errors were met
    assert seen == {}, "\n".join(f"{k}: {v}" for k, v in seen.items())


def test_the_examples_explain_themselves_in_vietnamese() -> None:
    """The comments a clerk reads in the example settings and records (init copies them)."""
    root = Path(__file__).resolve().parent.parent / "examples"
    leaks = {}
    for path in [root / "giaoban.yaml", *sorted((root / "records").glob("*.yaml"))]:
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = " ".join(line.split("# ", 1)[1] for line in lines if "# " in line)
        assert comments, path
        if found := english_words(comments):
            leaks[path.name] = found
    assert leaks == {}


def _documented_commands() -> list[list[str]]:
    """Every ``giaoban …`` line of the user guide and the README, as the shell splits it."""
    root = Path(__file__).resolve().parent.parent
    lines = []
    for name in ("HUONG-DAN.md", "README.md"):
        text = (root / name).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                command = line.split("#", 1)[0].split("&&", 1)[0].strip()
                command = command.removeprefix(".venv/bin/")
                if command.startswith("giaoban "):
                    lines.append(shlex.split(command)[1:])
    return lines


def test_every_documented_command_line_is_understood(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The guide's and the README's command lines use commands and options that exist."""
    lines = _documented_commands()
    assert len(lines) > 10
    for args in lines:
        assert main([*args, "--help"]) == 0, args
        capsys.readouterr()
