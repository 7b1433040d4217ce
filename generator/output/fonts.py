"""Text widths from the font files the renderers will really use.

The DOCX has no layout engine, so a rule "as long as the text" must be sized
from font metrics. The font is the one fontconfig picks for the profile's
family (Liberation Serif or Tinos stand in for Times New Roman with the same
advance widths), so the rule matches what Word and LibreOffice draw.
"""

from __future__ import annotations

import shutil
import subprocess

from generator.caches import cached

#: Average advance of a serif glyph in em, used only when no font file is found.
_FALLBACK_EM = 0.5


@cached
def font_file(family: str, bold: bool, italic: bool) -> str | None:
    if shutil.which("fc-match") is None:
        return None
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    result = subprocess.run(
        ["fc-match", "--format=%{file}", pattern],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


@cached
def matched_family(family: str) -> str | None:
    """The family fontconfig draws for ``family``: itself, or its substitute ("Tinos" for
    "Times New Roman" where that is not installed). WeasyPrint asks fontconfig the same."""
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(["fc-match", "--format=%{family[0]}", family], capture_output=True,
                            text=True, check=False)  # fmt: skip
    return result.stdout.strip() or None


@cached
def _advances(path: str) -> tuple[dict[int, int], int, int]:
    from fontTools.ttLib import TTFont  # only when a rule or chart is measured

    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {code: hmtx[name][0] for code, name in cmap.items()}
    return widths, font["head"].unitsPerEm, hmtx[".notdef"][0] if ".notdef" in hmtx.metrics else 0


def text_width_pt(text: str, family: str, size_pt: float, bold: bool, italic: bool) -> float:
    path = font_file(family, bold, italic)
    if path is None:
        return len(text) * size_pt * _FALLBACK_EM
    widths, units, missing = _advances(path)
    total = sum(widths.get(ord(ch), missing) for ch in text)
    return total * size_pt / units
