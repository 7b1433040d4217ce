"""Benchmark: warm, batch, cold, digest and unchanged-rerun figures of the performance targets.

Run on demand (never in the test suite): ``make bench``, or
``.venv/bin/python benchmarks/batch.py`` once ``pip install -e '.[bench]'``
is done. It installs nothing: the comparison with docxtpl + LibreOffice is
skipped, with a message, when either is missing.

Every figure is the best of ``--repeat`` runs (the machines are shared and
noisy); whole commands run as subprocesses, the way a clerk runs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator import Renderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
GIAOBAN = str(Path(sys.executable).with_name("giaoban"))


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def tree_memory_mib(pid: int) -> float:
    """Memory of a process and all its descendants now: the sum of their proportional
    set sizes, so pages that forked workers share with their parent count once."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(next(line.split()[1] for line in rollup.splitlines()
                              if line.startswith("Pss:")))  # fmt: skip
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def command(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak memory (sum over the process tree, sampled) of one command."""
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_memory_mib(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()}")
    return wall, peak


def best_command(args: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    runs = [command(args, cwd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def make_records(folder: Path, count: int, start: dt.date, days: int) -> Path:
    from synthetic import write_records

    from conftest import SETTINGS, write_yaml

    write_yaml(folder / "giaoban.yaml", SETTINGS)
    write_records(folder / "records", count, start, days)
    return folder / "records"


def warm_briefing(records: Path, repeat: int) -> dict[str, float]:
    """DOCX + PDF of one briefing in a warm process, and each format alone."""
    from generator import Renderer
    from generator.api import render

    renderer = Renderer()
    files = sorted(records.glob("*.yaml"))
    out = records.parent / "warm"
    render(files[:2], out=out, renderer=renderer, force=True)  # warm up
    figures = {}
    for name, formats in (("both", ("docx", "pdf")), ("docx", ("docx",)), ("pdf", ("pdf",))):
        seconds = best(lambda f=formats: render(files, formats=f, out=out, renderer=renderer,
                                                force=True), repeat)  # fmt: skip
        figures[name] = 1000 * seconds / len(files)
    import pypdf

    pages = [len(pypdf.PdfReader(p).pages) for p in sorted(out.glob("*.pdf"))]
    figures["pages"] = sum(pages) / len(pages)
    figures["floor"] = 1000 * best(lambda: layout_floor(renderer, files), repeat) / len(files)
    return figures


def layout_floor(renderer: Renderer, files: list[Path]) -> None:
    """WeasyPrint alone on the same HTML with a bare stylesheet: what no template can beat."""
    from weasyprint import CSS, HTML

    from generator.api import Options, validate
    from generator.documents.contexts import briefing_context
    from generator.model.profiles import load_profile
    from generator.output.pdf import Writer

    records = validate(files)
    settings = records[0].settings
    named = Options().named(records[0].settings_path, settings)
    profile = load_profile(named.profile)
    pdf = renderer.writer("pdf")
    assert isinstance(pdf, Writer)
    bare = CSS(string="@page { size: A4; margin: 20mm 15mm 20mm 30mm } "
               "body { font-family: 'Liberation Serif'; font-size: 14pt }",
               font_config=pdf.font_config)  # fmt: skip
    for record in records:
        content = briefing_context(record, settings, profile, "tb")
        html = renderer.document("tb", content.context, profile=profile, meta=content.meta,
                                 source=record.path).html  # fmt: skip
        HTML(string=html).render(stylesheets=[bare], font_config=pdf.font_config).write_pdf()


def docxtpl_template(path: Path) -> None:
    """A Word template holding the same content as our notice, in docxtpl's Jinja tags."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    lines = [
        "{{ parent_body }}", "{{ issuing_body }}", "Số {{ number }}-TB/TU",
        "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", "THÔNG BÁO",
        "Kết luận của {{ chair }} tại {{ title }}",
        "Ngày {{ date }}, {{ convened_by }} tổ chức {{ title }}.",
        "{%p for item in general %}", "{{ item }}", "{%p endfor %}",
        "{%p for org in by_organization %}",
        "{{ org.organization }}: {{ org['items']|join('; ') }}",
        "{%p endfor %}",
        "{%p for item in limitations %}", "- {{ item }}", "{%p endfor %}",
        "{%p for item in conclusions %}", "{{ item }}", "{%p endfor %}",
        "{%p for d in directives %}", "- {{ d.content }} ({{ d.assignees|join(', ') }}, "
        "{{ d.deadline }})", "{%p endfor %}",
        "T/M BAN THƯỜNG VỤ", "{{ signer_title }}", "{{ signer_name }}",
    ]  # fmt: skip
    for line in lines:
        doc.add_paragraph(line)
    doc.save(path)


