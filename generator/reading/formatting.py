"""Effective formatting: the properties Word shows for a paragraph and its runs.

Word stores formatting in layers and python-docx returns ``None`` for whatever a
layer leaves to the one below; no Python library resolves the layers, so this
module does, as ECMA-376 §17.7.2 orders them: the document defaults, then the
table's style, then the paragraph's list level (paragraph properties only), then
the paragraph style and the styles it is based on, then the character style and
its bases, then the direct formatting of the paragraph or run.

Attributes merge one by one (a style may set only the space before a paragraph and
inherit the space after). Bold, italic, caps and the other toggle properties
(§17.7.3) toggle when a style sets them, so a bold paragraph style under a bold
character style gives upright text, and are absolute only in direct formatting.
Theme fonts ("+Body") come from the theme part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    """The clark name of a WordprocessingML tag: ``w("p")``."""
    return f"{{{W}}}{tag}"


#: Run properties that toggle when a style sets them (§17.7.3).
TOGGLES = frozenset({"b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
                     "outline", "shadow", "emboss", "imprint", "vanish"})  # fmt: skip
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
#: ``w:val`` of an on/off property that turn it off (absent means on).
_OFF = frozenset({"0", "false", "off", "none"})

#: Properties: element local name → its attributes by local name.
Props = dict[str, dict[str, str]]


def _props(element: etree._Element | None) -> Props:
    """A ``w:rPr`` or ``w:pPr`` as plain data (its change-tracking record left out)."""
    found: Props = {}
    if element is None:
        return found
    for child in element:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
            continue
        name = etree.QName(child).localname
        if name in ("rPrChange", "pPrChange", "sectPr", "rPr"):
            continue
        # An element without attributes is an on/off property switched on (<w:b/>).
        attrs = {etree.QName(k).localname: str(v) for k, v in child.attrib.items()}
        found[name] = attrs or {"val": "1"}
        if name == "numPr":  # its ids are child elements: kept as attributes
            for part in ("numId", "ilvl"):
                value = child.find(w(part))
                if value is not None:
                    found[name][part] = value.get(w("val"), "")
        if name == "pBdr":
            for edge in child:
                if isinstance(edge.tag, str):
                    found[f"pBdr.{etree.QName(edge).localname}"] = {
                        etree.QName(k).localname: str(v) for k, v in edge.attrib.items()
                    }
    return found


def is_on(attrs: dict[str, str] | None) -> bool:
    """Whether an on/off property is on (``<w:b/>``, ``<w:b w:val="1"/>``)."""
    return attrs is not None and attrs.get("val", "1").lower() not in _OFF


def _merge(into: Props, layer: Props) -> None:
    for name, attrs in layer.items():
        if name == "rFonts":
            fonts = dict(into.get("rFonts", {}))
            for slot in _FONT_SLOTS:
                theme = "cstheme" if slot == "cs" else f"{slot}Theme"
                if slot in attrs or theme in attrs:  # a slot named here replaces both forms
                    fonts.pop(slot, None)
                    fonts.pop(theme, None)
            fonts.update(attrs)
            into["rFonts"] = fonts
        else:
            inherited = dict(into.get(name, {}))
            for attr in attrs:
                for other in _EXCLUSIVE.get((name, attr), ()):
                    inherited.pop(other, None)
            into[name] = {**inherited, **attrs}


#: Attributes a layer replaces together: a first-line indent set by a style ends the
#: hanging indent it inherits, a space in points ends one in lines or "auto".
_EXCLUSIVE: dict[tuple[str, str], tuple[str, ...]] = {
    ("ind", "firstLine"): ("hanging", "hangingChars", "firstLineChars"),
    ("ind", "firstLineChars"): ("hanging", "hangingChars"),
    ("ind", "hanging"): ("firstLine", "firstLineChars", "hangingChars"),
    ("ind", "hangingChars"): ("firstLine", "firstLineChars"),
    ("ind", "left"): ("start", "leftChars", "startChars"),
    ("ind", "start"): ("left", "leftChars", "startChars"),
    ("spacing", "before"): ("beforeLines", "beforeAutospacing"),
    ("spacing", "after"): ("afterLines", "afterAutospacing"),
    ("spacing", "beforeLines"): ("beforeAutospacing",),
    ("spacing", "afterLines"): ("afterAutospacing",),
}


@dataclass(frozen=True)
class RunFormat:
    """What a run looks like: the values Word shows, every layer applied."""

    font: str
    size_pt: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    hidden: bool


@dataclass(frozen=True)
class ParagraphFormat:
    align: str
    first_line_cm: float
    left_cm: float
    space_before_pt: float
    space_after_pt: float
    #: "auto" (a multiple of a single line), "exact" or "atLeast".
    line_rule: str
    #: For "auto" the multiple (1.0 is single), else points.
    line: float
    keep_with_next: bool
    page_break_before: bool
    #: A solid line under the paragraph (its bottom border), as rules are drawn.
    bottom_border: bool
    #: The list the paragraph is an item of, and its level (Word's own numbering).
    num_id: str | None
    level: int


_ALIGN = {"both": "justify", "distribute": "justify", "start": "left", "end": "right",
          "left": "left", "right": "right", "center": "center"}  # fmt: skip


def _twips(value: str | None, unit: float = 1 / 20) -> float:
    try:
        return float(value or 0) * unit
    except ValueError:  # "1in", "2.5cm": the universal measures of strict documents
        return _measure(value or "0")


def _measure(text: str) -> float:
    """A universal measure (ST_UniversalMeasure) in points."""
    units = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}
    for suffix, factor in units.items():
        if text.endswith(suffix):
            try:
                return float(text[: -len(suffix)]) * factor
            except ValueError:
                return 0.0
    return 0.0


@dataclass
class _Style:
    kind: str
    based_on: str | None
    name: str
    ppr: Props
    rpr: Props


@dataclass
class Styles:
    """The styles part, the theme's fonts and the list definitions of one document."""

    styles: dict[str, _Style] = field(default_factory=dict)
    default_ppr: Props = field(default_factory=dict)
    default_rpr: Props = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    theme_fonts: dict[str, str] = field(default_factory=dict)
    numbering: etree._Element | None = None

    @classmethod
    def read(cls, styles: etree._Element | None, theme: etree._Element | None,
             numbering: etree._Element | None) -> Styles:  # fmt: skip
        found = cls(numbering=numbering)
        if styles is not None:
            defaults = styles.find(w("docDefaults"))
            if defaults is not None:
                found.default_rpr = _props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
                found.default_ppr = _props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
            for element in styles.iter(w("style")):
                sid = element.get(w("styleId"), "")
                kind = element.get(w("type"), "paragraph")
                based = element.find(w("basedOn"))
                name = element.find(w("name"))
                found.styles[sid] = _Style(
                    kind,
                    None if based is None else based.get(w("val")),
                    sid if name is None else name.get(w("val"), sid),
                    _props(element.find(w("pPr"))),
                    _props(element.find(w("rPr"))),
                )
                if is_on({"val": element.get(w("default"), "0")}):
                    found.defaults.setdefault(kind, sid)
        if theme is not None:
            for scheme in ("major", "minor"):
                for script, slot in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                    face = theme.find(f".//{{{_A}}}{scheme}Font/{{{_A}}}{script}")
                    if face is not None:
                        found.theme_fonts[f"{scheme}{slot}"] = face.get("typeface", "")
                found.theme_fonts.setdefault(f"{scheme}Ascii", found.theme_fonts.get(
                    f"{scheme}HAnsi", ""))  # fmt: skip
        return found

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        return style.name if style else ""

    def chain(self, style_id: str | None, kind: str) -> list[_Style]:
        """A style and the styles it is based on, the base first (a loop is cut)."""
        if style_id is None or style_id not in self.styles:
            style_id = self.defaults.get(kind)
        found: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            if style.kind != kind:
                break
            found.append(style)
            style_id = style.based_on
        return found[::-1]

    def style_props(self, style_id: str | None, kind: str, which: str) -> Props:
        """One style's properties through its bases (a derived style overrides its base)."""
        merged: Props = {}
        for style in self.chain(style_id, kind):
            _merge(merged, style.ppr if which == "ppr" else style.rpr)
        return merged

    def level(self, num_id: str | None, level: int) -> etree._Element | None:
        """The ``w:lvl`` of a list's level: the list's override, else its abstract list's."""
        if self.numbering is None or not num_id or num_id == "0":
            return None
        for num in self.numbering.iter(w("num")):
            if num.get(w("numId")) != num_id:
                continue
            for override in num.iter(w("lvlOverride")):
                if override.get(w("ilvl")) == str(level):
                    lvl = override.find(w("lvl"))
                    if lvl is not None:
                        return lvl
            abstract = num.find(w("abstractNumId"))
            wanted = None if abstract is None else abstract.get(w("val"))
            for definition in self.numbering.iter(w("abstractNum")):
                if definition.get(w("abstractNumId")) == wanted:
                    for lvl in definition.iter(w("lvl")):
                        if lvl.get(w("ilvl")) == str(level):
                            return lvl
        return None

    # -- resolution -----------------------------------------------------------------

    def paragraph_props(self, ppr: etree._Element | None, table_style: str | None) -> Props:
        direct = _props(ppr)
        style_id = direct.get("pStyle", {}).get("val")
        merged: Props = {}
        _merge(merged, self.default_ppr)
        if table_style:
            _merge(merged, self.style_props(table_style, "table", "ppr"))
        style = self.style_props(style_id, "paragraph", "ppr")
        num_id, level = _numbering({**style, **direct})
        lvl = self.level(num_id, level)
        if lvl is not None:
            _merge(merged, _props(lvl.find(w("pPr"))))
        _merge(merged, style)
        _merge(merged, direct)
        return merged

    def run_props(self, paragraph_style: str | None, rpr: etree._Element | None,
                  table_style: str | None) -> Props:  # fmt: skip
        direct = _props(rpr)
        merged: Props = {}
        _merge(merged, self.default_rpr)
        levels = []
        if table_style:
            levels.append(self.style_props(table_style, "table", "rpr"))
        levels.append(self.style_props(paragraph_style, "paragraph", "rpr"))
        char_style = direct.get("rStyle", {}).get("val")
        if char_style:
            levels.append(self.style_props(char_style, "character", "rpr"))
        for layer in levels:
            for name, attrs in layer.items():
                if name in TOGGLES:
                    if is_on(attrs):  # a style toggles; "off" in a style changes nothing
                        on = not is_on(merged.get(name))
                        merged[name] = {"val": "1" if on else "0"}
                else:
                    _merge(merged, {name: attrs})
        _merge(merged, direct)
        return merged

    def run_format(self, props: Props, text: str = "") -> RunFormat:
        size = props.get("sz", {}).get("val")
        underline = props.get("u", {}).get("val", "none" if "u" not in props else "single")
        return RunFormat(
            font=self.font(props.get("rFonts", {}), text),
            # §17.3.2.38: 10 pt when unset, and when the value is none ("abc")
            size_pt=(_twips(size, 0.5) or 10.0) if size else 10.0,
            bold=is_on(props.get("b")),
            italic=is_on(props.get("i")),
            underline=underline.lower() not in _OFF,
            caps=is_on(props.get("caps")),
            hidden=is_on(props.get("vanish")),
        )

    def font(self, fonts: dict[str, str], text: str) -> str:
        """The font of the slot Word uses for ``text``: ASCII letters, else the rest of
        Latin (Vietnamese letters are in it)."""
        slot = "ascii" if text.isascii() else "hAnsi"
        theme = fonts.get(f"{slot}Theme")
        if theme:
            return self.theme_fonts.get(theme, "")
        return fonts.get(slot) or fonts.get("ascii") or fonts.get("hAnsi") or ""

    def paragraph_format(self, props: Props) -> ParagraphFormat:
        ind = props.get("ind", {})
        spacing = props.get("spacing", {})
        if "hanging" in ind:
            first = -_twips(ind["hanging"])
        elif "firstLineChars" in ind and "firstLine" not in ind:
            first = 0.0  # measured in characters: no fixed length to compare
        else:
            first = _twips(ind.get("firstLine"))
        rule = spacing.get("lineRule", "auto")
        line_value = spacing.get("line")
        if rule == "auto":
            line = _twips(line_value, 1 / 240) if line_value else 1.0
        else:
            line = _twips(line_value)
        num_id, level = _numbering(props)
        return ParagraphFormat(
            align=_ALIGN.get(props.get("jc", {}).get("val", "left"), "left"),
            first_line_cm=first * 2.54 / 72,
            left_cm=_twips(ind.get("left", ind.get("start"))) * 2.54 / 72,
            space_before_pt=_spacing(spacing, "before"),
            space_after_pt=_spacing(spacing, "after"),
            line_rule="exact" if rule == "exact" else rule,
            line=line,
            keep_with_next=is_on(props.get("keepNext")),
            page_break_before=is_on(props.get("pageBreakBefore")),
            bottom_border=props.get("pBdr.bottom", {}).get("val", "nil") not in ("nil", "none"),
            num_id=num_id,
            level=level,
        )


