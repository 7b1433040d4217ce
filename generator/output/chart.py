"""The digest's chart: a bar chart as a PNG, the same image in the PDF and the DOCX.

The document says what to draw (labels, values, title, width, font: plain
data in its context); templates draw it with the ``bar_chart`` filter.

Drawn with matplotlib in the document's own font (the one fontconfig picks for
the profile's family, so Vietnamese labels render), at print resolution, with
no timestamps in the file so the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from typing import Any

from generator.output.fonts import font_file

#: Print resolution of the chart image.
DPI = 200


def bar_chart(
    labels: Sequence[str], values: Sequence[int], title: str, family: str, width_mm: float
) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    path = font_file(family, bold=False, italic=False)
    font = font_manager.FontProperties(fname=path) if path else font_manager.FontProperties()
    width_in = width_mm / 25.4
    figure, axes = plt.subplots(figsize=(width_in, width_in * 0.45), dpi=DPI)
    try:
        positions = range(len(labels))
        bars = axes.bar(positions, values, color="#4d4d4d", width=0.6)
        axes.bar_label(bars, labels=[str(v) for v in values], fontproperties=font, fontsize=11,
                       padding=2)  # fmt: skip
        axes.set_xticks(list(positions), list(labels), fontproperties=font, fontsize=11)
        axes.set_title(title, fontproperties=font, fontsize=12)
        axes.set_ylim(0, max([*values, 1]) * 1.2)
        axes.yaxis.set_visible(False)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(figure)


def bar_chart_uri(chart: Mapping[str, Any]) -> str:
    """The chart of a context's ``chart`` data as a ``data:`` URI for an ``img``."""
    png = bar_chart(chart["labels"], chart["values"], chart["title"], chart["family"],
                    chart["width_mm"])  # fmt: skip
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
