"""One embedded font per face in a PDF joined from parts laid out separately.

Each WeasyPrint PDF embeds its own subset of every face it uses, so a document
laid out in N parts and joined holds N copies of each face (same name: WeasyPrint's
"subset tag" is a hash of the font description, not of the glyphs). WeasyPrint
writes a glyph id as the CID (``/Identity-H``, ``/CIDToGIDMap /Identity``) and
subsets with HarfBuzz keeping the face's glyph ids up to the last one used, so
the parts' subsets differ in which glyphs have outlines, in the components of
accented letters HarfBuzz renumbers after that last id, and in their ``/W`` and
``/ToUnicode`` entries. They merge without touching a content stream: one font
file with every part's glyphs at their ids, the union of the widths and text
maps, and every resource dictionary pointed at the one font kept.

Only what is certainly one face is merged: the same name (without the tag), the
same descriptor metrics, TrueType files with the same names, revision and units,
whose glyphs present in several parts are the same bytes, and the same text and
width for every CID two parts map. Anything else (a custom encoding CMap, a CFF
font, a font fontTools cannot read, a disagreement) is left as it is: the
document stays right, only larger.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from pikepdf import Array, Dictionary, Name, Object, Pdf, PdfError, Stream

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

#: A subset font's name starts with a six-letter tag and a plus sign (ISO 32000-1, 9.6.4).
_TAG = re.compile(r"^/?[A-Z]{6}\+")
#: A ToUnicode line WeasyPrint writes: a CID and the UTF-16BE text it stands for.
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>")
#: The FontDescriptor flag WeasyPrint sets when every width of the subset is the same.
_FIXED_PITCH = 1
#: Composite glyph flags (OpenType, glyf table).
_ARGS_ARE_WORDS, _SCALE, _MORE_COMPONENTS, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80
#: The tables a merged subset keeps: those that do not index glyphs by id, and the
#: glyph-indexed ones that are rebuilt (glyf, loca, hmtx, cmap); GDEF and the like go.
_KEPT_TABLES = frozenset(("head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "loca", "glyf",
                          "name", "post", "gasp", "cvt ", "fpgm", "prep"))  # fmt: skip
#: How deep composite glyphs nest at most (OpenType's maxComponentDepth is rarely over 2).
_NESTING = 8

_T = TypeVar("_T")
#: An indirect object's number and generation: what identifies it in the document.
_Ref = tuple[int, int]

_TO_UNICODE_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
"""
_TO_UNICODE_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


class _Unmergeable(Exception):
    """Why a face's copies stay separate (the reason is reported, the document is unharmed)."""


@dataclass
class FontMerge:
    """What ``merge_fonts`` did: the faces now embedded once, and those left as they were."""

    #: Each merged face's name and how many copies became one.
    merged: dict[str, int] = field(default_factory=dict)
    #: Each face that has several copies still, and why.
    left_alone: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Font:
    """A Type0 font of a resource dictionary, with the parts that make it."""

    type0: Dictionary
    cid_font: Dictionary
    descriptor: Dictionary

    @property
    def ref(self) -> _Ref:
        return self.type0.objgen

    @property
    def name(self) -> str:
        return _TAG.sub("", str(self.type0.get("/BaseFont")))

    @property
    def file(self) -> Stream:
        return _stream(self.descriptor, "/FontFile2")


def merge_fonts(pdf: Pdf) -> FontMerge:
    """Leave one font per face in ``pdf`` (parts joined with ``Pdf.add_pages_from``).

    Call it after the parts are joined and before saving: it rewrites the kept
    fonts in place and points every page's, form XObject's, pattern's, appearance
    stream's and the form's (``/DR``) font resources at them. The other copies are
    left referred to by nothing, and qpdf saves only the objects the document refers
    to: they are not written.
    """
    report = FontMerge()
    slots = list(_font_slots(pdf))
    groups: dict[tuple[object, ...], list[_Font]] = {}
    file_users: dict[_Ref, set[_Ref]] = {}  # font file → the fonts that use it
    seen: set[_Ref] = set()
    for fonts, name in slots:
        ref = _ref(fonts[name])
        if ref is None or ref in seen:
            continue
        seen.add(ref)
        font = _font(fonts[name])
        if font is None:
            continue
        for kind in ("/FontFile", "/FontFile2", "/FontFile3"):
            file = _ref(font.descriptor.get(kind))
            if file is not None:
                file_users.setdefault(file, set()).add(ref)
        key = _face(font)
        if key is not None:
            groups.setdefault(key, []).append(font)

    replaced: dict[_Ref, Dictionary] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        try:
            _merge(group, file_users)
        except _Unmergeable as reason:
            report.left_alone[group[0].name] = str(reason)
            continue
        report.merged[group[0].name] = len(group)
        for font in group[1:]:
            replaced[font.ref] = group[0].type0
    for fonts, name in slots:
        ref = _ref(fonts[name])
        if ref in replaced:
            fonts[name] = replaced[ref]
    return report


