"""Archive copies: PDF/A with the document's metadata and every font embedded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from docx import Document
from lxml import etree

from generator import Renderer, UsageError, render


def fonts_of(reader: pypdf.PdfReader) -> list[pypdf.generic.DictionaryObject]:
    found = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources["/Font"].get_object().values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                found.append(descendant.get_object())
    return found


def test_pdf_a_2b_carries_metadata_and_embeds_every_font(project: Path, renderer: Renderer) -> None:
    render([project / "record.yaml"], docs=("tb",), out=project / "out", renderer=renderer,
           pdf_variant="pdf/a-2b")  # fmt: skip
    reader = pypdf.PdfReader(project / "out" / "record.tb.pdf")
    xmp = reader.xmp_metadata
    assert xmp is not None
    packet = etree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    claims = {(d.get(pdfaid + "part"), d.get(pdfaid + "conformance")) for d in packet.iter()}
    assert ("2", "B") in claims
    title = "Thông báo - Hội nghị giao ban khối Mặt trận Tổ quốc"
    assert xmp.dc_title["x-default"].startswith(title)
    assert xmp.dc_creator == ["Tỉnh ủy"]  # the issuing body
    info = reader.metadata
    assert info is not None and info.title.startswith(title) and info.author == "Tỉnh ủy"
    assert info.subject.startswith("Hội nghị giao ban")
    assert info["/CreationDate"] == "D:20250105000000+07'00"  # the notice's registered date
    assert reader.trailer["/Root"]["/Lang"] == "vi"
    assert "/OutputIntents" in reader.trailer["/Root"]
    fonts = fonts_of(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]


def test_docx_core_properties_match(project: Path, renderer: Renderer) -> None:
    render([project / "record.yaml"], formats=("docx",), out=project / "out", renderer=renderer)
    props = Document(str(project / "out" / "record.tb.docx")).core_properties
    assert props.title.startswith("Thông báo - Hội nghị giao ban khối Mặt trận Tổ quốc")
    assert props.author == "Tỉnh ủy" and props.language == "vi"
    assert props.subject.startswith("Hội nghị giao ban")
    assert props.created == dt.datetime(2025, 1, 4, 17, 0, tzinfo=dt.UTC)  # 5/1/2025 00:00 at UTC+7


def test_an_unknown_variant_is_a_usage_error_listing_the_known_ones(project: Path) -> None:
    with pytest.raises(UsageError, match="pdf/a-2b"):
        render([project / "record.yaml"], out=project / "out", pdf_variant="pdf/a-9")
