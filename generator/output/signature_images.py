"""The images of digital signatures, checked against the format's rule before anything is
signed: a PNG, with a transparent background, of the ink the profile names (the signer's
blue, the seal's red). A wrong image found after signing could only be fixed by signing
again; found here, the file is left as it was."""

from __future__ import annotations

import colorsys
import math
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, Position, Problem
from generator.messages import message, os_reason

if TYPE_CHECKING:
    from PIL.Image import Image

    from generator.model.profiles import Hue

_PNG = b"\x89PNG\r\n\x1a\n"
#: An image larger than this (pixels) is no signature scan: refused before decoding it.
_MAX_PIXELS = 40_000_000
#: Pixels at least this opaque are ink; the hue is averaged over them.
_INK_ALPHA = 128


def _refuse(path: Path, msg_id: str, **values: object) -> InputError:
    return InputError([Problem(Position(path), message(msg_id, **values))])


def load_image(path: Path, colour: str, hue: Hue) -> Image:
    """The image, decoded as RGBA, or an ``InputError`` saying what is wrong with it."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = path.read_bytes()
    except OSError as e:
        raise _refuse(path, "image_unreadable", reason=os_reason(e)) from e
    if not data.startswith(_PNG):
        raise _refuse(path, "image_not_png")
    try:
        with Image.open(path) as opened:
            if opened.width * opened.height > _MAX_PIXELS:
                raise _refuse(path, "image_too_big", width=opened.width, height=opened.height)
            transparent = "A" in opened.getbands() or "transparency" in opened.info
            image = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise _refuse(path, "image_not_png") from e
    if not transparent or not _clear_around(image):
        raise _refuse(path, "image_not_transparent")
    found = ink_hue(image)
    if found is None or not hue.holds(found):
        shown = "-" if found is None else f"{round(found)}°"
        raise _refuse(path, "image_wrong_colour", colour=colour, hue=shown)
    return image


def _clear_around(image: Image) -> bool:
    """A good part of the image is transparent (a round seal leaves a fifth outside its
    circle): a background made transparent, not an opaque (white) square with a clear pixel
    somewhere, which would hide the title and the name it is laid over."""
    small = image.copy()
    small.thumbnail((200, 200))
    alpha = small.getchannel("A").tobytes()
    return sum(1 for a in alpha if a < _INK_ALPHA) >= 0.15 * len(alpha)


#: How colourful the ink must be, on average (0: grey or black, 1: a pure colour): a
#: near-black signature (15, 15, 30) has a blue hue but prints black.
_LEAST_CHROMA = 0.15


def ink_hue(image: Image) -> float | None:
    """The mean hue (degrees) of the image's opaque pixels, each weighed by its chroma
    (black and grey have no colour to speak of, whatever their hue); ``None`` when the ink
    as a whole is not coloured (a black signature with a blue dot)."""
    small = image.copy()
    small.thumbnail((200, 200))
    x = y = 0.0
    inked = 0
    pixels = small.tobytes()
    for at in range(0, len(pixels), 4):
        r, g, b, a = pixels[at : at + 4]
        if a >= _INK_ALPHA:
            inked += 1
            h, _s, _v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
            chroma = (max(r, g, b) - min(r, g, b)) / 255
            x += chroma * math.cos(h * 2 * math.pi)
            y += chroma * math.sin(h * 2 * math.pi)
    if not inked or math.hypot(x, y) / inked < _LEAST_CHROMA:
        return None
    return math.degrees(math.atan2(y, x)) % 360