#: Where a resource dictionary is found: its own object, or its holder's and the key
#: (None for a direct dictionary in a direct holder, reached through one object only).
_Place = tuple[object, ...] | None


def _font_slots(pdf: Pdf) -> Iterator[tuple[Dictionary, str]]:
    """Every (font resource dictionary, resource name) of the document: the pages', and
    those of the form XObjects, tiling patterns, Type3 fonts and annotation appearances
    they use, and the interactive form's default resources (``/DR``)."""
    # First in, first out: the first page's font is the one kept.
    queue: deque[tuple[_Place, Object | None]] = deque()
    for page in pdf.pages:
        queue.append(_inherited(page.obj, "/Resources"))
        annotations = page.obj.get("/Annots")
        for annotation in annotations if isinstance(annotations, Array) else []:
            appearances = annotation.get("/AP") if isinstance(annotation, Dictionary) else None
            for kind in ("/N", "/R", "/D"):
                queue.extend(_appearance_resources(appearances, kind))
    acroform = pdf.Root.get("/AcroForm")
    if isinstance(acroform, Dictionary):
        queue.append(_entry(acroform, "/DR"))
    visited: set[object] = set()
    while queue:
        place, resources = queue.popleft()
        if not isinstance(resources, Dictionary) or place in visited:
            continue
        if place is not None:
            visited.add(place)
        fonts = resources.get("/Font")
        if isinstance(fonts, Dictionary):
            for name in sorted(fonts.keys()):
                yield fonts, name
                queue.append(_entry(fonts[name], "/Resources"))  # a Type3 font's glyph procedures'
        for category in ("/XObject", "/Pattern"):
            children = resources.get(category)
            if isinstance(children, Dictionary):
                queue.extend(
                    _entry(children[name], "/Resources") for name in sorted(children.keys())
                )


def _appearance_resources(
    appearances: Object | None, kind: str
) -> list[tuple[_Place, Object | None]]:
    """The resources of an annotation's appearance: one stream, or one per state."""
    if not isinstance(appearances, Dictionary):
        return []
    appearance = appearances.get(kind)
    if isinstance(appearance, Stream):
        return [_entry(appearance, "/Resources")]
    if isinstance(appearance, Dictionary):
        return [_entry(appearance[state], "/Resources") for state in sorted(appearance.keys())]
    return []


def _entry(holder: object, key: str) -> tuple[_Place, Object | None]:
    """``holder``'s entry ``key`` and where it is."""
    if not isinstance(holder, Dictionary | Stream) or key not in holder:
        return None, None
    value = holder[key]
    own, held = _ref(value), _ref(holder)
    return (own if own is not None else (held, key) if held is not None else None), value


def _inherited(page: Dictionary, key: str) -> tuple[_Place, Object | None]:
    """A page's entry ``key``, or the nearest of its ancestors' in the page tree."""
    node: object = page
    parents: set[_Ref | None] = set()
    while isinstance(node, Dictionary) and _ref(node) not in parents:
        if key in node:
            return _entry(node, key)
        parents.add(_ref(node))
        node = node.get("/Parent")
    return None, None


def _ref(obj: object) -> _Ref | None:
    """An indirect object's number and generation (None for a direct object)."""
    if isinstance(obj, Object) and obj.is_indirect:
        return obj.objgen
    return None


def _stream(owner: Dictionary, key: str) -> Stream:
    stream = owner.get(key)
    if not isinstance(stream, Stream):
        raise _Unmergeable(f"{key} is not a stream")
    return stream


def _read(stream: Stream) -> bytes:
    """A stream's data decoded (qpdf decodes every standard lossless filter)."""
    try:
        return stream.read_bytes()
    except PdfError as error:
        raise _Unmergeable(f"qpdf cannot decode a stream: {error}") from error


