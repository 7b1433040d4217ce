"""The third adversarial round (issue 26): what hung, crashed or silently printed the
wrong thing, each now done or refused with a clear message and exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import InputError, render
from generator.cli.command import main
from generator.messages import set_language
from generator.output.templating import make_environment, render_template
from generator.pipeline.state import LOCK_NAME, STATE_NAME

from conftest import RECORD, SETTINGS, write_yaml
from readback import docx_words, pdf_words

#: A run in its own process, so that a hang fails the test instead of blocking it.
RUN_TIMEOUT = 120


def giaoban(
    *args: str, env: dict[str, str] | None = None, timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, timeout=timeout, env=environment)  # fmt: skip


@pytest.mark.parametrize("fifo", [STATE_NAME, LOCK_NAME, "record.tb.docx"])
def test_a_fifo_in_the_output_folder_never_blocks_a_render(project: Path, fifo: str) -> None:
    out = project / "out"
    assert giaoban("render", str(project / "record.yaml"), "--to", "docx", "--out", str(out),
                   "-q").returncode == 0  # fmt: skip
    (out / fifo).unlink(missing_ok=True)
    os.mkfifo(out / fifo)
    write_yaml(project / "record.yaml", {**RECORD, "place": "Hội trường UBND tỉnh"})
    done = giaoban("render", str(project / "record.yaml"), "--to", "docx", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "record.tb.docx").is_file()


@contextlib.contextmanager
def tcp_server(greeting: bytes = b"", reply: bytes = b"") -> Iterator[str]:
    """A TCP service that is no Dask scheduler: it says ``greeting`` on accepting, and
    ``reply`` once it has read something (a web server says nothing before a request)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        held = []
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(conn)
            conn.settimeout(1)
            with contextlib.suppress(OSError):
                conn.sendall(greeting)
                if reply and conn.recv(1024):
                    conn.sendall(reply)
        for conn in held:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


