"""The DOCX writer's output, part by part, pinned by hash.

The writer builds its paragraphs, runs and table cells with lxml rather than
python-docx's property setters (a long digest's DOCX was mostly the cost of
python-docx's object layer). Such a change must not move a byte of what Word
reads: every part of every example document, of the examples' digests and of
a 200-meeting digest is compared with the hashes the previous writer gave
(``tests/data/docx-parts.json``). After an intended change of the DOCX, write
them anew with ``GIAOBAN_UPDATE_DOCX_PARTS=1`` and say why in the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from generator import Renderer, digest, render

from conftest import SETTINGS, write_yaml
from synthetic import write_records

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "records"
PINNED = Path(__file__).resolve().parent / "data" / "docx-parts.json"
UPDATE = os.environ.get("GIAOBAN_UPDATE_DOCX_PARTS") == "1"
PROFILES = ("hd05", "hd36", "nd30")


def parts(path: Path) -> dict[str, str]:
    """Each part of the package by name: the SHA-256 of its bytes."""
    with zipfile.ZipFile(path) as package:
        return {name: hashlib.sha256(package.read(name)).hexdigest()
                for name in sorted(package.namelist())}  # fmt: skip


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every example's tb and bc and the examples' digests of 2023 and 2024 in each
    profile, and the digest of 200 synthetic meetings with 6 tasks each: by name."""
    out = tmp_path_factory.mktemp("docx-identity")
    renderer = Renderer()
    found: dict[str, dict[str, str]] = {}
    for profile in PROFILES:
        folder = out / profile
        outputs = render([EXAMPLES], docs=("tb", "bc"), profile=profile, out=folder,
                         formats=("docx",), renderer=renderer).outputs  # fmt: skip
        for period in ("2023", "2024"):
            outputs += digest([EXAMPLES], period=period, profile=profile, out=folder,
                              formats=("docx",), renderer=renderer).outputs  # fmt: skip
        for output in outputs:
            found[f"{profile}/{output.path.name}"] = parts(output.path)
    long = out / "long"
    write_yaml(long / "giaoban.yaml", SETTINGS)
    write_records(long / "records", 200, dt.date(2024, 7, 1), 91, tasks=6)
    (output,) = digest([long / "records"], period="2024-Q3", out=long / "out",
                       formats=("docx",), renderer=renderer).outputs  # fmt: skip
    found[f"long/{output.path.name}"] = parts(output.path)
    return found


def test_every_docx_part_is_as_pinned(produced: dict[str, dict[str, str]]) -> None:
    if UPDATE:
        PINNED.write_text(json.dumps(produced, indent=1, sort_keys=True) + "\n")
    pinned = json.loads(PINNED.read_text())
    assert sorted(produced) == sorted(pinned)
    assert len(produced) == 3 * (5 * 2 + 2) + 1
    differ = [f"{name}: {part}" for name, found in produced.items()
              for part in sorted(set(found) | set(pinned[name]))
              if found.get(part) != pinned[name].get(part)]  # fmt: skip
    assert differ == [], "parts changed (GIAOBAN_UPDATE_DOCX_PARTS=1 after an intended change)"
