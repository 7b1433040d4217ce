"""The DOCX opened in a real word processor (LibreOffice, headless) shows what we meant."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Rendered
from readback import page_number_lines, pdf_words

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def convert(docx: Path, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the test set-up (scripts/install-system-packages.sh)"
    profile = out / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / (docx.stem + ".pdf")


def test_libreoffice_shows_the_same_text_and_page_numbers(
    rendered: Rendered, tmp_path: Path
) -> None:
    as_shown = convert(rendered.files["tb.docx"], tmp_path)
    numbers = page_number_lines(as_shown)
    assert len(numbers) >= 2
    assert numbers[0] is None
    assert numbers[1] == "2"
    assert pdf_words(as_shown) == pdf_words(rendered.files["tb.pdf"])
