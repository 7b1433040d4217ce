"""One font per face in a PDF joined from parts WeasyPrint laid out separately.

The parts are real WeasyPrint PDFs in the profiles' fonts, with Vietnamese text
that differs per part (so each part embeds another subset of each face), joined
with pikepdf as the parallel layout joins them (``pdf_parts.join``), and read back
with pypdf. What a reader sees must not move: the same text on each page and the
same pixels.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from generator.inputs.locations import builtin_profiles
from generator.model.metadata import Metadata
from generator.model.profiles import load_profile
from generator.output import pdf_parts
from generator.output.fonts import font_file, matched_family
from generator.output.formats import Document
from generator.output.pdf import HTML
from generator.output.pdf_fonts import FontMerge, merge_fonts

pytestmark = pytest.mark.slow  # WeasyPrint layouts and poppler renders

_PARTS = [
    "Ủy ban nhân dân tỉnh Quảng Ngãi họp thường kỳ quý IV; thống nhất kế hoạch đầu tư công.",
    "Đảng ủy xã Nghĩa Hành kết luận: khẩn trương hoàn thành giải phóng mặt bằng trước Tết.",
    "Hội đồng thẩm định đề nghị bổ sung hồ sơ, ưu tiên nguồn vốn cho trường học vùng cao.",
]


def _stack() -> str:
    profile = load_profile(builtin_profiles()["nd30"])
    return ", ".join(f"'{family}'" for family in profile.font_stack())


def _part(
    text: str, family: str = "", head: str = "", variant: str | None = None, form: bool = False
) -> bytes:
    """A two-page part: the text in regular, bold, italic and bold italic, a table, and
    with ``form`` a form field."""
    family = family or _stack()
    css = f"""{head}
    @page {{ size: A4; margin: 20mm 15mm 20mm 30mm;
             @top-center {{ content: counter(page); font-family: {family}; font-size: 13pt }} }}
    body {{ font-family: {family}; font-size: 14pt }}
    td {{ border: 0.5pt solid black; font-size: 12pt }}"""
    body = f"""<p>{text}</p><p><b>{text.upper()}</b></p><p><i>{text[::-1]}</i></p>
    <p><b><i>{text}</i></b></p>
    <table><tr><td>{text[:30]}</td><td><b>{text[30:]}</b></td></tr></table>
    <p style="break-before: page">{text} {text.lower()}</p>"""
    if form:
        body += f"<form><input name='f{sum(map(ord, text))}' value='{text[:12]}'></form>"
    html = f"<html lang=vi><style>{css}</style><body>{body}</body></html>"
    data: bytes = HTML(string=html).write_pdf(pdf_variant=variant, pdf_forms=form)
    return data


@dataclass
class _Joined:
    """Parts joined as ``pdf_parts.join`` joins them, not saved yet."""

    pdf: pikepdf.Pdf = field(default_factory=pikepdf.Pdf.new)
    #: The parts' files: qpdf reads the streams copied from them when it saves.
    sources: list[pikepdf.Pdf] = field(default_factory=list)

    def font(self, page: int, bold: bool = False) -> pikepdf.Dictionary:
        """A Type0 font of a page, regular or bold."""
        fonts = self.pdf.pages[page].obj.Resources.Font
        font = next(fonts[n] for n in sorted(fonts.keys())
                    if ("Bold" in str(fonts[n].BaseFont)) == bold)  # fmt: skip
        assert isinstance(font, pikepdf.Dictionary)
        return font


def _joined(parts: list[bytes]) -> _Joined:
    joined = _Joined()
    for part in parts:
        joined.sources.append(pikepdf.Pdf.open(io.BytesIO(part)))
        joined.pdf.add_pages_from(joined.sources[-1], outlines="ignore")
    return joined


def _saved(pdf: pikepdf.Pdf, path: Path) -> Path:
    pdf.save(path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path


def _faces(path: Path) -> Counter[str]:
    """How many Type0 fonts of each face the file holds, referred to or not."""
    reader = PdfReader(path, strict=True)
    faces: Counter[str] = Counter()
    for idnum in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(idnum)
        except Exception:  # a free entry
            continue
        if isinstance(obj, DictionaryObject) and obj.get("/Subtype") == "/Type0":
            faces[str(obj["/BaseFont"]).split("+", 1)[-1]] += 1
    return faces


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path, strict=True).pages]


def _rasters(path: Path) -> list[bytes]:
    """Each page at 100 dpi, as poppler draws it."""
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(prefix)], check=True)
    pages = sorted(path.parent.glob(f"{prefix.name}-*.png"))
    return [Image.open(page).convert("RGB").tobytes() for page in pages]


def _check_structure(path: Path) -> None:
    PdfReader(path, strict=True).pages  # noqa: B018 -- strict reading raises on a bad xref
    with pikepdf.Pdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []  # what ``qpdf --check`` checks


def _merged(joined: _Joined, tmp_path: Path) -> tuple[Path, Path, FontMerge]:
    before = _saved(joined.pdf, tmp_path / "joined.pdf")
    report = merge_fonts(joined.pdf)
    return before, _saved(joined.pdf, tmp_path / "merged.pdf"), report


def _same_look(before: Path, after: Path) -> None:
    assert _texts(after) == _texts(before)
    assert _rasters(after) == _rasters(before)


@pytest.mark.parametrize("variant", [None, "pdf/a-1b"])
def test_parts_keep_one_font_per_face(tmp_path: Path, variant: str | None) -> None:
    joined = _joined([_part(text, variant=variant) for text in _PARTS])
    before, after, report = _merged(joined, tmp_path)

    assert set(_faces(before).values()) == {3}
    assert len(_faces(before)) == 4  # regular, bold, italic, bold italic
    assert _faces(after) == dict.fromkeys(_faces(before), 1)
    assert report.merged == dict.fromkeys(report.merged, 3) and not report.left_alone
    _same_look(before, after)
    assert after.stat().st_size < 0.7 * before.stat().st_size
    _check_structure(after)


def test_merged_font_holds_every_part_glyph(tmp_path: Path) -> None:
    """The one font left has the union of the parts' outlines, widths and text maps, and
    its CIDSet (PDF/A-1) names exactly the CIDs of its widths."""
    joined = _joined([_part(text, variant="pdf/a-1b") for text in _PARTS])
    before, after, _ = _merged(joined, tmp_path)

    parts, merged = _contents(before), _contents(after)
    assert merged.keys() == parts.keys()
    for face, [(widths, to_unicode, drawn, cid_set)] in merged.items():
        assert widths == {k: v for part in parts[face] for k, v in part[0].items()}
        assert to_unicode == {k: v for part in parts[face] for k, v in part[1].items()}
        assert drawn == set().union(*(part[2] for part in parts[face]))
        assert all(to_unicode[cid].isspace() for cid in widths.keys() - drawn)
        assert cid_set == set(widths)


def _contents(path: Path) -> dict[str, list[tuple[dict, dict, set, set]]]:
    """Each Type0 font of the file, by face: its widths, text map, the CIDs its font
    file has an outline for, and its CIDSet."""
    reader = PdfReader(path)
    out: dict[str, list[tuple[dict, dict, set, set]]] = {}
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            type0 = ref.get_object()
            cid_font = type0["/DescendantFonts"][0].get_object()
            descriptor = cid_font["/FontDescriptor"]
            widths = {}
            w = cid_font["/W"]
            for first, run in zip(w[::2], w[1::2], strict=True):
                widths.update({first + i: width for i, width in enumerate(run)})
            to_unicode = {
                int(cid, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for cid, text in re.findall(rb"<(\w{4})> <(\w*)>", type0["/ToUnicode"].get_data())
            }
            ttfont = TTFont(io.BytesIO(descriptor["/FontFile2"].get_data()))
            order = ttfont.getGlyphOrder()
            drawn = {cid for cid in widths if ttfont["glyf"][order[cid]].numberOfContours}
            bits = descriptor["/CIDSet"].get_data()
            cid_set = {i for i in range(len(bits) * 8) if bits[i // 8] & (0x80 >> i % 8)}
            face = str(type0["/BaseFont"]).split("+", 1)[-1]
            out.setdefault(face, []).append((widths, to_unicode, drawn, cid_set))
    return out


def test_different_families_are_not_merged(tmp_path: Path) -> None:
    parts = [_part(_PARTS[0]), _part(_PARTS[1], family="'DejaVu Serif'"), _part(_PARTS[2])]
    before, after, report = _merged(_joined(parts), tmp_path)

    faces = _faces(after)
    assert {name for name in faces if name.startswith("DejaVu")} == {
        name for name in _faces(before) if name.startswith("DejaVu")
    }
    assert all(count == 1 for count in faces.values())
    assert all(not name.startswith("DejaVu") for name in report.merged)
    assert set(report.merged.values()) == {2}
    _same_look(before, after)


def test_same_name_other_outlines_are_not_merged(tmp_path: Path) -> None:
    """Two font files installed under one family name, with the same metrics: the
    descriptors agree, the outlines do not, so both fonts stay."""
    original = font_file("Tinos", bold=False, italic=False)
    assert original is not None
    changed = TTFont(original)
    glyph = changed["glyf"][changed.getBestCmap()[ord("a")]]
    glyph.coordinates.translate((40, 0))
    changed.save(tmp_path / "changed.ttf")
    face = "@font-face {{ font-family: 'Giao Ban'; src: url('{}') }}"
    parts = [_part(_PARTS[i], "'Giao Ban'", face.format(Path(path).as_uri()))
             for i, path in ((0, original), (1, tmp_path / "changed.ttf"))]  # fmt: skip
    before, after, report = _merged(_joined(parts), tmp_path)

    ours = {name: count for name, count in _faces(before).items() if name.startswith("Giao-Ban")}
    assert "Giao-Ban" in ours and set(ours.values()) == {2}  # bold and italic are synthesized
    assert {name: _faces(after)[name] for name in ours} == ours
    assert not report.merged
    assert ours.keys() == report.left_alone.keys()
    assert all(re.fullmatch(r"glyph \d+ differs", reason) for reason in report.left_alone.values())
    _same_look(before, after)


def test_disagreeing_text_maps_are_not_merged(tmp_path: Path) -> None:
    """A CID one part maps to other text than another part: a copy-paste would change,
    so that face stays as it is."""
    joined = _joined([_part(text) for text in _PARTS[:2]])
    font = joined.font(-1)
    to_unicode = font.ToUnicode
    to_unicode.write(to_unicode.read_bytes().replace(b"<0061>", b"<0062>", 1))
    before, after, report = _merged(joined, tmp_path)

    face = str(font.BaseFont).split("+", 1)[-1]
    assert "ToUnicode differs" in report.left_alone[face]
    assert _faces(after)[face] == 2
    assert _texts(after) == _texts(before)


def test_unreadable_font_is_left_alone(tmp_path: Path) -> None:
    """A font file fontTools cannot read does not fail the document: that face keeps its
    copies, the others are merged."""
    joined = _joined([_part(text) for text in _PARTS[:2]])
    font = joined.font(-1)
    stream = font.DescendantFonts[0].FontDescriptor.FontFile2
    data = stream.read_bytes()
    stream.write(data[: len(data) // 2])  # cut short, as a damaged file would be
    stream.Length1 = len(data) // 2
    report = merge_fonts(joined.pdf)

    face = str(font.BaseFont).split("+", 1)[-1]
    assert "fontTools cannot read" in report.left_alone[face]
    assert report.merged and face not in report.merged
    faces = _faces(_saved(joined.pdf, tmp_path / "merged.pdf"))
    assert faces[face] == 2 and sum(faces.values()) == len(faces) + 1


def test_undecodable_stream_is_left_alone(tmp_path: Path) -> None:
    """A text map qpdf cannot decode (damaged compressed data) leaves its face as it is."""
    joined = _joined([_part(text) for text in _PARTS[:2]])
    font = joined.font(-1, bold=True)
    font.ToUnicode.write(b"x\x9c not Flate data", filter=pikepdf.Name.FlateDecode)
    report = merge_fonts(joined.pdf)

    face = str(font.BaseFont).split("+", 1)[-1]
    assert "cannot decode" in report.left_alone[face]
    assert report.merged and face not in report.merged
    assert _faces(_saved(joined.pdf, tmp_path / "merged.pdf"))[face] == 2


def test_pdf_without_copies_is_unchanged(tmp_path: Path) -> None:
    joined = _joined([_part(_PARTS[0])])
    before, after, report = _merged(joined, tmp_path)

    assert report == FontMerge()
    assert _faces(after) == _faces(before)
    _same_look(before, after)


def test_merging_is_reproducible(tmp_path: Path) -> None:
    """The same parts give the same bytes, whichever run (the joined PDF must not depend on
    the number of workers, nor on the time)."""
    parts = [_part(text) for text in _PARTS]
    outputs = []
    for run in range(2):
        joined = _joined(parts)
        merge_fonts(joined.pdf)
        outputs.append(_saved(joined.pdf, tmp_path / f"run{run}.pdf").read_bytes())
    assert outputs[0] == outputs[1]


def test_component_renumbered_in_one_part_only(tmp_path: Path) -> None:
    """'Ả' is 'A' and a hook above, a glyph near the end of the face: a part that uses
    a character after it (the non-breaking hyphen) keeps the hook at its own id, a part
    that does not gets it renumbered. The two 'Ả' differ in bytes, draw the same, and
    the face is merged."""
    parts = [_part("Ảnh hưởng 2023‑2024 của Ả"), _part("Ảnh hưởng của Ả")]
    face = _regular_face()
    regular = [_contents_of(part, face) for part in parts]
    cid = ord("Ả")  # the composite's id, as both parts have it at the face's own id
    ids = [TTFont(io.BytesIO(data)).getBestCmap()[cid] for data in regular]
    assert ids[0] == ids[1]
    glyphs = [TTFont(io.BytesIO(data))["glyf"].glyphs[ids[0]].data for data in regular]
    assert glyphs[0] != glyphs[1]  # what this test is about
    before, after, report = _merged(_joined(parts), tmp_path)

    assert report.merged.get(face) == 2 and not report.left_alone
    _same_look(before, after)
    _check_structure(after)


def _regular_face() -> str:
    """The name WeasyPrint gives the regular face the profile's family is drawn with."""
    family = matched_family(load_profile(builtin_profiles()["nd30"]).font.family)
    assert family is not None
    return family.replace(" ", "-")


