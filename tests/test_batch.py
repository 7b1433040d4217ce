"""Batches: parallel rendering, any executor, byte-identical outputs, incremental runs."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import InputError, Renderer, digest, render
from generator.cli.command import main
from generator.model.meeting import Registration
from generator.pipeline.state import STATE_NAME

from conftest import RECORD, SETTINGS, write_yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if not p.name.startswith(".")
    }


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Three records under one settings file."""
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    for n in range(3):
        record = dict(RECORD, id=f"r{n}", title=f"{RECORD['title']} (lần {n + 1})")
        write_yaml(tmp_path / "records" / f"r{n}.yaml", record)
    return tmp_path


def test_any_number_of_workers_writes_the_same_bytes(batch: Path, renderer: Renderer) -> None:
    one = render([batch / "records"], docs=("tb", "bc"), out=batch / "one", renderer=renderer)
    two = render([batch / "records"], docs=("tb", "bc"), out=batch / "two", jobs=2)
    assert [o.path.name for o in one.outputs] == [o.path.name for o in two.outputs]
    assert len(one.outputs) == 12
    assert hashes(batch / "one") == hashes(batch / "two")


def test_any_executor_can_run_the_batch(batch: Path, renderer: Renderer) -> None:
    seen: list[tuple[int, int]] = []
    with ThreadPoolExecutor(2) as executor:
        result = render([batch / "records"], out=batch / "out", executor=executor,
                        progress=lambda done, total, task: seen.append((done, total)))  # fmt: skip
    assert len(result.outputs) == 6
    assert seen == [(n, 6) for n in range(1, 7)]
    plain = render([batch / "records"], out=batch / "plain", renderer=renderer)
    assert len(plain.outputs) == 6
    assert hashes(batch / "out") == hashes(batch / "plain")


def test_a_worker_failure_is_reported_as_the_users_problem(batch: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "templates" / "documents"
    overrides.mkdir(parents=True)
    (overrides / "tb.html.j2").write_text("{{ meeting.no_such_field }}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render([batch / "records"], out=batch / "out", templates=[tmp_path / "templates"], jobs=2)
    assert "tb.html.j2:1" in str(caught.value.problems[0])
    assert not (batch / "out").exists()


def test_the_same_record_gives_byte_identical_files(project: Path, renderer: Renderer) -> None:
    for folder in ("a", "b"):
        render([project / "record.yaml"], docs=("tb", "bc"), out=project / folder,
               renderer=Renderer())  # fmt: skip
    assert hashes(project / "a") == hashes(project / "b")
    with zipfile.ZipFile(project / "a" / "record.tb.docx") as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2025, 1, 5, 0, 0, 0)}  # the notice's date


