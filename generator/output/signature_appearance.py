"""How each digital signature looks: pyHanko stamp styles built from the profile's rules
(the images at full opacity without a border, which pyHanko's defaults would add; the
texts in an OpenType font with the Vietnamese letters; the signing time in the rule's
offset, not the host's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from generator.caches import cached
from generator.errors import UsageError
from generator.messages import message
from generator.output.fonts import font_file, text_width_pt
from generator.output.signature_layout import MM, Rect, top_right

if TYPE_CHECKING:
    from PIL.Image import Image

    from generator.model.profiles import AttachmentMark, SealImage


#: Line height of the texts shown, in font sizes.
_LEADING = 1.2


#: How pyHanko hands the signing time to a stamp; ours shows it in the profile's offset.
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
#: What an ISO 8601 time is written with.
_TIME_CHARACTERS = "0123456789-+:T"


def iso_time(when: dt.datetime, offset: str) -> str:
    """``2024-09-27T10:15:30+07:00``: the time in the rule's offset, whatever the host's."""
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return when.astimezone(zone).isoformat(timespec="seconds")


def caption_height(rule: SealImage) -> float:
    """The height of the text under the seal (its lines, at the leading used to set them)."""
    return (rule.text.count("\n") + 1) * rule.text_size_pt * _LEADING


def _placed(x: str, y: str, scaling: Any) -> Any:
    """A pyHanko layout rule without margins: the appearance fills its field exactly."""
    from pyhanko.pdf_utils import layout

    return layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment[f"ALIGN_{x}"],
        y_align=layout.AxisAlignment[f"ALIGN_{y}"],
        margins=layout.Margins(0, 0, 0, 0),
        inner_content_scaling=scaling,
    )


def image_style(image: Image) -> Any:
    """The signer's image filling its field: no border, full opacity (pyHanko's stamp
    defaults, a border and 0.6 opacity, would fade the blue)."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    fill = _placed("MID", "MID", layout.InnerScaling.STRETCH_FILL)
    return StaticStampStyle(background=PdfImage(image), border_width=0, background_opacity=1.0,
                            background_layout=fill)  # fmt: skip


@cached
def _thousand_units(path: str, characters: str) -> bytes:
    """The font cut down to ``characters`` (their marks and features kept), with 1000 units
    per em: pyHanko writes glyph widths and kerning in the font's own units, which PDF reads
    as thousandths of an em, so a TrueType font of 2048 units (Liberation Serif, Tinos,
    Times New Roman) would come out spaced twice too wide. Hinting is dropped: its programs
    do not survive the scaling (viewers would draw the glyphs distorted). Cut down first,
    the scaling takes milliseconds instead of seconds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    cutter = subset.Subsetter(options)
    cutter.populate(text=characters)
    cutter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _font_factory(path: str, size: int, characters: str) -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    @dataclass(frozen=True)
    class ScaledFontFactory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            font = BytesIO(_thousand_units(path, characters))
            return GlyphAccumulator(writer=writer, font_handle=font, font_size=self.font_size,
                                    obj_stream=obj_stream)  # fmt: skip

    return ScaledFontFactory(path, font_size=size)


def _text_box_style(font: str, size: float, characters: str) -> Any:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle

    path = font_file(font, False, False)
    if path is None:
        raise UsageError(message("no_font", family=font))
    # pyHanko lays text out in whole points (a fraction breaks its layout).
    return TextBoxStyle(
        font=_font_factory(path, round(size), characters),
        font_size=round(size),
        leading=round(size * _LEADING),
        border_width=0,
        box_layout_rule=_placed("MIN", "MAX", layout.InnerScaling.SHRINK_TO_FIT),
        text_color=(0, 0, 0),
    )


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def seal_style(image: Image, rule: SealImage, font: str, offset: str, size_mm: float,
               organization: str) -> Any:  # fmt: skip
    """The seal at its real size at the top of its field, the organization's name and the
    signing time in small type centred under it (an OpenType font: Vietnamese letters)."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage

    size = round(size_mm * MM)
    text = _escaped(rule.text).format(organization=_escaped(organization), time="%(time)s")
    top = _placed("MID", "MAX", layout.InnerScaling.NO_SCALING)
    under = _placed("MID", "MIN", layout.InnerScaling.SHRINK_TO_FIT)
    seal = PdfImage(image, box=layout.BoxConstraints(size, size))
    return _text_style(font, offset, text, rule.text_size_pt, under, background=seal,
                       background_layout=top, background_opacity=1.0)  # fmt: skip


def attachment_style(page: Rect, rule: AttachmentMark, font: str, offset: str, reference: str,
                     right_margin_mm: float) -> tuple[Any, Rect]:  # fmt: skip
    """No image; the number and symbol and the signing time at the top right of ``page``,
    and the box they take."""
    from pyhanko.pdf_utils import layout

    text = _escaped(rule.text).format(reference=_escaped(reference), time="%(time)s")
    sample = rule.text.format(reference=reference, time="2000-01-01T00:00:00+07:00")
    lines = sample.split("\n")
    width = max(text_width_pt(line, font, rule.size_pt, False, False) for line in lines)
    height = len(lines) * rule.size_pt * _LEADING
    box = top_right(page, right_margin_mm * MM, rule.top_mm * MM, width + 1, height)
    right = _placed("MAX", "MAX", layout.InnerScaling.SHRINK_TO_FIT)
    return _text_style(font, offset, text, rule.size_pt, right), box


def _text_style(font: str, offset: str, text: str, size: float, placed: Any,
                **background: Any) -> Any:  # fmt: skip
    """A stamp of ``text`` (with ``%(time)s``, the signing time), no border, placed so."""
    characters = "".join(sorted(set(text.replace("%(time)s", "") + _TIME_CHARACTERS)))
    return _timed_style()(
        border_width=0,
        stamp_text=text,
        timestamp_format=_TS_FORMAT,
        text_box_style=_text_box_style(font, size, characters),
        inner_content_layout=placed,
        utc_offset=offset,
        **background,
    )


def _timed_style() -> type:
    """pyHanko's text stamp, showing the signing time in the rule's offset (pyHanko's own
    time placeholder uses the host's time zone)."""
    from pyhanko.stamp import TextStamp, TextStampStyle

    @dataclass(frozen=True)
    class TimedStampStyle(TextStampStyle):
        utc_offset: str = "+07:00"

        def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
            when = dt.datetime.strptime(text_params["ts"], _TS_FORMAT)
            params = {**text_params, "time": iso_time(when, self.utc_offset)}
            return TextStamp(writer=writer, style=self, box=box, text_params=params)

    return TimedStampStyle
