"""``giaoban doctor``: what this machine will render with, and what is missing.

Checks what silently degrades a document or a run rather than failing it:
a font without Vietnamese letters (WeasyPrint falls back glyph by glyph), a
profile font that is not installed (fontconfig substitutes another), and a
missing HarfBuzz subsetter (every PDF then takes several times longer).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.caches import cached
from generator.inputs.locations import builtin_profiles
from generator.messages import message
from generator.model.profiles import load_profile
from generator.resources import package_version, templates_dir
from generator.vietnamese.encodings import VIETNAMESE_LETTERS


@dataclass(frozen=True)
class Finding:
    label: str
    detail: str
    ok: bool = True


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(f.ok for f in self.findings)

    def add(self, label: str, detail: str, ok: bool = True) -> None:
        self.findings.append(Finding(label, detail, ok))


def _version(name: str) -> str:
    return package_version(name) or message("doctor_missing")


@cached
def _installed_families() -> frozenset[str]:
    if shutil.which("fc-list") is None:
        return frozenset()
    listing = subprocess.run(["fc-list", "--format=%{family}\n"], capture_output=True,
                             text=True, check=False).stdout  # fmt: skip
    return frozenset(name.strip().casefold() for line in listing.splitlines()
                     for name in line.split(","))  # fmt: skip


def _font_file(family: str) -> str | None:
    from generator.output.fonts import font_file

    return font_file(family, False, False)


def _missing_letters(path: str) -> str:
    from fontTools.ttLib import TTFont

    cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap()
    return "".join(sorted(ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap))


def _check_fonts(report: Report, name: str, stack: list[str]) -> None:
    label = message("doctor_fonts", profile=name)
    installed = _installed_families()
    chosen = next((family for family in stack if family.casefold() in installed), None)
    if chosen is None:
        detail = message("doctor_no_font", families=", ".join(stack))
        report.add(label, detail, ok=False)
        return
    path = _font_file(chosen)
    missing = _missing_letters(path) if path else ""
    if missing:
        report.add(label, message("doctor_font_gaps", family=chosen, path=path, letters=missing),
                   ok=False)  # fmt: skip
    else:
        report.add(label, message("doctor_font_ok", family=chosen, path=path))


def diagnose(template_dirs: Sequence[Path] = ()) -> Report:
    report = Report()
    versions = ", ".join(f"{n} {_version(n)}" for n in ("giaoban", "weasyprint", "python-docx",
                                                       "jinja2", "pydantic"))  # fmt: skip
    report.add(message("doctor_versions"), f"Python {sys.version.split()[0]}, {versions}")
    from generator.output.pdf import fast_subsetting

    if fast_subsetting():
        report.add(message("doctor_subsetter"), message("doctor_subsetter_ok"))
    else:
        report.add(message("doctor_subsetter"), message("doctor_subsetter_missing"), ok=False)
    if shutil.which("fc-match") is None:
        report.add("fontconfig", message("doctor_no_fc_match"), ok=False)
    profiles = builtin_profiles()
    for name, path in profiles.items():
        _check_fonts(report, name, load_profile(path).font_stack())
    report.add(message("doctor_profiles"), ", ".join(f"{n} ({p})" for n, p in profiles.items()))
    for folder in [*template_dirs, templates_dir()]:
        names = sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*.j2"))
        report.add(message("doctor_templates", folder=folder), ", ".join(names) or "-")
    return report
