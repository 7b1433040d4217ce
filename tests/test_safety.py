"""Rendering safety: record text is never code or markup; nothing is fetched; paths stay put."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import InputError, Renderer, render
from generator.errors import TemplateError
from generator.inputs.locations import builtin_profiles
from generator.model.metadata import Metadata
from generator.model.profiles import load_profile
from generator.output.formats import Document
from generator.output.pdf import Writer
from generator.resources import templates_dir

from conftest import RECORD, write_yaml
from readback import docx_words, pdf_words

NASTY = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}lặp{% endfor %}",
    "<script>alert('x')</script>",
    '<img src="file:///etc/passwd">',
    '<img src="http://example.invalid/a.png">',
    "Tom & Jerry",
    "]]> <![CDATA[",
    "&lt;b&gt; đã thoát",
]


def test_injection_corpus_is_printed_literally_in_docx_and_pdf(project: Path) -> None:
    write_yaml(project / "record.yaml", {**RECORD, "limitations": NASTY, "directives": []})
    outputs = render([project / "record.yaml"], out=project / "out").outputs
    for output in outputs:
        read = docx_words if output.format == "docx" else pdf_words
        text = " ".join(read(output.path))
        for nasty in NASTY:
            assert " ".join(nasty.split()) in text, (output.format, nasty)
        assert "49" not in text  # {{ 7*7 }} was not evaluated


def _document(html: str, asset_dirs: tuple[Path, ...]) -> Document:
    profile = load_profile(builtin_profiles()["hd36"])
    meta = Metadata("t", "a", "s", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    return Document(html, "", profile, meta, Path("record.yaml"), asset_dirs)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.invalid/x.png",
        (templates_dir() / ".." / ".." / "etc" / "passwd").as_uri(),
        "file://" + str(templates_dir()) + "/../../../../etc/hostname",
    ],
)
def test_fetcher_refuses_everything_outside_the_allowed_folders(url: str) -> None:
    html = (
        f'<html><body><p>a</p><img src="{url}"><link rel="stylesheet" href="{url}"></body></html>'
    )
    with pytest.raises(TemplateError) as refused:
        Writer().write(_document(html, ()))
    (problem,) = refused.value.problems
    assert url in problem.message or url.replace("/../", "/") in problem.message


def test_fetcher_serves_files_inside_the_template_folder(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
        'height="10"/></svg>',
        "utf-8",
    )
    html = f'<img src="{(tmp_path / "logo.svg").as_uri()}">'
    assert Writer().write(_document(html, (tmp_path,))).startswith(b"%PDF")


def test_record_id_cannot_escape_the_output_folder(project: Path) -> None:
    write_yaml(project / "record.yaml", {**RECORD, "id": "../../x"})
    with pytest.raises(InputError, match="may hold only letters"):
        render([project / "record.yaml"], out=project / "out")
    assert not (project / "out").exists()


def test_output_never_overwrites_an_input(project: Path) -> None:
    write_yaml(project / "record.yaml", {**RECORD, "id": "minutes"})
    victim = project / "minutes.tb.pdf"
    write_yaml(victim, {**RECORD, "id": "other"})  # an input named like record.yaml's output
    with pytest.raises(InputError, match="would overwrite an input"):
        render([project / "record.yaml", victim], formats=("pdf",), out=project,
               renderer=Renderer())  # fmt: skip
