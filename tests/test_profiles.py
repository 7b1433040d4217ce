"""Profiles are data: a third profile is a file, with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Mm, Pt
from pypdf import PdfReader

from generator import InputError, render
from generator.inputs.locations import builtin_profiles
from generator.output.docx.styles import style_name

from conftest import SETTINGS, write_yaml
from readback import MM, chars_of, pdf_pages


def made_up_profile(tmp_path: Path) -> Path:
    data = yaml.safe_load(builtin_profiles()["nd30"].read_text(encoding="utf-8"))
    data["name"] = "made-up"
    data["page"] = {"width_mm": 148, "height_mm": 210,
                    "margins_mm": {"top": 15, "bottom": 15, "left": 20, "right": 10}}  # fmt: skip
    data["components"]["doc-type"]["size_pt"] = 18
    data["number"]["format"] = "No. {number} ({type}/{issuer})"
    data["number"]["min_digits"] = 3
    data["header"]["national"] = [{"text": "Made-up Republic", "size_pt": 11, "bold": True}]
    return write_yaml(tmp_path / "profiles" / "made-up.yaml", data)


def test_a_new_profile_is_a_file(project: Path) -> None:
    profile = made_up_profile(project)
    out = project / "out"
    render([project / "record.yaml"], profile=str(profile), out=out)
    docx = Document(str(out / "record.tb.docx"))
    section = docx.sections[0]
    assert abs(section.page_width - Mm(148)) < Mm(0.2)
    assert abs(section.left_margin - Mm(20)) < Mm(0.2)
    assert docx.styles[style_name("doc-type")].font.size == Pt(18)
    assert docx.tables[0].cell(1, 0).paragraphs[0].text == "No. 005 (TB/TU)"
    assert docx.tables[0].cell(0, 1).paragraphs[0].text == "Made-up Republic"
    pdf = out / "record.tb.pdf"
    box = PdfReader(pdf).pages[0].mediabox
    assert abs(float(box.width) - 148 * MM) < 0.5
    assert {c["size"] for c in chars_of(pdf, "THÔNG BÁO")} == {18}
    assert "No. 005 (TB/TU)" in pdf_pages(pdf)[0]


def test_settings_may_name_a_profile_file_relative_to_themselves(project: Path) -> None:
    made_up_profile(project)
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "profiles/made-up.yaml"})
    (output,) = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    text = Document(str(output.path)).tables[0].cell(1, 0).paragraphs[0].text
    assert text == "No. 005 (TB/TU)"


def test_unknown_profile_lists_the_available_ones(project: Path) -> None:
    with pytest.raises(InputError, match="available: hd05, hd36, nd30"):
        render([project / "record.yaml"], profile="hd99", out=project / "out")


def test_profile_missing_a_component_is_reported(project: Path) -> None:
    path = made_up_profile(project)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["components"]["sig-name"]
    write_yaml(path, data)
    with pytest.raises(InputError, match=r"components\.sig-name"):
        render([project / "record.yaml"], profile=str(path), out=project / "out")


def _number_line(output: Path) -> str:
    return str(Document(str(output)).tables[0].cell(1, 0).paragraphs[0].text)


def test_a_relative_profile_option_is_one_file_for_loading_and_hashing(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: ``--profile mine.yaml`` was hashed from the working folder but loaded
    from the settings' folder, so edits to it were not seen."""
    work = tmp_path_factory.mktemp("work")
    profile = made_up_profile(work)
    monkeypatch.chdir(work)
    out = project / "out"
    options = {"profile": "profiles/made-up.yaml", "formats": ("docx",), "out": out}
    (first,) = render([project / "record.yaml"], **options).outputs
    assert _number_line(first.path) == "No. 005 (TB/TU)"
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["number"]["format"] = "Nr. {number} ({type}/{issuer})"
    write_yaml(profile, data)
    (again,) = render([project / "record.yaml"], **options).outputs  # seen as changed
    assert _number_line(again.path) == "Nr. 005 (TB/TU)"


def test_a_relative_profile_option_is_relative_to_the_working_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_up_profile(project)  # beside the settings, not in the working folder
    work = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(work)
    with pytest.raises(InputError) as refused:
        render([project / "record.yaml"], profile="profiles/made-up.yaml", out=project / "out")
    assert f"relative to {work.resolve()}" in str(refused.value)


def test_edits_to_the_settings_profile_file_are_seen(project: Path) -> None:
    profile = made_up_profile(project)
    write_yaml(project / "giaoban.yaml", {**SETTINGS, "profile": "profiles/made-up.yaml"})
    render([project / "record.yaml"], formats=("docx",), out=project / "out")
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["number"]["min_digits"] = 4
    write_yaml(profile, data)
    (again,) = render([project / "record.yaml"], formats=("docx",), out=project / "out").outputs
    assert _number_line(again.path) == "No. 0005 (TB/TU)"
