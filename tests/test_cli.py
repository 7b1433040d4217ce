"""The command line: exit codes, messages without tracebacks, written files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.command import main

from conftest import RECORD, write_yaml


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"GIAOBAN_LANG": "en", "PATH": "/usr/bin:/bin"},
    )


def test_render_writes_both_formats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(project / "record.yaml"), "--out", str(project / "out")])
    assert code == 0
    assert sorted(p.name for p in (project / "out").glob("[!.]*")) == [
        "record.tb.docx",
        "record.tb.pdf",
    ]
    assert "2 files written" in capsys.readouterr().out


def test_invalid_input_exits_1_with_positions_and_no_traceback(project: Path) -> None:
    bad = write_yaml(project / "bad.yaml", {"title": "x", "kind": "nope"})
    result = run("render", str(bad), "--out", str(project / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:2:7: error: kind: 'nope' is not allowed here" in result.stderr
    assert "required field 'date' is missing" in result.stderr
    assert not (project / "out").exists()


def test_validate_prints_a_summary(project: Path) -> None:
    result = run("validate", str(project / "record.yaml"))
    assert result.returncode == 0, result.stderr
    assert "1 file checked: 0 errors" in result.stdout


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("render").returncode == 2
    result = run("render", str(project / "record.yaml"), "--to", "odt")
    assert result.returncode == 2
    assert "unknown output format 'odt'" in result.stderr
    assert run("render", str(project / "record.yaml"), "--doc", "xx").returncode == 2


def test_unwritable_output_exits_3(project: Path) -> None:
    blocker = project / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    result = run("render", str(project / "record.yaml"), "--out", str(blocker / "sub"))
    assert result.returncode == 3
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_in_vietnamese(project: Path) -> None:
    bad = write_yaml(project / "bad.yaml", {"title": "x"})
    result = run("--lang", "vi", "validate", str(bad))
    assert result.returncode == 1
    assert "thiếu trường bắt buộc 'kind'" in result.stderr


def test_help_and_version() -> None:
    assert "Examples" in run("render", "--help").stdout
    version = run("--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout


def test_warnings_are_printed_and_strict_makes_them_errors(project: Path) -> None:
    from conftest import RECORD

    path = write_yaml(project / "typo.yaml", {**RECORD, "limitations": ["tiếp tụcthực hiện"]})
    result = run("validate", str(path))
    assert result.returncode == 0
    assert f"{path}:" in result.stderr and ": warning: limitations[0]: “tụcthực”" in result.stderr
    assert "0 errors, 1 warning" in result.stdout
    strict = run("render", "--strict", str(path), "--out", str(project / "out"))
    assert strict.returncode == 1
    assert ": error: limitations[0]: “tụcthực”" in strict.stderr
    assert "1 error, 0 warnings; nothing was written" in strict.stderr
    assert not (project / "out").exists()


def test_validate_and_render_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = str(project / "record.yaml")
    assert main(["validate", "--json", record]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked == {"ok": True, "files": [record], "warnings": []}
    out = str(project / "out")
    assert main(["render", "--json", record, "--out", out, "-j", "1"]) == 0
    captured = capsys.readouterr()
    rendered = json.loads(captured.out)
    assert captured.err == ""  # no progress lines with --json
    assert [(o["doc"], o["format"]) for o in rendered["written"]] == [("tb", "docx"), ("tb", "pdf")]
    assert all(Path(o["path"]).is_file() for o in rendered["written"])
    assert main(["render", "--json", record, "--out", out]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["written"] == [] and len(again["up_to_date"]) == 2

    bad = write_yaml(project / "bad.yaml", {**RECORD, "date": "31/02/2024"})
    assert main(["validate", "--json", str(bad)]) == 1
    failed = json.loads(capsys.readouterr().out)
    assert failed["ok"] is False
    (error,) = failed["errors"]
    assert error["file"] == str(bad) and error["line"] > 1 and error["severity"] == "error"
    assert "date" in error["message"]


def test_verbose_lists_what_was_checked_and_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = str(project / "record.yaml")
    assert main(["validate", "-v", record]) == 0
    assert f"ok {record} (id record)" in capsys.readouterr().out
    args = ["render", record, "--out", str(project / "out"), "--to", "pdf"]
    assert main([*args, "-v"]) == 0
    assert "(not written before)" in capsys.readouterr().out
    assert main([*args, "-v"]) == 0
    out = capsys.readouterr().out
    assert "up to date: " in out and "record.tb.pdf" in out and "done in" in out
    (project / "out" / "record.tb.pdf").write_bytes(b"edited")
    assert main([*args, "-v"]) == 0
    assert "(the file was edited, replaced or deleted since it was written)" in (
        capsys.readouterr().out
    )
    assert main([*args, "-v", "--force"]) == 0
    assert "(--force)" in capsys.readouterr().out


def test_shell_completion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    assert "_GIAOBAN_COMPLETE" in capsys.readouterr().out
    env = {**os.environ, "_GIAOBAN_COMPLETE": "bash_complete", "COMP_WORDS": "giaoban ren",
           "COMP_CWORD": "1"}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "generator"],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert "plain,render" in result.stdout


def test_a_progress_bar_on_a_terminal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    assert main(["render", str(project / "record.yaml"), "--out", str(project / "out"),
                 "-j", "1"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "2/2" in captured.err and "record.yaml → tb.pdf" in captured.err
    assert "[2/2]" not in captured.err  # the bar, not the plain lines
    assert "2 files written" in captured.out


@pytest.mark.parametrize("failure", ["output", "usage", "internal"])
def test_json_is_printed_whatever_stops_the_run(
    project: Path, failure: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["render", str(project / "record.yaml"), "--json", "--out", str(project / "out")]
    expected = {"output": 3, "usage": 2, "internal": 70}[failure]
    if failure == "output":
        (project / "blocker").write_text("a file where the folder should be", encoding="utf-8")
        args[-1] = str(project / "blocker" / "sub")
    elif failure == "usage":
        args += ["--to", "odt"]
    else:
        import generator.pipeline.stages

        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(generator.pipeline.stages, "render_stale", broken)
    assert main(args) == expected
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False and result["exit_code"] == expected and result["message"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("giaoban render r.yaml --doc tb,", {"plain,tb,bc"}),
        ("giaoban render r.yaml --to ", {"plain,docx", "plain,pdf"}),
        ("giaoban render r.yaml --profile n", {"plain,nd30"}),
        ("giaoban digest RECORDS --period 2025-", {"plain,2025-Q1", "plain,2025-H1"}),
    ],
)
def test_completion_offers_option_values(project: Path, words: str, expected: set[str]) -> None:
    words = words.replace("RECORDS", str(project))
    env = {**os.environ, "_GIAOBAN_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "generator"], capture_output=True, text=True,
                            env=env, check=False, cwd=project)  # fmt: skip
    offered = set(result.stdout.split())
    assert expected <= offered, result.stdout


def test_a_digests_progress_names_its_period(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["digest", str(project), "--period", "2025-Q1", "--out", str(project / "out"), "-j", "1"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "2025-Q1 → digest.docx" in err and "giaoban.yaml →" not in err
