"""What the shell offers after an option: document types, formats, profiles (built-in
names and profile files), and the periods the records on the command line cover."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import click

from generator.errors import GiaobanError
from generator.inputs.locations import builtin_profiles, record_files
from generator.output.formats import FORMATS

_DATE = re.compile(r"^date:\s*['\"]?(\d{4})-(\d{2})-(\d{2})", re.MULTILINE)


def _list_items(incomplete: str, choices: Iterable[str]) -> list[str]:
    """Completion of the last item of a comma-separated list ("tb,b" → "tb,bc")."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    taken = set(done.split(",")) if done else set()
    return [prefix + c for c in choices if c.startswith(last) and c not in taken]


def docs(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from generator.model.catalog import document_keys

    return _list_items(incomplete, document_keys("meeting"))


def formats(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    return _list_items(incomplete, FORMATS)


def profiles(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    files = sorted(str(p) for p in Path().glob(f"{incomplete}*") if p.suffix in (".yaml", ".yml")
                   and p.name != "giaoban.yaml")  # fmt: skip
    return [name for name in builtin_profiles() if name.startswith(incomplete)] + files


def periods(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The quarters, halves, nine months and years of the records' dates, latest first."""
    try:
        files = record_files(ctx.params.get("records") or [Path()])
    except GiaobanError:
        return []
    found: set[str] = set()
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for match in _DATE.finditer(text):
            day = dt.date(*map(int, match.groups()))
            quarter = (day.month - 1) // 3 + 1
            found |= {f"{day.year}-Q{quarter}", f"{day.year}-H{1 if day.month <= 6 else 2}",
                      str(day.year)}  # fmt: skip
            if day.month <= 9:
                found.add(f"{day.year}-9M")
    return sorted((p for p in found if p.startswith(incomplete)), reverse=True)


#: Where p11-kit registers the PKCS#11 modules installed on a Linux machine (a token's
#: software, OpenSC, SoftHSM2 put a ``.module`` file there naming their library).
P11_KIT_MODULES = (Path("/usr/share/p11-kit/modules"), Path("/etc/pkcs11/modules"))


def pkcs11_libraries(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The PKCS#11 libraries registered on this machine, then the files matching what is
    typed (a Windows DLL's path, a library elsewhere)."""
    found: list[str] = []
    for folder in P11_KIT_MODULES:
        for module in sorted(folder.glob("*.module")) if folder.is_dir() else []:
            try:
                lines = module.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == "module" and value.strip().startswith(incomplete):
                    found.append(value.strip())
    if not incomplete:
        return found
    typed = Path(incomplete)
    folder, stem = (typed, "") if incomplete.endswith("/") else (typed.parent, typed.name)
    if folder.is_dir():
        found += sorted(str(folder / p.name) if str(folder) != "." else p.name
                        for p in folder.iterdir() if p.name.startswith(stem))  # fmt: skip
    return list(dict.fromkeys(found))