def _contents_of(part: bytes, face: str) -> bytes:
    """The font file of ``face`` in a part."""
    fonts = PdfReader(io.BytesIO(part)).pages[0]["/Resources"]["/Font"]
    type0 = next(f for f in fonts.values() if str(f["/BaseFont"]).endswith("+" + face))
    descriptor = type0["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    data: bytes = descriptor["/FontFile2"].get_data()
    return data


def test_form_fields_use_the_kept_font(tmp_path: Path) -> None:
    """A part with a form field embeds its fonts whole and names them in the form's
    default resources (/DR), which ``add_pages_from`` joins (the parts' fonts under
    names of their own): those follow the one font kept too."""
    before, after, report = _merged(_joined([_part(t, form=True) for t in _PARTS]), tmp_path)

    assert report.merged and not report.left_alone
    assert set(_faces(after).values()) == {1}
    reader = PdfReader(after, strict=True)
    default = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    on_pages = {ref.idnum for page in reader.pages for ref in page["/Resources"]["/Font"].values()}
    assert len(default) > len(on_pages)  # several parts' copies were named there
    assert {ref.idnum for ref in default.values()} == on_pages
    _same_look(before, after)
    _check_structure(after)


def test_parts_joined_by_pdf_parts_keep_one_font_per_face(tmp_path: Path) -> None:
    """The file ``pdf_parts.join`` writes (each page with its number drawn from a layer
    laid out apart, in fonts of its own, as a form XObject) holds one font per face once
    merged, and looks the same. Holds whether or not ``join`` merges the fonts itself:
    ``merge_fonts`` then finds one font per face, and reports nothing merged."""
    parts = [_part(text) for text in _PARTS]
    pages = 2 * len(parts)
    numbers = "<div style='break-before: page'></div>" * pages
    layer = HTML(string=f"<html><style>@page {{ size: A4; @top-center {{ content: counter(page);"
                 f" font-family: {_stack()}; font-size: 13pt }} }}</style><body>{numbers}"
                 "</body></html>").write_pdf()  # fmt: skip
    split = pdf_parts.Split((), ((),) * len(parts), len(parts), _document(), pages)
    numbering = pdf_parts.Numbering(first_page=False, restart_in_appendix=False)
    data = pdf_parts.join(parts, layer, split, numbering, lambda _: pytest.fail("layer too short"))
    before = tmp_path / "joined.pdf"
    before.write_bytes(data)
    with pikepdf.Pdf.open(before) as pdf:
        report = merge_fonts(pdf)
        after = _saved(pdf, tmp_path / "merged.pdf")

    faces = _faces(before)
    assert faces.keys() == _faces(after).keys()
    assert set(_faces(after).values()) == {1}
    assert sum(faces.values()) - len(faces) == sum(report.merged.values()) - len(report.merged)
    assert not report.left_alone
    _same_look(before, after)
    _check_structure(after)


def _document() -> Document:
    meta = Metadata(title="t", author="a", subject="s", created=dt.datetime(2024, 10, 1))
    return Document("<html><body></body></html>", "", None, meta, Path("x.yaml"))
