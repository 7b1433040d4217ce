"""WeasyPrint's C declarations, parsed once and kept in the user's cache: the next
process starts without the C parser, and writes the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RECORD, SETTINGS, write_yaml

pytestmark = pytest.mark.slow

#: Renders a PDF in a fresh process; prints whether the C parser was loaded, then the bytes.
SCRIPT = """
import sys
from pathlib import Path
from generator import render
(out,) = render([Path(sys.argv[1])], formats=("pdf",), out=Path(sys.argv[2]), force=True).outputs
print("pycparser" in sys.modules)
sys.stdout.flush()
sys.stdout.buffer.write(out.path.read_bytes())
"""


def _render(record: Path, out: Path, cache: Path) -> tuple[bool, bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(record), str(out)], env=env,
                          capture_output=True, check=True, timeout=120)  # fmt: skip
    flag, _, pdf = done.stdout.partition(b"\n")
    return flag == b"True", pdf


def _tables(cache: Path) -> list[Path]:
    return sorted((cache / "giaoban").glob("weasyprint-ffi-*.txt"))


def test_the_second_process_skips_the_c_parser_and_writes_the_same_pdf(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    record = write_yaml(tmp_path / "record.yaml", RECORD)
    cache = tmp_path / "cache"
    parsed, first = _render(record, tmp_path / "a", cache)
    assert parsed  # nothing cached yet: WeasyPrint's declarations were parsed
    (tables,) = _tables(cache)
    assert tables.stat().st_mode & 0o777 == 0o600
    assert (cache / "giaoban").stat().st_mode & 0o777 == 0o700
    parsed, second = _render(record, tmp_path / "b", cache)
    assert not parsed
    assert second == first and second.startswith(b"%PDF")


@pytest.mark.parametrize("spoil", ["others may write it", "garbage"])
def test_a_cache_file_that_cannot_be_trusted_is_not_used(tmp_path: Path, spoil: str) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    record = write_yaml(tmp_path / "record.yaml", RECORD)
    cache = tmp_path / "cache"
    _, expected = _render(record, tmp_path / "a", cache)
    (tables,) = _tables(cache)
    if spoil == "garbage":
        tables.write_text("(__import__('os').system('false'), {})", encoding="ascii")
    else:
        tables.chmod(0o666)
    parsed, pdf = _render(record, tmp_path / "b", cache)
    assert parsed and pdf == expected  # parsed again, same document
