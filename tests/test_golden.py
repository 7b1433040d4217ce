"""Golden files: the text of each example document as a reader sees it.

A change in wording, order or styling of any example document shows as a
diff of ``tests/data/golden/`` in review. After an intended change, write
them anew with ``make golden`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document

from generator import Renderer, digest, render

from readback import blocks, pdf_pages

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "records"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
UPDATE = os.environ.get("GIAOBAN_UPDATE_GOLDEN") == "1"
PROFILES = ("hd05", "hd36", "nd30")


def docx_text(path: Path) -> str:
    """Each paragraph as ``[style] text``: the words and the component they stand in."""
    doc = Document(str(path))
    lines = [f"[{p.style.name if p.style else ''}] {p.text}" for p in blocks(doc) if p.text]
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    pages = pdf_pages(path)
    return "".join(f"--- page {n} ---\n{text}\n" for n, text in enumerate(pages, 1))


@pytest.fixture(scope="module", params=PROFILES)
def outputs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every example's tb and bc, and the 2023 digest, in one profile: by golden name."""
    profile = request.param
    out = tmp_path_factory.mktemp(f"golden-{profile}")
    renderer = Renderer()
    found = {}
    for output in render([EXAMPLES], docs=("tb", "bc"), profile=profile, out=out,
                         renderer=renderer).outputs:  # fmt: skip
        found[f"{profile}/{output.path.name}"] = output.path
    for output in digest([EXAMPLES], period="2023", profile=profile, out=out,
                         renderer=renderer).outputs:  # fmt: skip
        found[f"{profile}/{output.path.name}"] = output.path
    return found


def test_example_documents_read_as_their_golden_text(outputs: dict[str, Path]) -> None:
    assert len(outputs) == 22  # 5 records × (tb, bc) × (docx, pdf), and the digest's two
    differ = []
    for name, path in sorted(outputs.items()):
        text = docx_text(path) if path.suffix == ".docx" else pdf_text(path)
        golden = GOLDEN / f"{name}.txt"
        if UPDATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        elif not golden.is_file() or golden.read_text(encoding="utf-8") != text:
            differ.append(name)
    assert differ == [], "differ from tests/data/golden (make golden, then review the diff)"
