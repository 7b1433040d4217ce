"""WeasyPrint's C declarations, parsed once and kept in the user's cache: the next
process starts without the C parser, and writes the same bytes."""

from __future__ import annotations

import ast
import hashlib
import os
import pwd
import stat
import subprocess
import sys
from collections.abc import Callable
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


def _truncated(tables: Path) -> None:
    """The tables cut short but still a valid literal, the checksum of the whole kept:
    cffi's C core would read past their end (SIGSEGV)."""
    header, _, body = tables.read_bytes().partition(b"\n")
    args, kwargs = ast.literal_eval(body.decode("ascii"))
    kwargs["_types"] = kwargs["_types"][:64]
    kwargs["_globals"] = kwargs["_globals"][:4]
    tables.write_bytes(header + b"\n" + repr((args, kwargs)).encode("ascii"))


def _checksummed(tables: Path, literal: str) -> None:
    """A literal of the wrong shape with a right checksum: the shape check alone refuses it."""
    body = literal.encode("ascii")
    tables.write_bytes(b"giaoban-ffi-tables sha256=" + hashlib.sha256(body).hexdigest().encode()
                       + b"\n" + body)  # fmt: skip


SPOILS: dict[str, Callable[[Path], None]] = {
    "truncated tables": _truncated,
    "no checksum (an older giaoban's file)": lambda t: t.write_bytes(
        t.read_bytes().partition(b"\n")[2]
    ),
    "strings for bytes": lambda t: _checksummed(t, "(['m'], {'_version': 1, '_types': 'abcd'})"),
    "three arguments": lambda t: _checksummed(t, "(['m', 1, 2], {'_version': 1, '_types': b''})"),
    "unknown table": lambda t: _checksummed(t, "(['m'], {'_version': 1, '_types': b'', 'x': 0})"),
    "deep nesting": lambda t: _checksummed(t, "(['m'], " + "[" * 100_000 + "]" * 100_000 + ")"),
    "800 MB": lambda t: os.truncate(t, 800 * 1024 * 1024),
    "a FIFO": lambda t: (t.unlink(), os.mkfifo(t, 0o600)),
}


@pytest.mark.parametrize("spoil", SPOILS)
def test_a_damaged_cache_never_crashes_a_render_and_is_made_again(
    tmp_path: Path, spoil: str
) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    record = write_yaml(tmp_path / "record.yaml", RECORD)
    cache = tmp_path / "cache"
    _, expected = _render(record, tmp_path / "a", cache)
    (tables,) = _tables(cache)
    SPOILS[spoil](tables)
    parsed, pdf = _render(record, tmp_path / "b", cache)  # check=True: exit 0, no signal
    assert parsed and pdf == expected
    assert stat.S_ISREG(tables.lstat().st_mode) and tables.stat().st_size < 1024 * 1024
    parsed, _ = _render(record, tmp_path / "c", cache)
    assert not parsed  # the cache was made again, whole


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/clerk"}, "/home/clerk/.cache/giaoban"),
        ({"XDG_CACHE_HOME": "/var/cache/u"}, "/var/cache/u/giaoban"),
        ({"XDG_CACHE_HOME": "", "HOME": ""}, "account"),
        ({"HOME": "relative"}, "account"),
    ],
)
def test_the_cache_folder_follows_the_xdg_rules(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    """A relative XDG_CACHE_HOME is ignored (the XDG spec), an empty or relative HOME is no
    home: never the working folder, never ``/.cache``."""
    from generator.output.ffi_cache import cache_dir

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if expected == "account":
        expected = str(Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "giaoban")
    assert str(cache_dir()) == expected