def _spacing(spacing: dict[str, str], side: str) -> float:
    if is_on({"val": spacing.get(f"{side}Autospacing", "0")}):
        return 14.0  # Word's "auto" space between paragraphs (as HTML's)
    if f"{side}Lines" in spacing and side not in spacing:
        return _twips(spacing[f"{side}Lines"], 0.12)  # hundredths of a 12 pt line
    return _twips(spacing.get(side))


def _numbering(props: Props) -> tuple[str | None, int]:
    num = props.get("numPr", {})
    level = num.get("ilvl", "0") or "0"
    # A level Word could not have written ("x", "-1") is the first, as Word reads it.
    return num.get("numId"), int(level) if level.isdigit() and int(level) < 9 else 0


def runs_of(element: etree._Element) -> Iterator[etree._Element]:
    """Runs in reading order, as Word shows them with tracked changes accepted: inserted
    and moved-in text kept, deleted and moved-out text dropped, hyperlinks, content
    controls, smart tags and simple fields opened (a field shows its result)."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if child.tag == w("r"):
            yield child
        elif name in ("del", "moveFrom") and etree.QName(child).namespace == W:
            continue
        elif name in ("ins", "moveTo", "hyperlink", "smartTag", "fldSimple", "customXml",
                      "sdtContent", "dir", "bdo"):  # fmt: skip
            yield from runs_of(child)
        elif name == "sdt":
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from runs_of(content)
