"""WeasyPrint's C declarations parsed once per installation, not at every start.

WeasyPrint declares the Pango, HarfBuzz and fontconfig functions it calls with
``cffi.FFI().cdef(…)``, which runs a C parser (pycparser) over 500 lines at
every import, and again over each type a first render names (``ffi.new(…)``):
0.15 s of every process that writes a PDF, a fifth of a cold render. cffi's
own answer is its "out-of-line" mode: the declarations compiled once into
tables that its C core reads directly. Here the tables are made the first time
(with cffi's recompiler, no C compiler needed) and kept in the user's cache;
while WeasyPrint is imported, ``cffi.FFI()`` returns an FFI built from them.

The tables are stored as literals (read with ``ast.literal_eval``, never run),
named after a hash of WeasyPrint's declaring module and cffi's version, and
used only from a folder of the user's own that nobody else may write. cffi's C
core trusts its tables (damaged ones crash the process), so a file is used only
when it is a regular file of a plausible size whose content matches the
checksum written with it and whose literal has the shape the recompiler gives;
on any doubt it is ignored and made again.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
import pwd
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import _cffi_backend
import cffi
import cffi.recompiler

from generator.inputs.loading import read_regular

#: The module of WeasyPrint that declares its C functions, in its package.
DECLARING_MODULE = ("text", "ffi.py")


class _Prepared(_cffi_backend.FFI):
    """An out-of-line FFI: its declarations were parsed when the tables were made."""

    def cdef(self, csource: str, **options: object) -> None:
        """The declarations are the tables' already (the cache is named after them)."""


class _Recording(cffi.FFI):
    """A plain FFI that remembers what it was given, to make the tables from."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def cdef(self, csource: str, override: bool = False, packed: bool = False,
             pack: int | None = None) -> None:  # fmt: skip
        self.sources.append(csource)
        super().cdef(csource, override=override, packed=packed, pack=pack)


#: Largest tables file read (WeasyPrint's are 24 KB): a bigger one is damaged or not ours.
MAX_TABLES_BYTES = 1024 * 1024
#: The first line of a tables file; the checksum of the rest follows it.
_HEADER = b"giaoban-ffi-tables sha256="
#: What cffi's recompiler passes to an out-of-line FFI, and the type of each.
_TABLE_TYPES: dict[str, type] = {
    "_version": int, "_types": bytes, "_globals": tuple, "_struct_unions": tuple,
    "_enums": tuple, "_typenames": tuple, "_includes": tuple,
}  # fmt: skip


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/giaoban``, else ``~/.cache/giaoban``; ``None`` without a home.

    The XDG base-directory specification says a relative ``XDG_CACHE_HOME`` is
    to be ignored; an empty or relative ``HOME`` is no home either (the
    account's own is used), so the cache never lands in the working folder or
    at the root.
    """
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():
        return xdg / "giaoban"
    home = Path(os.environ.get("HOME", ""))
    if not home.is_absolute():
        try:
            home = Path(pwd.getpwuid(os.getuid()).pw_dir)
        except KeyError:
            return None
    return home / ".cache" / "giaoban" if home.is_absolute() and home != Path("/") else None


def _tables_path() -> Path | None:
    # found without importing it: find_spec of a submodule would import WeasyPrint
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return None
    try:
        declaring = Path(spec.origin).parent.joinpath(*DECLARING_MODULE).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(declaring)
    digest.update(cffi.__version__.encode())
    folder = cache_dir()
    return None if folder is None else folder / f"weasyprint-ffi-{digest.hexdigest()[:24]}.txt"


def _trusted(path: Path) -> bool:
    """A file and folder of this user's that no one else may change."""
    return _owned(path.parent) and _owned(path)


def _owned(item: Path) -> bool:
    """This user's, not a link, and no one else may write it."""
    try:
        status = item.lstat()
    except OSError:
        return False
    return (status.st_uid == os.getuid() and not stat.S_ISLNK(status.st_mode)
            and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH))  # fmt: skip


def cache_problem() -> str | None:
    """Why the start-up cache cannot be kept, as a message id (then every run parses
    WeasyPrint's declarations again, 0.15 s): no home folder, or a folder others may
    change or that cannot be written; ``None`` when it can."""
    folder = cache_dir()
    if folder is None:
        return "doctor_cache_no_home"
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        return "doctor_cache_read_only"
    if folder.exists() and not _owned(folder):
        return "doctor_cache_untrusted"
    return None


def _read_tables(path: Path) -> tuple[list[Any], dict[str, Any]] | None:
    """The tables kept at ``path``, if they can be trusted to be whole and ours."""
    if not _trusted(path):
        return None
    content = read_regular(path, MAX_TABLES_BYTES)
    header, _, body = (content or b"").partition(b"\n")
    expected = _HEADER + hashlib.sha256(body).hexdigest().encode()
    if content is None or header != expected:
        return None
    try:
        args, kwargs = ast.literal_eval(body.decode("ascii"))
    except (ValueError, TypeError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
        return None
    if not _shaped(args, kwargs):
        return None
    return list(args), dict(kwargs)


def _shaped(args: object, kwargs: object) -> bool:
    """The constructor's arguments as the recompiler writes them: one module name and
    the known tables, each of its type (the rest is checked by the checksum)."""
    return (
        isinstance(args, list | tuple)
        and len(args) == 1
        and isinstance(args[0], str)
        and isinstance(kwargs, dict)
        and kwargs.keys() <= _TABLE_TYPES.keys()
        and {"_version", "_types"} <= kwargs.keys()
        and all(type(kwargs[key]) is _TABLE_TYPES[key] for key in kwargs)
        and len(kwargs["_types"]) % 4 == 0
    )


def _write_tables(path: Path, sources: list[str]) -> None:
    """cffi's recompiler writes the out-of-line module; its constructor's literal
    arguments are what is kept."""
    builder = cffi.FFI()
    for source in sources:
        builder.cdef(source)
    builder.set_source("_giaoban_weasyprint", None)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
            module = Path(tmp) / "module.py"
            cffi.recompiler.make_py_source(builder, "_giaoban_weasyprint", str(module))
            call = next(node for node in ast.walk(ast.parse(module.read_text(encoding="ascii")))
                        if isinstance(node, ast.Call)
                        and getattr(node.func, "attr", None) == "FFI")  # fmt: skip
            args = [ast.literal_eval(a) for a in call.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
            staged = Path(tmp) / "tables.txt"
            body = repr((args, kwargs)).encode("ascii")
            checksum = hashlib.sha256(body).hexdigest().encode()
            staged.write_bytes(_HEADER + checksum + b"\n" + body)
            staged.chmod(0o600)
            staged.replace(path)
    except (OSError, StopIteration, ValueError, UnicodeError):
        return  # no cache this time (a read-only home): the next start parses again


@contextmanager
def prepared_declarations() -> Iterator[None]:
    """While WeasyPrint is imported: its FFI from the cached tables, or made and cached."""
    path = _tables_path()
    tables = _read_tables(path) if path is not None else None
    original = cffi.FFI
    made: list[_Recording] = []

    def factory() -> Any:
        if tables is not None:
            return _Prepared(*tables[0], **tables[1])
        made.append(_Recording())
        return made[-1]

    cffi.FFI = factory  # type: ignore[misc, assignment]
    try:
        yield
    finally:
        cffi.FFI = original  # type: ignore[misc]
    if path is not None and tables is None and made and made[0].sources:
        _write_tables(path, made[0].sources)
