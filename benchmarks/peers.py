"""The peers users would pick: docxtpl filling a Word template, then LibreOffice converting
it to PDF, either kept running (unoserver, what a batch would use) or started per batch.

``make bench`` installs them: docxtpl and unoserver's client in the project's environment,
and unoserver's server in ``.venv-peers`` (a virtual environment of Debian's Python, which
has LibreOffice's ``uno`` module from python3-uno).
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
UNOSERVER = ROOT / ".venv-peers" / "bin" / "unoserver"

sys.path.insert(0, str(ROOT / "tests"))


def missing() -> str | None:
    """Why the peers cannot run here, or ``None``."""
    try:
        import docxtpl  # noqa: F401
        import unoserver.client  # noqa: F401
    except ImportError:
        return "docxtpl or unoserver is not installed (make bench installs them)"
    if not UNOSERVER.exists():
        return f"{UNOSERVER} is missing (make bench makes it)"
    if not soffice():
        return "LibreOffice is missing (scripts/install-system-packages.sh --with-bench-tools)"
    return None


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def template(path: Path) -> Path:
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
    return path


def fill(template_path: Path, record: Path, out: Path) -> Path:
    """docxtpl's part: read the record, fill the template, save the DOCX."""
    import docxtpl
    import yaml

    from conftest import SETTINGS

    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(data["date"])
    doc = docxtpl.DocxTemplate(template_path)
    doc.render({
        **SETTINGS, **data, **data["results"], "number": 1, "place": SETTINGS["place"],
        "day": day.day, "month": day.month, "year": day.year,
        "chair": data["chairs"][0]["name"], "signer_title": SETTINGS["signer"]["title"],
        "signer_name": SETTINGS["signer"]["name"],
    })  # fmt: skip
    target = out / f"{record.stem}.docx"
    doc.save(target)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def unoservers(count: int, work: Path) -> Iterator[list[Any]]:
    """``count`` LibreOffice instances kept running (unoserver), each with its own profile,
    warmed by one conversion; yields a client for each."""
    from unoserver.client import UnoClient

    with ExitStack() as stack:
        clients = []
        for index in range(count):
            port, uno_port = _free_port(), _free_port()
            profile = work / f"uno-profile-{index}"
            proc = subprocess.Popen(
                [str(UNOSERVER), "--port", str(port), "--uno-port", str(uno_port),
                 "--user-installation", str(profile)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            stack.callback(_stop, proc)
            clients.append(UnoClient(port=str(port)))
        warm = template(work / "warm-up.docx")
        for client in clients:
            _wait(client, warm, work / "warm-up.pdf")
        yield clients


def _wait(client: Any, docx: Path, pdf: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            client.convert(inpath=str(docx), outpath=str(pdf))
            return
        except (ConnectionError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def convert_cold(docx: list[Path], out: Path, profile: Path) -> None:
    """LibreOffice started for this conversion (its profile already made)."""
    subprocess.run(
        [str(soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, docx)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def batch(template_path: Path, records: list[Path], out: Path, ports: list[str]) -> None:
    """The peer's whole batch: fill every record, convert them on the running servers, one
    conversion per server at a time (as many in parallel as servers)."""
    from concurrent.futures import ThreadPoolExecutor

    from unoserver.client import UnoClient

    docx = [fill(template_path, record, out) for record in records]
    clients = [UnoClient(port=port) for port in ports]

    def convert(index: int) -> None:
        client = clients[index % len(clients)]
        for path in docx[index :: len(clients)]:
            client.convert(inpath=str(path), outpath=str(path.with_suffix(".pdf")))

    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(convert, range(len(clients))))


def main() -> None:
    """``peers.py batch|cold TEMPLATE OUT [PORTS|PROFILE] RECORD…``: the peer run as a whole
    command, so that its start-up counts as ours does."""
    mode, template_path, out, extra, *records = sys.argv[1:]
    files = [Path(r) for r in records]
    if mode == "batch":
        batch(Path(template_path), files, Path(out), extra.split(","))
    else:
        docx = [fill(Path(template_path), record, Path(out)) for record in files]
        convert_cold(docx, Path(out), Path(extra))


if __name__ == "__main__":
    main()