@pytest.mark.parametrize(
    ("greeting", "reply", "expected"),
    [(b"", b"", "said nothing in 3.0 s"),
     (b"", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", "said nothing in 3.0 s"),
     (b"SSH-2.0-OpenSSH_9.6\r\n", b"", "is not a Dask scheduler"),
     (b"\xff" * 16, b"", "is not a Dask scheduler")],
)  # fmt: skip
def test_a_service_that_is_no_scheduler_fails_in_bounded_time(
    project: Path, greeting: bytes, reply: bytes, expected: str
) -> None:
    """A silent server, a web server (the dashboard's port), a server that talks first
    (eight of its bytes once read as a frame length: MemoryError)."""
    with tcp_server(greeting, reply) as address:
        started = time.monotonic()
        done = giaoban("render", str(project / "record.yaml"), "--out", str(project / "out"),
                       "--scheduler", address, env={"GIAOBAN_SCHEDULER_TIMEOUT": "3"})  # fmt: skip
    assert time.monotonic() - started < 60
    assert done.returncode == 3, done.stderr
    assert address in done.stderr and expected in done.stderr
    assert "Traceback" not in done.stderr and not (project / "out").exists()


@pytest.mark.parametrize(
    ("address", "code"),
    [("garbage", 2), ("tcp://", 2), ("http://localhost:8786", 2), ("inproc://x", 2),
     ("tcp://127.0.0.1:99999", 2), ("tcp://127.0.0.1:1", 3)],
)  # fmt: skip
@pytest.mark.parametrize("command", ["render", "digest"])
def test_a_bad_or_unreachable_scheduler_address_is_named_with_its_exit_code(
    project: Path, address: str, code: int, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    period = ["--period", "2024-Q4"] if command == "digest" else []
    args = [command, str(project / "record.yaml"), "--out", str(project / "out"),
            "--scheduler", address, *period]  # fmt: skip
    assert main(args) == code
    assert address in capsys.readouterr().err


def test_a_scheduler_without_workers_says_so_and_gives_up(project: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as cluster:
        started = time.monotonic()
        done = giaoban("render", str(project / "record.yaml"), "--out", str(project / "out"),
                       "--scheduler", cluster.scheduler_address,
                       env={"GIAOBAN_SCHEDULER_TIMEOUT": "3"})  # fmt: skip
    assert time.monotonic() - started < 60
    assert done.returncode == 3, done.stderr
    assert "has no workers yet; waiting" in done.stderr
    assert "no worker joined the scheduler" in done.stderr


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        ({"tb": {"closing": "Trân trọng {"}}, "documents.tb.closing: 'Trân trọng {'"),
        ({"digest": {"summary": "Kết quả }"}}, "documents.digest.summary: 'Kết quả }'"),
        ({"digest": {"summary": "Kết quả {{period}}"}}, "'Kết quả {{period}}'"),
        ({"tb": {"closing": "{period} nay"}}, "'{period} nay' is not a line"),
        ({"dijest": {"summary": "Kết quả"}}, "documents.dijest: unknown field 'dijest'; did you"
                                             " mean 'digest'?"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "render"])
def test_settings_lines_and_document_keys_are_checked_as_strictly_as_a_record(
    project: Path, documents: dict[str, object], expected: str, command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """A lone brace crashed the render (exit 70) after validate said 0 errors; "{{period}}"
    printed "{period}"; a misspelt document type was silently ignored."""
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "documents": documents})
    out = ["--out", str(project / "out")] if command == "render" else []
    assert main([command, str(project / "record.yaml"), *out]) == 1
    err = capsys.readouterr().err
    assert "giaoban.yaml:" in err and expected in err
    assert not (project / "out").exists()


@pytest.mark.parametrize(
    "expression",
    [
        "{{ range(10**9) | list | length }}",
        "{{ 'a' * 10**9 }}",
        "{{ 10**9 * 'a' }}",
        "{{ [1] * 10**9 }}",
        "{{ 2 ** (10**10) }}",
        "{{ '%999999999s' % 'a' }}",
        "{{ 'a'.center(10**9) }}",
        "{{ 'a'.ljust(10**9) }}",
        "{{ 'a' | center(10**9) }}",
        "{{ 'a' | indent(10**9, true) }}",
        "{{ '{:>999999999}'.format('a') }}",
    ],
)
def test_a_template_that_grows_without_bound_is_an_error_at_its_line(
    tmp_path: Path, expression: str
) -> None:
    """range(10**9) was exit 70; 'a' * 10**9 ran 36 s at 4.9 GB, 10**10 took the machine."""
    (tmp_path / "t.html.j2").write_text(f"<p>a</p>\n<p>{expression}</p>\n", "utf-8")
    env = make_environment([tmp_path])
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        render_template(env, "t.html.j2", {})
    assert time.monotonic() - started < 30
    (problem,) = caught.value.problems
    assert problem.position.path.name == "t.html.j2" and problem.position.line == 2
    assert "far more than any document holds" in problem.message


def test_a_template_that_writes_without_end_is_stopped_at_the_output_bound(tmp_path: Path) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}"
    (tmp_path / "t.html.j2").write_text(loops + "{% endfor %}", "utf-8")
    with pytest.raises(InputError) as caught:
        render_template(make_environment([tmp_path]), "t.html.j2", {})
    (problem,) = caught.value.problems
    assert problem.position.path.name == "t.html.j2" and "longer than" in problem.message


