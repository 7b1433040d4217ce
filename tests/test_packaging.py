"""A wheel built from the repository carries the templates, profiles and config."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_templates_and_config(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("giaoban-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "generator/_data/templates/documents/tb.html.j2",
        "generator/_data/templates/print.css.j2",
        "generator/_data/config/profiles/hd36.yaml",
        "generator/_data/config/profiles/nd30.yaml",
        "generator/_data/config/documents.yaml",
        "generator/cli/command.py",
        "generator/output/docx/writer.py",
    ):
        assert required in names, required
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "giaoban = generator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
