"""The styled base document: the profile's page, one Word style per component, the
page-number header, and nothing else of python-docx's template.

Every component is a real Word style ("GB Issuing Body"), so users restyle a
document in Word as usual; the base is built once per profile and every
document of a run starts from a copy of it.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from generator.model.catalog import vocabulary
from generator.model.components import OUTLINE_LEVELS, RULE
from generator.model.profiles import Profile, Style
from generator.output.docx.oxml import set_child

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

#: Height of the paragraph that carries a rule's border: Word has no empty line box.
RULE_LINE_PT = 1.0


def style_name(component: str) -> str:
    """The Word style of a component, as the Styles gallery shows it ("VB Trích yếu")."""
    return vocabulary().word_styles.name(component)


def set_fonts(rpr: Any, family: str) -> None:
    """Name the font for every script slot, dropping theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


def _apply_style(word_style: ParagraphStyle, style: Style, profile: Profile) -> None:
    font = word_style.font
    font.size = Pt(style.size_pt)
    font.bold = style.bold
    font.italic = style.italic
    font.underline = style.underline
    rpr = word_style.element.get_or_add_rPr()
    set_fonts(rpr, profile.font.family)
    set_child(rpr, "w:szCs", **{"w:val": str(round(style.size_pt * 2))})
    for tag, on in (("w:bCs", style.bold), ("w:iCs", style.italic)):
        set_child(rpr, tag, **{"w:val": "1" if on else "0"})
    if style.upper:  # new text typed in this style is capitals too, as the profile says
        set_child(rpr, "w:caps")
    fmt = word_style.paragraph_format
    fmt.alignment = _ALIGN[style.align]
    fmt.first_line_indent = Mm(style.first_line_indent_cm * 10)
    fmt.space_before = Pt(style.space_before_pt)
    fmt.space_after = Pt(style.space_after_pt)
    # The PDF's line height, in points: "exactly" where the profile fixes the pitch (HD05),
    # else "at least". A multiple ("1.1 lines") would be of the font's own line height, and
    # LibreOffice then lets the last line of a page end inside the bottom margin where the PDF
    # moves it over: the two broke pages on different lines.
    exact = style.line_height_pt is not None
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.AT_LEAST
    fmt.line_spacing = Pt(style.line_pitch_pt(profile.font.single_line_em))
    fmt.keep_with_next = style.keep_with_next
    fmt.page_break_before = style.page_break_before
    fmt.widow_control = True


def _add_page_field(paragraph: Paragraph) -> None:
    """A real PAGE field, which Word and LibreOffice update when they lay out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"),
                       ("end", None)):  # fmt: skip
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def base_document(profile: Profile) -> bytes:
    """An empty document with the profile's page, styles and page-number header."""
    doc = Document()
    styles_root = doc.styles.element
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_fonts(rpr, profile.font.family)
            set_child(rpr, "w:lang", **{"w:val": "vi-VN", "w:eastAsia": "vi-VN", "w:bidi": "ar-SA"})
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    body = profile.components["body"]
    plain = body.model_copy(
        update={"first_line_indent_cm": 0, "space_after_pt": 0, "align": "left"}
    )
    _apply_style(normal, plain, profile)
    for component, style in profile.styles().items():
        word_style = doc.styles.add_style(style_name(component), WD_STYLE_TYPE.PARAGRAPH)
        word_style.base_style = normal
        word_style.quick_style = True
        _apply_style(word_style, style, profile)
        if component in OUTLINE_LEVELS:
            level = str(OUTLINE_LEVELS[component])
            set_child(word_style.element.get_or_add_pPr(), "w:outlineLvl", **{"w:val": level})
    rule = doc.styles.add_style(style_name(RULE), WD_STYLE_TYPE.PARAGRAPH)
    rule.base_style = normal
    rule.font.size = Pt(1)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    rule.paragraph_format.line_spacing = Pt(RULE_LINE_PT)
    rule.paragraph_format.first_line_indent = Pt(0)
    rule.paragraph_format.space_after = Pt(0)

    section = doc.sections[0]
    page = profile.page
    section.page_width = Mm(page.width_mm)
    section.page_height = Mm(page.height_mm)
    section.top_margin = Mm(page.margins_mm.top)
    section.bottom_margin = Mm(page.margins_mm.bottom)
    section.left_margin = Mm(page.margins_mm.left)
    section.right_margin = Mm(page.margins_mm.right)
    section.header_distance = Mm(profile.page_number.offset_mm)
    section.footer_distance = Mm(profile.page_number.offset_mm)
    section.different_first_page_header_footer = not profile.page_number.first_page
    number = section.header.paragraphs[0]
    number.style = doc.styles[style_name("page-number")]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_field(number)
    _prune(doc)
    _declare(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


#: Parts of python-docx's template that our documents do not use: a thumbnail
#: of an empty page (shown as the file's preview), Word 2010's duplicate style
#: sheet, a custom XML item and list numbering.
_UNUSED_PARTS = (
    RT.THUMBNAIL,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.NUMBERING,
)

#: What the file says made it: giaoban, not the Word for Mac that made python-docx's
#: template (nor its page and word counts of an empty page).
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Application>giaoban</Application><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
#: Word's current compatibility mode (Word 2013 and later): no "Compatibility Mode".
_COMPATIBILITY_MODE = "15"


def _declare(doc: DocxDocument) -> None:
    """The document declares itself as what it is: a current Word document in Vietnamese
    written by giaoban, never proof-read, with no stale identity of the template's."""
    settings = doc.settings.element
    for stale in ("w:proofState", "w:rsids", "w:savePreviewPicture"):
        for element in settings.findall(qn(stale)):
            settings.remove(element)
    for element in settings.findall("{http://schemas.microsoft.com/office/word/2010/wordml}docId"):
        settings.remove(element)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), _COMPATIBILITY_MODE)
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.attrib.pop(qn("w:eastAsia"), None)
        language.set(qn("w:val"), "vi-VN")
    # Vietnamese writes 1.234,5: fields that compute numbers read them so.
    set_child(settings, "w:decimalSymbol", **{"w:val": ","})
    set_child(settings, "w:listSeparator", **{"w:val": ";"})
    doc.core_properties.comments = ""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            old = rel.target_part
            del package.rels[rid]
            app = Part(old.partname, old.content_type, _APP_XML, package)
            package.relate_to(app, RT.EXTENDED_PROPERTIES)


def _prune(doc: DocxDocument) -> None:
    """Drop what the template carries but no document of ours uses.

    Every render parses and writes the base again, so its size is paid per
    document: the template's 190 styles, its table of ~370 "latent" built-in
    styles and its extra parts make a plain notice 800 KB; Word and LibreOffice
    need none of them. Kept: the default styles, ours, and what they are based on.
    """
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in _UNUSED_PARTS:
                del rels[rid]
    root = doc.styles.element
    for latent in root.findall(qn("w:latentStyles")):
        root.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    prefix = vocabulary().word_styles.prefix + " "
    wanted = [
        sid
        for sid, s in by_id.items()
        if s.get(qn("w:default")) == "1" or _name(s).startswith(prefix)
    ]
    kept: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        based = by_id[sid].find(qn("w:basedOn"))
        if based is not None:
            wanted.append(based.get(qn("w:val")))
    for sid, element in by_id.items():
        if sid not in kept:
            root.remove(element)
            continue
        for tag in ("w:link", "w:next"):
            ref = element.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in kept:
                element.remove(ref)


def _name(style: Any) -> str:
    name = style.find(qn("w:name"))
    return "" if name is None else str(name.get(qn("w:val"), ""))
