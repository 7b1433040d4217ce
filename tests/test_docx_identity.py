"""The DOCX writer's output, part by part, pinned by hash.

The writer builds its paragraphs, runs and table cells with lxml rather than
python-docx's property setters (a long digest's DOCX was mostly the cost of
python-docx's object layer). Such a change must not move a byte of what Word
reads: every part of every example document, of the examples' digests, of a
200-meeting digest and of a document that takes every path of the writer
(``EVERY_PATH``: underlines, breaks, an image, short rows, a table in a cell…) is
compared with the hashes the previous writer gave (``tests/data/docx-parts.json``).
After an intended change of the DOCX, write them anew with
``GIAOBAN_UPDATE_DOCX_PARTS=1`` and say why in the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from synthetic import write_records

from generator import Renderer, digest, render
from generator.inputs.locations import builtin_profiles
from generator.model.metadata import Metadata
from generator.model.profiles import load_profile
from generator.output.docx import Writer
from generator.output.formats import Document

from conftest import SETTINGS, write_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "records"
PINNED = Path(__file__).resolve().parent / "data" / "docx-parts.json"
UPDATE = os.environ.get("GIAOBAN_UPDATE_DOCX_PARTS") == "1"
PROFILES = ("hd05", "hd36", "nd30")


#: A pixel, as a data URI: the writer's image path.
PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
         "2mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")  # fmt: skip

#: What no example has: every inline format alone and together, breaks, space at the ends
#: of runs (plain and no-break), an image, a data table with a header row, a short row, an
#: empty cell, a cell of two paragraphs, a table in a cell, rules in and out of cells, the
#: classes that set a paragraph's format, and an appendix that numbers its pages anew.
EVERY_PATH = f"""<html><body>
<table class="doc-header"><tr><td><p class="issuing-body">Ủy ban <b>nhân dân</b></p></td>
<td><p class="national-1">Cộng hòa</p><p class="national-2">Độc lập</p></td></tr></table>
<p class="doc-type keep-with-next">Báo cáo</p><p class="doc-summary">Về <u>việc</u> thử</p>
<p> đầu <b>đậm <i>nghiêng <u>gạch</u></i></b><em> nghiêng</em><u>gạch </u>cuối </p>
<p>dòng một<br>dòng hai <br> <br> cách </p>
<p>ảnh <img src="{PIXEL}" alt="Một điểm ảnh" style="width: 20mm"> sau ảnh</p>
<table class="data"><colgroup><col style="width: 10mm"><col style="width: 30mm"></colgroup>
<thead><tr><th>TT</th><th>Nội dung</th></tr></thead>
<tbody><tr><td>1</td><td><p>đoạn một</p><p class="keep-with-next">đoạn hai</p></td></tr>
<tr><td>2</td></tr><tr><td></td><td><i>chỉ nghiêng</i></td></tr>
<tr><td><table class="data"><tr><td>trong</td><td>ô</td></tr></table></td><td>bên</td></tr>
</tbody></table>
<p class="new-page">Trang mới</p><p class="level-with-recipients">Ngang hàng</p>
<h2>Mục</h2><h3>Tiểu mục</h3><h4>Điểm</h4>
<p class="appendix-title">Phụ lục</p><p>Nội dung phụ lục</p>
</body></html>"""


def parts_of(data: bytes) -> dict[str, str]:
    """Each part of a package by name: the SHA-256 of its bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: hashlib.sha256(package.read(name)).hexdigest()
                for name in sorted(package.namelist())}  # fmt: skip


def parts(path: Path) -> dict[str, str]:
    return parts_of(path.read_bytes())


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
    meta = Metadata("Mọi đường", "Thử", "Thử", dt.datetime(2024, 9, 30, 8, tzinfo=dt.UTC))
    for profile in PROFILES:
        document = Document(EVERY_PATH, "", load_profile(builtin_profiles()[profile]), meta,
                            Path("every-path.html"))  # fmt: skip
        found[f"{profile}/every-path.docx"] = parts_of(Writer().write(document))
    return found


def test_every_docx_part_is_as_pinned(produced: dict[str, dict[str, str]]) -> None:
    if UPDATE:
        PINNED.write_text(json.dumps(produced, indent=1, sort_keys=True) + "\n")
    pinned = json.loads(PINNED.read_text())
    assert sorted(produced) == sorted(pinned)
    assert len(produced) == 3 * (5 * 2 + 2 + 1) + 1
    differ = [f"{name}: {part}" for name, found in produced.items()
              for part in sorted(set(found) | set(pinned[name]))
              if found.get(part) != pinned[name].get(part)]  # fmt: skip
    assert differ == [], "parts changed (GIAOBAN_UPDATE_DOCX_PARTS=1 after an intended change)"