def _write(stream: Stream, data: bytes) -> None:
    """Give ``stream`` new data, Flate-encoded here (``Stream.write`` stores what it is
    given: ``filter`` names the encoding the data already has), so that the font is
    compressed however the document is saved."""
    stream.write(zlib.compress(data), filter=Name.FlateDecode)


def _array(obj: object) -> Array:
    if not isinstance(obj, Array):
        raise _Unmergeable(f"{obj!r} is not an array")
    return obj


def _dictionary(obj: object) -> Dictionary:
    if not isinstance(obj, Dictionary):
        raise _Unmergeable(f"{obj!r} is not a dictionary")
    return obj


def _float(obj: object) -> float:
    if isinstance(obj, bool) or not isinstance(obj, int | float | Decimal):
        raise _Unmergeable(f"{obj!r} is not a number")
    return float(obj)


def _font(entry: Object) -> _Font | None:
    if not isinstance(entry, Dictionary) or entry.get("/Subtype") != "/Type0":
        return None
    descendants = entry.get("/DescendantFonts")
    if not isinstance(descendants, Array) or len(descendants) != 1:
        return None
    cid_font = descendants[0]
    if not isinstance(cid_font, Dictionary):
        return None
    descriptor = cid_font.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary):
        return None
    return _Font(entry, cid_font, descriptor)


def _face(font: _Font) -> tuple[object, ...] | None:
    """What must be equal for two fonts to be one face; None for a font not merged at all.

    A custom encoding CMap (WeasyPrint's, for glyphs the face lacks) maps codes to
    other glyphs, and a CFF font has no glyf table to merge: both are left alone.
    """
    type0, cid_font, descriptor = font.type0, font.cid_font, font.descriptor
    if (
        type0.get("/Encoding") != "/Identity-H"
        or cid_font.get("/Subtype") != "/CIDFontType2"
        or cid_font.get("/CIDToGIDMap") != "/Identity"
        or "/ToUnicode" not in type0
        or not isinstance(descriptor.get("/FontFile2"), Stream)  # a stream: an indirect object
    ):
        return None
    try:
        system = _dictionary(cid_font.get("/CIDSystemInfo"))
        return (
            font.name,
            _TAG.sub("", str(cid_font.get("/BaseFont"))),
            str(system.get("/Registry")),
            str(system.get("/Ordering")),
            _float(system.get("/Supplement")),
            str(descriptor.get("/FontFamily", "")),
            int(_float(descriptor.get("/Flags"))) & ~_FIXED_PITCH,
            _float(descriptor.get("/ItalicAngle")),
            _float(descriptor.get("/Ascent")),
            _float(descriptor.get("/Descent")),
            _float(descriptor.get("/CapHeight", 0)),
            _float(descriptor.get("/StemV", 0)),
            "/CIDSet" in descriptor,
        )
    except _Unmergeable:
        return None


def _merge(fonts: list[_Font], file_users: dict[_Ref, set[_Ref]]) -> None:
    """Make ``fonts[0]`` hold every glyph, width and text of ``fonts``; change nothing if
    they cannot be one face (_Unmergeable)."""
    maps = [_to_unicode(font) for font in fonts]
    widths_of = [_widths(font) for font in fonts]
    to_unicode = _union(maps, "ToUnicode")
    widths = _union(widths_of, "/W")
    members = {font.ref for font in fonts}
    files: dict[_Ref, tuple[Stream, int]] = {}
    for font, mapping, font_widths in zip(fonts, maps, widths_of, strict=True):
        ref = font.file.objgen
        if not file_users.get(ref, set()) <= members:
            raise _Unmergeable("its font file is shared with a font that is not merged")
        last = max([*mapping, *font_widths, files.get(ref, (None, 0))[1]])
        files[ref] = (font.file, last)
    kept = fonts[0]
    boxes = [[_float(v) for v in _array(font.descriptor.get("/FontBBox"))] for font in fonts]
    box = [min(b[0] for b in boxes), min(b[1] for b in boxes),
           max(b[2] for b in boxes), max(b[3] for b in boxes)]  # fmt: skip
    flags = int(_float(kept.descriptor.get("/Flags"))) & ~_FIXED_PITCH
    if len(widths) > 1 and len(set(widths.values())) == 1:
        flags |= _FIXED_PITCH
    to_unicode_stream = _stream(kept.type0, "/ToUnicode")
    cid_set = _stream(kept.descriptor, "/CIDSet") if "/CIDSet" in kept.descriptor else None
    font_file = None
    if len(files) > 1:
        font_file = _merge_font_files([(_read(file), last) for file, last in files.values()])
    # Nothing above changed the document unless all of it could be done.
    if font_file is not None:
        _write(kept.file, font_file)
        kept.descriptor.FontFile2.Length1 = len(font_file)
    _write(to_unicode_stream, _to_unicode_cmap(to_unicode))
    kept.cid_font.W = _w_array(widths)
    kept.descriptor.FontBBox = Array([_number(v) for v in box])
    kept.descriptor.Flags = flags
    if cid_set is not None:
        _write(cid_set, _cid_set(widths))


