"""Finding WeasyPrint's shared libraries with one ``ldconfig -p`` instead of dozens.

WeasyPrint tries several names per library (Windows, macOS and Linux
spellings); for each miss, ``ctypes.util.find_library`` runs ``ldconfig`` and
then ``gcc``/``ld`` in subprocesses. On Linux that is about 20 processes and a
third of a second at every cold start. While WeasyPrint is imported, names are
looked up in one reading of the linker cache; a name not there is simply not
found, and WeasyPrint goes on to its next spelling (the exact ``.so.N`` names
it also tries are loaded by ``dlopen`` directly, which honours
``LD_LIBRARY_PATH``).
"""

from __future__ import annotations

import ctypes.util
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _cached_finder(listing: str) -> Callable[[str], str | None]:
    def find(name: str) -> str | None:
        match = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(", listing)
        return match.group(1) if match else None

    return find


@contextmanager
def linker_cache_lookup() -> Iterator[None]:
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    if not sys.platform.startswith("linux"):
        yield
        return
    try:
        listing = subprocess.run(
            [ldconfig, "-p"], capture_output=True, text=True, check=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _cached_finder(listing)  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original