def test_source_date_epoch_dates_the_package(
    project: Path, renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    render([project / "record.yaml"], formats=("docx",), out=project / "out", renderer=renderer)
    with zipfile.ZipFile(project / "out" / "record.tb.docx") as package:
        assert {i.date_time for i in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_unchanged_outputs_are_skipped_without_reading_records(
    batch: Path, renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = batch / "out"
    first = render([batch / "records"], out=out, renderer=renderer)
    assert len(first.outputs) == 6 and not first.skipped
    assert (out / STATE_NAME).is_file()

    import generator.pipeline.checks

    read: list[Path] = []
    real = generator.pipeline.checks.load_record
    monkeypatch.setattr(generator.pipeline.checks, "load_record",
                        lambda path, *a: read.append(path) or real(path, *a))  # fmt: skip
    again = render([batch / "records"], out=out, renderer=renderer)
    assert not again.outputs and len(again.skipped) == 6 and read == []

    (batch / "records" / "r1.yaml").write_text(
        (batch / "records" / "r1.yaml").read_text(encoding="utf-8").replace("lần 2", "lần hai"),
        encoding="utf-8",
    )
    changed = render([batch / "records"], out=out, renderer=renderer)
    assert {o.path.name for o in changed.outputs} == {"r1.tb.docx", "r1.tb.pdf"}
    assert read == [batch / "records" / "r1.yaml"]

    (out / "r0.tb.pdf").write_bytes(b"edited by hand")
    (out / "r2.tb.docx").unlink()
    repaired = render([batch / "records"], out=out, renderer=renderer)
    assert {o.path.name for o in repaired.outputs} == {"r0.tb.pdf", "r2.tb.docx"}

    forced = render([batch / "records"], out=out, renderer=renderer, force=True)
    assert len(forced.outputs) == 6


@pytest.mark.parametrize("change", ["settings", "template", "options"])
def test_a_changed_input_renders_again(
    batch: Path, renderer: Renderer, tmp_path: Path, change: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    out = batch / "out"
    render([batch / "records"], out=out, templates=[templates])
    profile = None
    if change == "settings":
        write_yaml(batch / "giaoban.yaml", dict(SETTINGS, place="Cao Lãnh"))
    elif change == "template":
        (templates / "notes.txt").write_text("a file in the template folder", encoding="utf-8")
    else:
        profile = "nd30"
    again = render([batch / "records"], out=out, templates=[templates], profile=profile)
    assert len(again.outputs) == 6


def test_digest_is_skipped_when_nothing_changed(batch: Path, renderer: Renderer) -> None:
    records = batch / "records"
    for n in range(3):
        path = records / f"r{n}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("2025-01-03", f"2024-11-0{n + 1}"),
                        encoding="utf-8")  # fmt: skip
    first = digest([records], period="2024-Q4", out=batch / "out", renderer=renderer, jobs=2)
    assert first.digest is not None and len(first.outputs) == 2
    again = digest([records], period="2024-Q4", out=batch / "out", renderer=renderer)
    assert again.digest is None and not again.outputs and len(again.skipped) == 2
    numbered = Registration(number=3)
    other = digest([records], period="2024-Q4", out=batch / "out", renderer=renderer,
                   registration=numbered)  # fmt: skip
    assert len(other.outputs) == 2


def test_cli_progress_lines_up_to_date_and_quiet(
    batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["render", str(batch / "records"), "--out", str(batch / "out"), "-j", "1"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "[6/6] r2.yaml → tb.pdf" in captured.err  # not a terminal: plain lines
    assert "6 files written" in captured.out
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "6 files in" in captured.out and "already up to date" in captured.out
    assert main([*args, "--force", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_doctor_reports_fonts_and_the_subsetter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, project: Path
) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "tb.html.j2").write_text("{{ x }}", encoding="utf-8")
    code = main(["doctor", "--templates", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "HarfBuzz subsetter active" in out
    # The font doctor names is the one the PDF really embeds ("ABCDEF+Tinos-Bold").
    (pdf,) = render([project / "record.yaml"], formats=("pdf",), out=project / "out").outputs
    fonts = {str(font["/BaseFont"]).split("+")[-1].split("-")[0]
             for page in PdfReader(pdf.path).pages
             for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    (embedded,) = fonts
    assert f"fonts of profile hd36: Times New Roman → {embedded} (" in out
    assert "covers Vietnamese" in out
    assert f"templates in {tmp_path}: documents/tb.html.j2" in out


def test_doctor_exits_4_when_the_fonts_lack_vietnamese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.commands.doctor

    monkeypatch.setattr(generator.commands.doctor, "_missing_letters", lambda path: "ơư")
    assert main(["doctor"]) == 4
    assert "lacks Vietnamese letters: ơư" in capsys.readouterr().out


def test_warnings_of_skipped_records_are_shown_again(project: Path, renderer: Renderer) -> None:
    path = write_yaml(project / "typo.yaml", {**RECORD, "limitations": ["tiếp tụcthực hiện"]})
    first = render([path], out=project / "out", renderer=renderer)
    again = render([path], out=project / "out", renderer=renderer)
    assert not again.outputs
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    assert "“tụcthực”" in str(again.warnings[0])


def _giaoban(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "GIAOBAN_LANG": "en"})  # fmt: skip


@pytest.mark.slow
def test_runs_into_the_same_folder_at_once_never_break_each_other(batch: Path) -> None:
    out = batch / "out"
    records = sorted((batch / "records").glob("*.yaml"))
    runs = [_giaoban("render", str(r), "--doc", "tb,bc", "--out", str(out), "-j", "1", "-q")
            for r in records * 2]  # fmt: skip
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert not list(out.glob(".*.part"))
    # Every run's outputs are in the state: nothing is left to render.
    again = render([batch / "records"], docs=("tb", "bc"), out=out)
    assert again.outputs == [] and len(again.skipped) == 12


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)  # fmt: skip
            if fields.get("PPid", "").strip() == str(pid):
                found.append(int(status.parent.name))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_their_run_is_killed(batch: Path, how: signal.Signals) -> None:
    for n in range(3, 12):  # enough work to be killed in the middle of it
        write_yaml(batch / "records" / f"r{n}.yaml", dict(RECORD, id=f"r{n}"))
    run = _giaoban("render", str(batch / "records"), "--doc", "tb,bc", "--out",
                   str(batch / "out"), "-j", "2", "-q")  # fmt: skip
    deadline = time.monotonic() + 60
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool did not start"
    run.send_signal(how)
    run.wait(30)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{w}").exists() and _alive(w) for w in workers):
        assert time.monotonic() < deadline, "workers outlived their run"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped by init."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