def _union(maps: list[dict[int, _T]], what: str) -> dict[int, _T]:
    merged: dict[int, _T] = {}
    for mapping in maps:
        for cid, value in mapping.items():
            if merged.setdefault(cid, value) != value:
                raise _Unmergeable(f"{what} differs for CID {cid}")
    return dict(sorted(merged.items()))


def _to_unicode(font: _Font) -> dict[int, str]:
    """The CID → text map of WeasyPrint's ToUnicode CMap (bfchar entries only)."""
    data = _read(_stream(font.type0, "/ToUnicode"))
    if b"beginbfrange" in data:
        raise _Unmergeable("ToUnicode has ranges")
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        entries = _BFCHAR.findall(block)
        if len(entries) != block.count(b"<") // 2:
            raise _Unmergeable("ToUnicode entry not understood")
        for cid, text in entries:
            try:
                mapping[int(cid, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
            except ValueError as error:
                raise _Unmergeable(f"ToUnicode entry not understood: {error}") from error
    return mapping


def _widths(font: _Font) -> dict[int, float]:
    """The CID → width map of a /W array (both of its forms)."""
    items = _array(font.cid_font.get("/W"))
    widths: dict[int, float] = {}
    index = 0
    try:
        while index < len(items):
            first = int(_float(items[index]))
            following = items[index + 1]
            if isinstance(following, Array):
                for offset, width in enumerate(following):
                    widths[first + offset] = _float(width)
                index += 2
            else:
                for cid in range(first, int(_float(following)) + 1):
                    widths[cid] = _float(items[index + 2])
                index += 3
    except IndexError as error:
        raise _Unmergeable("/W ends early") from error
    return widths


def _merge_font_files(parts: list[tuple[bytes, int]]) -> bytes:
    """One TrueType font with every glyph that has an outline in one of ``parts``, each a
    subset and the last glyph id its PDF font uses.

    HarfBuzz subsets twice (``weasyprint/pdf/fonts.py``): keeping the glyph ids, then
    keeping ids 0 to the last one used, so up to that id a subset's ids are the face's
    own, and the glyphs after it are components of accented letters, renumbered (their
    own ids lost). The merged font keeps ids 0 to the highest last id of all parts, with
    every part's outlines at their ids, and after them the parts' components (one copy
    of each), with the composite glyphs' component ids rewritten to where they now are.
    No outline is recompiled: each draws exactly as it did in its part. A glyph two
    parts have must be the same, else they are not one face.
    """
    from fontTools.ttLib import TTFont  # only when a document has parts
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    try:
        fonts = [TTFont(io.BytesIO(d), recalcBBoxes=False, recalcTimestamp=False) for d, _ in parts]
        for font in fonts:
            if "glyf" not in font or "loca" not in font or "CFF " in font:
                raise _Unmergeable("not a TrueType font with glyf outlines")
            _same_font(fonts[0], font)
        top = max(last for _, last in parts)
        merged = _Glyphs(top)
        cmaps: dict[tuple[int, int, int], dict[int, int]] = {}
        for font, (_, last) in zip(fonts, parts, strict=True):
            ids = merged.add(font, last)
            for table in font["cmap"].tables:
                codes = cmaps.setdefault((table.platformID, table.platEncID, table.format), {})
                for code, name in table.cmap.items():
                    # A character that is also a component (a combining mark) may be one
                    # part's renumbered glyph and another's own: the face's own id wins.
                    glyph = ids[font.getGlyphID(name)]
                    codes[code] = min(codes.get(code, glyph), glyph)
        merged.check()
        base = fonts[0]
        names = [".notdef", *(f"glyph{gid:05d}" for gid in range(1, len(merged.outlines)))]
        for tag in list(base.keys()):
            if tag not in _KEPT_TABLES and tag != "GlyphOrder":
                del base[tag]
        base.setGlyphOrder(names)
        glyf = base["glyf"]
        glyf.glyphOrder = names
        glyf.glyphs = {name: Glyph(data) for name, data in zip(names, merged.outlines, strict=True)}
        base["hmtx"].metrics = dict(zip(names, merged.metrics, strict=True))
        base["post"].formatType = 3.0  # no glyph names: the ids are all a PDF uses
        for table in base["cmap"].tables:
            codes = cmaps.get((table.platformID, table.platEncID, table.format), {})
            table.cmap = {code: names[gid] for code, gid in sorted(codes.items())}
        _merge_bounds(base, fonts[1:])
        out = io.BytesIO()
        base.save(out)
    except _Unmergeable:
        raise
    except Exception as error:  # A damaged font must not fail the document, and fontTools
        # raises many kinds (struct.error, AssertionError, KeyError…) on bad data.
        raise _Unmergeable(f"fontTools cannot read or write the font: {error!r}") from error
    return out.getvalue()


class _Glyphs:
    """The merged font's outlines and metrics by glyph id, filled part by part."""

    def __init__(self, top: int) -> None:
        self.outlines: list[bytes] = [b""] * (top + 1)
        self.metrics: list[tuple[int, int]] = [(0, 0)] * (top + 1)
        self._components: dict[bytes, int] = {}  # a renumbered component's bytes → its id
        self._to_compare: list[tuple[int, bytes, bytes]] = []

    def add(self, font: TTFont, last: int) -> dict[int, int]:
        """Add a part's glyphs; return its glyph ids → the merged font's."""
        order = font.getGlyphOrder()
        if last >= len(order):
            raise _Unmergeable("the font has fewer glyphs than its PDF font uses")
        glyphs, hmtx = font["glyf"].glyphs, font["hmtx"].metrics
        ids = {gid: gid for gid in range(last + 1)}
        pending = list(range(last + 1, len(order)))
        while pending:  # components of components first
            ready = [t for t in pending if set(_components(_data(glyphs[order[t]]))) <= ids.keys()]
            if not ready:
                raise _Unmergeable("composite glyphs refer to each other")
            for gid in ready:
                data = _remapped(_data(glyphs[order[gid]]), ids)
                key = data.rstrip(b"\0")
                if key not in self._components:
                    self._components[key] = len(self.outlines)
                    self.outlines.append(data)
                    self.metrics.append(tuple(hmtx[order[gid]]))
                ids[gid] = self._components[key]
            pending = [t for t in pending if t not in ids]
        for gid in range(last + 1):
            data = _remapped(_data(glyphs[order[gid]]), ids)
            metrics = tuple(hmtx[order[gid]])
            present = self.outlines[gid]
            if data and present and present.rstrip(b"\0") != data.rstrip(b"\0"):
                self._to_compare.append((gid, present, data))
            if data and not present:
                self.outlines[gid], self.metrics[gid] = data, metrics
            elif not present and metrics[0] > self.metrics[gid][0]:
                self.metrics[gid] = metrics  # an empty glyph's advance (a space's)
        return ids

    def check(self) -> None:
        """Every glyph two parts have draws the same: the same bytes, or composites of
        the same components (one part may have a component at its own id, another
        renumbered, when only the first used a glyph with that id or a higher one)."""
        for gid, present, data in self._to_compare:
            if not self._same(present, data, _NESTING):
                raise _Unmergeable(f"glyph {gid} differs")

    def _same(self, first: bytes, second: bytes, depth: int) -> bool:
        first, second = first.rstrip(b"\0"), second.rstrip(b"\0")
        if first == second:
            return True
        offsets = list(_component_offsets(first))
        if depth == 0 or not offsets or len(first) != len(second):
            return False
        if offsets != list(_component_offsets(second)):
            return False
        unmasked = bytearray(first), bytearray(second)
        for offset in offsets:
            for data in unmasked:
                data[offset : offset + 2] = b"\0\0"
        if unmasked[0] != unmasked[1]:
            return False
        return all(
            self._same(self.outlines[a], self.outlines[b], depth - 1)
            for a, b in zip(_components(first), _components(second), strict=True)
        )


def _same_font(base: TTFont, other: TTFont) -> None:
    """The font-wide identity a subset keeps: names, revision, units, creation date."""
    for tag, attr in (("head", "unitsPerEm"), ("head", "fontRevision"), ("head", "created")):
        if getattr(base[tag], attr) != getattr(other[tag], attr):
            raise _Unmergeable(f"{tag}.{attr} differs")
    for name_id in (1, 2, 4, 5, 6):  # family, style, full name, version, PostScript name
        if base["name"].getDebugName(name_id) != other["name"].getDebugName(name_id):
            raise _Unmergeable(f"name {name_id} differs")


def _data(glyph: object) -> bytes:
    """A glyph's bytes as the part has them (b"" for an empty glyph)."""
    data = getattr(glyph, "data", None)
    if data is None:
        if getattr(glyph, "numberOfContours", 0) == 0:
            return b""
        raise _Unmergeable("glyph already decompiled")
    return bytes(data)


def _components(data: bytes) -> Iterator[int]:
    """The glyph ids a composite glyph's data refers to (none for a simple glyph)."""
    for offset in _component_offsets(data):
        yield int.from_bytes(data[offset : offset + 2], "big")


def _remapped(data: bytes, ids: dict[int, int]) -> bytes:
    """``data`` with each component's glyph id replaced by ``ids``' (OpenType glyf table:
    a composite's flags, glyph id, arguments and transform, repeated)."""
    offsets = list(_component_offsets(data))
    if not offsets:
        return data
    out = bytearray(data)
    for offset in offsets:
        gid = int.from_bytes(data[offset : offset + 2], "big")
        out[offset : offset + 2] = ids[gid].to_bytes(2, "big")
    return bytes(out)


def _component_offsets(data: bytes) -> Iterator[int]:
    if len(data) < 10 or int.from_bytes(data[0:2], "big", signed=True) >= 0:
        return
    offset = 10
    while True:
        if offset + 4 > len(data):
            raise _Unmergeable("a composite glyph ends early")
        flags = int.from_bytes(data[offset : offset + 2], "big")
        yield offset + 2
        offset += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        offset += (
            2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        )
        if not flags & _MORE_COMPONENTS:
            return


def _merge_bounds(base: TTFont, others: list[TTFont]) -> None:
    """The font-wide bounds and maxima over every part (no outline is recompiled, so
    fontTools does not recalculate them)."""
    fonts = [base, *others]
    head, hhea, maxp = base["head"], base["hhea"], base["maxp"]
    for attr in ("xMin", "yMin"):
        setattr(head, attr, min(getattr(f["head"], attr) for f in fonts))
    for attr in ("xMax", "yMax"):
        setattr(head, attr, max(getattr(f["head"], attr) for f in fonts))
    for attr in ("advanceWidthMax", "xMaxExtent"):
        setattr(hhea, attr, max(getattr(f["hhea"], attr) for f in fonts))
    for attr in ("minLeftSideBearing", "minRightSideBearing"):
        setattr(hhea, attr, min(getattr(f["hhea"], attr) for f in fonts))
    for attr in list(vars(maxp)):
        if attr.startswith("max"):
            setattr(maxp, attr, max(getattr(f["maxp"], attr, 0) for f in fonts))


def _to_unicode_cmap(mapping: dict[int, str]) -> bytes:
    """The ToUnicode CMap as WeasyPrint writes it (bfchar blocks of at most 100)."""
    lines = [_TO_UNICODE_HEAD]
    items = list(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar\n".encode())
        for cid, text in batch:
            lines.append(f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>\n".encode())
        lines.append(b"endbfchar\n")
    lines.append(_TO_UNICODE_TAIL)
    return b"".join(lines)


def _w_array(widths: dict[int, float]) -> Array:
    """``[first [w w …] first [w …]]`` over runs of consecutive CIDs, as WeasyPrint writes."""
    runs: list[tuple[int, list[int | float]]] = []
    previous = -2
    for cid, width in widths.items():
        if cid != previous + 1:
            runs.append((cid, []))
        runs[-1][1].append(_number(width))
        previous = cid
    return Array([item for first, run in runs for item in (first, Array(run))])


def _cid_set(widths: dict[int, float]) -> bytes:
    """The CIDSet stream (PDF/A-1): one bit per CID present, first CID the high bit."""
    size = math.ceil((max(widths) + 1) / 8) if widths else 0
    bits = bytearray(size)
    for cid in widths:
        bits[cid // 8] |= 0x80 >> (cid % 8)
    return bytes(bits)


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value
