"""Input that passed `validate` but crashed rendering, found by trying what a hostile or a
careless user would: each is now rendered, or refused alike by `validate` and `render`
with exit 1 at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document

from generator.cli.command import main
from generator.inputs.locations import builtin_profiles

from conftest import RECORD, write_yaml
from readback import pdf_pages


def test_a_title_longer_than_a_docx_property_renders(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Hội nghị giao ban " + "khối Mặt trận Tổ quốc và các tổ chức chính trị – xã hội " * 5
    write_yaml(project / "record.yaml", {**RECORD, "title": title.strip()})
    assert main(["render", str(project / "record.yaml"), "--out", str(project / "out")]) == 0
    docx = Document(str(project / "out" / "record.tb.docx"))
    assert len(docx.core_properties.title) == 255 and docx.core_properties.title.endswith("…")
    assert "Thông báo - Hội nghị giao ban khối" in docx.core_properties.title
    text = " ".join(p.text for p in docx.paragraphs).replace("\u00a0", " ")
    assert title.strip()[-40:] in text  # the document itself keeps the whole title
    assert pdf_pages(project / "out" / "record.tb.pdf")


@pytest.mark.parametrize("command", ["validate", "render"])
def test_control_characters_are_refused_alike_by_validate_and_render(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (project / "record.yaml").read_text(encoding="utf-8")
    text = text.replace("- Một số mô hình chưa sát thực tế.", '- "Một số \\x0b mô hình"')
    (project / "record.yaml").write_text(text, encoding="utf-8")
    assert main([command, str(project / "record.yaml"), "--out" if command == "render" else "-v",
                 *([str(project / "out")] if command == "render" else [])]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "U+000B" in err and "Traceback" not in err
    assert not (project / "out").exists()


@pytest.mark.parametrize("epoch", ["99999999999", "0", "4294967296"])
def test_any_source_date_epoch_gives_a_package(
    project: Path, epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    args = ["render", str(project / "record.yaml"), "--to", "docx", "--out", str(project / "o")]
    assert main(args) == 0
    assert Document(str(project / "o" / "record.tb.docx")).paragraphs


def test_an_issue_date_outside_the_years_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["digest", str(project), "--period", "2024-Q4", "--date", "31/12/9999"]
    assert main(args) == 2
    assert "outside the years 1900–2100" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["{numbr}", "{plce}", "{0}", "{number:d}", "{number", "}"])
def test_a_typo_in_a_profile_line_is_refused_at_its_line(
    project: Path, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(builtin_profiles()["hd36"].read_text(encoding="utf-8"))
    key = "date_line" if line == "{plce}" else "number"
    data[key]["format"] = f"Số {line}-TB"
    profile = write_yaml(project / "mine.yaml", data)
    args = ["render", str(project / "record.yaml"), "--profile", str(profile), "--out",
            str(project / "out")]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err
    number = next(i for i, t in enumerate(profile.read_text("utf-8").splitlines(), 1)
                  if t.strip().startswith("format: Số"))  # fmt: skip
    assert (f"{profile}:{number}:" in err and "{number}" in err) or "{place}" in err, err
    assert "Internal" not in err and "Traceback" not in err


def test_fix_refuses_a_recursive_alias(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("a: &a [*a]\n", encoding="utf-8")
    assert main(["fix", str(path)]) == 1
    assert "refers to the list or mapping that contains it" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "a: &a [*a]\n"


PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}"


def _override(folder: Path, body: str) -> Path:
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "documents" / "tb.html.j2").write_text(
        '{% extends "builtin/documents/tb.html.j2" %}\n'
        f"{{% block summary %}}{body}{{% endblock %}}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("how", ["option", "settings"])
def test_a_template_cannot_run_code(
    project: Path, tmp_path_factory: pytest.TempPathFactory, how: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    marker = tmp_path_factory.mktemp("victim") / "pwned"
    shared = _override(project.parent / f"shared-{how}", PAYLOAD % marker)
    args = ["render", str(project / "record.yaml"), "--out", str(project / "out")]
    if how == "option":
        args += ["--templates", str(shared)]
    else:  # a giaoban.yaml on a shared drive, in a folder above the records
        settings = yaml.safe_load((project / "giaoban.yaml").read_text(encoding="utf-8"))
        write_yaml(project / "giaoban.yaml", {**settings, "templates": f"../{shared.name}"})
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "templates may not do" in err and "tb.html.j2:2:" in err
    assert not marker.exists()
    assert not (project / "out").exists()


def test_a_link_in_a_templates_folder_cannot_bring_in_other_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _override(project / "mine", '{% include "etc/passwd" %}')
    (folder / "etc").symlink_to("/etc")
    args = ["render", str(project / "record.yaml"), "--templates", str(folder), "--out",
            str(project / "out")]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "is a link to /etc/passwd, outside the templates folder" in err
    assert not (project / "out").exists()


def test_templates_naming_the_root_folder_is_refused_quickly(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = yaml.safe_load((project / "giaoban.yaml").read_text(encoding="utf-8"))
    write_yaml(project / "giaoban.yaml", {**settings, "templates": "/"})
    assert main(["render", str(project / "record.yaml"), "--out", str(project / "out")]) == 1
    assert "holds more than 2000 files" in capsys.readouterr().err


def test_an_unreadable_file_in_a_templates_folder_does_not_stop_the_run(project: Path) -> None:
    folder = _override(project / "mine", "Kết luận riêng")
    (folder / "secret").symlink_to("/root/.nonexistent/denied")  # a link nothing can read
    (folder / "locked.j2").write_text("x", encoding="utf-8")
    (folder / "locked.j2").chmod(0)
    args = ["render", str(project / "record.yaml"), "--templates", str(folder), "--out",
            str(project / "out")]  # fmt: skip
    assert main(args) == 0


def test_a_damaged_state_file_means_rendering_everything(project: Path) -> None:
    out = project / "out"
    out.mkdir()
    (out / ".giaoban-state.json").write_text("[" * 100_000, encoding="utf-8")
    assert main(["render", str(project / "record.yaml"), "--out", str(out), "-q"]) == 0
    assert (out / "record.tb.pdf").exists()
