"""``giaoban doctor``: what this machine will render with, and what is missing.

Checks what silently degrades a document or a run rather than failing it:
a font without Vietnamese letters (WeasyPrint falls back glyph by glyph), a
profile font that is not installed (fontconfig substitutes another), and a
missing HarfBuzz subsetter (every PDF then takes several times longer).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.inputs.locations import builtin_profiles
from generator.messages import message
from generator.model.profiles import Profile, in_force_span, load_profile
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


def _missing_letters(path: str) -> str:
    from fontTools.ttLib import TTFont

    cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap()
    return "".join(sorted(ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap))


def _check_fonts(report: Report, name: str, stack: list[str]) -> None:
    """The font the documents are really drawn in: what fontconfig gives for the profile's
    family (a metric-compatible substitute when it is not installed), and its letters."""
    from generator.output.fonts import font_file, matched_family

    label = message("doctor_fonts", profile=name)
    actual, path = matched_family(stack[0]), font_file(stack[0], bold=False, italic=False)
    if actual is None or path is None:
        report.add(label, message("doctor_no_font", families=", ".join(stack)), ok=False)
        return
    family = actual if actual.casefold() == stack[0].casefold() else f"{stack[0]} → {actual}"
    missing = _missing_letters(path)
    if missing:
        report.add(label, message("doctor_font_gaps", family=family, path=path, letters=missing),
                   ok=False)  # fmt: skip
    else:
        report.add(label, message("doctor_font_ok", family=family, path=path))


def _in_force(profile: Profile) -> str:
    """ "05-HD/VPTW, 27/05/2026 –": which regulation a profile follows, and for which days."""
    rules = profile.in_force
    return f"{rules.regulation}, {in_force_span(rules)}" if rules else profile.description


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
    profiles = {name: (path, load_profile(path)) for name, path in builtin_profiles().items()}
    for name, (_, profile) in profiles.items():
        _check_fonts(report, name, profile.font_stack())
    report.add(message("doctor_profiles"), "; ".join(
        f"{name} ({_in_force(profile)}) {path}" for name, (path, profile) in profiles.items()
    ))  # fmt: skip
    for folder in [*template_dirs, templates_dir()]:
        names = sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*.j2"))
        report.add(message("doctor_templates", folder=folder), ", ".join(names) or "-")
    return report
