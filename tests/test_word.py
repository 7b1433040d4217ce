"""Word-grade DOCX: valid against the OOXML schema (Word is stricter than LibreOffice and
python-docx), declaring itself as what it is, and workable in Word: named styles that do
what they say, headings in the Navigation pane."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openxml_audit import OpenXmlValidator

from generator import Renderer, digest, render
from generator.inputs.locations import builtin_profiles
from generator.model.components import OUTLINE_LEVELS
from generator.model.profiles import load_profile
from generator.output.docx.styles import style_name

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "records"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example's tb and bc and the 2023 digest in every profile, and an override."""
    out = tmp_path_factory.mktemp("word")
    renderer = Renderer()
    found: dict[str, Path] = {}
    for profile in ("hd05", "hd36", "nd30"):
        for output in render([EXAMPLES], docs=("tb", "bc"), formats=("docx",), profile=profile,
                             out=out / profile, renderer=renderer).outputs:  # fmt: skip
            found[f"{profile}/{output.path.name}"] = output.path
        (output,) = digest([EXAMPLES], period="2023", formats=("docx",), profile=profile,
                           out=out / profile, renderer=renderer).outputs  # fmt: skip
        found[f"{profile}/{output.path.name}"] = output.path
    mine = out / "mine" / "documents"
    mine.mkdir(parents=True)
    (mine / "tb.html.j2").write_text(
        '{% extends "builtin/documents/tb.html.j2" %}{% block recipients %}'
        '<p class="recipients-label">Nơi nhận:</p><p class="recipient">- Như trên;</p>'
        "{% endblock %}",
        encoding="utf-8",
    )
    (output,) = render([EXAMPLES / "2024-09-25-giao-ban-quy-3.yaml"], formats=("docx",),
                       templates=[out / "mine"], out=out / "override").outputs  # fmt: skip
    found["override/tb.docx"] = output.path
    return found


def test_every_docx_is_valid_against_the_ooxml_schema(documents: dict[str, Path]) -> None:
    assert len(documents) == 34  # 3 profiles × (5 × tb, bc and the digest), an override
    validator = OpenXmlValidator(max_errors=0)
    found = {}
    for name, path in documents.items():
        result = validator.validate(str(path))
        found[name] = [f"{e.path}: {e.description}" for e in result.errors]
    assert {name: errors for name, errors in found.items() if errors} == {}


def test_the_validator_finds_children_out_of_schema_order(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    """The check above can fail: a rule's border moved after its spacing is reported."""
    doc = Document(str(documents["hd36/2024-09-25-giao-ban-quy-3.tb.docx"]))
    ppr = next(p._p.pPr for p in doc.tables[0].cell(0, 1).paragraphs if p._p.pPr is not None
               and p._p.pPr.find(qn("w:pBdr")) is not None)  # fmt: skip
    ppr.append(ppr.find(qn("w:pBdr")))
    broken = tmp_path / "broken.docx"
    doc.save(str(broken))
    assert not OpenXmlValidator().validate(str(broken)).is_valid


def _part(path: Path, name: str) -> str:
    return zipfile.ZipFile(path).read(name).decode("utf-8")


def test_the_document_declares_itself_as_what_it_is(documents: dict[str, Path]) -> None:
    path = documents["nd30/2023-12-01-giao-ban-hoi-quan-chung.tb.docx"]
    settings = _part(path, "word/settings.xml")
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" ' \
        'w:val="15"' in settings  # fmt: skip
    assert "proofState" not in settings and "ja-JP" not in settings
    assert '<w:themeFontLang w:val="vi-VN"/>' in settings
    app = _part(path, "docProps/app.xml")
    assert "<Application>giaoban</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app
    assert "python-docx" not in _part(path, "docProps/core.xml")
    names = zipfile.ZipFile(path).namelist()
    assert "word/numbering.xml" not in names and "docProps/thumbnail.jpeg" not in names
    assert 'w:lang w:val="vi-VN"' in _part(path, "word/styles.xml")


@pytest.mark.parametrize("profile", ["hd05", "hd36", "nd30"])
def test_styles_carry_vietnamese_names_and_do_what_they_say(
    documents: dict[str, Path], profile: str
) -> None:
    doc = Document(str(documents[f"{profile}/2024-09-25-giao-ban-quy-3.tb.docx"]))
    rules = load_profile(builtin_profiles()[profile])
    ours = [s for s in doc.styles if s.name and s.name.startswith("VB ")]
    assert len(ours) == len(rules.styles()) + 1  # every component, and the rule
    assert style_name("doc-summary") == "VB Trích yếu"
    for component, style in rules.styles().items():
        word = doc.styles[style_name(component)]
        assert word.font.size.pt == style.size_pt
        assert bool(word.font.bold) == style.bold and bool(word.font.italic) == style.italic
        assert bool(word.font.all_caps) == style.upper, component
        level = word.element.pPr.find(qn("w:outlineLvl")) if word.element.pPr is not None else None
        expected = OUTLINE_LEVELS.get(component)
        assert (None if level is None else int(level.get(qn("w:val")))) == expected, component


def test_headings_show_in_the_navigation_pane(documents: dict[str, Path]) -> None:
    doc = Document(str(documents["hd36/2024-09-25-giao-ban-quy-3.tb.docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == style_name("subsection")]
    assert headings == ["1. Đánh giá kết quả", "2. Nhiệm vụ thời gian tới"]
