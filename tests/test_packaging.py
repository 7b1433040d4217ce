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
        "generator/locale/vi/LC_MESSAGES/giaoban.mo",
        "generator/locale/vi/LC_MESSAGES/click.mo",
        "generator/locale/en/LC_MESSAGES/giaoban.mo",
    ):
        assert required in names, required
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "giaoban = generator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_every_dependency_is_pinned_for_the_readme_install() -> None:
    """Two clerks with the same inputs get the same files: the install pins every library."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {
        re.split(r"==", line)[0].strip().lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=!\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in wanted}
    assert sorted(names - pinned) == []
    assert "-c constraints.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")