def test_the_bounds_leave_ordinary_template_arithmetic_alone(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text(
        "{{ '-' * 40 }}|{{ 2 ** 10 }}|{{ range(3) | list | length }}|{{ 'a' | center(5) }}|"
        "{{ '%05d' % 42 }}|{{ 'x' + 'y' }}", "utf-8"
    )  # fmt: skip
    out = render_template(make_environment([tmp_path]), "t.html.j2", {})
    assert out == "-" * 40 + "|1024|3|  a  |00042|xy"


def _with_line(project: Path, key: str, line: str) -> Path:
    """The record with its top-level ``key`` written as ``line``, as a user types it."""
    text = (project / "record.yaml").read_text("utf-8")
    kept = [row for row in text.splitlines() if not row.startswith(f"{key}:")]
    path = project / "record.yaml"
    path.write_text("\n".join([*kept, line, ""]), "utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "line", "expected"),
    [
        ("place", "place: !!int abc", "'abc' cannot be read as !!int"),
        ("place", 'place: !!int "0x"', "'0x' cannot be read as !!int"),
        ("place", "place: !!float abc", "'abc' cannot be read as !!float"),
        ("place", "place: !!bool maybe", "'maybe' cannot be read as !!bool"),
        ("place", "place: !!timestamp notadate", "'notadate' cannot be read as !!timestamp"),
        ("place", "place: !!timestamp 2024-02-30", "'2024-02-30' cannot be read as !!timestamp"),
        ("date", 'date: "2024-09-25 25:00:00"', "'2024-09-25 25:00:00' is not a valid date"),
        ("date", "date: !!timestamp 2024-09-25 10:00:00", "'2024-09-25 10:00:00' is not a valid"),
        ("date", "date: !!timestamp 0001-01-01", "date: '0001-01-01' is outside the years"),
        ("place", "place: " + "9" * 5000, "a number of more than 100 digits"),
        ("place", "place: !!set {a, b}", "place: expected text"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_explicit_tags_and_huge_integers_are_errors_at_their_line(
    project: Path, key: str, line: str, expected: str, command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Each was exit 70, in validate too ("!!set" got the advice about ': ')."""
    path = _with_line(project, key, line)
    number = len(path.read_text("utf-8").splitlines())
    out = ["--out", str(project / "out")] if command == "render" else []
    assert main([command, str(path), *out]) == 1
    err = capsys.readouterr().err
    assert f"record.yaml:{number}:" in err and expected in err
    assert "datetime.date" not in err and "': '" not in err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "a figure is a number"),
        (10**25, "a figure this large"),
        (-(10**25), "a figure this large"),
        (1e27, "a figure this large"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_figure_is_a_bounded_number_never_a_boolean(
    project: Path, value: object, expected: str, command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """true counted as 1; 10^25 and its sums and averages were exit 70 (Babel, quantize)."""
    figure = {"label": "Số hội viên mới", "value": value, "unit": "người"}
    results = {**RECORD["results"], "figures": [figure]}  # type: ignore[dict-item]
    write_yaml(project / "record.yaml", {**RECORD, "results": results})
    out = ["--out", str(project / "out")] if command == "render" else []
    assert main([command, str(project / "record.yaml"), *out]) == 1
    assert expected in capsys.readouterr().err


def test_sums_and_averages_of_the_largest_figures_are_written(project: Path) -> None:
    """Ten records at the bound, summed and averaged in a digest: exact, never exit 70."""
    for n in range(10):
        figures = [{"label": "Kinh phí", "value": 10**18, "unit": "đồng"},
                   {"label": "Tỷ lệ", "value": 10**18 - n, "unit": "%"}]  # fmt: skip
        results = {**RECORD["results"], "figures": figures}  # type: ignore[dict-item]
        record = {**RECORD, "id": f"r{n}", "results": results}
        write_yaml(project / "records" / f"r{n}.yaml", record)
    args = ["digest", str(project / "records"), "--period", "2025-Q1", "--out",
            str(project / "out"), "--to", "docx", "-q"]  # fmt: skip
    assert main(args) == 0


@pytest.mark.parametrize("command", ["validate", "render", "digest"])
def test_a_record_name_that_is_not_utf8_is_refused_alike(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate passed, render and digest were exit 70 (the fingerprint)."""
    name = os.fsdecode(b"h\xf4p.yaml")
    (project / "record.yaml").rename(project / name)
    extra = {"validate": [], "render": ["--out", str(project / "out")],
             "digest": ["--out", str(project / "out"), "--period", "2024-Q4"]}[command]  # fmt: skip
    assert main([command, str(project / name), *extra]) == 1
    assert "h\\xf4p.yaml: error: the file's name is not UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
@pytest.mark.parametrize(
    "args",
    [["--help"], ["schema"], ["doctor"], ["validate", "RECORD", "-v"],
     ["render", "RECORD", "--to", "docx", "--out", "OUT"],
     ["digest", "RECORD", "--period", "2024-Q4", "--to", "docx", "--out", "OUT"],
     ["validate", "MISSING"]],
)  # fmt: skip
def test_vietnamese_messages_on_a_stdout_without_vietnamese_letters(
    project: Path, encoding: str, args: list[str]
) -> None:
    """Every command was exit 70 on a latin-1 or cp1252 stdout."""
    paths = {"RECORD": str(project / "record.yaml"), "OUT": str(project / "out"),
             "MISSING": str(project / "missing.yaml")}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "generator", "--lang", "vi",
                           *[paths.get(a, a) for a in args]], capture_output=True,
                          encoding=encoding, errors="replace", timeout=RUN_TIMEOUT,
                          env={**os.environ, "PYTHONIOENCODING": encoding})  # fmt: skip
    assert done.returncode in (0, 1, 4), done.stderr
    assert "Traceback" not in done.stderr and "70" not in done.stderr.split(":")[0]
    assert done.stdout or done.stderr


def test_a_digest_number_past_the_register_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["digest", str(project / "record.yaml"), "--period", "2024-Q4", "--number",
            "1000000", "--out", str(project / "out")]  # fmt: skip
    assert main(args) == 2
    assert "1000000" in capsys.readouterr().err and not (project / "out").exists()


@pytest.mark.parametrize(
    ("organizations", "expected"),
    [
        ([{"name": "Hội Nông dân tỉnh", "aliases": ["HND"]},
          {"name": "Tỉnh Đoàn", "aliases": ["hnd"]}],
         "'hnd' (organizations[1]) already names organizations[0] ('HND')"),
        ([{"name": "Hội Nông dân tỉnh", "aliases": ["Tỉnh Đoàn"]}, "Tỉnh Đoàn"],
         "'Tỉnh Đoàn' (organizations[1]) already names organizations[0]"),
        (["Hội Nông dân tỉnh", "Tỉnh Đoàn", "Hội nông dân  tỉnh"],
         "'Hội nông dân  tỉnh' (organizations[2]) already names organizations[0]"),
    ],
)  # fmt: skip
def test_conflicting_organization_names_are_refused_naming_both(
    project: Path, organizations: list[object], expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The digest gave one organization's results to another."""
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "organizations": organizations})
    assert main(["validate", str(project / "record.yaml")]) == 1
    err = capsys.readouterr().err
    assert "giaoban.yaml:" in err and expected in err


@pytest.mark.parametrize("override", ["\u202e", "\u202d", "\u2067", "\u2069"])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_direction_overrides_are_refused(
    project: Path, override: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A basis with U+202E printed reversed in the PDF."""
    write_yaml(project / "record.yaml", {**RECORD, "basis": f"Căn cứ {override}Kế hoạch số 12"})
    out = ["--out", str(project / "out")] if command == "render" else []
    assert main([command, str(project / "record.yaml"), *out]) == 1
    err = capsys.readouterr().err
    assert f"invisible direction character U+{ord(override):04X}" in err


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                                       "\u2060", "\ufeff"])  # fmt: skip
def test_zero_width_characters_are_left_out_with_a_warning(
    project: Path, invisible: str, capsys: pytest.CaptureFixture[str]
) -> None:
    place = f"Hội{invisible} trường Tỉnh{invisible} ủy"
    write_yaml(project / "record.yaml", {**RECORD, "place": place})
    assert main(["render", str(project / "record.yaml"), "--to", "docx", "--out",
                 str(project / "out")]) == 0  # fmt: skip
    assert "place: the text held characters that print as nothing" in capsys.readouterr().err
    text = " ".join(docx_words(project / "out" / "record.tb.docx"))
    assert "Hội trường Tỉnh ủy" in text and invisible not in text


@pytest.mark.parametrize("value", ["\u200f\u200e\u200b", "\ufeff", "\u2060 \u200b"])
def test_a_value_of_invisible_characters_only_is_empty(
    project: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_yaml(project / "record.yaml", {**RECORD, "place": value})
    assert main(["validate", str(project / "record.yaml")]) == 1
    assert "must not be empty" in capsys.readouterr().err


def test_a_speaker_ending_in_a_stop_does_not_break_the_sentence(project: Path) -> None:
    """ "…Chủ tịch. phát biểu…"."""
    speech = {"by": "Đồng chí Trần Minh Sơn, Chủ tịch.", "content": "về công tác dân vận"}
    proposal = {"by": "Hội Nông dân tỉnh.", "content": "tăng kinh phí"}
    record = {**RECORD, "convened_by": "Thường trực Tỉnh ủy.", "discussion": [speech],
              "proposals": [proposal]}  # fmt: skip
    write_yaml(project / "record.yaml", record)
    args = ["render", str(project / "record.yaml"), "--doc", "tb,bc", "--out", str(project / "o")]
    assert main(args) == 0
    for doc in ("tb", "bc"):
        for fmt, read in (("docx", docx_words), ("pdf", pdf_words)):
            text = " ".join(read(project / "o" / f"record.{doc}.{fmt}"))
            assert "Chủ tịch. phát biểu" not in text and "tỉnh. đề xuất" not in text
            assert "Tỉnh ủy. tổ chức" not in text
    bc = " ".join(docx_words(project / "o" / "record.bc.docx"))
    assert "Chủ tịch phát biểu" in bc


def test_sigint_ends_the_workers_at_once(tmp_path: Path) -> None:
    """SIGINT to the run waited for the PDF a worker was writing (19-44 s on a 2,000-record
    digest): the DOCX is written here, then the interrupt comes while the PDF is made."""
    from synthetic import write_records

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    write_records(tmp_path / "records", 150, dt.date(2024, 7, 1), 91)
    args = [sys.executable, "-m", "generator", "digest", str(tmp_path / "records"),
            "--period", "2024-Q3", "--out", str(tmp_path / "out"), "-j", "2"]  # fmt: skip
    interruptible = lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)  # noqa: E731
    run = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env={**os.environ, "GIAOBAN_LANG": "en"},
                           preexec_fn=interruptible)  # fmt: skip
    assert run.stdout is not None
    try:
        for line in run.stdout:
            if "digest.docx" in line:
                break
        assert run.poll() is None, "the PDF was done before the interrupt"
        started = time.monotonic()
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=60) == 130
        assert time.monotonic() - started < 5
    finally:
        run.kill()
        run.wait()
    assert not (tmp_path / "out" / "digest-2024-Q3.pdf").exists()


@pytest.mark.parametrize(
    ("field", "length", "limit"), [("noun", 1_000_000, 100), ("basis", 1_200_000, 3000),
                                   ("title", 50_000, 1000)]
)  # fmt: skip
def test_fields_repeated_through_the_documents_are_bounded(
    project: Path, field: str, length: int, limit: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 1 MB noun took 247 s to render, a 1.2 MB basis 106 s."""
    write_yaml(project / "record.yaml", {**RECORD, field: "hội nghị " * (length // 9)})
    started = time.monotonic()
    assert main(["render", str(project / "record.yaml"), "--out", str(project / "out")]) == 1
    assert time.monotonic() - started < 60
    err = capsys.readouterr().err
    assert f"{field}: " in err and f"at most {limit} here" in err


def test_output_names_that_differ_only_in_case_are_one_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On FAT, exFAT and macOS, "Họp-1.yaml" and "họp-1.yaml" would write the same output."""
    write_yaml(project / "records" / "Họp-1.yaml", RECORD)
    write_yaml(project / "records" / "họp-1.yaml", RECORD)
    assert main(["render", str(project / "records"), "--out", str(project / "out")]) == 1
    err = capsys.readouterr().err
    assert "H-p-1.tb" in err or "h-p-1.tb" in err
    assert not (project / "out").exists()


def test_doctor_says_once_when_the_start_up_cache_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder others may write was re-parsed and rewritten at every run without a word."""
    shared = tmp_path / "giaoban"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["doctor"]) == 4
    out = capsys.readouterr().out
    assert out.count("start-up cache") == 1 and f"{shared} is not yours alone" in out
    shared.chmod(0o700)
    main(["doctor"])
    assert "parsed once and kept" in capsys.readouterr().out


def test_an_empty_period_by_review_says_where_the_meetings_count(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "no meeting … is dated in năm 2025" while the meeting was dated 2025 but counted in
    the period it reviews."""
    for n, day in enumerate(("2025-01-10", "2025-01-20")):
        review = {**RECORD, "id": f"r{n}", "kind": "annual_review", "period": "2024", "date": day}
        write_yaml(project / "records" / f"r{n}.yaml", review)
    args = ["digest", str(project / "records"), "--period", "2025", "--by", "reviewed",
            "--out", str(project / "out")]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "no meeting counts in năm 2025" in err and "r0.yaml, r1.yaml held in it" in err
    assert "count there: năm 2024 (2)" in err and "--by date" in err


def test_orphans_are_looked_for_once_per_run_not_at_every_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing the output folder at every write cost 12 ms a file at 20,000 files."""
    import generator.pipeline.writing as writing

    for n in range(3):
        write_yaml(project / "records" / f"r{n}.yaml", {**RECORD, "id": f"r{n}"})
    out = project / "out"
    out.mkdir()
    orphan = out / f".r0.tb.docx.{2**22 + 12345}.abcdefgh.part"  # a pid no process has
    orphan.write_bytes(b"half")
    listed: list[str] = []
    real = writing.os.scandir
    monkeypatch.setattr(writing.os, "scandir", lambda p: listed.append(str(p)) or real(p))
    args = ["render", str(project / "records"), "--doc", "tb,bc", "--out", str(out), "-q"]
    assert main(args) == 0
    assert listed.count(str(out)) == 1 and not orphan.exists()
    assert len([p for p in out.iterdir() if not p.name.startswith(".")]) == 12


def test_a_long_record_name_still_writes_through_a_short_temporary_name(project: Path) -> None:
    """A 235-character file stem failed with exit 3: its '.part' name passed 255 bytes."""
    stem = "hoi-nghi-" + "x" * 226
    write_yaml(project / f"{stem}.yaml", RECORD)
    out = project / "out"
    assert main(["render", str(project / f"{stem}.yaml"), "--to", "docx", "--out", str(out),
                 "-q"]) == 0  # fmt: skip
    assert (out / f"{stem}.tb.docx").is_file()


def test_a_character_yaml_refuses_is_named_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_line(project, "place", "place: Hội trường\x81 Tỉnh ủy")
    number = len(path.read_text("utf-8").splitlines())
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"record.yaml:{number}:" in err and "U+0081" in err and "indentation" not in err


def test_an_id_too_long_is_told_its_length(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_yaml(project / "record.yaml", {**RECORD, "id": "a" * 101})
    assert main(["validate", str(project / "record.yaml")]) == 1
    assert "the id has 101 characters; at most 100" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [("part_of_day", "CHIỀU", True), ("part_of_day", "Afternoon", True),
     ("part_of_day", "chiều", True), ("part_of_day", "noon", False)],
)  # fmt: skip
def test_a_closed_list_takes_codes_and_words_in_any_case_and_offers_both(
    project: Path, field: str, value: str, accepted: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    write_yaml(project / "record.yaml", {**RECORD, field: value})
    set_language("vi")
    assert main(["validate", str(project / "record.yaml")]) == (0 if accepted else 1)
    if not accepted:
        err = capsys.readouterr().err
        assert "“sáng”, “chiều”, “tối” (hoặc mã tiếng Anh: 'morning'" in err


def test_a_worker_that_dies_is_reported_with_its_document(project: Path) -> None:
    """A worker killed by a signal (a crash in a C library) was a pool's "terminated
    abruptly", or nothing at all: now the document it was writing, exit 70."""
    for n in range(2):
        write_yaml(project / "records" / f"r{n}.yaml", {**RECORD, "id": f"r{n}"})
    script = (
        "import os, signal, sys\n"
        "import generator.pipeline.tasks as tasks\n"
        "def crash(task):\n"
        "    os.kill(os.getpid(), signal.SIGSEGV)\n"
        "tasks.run_task = crash\n"
        "from generator.cli.command import main\n"
        f"sys.exit(main(['render', {str(project / 'records')!r}, '--out',"
        f" {str(project / 'out')!r}, '-j', '2', '-q']))\n"
    )
    environment = {**os.environ, "GIAOBAN_LANG": "en"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=RUN_TIMEOUT, env=environment)  # fmt: skip
    assert done.returncode == 70, done.stderr
    assert "a worker process died while writing r" in done.stderr and ".pdf" in done.stderr


def test_eight_digits_in_a_text_are_no_format(project: Path) -> None:
    """Found by the render-fuzz property: a title ending "… 10000000" was refused as a
    "format of huge width" at render while validate accepted it (an account number, an
    amount in đồng): only a format asks a width."""
    write_yaml(project / "record.yaml", {**RECORD, "title": f"{RECORD['title']} 10000000"})
    outputs = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    assert outputs
    (tmp := project / "t").mkdir()
    (tmp / "t.html.j2").write_text(
        "<p>{{ '%s' % 'số 12345678' }} {{ 'x 12345678' | center(20) }}</p>", "utf-8"
    )
    assert "12345678" in render_template(make_environment([tmp]), "t.html.j2", {})