def docxtpl_batch(records: Path, work: Path) -> float | str:
    """docxtpl fills the template for each record, then one LibreOffice batch converts them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import docxtpl
    except ImportError:
        return "skipped: docxtpl is not installed (pip install -e '.[bench]')"
    if soffice is None:
        return (
            "skipped: LibreOffice is not installed (scripts/install-system-packages.sh "
            "--with-test-tools)"
        )
    import yaml

    from conftest import SETTINGS

    template = work / "template.docx"
    docxtpl_template(template)
    out = work / "docxtpl"
    out.mkdir()
    profile_dir = work / "lo-profile"

    def run() -> None:
        for stale in out.iterdir():
            stale.unlink()
        for path in sorted(records.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            day = dt.date.fromisoformat(data["date"])
            doc = docxtpl.DocxTemplate(template)
            doc.render({
                **SETTINGS, **data, **data["results"], "number": 1, "place": SETTINGS["place"],
                "day": day.day, "month": day.month, "year": day.year,
                "chair": data["chairs"][0]["name"], "signer_title": SETTINGS["signer"]["title"],
                "signer_name": SETTINGS["signer"]["name"],
            })  # fmt: skip
            doc.save(out / f"{path.stem}.docx")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), *sorted(map(str, out.glob("*.docx")))],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip

    run()  # LibreOffice's first start creates its profile: not counted
    return best(run, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--digest-size", type=int, default=200)
    args = parser.parse_args()
    repeat = args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        batch = make_records(work / "batch", 20, dt.date(2024, 7, 1), 91)
        warm = warm_briefing(batch, repeat)
        print(f"warm briefing, DOCX + PDF, one process: {warm['both']:.0f} ms each "
              f"(DOCX {warm['docx']:.0f} ms, PDF {warm['pdf']:.0f} ms; "
              f"{warm['pages']:.1f} pages)   target <= 40 ms")  # fmt: skip
        print(f"  WeasyPrint alone, same HTML, bare stylesheet: {warm['floor']:.0f} ms "
              f"(the floor of the PDF part)")  # fmt: skip

        def ours(jobs: int) -> float:
            argv = [GIAOBAN, "render", str(batch), "--out", str(work / "ours"), "--force",
                    "-q", "-j", str(jobs)]  # fmt: skip
            return best_command(argv, work, repeat)[0]

        one, two = ours(1), ours(2)
        print(f"batch of 20, DOCX + PDF, whole command: {one:.2f} s with 1 worker, "
              f"{two:.2f} s with 2")  # fmt: skip
        theirs = docxtpl_batch(batch, work)
        if isinstance(theirs, str):
            print(f"docxtpl + LibreOffice, same 20: {theirs}")
        else:
            print(f"docxtpl + LibreOffice, same 20: {theirs:.2f} s; ratio {one / theirs:.2f} "
                  f"with 1 worker (target <= 0.33), {two / theirs:.2f} with 2 "
                  f"(target <= 0.20)")  # fmt: skip

        single = next(iter(sorted(batch.glob("*.yaml"))))
        argv = [GIAOBAN, "render", str(single), "--out", str(work / "cold"), "--force", "-q"]
        cold, _ = best_command(argv, work, repeat)
        print(f"cold single render, whole command: {cold:.2f} s   target <= 1.0 s")

        size = args.digest_size
        many = make_records(work / "many", size, dt.date(2024, 7, 1), 91)
        argv = [GIAOBAN, "digest", str(many), "--period", "2024-Q3", "--out",
                str(work / "digest"), "--force", "-q"]  # fmt: skip
        wall, peak = best_command(argv, work, max(1, repeat - 1))
        print(f"digest of {size} meetings, DOCX + PDF: {wall:.2f} s, peak {peak:.0f} MiB "
              f"(all processes)   target <= 3 s, <= 300 MiB")  # fmt: skip

        argv = [GIAOBAN, "render", str(many), "--out", str(work / "rerun"), "-q"]
        command(argv, work)
        rerun, _ = best_command(argv, work, repeat)
        print(f"unchanged batch of {size}, run again: {rerun:.2f} s   target <= 0.5 s")
        print(f"({os.cpu_count()} CPUs; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
