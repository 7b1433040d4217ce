"""Everyday use: help in both languages, --json, --verbose, completion, watch, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import GiaobanError, RenderResult
from generator.api import Options
from generator.cli.command import cli, main
from generator.commands.watch import watch
from generator.messages import CATALOG, CLICK_VI

from conftest import RECORD, write_yaml
from readback import pdf_words

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


def test_the_catalog_is_complete_in_both_languages() -> None:
    for msg_id, texts in CATALOG.items():
        assert set(texts) == {"en", "vi"}, msg_id
        assert all(t.strip() for t in texts.values()), msg_id
    assert all(CLICK_VI.values())


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
    args = ["render", record, "--out", str(project / "out"), "-q"]
    assert main(args) == 0
    assert main([*args[:-1], "-v"]) == 0
    out = capsys.readouterr().out
    assert "up to date: " in out and "record.tb.pdf" in out and "done in" in out


def test_shell_completion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    assert "_GIAOBAN_COMPLETE" in capsys.readouterr().out
    env = {**os.environ, "_GIAOBAN_COMPLETE": "bash_complete", "COMP_WORDS": "giaoban ren",
           "COMP_CWORD": "1"}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "generator"],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert "plain,render" in result.stdout


def test_watch_renders_again_on_change_and_survives_errors(project: Path) -> None:
    rounds: list[RenderResult | GiaobanError] = []
    arrived = threading.Event()

    def report(outcome: RenderResult | GiaobanError) -> None:
        rounds.append(outcome)
        arrived.set()

    def next_round() -> RenderResult | GiaobanError:
        assert arrived.wait(30), "no render after the change"
        arrived.clear()
        return rounds[-1]

    stop = threading.Event()
    out = project / "out"
    watcher = threading.Thread(target=watch, args=([project / "record.yaml"],),
                               kwargs={"report": report, "stop": stop,
                                       "options": Options(out=out, formats=("pdf",))})  # fmt: skip
    watcher.start()
    try:
        first = next_round()
        assert isinstance(first, RenderResult) and len(first.outputs) == 1
        time.sleep(0.5)  # let the watcher start before the first change
        record = project / "record.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Hội trường Tỉnh ủy", "Hội trường Ủy ban"), "utf-8")
        second = next_round()
        assert isinstance(second, RenderResult) and len(second.outputs) == 1
        assert "Hội trường Ủy ban" in " ".join(pdf_words(out / "record.tb.pdf"))
        record.write_text(text.replace("kind: briefing", "kind: party"), "utf-8")
        broken = next_round()
        assert isinstance(broken, GiaobanError)  # reported, and the watch goes on
        record.write_text(text, "utf-8")
        fixed = next_round()
        assert isinstance(fixed, RenderResult) and len(fixed.outputs) == 1
    finally:
        stop.set()
        watcher.join(30)
    assert not watcher.is_alive()


def test_a_new_user_from_init_to_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "hồ sơ"]) == 0
    monkeypatch.chdir(tmp_path / "hồ sơ")
    settings = Path("giaoban.yaml")
    text = settings.read_text(encoding="utf-8")
    text = text.replace("Đảng bộ tỉnh …", "Đảng bộ tỉnh Đồng Tháp")
    settings.write_text(text.replace("place: Tên tỉnh", "place: Đồng Tháp"), "utf-8")
    assert main(["new", "--kind", "working_session", "--date", "2024-08-12"]) == 0
    record = Path("records/2024-08-12-lam-viec.yaml")
    answers = {
        "\ntitle:\n": "\ntitle: Buổi làm việc với Hội Nông dân tỉnh\n",
        "\nconvened_by:\n": "\nconvened_by: Thường trực Tỉnh ủy\n",
        "  - name:\n": "  - name: Phạm Thị Tố Hải\n",
        "\nconclusions: []\n": "\nconclusions:\n  - Tiếp tục vận động hội viên.\n",
    }
    filled = record.read_text(encoding="utf-8")
    for blank, answer in answers.items():
        filled = filled.replace(blank, answer)
    record.write_text(filled, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "records"]) == 0
    assert "2 file(s) checked: 0 error(s), 0 warning(s)" in capsys.readouterr().out
    assert main(["render", "records", "--doc", "tb,bc", "-q"]) == 0
    assert len(list(Path("out").glob("*.pdf"))) == 4
    notice = " ".join(pdf_words(Path("out/2024-08-12-lam-viec.tb.pdf")))
    assert "Đồng Tháp" in notice and "Tiếp tục vận động hội viên." in notice
    assert main(["digest", "records", "--period", "2024-Q3", "-q"]) == 0
    digest = " ".join(pdf_words(Path("out/digest-2024-Q3.pdf"), ["STT"]))
    assert "quý III năm 2024" in digest and "Buổi làm việc với Hội Nông dân tỉnh" in digest


def test_translations_fill_the_same_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for msg_id, texts in CATALOG.items():
        assert fields(texts["en"]) == fields(texts["vi"]), msg_id
    for english, vietnamese in CLICK_VI.items():
        assert fields(english) == fields(vietnamese), english


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
    assert "2 file(s) written" in captured.out


def test_watch_command_renders_on_change_and_stops_on_ctrl_c(project: Path) -> None:
    import signal

    env = {**os.environ, "GIAOBAN_LANG": "en", "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-m", "generator", "watch", str(project / "record.yaml"),
            "--to", "pdf", "--out", str(project / "out")]  # fmt: skip
    # Test runners' workers may ignore SIGINT, and children inherit that: restore it,
    # as a clerk's terminal has it.
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                      signal.SIG_DFL))  # fmt: skip
    assert proc.stdout is not None

    def until_round() -> str:
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            seen.append(line)
            if "watching for changes" in line:
                return "".join(seen)
        raise AssertionError("".join(seen))

    try:
        first = until_round()
        assert "wrote" in first and "1 file(s) written" in first
        time.sleep(0.5)
        record = project / "record.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Hội trường Tỉnh ủy", "Hội trường Ủy ban"), "utf-8")
        second = until_round()
        assert "record.tb.pdf" in second and "1 file(s) written" in second
        assert "Hội trường Ủy ban" in " ".join(pdf_words(project / "out" / "record.tb.pdf"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code in (0, 130)
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


def test_watch_follows_what_the_settings_name(project: Path) -> None:
    from generator.commands.watch import watched_paths
    from generator.inputs.locations import builtin_profiles

    from conftest import SETTINGS

    (project / "mẫu").mkdir()
    (project / "profiles").mkdir()
    mine = project / "profiles" / "mine.yaml"
    mine.write_bytes(builtin_profiles()["hd36"].read_bytes())
    write_yaml(project / "giaoban.yaml",
               {**SETTINGS, "templates": "mẫu", "profile": "profiles/mine.yaml"})  # fmt: skip
    record = project / "record.yaml"
    found = watched_paths([record], Options())
    resolved = project.resolve()
    for expected in (record, project / "giaoban.yaml", project / "mẫu", mine):
        assert resolved / expected.relative_to(project) in found, expected
